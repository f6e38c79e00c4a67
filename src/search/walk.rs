//! Stochastic local search for stable extensions, and the schedule that lets it race the
//! SAT solver on one query.
//!
//! A stable extension is a set that attacks none of its members and attacks every
//! argument outside it. [`StableWalk`] keeps an assignment in/out and flips one argument
//! at a time, as probSAT (Balint and Schöning, 2012) does on the clauses of that
//! encoding: for every attack `b -> a` the binary clause "not both", and for every
//! argument `a` the clause "`a` or one of its attackers". A step picks a violated
//! clause at random and flips one of its arguments, chosen with weight `CB^-break`,
//! where `break` counts the clauses the flip would violate. Local search for stable
//! semantics goes back to Thimm (COMMA 2018); here it only ever proves "yes": a set it
//! returns satisfies every clause, so it is stable, while "no" is always the SAT
//! solver's.
//!
//! The walk starts from a conflict-free set built greedily, arguments that attack many
//! and are attacked by few first (see [`StableWalk::new`]): a stable extension must
//! attack everything outside it, and such a start leaves far fewer clauses violated than
//! the empty set, near which a walk this greedy stays.
//!
//! [`Engine::solve_or_walk`] runs the two in turns: first a short walk (its budget
//! `OPENING` grows with the framework's arguments and attacks), then the SAT
//! solver for a first turn of conflicts (`Walk::After`, 50,000 by default), then each
//! in turn with doubling budgets (a conflict limit for CaDiCaL, a flip budget for the
//! walk). A query answered within the first turn costs what it did without the walk
//! plus the opening, a query whose stable extension the walk finds fast costs little
//! more than the walk, and a query the walk cannot answer costs at most about twice the
//! SAT calls, plus what stopping and resuming costs CaDiCaL. The walk keeps its
//! assignment between turns and between queries. [`Engine::larger_or_stable`] takes the
//! same turns (without the opening) for the "strictly larger" calls that grow a preferred
//! extension piece by piece: a stable extension of a piece is a maximal set there.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use super::constraints::Constraints;
use super::engine::Engine;
use crate::af::{Arg, Framework};
use crate::encode::SetKind;

/// The base of the flip weights: a flip breaking `k` clauses weighs `CB^-k`. From the
/// greedy start, 4 finds the stable extension of `stable_10000` in 0.13 M flips, where
/// 2.5 (the base from the empty start) leaves hundreds of clauses violated and 8 takes
/// 2 M flips (`benches/README.md`).
const CB: f64 = 4.0;

/// The opening walk, before the SAT solver's first turn: it stops once its steps have
/// cost this much per argument and per attack of the framework, a step costing one per
/// candidate weighed, the targets of a member weighed, and the degree of the argument
/// flipped (a budget in flips would cost a dense framework far more: 2 flips per
/// argument and attack took 2.4 s against 0.01 s on `Medium-result-b1`). 60 finds the
/// stable extension of `stable_10000`, 40 does not; where the walk finds nothing the
/// opening costs 0.15 s on `ws_50000_k6_b01` and 0.2-0.3 s on `comm_er_100x500_tree`.
const OPENING: u64 = 100;

/// Flips per conflict of the same turn: a walk turn takes about as long as the SAT
/// turn before it on the corpus' random frameworks.
const FLIPS_PER_CONFLICT: u64 = 200;

/// A probSAT walk over the stable-extension clauses of one framework, which every call
/// is given (the walk holds no copy of it). Clause `a < n` is "`a` or one of its
/// attackers"; clause `n + e` is "not both ends of attack `e`" (ids as
/// [`Framework::first_attack`] gives them).
pub(crate) struct StableWalk {
    /// Whether each argument is in the set.
    x: Vec<bool>,
    /// How many members attack each argument.
    attacked_by_in: Vec<u32>,
    /// How many members each argument attacks or is attacked by (a mutual attack with a
    /// member counts twice): the clauses it would break by coming in.
    near_in: Vec<u32>,
    /// Arguments that may not flip (self-attackers, and the query's constraints).
    frozen: Vec<bool>,
    /// The violated clauses, each once, and each clause's position there (`u32::MAX`:
    /// satisfied).
    violated: Vec<u32>,
    position: Vec<u32>,
    /// Powers `CB^-k`.
    weight: Vec<f64>,
    rng: u64,
    candidates: Vec<(Arg, f64)>,
    /// Flips done so far, over all calls.
    pub flips: u64,
}

