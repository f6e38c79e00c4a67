//! argsat: a solver for Dung-style abstract argumentation frameworks.
//!
//! Frameworks are read from ICCMA 2023, APX or TGF files ([`read_file`], [`parse`]) or
//! built ([`FrameworkBuilder`]); grounded semantics is a linear-time fixpoint; complete,
//! preferred, stable, semi-stable, stage and ideal semantics use incremental SAT calls
//! (CaDiCaL or varisat, or any IPASIR solver's shared library, chosen at run time:
//! [`Backend`]). A [`Solver`] answers every task of one semantics on one framework, which
//! it owns or shares ([`Arc`](std::sync::Arc)), and keeps what it learns between
//! questions; its calls stop early when asked ([`Interrupt`], a deadline in [`Options`]).
//!
//! ```
//! use std::sync::Arc;
//! use argsat::{Semantics, read_file, solver};
//!
//! // Read a file (the format comes from the extension, else from the content).
//! let (af, _format) = read_file("frameworks/floating.apx".as_ref(), None)?;
//! let af = Arc::new(af);
//! let d = af.find("d").expect("the file names an argument d");
//!
//! // Pick a semantics, ask credulous and sceptical questions: each answer comes with
//! // its certificate (an extension with `d`, or one without it).
//! let mut preferred = solver(Arc::clone(&af), Semantics::Preferred);
//! let yes = preferred.credulous(d)?;
//! assert!(yes.accepted && yes.certificate.unwrap().contains(&d));
//! assert!(preferred.sceptical(d)?.accepted);
//!
//! // Enumerate, streaming: the closure sees each extension as it is found.
//! let mut names = Vec::new();
//! preferred.enumerate(&mut |ext| {
//!     names.push(ext.iter().map(|&a| af.display_name(a).to_string()).collect::<Vec<_>>());
//!     true // keep going
//! })?;
//! assert_eq!(names.len(), 2);
//!
//! // Grounded semantics needs no SAT: the labelling, in linear time.
//! let labels = argsat::grounded_labelling(&af);
//! assert_eq!(labels.label(d), argsat::Label::Undec);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`Options`] choose the backend, the enumeration budget, which certificates suffice
//! and when calls stop ([`solver_with`]); [`verify`] checks certificates independently of
//! the solvers; [`explain`](mod@explain) says why an argument is or is not accepted;
//! [`dynamic`] is the incremental solver of a changing framework; [`generate`] writes
//! benchmark families; `render` (the `render` feature) draws pictures. The command line,
//! the benchmark harness and the IPAFAIR C library are built over this crate (the
//! `argsat-cli` crate; the `ipafair` feature, on by default).

#![warn(missing_docs)]

pub mod aba;
pub mod af;
pub mod certify;
pub mod dynamic;
pub(crate) mod encode;
pub mod explain;
pub mod format;
pub mod generate;
#[cfg(feature = "ipafair")]
mod ipafair;
mod label;
pub mod proofcheck;
#[cfg(feature = "render")]
pub mod render;
pub(crate) mod sat;
pub(crate) mod search;
pub mod semantics;
mod stop;
mod subframework;
pub mod task;
pub mod verify;

pub use af::{Arg, Framework, FrameworkBuilder};
pub use format::{Format, ParseError, ParseErrorKind, ReadError, parse, read_file};
pub use sat::Backend;
#[cfg(unix)]
pub use sat::{IpasirError, IpasirLibrary};
pub use semantics::{
    Certificates, Decision, Label, Labelling, Options, Solver, Walk, grounded_labelling, solver,
    solver_with,
};
pub use stop::{Interrupt, Stopped};
pub use task::{Problem, Semantics, Task, UnknownName};
pub use verify::Violation;
