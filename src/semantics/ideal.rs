//! Ideal semantics: the largest admissible set contained in every preferred extension,
//! computed without enumerating preferred extensions, on the grounded reduction: a
//! linear-time shrinking fixpoint alternates with SAT calls that find admissible sets
//! attacking candidates (see [`Ideal`]).

use super::reduction::Reduction;
use super::{Answers, Decision, Options};
use std::sync::Arc;

use crate::af::{Arg, Framework};
use crate::encode::SetKind;
use crate::sat::Backend;
use crate::search::closure::{GREEDY_LIMIT, greedy_admissible};
use crate::search::{Constraints, Engine};

/// Ideal semantics.
pub(crate) struct Ideal {
    red: Reduction,
    options: Options,
    ideal: Option<Vec<Arg>>,
}

impl Ideal {
    /// A solver for the ideal extension of `af`.
    pub fn new(af: &Arc<Framework>, options: Options) -> Ideal {
        Ideal { red: Reduction::grounded(af), options, ideal: None }
    }

    /// The ideal extension.
    pub fn extension(&mut self) -> &[Arg] {
        let (red, backend) = (&self.red, self.options.backend);
        self.ideal.get_or_insert_with(|| red.lift(&ideal_local(&red.part.af, backend, None)))
    }
}

/// The ideal extension of `af`, with the sets its computation dropped candidates by:
/// admissible sets of the part the grounded labelling leaves undecided, in `af`'s ids
/// (each admissible in `af` once the grounded extension's members defend it). Every
/// admissible set with no member attacked by one of them or by the grounded extension
/// lies inside the ideal extension, and no admissible set attacks a member of it: what
/// the certificate of `crate::certify` (`Claim::IdealAttacked`) shows.
pub(crate) fn ideal_with_attackers(af: &Arc<Framework>, backend: Backend) -> IdealRoute {
    let red = Reduction::grounded(af);
    let mut local = Vec::new();
    let ideal = red.lift(&ideal_local(&red.part.af, backend, Some(&mut local)));
    let attacking = local.iter().map(|set| red.part.lift(set)).collect();
    IdealRoute { grounded: red.base(), attacking, ideal }
}

/// What [`ideal_with_attackers`] gives.
pub(crate) struct IdealRoute {
    /// The grounded extension.
    pub grounded: Vec<Arg>,
    /// The sets that dropped candidates (in `af`'s ids, without the grounded extension).
    pub attacking: Vec<Vec<Arg>>,
    /// The ideal extension, sorted.
    pub ideal: Vec<Arg>,
}

/// The ideal extension of a framework whose grounded extension is empty (local ids).
///
/// The ideal extension is the largest admissible set of arguments that no admissible set
/// attacks. Candidates start as every argument and only ever lose arguments outside the
/// ideal set, alternating
/// 1. a linear-time fixpoint dropping candidates with an attacker no candidate attacks
///    (an ideal member's attackers are all attacked by the ideal set), and
/// 2. one SAT call for an admissible set attacking a candidate; its victims are dropped.
///
/// When no admissible set attacks a candidate, candidates attacking each other are in no
/// admissible subset (its defence would attack an unattackable candidate) and go too;
/// the fixpoint then leaves the largest admissible subset: the ideal extension.
///
/// With `record`, every admissible set that dropped candidates is pushed there.
pub(super) fn ideal_local(
    af: &Framework,
    backend: Backend,
    mut record: Option<&mut Vec<Vec<Arg>>>,
) -> Vec<Arg> {
    let n = af.len();
    let mut cand: Vec<bool> = vec![true; n];
    drop_attacked_by_small_sets(af, &mut cand, record.as_deref_mut());
    let mut e = Engine::new(af, SetKind::Admissible, false, backend);
    loop {
        drop_undefended(af, &mut cand);
        let open: Vec<Arg> = af.args().filter(|a| cand[a.index()]).collect();
        if open.is_empty() {
            return Vec::new();
        }
        let clause: Vec<_> = open.iter().map(|&a| e.attacked(a)).collect();
        // Candidates only shrink, so each clause implies the earlier ones.
        e.push_clause(&clause);
        if !e.solve_under(&Constraints::default()) {
            break;
        }
        let set = e.model_set_extended();
        for &a in &set {
            for &b in af.attacked_by(a) {
                cand[b.index()] = false;
            }
        }
        if let Some(r) = record.as_deref_mut() {
            r.push(set);
        }
    }
    let attacked_inside: Vec<Arg> = af
        .args()
        .filter(|&a| cand[a.index()] && af.attackers(a).iter().any(|&b| cand[b.index()]))
        .collect();
    for a in &attacked_inside {
        for &b in af.attackers(*a) {
            cand[b.index()] = false;
        }
    }
    for a in attacked_inside {
        cand[a.index()] = false;
    }
    drop_undefended(af, &mut cand);
    af.args().filter(|a| cand[a.index()]).collect()
}