impl StableWalk {
    /// A walk over `af` from a conflict-free set built greedily: the arguments in order
    /// of their attackers less their targets, fewest first, each taken unless it is a
    /// self-attacker or a member attacks it or is attacked by it.
    pub fn new(af: &Framework) -> StableWalk {
        StableWalk::starting(af, &[])
    }

    /// [`StableWalk::new`], taking the members of `start` first, in its order (a stable
    /// extension of a framework close to `af`: the last round's, on the dynamic track).
    pub fn starting(af: &Framework, start: &[Arg]) -> StableWalk {
        let n = af.len();
        let mut w = StableWalk {
            x: vec![false; n],
            attacked_by_in: vec![0; n],
            near_in: vec![0; n],
            frozen: af.args().map(|a| af.is_self_attacking(a)).collect(),
            violated: Vec::new(),
            position: vec![u32::MAX; n + af.num_attacks()],
            weight: (0..64).map(|k| CB.powi(-k)).collect(),
            rng: 0x9E37_79B9_7F4A_7C15,
            candidates: Vec::new(),
            flips: 0,
        };
        // The empty set violates exactly the clauses "`a` or one of its attackers".
        for a in 0..n {
            w.set_violated(a, true);
        }
        let mut order: Vec<Arg> = af.args().filter(|a| !w.frozen[a.index()]).collect();
        order.sort_by_key(|&a| af.attackers(a).len() as i64 - af.attacked_by(a).len() as i64);
        for &a in start.iter().filter(|a| a.index() < n).chain(&order) {
            let i = a.index();
            if !w.frozen[i] && !w.x[i] && w.near_in[i] == 0 {
                w.flip(af, a);
            }
        }
        w.flips = 0;
        w
    }

    /// Lists or unlists clause `c` as violated.
    fn set_violated(&mut self, c: usize, violated: bool) {
        let listed = self.position[c] != u32::MAX;
        if violated && !listed {
            self.position[c] = self.violated.len() as u32;
            self.violated.push(c as u32);
        } else if !violated && listed {
            let p = self.position[c] as usize;
            let last = self.violated.pop().expect("a listed clause");
            if last as usize != c {
                self.violated[p] = last;
                self.position[last as usize] = p as u32;
            }
            self.position[c] = u32::MAX;
        }
    }

    /// The clause of attack `b -> a`.
    fn attack_clause(af: &Framework, b: Arg, a: Arg) -> usize {
        let j = af.attacked_by(b).binary_search(&a).expect("an attack");
        af.len() + af.first_attack(b) + j
    }

    /// Flips `a` and keeps the counters and the violated list.
    fn flip(&mut self, af: &Framework, a: Arg) {
        let (i, n) = (a.index(), af.len());
        let now_in = !self.x[i];
        self.x[i] = now_in;
        let first = n + af.first_attack(a);
        for (j, &c) in af.attacked_by(a).iter().enumerate() {
            let (k, near) = (&mut self.attacked_by_in[c.index()], &mut self.near_in[c.index()]);
            if now_in {
                *k += 1;
                *near += 1;
            } else {
                *k -= 1;
                *near -= 1;
            }
            let (k, member) = (*k, self.x[c.index()]);
            self.set_violated(c.index(), !member && k == 0);
            self.set_violated(first + j, now_in && member);
        }
        self.set_violated(i, !now_in && self.attacked_by_in[i] == 0);
        for &b in af.attackers(a) {
            let near = &mut self.near_in[b.index()];
            if now_in {
                *near += 1
            } else {
                *near -= 1
            }
            if b != a && self.x[b.index()] {
                self.set_violated(Self::attack_clause(af, b, a), now_in);
            }
        }
        self.flips += 1;
    }

    /// How many clauses flipping `a` would violate, and what counting them cost.
    fn breaks(&self, af: &Framework, a: Arg) -> (usize, u64) {
        let i = a.index();
        if !self.x[i] {
            // Every member adjacent to `a` makes a "not both" clause fail.
            (self.near_in[i] as usize, 1)
        } else {
            // `a` itself, and everything only `a` attacks, would be out and unattacked.
            let own = usize::from(self.attacked_by_in[i] == 0);
            let targets = af.attacked_by(a);
            let only = targets
                .iter()
                .filter(|c| !self.x[c.index()] && self.attacked_by_in[c.index()] == 1)
                .count();
            (own + only, 1 + targets.len() as u64)
        }
    }

