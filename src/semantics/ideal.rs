//! Ideal semantics: the largest admissible set contained in every preferred extension,
//! computed without enumerating preferred extensions. On the grounded reduction:
//! 1. the credulously accepted arguments, by SAT calls that each must cover a new one;
//! 2. drop those attacked by a credulously accepted argument;
//! 3. shrink to the largest admissible subset by a linear-time fixpoint.

use super::engine::{Engine, Reduction};
use super::{Credulous, Decision, Enumerate, Sceptical, SingleExtension};
use crate::af::{Arg, Framework};
use crate::encode::SetKind;

/// Ideal semantics.
pub struct Ideal<'a> {
    red: Reduction<'a>,
    ideal: Option<Vec<Arg>>,
}

impl<'a> Ideal<'a> {
    /// A solver for the ideal extension of `af`.
    pub fn new(af: &'a Framework) -> Ideal<'a> {
        Ideal { red: Reduction::grounded(af), ideal: None }
    }

    /// The ideal extension.
    pub fn extension(&mut self) -> &[Arg] {
        let red = &self.red;
        self.ideal.get_or_insert_with(|| red.lift(&ideal_local(&red.sub)))
    }
}

/// The ideal extension of a framework whose grounded extension is empty (local ids).
fn ideal_local(af: &Framework) -> Vec<u32> {
    let n = af.len();
    // 1. Credulously accepted arguments (under admissible, equivalently complete).
    let mut cred = vec![false; n];
    let mut e = Engine::new(af, SetKind::Complete, false);
    loop {
        let open: Vec<_> = af.args().filter(|a| !cred[a.index()]).map(|a| e.x(a)).collect();
        if open.is_empty() {
            break;
        }
        e.add_clause(&open);
        if !e.solve(&[]) {
            break;
        }
        for a in e.model_set() {
            cred[a as usize] = true;
        }
    }
    // 2. Candidates: credulous and not attacked by a credulous argument.
    let mut cand: Vec<bool> = af
        .args()
        .map(|a| cred[a.index()] && !af.attackers(a).iter().any(|&b| cred[b as usize]))
        .collect();
    // 3. Largest admissible subset: drop candidates with an attacker no candidate attacks.
    let mut hits: Vec<u32> = af
        .args()
        .map(|b| af.attackers(b).iter().filter(|&&c| cand[c as usize]).count() as u32)
        .collect();
    let mut queue: Vec<u32> = af
        .args()
        .filter(|&a| cand[a.index()] && af.attackers(a).iter().any(|&b| hits[b as usize] == 0))
        .map(|a| a.0)
        .collect();
    while let Some(a) = queue.pop() {
        if !cand[a as usize] {
            continue;
        }
        cand[a as usize] = false;
        for &b in af.attacked_by(Arg(a)) {
            hits[b as usize] -= 1;
            if hits[b as usize] == 0 {
                queue.extend(af.attacked_by(Arg(b)).iter().filter(|&&c| cand[c as usize]));
            }
        }
    }
    (0..n as u32).filter(|&a| cand[a as usize]).collect()
}

impl SingleExtension for Ideal<'_> {
    fn some_extension(&mut self) -> Option<Vec<Arg>> {
        Some(self.extension().to_vec())
    }
}

impl Credulous for Ideal<'_> {
    fn credulous(&mut self, a: Arg) -> Decision {
        let ext = self.extension();
        let accepted = ext.binary_search(&a).is_ok();
        Decision { accepted, certificate: accepted.then(|| ext.to_vec()) }
    }
}

impl Sceptical for Ideal<'_> {
    fn sceptical(&mut self, a: Arg) -> Decision {
        let ext = self.extension();
        let accepted = ext.binary_search(&a).is_ok();
        Decision { accepted, certificate: (!accepted).then(|| ext.to_vec()) }
    }
}

impl Enumerate for Ideal<'_> {
    fn enumerate(&mut self, f: &mut dyn FnMut(&[Arg]) -> bool) {
        let _ = f(self.extension());
    }
}
