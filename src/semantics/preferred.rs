//! Preferred semantics on the grounded reduction: ⊆-maximal admissible sets, found by
//! growing an admissible set with "strictly larger" calls, piece by piece (strongly
//! connected components of what the set so far leaves, each on its own solver);
//! sceptical acceptance by counterexample-guided search.
//!
//! The solver sees admissible sets, not complete ones (their maximal sets are the same):
//! the complete clauses ("every defended argument is in") make the first "larger than
//! the grounded extension" call much harder on some frameworks (see `benches/README.md`),
//! and the sets found are grown to complete ones without the solver anyway.

use super::kept::Kept;
use super::reduction::{Query, Reduction};
use super::stable::walked;
use super::{Answers, Certificates, Decision, Options};
use std::sync::Arc;

use crate::af::{Arg, Framework};
use crate::encode::SetKind;
use crate::search::closure::{GREEDY_LIMIT, greedy_admissible, range_of};
use crate::search::{
    Constraints, Engine, KeptWalk, SharedOpenings, Which, admissible_containing, admissible_near,
};
use crate::subframework::SubFramework;
#[cfg(test)]
use crate::task::Semantics;

/// Preferred semantics.
pub(crate) struct Preferred {
    red: Reduction,
    options: Options,
    /// Admissible sets of the reduction, made on first use.
    engine: Option<Engine>,
    /// The ideal extension of the reduction (local ids, sorted), made on first use.
    ideal: Option<Vec<Arg>>,
    /// The stable walk of its openings, kept from one query to the next.
    walk: KeptWalk,
    /// What the opening walks paid so far.
    openings: SharedOpenings,
    /// Arguments of the local solvers made so far (see `admissible_near`).
    local: usize,
    /// The preferred extension grown from the empty set, and the one `some_extension`
    /// gave, once made: questions on one solver (16 per round of the dynamic track) ask
    /// for them again, and growing one was most of the time there.
    from_empty: Option<Vec<Arg>>,
    some: Option<Vec<Arg>>,
    /// The last preferred extensions (of the whole framework) given as counterexamples: a
    /// later sceptical question whose argument one of them lacks (attacks, under ICCMA
    /// 2025's certificates) has its counterexample without growing another
    /// (`A-2-stb_428_430` on the dynamic track).
    seen: Kept,
}

impl Preferred {
    /// A solver for the preferred extensions of `af`, noting what its openings pay in
    /// `openings`, their walk starting from the members of `start` (see
    /// [`Stable::new`](super::stable::Stable::new)).
    pub fn new(
        af: &Arc<Framework>,
        options: Options,
        openings: SharedOpenings,
        start: &[Arg],
    ) -> Preferred {
        let red = Reduction::grounded(af);
        let walk = red.walk_from(start);
        Preferred {
            red,
            options,
            engine: None,
            ideal: None,
            walk,
            openings,
            local: 0,
            from_empty: None,
            some: None,
            seen: Kept::default(),
        }
    }

    /// The engine, made on first use.
    fn engine(&mut self) -> &mut Engine {
        let (red, backend) = (&self.red, self.options.backend);
        self.engine
            .get_or_insert_with(|| Engine::new(&red.part.af, SetKind::Admissible, false, backend))
    }

    /// Keeps a preferred extension given as a counterexample, for later questions.
    fn seen(&mut self, extension: &[Arg]) -> Decision {
        self.seen.note(extension);
        Decision::counterexample(Some(extension.to_vec()))
    }

    /// The preferred extension grown from the empty set, made once.
    fn grown_from_empty(&mut self) -> Vec<Arg> {
        if self.from_empty.is_none() {
            self.from_empty = Some(self.grown(Vec::new()));
        }
        self.from_empty.clone().expect("made above")
    }

    /// A preferred extension around `set`, an admissible set of the reduction.
    fn grown(&self, set: Vec<Arg>) -> Vec<Arg> {
        self.red.lift(&preferred_by_pieces(
            &self.red.part.af,
            &set,
            &self.options,
            Split::WhenSmall,
        ))
    }
}

