//! Criterion benchmarks: parsing and grounded semantics on generated large frameworks.

use std::hint::black_box;

use argsat::format::{Format, parse, write};
use argsat::semantics::grounded_labelling;
use argsat::{Arg, Framework, FrameworkBuilder};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// A deterministic pseudo-random framework: `n` arguments, about `m` attacks.
fn generated(n: u32, m: usize) -> Framework {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut b = FrameworkBuilder::new(n);
    for _ in 0..m {
        let (x, y) = ((next() % u64::from(n)) as u32, (next() % u64::from(n)) as u32);
        b.attack(Arg(x), Arg(y)).unwrap();
    }
    b.build()
}

fn benches(c: &mut Criterion) {
    for &(n, m) in &[(100_000u32, 200_000usize), (500_000, 1_000_000)] {
        let af = generated(n, m);
        let mut text = Vec::new();
        write(&af, Format::Iccma23, &mut text).unwrap();
        let mut g = c.benchmark_group(format!("n{n}_m{m}"));
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.sample_size(20);
        g.bench_function("parse_iccma23", |b| {
            b.iter(|| parse(black_box(&text), Format::Iccma23).unwrap())
        });
        g.bench_function("grounded", |b| b.iter(|| grounded_labelling(black_box(&af))));
        g.finish();
    }
}

criterion_group!(parse_and_grounded, benches);
criterion_main!(parse_and_grounded);