    fn next_random(&mut self) -> u64 {
        // xorshift64: fast, and the same walk on every run.
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        self.rng
    }

    fn below(&mut self, n: usize) -> usize {
        (((self.next_random() >> 11) as u128 * n as u128) >> 53) as usize
    }

    /// Fixes `has` in and `lacks` out for the next walks (and frees every other argument
    /// but the self-attackers). False when no stable extension can satisfy them: a
    /// self-attacker asked in, or an argument asked both in and out.
    pub fn fix(&mut self, af: &Framework, has: &[Arg], lacks: &[Arg]) -> bool {
        for a in af.args() {
            self.frozen[a.index()] = af.is_self_attacking(a);
        }
        for &a in lacks {
            if self.x[a.index()] {
                self.flip(af, a);
            }
            self.frozen[a.index()] = true;
        }
        for &a in has {
            if self.frozen[a.index()] {
                return false;
            }
            if !self.x[a.index()] {
                self.flip(af, a);
            }
            self.frozen[a.index()] = true;
        }
        true
    }

    /// Walks at most `flips` steps, and stops once they have cost `work` (summed as
    /// [`StableWalk::step`] counts it); the stable extension reached, if any.
    pub fn walk(&mut self, af: &Framework, flips: u64, work: u64) -> Option<Vec<Arg>> {
        debug_assert_eq!(self.x.len(), af.len(), "the framework the walk was made for");
        let mut done = 0u64;
        for i in 0..flips {
            if self.violated.is_empty() || done >= work {
                break;
            }
            if i % 4096 == 4095 {
                // A long walk notices a stopped call (`crate::stop`) too.
                crate::stop::check();
            }
            let pick = self.below(self.violated.len());
            done += self.step(af, self.violated[pick] as usize);
        }
        self.violated.is_empty().then(|| af.args().filter(|a| self.x[a.index()]).collect())
    }

    /// One probSAT step on the violated clause `c`; what it cost: one, plus one per
    /// candidate weighed, plus the targets of each member weighed, plus the degree of the
    /// argument flipped.
    fn step(&mut self, af: &Framework, c: usize) -> u64 {
        let mut candidates = std::mem::take(&mut self.candidates);
        candidates.clear();
        let mut cost = 1;
        let mut consider = |w: &Self, a: Arg, out: &mut Vec<(Arg, f64)>| {
            if !w.frozen[a.index()] {
                let (breaks, counting) = w.breaks(af, a);
                cost += counting;
                out.push((a, w.weight[breaks.min(63)]));
            }
        };
        let n = af.len();
        if c < n {
            // "`a` or one of its attackers": one of them comes in.
            let a = Arg(c as u32);
            consider(self, a, &mut candidates);
            for &b in af.attackers(a) {
                consider(self, b, &mut candidates);
            }
        } else {
            // "Not both ends of attack `e`": one of them goes.
            let e = c - n;
            let b = af.attack_source(e);
            let a = af.attacked_by(b)[e - af.first_attack(b)];
            consider(self, b, &mut candidates);
            if a != b {
                consider(self, a, &mut candidates);
            }
        }
        if let Some(a) = self.choose(&candidates) {
            cost += (af.attackers(a).len() + af.attacked_by(a).len()) as u64;
            self.flip(af, a);
        } else {
            // Nothing may flip here: count the step so that the budget still ends.
            self.flips += 1;
        }
        self.candidates = candidates;
        cost
    }

    /// One candidate, chosen with probability proportional to its weight.
    fn choose(&mut self, candidates: &[(Arg, f64)]) -> Option<Arg> {
        let total: f64 = candidates.iter().map(|c| c.1).sum();
        let unit = (self.next_random() >> 11) as f64 / (1u64 << 53) as f64;
        let mut r = unit * total;
        for &(a, w) in candidates {
            if r < w {
                return Some(a);
            }
            r -= w;
        }
        candidates.last().map(|c| c.0)
    }
}

/// A solver's [`StableWalk`]: made on first use, from `start` (see
/// [`StableWalk::starting`]), and kept for its next queries, which start where the last
/// one ended.
#[derive(Default)]
pub(crate) struct KeptWalk {
    walk: Option<StableWalk>,
    start: Vec<Arg>,
}

