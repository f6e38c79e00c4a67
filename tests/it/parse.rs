//! Parsers: one test per error kind (line and column pinned), the grammar examples,
//! round trips through every writer, and the whole benchmark corpus.

use std::path::Path;

use argsat::format::{self, Format, ParseErrorKind as K, parse};
use argsat::{Arg, Framework};
use proptest::prelude::*;

use crate::oracle::arb_framework;

fn err(text: &str, format: Format) -> (usize, usize, K) {
    let e = parse(text.as_bytes(), format).expect_err("input must be rejected");
    (e.line, e.column, e.kind)
}

#[test]
fn missing_header() {
    assert_eq!(err("# c\n1 2\n", Format::Iccma23), (2, 1, K::MissingHeader));
    assert_eq!(err("", Format::Iccma23), (1, 1, K::MissingHeader));
}

#[test]
fn malformed_header() {
    assert_eq!(err("p af x\n", Format::Iccma23), (1, 1, K::MalformedHeader));
    assert_eq!(err("# c\n  p bf 3\n", Format::Iccma23), (2, 3, K::MalformedHeader));
    assert_eq!(err("p af 99999999999\n", Format::Iccma23), (1, 1, K::MalformedHeader));
}

#[test]
fn repeated_header() {
    assert_eq!(err("p af 3\n1 2\np af 3\n", Format::Iccma23), (3, 1, K::RepeatedHeader));
}

#[test]
fn argument_out_of_range() {
    let max = 3;
    assert_eq!(
        err("p af 3\n1 2\n0 1\n", Format::Iccma23),
        (3, 1, K::OutOfRange { value: "0".into(), max })
    );
    assert_eq!(
        err("p af 3\n1  4\n", Format::Iccma23),
        (2, 4, K::OutOfRange { value: "4".into(), max })
    );
    assert_eq!(
        err("p af 3\n1 99999999999999999999999\n", Format::Iccma23),
        (2, 3, K::OutOfRange { value: "99999999999999999999999".into(), max })
    );
}

#[test]
fn not_a_number() {
    assert_eq!(err("p af 3\n1 2\na 2\n", Format::Iccma23), (3, 1, K::NotANumber("a".into())));
    assert_eq!(err("p af 3\n1 -2\n", Format::Iccma23), (2, 3, K::NotANumber("-2".into())));
}

#[test]
fn missing_argument() {
    assert_eq!(err("p af 3\n1\n", Format::Iccma23), (2, 2, K::MissingArgument));
    assert_eq!(err("a\nb\n#\na\n", Format::Tgf), (4, 2, K::MissingArgument));
}

#[test]
fn trailing_garbage() {
    assert_eq!(err("p af 3\n1 2 3\n", Format::Iccma23), (2, 5, K::TrailingGarbage("3".into())));
    assert_eq!(err("p af 3\n1 2x\n", Format::Iccma23), (2, 4, K::TrailingGarbage("x".into())));
    assert_eq!(err("a\nb\n#\na b c\n", Format::Tgf), (4, 5, K::TrailingGarbage("c".into())));
    assert_eq!(err("a x\n", Format::Tgf), (1, 3, K::TrailingGarbage("x".into())));
    // Only spaces and tabs separate names: a form feed is reported where it stands (the
    // first of these, `\0\x0c`, panicked, found by `no_input_panics`; a NUL byte is now
    // refused first, in every format).
    let separator = K::Syntax("a space or tab between names");
    assert_eq!(err("z\x0c", Format::Tgf), (1, 2, separator.clone()));
    for f in Format::ALL {
        assert_eq!(err("\0\x0c", f), (1, 1, K::NulByte));
    }
    assert_eq!(err("a\nb\n#\na\x0cb\n", Format::Tgf), (4, 2, separator));
}

#[test]
fn undeclared_argument() {
    assert_eq!(
        err("arg(a).\natt(a, b).\n", Format::Apx),
        (2, 8, K::UndeclaredArgument("b".into()))
    );
    assert_eq!(err("a\n#\na c\n", Format::Tgf), (3, 3, K::UndeclaredArgument("c".into())));
}

