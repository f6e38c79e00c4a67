//! The one integration-test binary: parsing, semantics against brute force, the
//! benchmark corpus against reference answers, and the command line. It belongs to the
//! `argsat-cli` package (it runs the `argsat` binary), and lives at the repository's top.

mod aba;
mod aba_cli;
mod aba_corpus;
mod cli;
mod corpus;
mod dynamic;
mod explain;
mod generate;
mod harness;
mod ipafair;
mod oracle;
mod parse;
mod proofs;
mod robust;
mod semantics;
mod serve;
mod slurm;
mod stop;

/// The repository's top (the tests are the `argsat-cli` package's, in `cli/`).
pub fn root() -> &'static std::path::Path {
    std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// The folder tests write their files in: cargo's own, inside `target/`, so that nothing
/// is left in the system's temporary folder.
pub fn scratch() -> &'static std::path::Path {
    std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
}

/// Every SAT backend the tests run: those compiled in, and the IPASIR library named by
/// `ARGSAT_IPASIR=PATH` when it is set (CI sets it; a name that does not load fails).
pub fn backends() -> Vec<argsat::Backend> {
    let mut all = argsat::Backend::COMPILED.to_vec();
    if let Ok(path) = std::env::var("ARGSAT_IPASIR") {
        let spec = format!("ipasir:{path}");
        all.push(spec.parse().unwrap_or_else(|e| panic!("ARGSAT_IPASIR: {e}")));
    }
    all
}
