//! The IPAFAIR shared library driven from C: `tests/c/ipafair_test.c` is compiled with
//! the system C compiler against `include/ipafair.h` and `libargsat.so`, and run.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The folder holding `libargsat.so`: beside the binaries after `cargo build`, or only in
/// `deps/` when `cargo test` built the library for the tests (cargo does not copy it up then).
fn artifacts() -> PathBuf {
    let bin = Path::new(env!("CARGO_BIN_EXE_argsat")).parent().unwrap();
    [bin.to_path_buf(), bin.join("deps")]
        .into_iter()
        .find(|dir| dir.join("libargsat.so").exists())
        .unwrap_or_else(|| panic!("no libargsat.so in {} or its deps/", bin.display()))
}

/// Compiles `tests/c/NAME.c` against `include/ipafair.h` and `libargsat.so`.
fn compile(name: &str) -> PathBuf {
    let root = crate::root();
    let lib = artifacts();
    let exe = crate::scratch().join(format!("{name}-{}", std::process::id()));
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let built = Command::new(cc)
        .args(["-std=gnu99", "-O2", "-Wall", "-Wextra", "-Werror", "-o"])
        .arg(&exe)
        .arg(root.join(format!("tests/c/{name}.c")))
        .arg("-I")
        .arg(root.join("include"))
        .arg("-L")
        .arg(&lib)
        .arg("-largsat")
        .arg(format!("-Wl,-rpath,{}", lib.display()))
        .output()
        .expect("a C compiler (cc) runs");
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    exe
}

#[test]
fn a_c_program_drives_the_library() {
    let exe = compile("ipafair_test");
    let run = Command::new(&exe).output().unwrap();
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success() && out == "ok\n", "{out}{}", String::from_utf8_lossy(&run.stderr));
    let _ = std::fs::remove_file(&exe);
}

/// Random change sequences from C, every answer and witness checked by the program's
/// own brute force (all seven semantics, up to 8 arguments).
#[test]
fn random_changes_from_c_agree_with_brute_force() {
    let exe = compile("ipafair_random");
    for seed in 1..=6 {
        let run = Command::new(&exe).args([seed.to_string(), "400".into()]).output().unwrap();
        let out = String::from_utf8_lossy(&run.stdout);
        assert!(
            run.status.success() && out.ends_with("400 questions, 0 wrong\n"),
            "seed {seed}: {out}"
        );
    }
    let _ = std::fs::remove_file(&exe);
}
