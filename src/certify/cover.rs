//! Covering sets for DS-PR YES: admissible sets, each containing the query, such that
//! every admissible set lies inside one of them. Then every preferred extension is one of
//! them and contains the query, and the claim "every admissible set lies inside one of
//! these" is a single refutation (ADM + a clause per set).

use crate::af::{Arg, Framework};
use crate::sat::{Backend, ClauseSink, Lit, SatSolver, Solve, Var};

use super::Claim;
use super::formula;

/// A solver over `clauses` (the prover's DIMACS literals), variable `i` for argument `i`.
fn solver(af: &Framework, clauses: Vec<Vec<i32>>) -> SatSolver {
    let mut s = SatSolver::new(Backend::default());
    for _ in af.args() {
        s.new_var();
    }
    for c in clauses {
        s.add_clause(&lits(&c));
    }
    s
}

fn lits(dimacs: &[i32]) -> Vec<Lit> {
    dimacs
        .iter()
        .map(|&l| {
            let v = Var::from_index(l.unsigned_abs() as usize - 1);
            if l > 0 { v.positive() } else { v.negative() }
        })
        .collect()
}

fn member(a: Arg) -> Lit {
    Var::from_index(a.index()).positive()
}

fn model(af: &Framework, s: &SatSolver) -> Vec<Arg> {
    af.args().filter(|&a| s.value(member(a))).collect()
}

/// The ⊆-maximal admissible set containing `set` (admissible) that `s` (ADM) finds.
fn grow(af: &Framework, s: &mut SatSolver, mut set: Vec<Arg>) -> Vec<Arg> {
    loop {
        let act = s.new_lit();
        let mut c = vec![!act];
        c.extend(lits(&formula::outside(af, &set)));
        s.add_clause(&c);
        let mut assume: Vec<Lit> = set.iter().map(|&a| member(a)).collect();
        assume.push(act);
        let larger = s.solve_assuming(&assume);
        s.add_clause(&[!act]);
        if !larger {
            return set;
        }
        set = model(af, s);
    }
}

/// A stable extension of `af`, if it has one (one SAT call over STB).
pub(super) fn stable_extension(af: &Framework) -> Option<Vec<Arg>> {
    let mut s = solver(af, formula::clauses(af, &Claim::NoStable));
    s.solve().then(|| model(af, &s))
}

/// Preferred extensions, each containing `q`, covering every admissible set; `Err` with
/// a preferred extension without `q` when there is one.
pub(super) fn covering_sets(af: &Framework, q: Arg) -> Result<Vec<Vec<Arg>>, Vec<Arg>> {
    let clauses = formula::admissible(af);
    let mut adm = solver(af, clauses.clone());
    let mut uncovered = solver(af, clauses);
    let mut covers = Vec::new();
    while uncovered.solve() {
        let t = model(af, &uncovered);
        let mut with_q: Vec<Lit> = t.iter().map(|&a| member(a)).collect();
        with_q.push(member(q));
        if !adm.solve_assuming(&with_q) {
            // No admissible superset of t contains q: t's preferred extensions lack it.
            return Err(grow(af, &mut adm, t));
        }
        let found = model(af, &adm);
        let c = grow(af, &mut adm, found);
        uncovered.add_clause(&lits(&formula::outside(af, &c)));
        covers.push(c);
    }
    Ok(covers)
}

/// The range of `set`: it and the arguments it attacks.
fn range(af: &Framework, set: &[Arg]) -> Vec<bool> {
    let mut r = vec![false; af.len()];
    for &a in set {
        r[a.index()] = true;
        for &b in af.attacked_by(a) {
            r[b.index()] = true;
        }
    }
    r
}

/// A set of `s`'s kind (ADM or CF) whose range strictly contains `set`'s, if any.
fn widen(af: &Framework, s: &mut SatSolver, set: &[Arg]) -> Option<Vec<Arg>> {
    let act = s.new_var();
    let mut clauses = Vec::new();
    formula::guarded_range(af, set, act.index() as i32 + 1, &mut clauses);
    for c in &clauses {
        s.add_clause(&lits(c));
    }
    let wider = s.solve_assuming(&[act.positive()]);
    let found = wider.then(|| model(af, s));
    s.add_clause(&[act.negative()]);
    found
}

