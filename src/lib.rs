//! argsat: a solver for Dung-style abstract argumentation frameworks.
//!
//! Frameworks are read from ICCMA 2023, APX or TGF files ([`format`](mod@format)); grounded
//! semantics is a linear-time fixpoint; complete, preferred, stable, semi-stable, stage
//! and ideal semantics use incremental SAT calls behind argsat's own solver traits
//! ([`sat`]).
//!
//! ```
//! use argsat::format::{parse, Format};
//! use argsat::semantics::{credulous, grounded_extension, some_extension};
//! use argsat::task::Semantics;
//! use argsat::af::Arg;
//!
//! // 1 attacks 2, 2 and 3 attack each other.
//! let af = parse(b"p af 3\n1 2\n2 3\n3 2\n", Format::Iccma23).unwrap();
//! assert_eq!(grounded_extension(&af), vec![Arg(0), Arg(2)]);
//! assert!(some_extension(&af, Semantics::Stable).is_some());
//! assert!(!credulous(&af, Semantics::Preferred, Arg(1)).accepted);
//! ```

#![warn(missing_docs)]

pub mod af;
pub mod bench;
pub mod cli;
pub mod encode;
pub mod format;
pub mod generate;
pub mod sat;
pub mod semantics;
pub mod task;
pub mod verify;

pub use af::{Arg, Framework, FrameworkBuilder};
pub use format::{Format, ParseError, ParseErrorKind, ReadError};
pub use semantics::{Decision, Label, Labelling};
pub use task::{Problem, Semantics, Task};
