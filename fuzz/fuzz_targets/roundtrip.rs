//! Whatever parses (in any format) is written in each format and read back: the same
//! arguments and attacks, and the same names through APX and TGF; a name a format
//! cannot write is an error of the writer, never a file that reads back differently.
#![no_main]
use argsat::{Format, Framework, format};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

/// The largest framework written back and forth.
const MAX_ARGUMENTS: usize = 100_000;

fn structure(af: &Framework) -> (usize, Vec<(u32, u32)>) {
    (af.len(), af.attack_pairs().map(|(a, b)| (a.0, b.0)).collect())
}

fuzz_target!(|data: &[u8]| {
    for from in Format::ALL {
        let Some(af) = common::parse_checked(data, from) else { continue };
        // A header may declare millions of arguments in a few bytes; writing and reading
        // them back under the sanitizer takes the fuzzer's whole timeout and proves nothing
        // the small frameworks do not (the parser targets still read such headers).
        if af.len() > MAX_ARGUMENTS {
            continue;
        }
        for to in Format::ALL {
            let mut buf = Vec::new();
            if format::write(&af, to, &mut buf).is_err() {
                continue;
            }
            let back = argsat::parse(&buf, to)
                .unwrap_or_else(|e| panic!("{from} -> {to} wrote what does not parse: {e}\n{}", String::from_utf8_lossy(&buf)));
            assert_eq!(structure(&back), structure(&af), "{from} -> {to}");
            if to != Format::Iccma23 && af.names().is_some() {
                assert_eq!(back.names(), af.names(), "{from} -> {to}");
            }
        }
    }
});