impl KeptWalk {
    /// A walk to be made from `start` (arguments of the framework it will walk on).
    pub fn starting(start: Vec<Arg>) -> KeptWalk {
        KeptWalk { walk: None, start }
    }

    /// The walk over `af` (the framework every call gives), made now if not yet.
    pub fn get(&mut self, af: &Framework) -> &mut StableWalk {
        let start = &self.start;
        self.walk.get_or_insert_with(|| StableWalk::starting(af, start))
    }
}

/// The opening walk's budget on `af`.
fn opening_work(af: &Framework) -> u64 {
    OPENING.saturating_mul((af.len() + af.num_attacks()) as u64)
}

/// What the opening walks of one solver's queries have paid so far, to choose whether
/// the next query opens with one. A solver answering many queries on one framework (a
/// query loop, a round of the dynamic track) walks where the walk is cheaper than the
/// SAT calls it spares: it opens while the openings' mean time is below their success
/// rate times the mean time the rest of a query took when no opening answered it. The
/// first query opens (so a single query runs as it did before), the second skips the
/// opening when the first one won (to learn what the SAT calls cost), and an opening that
/// lost counts that query's SAT calls. The walk's later turns (after the SAT solver's
/// first) are not affected. On ICCMA's dynamic-track script, where 16 questions share
/// each rebuilt solver, an opening per question was most of argsat's time (`grid_50x50`
/// DC-CO: openings that found stable extensions in about 1 ms where the SAT call takes
/// a tenth of that; `scc_300_c10` DC-ST: openings that found nothing).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Openings {
    /// Openings tried, the ones that found an extension, and their time.
    tried: u32,
    won: u32,
    walking: Duration,
    /// Queries answered by SAT calls (after an opening that lost, or none), their time.
    solved: u32,
    solving: Duration,
}

impl Openings {
    /// Whether the next query opens with a walk.
    pub fn worth(&self) -> bool {
        if self.tried == 0 {
            return true;
        }
        if self.solved == 0 {
            return false;
        }
        // walking / tried < won / tried * solving / solved
        self.walking.as_secs_f64() * f64::from(self.solved)
            < f64::from(self.won) * self.solving.as_secs_f64()
    }

    /// Notes an opening that found an extension (`won`) or did not, and its time.
    pub fn opened(&mut self, won: bool, took: Duration) {
        self.tried = self.tried.saturating_add(1);
        self.won = self.won.saturating_add(u32::from(won));
        self.walking += took;
    }

    /// Notes a query answered without an opening's help, and the time its SAT calls took.
    pub fn solved(&mut self, took: Duration) {
        self.solved = self.solved.saturating_add(1);
        self.solving += took;
    }
}

/// One [`Openings`] record kept by the solvers built one after another (`Guarded`
/// rebuilds a stopped one; `crate::dynamic` one per round of changes), so each does not
/// start by learning again that openings do not pay: on ICCMA's dynamic-track script a
/// fresh record per round walked at every round's first question (`grid_50x50` DC-ST:
/// 17% of the run's time in the walk). Clones share the record.
#[derive(Clone, Debug, Default)]
pub(crate) struct SharedOpenings(Arc<Mutex<Openings>>);

impl SharedOpenings {
    /// Runs `f` on a copy of the record and keeps what it noted (a call stopped half-way
    /// notes nothing).
    pub fn with<T>(&self, f: impl FnOnce(&mut Openings) -> T) -> T {
        let mut record = *self.record();
        let out = f(&mut record);
        *self.record() = record;
        out
    }

    /// Runs `sat` (a query's SAT calls, after no opening answered it) and notes its time
    /// as [`Openings::solved`] does.
    pub fn timed<T>(&self, sat: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = sat();
        self.record().solved(start.elapsed());
        out
    }

