//! Brute force over all subsets (bitmasks) of small frameworks: the reference every
//! semantics is compared with.

use argsat::{Arg, Framework, Semantics};
use proptest::prelude::*;

/// A framework of at most 16 arguments as bitmasks.
pub struct Oracle {
    n: usize,
    attackers: Vec<u32>,
    targets: Vec<u32>,
}

impl Oracle {
    pub fn new(af: &Framework) -> Oracle {
        let n = af.len();
        assert!(n <= 16);
        let mut attackers = vec![0u32; n];
        let mut targets = vec![0u32; n];
        for (a, b) in af.attack_pairs() {
            attackers[b.index()] |= 1 << a.0;
            targets[a.index()] |= 1 << b.0;
        }
        Oracle { n, attackers, targets }
    }

    /// Every argument.
    pub fn all(&self) -> u32 {
        ((1u64 << self.n) - 1) as u32
    }

    fn members(&self, s: u32) -> impl Iterator<Item = usize> + '_ {
        (0..self.n).filter(move |&a| s >> a & 1 == 1)
    }

    fn attacked(&self, s: u32) -> u32 {
        self.members(s).fold(0, |acc, a| acc | self.targets[a])
    }

    /// Whether the set `s` is conflict-free.
    pub fn cf(&self, s: u32) -> bool {
        self.attacked(s) & s == 0
    }

    fn defended(&self, s: u32) -> u32 {
        let att = self.attacked(s);
        (0..self.n).filter(|&a| self.attackers[a] & !att == 0).fold(0, |acc, a| acc | 1 << a)
    }

    /// Whether the set `s` is admissible.
    pub fn admissible(&self, s: u32) -> bool {
        self.cf(s) && s & !self.defended(s) == 0
    }

    fn complete(&self, s: u32) -> bool {
        self.cf(s) && self.defended(s) == s
    }

    /// The set `s` and what it attacks.
    pub fn range(&self, s: u32) -> u32 {
        s | self.attacked(s)
    }

    /// Every set of arguments.
    pub fn subsets(&self) -> impl Iterator<Item = u32> + '_ {
        0..=self.all()
    }

    fn maximal_by(&self, sets: Vec<u32>, key: impl Fn(u32) -> u32) -> Vec<u32> {
        let keys: Vec<u32> = sets.iter().map(|&s| key(s)).collect();
        sets.iter()
            .zip(&keys)
            .filter(|&(_, &k)| !keys.iter().any(|&o| o != k && o & k == k))
            .map(|(&s, _)| s)
            .collect()
    }

    /// Every extension under `sem`, as bitmasks.
    pub fn extensions(&self, sem: Semantics) -> Vec<u32> {
        let complete: Vec<u32> = self.subsets().filter(|&s| self.complete(s)).collect();
        match sem {
            Semantics::Complete => complete,
            Semantics::Grounded => vec![*complete.iter().min_by_key(|s| s.count_ones()).unwrap()],
            Semantics::Stable => {
                self.subsets().filter(|&s| self.cf(s) && self.range(s) == self.all()).collect()
            }
            Semantics::Preferred => self.maximal_by(complete, |s| s),
            Semantics::SemiStable => self.maximal_by(complete, |s| self.range(s)),
            Semantics::Stage => {
                let cf: Vec<u32> = self.subsets().filter(|&s| self.cf(s)).collect();
                self.maximal_by(cf, |s| self.range(s))
            }
            Semantics::Ideal => {
                let pr = self.extensions(Semantics::Preferred);
                let inter = pr.iter().fold(self.all(), |acc, &p| acc & p);
                let adm: Vec<u32> =
                    self.subsets().filter(|&s| s & !inter == 0 && self.admissible(s)).collect();
                vec![*adm.iter().max_by_key(|s| s.count_ones()).unwrap()]
            }
            other => panic!("the oracle knows no {other:?} semantics"),
        }
    }
}

/// The bitmask of a set of arguments.
pub fn mask(set: &[Arg]) -> u32 {
    set.iter().fold(0, |acc, a| acc | 1 << a.0)
}

/// Builds a framework from attack pairs.
pub fn framework(n: u32, attacks: &[(u32, u32)]) -> Framework {
    Framework::from_attacks(n, attacks).unwrap()
}

/// Random frameworks of 0 to `max` arguments, at several attack densities, with
/// self-attacks and isolated arguments arising naturally.
pub fn arb_framework(max: u32) -> impl Strategy<Value = Framework> {
    (0..=max, prop_oneof![Just(0.08), Just(0.18), Just(0.3), Just(0.5)]).prop_flat_map(
        |(n, density)| {
            let pairs = (n * n) as usize;
            proptest::collection::vec(proptest::bool::weighted(density), pairs).prop_map(
                move |bits| {
                    let attacks: Vec<(u32, u32)> = bits
                        .iter()
                        .enumerate()
                        .filter(|&(_, &b)| b)
                        .map(|(i, _)| (i as u32 / n.max(1), i as u32 % n.max(1)))
                        .collect();
                    framework(n, &attacks)
                },
            )
        },
    )
}

#[test]
fn oracle_knows_the_nixon_diamond() {
    let af = framework(4, &[(0, 1), (1, 0), (0, 2), (1, 2), (2, 3)]);
    let o = Oracle::new(&af);
    assert_eq!(o.extensions(Semantics::Grounded), vec![0]);
    let mut pr = o.extensions(Semantics::Preferred);
    pr.sort();
    assert_eq!(pr, vec![0b1001, 0b1010]);
    assert_eq!(o.extensions(Semantics::Ideal), vec![0]);
}
