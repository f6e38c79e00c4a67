//! The one integration-test binary: parsing, semantics against brute force, the
//! benchmark corpus against reference answers, and the command line.

mod cli;
mod corpus;
mod dynamic;
mod explain;
mod generate;
mod harness;
mod ipafair;
mod oracle;
mod parse;
mod robust;
mod semantics;