    fn record(&self) -> MutexGuard<'_, Openings> {
        // Never held across a call that may stop, so never poisoned but by a bug.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The opening walk of a stable query under `c` on `af` (its `has` and `lacks`), when
/// `openings` say it is worth trying (the try is noted there): the stable extension it
/// found, or `None` when it found none or did not walk. It needs no SAT solver, so a
/// caller that makes its solver only when the opening does not answer asks this first
/// (then [`Engine::after_opening`]); on the dynamic track a solver is made per round,
/// and most rounds' walks answer every question (`grid_50x50`).
pub(crate) fn open(
    af: &Framework,
    c: &Constraints,
    walk: &mut KeptWalk,
    openings: &mut Openings,
) -> Option<Vec<Arg>> {
    if !openings.worth() {
        return None;
    }
    let began = Instant::now();
    let w = walk.get(af);
    let found =
        if w.fix(af, &c.has, &c.lacks) { w.walk(af, u64::MAX, opening_work(af)) } else { None };
    openings.opened(found.is_some(), began.elapsed());
    found
}

impl Engine {
    /// For an engine over stable sets: a stable extension satisfying `c` (its `has` and
    /// `lacks`, with no other condition and no blocking scope open), or `None` when there
    /// is none. With `first = Some(conflicts)` the walk opens ([`open`]) and the SAT
    /// solver's first turn stops after `conflicts` conflicts, then the two take turns as
    /// the module docs say; `first = None`: the SAT solver alone. A backend that cannot
    /// stop half-way (varisat) answers in its first turn, after the opening walk. The
    /// walk is made on the first query that needs it and kept in `walk` for the next
    /// queries on this engine (it is one of this framework).
    pub fn solve_or_walk(
        &mut self,
        c: &Constraints,
        walk: &mut KeptWalk,
        first: Option<u64>,
        openings: &mut Openings,
    ) -> Option<Vec<Arg>> {
        let Some(conflicts) = first else {
            return self.solve_under(c).then(|| self.model_set());
        };
        match open(&self.af, c, walk, openings) {
            Some(found) => Some(found),
            None => self.after_opening(c, walk, conflicts, openings),
        }
    }

    /// [`Engine::solve_or_walk`] after its opening ([`open`]) did not answer: the SAT
    /// solver's first turn of `conflicts`, then turns as the module docs say (the time
    /// noted in `openings` as a query the opening did not answer).
    pub fn after_opening(
        &mut self,
        c: &Constraints,
        walk: &mut KeptWalk,
        conflicts: u64,
        openings: &mut Openings,
    ) -> Option<Vec<Arg>> {
        debug_assert_eq!(self.kind(), SetKind::Stable);
        debug_assert!(c.attacks.is_empty() && c.range_exactly.is_none() && c.region.is_none());
        let assumptions = self.assumptions(c);
        let mut possible = None;
        let (began, mut turn) = (Instant::now(), 0);
        let answer = in_turns(
            self,
            0,
            conflicts,
            |e, flips, work| {
                turn += 1;
                if turn == 1 {
                    return None;
                }
                let w = walk.get(&e.af);
                let possible = *possible.get_or_insert_with(|| w.fix(&e.af, &c.has, &c.lacks));
                possible.then(|| w.walk(&e.af, flips, work).map(Some)).flatten()
            },
            |e, conflicts| {
                let sat = e.solve_limited(&assumptions, conflicts)?;
                Some(sat.then(|| e.model_set()))
            },
        );
        openings.solved(began.elapsed());
        answer
    }