/// Drops the candidates that a small admissible set, found greedily without the solver
/// (`greedy_admissible`), attacks. On frameworks where admissible sets are local (grids,
/// small worlds) this does in one linear pass what would otherwise take a SAT call per
/// handful of candidates: each model found by the solver attacks the candidates the
/// model before it attacked, and a few more.
fn drop_attacked_by_small_sets(
    af: &Framework,
    cand: &mut [bool],
    mut record: Option<&mut Vec<Vec<Arg>>>,
) {
    let mut scratch = vec![false; af.len()];
    let mut tried = vec![false; af.len()];
    for c in af.args() {
        if !cand[c.index()] {
            continue;
        }
        for &b in af.attackers(c) {
            if std::mem::replace(&mut tried[b.index()], true) {
                continue;
            }
            if let Some(set) = greedy_admissible(af, b, GREEDY_LIMIT, &mut scratch) {
                for &a in &set {
                    tried[a.index()] = true;
                    for &v in af.attacked_by(a) {
                        cand[v.index()] = false;
                    }
                }
                if let Some(r) = record.as_deref_mut() {
                    r.push(set);
                }
                break;
            }
        }
    }
}

/// Drops, until none is left, every candidate with an attacker that no candidate attacks.
fn drop_undefended(af: &Framework, cand: &mut [bool]) {
    // hits[b]: how many candidates attack b.
    let mut hits: Vec<u32> = af
        .args()
        .map(|b| af.attackers(b).iter().filter(|&&c| cand[c.index()]).count() as u32)
        .collect();
    let mut queue: Vec<Arg> = af
        .args()
        .filter(|&a| cand[a.index()] && af.attackers(a).iter().any(|&b| hits[b.index()] == 0))
        .collect();
    while let Some(a) = queue.pop() {
        if !cand[a.index()] {
            continue;
        }
        cand[a.index()] = false;
        for &b in af.attacked_by(a) {
            hits[b.index()] -= 1;
            if hits[b.index()] == 0 {
                queue.extend(af.attacked_by(b).iter().filter(|&&c| cand[c.index()]));
            }
        }
    }
}

impl Answers for Ideal {
    fn some_extension(&mut self) -> Option<Vec<Arg>> {
        Some(self.extension().to_vec())
    }

    fn credulous(&mut self, a: Arg) -> Decision {
        let ext = self.extension();
        let accepted = ext.binary_search(&a).is_ok();
        Decision { accepted, certificate: accepted.then(|| ext.to_vec()) }
    }

    fn sceptical(&mut self, a: Arg) -> Decision {
        let ext = self.extension();
        let accepted = ext.binary_search(&a).is_ok();
        Decision { accepted, certificate: (!accepted).then(|| ext.to_vec()) }
    }

    fn enumerate(&mut self, f: &mut dyn FnMut(&[Arg]) -> bool) {
        let _ = f(self.extension());
    }
}
