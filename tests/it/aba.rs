//! ABA: every task of every supported semantics against a brute-force oracle over all
//! assumption sets, on random small frameworks full of cyclic rules, self-contrary
//! assumptions, contraries that are assumptions, several contraries per assumption and
//! queries on every atom; every certificate also passes the independent checker
//! (`argsat::aba::verify`). Then the shared corpus' reference answers (opt-in).

use std::collections::BTreeSet;

use argsat::aba::{self, Aba, AbaBuilder, Atom, verify};
use argsat::{Backend, Certificates, Options, Semantics};
use proptest::prelude::*;

/// A random flat framework: `n` atoms, the first `k` assumptions, each with a few
/// contraries anywhere; a few rules per other atom, bodies anywhere (the head too).
pub fn arb_aba() -> impl Strategy<Value = Aba> {
    (1usize..=9)
        .prop_flat_map(|n| (Just(n), 0..=n.min(6)))
        .prop_flat_map(|(n, k)| {
            let contraries = proptest::collection::vec(proptest::collection::vec(0..n, 0..=2), k);
            let rules = proptest::collection::vec(
                (k..n.max(k + 1), proptest::collection::vec(0..n, 0..=3)),
                0..=(3 * (n - k)),
            );
            (Just(n), Just(k), contraries, rules)
        })
        .prop_map(|(n, k, contraries, rules)| {
            let mut b = AbaBuilder::new(n as u32);
            for a in 0..k {
                b.assumption(Atom(a as u32)).unwrap();
            }
            for (a, cs) in contraries.iter().enumerate() {
                for &c in cs {
                    b.contrary(Atom(a as u32), Atom(c as u32)).unwrap();
                }
            }
            for (h, body) in rules {
                if h < n {
                    let body: Vec<Atom> = body.into_iter().map(|x| Atom(x as u32)).collect();
                    b.rule(Atom(h as u32), &body).unwrap();
                }
            }
            b.build().unwrap()
        })
}

/// The extensions of every semantics, by brute force over all assumption sets, with a
/// closure of the test's own (naive iteration to a fixpoint).
pub struct Oracle {
    /// The assumptions, indexed by bit.
    assumptions: Vec<Atom>,
    /// What each set (a bit mask) derives.
    derives: Vec<Vec<bool>>,
    complete: Vec<u32>,
    admissible: Vec<u32>,
    stable: Vec<u32>,
}

impl Oracle {
    pub fn new(aba: &Aba) -> Oracle {
        let assumptions = aba.assumptions().to_vec();
        let k = assumptions.len();
        let sets = 1u32 << k;
        let close = |mask: u32| {
            let mut d = vec![false; aba.len()];
            for (i, a) in assumptions.iter().enumerate() {
                d[a.index()] = mask >> i & 1 == 1;
            }
            let mut changed = true;
            while changed {
                changed = false;
                for r in aba.rules() {
                    if !d[aba.head(r).index()] && aba.body(r).iter().all(|b| d[b.index()]) {
                        d[aba.head(r).index()] = true;
                        changed = true;
                    }
                }
            }
            d
        };
        let derives: Vec<Vec<bool>> = (0..sets).map(close).collect();
        let attacks = |s: u32, i: usize| -> bool {
            aba.contraries(assumptions[i]).iter().any(|c| derives[s as usize][c.index()])
        };
        let cf = |s: u32| (0..k).all(|i| s >> i & 1 == 0 || !attacks(s, i));
        // S defends i: every set attacking i is attacked by S.
        let defends = |s: u32, i: usize| {
            (0..sets).all(|t| !attacks(t, i) || (0..k).any(|j| t >> j & 1 == 1 && attacks(s, j)))
        };
        let admissible: Vec<u32> = (0..sets)
            .filter(|&s| cf(s) && (0..k).all(|i| s >> i & 1 == 0 || defends(s, i)))
            .collect();
        let complete: Vec<u32> = admissible
            .iter()
            .copied()
            .filter(|&s| (0..k).all(|i| s >> i & 1 == 1 || !defends(s, i)))
            .collect();
        let stable: Vec<u32> = (0..sets)
            .filter(|&s| cf(s) && (0..k).all(|i| s >> i & 1 == 1 || attacks(s, i)))
            .collect();
        Oracle { assumptions, derives, complete, admissible, stable }
    }

    pub fn extensions(&self, sem: Semantics) -> Vec<u32> {
        match sem {
            Semantics::Complete => self.complete.clone(),
            Semantics::Stable => self.stable.clone(),
            Semantics::Grounded => {
                let g = self.complete.iter().copied().min_by_key(|s| s.count_ones()).unwrap();
                assert!(self.complete.iter().all(|&c| c & g == g), "grounded in every complete");
                vec![g]
            }
            Semantics::Preferred => self
                .admissible
                .iter()
                .copied()
                .filter(|&s| !self.admissible.iter().any(|&t| t != s && t & s == s))
                .collect(),
            _ => unreachable!("unsupported for ABA"),
        }
    }

