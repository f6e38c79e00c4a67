//! Preferred semantics on the grounded reduction: ⊆-maximal admissible sets, found by
//! growing an admissible set with "strictly larger" calls on one incremental solver;
//! sceptical acceptance by counterexample-guided search.
//!
//! The solver sees admissible sets, not complete ones (their maximal sets are the same):
//! the complete clauses ("every defended argument is in") make the first "larger than
//! the grounded extension" call much harder on some frameworks (see `benches/README.md`),
//! and the sets found are grown to complete ones without the solver anyway.

use super::reduction::{Query, Reduction};
use super::{Certificates, Decision, Options, Solver};
use crate::af::{Arg, Framework};
use crate::encode::SetKind;
use crate::search::closure::{GREEDY_LIMIT, greedy_admissible};
use crate::search::{Constraints, Engine, Which, admissible_containing};
#[cfg(test)]
use crate::task::Semantics;

/// Preferred semantics.
pub struct Preferred<'a> {
    red: Reduction<'a>,
    options: Options,
    /// Admissible sets of the reduction, made on first use.
    engine: Option<Engine>,
}

impl<'a> Preferred<'a> {
    /// A solver for the preferred extensions of `af`.
    pub fn new(af: &'a Framework, options: Options) -> Preferred<'a> {
        Preferred { red: Reduction::grounded(af), options, engine: None }
    }

    /// The engine, made on first use.
    fn engine(&mut self) -> &mut Engine {
        let (red, backend) = (&self.red, self.options.backend);
        self.engine
            .get_or_insert_with(|| Engine::new(&red.sub, SetKind::Admissible, false, backend))
    }

    /// A preferred extension around `set`, an admissible set of the reduction.
    fn grown(&mut self, set: Vec<Arg>) -> Vec<Arg> {
        let set = self.engine().grow_set(&Constraints::default(), set);
        self.red.lift(&set)
    }
}

/// One preferred extension of `af`, component by component: in a topological order of
/// the strongly connected components, each takes a ⊆-maximal admissible addition given
/// what the earlier ones took. Its candidates are its arguments not attacked so far whose
/// attackers outside it are all attacked so far (a later component cannot attack an
/// earlier one, so nothing else could defend them); its other arguments not attacked so
/// far stay out but must be answered. The union is preferred: an admissible set strictly
/// larger would differ first in some component, where it would be a larger addition.
/// Each SAT call sees one component.
fn preferred_by_components(af: &Framework, sccs: &[Vec<Arg>], options: Options) -> Vec<Arg> {
    let n = af.len();
    let mut component = vec![0usize; n];
    for (i, scc) in sccs.iter().enumerate() {
        for a in scc {
            component[a.index()] = i;
        }
    }
    let (mut member, mut hit) = (vec![false; n], vec![false; n]);
    for (i, scc) in sccs.iter().enumerate() {
        let open: Vec<Arg> = scc.iter().copied().filter(|a| !hit[a.index()]).collect();
        if open.is_empty() {
            continue;
        }
        let candidate =
            |a: Arg| af.attackers(a).iter().all(|b| component[b.index()] == i || hit[b.index()]);
        let local = af.restrict(&open);
        let lacks: Vec<Arg> = local.args().filter(|&x| !candidate(open[x.index()])).collect();
        let c = Constraints { lacks, ..Constraints::default() };
        let mut e = Engine::new(&local, SetKind::Admissible, false, options.backend);
        // The empty set is always an addition, so there is a model.
        let first = if e.solve_under(&c) { e.model_set() } else { Vec::new() };
        for x in e.grow_set(&c, first) {
            let a = open[x.index()];
            member[a.index()] = true;
            for &b in af.attacked_by(a) {
                hit[b.index()] = true;
            }
        }
    }
    af.args().filter(|a| member[a.index()]).collect()
}

impl Solver for Preferred<'_> {
    fn some_extension(&mut self) -> Option<Vec<Arg>> {
        // Component by component only when no component holds most of the framework:
        // there it pays (benches/README.md); with one giant component it only adds work.
        let sccs = self.red.sub.sccs();
        let largest = sccs.iter().map(Vec::len).max().unwrap_or(0);
        if sccs.len() > 1 && 2 * largest <= self.red.sub.len() {
            let local = preferred_by_components(&self.red.sub, &sccs, self.options);
            return Some(self.red.lift(&local));
        }
        Some(self.grown(Vec::new()))
    }