/// An argument declared twice is accepted, with a warning at the second declaration (as
/// crustabri and scalop accept it).
#[test]
fn duplicate_argument() {
    for (text, fmt, at) in
        [("arg(a).\n  arg(a).\n", Format::Apx, (2, 7)), ("a\na\n", Format::Tgf, (2, 1))]
    {
        let (af, warnings) = format::parse_reporting(text.as_bytes(), fmt).unwrap();
        assert_eq!(af.len(), 1);
        let w: Vec<_> = warnings.iter().map(|w| (w.line, w.column, w.kind.clone())).collect();
        assert_eq!(w, vec![(at.0, at.1, K::DuplicateArgument("a".into()))]);
    }
    let many: String = std::iter::repeat_n("arg(a).\n", 500).collect();
    let (_, warnings) = format::parse_reporting(many.as_bytes(), Format::Apx).unwrap();
    assert_eq!(warnings.len(), format::MAX_WARNINGS);
}

#[test]
fn apx_syntax_errors() {
    let (line, column, kind) = err("arg(a).\narg(b)\natt(a,b).\n", Format::Apx);
    assert_eq!((line, column), (3, 1));
    assert!(matches!(kind, K::Syntax(_)));
    let (line, column, _) = err("arg(a).\nfoo(b).\n", Format::Apx);
    assert_eq!((line, column), (2, 1));
}

#[test]
fn invalid_utf8() {
    let bytes = b"p af 2\n# caf\xe9\n1 2\n";
    let e = parse(bytes, Format::Iccma23).unwrap_err();
    assert_eq!((e.line, e.column, e.kind), (2, 6, K::InvalidUtf8));
}

#[test]
fn io_error_carries_the_path() {
    let e = format::read_file(Path::new("/nonexistent/x.af"), None).unwrap_err();
    assert!(e.to_string().starts_with("/nonexistent/x.af: "), "{e}");
}

#[test]
fn lenient_iccma_input() {
    // Blank lines, comments anywhere, CRLF, no final newline, duplicate attacks.
    let af = parse(b"# c\n\np af 3\r\n1 2\n\n# x\n1 2\n 2 3 ", Format::Iccma23).unwrap();
    assert_eq!(af.len(), 3);
    assert_eq!(af.num_attacks(), 2);
}

/// Every ```text block of a grammar file marked as an example parses.
fn grammar_examples(file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(crate::root().join(file)).unwrap();
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    for line in text.lines() {
        match (&mut cur, line.trim()) {
            (None, "```example") => cur = Some(String::new()),
            (Some(_), "```") => out.push(cur.take().unwrap()),
            (Some(s), _) => {
                s.push_str(line);
                s.push('\n');
            }
            _ => {}
        }
    }
    out
}

#[test]
fn grammar_examples_parse() {
    for (file, fmt) in [
        ("grammar/iccma23.md", Format::Iccma23),
        ("grammar/apx.md", Format::Apx),
        ("grammar/tgf.md", Format::Tgf),
    ] {
        let examples = grammar_examples(file);
        assert!(examples.len() >= 2, "{file} has no examples");
        for ex in examples {
            let af = parse(ex.as_bytes(), fmt).unwrap_or_else(|e| panic!("{file}: {e}\n{ex}"));
            assert!(!af.is_empty(), "{file}: example parsed to nothing");
        }
    }
}

#[test]
fn aba_grammar_examples_parse() {
    use argsat::aba::{AbaFormat, parse};
    let examples = grammar_examples("grammar/aba.md");
    assert_eq!(examples.len(), 4, "grammar/aba.md's examples");
    for ex in examples {
        let format = AbaFormat::sniff(ex.as_bytes()).expect("each example is sniffed as ABA");
        let fw = parse(ex.as_bytes(), format).unwrap_or_else(|e| panic!("aba.md: {e}\n{ex}"));
        assert!(!fw.assumptions().is_empty(), "aba.md: example parsed to nothing");
    }
}

#[test]
fn same_framework_in_apx_and_tgf() {
    let dir = crate::root().join("tests/data/corpus/formats");
    for name in ["Small-result-b2", "A-1-admbuster_1000", "B-1-BA_40_30_3"] {
        let (apx, _) = format::read_file(&dir.join(format!("{name}.apx")), None).unwrap();
        let (tgf, _) = format::read_file(&dir.join(format!("{name}.tgf")), None).unwrap();
        assert_eq!(edges_by_name(&apx), edges_by_name(&tgf), "{name}");
    }
}

fn edges_by_name(af: &Framework) -> std::collections::BTreeSet<(String, String)> {
    af.attack_pairs()
        .map(|(a, b)| (af.display_name(a).to_string(), af.display_name(b).to_string()))
        .collect()
}

