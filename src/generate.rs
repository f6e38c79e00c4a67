//! Reproducible random frameworks in the families ICCMA benchmarks use.
//!
//! Every family draws from one [`Rng`] (SplitMix64, integer arithmetic only, no floating
//! point functions), so the same family, size, options and seed give the same framework,
//! and [`write_instance`] the same bytes, on every platform and every argsat version that
//! does not announce a change.

use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

use crate::af::{Arg, Framework, FrameworkBuilder};
use crate::format::{self, Format};

/// A generator family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Family {
    /// Directed Erdos-Renyi `G(n, M)`: `M = p n (n - 1)` attacks between random distinct
    /// arguments (duplicates merged).
    ErdosRenyi,
    /// Barabasi-Albert preferential attachment: each new argument meets `m` earlier ones,
    /// chosen with probability proportional to their degree.
    BarabasiAlbert,
    /// Watts-Strogatz small world: a ring where each argument meets its `k` nearest
    /// neighbours, each edge rewired to a random argument with probability `beta`.
    WattsStrogatz,
    /// A 2-D grid of `cols` columns (default about the square root of `n`), neighbours
    /// attacking each other, diagonals optional.
    Grid,
    /// Dense strongly connected components (Erdos-Renyi inside, probability `p`) linked
    /// by sparse attacks from earlier to later components only.
    Scc,
    /// The ICCMA 2017 AdmBuster construction: two chains `b` and `c` attacking `a`, with
    /// cross attacks every second link and `d` attacking both chain ends; hard for
    /// provers that build admissible sets argument by argument. Needs an even `n >= 4`;
    /// draws nothing at random (the seed only picks the query).
    AdmBuster,
}

impl Family {
    /// Every family.
    pub const ALL: [Family; 6] = [
        Family::ErdosRenyi,
        Family::BarabasiAlbert,
        Family::WattsStrogatz,
        Family::Grid,
        Family::Scc,
        Family::AdmBuster,
    ];

    /// The command-line name.
    pub fn name(self) -> &'static str {
        match self {
            Family::ErdosRenyi => "er",
            Family::BarabasiAlbert => "ba",
            Family::WattsStrogatz => "ws",
            Family::Grid => "grid",
            Family::Scc => "scc",
            Family::AdmBuster => "admbuster",
        }
    }
}

impl FromStr for Family {
    type Err = crate::task::UnknownName;

    fn from_str(s: &str) -> Result<Family, crate::task::UnknownName> {
        Family::ALL.into_iter().find(|f| f.name().eq_ignore_ascii_case(s)).ok_or_else(|| {
            let names: Vec<_> = Family::ALL.iter().map(|f| f.name()).collect();
            crate::task::UnknownName::new(format!(
                "unknown family `{s}`; supported: {}",
                names.join(", ")
            ))
        })
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The parameters of a generator run; `None` picks the family's default.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Params {
    /// Number of arguments.
    pub args: u32,
    /// Seed of the random generator.
    pub seed: u64,
    /// Attack probability (Erdos-Renyi: default `5 / n`; SCC inside a component: 0.2).
    pub p: Option<f64>,
    /// Barabasi-Albert: earlier arguments each new one meets (default 2).
    pub m: Option<u32>,
    /// Watts-Strogatz: ring neighbours per argument, even (default 4).
    pub k: Option<u32>,
    /// Watts-Strogatz: rewiring probability (default 0.1).
    pub beta: Option<f64>,
    /// Grid: number of columns (default: the integer square root of `n`).
    pub cols: Option<u32>,
    /// Grid: also attack diagonal neighbours.
    pub diagonals: bool,
    /// SCC: number of components (default `n / 50`, at least 1).
    pub components: Option<u32>,
    /// SCC: attacks from earlier components into each later one (default 3).
    pub links: Option<u32>,
    /// Probability that an undirected edge (BA, WS, grid) becomes a mutual attack rather
    /// than one attack in a random direction (default 0.2).
    pub mutual: Option<f64>,
}

/// Why a parameter set cannot be generated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct BadParams(String);

impl BadParams {
    /// The error saying `why`.
    pub(crate) fn new(why: String) -> BadParams {
        BadParams(why)
    }
}

/// SplitMix64: tiny, fast, and defined by integer operations alone.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number in `0..n` (`n > 0`), without modulo bias (Lemire's method).
    pub fn below(&mut self, n: u32) -> u32 {
        let n64 = u64::from(n);
        loop {
            let x = self.next_u64() >> 32;
            let m = x * n64;
            if (m as u32) >= n.wrapping_neg() % n {
                return (m >> 32) as u32;
            }
        }
    }

    /// `true` with probability `p` (clamped to `0..=1`), decided on 53 random bits.
    pub fn chance(&mut self, p: f64) -> bool {
        // p * 2^53 is exact in IEEE arithmetic, so the threshold is the same everywhere.
        let threshold = (p.clamp(0.0, 1.0) * (1u64 << 53) as f64) as u64;
        (self.next_u64() >> 11) < threshold
    }