/// A preferred extension of `af` around `start`, an admissible set, piece by piece. By
/// the reduct, `start` and a maximal addition in what it leaves (arguments neither in it
/// nor attacked by it) make a preferred extension: an admissible set strictly larger,
/// less `start`, would be a strictly larger admissible set of what `start` leaves. What
/// it leaves is the first piece, or its strongly connected components in a topological
/// order (no argument attacks one of an earlier piece) when none holds half of it.
///
/// A piece's candidates are its arguments not attacked so far whose attackers outside
/// it are all attacked so far (nothing else could defend them: a later piece cannot
/// attack an earlier one); its other arguments stay out but must be answered. The
/// piece's set grows by "strictly larger" calls on one solver until it is maximal, or
/// until what it leaves of the piece falls apart as `split` says: then the set is kept
/// and those components become pieces of their own, by the reduct again. A piece's set
/// that attacks the rest of the piece is maximal at once. When a "strictly larger" call
/// is slow, the stable walk takes turns with it on the piece (as `options.walk` says): a
/// stable extension of the piece without the arguments kept out is a maximal set there
/// (on `scc_20000_c400` one call took 8.6 s where the walk needed 0.07 s). The union is
/// preferred: an admissible set strictly larger would differ first in some piece, where
/// it would be a larger addition. Each SAT call sees one piece.
fn preferred_by_pieces(af: &Framework, start: &[Arg], options: &Options, split: Split) -> Vec<Arg> {
    let n = af.len();
    let (mut member, mut hit) = (vec![false; n], vec![false; n]);
    for &a in start {
        take(af, a, &mut member, &mut hit);
    }
    // The piece each argument was last seen in (0: none yet), for the candidate test.
    let mut piece_of = vec![0usize; n];
    let rest = left_by(af, start);
    let mut stack = apart(af, &rest, split).unwrap_or_else(|| vec![rest]);
    stack.reverse();
    let mut id = 0;
    while let Some(piece) = stack.pop() {
        let open: Vec<Arg> = piece.into_iter().filter(|a| !hit[a.index()]).collect();
        if open.is_empty() {
            continue;
        }
        id += 1;
        for a in &open {
            piece_of[a.index()] = id;
        }
        let answered = |b: &Arg| piece_of[b.index()] == id || hit[b.index()];
        let sub = SubFramework::new(af, open);
        let local = &*sub.af;
        let lacks: Vec<Arg> = local
            .args()
            .filter(|&x| !af.attackers(sub.to_parent(x)).iter().all(answered))
            .collect();
        let c = Constraints { lacks, ..Constraints::default() };
        let mut e = Engine::new(local, SetKind::Admissible, false, options.backend);
        // The first model as it comes (asking for a nonempty one at once can be much
        // slower: 24 s against 0.1 s on a component of `scc_20000_c400`), then larger.
        let first = if e.solve_under(&c) { e.model_set() } else { Vec::new() };
        let (mut set, mut parts) = (e.extended(&c, first), Vec::new());
        let mut walk = None;
        loop {
            let rest = left_by(local, &set);
            if rest.is_empty() {
                // Stable in the piece: a larger admissible set would attack it.
                break;
            }
            if let Some(apart) = apart(local, &rest, split) {
                parts = apart;
                break;
            }
            match e.larger_or_stable(&c, &set, &mut walk, options.walk.first_turn()) {
                Some(larger) => set = larger,
                None => break,
            }
        }
        for x in set {
            take(af, sub.to_parent(x), &mut member, &mut hit);
        }
        let global = |part: Vec<Arg>| sub.lift(&part);
        stack.extend(parts.into_iter().rev().map(global));
    }
    af.args().filter(|a| member[a.index()]).collect()
}

/// Puts `a` in the set (`member`) and what it attacks in `hit`.
fn take(af: &Framework, a: Arg, member: &mut [bool], hit: &mut [bool]) {
    member[a.index()] = true;
    for &b in af.attacked_by(a) {
        hit[b.index()] = true;
    }
}

/// When a piece's set is kept and what it leaves becomes pieces of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Split {
    /// When what is left falls apart into strongly connected components none of which
    /// holds half of the piece: later calls are then much smaller. Not sooner: a fresh
    /// solver for each part must prove again what the piece's solver had learnt, and
    /// "no nonempty admissible set here" can cost more than the calls saved (see
    /// `benches/README.md`).
    WhenSmall,
    /// Whenever what is left has two components or more (tests: every split taken).
    #[cfg(test)]
    Always,
}