/// Every instance file (`.af`, `.apx`, `.tgf`) one folder below `root` parses.
fn every_file_parses(root: &Path, min: usize) {
    let mut count = 0;
    for dir in std::fs::read_dir(root).unwrap_or_else(|e| panic!("{}: {e}", root.display())) {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
            if matches!(ext, "af" | "apx" | "tgf") {
                format::read_file(&f, None).unwrap_or_else(|e| panic!("{e}"));
                count += 1;
            }
        }
    }
    assert!(count >= min, "only {count} files found under {}", root.display());
}

#[test]
fn every_bundled_file_parses() {
    every_file_parses(&crate::root().join("tests/data/corpus"), 40);
}

#[test]
#[ignore = "needs the full corpus: ARGSAT_CORPUS=DIR (default ../shared/benchmarks)"]
fn every_shared_file_parses() {
    every_file_parses(&crate::corpus::shared(), 55);
}

#[test]
fn a_name_starting_with_a_byte_order_mark_survives_a_round_trip() {
    // Found by the roundtrip fuzz target: written first in a TGF file, the name's U+FEFF
    // read back as a byte-order mark.
    let af = parse("\n\u{feff}p.\n".as_bytes(), Format::Tgf).unwrap();
    assert_eq!(af.names().unwrap().get(0), "\u{feff}p.");
    let back = roundtrip(&af, Format::Tgf);
    assert_eq!(back.names(), af.names());
}

fn roundtrip(af: &Framework, fmt: Format) -> Framework {
    let mut buf = Vec::new();
    format::write(af, fmt, &mut buf).unwrap();
    parse(&buf, fmt).unwrap_or_else(|e| panic!("{fmt}: {e}\n{}", String::from_utf8_lossy(&buf)))
}

fn structure(af: &Framework) -> (usize, Vec<(Arg, Arg)>) {
    (af.len(), af.attack_pairs().collect())
}

proptest! {
    #[test]
    fn write_then_parse_gives_the_same_framework(af in arb_framework(30)) {
        for fmt in Format::ALL {
            let back = roundtrip(&af, fmt);
            prop_assert_eq!(structure(&back), structure(&af));
            // Names survive a second round trip through a named format.
            if fmt != Format::Iccma23 {
                let again = roundtrip(&back, fmt);
                prop_assert_eq!(again.names(), back.names());
            }
        }
    }

    #[test]
    fn no_input_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        for fmt in Format::ALL {
            let _ = parse(&bytes, fmt);
        }
    }

    #[test]
    fn mutated_iccma_text_never_panics(text in "(p af [0-9]{1,3}\n)?([0-9 #xp\t]{0,8}\n){0,10}") {
        let _ = parse(text.as_bytes(), Format::Iccma23);
        let _ = parse(text.as_bytes(), Format::Tgf);
        let _ = parse(text.as_bytes(), Format::Apx);
    }
}

/// Files over 1 MiB are read by two threads: the result, and the first error in file
/// order, must be those of a one-thread read.
#[test]
fn large_files_read_in_two_halves() {
    let lines = 400_000u32; // about 5 MB of attack lines
    let n = 1000u32;
    let mut text = format!("# big\np af {n}\n");
    let mut attacks = Vec::new();
    for i in 0..lines {
        let (a, b) = (i % n, (i * 7 + 3) % n);
        attacks.push((a, b));
        text.push_str(&format!("{} {}\n", a + 1, b + 1));
        if i % 50_000 == 0 {
            text.push_str("# comment\n\n");
        }
    }
    let af = parse(text.as_bytes(), Format::Iccma23).unwrap();
    assert_eq!(af, Framework::from_attacks(n, &attacks).unwrap());
    let line_of = |i: u32| (i + 3 + 2 * (i / 50_000 + 1)) as usize;
    // One error late in the file (read by the second thread)...
    let mut late: Vec<&str> = text.lines().collect();
    let at = line_of(380_000) - 1;
    late[at] = "5 x";
    let e = parse(late.join("\n").as_bytes(), Format::Iccma23).unwrap_err();
    assert_eq!((e.line, e.column, e.kind), (at + 1, 3, K::NotANumber("x".into())));
    // ...and one early too: the early one is reported.
    let early = line_of(10) - 1;
    late[early] = "1 1001";
    let e = parse(late.join("\n").as_bytes(), Format::Iccma23).unwrap_err();
    assert_eq!((e.line, e.column), (early + 1, 3));
}
