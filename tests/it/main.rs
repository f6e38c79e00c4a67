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

/// The folder tests write their files in: cargo's own, inside `target/`, so that nothing
/// is left in the system's temporary folder.
pub fn scratch() -> &'static std::path::Path {
    std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
}