/// Sets of the kind (admissible, or conflict-free for `stage`) covering the range of
/// every such set containing (`with`) or lacking `q`: each of those has a range strictly
/// inside one of theirs ([`Claim::RangeCover`]). `Err` with a semi-stable (stage)
/// extension containing (lacking) `q` when there is one.
///
/// Counterexample-guided: a set with (without) `q` not yet covered has its range widened
/// until no set's range is wider; if nothing widened it, it is itself semi-stable (stage)
/// and refutes the claim, else the widest set covers it and joins the cover. Each set
/// joining is range-maximal and different from the others, so the loop ends after at most
/// as many rounds as there are semi-stable (stage) ranges.
pub(super) fn range_cover(
    af: &Framework,
    q: Arg,
    with: bool,
    stage: bool,
) -> Result<Vec<Vec<Arg>>, Vec<Arg>> {
    let base = formula::base(af, stage);
    let mut grower = solver(af, base.clone());
    let mut uncovered = solver(af, base);
    uncovered.add_clause(&[if with { member(q) } else { !member(q) }]);
    let mut covers: Vec<Vec<Arg>> = Vec::new();
    while uncovered.solve() {
        let t = model(af, &uncovered);
        let mut e = t.clone();
        while let Some(wider) = widen(af, &mut grower, &e) {
            e = wider;
        }
        if range(af, &e) == range(af, &t) {
            return Err(t);
        }
        // Selector n + i + 1 (DIMACS) is this solver's variable n + i.
        let selector = uncovered.new_var();
        debug_assert_eq!(selector.index(), af.len() + covers.len());
        let mut clauses = Vec::new();
        formula::guarded_range(af, &e, selector.index() as i32 + 1, &mut clauses);
        for c in &clauses {
            uncovered.add_clause(&lits(c));
        }
        covers.push(e);
    }
    Ok(covers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_or_finds_a_preferred_extension_without_q() {
        // 0 <-> 1, both attack 2, 2 attacks 3: every preferred extension contains 3?
        // {0,3} and {1,3}: yes.
        let af = Framework::from_attacks(4, &[(0, 1), (1, 0), (0, 2), (1, 2), (2, 3)]).unwrap();
        let mut covers = covering_sets(&af, Arg(3)).unwrap();
        covers.iter_mut().for_each(|c| c.sort());
        covers.sort();
        assert_eq!(covers, vec![vec![Arg(0), Arg(3)], vec![Arg(1), Arg(3)]]);
        assert_eq!(covering_sets(&af, Arg(0)).unwrap_err(), vec![Arg(1), Arg(3)]);
    }

    #[test]
    fn range_covers_or_a_range_maximal_set() {
        // 0 -> 1 -> 2 -> 0, 2 -> 3: no stable extension. Only {} is admissible; the stage
        // extensions are {2}, {0, 3} and {1, 3} (ranges {0, 2, 3}, {0, 1, 3}, {1, 2, 3}).
        let af = Framework::from_attacks(4, &[(0, 1), (1, 2), (2, 0), (2, 3)]).unwrap();
        // Semi-stable: the empty set alone; no semi-stable extension contains 3.
        assert_eq!(range_cover(&af, Arg(3), true, false), Ok(vec![]));
        // ... and every one lacks 0: the empty set is a witness.
        assert_eq!(range_cover(&af, Arg(0), false, false), Err(vec![]));
        let cover = range_cover(&af, Arg(3), true, true);
        assert!(cover.is_err(), "{cover:?}: {{1, 3}} and {{0, 3}} are stage extensions");
        let cover = range_cover(&af, Arg(2), true, true);
        assert_eq!(cover, Err(vec![Arg(2)]), "{{2}} is a stage extension");
    }
}