    /// Each ordered pair `(a, b)` of `0..n`, self-attacks included, kept with probability
    /// `p` (in order, `a` first): the attacks of a small random framework for tests.
    #[cfg(test)]
    pub(crate) fn attacks(&mut self, n: u32, p: f64) -> Vec<(u32, u32)> {
        (0..n).flat_map(|a| (0..n).map(move |b| (a, b))).filter(|_| self.chance(p)).collect()
    }
}

fn probability(name: &str, value: Option<f64>, default: f64) -> Result<f64, BadParams> {
    let p = value.unwrap_or(default);
    if (0.0..=1.0).contains(&p) {
        Ok(p)
    } else {
        Err(BadParams(format!("{name} must be between 0 and 1, not {p}")))
    }
}

/// Adds the undirected edge `{a, b}` as one attack in a random direction, or both.
fn edge(b: &mut FrameworkBuilder, rng: &mut Rng, mutual: f64, x: u32, y: u32) {
    if rng.chance(mutual) {
        b.push(Arg(x), Arg(y));
        b.push(Arg(y), Arg(x));
    } else if rng.below(2) == 0 {
        b.push(Arg(x), Arg(y));
    } else {
        b.push(Arg(y), Arg(x));
    }
}

/// Generates a framework of `family` (deterministic in `params`).
///
/// # Errors
/// [`BadParams`] when a parameter is out of range for the family (a probability outside
/// `0..=1`, `m >= n`, an odd `k`, an AdmBuster size that is odd or below 4, ...).
pub fn generate(family: Family, params: &Params) -> Result<Framework, BadParams> {
    let n = params.args;
    let mut rng = Rng::new(params.seed);
    let mutual = probability("mutual", params.mutual, 0.2)?;
    let mut b = FrameworkBuilder::new(n);
    match family {
        Family::ErdosRenyi => {
            let p = probability(
                "p",
                params.p,
                if n == 0 { 0.0 } else { (5.0 / f64::from(n)).min(1.0) },
            )?;
            if n >= 2 {
                let pairs = u64::from(n) * u64::from(n - 1);
                let m = (p * pairs as f64).round() as u64;
                b.reserve(m as usize);
                for _ in 0..m {
                    let x = rng.below(n);
                    let y = (x + 1 + rng.below(n - 1)) % n;
                    b.push(Arg(x), Arg(y));
                }
            }
        }
        Family::BarabasiAlbert => {
            let m = params.m.unwrap_or(2);
            if m == 0 || (n > 0 && m >= n) {
                return Err(BadParams(format!("m must be between 1 and n - 1 = {}", n.max(1) - 1)));
            }
            // Every endpoint of every edge so far: sampling it is sampling by degree.
            let mut ends: Vec<u32> = Vec::with_capacity(2 * m as usize * n as usize);
            let mut chosen: Vec<u32> = Vec::with_capacity(m as usize);
            for v in m..n {
                chosen.clear();
                while chosen.len() < m as usize {
                    let u = if ends.is_empty() {
                        chosen.len() as u32
                    } else {
                        ends[rng.below(ends.len() as u32) as usize]
                    };
                    if !chosen.contains(&u) {
                        chosen.push(u);
                    }
                }
                for &u in &chosen {
                    edge(&mut b, &mut rng, mutual, u, v);
                    ends.push(u);
                    ends.push(v);
                }
            }
        }
        Family::WattsStrogatz => {
            let k = params.k.unwrap_or(4);
            let beta = probability("beta", params.beta, 0.1)?;
            if k % 2 == 1 || (n > 0 && k >= n) {
                return Err(BadParams(format!("k must be even and below n = {n}, not {k}")));
            }
            for v in 0..n {
                for j in 1..=k / 2 {
                    let mut u = (v + j) % n;
                    if rng.chance(beta) {
                        let w = rng.below(n);
                        if w != v {
                            u = w;
                        }
                    }
                    edge(&mut b, &mut rng, mutual, v, u);
                }
            }
        }
        Family::Grid => {
            let cols = params.cols.unwrap_or_else(|| (n as f64).sqrt() as u32).max(1);
            let at = |r: u32, c: u32| -> Option<u32> {
                let i = u64::from(r) * u64::from(cols) + u64::from(c);
                (c < cols && i < u64::from(n)).then_some(i as u32)
            };
            for v in 0..n {
                let (r, c) = (v / cols, v % cols);
                let mut neighbours = vec![at(r, c + 1), at(r + 1, c)];
                if params.diagonals {
                    neighbours.push(at(r + 1, c + 1));
                    neighbours.push(c.checked_sub(1).and_then(|c| at(r + 1, c)));
                }
                for u in neighbours.into_iter().flatten() {
                    edge(&mut b, &mut rng, mutual, v, u);
                }
            }
        }
        Family::Scc => {
            let p = probability("p", params.p, 0.2)?;
            let components = params.components.unwrap_or(n / 50).clamp(1, n.max(1));
            let links = params.links.unwrap_or(3);
            // Component i holds arguments start(i)..start(i + 1).
            let start = |i: u32| (u64::from(i) * u64::from(n) / u64::from(components)) as u32;
            for i in 0..components {
                let (lo, hi) = (start(i), start(i + 1));
                for x in lo..hi {
                    for y in lo..hi {
                        if x != y && rng.chance(p) {
                            b.push(Arg(x), Arg(y));
                        }
                    }
                }
                if lo > 0 && hi > lo {
                    for _ in 0..links {
                        let from = rng.below(lo);
                        let to = lo + rng.below(hi - lo);
                        b.push(Arg(from), Arg(to));
                    }
                }
            }
        }
        Family::AdmBuster => {
            if n < 4 || n % 2 == 1 {
                return Err(BadParams(format!("admbuster needs an even n >= 4, not {n}")));
            }
            // 0 = a, 1 = d, then b_i = 2i, c_i = 2i + 1 for i in 1..=k.
            let k = (n - 2) / 2;
            let (a, d) = (0, 1);
            let bi = |i: u32| 2 * i;
            let ci = |i: u32| 2 * i + 1;
            b.push(Arg(bi(1)), Arg(a));
            b.push(Arg(ci(1)), Arg(a));
            for i in 1..k {
                b.push(Arg(bi(i + 1)), Arg(bi(i)));
                b.push(Arg(ci(i + 1)), Arg(ci(i)));
                if i % 2 == 0 {
                    b.push(Arg(bi(i + 1)), Arg(ci(i)));
                    b.push(Arg(ci(i + 1)), Arg(bi(i)));
                }
            }
            b.push(Arg(d), Arg(bi(k)));
            b.push(Arg(d), Arg(ci(k)));
        }
    }
    Ok(b.build())
}

