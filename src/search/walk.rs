//! Stochastic local search for stable extensions (the schedule that lets it race the
//! SAT solver on one query is `super::turns`).
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
//! the empty set, near which a walk this greedy stays. A solver keeps its walk from one
//! query to the next ([`KeptWalk`]), and may start it from an extension of a framework
//! close to its own ([`StableWalk::starting`]).

use crate::af::{Arg, Framework};

/// The base of the flip weights: a flip breaking `k` clauses weighs `CB^-k`. From the
/// greedy start, 4 finds the stable extension of `stable_10000` in 0.13 M flips, where
/// 2.5 (the base from the empty start) leaves hundreds of clauses violated and 8 takes
/// 2 M flips (`benches/README.md`).
const CB: f64 = 4.0;

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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::search::engine::tests::pairs;
    use crate::verify::is_stable;

    /// A framework whose stable extensions are known: `k` mutual pairs, and an odd cycle
    /// 3 attacked by nothing else (no stable extension) when `odd`.
    pub(crate) fn pairs_and_cycle(k: u32, odd: bool) -> Framework {
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
}
