//! Benchmarking ICCMA solvers: plan runs, run them under limits, check every answer,
//! record results, and report and plot them (`argsat bench`).
//!
//! `plan` builds the run list (instances x tasks x solvers, queries from `.arg` files,
//! shards); `process` runs one solver under a wall-clock and memory limit, from a
//! launcher process; `answer` reads and checks its output with [`argsat::verify`];
//! `results` appends records to a JSON-lines file (and resumes from one); `judge`
//! compares answers across solvers; `report` and `plot` summarise; `run` ties them
//! together ([`bench()`], [`report()`]); `slurm` runs a campaign as a Slurm job array
//! ([`campaign()`]).

pub(crate) mod aba_answer;
pub(crate) mod answer;
pub(crate) mod certify;
pub(crate) mod judge;
pub(crate) mod plan;
pub(crate) mod plot;
pub(crate) mod process;
pub(crate) mod report;
pub(crate) mod results;
pub(crate) mod run;
pub(crate) mod slurm;

pub use answer::{Certificate, Checked, read_answer};
pub use judge::Outcome;
pub use plan::Shard;
pub use process::{Finished, Limits, run_isolated};
pub use report::{Report, Score};
pub use results::{Record, Status, read as read_results};
pub use run::{BenchError, BenchOptions, SlurmOptions, bench, remove_scratch, report};
pub use slurm::{CampaignEnd, campaign};

/// When `args` (a command line, program name first) start a launcher (the process
/// [`run_isolated`] starts, as `argsat __bench-run ...`), runs it and returns its exit
/// code; else `None`. The `argsat` binary calls this first.
#[doc(hidden)]
pub fn launcher(args: &[std::ffi::OsString]) -> Option<std::process::ExitCode> {
    if args.get(1).is_none_or(|a| a != process::LAUNCHER) {
        return None;
    }
    let rest: Vec<String> = args[2..].iter().map(|a| a.to_string_lossy().into_owned()).collect();
    Some(match process::launch(&rest) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("argsat {}: {e}", process::LAUNCHER);
            std::process::ExitCode::from(2)
        }
    })
}
