//! Why an atom is or is not accepted, in ABA's own terms: the derivation (rules down to
//! assumptions) of the atom from the extension shown, and for a rejection the attack
//! that defeats its derivations (which assumption's contrary, derived how, from which
//! assumptions).

use std::collections::VecDeque;

use super::model::{Aba, Atom, Rule};
use super::solve::{Unsupported, solver_with};
use crate::semantics::Options;
use crate::stop::Stopped;
use crate::task::Semantics;

/// One step of a derivation: an atom and the rule that derives it (`None` for an
/// assumption of the set). Steps come in order: every body atom before its head.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The atom derived.
    pub atom: Atom,
    /// The rule used, or `None` for an assumption.
    pub rule: Option<Rule>,
}

/// A derivation of `steps.last()` from the assumptions among its steps, with the fewest
/// rounds of rule application (each atom derived by the first rule that fires for it),
/// keeping only the steps the goal needs. `None` when `set` does not derive `goal`.
pub fn derivation(aba: &Aba, set: &[Atom], goal: Atom) -> Option<Vec<Step>> {
    let n = aba.len();
    let mut by: Vec<Option<Option<Rule>>> = vec![None; n];
    let mut order: Vec<Atom> = Vec::new();
    let mut queue: VecDeque<Atom> = VecDeque::new();
    let mut missing: Vec<usize> = aba.rules().map(|r| aba.body(r).len()).collect();
    let mut uses: Vec<Vec<Rule>> = vec![Vec::new(); n];
    for r in aba.rules() {
        for b in aba.body(r) {
            uses[b.index()].push(r);
        }
    }
    for &a in set {
        if aba.is_assumption(a) && by[a.index()].is_none() {
            by[a.index()] = Some(None);
            queue.push_back(a);
        }
    }
    for r in aba.rules() {
        let h = aba.head(r);
        if missing[r.index()] == 0 && by[h.index()].is_none() {
            by[h.index()] = Some(Some(r));
            queue.push_back(h);
        }
    }
    while let Some(p) = queue.pop_front() {
        order.push(p);
        for &r in &uses[p.index()] {
            missing[r.index()] -= 1;
            let h = aba.head(r);
            if missing[r.index()] == 0 && by[h.index()].is_none() {
                by[h.index()] = Some(Some(r));
                queue.push_back(h);
            }
        }
    }
    by[goal.index()]?;
    let mut needed = vec![false; n];
    let mut stack = vec![goal];
    while let Some(p) = stack.pop() {
        if std::mem::replace(&mut needed[p.index()], true) {
            continue;
        }
        if let Some(Some(r)) = by[p.index()] {
            stack.extend(aba.body(r).iter().copied());
        }
    }
    Some(
        order
            .into_iter()
            .filter(|p| needed[p.index()])
            .map(|p| Step { atom: p, rule: by[p.index()].expect("derived") })
            .collect(),
    )
}

/// An attack: assumptions that derive a contrary of a target assumption.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attack {
    /// The assumption attacked.
    pub target: Atom,
    /// The contrary derived.
    pub contrary: Atom,
    /// How the attackers derive it.
    pub derivation: Vec<Step>,
}

/// Why `atom` is (not) accepted under a semantics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// The atom asked about.
    pub atom: Atom,
    /// The semantics.
    pub semantics: Semantics,
    /// Whether some extension derives it.
    pub credulous: bool,
    /// Whether every extension derives it.
    pub sceptical: bool,
    /// An extension deriving it, and the derivation from it.
    pub witness: Option<(Vec<Atom>, Vec<Step>)>,
    /// An extension not deriving it.
    pub counterexample: Option<Vec<Atom>>,
    /// When no extension derives it: a derivation of it from some assumptions (none when
    /// nothing derives it at all) and the attack it cannot survive: a contrary of one of
    /// those assumptions, derived from assumptions they do not attack (or from themselves).
    pub defeat: Option<(Vec<Step>, Option<Attack>)>,
}

/// Explains `atom` under `semantics`.
///
/// # Errors
/// [`Unsupported`] semantics (as `Err(Ok(_))`), or the solver [`Stopped`] (as `Err(Err(_))`).
pub fn explain(
    aba: &std::sync::Arc<Aba>,
    atom: Atom,
    semantics: Semantics,
    options: Options,
) -> Result<Explanation, Result<Unsupported, Stopped>> {
    let mut s = solver_with(std::sync::Arc::clone(aba), semantics, options).map_err(Ok)?;
    let cred = s.credulous(atom).map_err(Err)?;
    let scep = s.sceptical(atom).map_err(Err)?;
    let witness = cred.certificate.filter(|_| cred.accepted).map(|w| {
        let d = derivation(aba, &w, atom).expect("a credulous witness derives the atom");
        (w, d)
    });
    let defeat = (!cred.accepted).then(|| defeat(aba, atom));
    Ok(Explanation {
        atom,
        semantics,
        credulous: cred.accepted,
        sceptical: scep.accepted,
        witness,
        counterexample: scep.certificate.filter(|_| !scep.accepted),
        defeat,
    })
}

/// A derivation of `atom` from all assumptions (when any exists) and the attack on its
/// assumptions: by the assumptions they do not attack (which the set cannot counter).
fn defeat(aba: &Aba, atom: Atom) -> (Vec<Step>, Option<Attack>) {
    let Some(d) = derivation(aba, aba.assumptions(), atom) else {
        return (Vec::new(), None);
    };
    let support: Vec<Atom> = d.iter().filter(|s| s.rule.is_none()).map(|s| s.atom).collect();
    let mine = super::verify::derived(aba, &support);
    let attacked = |a: Atom| aba.contraries(a).iter().any(|c| mine[c.index()]);
    // Attacked by itself: the attack comes from the support.
    let open: Vec<Atom> = if support.iter().any(|&a| attacked(a)) {
        support.clone()
    } else {
        aba.assumptions().iter().copied().filter(|&a| !attacked(a)).collect()
    };
    let theirs = super::verify::derived(aba, &open);
    let attack = support.iter().find_map(|&t| {
        let c = *aba.contraries(t).iter().find(|c| theirs[c.index()])?;
        let derivation = derivation(aba, &open, c)?;
        Some(Attack { target: t, contrary: c, derivation })
    });
    (d, attack)
}
