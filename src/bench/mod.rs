//! Benchmarking ICCMA solvers: plan runs, run them under limits, check every answer,
//! record results, and report and plot them.
//!
//! [`plan`] builds the run list (instances x tasks x solvers, queries from `.arg` files,
//! shards); [`process`] runs one solver under a wall-clock and memory limit; [`answer`]
//! reads and checks its output; [`results`] appends records to a JSON-lines file (and
//! resumes from one); [`judge`] compares answers across solvers; [`report`] and [`plot`]
//! summarise.

pub mod answer;
pub mod judge;
pub mod plan;
pub mod plot;
pub mod process;
pub mod report;
pub mod results;

pub use judge::Outcome;
pub use plan::{Run, Shard, Solver};
pub use report::Report;
pub use results::{Record, Status};