/// A query argument for DC/DS tasks, drawn after the framework from the same seed.
pub fn query(params: &Params) -> Option<Arg> {
    (params.args > 0).then(|| {
        let mut rng = Rng::new(params.seed ^ 0x5155_4552_5921);
        Arg(rng.below(params.args))
    })
}

/// Writes the ICCMA 2023 file: a `#` comment line naming `origin` (say, the command
/// that made it), then the framework.
///
/// # Errors
/// Any I/O error of `out`.
pub fn write_instance(af: &Framework, origin: &str, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "# {}", origin.replace('\n', " "))?;
    format::write(af, Format::Iccma23, out)
}

/// The `argsat generate` command line that makes this family with these parameters (the
/// comment line written into each instance, so that it can be made again).
pub fn command_line(family: Family, params: &Params) -> String {
    let mut origin =
        format!("argsat generate {family} --args {} --seed {}", params.args, params.seed);
    let options: [(&str, Option<String>); 8] = [
        ("p", params.p.map(|v| v.to_string())),
        ("m", params.m.map(|v| v.to_string())),
        ("k", params.k.map(|v| v.to_string())),
        ("beta", params.beta.map(|v| v.to_string())),
        ("cols", params.cols.map(|v| v.to_string())),
        ("components", params.components.map(|v| v.to_string())),
        ("links", params.links.map(|v| v.to_string())),
        ("mutual", params.mutual.map(|v| v.to_string())),
    ];
    for (name, value) in options {
        if let Some(v) = value {
            origin.push_str(&format!(" --{name} {v}"));
        }
    }
    if params.diagonals {
        origin.push_str(" --diagonals");
    }
    origin
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(n: u32, seed: u64) -> Params {
        Params { args: n, seed, ..Params::default() }
    }

    #[test]
    fn below_is_in_range_and_covers_it() {
        let mut rng = Rng::new(7);
        let mut seen = [false; 5];
        for _ in 0..1000 {
            seen[rng.below(5) as usize] = true;
        }
        assert!(seen.iter().all(|&s| s));
        assert!(!(0..100).any(|_| rng.chance(0.0)) && (0..100).all(|_| rng.chance(1.0)));
    }

    #[test]
    fn splitmix_reference_values() {
        // First outputs of SplitMix64 seeded with 0 (as in the reference C code).
        let mut rng = Rng::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn admbuster_matches_the_iccma_shape() {
        // n = 1000 gives 1498 attacks, like ICCMA 2019's A-1-admbuster_1000.
        let af = generate(Family::AdmBuster, &params(1000, 0)).unwrap();
        assert_eq!((af.len(), af.num_attacks()), (1000, 1498));
        assert!(generate(Family::AdmBuster, &params(7, 0)).is_err());
    }

    #[test]
    fn every_family_has_the_requested_size() {
        for family in Family::ALL {
            let af = generate(family, &params(200, 3)).unwrap();
            assert_eq!(af.len(), 200, "{family}");
            assert!(af.num_attacks() > 0, "{family}");
        }
    }

    #[test]
    fn bad_parameters_are_errors() {
        let mut p = params(10, 1);
        p.p = Some(1.5);
        assert!(generate(Family::ErdosRenyi, &p).is_err());
        let mut p = params(10, 1);
        p.m = Some(10);
        assert!(generate(Family::BarabasiAlbert, &p).is_err());
        let mut p = params(10, 1);
        p.k = Some(3);
        assert!(generate(Family::WattsStrogatz, &p).is_err());
    }
}