    /// For an engine over admissible sets, under `c` (its `lacks` alone): a model whose set
    /// strictly contains `set` (grown without the solver), or a stable extension of the
    /// engine's framework without `c.lacks` (which no model strictly contains, as it
    /// attacks every other argument), or `None` when `set` is a ⊆-maximal model. With
    /// `first = Some(conflicts)` the "strictly larger" call and the walk take turns as
    /// for [`Engine::solve_or_walk`], with no opening walk (most such calls are quick);
    /// `None`: the SAT solver alone. The walk is made when first needed and kept in `walk`
    /// for the next calls with the same `c.lacks`, and has one turn over all of them.
    ///
    /// A maximal admissible set of a dense random piece can be stable there, and found far
    /// sooner by the walk: on a piece of `scc_20000_c400` (273 arguments, 25 in the
    /// set) the call took 8.6 s, the walk 0.07 s. Where a piece has no stable extension
    /// each walk turn costs about what the SAT turn before it did; hence one turn
    /// (`comm_er_100x500_tree` SE-PR, each run beside one without the walk in the pieces:
    /// 63.9 s against 53.0 with a turn each time, 56.2 against 52.2 with one).
    pub fn larger_or_stable(
        &mut self,
        c: &Constraints,
        set: &[Arg],
        walk: &mut Option<StableWalk>,
        first: Option<u64>,
    ) -> Option<Vec<Arg>> {
        debug_assert_eq!(self.kind(), SetKind::Admissible);
        debug_assert!(c.has.is_empty() && c.attacks.is_empty() && c.range_exactly.is_none());
        debug_assert!(c.region.is_none());
        let Some(conflicts) = first else {
            return self.larger_set(c, set);
        };
        in_turns(
            self,
            0,
            conflicts,
            |e, flips, work| {
                let w = walk.get_or_insert_with(|| {
                    let mut w = StableWalk::new(&e.af);
                    let fixed = w.fix(&e.af, &[], &c.lacks);
                    debug_assert!(fixed, "nothing is asked in");
                    w.flips = 0;
                    w
                });
                // One turn in all: a piece with a stable extension had it found there,
                // and further turns cost as much as the SAT turns they wait for.
                if w.flips > 0 {
                    return None;
                }
                w.walk(&e.af, flips, work).map(Some)
            },
            |e, conflicts| e.larger_set_limited(c, set, conflicts),
        )
    }
}

/// The walk and the SAT solver in turns, as the module docs say: a walk of `opening`
/// work (none when 0), a SAT turn of `conflicts` conflicts, then a walk of
/// [`FLIPS_PER_CONFLICT`] flips per conflict of the turn before, each budget doubling.
/// `walk(e, flips, work)` and `sat(e, conflicts)` return `Some` once they have the answer.
pub(crate) fn in_turns<T>(
    e: &mut Engine,
    opening: u64,
    mut conflicts: u64,
    mut walk: impl FnMut(&mut Engine, u64, u64) -> Option<T>,
    mut sat: impl FnMut(&mut Engine, u64) -> Option<T>,
) -> T {
    let (mut flips, mut work) = (u64::MAX, opening);
    loop {
        if let Some(answer) = walk(e, flips, work) {
            return answer;
        }
        if let Some(answer) = sat(e, conflicts) {
            return answer;
        }
        (flips, work) = (conflicts.max(1).saturating_mul(FLIPS_PER_CONFLICT), u64::MAX);
        conflicts = conflicts.saturating_mul(2).max(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::engine::tests::{each_backend, pairs};
    use crate::verify::is_stable;

    /// A framework whose stable extensions are known: `k` mutual pairs, and an odd cycle
    /// 3 attacked by nothing else (no stable extension) when `odd`.
    fn pairs_and_cycle(k: u32, odd: bool) -> Framework {
        let mut attacks: Vec<(u32, u32)> =
            (0..k).flat_map(|i| [(2 * i, 2 * i + 1), (2 * i + 1, 2 * i)]).collect();
        if odd {
            let b = 2 * k;
            attacks.extend([(b, b + 1), (b + 1, b + 2), (b + 2, b)]);
        }
        Framework::from_attacks(2 * k + 3 * u32::from(odd), &attacks).unwrap()
    }

    #[test]
    fn the_walk_finds_stable_extensions_under_constraints() {
        let af = pairs(20);
        let mut w = StableWalk::new(&af);
        let set = w.walk(&af, 100_000, u64::MAX).expect("pairs have stable extensions");
        assert!(is_stable(&af, &set));
        assert!(w.fix(&af, &[Arg(0), Arg(3)], &[Arg(4)]));
        let set = w.walk(&af, 100_000, u64::MAX).expect("and one with 0 and 3 and without 4");
        assert!(is_stable(&af, &set));
        assert!(set.contains(&Arg(0)) && set.contains(&Arg(3)) && !set.contains(&Arg(4)));
    }

    #[test]
    fn the_walk_starts_from_a_greedy_conflict_free_set() {
        // The chain 3 -> 2 -> 1 -> 0, whose stable extension is {1, 3}: taking the
        // arguments attacked by few and attacking many first gives it before any flip,
        // where index order (or the reverse of ours) would take 0 and 2.
        let af = Framework::from_attacks(4, &[(3, 2), (2, 1), (1, 0)]).unwrap();
        let mut w = StableWalk::new(&af);
        assert_eq!(w.walk(&af, 0, u64::MAX), Some(vec![Arg(1), Arg(3)]));
        assert_eq!(w.flips, 0);
        // On any framework the start is conflict-free and leaves out self-attackers.
        let selfish =
            Framework::from_attacks(4, &[(0, 0), (0, 1), (1, 2), (2, 1), (3, 3)]).unwrap();
        let w = StableWalk::new(&selfish);
        let start: Vec<Arg> = selfish.args().filter(|a| w.x[a.index()]).collect();
        assert!(crate::verify::is_conflict_free(&selfish, &start), "{start:?}");
        assert!(!w.x[0] && !w.x[3] && start.len() == 1, "{start:?}");
    }

    #[test]
    fn a_start_is_taken_first_and_kept_conflict_free() {
        // Pairs: the greedy start takes 0, 2, 4, ...; a start of the other stable
        // extension is kept whole (no flip needed), a start with a conflict only in part.
        let af = pairs(5);
        let other: Vec<Arg> = (0..5).map(|i| Arg(2 * i + 1)).collect();
        let mut w = StableWalk::starting(&af, &other);
        assert_eq!(w.walk(&af, 0, u64::MAX), Some(other.clone()));
        let clash = [Arg(0), Arg(1), Arg(3), Arg(99)];
        let w = StableWalk::starting(&af, &clash);
        let start: Vec<Arg> = af.args().filter(|a| w.x[a.index()]).collect();
        assert!(crate::verify::is_conflict_free(&af, &start), "{start:?}");
        assert!(start.contains(&Arg(0)) && start.contains(&Arg(3)) && !start.contains(&Arg(1)));
        // A self-attacker in the start stays out.
        let selfish = Framework::from_attacks(2, &[(0, 0), (0, 1)]).unwrap();
        let w = StableWalk::starting(&selfish, &[Arg(0)]);
        assert!(!w.x[0] && w.x[1]);
    }

    #[test]
    fn the_counters_follow_the_flips() {
        let af = pairs_and_cycle(6, true);
        let mut w = StableWalk::new(&af);
        w.walk(&af, 500, u64::MAX);
        for a in af.args() {
            let members = |s: &[Arg]| s.iter().filter(|b| w.x[b.index()]).count() as u32;
            assert_eq!(w.attacked_by_in[a.index()], members(af.attackers(a)), "{a:?}");
            let near = members(af.attackers(a)) + members(af.attacked_by(a));
            assert_eq!(w.near_in[a.index()], near, "{a:?}");
        }
    }

    #[test]
    fn the_walk_never_claims_what_is_not_there() {
        let af = pairs_and_cycle(3, true);
        let mut w = StableWalk::new(&af);
        assert_eq!(w.walk(&af, 10_000, u64::MAX), None);
        assert_eq!(w.flips, 10_000);
        // A self-attacker cannot be asked in; an argument cannot be in and out.
        let selfish = Framework::from_attacks(2, &[(0, 0), (0, 1)]).unwrap();
        assert!(!StableWalk::new(&selfish).fix(&selfish, &[Arg(0)], &[]));
        assert!(!StableWalk::new(&af).fix(&af, &[Arg(1)], &[Arg(1)]));
    }

    /// What `larger_or_stable` returns, by brute force on random small frameworks with
    /// self- and mutual attacks, from a random admissible start and with random arguments
    /// kept out: a strictly larger admissible set or a stable extension, both without
    /// those, and `None` only when no admissible set without them strictly contains the
    /// start. First turns of 0 and 1 conflicts let the walk answer often.
    #[test]
    fn larger_or_stable_grows_or_is_stable_or_proves_maximal() {
        use crate::generate::Rng;
        use crate::verify::{every_set, is_admissible};
        let mut rng = Rng::new(31);
        let (mut stable_answers, mut none_answers) = (0, 0);
        for round in 0..300 {
            let n = 1 + rng.below(9);
            let af = Framework::from_attacks(n, &rng.attacks(n, 0.25)).unwrap();
            let admissible: Vec<Vec<Arg>> =
                every_set(&af).filter(|s| is_admissible(&af, s)).collect();
            let lacks: Vec<Arg> = af.args().filter(|_| rng.chance(0.15)).collect();
            let allowed: Vec<&Vec<Arg>> =
                admissible.iter().filter(|s| !s.iter().any(|a| lacks.contains(a))).collect();
            let start = allowed[rng.below(allowed.len() as u32) as usize].clone();
            let above_start =
                |s: &[Arg]| s.len() > start.len() && start.iter().all(|a| s.contains(a));
            let larger_exists = allowed.iter().any(|s| above_start(s));
            let c = Constraints { lacks: lacks.clone(), ..Constraints::default() };
            for first in [None, Some(0), Some(1)] {
                each_backend(&af, SetKind::Admissible, false, |mut e| {
                    let mut walk = None;
                    let found = e.larger_or_stable(&c, &start, &mut walk, first);
                    let context = format!("round {round} {first:?} {start:?} {lacks:?} {found:?}");
                    // A stable extension may come even when the start is maximal.
                    assert!(found.is_some() || !larger_exists, "{context}");
                    if let Some(set) = found {
                        assert!(is_admissible(&af, &set), "{context}");
                        assert!(!set.iter().any(|a| lacks.contains(a)), "{context}");
                        let larger = above_start(&set);
                        assert!(larger || is_stable(&af, &set), "{context}");
                        stable_answers += usize::from(!larger);
                    } else {
                        none_answers += 1;
                    }
                });
            }
        }
        // Both ways out are taken.
        assert!(stable_answers > 0 && none_answers > 0, "{stable_answers} {none_answers}");
    }

    #[test]
    fn the_schedule_answers_yes_and_no() {
        // First turns of 0 and 1 conflicts give the walk turns early (when the backend
        // can stop); the answers must not depend on who finds them.
        // With and without the opening (a record of openings that did not pay).
        let skipping =
            Openings { tried: 1, walking: Duration::from_millis(1), ..Openings::default() };
        let skipping = Openings { solved: 1, solving: Duration::from_millis(1), ..skipping };
        assert!(!skipping.worth());
        let schedules = [(false, Some(0)), (false, Some(1)), (true, Some(0)), (true, None)];
        for ((odd, first), openings) in
            schedules.into_iter().flat_map(|s| [(s, Openings::default()), (s, skipping)])
        {
            let af = pairs_and_cycle(12, odd);
            each_backend(&af, SetKind::Stable, false, |mut e| {
                let (mut w, mut o) = (KeptWalk::default(), openings);
                let found = e.solve_or_walk(&Constraints::has(Arg(1)), &mut w, first, &mut o);
                assert_eq!(found.is_some(), !odd);
                if let Some(set) = found {
                    assert!(is_stable(&af, &set) && set.contains(&Arg(1)));
                }
                let both = Constraints { has: vec![Arg(0), Arg(1)], ..Constraints::default() };
                assert_eq!(e.solve_or_walk(&both, &mut w, first, &mut o), None);
                let lacks = Constraints { lacks: vec![Arg(0), Arg(1)], ..Constraints::default() };
                assert_eq!(e.solve_or_walk(&lacks, &mut w, first, &mut o), None);
            });
        }
    }

    #[test]
    fn a_shared_record_carries_from_one_solver_to_the_next() {
        let (first, next) = (SharedOpenings::default(), SharedOpenings::default());
        let next_of_first = first.clone();
        first.with(|o| o.opened(false, Duration::from_millis(5)));
        first.timed(|| ());
        // The next solver sharing the record does not open; one with a record of its own
        // opens its first query.
        assert!(!next_of_first.with(|o| o.worth()));
        assert!(next.with(|o| o.worth()));
        // A call stopped half-way notes nothing.
        let stopped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            next_of_first.with(|o| {
                o.opened(true, Duration::ZERO);
                panic!("stopped")
            })
        }));
        assert!(stopped.is_err());
        assert_eq!(first.with(|o| (o.tried, o.won, o.solved)), (1, 0, 1));
    }

    #[test]
    fn openings_continue_while_they_pay() {
        let ms = Duration::from_millis;
        let mut o = Openings::default();
        assert!(o.worth(), "the first query opens");
        o.opened(true, ms(10));
        assert!(!o.worth(), "after a win, one query learns what the SAT calls cost");
        o.solved(ms(500));
        assert!(o.worth(), "10 ms walks winning every time against 500 ms SAT calls");
        o.opened(false, ms(10));
        o.solved(ms(500));
        assert!(o.worth(), "won half the time: 10 ms against 250 ms expected");

        let mut o = Openings::default();
        o.opened(true, ms(10));
        o.solved(ms(1));
        assert!(!o.worth(), "10 ms walks against 1 ms SAT calls");
        o.solved(ms(99));
        assert!(o.worth(), "until the SAT calls come to cost more: 50 ms on average");

        let mut o = Openings::default();
        o.opened(false, ms(1));
        o.solved(ms(1000));
        assert!(!o.worth(), "an opening that never won is not tried again");
    }
}