/// The arguments of `af` that `set` leaves: outside its range.
fn left_by(af: &Framework, set: &[Arg]) -> Vec<Arg> {
    let range = range_of(af, set);
    af.args().filter(|a| !range[a.index()]).collect()
}

/// `rest`, what a set leaves of `af`, as its strongly connected components in a
/// topological order, when there are several and `split` says to split.
fn apart(af: &Framework, rest: &[Arg], split: Split) -> Option<Vec<Vec<Arg>>> {
    let sccs = af.restrict(rest).sccs();
    let largest = sccs.iter().map(Vec::len).max().unwrap_or(0);
    let apart = match split {
        Split::WhenSmall => 2 * largest <= af.len(),
        #[cfg(test)]
        Split::Always => true,
    };
    (sccs.len() > 1 && apart).then(|| {
        sccs.into_iter().map(|scc| scc.into_iter().map(|y| rest[y.index()]).collect()).collect()
    })
}

impl Answers for Preferred {
    fn some_extension(&mut self) -> Option<Vec<Arg>> {
        if let Some(some) = &self.some {
            return Some(some.clone());
        }
        // A stable extension is preferred.
        let some =
            match walked(&self.red, &self.options, (&[], &[]), &mut self.walk, &self.openings) {
                Some(stable) => stable,
                None => self.openings.clone().timed(|| self.grown_from_empty()),
            };
        self.some = Some(some.clone());
        Some(some)
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
                // A stable extension with q is every kind of witness.
                if let Some(stable) =
                    walked(&self.red, &self.options, (&[q], &[]), &mut self.walk, &self.openings)
                {
                    return Decision::from_witness(Some(stable));
                }
                // Decided on the arguments reaching q alone (or on this engine, when they
                // are most of the framework).
                let grow = certificates != Certificates::Iccma2025;
                let (sub, backend) = (&self.red.part.af, self.options.backend);
                let found = self.openings.timed(|| {
                    admissible_containing(sub, q, &mut self.engine, &mut self.local, backend, grow)
                });
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
                // A preferred extension given earlier that lacks a (under ICCMA 2025's
                // certificates, that attacks a: where an admissible set attacks a, the
                // certificate must).
                let earlier = if admissible_suffices {
                    let part = &self.red.part;
                    let attackers: Vec<Arg> =
                        part.af.attackers(q).iter().map(|&b| part.to_parent(b)).collect();
                    self.seen.attacking(&attackers)
                } else {
                    self.seen.without(a)
                };
                if let Some(p) = earlier {
                    return Decision::counterexample(Some(p));
                }
                // An admissible set attacking q grows to a preferred one without q; a
                // small one found greedily spares the SAT call.
                let (sub, backend) = (&self.red.part.af, self.options.backend);
                let mut scratch = vec![false; sub.len()];
                let mut found = sub
                    .attackers(q)
                    .iter()
                    .find_map(|&b| greedy_admissible(sub, b, GREEDY_LIMIT, &mut scratch));
                if found.is_none() {
                    // A stable extension without q attacks q and is preferred.
                    if let Some(stable) = walked(
                        &self.red,
                        &self.options,
                        (&[], &[q]),
                        &mut self.walk,
                        &self.openings,
                    ) {
                        return Decision::counterexample(Some(stable));
                    }
                    // The SAT solver need only see the arguments reaching q. The set is
                    // the answer (ICCMA 2025) or is grown piece by piece: since the walk
                    // helps the pieces' hardest calls, that beats a set from the whole
                    // framework, which leaves less to grow (`scc_20000_c400`: 11.8 s
                    // against 15.7; `ws_50000_k6_b01` 5.3 against 6.2).
                    found = self.openings.timed(|| {
                        admissible_near(
                            sub,
                            q,
                            &mut self.engine,
                            &mut self.local,
                            backend,
                            Constraints::attacks,
                        )
                    });
                }
                if let Some(set) = found {
                    if admissible_suffices {
                        return Decision::counterexample(Some(self.red.lift(&set)));
                    }
                    let grown = self.grown(set);
                    return self.seen(&grown);
                }
                // No admissible set attacks q. A preferred extension grown piece by piece
                // from the empty set may still lack q, and costs far less than the first
                // call below on frameworks that fall apart (`ws_50000_k6_b01`).
                let some = self.grown_from_empty();
                if !some.contains(&a) {
                    return self.seen(&some);
                }
                // The ideal extension lies in every preferred one, and q, attacked by no
                // admissible set, may be in it: then YES without enumerating (a few SAT
                // calls that shrink candidates, where the search below may meet one
                // preferred extension per combination of independent choices: a dynamic
                // track framework with 362 undecided arguments, over 20 s -> 7 ms).
                let part = &self.red.part.af;
                let ideal = self.ideal.get_or_insert_with(|| {
                    let mut i = super::ideal::ideal_local(part, backend, None);
                    i.sort_unstable();
                    i
                });
                if ideal.binary_search(&q).is_ok() {
                    return Decision::bare(true);
                }
                // Otherwise: a preferred extension without q, by counterexample-guided
                // search (each set maximal without q that still grows rules out the
                // subsets of the preferred extension it grows to).
                match self.engine().maximal(Which::Set, &Constraints::lacks(q)) {
                    Some((s, _)) => {
                        let lifted = self.red.lift(&s);
                        self.seen(&lifted)
                    }
                    None => Decision::counterexample(None),
                }
            }
        }
    }

    fn enumerate(&mut self, f: &mut dyn FnMut(&[Arg]) -> bool) {
        let budget = self.options.block_literals;
        let red = &self.red;
        let (backend, slot) = (self.options.backend, &mut self.engine);
        let e = slot
            .get_or_insert_with(|| Engine::new(&red.part.af, SetKind::Admissible, false, backend));
        e.enumerate_maximal(budget, &mut |set| f(&red.lift(set)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::Rng;
    use crate::semantics::Walk;
    use itertools::Itertools;

    /// On random frameworks of several loosely linked parts, the extension found piece by
    /// piece is preferred (by the independent checker): from the strongly connected
    /// components or from the whole framework, splitting what a set leaves when it falls
    /// apart into small components or whenever it has two.
    #[test]
    fn pieces_give_a_preferred_extension() {
        let mut rng = Rng::new(11);
        for round in 0..600 {
            let parts = 1 + rng.below(5);
            let size = 1 + rng.below(5);
            let n = parts * size;
            // Links back as well in half the rounds: one large component, which sets
            // then split.
            let back = if rng.chance(0.5) { 0.05 } else { 0.0 };
            let mut attacks = Vec::new();
            for a in 0..n {
                for b in 0..n {
                    let same = a / size == b / size;
                    let p = if same {
                        0.35
                    } else if a / size < b / size {
                        0.08
                    } else {
                        back
                    };
                    if rng.chance(p) {
                        attacks.push((a, b));
                    }
                }
            }
            let af = Framework::from_attacks(n, &attacks).unwrap();
            // The default walk, and one whose turns come at once (the pieces' growth
            // then often ends on a stable extension of the piece the walk found).
            let walks = [Walk::default(), Walk::After(0)];
            for (&backend, walk) in crate::sat::tests::backends().iter().cartesian_product(walks) {
                let options = Options { backend, walk, ..Options::default() };
                // A small admissible set to start from (greedy: maybe none).
                let mut scratch = vec![false; af.len()];
                let some = af.args().find_map(|a| greedy_admissible(&af, a, 4, &mut scratch));
                for (start, split) in [
                    (Vec::new(), Split::WhenSmall),
                    (Vec::new(), Split::Always),
                    (some.unwrap_or_default(), Split::Always),
                ] {
                    let ext = preferred_by_pieces(&af, &start, &options, split);
                    let ok = crate::verify::check_extension(&af, Semantics::Preferred, &ext);
                    let context = format!("round {round} {split:?} {walk}: {ext:?} {ok:?}");
                    assert!(ok.is_ok(), "{context} {attacks:?}");
                }
            }
        }
    }
}
