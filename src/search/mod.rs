//! The SAT search layer: an [`Engine`] (one encoded framework on one incremental
//! solver) and the search algorithms over it, one idea per file.
//!
//! - [`engine`]: solving under constraints, scopes for blocking clauses, reading models;
//! - [`constraints`]: what a search asks ([`Constraints`]) and the selector variables
//!   that turn it into assumptions, in one place;
//! - [`closure`]: set algorithms that need no SAT (ranges, defence, local growth);
//! - [`grow`]: growing a model to a maximal set or range, and maximal models under
//!   constraints;
//! - [`models`]: enumerating all models without a clause per model;
//! - [`tree`]: enumerating the maximal sets or ranges;
//! - [`largest_range`]: the core-guided search for a largest range;
//! - [`admissible`]: admissible sets containing an argument, on the part reaching it;
//! - [`walk`]: local search for stable extensions;
//! - [`turns`]: the walk and the SAT solver taking turns on one query;
//! - [`openings`]: whether a query opens with a walk, by what earlier openings paid.
//!
//! The semantics (`crate::semantics`) are thin layers over these.

pub(crate) mod admissible;
pub(crate) mod closure;
pub(crate) mod constraints;
pub(crate) mod engine;
pub(crate) mod grow;
pub(crate) mod largest_range;
pub(crate) mod models;
pub(crate) mod openings;
pub(crate) mod tree;
pub(crate) mod turns;
pub(crate) mod walk;

pub(crate) use admissible::{admissible_containing, admissible_near};
pub(crate) use constraints::{Constraints, Which};
pub(crate) use engine::Engine;
pub(crate) use openings::{Openings, SharedOpenings};
pub(crate) use turns::open;
pub(crate) use walk::KeptWalk;
