//! The one integration-test binary: parsing, semantics against brute force, the
//! benchmark corpus against reference answers, and the command line.

mod benchmarks;
mod check;
mod cli;
mod oracle;
mod parse;
mod semantics;
