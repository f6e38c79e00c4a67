//! Arbitrary bytes as a TGF file: no panic; an error's line and column lie
//! inside the input.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let _ = common::parse_checked(data, argsat::Format::Tgf);
});
