//! The one integration-test binary: parsing, semantics against brute force, the
//! benchmark corpus against reference answers, and the command line.

mod bench;
mod benchmarks;
mod cli;
mod generate;
mod oracle;
mod parse;
mod semantics;
