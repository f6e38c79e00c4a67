//! Random flat ABA frameworks in the shape of the ICCMA 2023 ABA generator (Lehtonen):
//! atoms `1..=round(ratio n)` are assumptions, every other atom heads `1..=max_rules`
//! rules, each body is `1..=max_body` distinct atoms other than the head drawn from all
//! atoms, and each assumption's contrary is a uniformly random atom. Deterministic in
//! its parameters (argsat's own SplitMix64, [`crate::generate::Rng`]), not bit-equal to
//! the Python generator's files. The result is heavily cyclic.

use super::model::{Aba, AbaBuilder, Atom};
use crate::generate::{BadParams, Rng};

/// The parameters of the ICCMA 2023 ABA generator.
#[derive(Clone, Debug, PartialEq)]
pub struct AbaParams {
    /// Number of atoms.
    pub atoms: u32,
    /// Seed of the random generator.
    pub seed: u64,
    /// The share of atoms that are assumptions (ICCMA 2023: 0.1 or 0.3).
    pub assumption_ratio: f64,
    /// At most this many rules per non-assumption atom (ICCMA 2023: 5 or 10).
    pub max_rules: u32,
    /// At most this many atoms per rule body (ICCMA 2023: 5 or 10).
    pub max_body: u32,
}

impl Default for AbaParams {
    fn default() -> AbaParams {
        AbaParams { atoms: 100, seed: 1, assumption_ratio: 0.1, max_rules: 5, max_body: 5 }
    }
}

/// A framework of the ICCMA 2023 generator's shape, and a query atom (a rule head when
/// there is one) drawn from the same seed.
///
/// # Errors
/// [`BadParams`] for a ratio outside `0..=1`, or no rules or no body atoms allowed while
/// some atom must head a rule.
pub fn generate(p: &AbaParams) -> Result<(Aba, Option<Atom>), BadParams> {
    if !(0.0..=1.0).contains(&p.assumption_ratio) {
        return Err(BadParams::new(format!(
            "the assumption ratio must be between 0 and 1, not {}",
            p.assumption_ratio
        )));
    }
    let n = p.atoms;
    let k = ((f64::from(n) * p.assumption_ratio).round() as u32).min(n);
    if k < n && (p.max_rules == 0 || (p.max_body == 0 && n > 1)) {
        return Err(BadParams::new("every non-assumption atom heads 1..=max-rules rules with bodies of 1..=max-body atoms: both must be at least 1".into()));
    }
    let mut rng = Rng::new(p.seed);
    let mut b = AbaBuilder::new(n);
    for a in 0..k {
        b.assumption(Atom(a)).expect("in range");
        b.contrary(Atom(a), Atom(rng.below(n))).expect("in range");
    }
    let mut body = Vec::new();
    for h in k..n {
        for _ in 0..=rng.below(p.max_rules) {
            let size = (1 + rng.below(p.max_body)).min(n - 1);
            body.clear();
            while body.len() < size as usize {
                let x = Atom(rng.below(n));
                if x.0 != h && !body.contains(&x) {
                    body.push(x);
                }
            }
            b.rule(Atom(h), &body).expect("heads are not assumptions");
        }
    }
    let aba = b.build().expect("contraries are of assumptions");
    let mut qrng = Rng::new(p.seed ^ 0x5155_4552_5921);
    let query =
        (n > 0).then(|| if k < n { Atom(k + qrng.below(n - k)) } else { Atom(qrng.below(n)) });
    Ok((aba, query))
}

/// The `argsat generate aba` command line that makes this framework again.
pub fn command_line(p: &AbaParams) -> String {
    format!(
        "argsat generate aba --args {} --seed {} --assumption-ratio {} --max-rules {} --max-body {}",
        p.atoms, p.seed, p.assumption_ratio, p.max_rules, p.max_body
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shape_is_the_iccma_generators() {
        let p = AbaParams { atoms: 200, seed: 7, assumption_ratio: 0.3, max_rules: 5, max_body: 4 };
        let (aba, q) = generate(&p).unwrap();
        assert_eq!(aba.assumptions().len(), 60);
        assert!(aba.assumptions().iter().all(|&a| aba.contraries(a).len() == 1));
        for h in 60..200 {
            let rules: Vec<_> = aba.rules().filter(|&r| aba.head(r) == Atom(h)).collect();
            assert!((1..=5).contains(&rules.len()));
            assert!(rules.iter().all(|&r| (1..=4).contains(&aba.body(r).len())));
            assert!(rules.iter().all(|&r| !aba.body(r).contains(&Atom(h))));
        }
        assert!(q.is_some_and(|q| !aba.is_assumption(q)));
        assert_eq!(generate(&p).unwrap().0, aba, "deterministic");
        let bad = AbaParams { assumption_ratio: 1.5, ..p };
        assert!(generate(&bad).is_err());
    }
}