    fn credulous(&mut self, a: Arg) -> Decision {
        // Credulous preferred = credulous admissible; the witness is the least complete
        // set around an admissible one (ICCMA 2023), the admissible set itself (ICCMA
        // 2025), or grown to a preferred extension.
        let certificates = self.options.certificates;
        match self.red.query(a) {
            Query::In if certificates == Certificates::Extensions => {
                Decision::from_witness(self.some_extension())
            }
            Query::In => Decision::from_witness(Some(self.red.base())),
            Query::Out => Decision::bare(false),
            Query::Local(q) => {
                // Decided on the arguments reaching q alone (or on this engine, when they
                // are most of the framework).
                let grow = certificates != Certificates::Iccma2025;
                let (sub, backend) = (&self.red.sub, self.options.backend);
                let found = admissible_containing(sub, q, &mut self.engine, backend, grow);
                Decision::from_witness(found.map(|set| match certificates {
                    Certificates::Extensions => self.grown(set),
                    _ => self.red.lift(&set),
                }))
            }
        }
    }

    fn sceptical(&mut self, a: Arg) -> Decision {
        let admissible_suffices = self.options.certificates == Certificates::Iccma2025;
        match self.red.query(a) {
            Query::In => Decision::bare(true),
            // The grounded extension attacks a.
            Query::Out if admissible_suffices => Decision::counterexample(Some(self.red.base())),
            Query::Out => Decision::counterexample(self.some_extension()),
            Query::Local(q) => {
                // An admissible set attacking q grows to a preferred one without q; a
                // small one found greedily spares the SAT call.
                let sub = &self.red.sub;
                let mut scratch = vec![false; sub.len()];
                let greedy = sub
                    .attackers(q)
                    .iter()
                    .find_map(|&b| greedy_admissible(sub, b, GREEDY_LIMIT, &mut scratch));
                let e = self.engine();
                if let Some(set) = greedy
                    .or_else(|| e.solve_under(&Constraints::attacks(q)).then(|| e.model_set()))
                {
                    return Decision::counterexample(Some(match admissible_suffices {
                        true => self.red.lift(&set),
                        false => self.grown(set),
                    }));
                }
                // Otherwise: a preferred extension without q, by counterexample-guided
                // search (each set maximal without q that still grows rules out the
                // subsets of the preferred extension it grows to).
                let found = e.maximal(Which::Set, &Constraints::lacks(q));
                Decision::counterexample(found.map(|(s, _)| self.red.lift(&s)))
            }
        }
    }

    fn enumerate(&mut self, f: &mut dyn FnMut(&[Arg]) -> bool) {
        let budget = self.options.block_literals;
        let red = &self.red;
        let (backend, slot) = (self.options.backend, &mut self.engine);
        let e =
            slot.get_or_insert_with(|| Engine::new(&red.sub, SetKind::Admissible, false, backend));
        e.enumerate_maximal(budget, &mut |set| f(&red.lift(set)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::Rng;
    use crate::sat::Backend;

    /// On random frameworks of several loosely linked parts, the extension found component
    /// by component is preferred (by the independent checker).
    #[test]
    fn components_give_a_preferred_extension() {
        let mut rng = Rng::new(11);
        for round in 0..300 {
            let parts = 1 + rng.below(4);
            let size = 1 + rng.below(4);
            let n = parts * size;
            let mut attacks = Vec::new();
            for a in 0..n {
                for b in 0..n {
                    let same = a / size == b / size;
                    let p = if same {
                        0.35
                    } else if a / size < b / size {
                        0.08
                    } else {
                        0.0
                    };
                    if rng.chance(p) {
                        attacks.push((a, b));
                    }
                }
            }
            let af = Framework::from_attacks(n, &attacks).unwrap();
            for &backend in Backend::COMPILED {
                let options = Options { backend, ..Options::default() };
                let ext = preferred_by_components(&af, &af.sccs(), options);
                let ok = crate::verify::check_extension(&af, Semantics::Preferred, &ext);
                assert!(ok.is_ok(), "round {round}: {ext:?} {ok:?} {attacks:?}");
            }
        }
    }
}
