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
}