    pub fn mask(&self, set: &[Atom]) -> u32 {
        set.iter()
            .map(|a| 1u32 << self.assumptions.iter().position(|b| b == a).expect("an assumption"))
            .sum()
    }

    pub fn derives(&self, mask: u32, q: Atom) -> bool {
        self.derives[mask as usize][q.index()]
    }

    pub fn is_admissible(&self, mask: u32) -> bool {
        self.admissible.contains(&mask)
    }
}

const SEMANTICS: [Semantics; 4] =
    [Semantics::Grounded, Semantics::Complete, Semantics::Preferred, Semantics::Stable];

/// Every question of `sem` on every atom, one solver for all, against the oracle.
fn agree(aba: &Aba, sem: Semantics, options: Options) -> Result<(), String> {
    let o = Oracle::new(aba);
    let exts = o.extensions(sem);
    let certs = options.certificates;
    let mut s = aba::solver_with(aba.clone(), sem, options).unwrap();
    // A certificate is an extension, or for credulous complete and preferred what the
    // certificate rules allow: admissible (2025), complete (2023, preferred); for sceptical
    // preferred also an admissible set blocking the query (no admissible superset derives
    // it; `verify::blocks` must agree).
    let shows = |set: &[Atom], credulous: bool, q: Atom| -> Result<u32, String> {
        let m = o.mask(set);
        let ok = match (credulous, certs, sem) {
            (true, Certificates::Iccma2025, Semantics::Complete | Semantics::Preferred) => {
                o.is_admissible(m) && verify::admissible(aba, set).is_ok()
            }
            (false, _, Semantics::Preferred) if verify::blocks(aba, set, q) => {
                o.is_admissible(m)
                    && !o.admissible.iter().any(|&t| t & m == m && o.derives(t, q))
                    && verify::admissible(aba, set).is_ok()
            }
            (true, Certificates::Iccma2023, Semantics::Preferred) => {
                o.extensions(Semantics::Complete).contains(&m) && verify::complete(aba, set).is_ok()
            }
            _ => exts.contains(&m) && verify::check_extension(aba, sem, set).is_ok(),
        };
        if ok { Ok(m) } else { Err(format!("{set:?} is not a fit certificate for {sem:?}")) }
    };
    for q in aba.atoms() {
        let cred = exts.iter().any(|&e| o.derives(e, q));
        let scep = exts.iter().all(|&e| o.derives(e, q));
        let d = s.credulous(q).unwrap();
        if d.accepted != cred {
            return Err(format!("DC {q:?}: {} expected {cred}", d.accepted));
        }
        if d.accepted {
            let c = d.certificate.as_deref().ok_or("DC YES without a certificate")?;
            let m = shows(c, true, q)?;
            if !o.derives(m, q) || !verify::derives(aba, c, q) {
                return Err(format!("DC {q:?}: {c:?} does not derive it"));
            }
        }
        let d = s.sceptical(q).unwrap();
        if d.accepted != scep {
            return Err(format!("DS {q:?}: {} expected {scep}", d.accepted));
        }
        if !d.accepted {
            let c = d.certificate.as_deref().ok_or("DS NO without a certificate")?;
            let m = shows(c, false, q)?;
            if o.derives(m, q) {
                return Err(format!("DS {q:?}: {c:?} derives it"));
            }
        }
    }
    match s.some_extension().unwrap() {
        Some(e) if !exts.contains(&o.mask(&e)) => return Err(format!("SE gave {e:?}")),
        None if !exts.is_empty() => return Err("SE found none".into()),
        _ => {}
    }
    let mut seen = Vec::new();
    s.enumerate(&mut |e| {
        seen.push(o.mask(e));
        true
    })
    .unwrap();
    let uniq: BTreeSet<u32> = seen.iter().copied().collect();
    if uniq.len() != seen.len() || uniq != exts.iter().copied().collect() {
        return Err(format!("EE gave {seen:?}, expected {exts:?}"));
    }
    if s.count().unwrap() != exts.len() as u64 {
        return Err("CE disagrees".into());
    }
    Ok(())
}

fn check_all(aba: &Aba, backends: &[Backend]) -> Result<(), TestCaseError> {
    for &backend in backends {
        for sem in SEMANTICS {
            for certificates in
                [Certificates::Extensions, Certificates::Iccma2023, Certificates::Iccma2025]
            {
                let options = Options { backend, certificates, ..Options::default() };
                agree(aba, sem, options).map_err(|e| {
                    let mut text = Vec::new();
                    aba::write(aba, aba::AbaFormat::Iccma, &mut text).unwrap();
                    TestCaseError::fail(format!(
                        "{sem:?} {backend} {certificates:?}: {e}\n{}",
                        String::from_utf8_lossy(&text)
                    ))
                })?;
            }
        }
        if verify::grounded(aba) != aba::grounded_extension(aba) {
            return Err(TestCaseError::fail("grounded: the checker disagrees"));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn every_task_agrees_with_brute_force(aba in arb_aba()) {
        check_all(&aba, &[Backend::default()])?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn every_backend_agrees_with_brute_force(aba in arb_aba()) {
        check_all(&aba, &crate::backends())?;
    }
}
