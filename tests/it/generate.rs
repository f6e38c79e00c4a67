//! `argsat generate`: reproducible bytes, the requested size, a query beside the file.

use std::process::Command;

use argsat::format::{Format, parse};
use sha1::{Digest, Sha1};

fn generate(args: &[&str]) -> Vec<u8> {
    let o = Command::new(env!("CARGO_BIN_EXE_argsat")).arg("generate").args(args).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o.stdout
}

fn sha1_hex(bytes: &[u8]) -> String {
    Sha1::digest(bytes).iter().map(|b| format!("{b:02x}")).collect::<String>()[..16].to_owned()
}

#[test]
fn same_seed_same_bytes_and_the_requested_size() {
    for family in ["er", "ba", "ws", "grid", "scc", "admbuster"] {
        let a = generate(&[family, "--args", "500", "--seed", "42"]);
        assert_eq!(a, generate(&[family, "--args", "500", "--seed", "42"]), "{family}");
        let af = parse(&a, Format::Iccma23).unwrap();
        assert_eq!(af.len(), 500, "{family}");
        assert!(af.num_attacks() > 0, "{family}");
        if family != "admbuster" {
            assert_ne!(a, generate(&[family, "--args", "500", "--seed", "43"]), "{family}");
        }
    }
}

/// Pins the bytes: a change here changes every benchmark set made with argsat, so it must
/// be deliberate (and announced).
#[test]
fn bytes_are_pinned() {
    let pins = [
        ("er", "9375c4c730dd4e4a"),
        ("ba", "dfe6f54deceec74a"),
        ("ws", "f8c15519af0d5c46"),
        ("grid", "13bee1ad85427d35"),
        ("scc", "132ac1584b67a27b"),
        ("admbuster", "df3b5700ab942d16"),
    ];
    let got: Vec<(&str, String)> = pins
        .iter()
        .map(|(f, _)| (*f, sha1_hex(&generate(&[f, "--args", "200", "--seed", "7"]))))
        .collect();
    let want: Vec<(&str, String)> = pins.iter().map(|(f, h)| (*f, h.to_string())).collect();
    assert_eq!(got, want);
}

#[test]
fn output_file_gets_a_query() {
    let dir = crate::scratch().join(format!("argsat-gen-it-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("ws.af");
    let o = Command::new(env!("CARGO_BIN_EXE_argsat"))
        .args(["generate", "ws", "--args", "100", "--k", "6", "-o", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("# argsat generate ws --args 100 --seed 1 --k 6\np af 100\n"),
        "{text}"
    );
    let q: u32 = std::fs::read_to_string(dir.join("ws.af.arg")).unwrap().trim().parse().unwrap();
    assert!((1..=100).contains(&q));
    let o = Command::new(env!("CARGO_BIN_EXE_argsat"))
        .args(["generate", "ws", "--args", "100", "--k", "5"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn aba_frameworks_of_the_iccma_generators_shape() {
    let args =
        ["aba", "--args", "300", "--seed", "5", "--assumption-ratio", "0.3", "--max-rules", "4"];
    let a = generate(&args);
    assert_eq!(a, generate(&args));
    let text = String::from_utf8(a.clone()).unwrap();
    assert!(text.starts_with("# argsat generate aba --args 300 --seed 5"), "{text}");
    let fw = argsat::aba::parse(&a, argsat::aba::AbaFormat::Iccma).unwrap();
    assert_eq!((fw.len(), fw.assumptions().len()), (300, 90));
    assert!(fw.rules().all(|r| (1..=5).contains(&fw.body(r).len())));
    let other = generate(&["aba", "--args", "300", "--seed", "6"]);
    assert_ne!(a, other);
}
