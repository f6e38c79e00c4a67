//! The ideal certificate's sets ([`Claim::IdealShown`](super::Claim::IdealShown)):
//! admissible sets whose union CA is every credulously accepted argument, and the ideal
//! extension I, the largest admissible set with no member attacked by CA (Dunne 2009).
//!
//! The grounded labelling settles most of the framework: its extension G is one set, what
//! G attacks is in no admissible set, and only the undecided part U needs SAT. A set
//! admissible within U is admissible with G, and is written with only the members of G
//! that defend it (a chain of defenders back from its attackers), not G whole. U is
//! covered in three steps:
//! 1. large models, while each covers many new arguments: a fresh solver per round that
//!    prefers the arguments not yet covered, called under an assumption (CaDiCaL's
//!    "lucky" phases, tried only without assumptions, find near-empty models);
//! 2. each argument left, by a small SAT call over the arguments a few attack steps back
//!    from it (sound; it may miss a set that needs defenders from further away);
//! 3. then a kept solver asked, while it can, for an admissible set reaching outside the
//!    union, each model cut down to what its new members need; its last, unsatisfiable,
//!    call says nothing else is accepted.
//!
//! I needs no SAT: the greatest fixpoint of "keep the members every attacker of which the
//! kept ones attack", from CA minus what CA attacks.
//!
//! Both certificates publish their sets merged into few conflict-free unions (each
//! admissible; the union and what the sets attack unchanged): the solver's route finds
//! one set per candidate it drops, 12,856 of them on `ba_500000_m1`, and a checker pays
//! a mask of the framework's size per set.
//!
//! On `ba_100000_m2` (7,093 undecided arguments) the earlier one-solver loop wrote 1,426
//! sets, 458 MB, in 25 s; this writes 121 sets, 0.7 MB, in 0.4 s.

use crate::af::{Arg, Framework};
use crate::label::{Label, Labelling};
use crate::sat::{Backend, ClauseSink, Lit, SatSolver, Solve, Var};

/// The sets of [`Claim::IdealAttacked`](super::Claim::IdealAttacked): the admissible sets
/// by which argsat's ideal solver dropped candidates (the grounded extension, and each
/// set that solver found in the undecided part with the members of the grounded
/// extension that defend it; merged), and the ideal extension. This follows the plain solver's
/// route, so it costs about what the plain answer does; no credulously accepted argument
/// has to be found that the solver did not need.
pub(super) fn by_attacks(af: &Framework) -> (Vec<Vec<Arg>>, Vec<Arg>) {
    let route = crate::semantics::ideal::ideal_with_attackers(
        &std::sync::Arc::new(af.clone()),
        Backend::default(),
    );
    let mut grounded = vec![false; af.len()];
    route.grounded.iter().for_each(|g| grounded[g.index()] = true);
    let mut sets = vec![route.grounded];
    let mut taken = vec![false; af.len()];
    for set in route.attacking {
        sets.push(support(af, &set, &|g| grounded[g.index()], &mut taken));
    }
    (merged(af, sets), route.ideal)
}

/// The covering admissible sets (merged) and the ideal extension.
pub(super) fn ideal(af: &Framework) -> (Vec<Vec<Arg>>, Vec<Arg>) {
    tuned(af, Tuning { large: 32, depth: 4 })
}

/// When the large-model rounds end, and how far back `near` looks.
#[derive(Clone, Copy)]
struct Tuning {
    /// A model covering fewer new arguments than this ends the large-model rounds.
    large: usize,
    /// Attack steps back from an argument to the members of a set near it.
    depth: usize,
}

fn tuned(af: &Framework, tuning: Tuning) -> (Vec<Vec<Arg>>, Vec<Arg>) {
    let labels = crate::semantics::grounded_labelling(af);
    let grounded: Vec<bool> = labels.labels().map(|l| l == Label::In).collect();
    let mut sets = vec![af.args().filter(|a| grounded[a.index()]).collect()];
    let u = Undecided::new(af, &labels);
    let mut covered = grounded.clone();
    let mut taken = vec![false; af.len()];
    let mut add = |set: Vec<Arg>, covered: &mut Vec<bool>| {
        let new = set.iter().filter(|a| !std::mem::replace(&mut covered[a.index()], true)).count();
        sets.push(support(af, &set, &|g| grounded[g.index()], &mut taken));
        new
    };
    // Large models first, while they cover many; then each argument left, by a set near
    // it where there is one, else by one call of a kept solver that assumes it.
    while let Some(set) = u.reaching_outside(af, &covered) {
        if add(set, &mut covered) < tuning.large {
            break;
        }
    }
    for &a in &u.args {
        if !covered[a.index()]
            && let Some(set) = u.near(af, a, tuning.depth)
        {
            add(set, &mut covered);
        }
    }
    let mut kept = None;
    let (mut member, mut scratch) = (grounded.clone(), vec![false; af.len()]);
    loop {
        let uncovered: Vec<Arg> = u.args.iter().copied().filter(|a| !covered[a.index()]).collect();
        if uncovered.is_empty() {
            break;
        }
        let s = kept.get_or_insert_with(|| u.solver(af, |_| true));
        let act = s.new_var();
        let mut c = vec![act.negative()];
        c.extend(uncovered.iter().map(|&a| u.var(a).positive()));
        s.add_clause(&c);
        let found = s.solve_assuming(&[act.positive()]);
        s.add_clause(&[act.negative()]);
        if !found {
            break;
        }
        // Only what the new members need of the model: their defenders, theirs, ...
        for &m in &u.args {
            member[m.index()] = s.value(u.var(m).positive());
        }
        let seed: Vec<Arg> = uncovered.into_iter().filter(|a| member[a.index()]).collect();
        add(support(af, &seed, &|m| member[m.index()], &mut scratch), &mut covered);
    }
    let ideal = largest_admissible(af, &covered);
    (merged(af, sets), ideal)
}

/// `sets` (admissible) merged into few conflict-free unions, each admissible (its members
/// defended by their own sets), with the same union and the same arguments attacked:
/// first fit over up to 64 open groups, each set joining the first group none of whose
/// members it attacks or is attacked by. Empty sets go; each union is sorted. A
/// certificate then lists tens of sets where the solver found thousands, and a checker
/// pays per set for a mask of the framework's size.
fn merged(af: &Framework, sets: Vec<Vec<Arg>>) -> Vec<Vec<Arg>> {
    const OPEN: usize = 64;
    // Bit k of `bits[a]`: a is in open group k.
    let mut bits = vec![0u64; af.len()];
    let (mut open, mut out): (Vec<Vec<Arg>>, Vec<Vec<Arg>>) = (Vec::new(), Vec::new());
    for set in sets.into_iter().filter(|s| !s.is_empty()) {
        let mut clash = 0u64;
        for &a in &set {
            for &b in af.attackers(a).iter().chain(af.attacked_by(a)) {
                clash |= bits[b.index()];
            }
        }
        let fits = (0..open.len()).find(|&k| clash >> k & 1 == 0);
        let k = match fits {
            Some(k) => k,
            None if open.len() < OPEN => {
                open.push(Vec::new());
                open.len() - 1
            }
            None => {
                for group in open.drain(..) {
                    group.iter().for_each(|a| bits[a.index()] = 0);
                    out.push(group);
                }
                open.push(Vec::new());
                0
            }
        };
        for a in set {
            if bits[a.index()] >> k & 1 == 0 {
                bits[a.index()] |= 1 << k;
                open[k].push(a);
            }
        }
    }
    out.extend(open);
    out.iter_mut().for_each(|s| s.sort_unstable());
    out
}

/// The most literals a set near an argument may take to find.
const NEAR_BUDGET: usize = 4096;

/// The arguments the grounded labelling leaves undecided (U), numbered for a solver.
struct Undecided {
    args: Vec<Arg>,
    /// Solver variable `i` for `args[i]`; `u32::MAX` outside U.
    local: Vec<u32>,
}

impl Undecided {
    fn new(af: &Framework, labels: &Labelling) -> Undecided {
        let args = labels.with_label(Label::Undec);
        let mut local = vec![u32::MAX; af.len()];
        for (i, a) in args.iter().enumerate() {
            local[a.index()] = i as u32;
        }
        Undecided { args, local }
    }

    fn inside(&self, a: Arg) -> bool {
        self.local[a.index()] != u32::MAX
    }

    fn var(&self, a: Arg) -> Var {
        Var::from_index(self.local[a.index()] as usize)
    }

    /// A solver whose models are the admissible sets within U (with G, admissible: the
    /// attackers of U from outside it are attacked by G), each argument preferring `phase`.
    fn solver(&self, af: &Framework, phase: impl Fn(Arg) -> bool) -> SatSolver {
        let var = |a: Arg| self.var(a);
        let mut s = SatSolver::new(Backend::default());
        for &a in &self.args {
            s.new_var_preferring(phase(a));
        }
        for &a in &self.args {
            for &b in af.attackers(a).iter().filter(|&&b| self.inside(b)) {
                s.add_clause(&[var(a).negative(), var(b).negative()]);
                let mut c = vec![var(a).negative()];
                c.extend(
                    af.attackers(b).iter().filter(|&&d| self.inside(d)).map(|&d| var(d).positive()),
                );
                s.add_clause(&c);
            }
        }
        s
    }

    /// The last model of `s` (a [`Undecided::solver`]), closed under defence within U.
    fn model(&self, af: &Framework, s: &SatSolver) -> Vec<Arg> {
        let mut set: Vec<Arg> =
            self.args.iter().copied().filter(|&a| s.value(self.var(a).positive())).collect();
        close_within(af, &mut set, &|a| self.inside(a));
        set
    }

    /// An admissible set within U (with G, admissible) containing an argument not yet
    /// `covered`, closed under defence; `None` when there is none. A fresh solver
    /// preferring the uncovered arguments, so the model takes as many as it can.
    fn reaching_outside(&self, af: &Framework, covered: &[bool]) -> Option<Vec<Arg>> {
        let var = |a: Arg| self.var(a);
        let uncovered: Vec<Lit> =
            self.args.iter().filter(|a| !covered[a.index()]).map(|&a| var(a).positive()).collect();
        if uncovered.is_empty() {
            return None;
        }
        let mut s = self.solver(af, |a| !covered[a.index()]);
        // Under an assumption: CaDiCaL then skips its "lucky" phases, which would find a
        // model with as few members as possible and ignore the preference.
        let act = s.new_var();
        let mut c = vec![act.negative()];
        c.extend(uncovered);
        s.add_clause(&c);
        if !s.solve_assuming(&[act.positive()]) {
            return None;
        }
        Some(self.model(af, &s))
    }

    /// An admissible set within U containing `a` whose members all lie within a few
    /// attack steps back from `a`, if there is one: a small SAT call (sound: every
    /// attacker of a member, wherever it is, must be attacked by a member).
    fn near(&self, af: &Framework, a: Arg, depth: usize) -> Option<Vec<Arg>> {
        const MOST: usize = 256;
        let mut ball = vec![a];
        let mut index = std::collections::HashMap::from([(a, 0usize)]);
        let mut start = 0;
        for _ in 0..depth {
            let end = ball.len();
            for i in start..end {
                for &b in af.attackers(ball[i]).iter().filter(|&&b| self.inside(b)) {
                    if ball.len() < MOST && !index.contains_key(&b) {
                        index.insert(b, ball.len());
                        ball.push(b);
                    }
                }
            }
            start = end;
        }
        // Not worth it where attacks are dense: the clauses would be many and long.
        let size: usize =
            ball.iter().flat_map(|&m| af.attackers(m)).map(|&b| 1 + af.attackers(b).len()).sum();
        if size > NEAR_BUDGET {
            return None;
        }
        let var = |b: Arg| index.get(&b).map(|&i| Var::from_index(i));
        let mut s = SatSolver::new(Backend::default());
        for _ in &ball {
            s.new_var();
        }
        for &m in &ball {
            let x = var(m).expect("in the ball");
            for &b in af.attackers(m).iter().filter(|&&b| self.inside(b)) {
                if let Some(y) = var(b) {
                    s.add_clause(&[x.negative(), y.negative()]);
                }
                let mut c = vec![x.negative()];
                c.extend(af.attackers(b).iter().filter_map(|&d| var(d)).map(Var::positive));
                s.add_clause(&c);
            }
        }
        s.add_clause(&[Var::from_index(0).positive()]);
        s.solve().then(|| {
            ball.iter()
                .copied()
                .filter(|&b| s.value(var(b).expect("in the ball").positive()))
                .collect()
        })
    }
}

/// Adds to `set` (admissible with the grounded extension, inside U) every argument of U
/// it defends against U's attackers, until none is left (Dung's fundamental lemma).
fn close_within(af: &Framework, set: &mut Vec<Arg>, inside: &dyn Fn(Arg) -> bool) {
    let n = af.len();
    let mut member = vec![false; n];
    let mut hit = vec![false; n];
    // left[a]: a's attackers inside U not yet attacked by the set.
    let mut left: Vec<usize> =
        af.args().map(|a| af.attackers(a).iter().filter(|&&b| inside(b)).count()).collect();
    let mut queue = set.clone();
    set.iter().for_each(|a| member[a.index()] = true);
    let mut ready: Vec<Arg> = af.args().filter(|&a| inside(a) && left[a.index()] == 0).collect();
    loop {
        while let Some(a) = queue.pop() {
            for &b in af.attacked_by(a).iter().filter(|&&b| inside(b)) {
                if !std::mem::replace(&mut hit[b.index()], true) {
                    for &c in af.attacked_by(b).iter().filter(|&&c| inside(c)) {
                        left[c.index()] -= 1;
                        if left[c.index()] == 0 {
                            ready.push(c);
                        }
                    }
                }
            }
        }
        let Some(a) = ready.pop() else { return };
        if !std::mem::replace(&mut member[a.index()], true) {
            set.push(a);
            queue.push(a);
        }
    }
}

/// `seed` and members of `pool` that defend it: for each attacker of a member that no
/// member attacks yet, one attacker of it from `pool`, and so on back for theirs. With
/// `pool` an admissible set containing `seed` (or the grounded extension, for the
/// attackers from outside U of a set admissible within U) the result is admissible.
fn support(
    af: &Framework,
    seed: &[Arg],
    pool: &dyn Fn(Arg) -> bool,
    taken: &mut [bool],
) -> Vec<Arg> {
    let mut out = Vec::new();
    for &a in seed {
        if !std::mem::replace(&mut taken[a.index()], true) {
            out.push(a);
        }
    }
    let mut todo = out.clone();
    while let Some(a) = todo.pop() {
        for &b in af.attackers(a) {
            let attacks = af.attackers(b);
            if attacks.iter().any(|c| taken[c.index()]) {
                continue;
            }
            // None only for an attacker from U of a set admissible within U, given the
            // grounded extension as `pool`: the set attacks it itself.
            if let Some(&d) = attacks.iter().find(|&&c| pool(c)) {
                taken[d.index()] = true;
                out.push(d);
                todo.push(d);
            }
        }
    }
    out.iter().for_each(|a| taken[a.index()] = false);
    out
}

/// The largest admissible set with no member attacked by `accepted` (the credulously
/// accepted arguments): from `accepted` minus what it attacks, drop every member with an
/// attacker the rest does not attack, until none is dropped.
fn largest_admissible(af: &Framework, accepted: &[bool]) -> Vec<Arg> {
    let n = af.len();
    let mut keep = accepted.to_vec();
    for a in af.args().filter(|a| accepted[a.index()]) {
        af.attacked_by(a).iter().for_each(|b| keep[b.index()] = false);
    }
    // hits[b]: kept members attacking b.
    let mut hits = vec![0u32; n];
    for a in af.args().filter(|a| keep[a.index()]) {
        af.attacked_by(a).iter().for_each(|b| hits[b.index()] += 1);
    }
    let mut drop: Vec<Arg> = af
        .args()
        .filter(|&a| keep[a.index()] && af.attackers(a).iter().any(|b| hits[b.index()] == 0))
        .collect();
    while let Some(a) = drop.pop() {
        if !std::mem::replace(&mut keep[a.index()], false) {
            continue;
        }
        for &b in af.attacked_by(a) {
            hits[b.index()] -= 1;
            if hits[b.index()] == 0 {
                drop.extend(af.attacked_by(b).iter().copied().filter(|c| keep[c.index()]));
            }
        }
    }
    af.args().filter(|a| keep[a.index()]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn admissible(af: &Framework, set: &[bool]) -> bool {
        af.args().filter(|a| set[a.index()]).all(|a| {
            af.attackers(a)
                .iter()
                .all(|b| !set[b.index()] && af.attackers(*b).iter().any(|c| set[c.index()]))
        })
    }

    /// Brute force: the credulously accepted arguments and the ideal extension.
    fn brute(af: &Framework) -> (Vec<bool>, Vec<bool>) {
        let n = af.len();
        let sets: Vec<Vec<bool>> = (0u32..1 << n)
            .map(|bits| (0..n).map(|i| bits >> i & 1 == 1).collect::<Vec<bool>>())
            .filter(|s| admissible(af, s))
            .collect();
        let mut ca = vec![false; n];
        sets.iter().for_each(|s| (0..n).for_each(|i| ca[i] |= s[i]));
        let mut hit = vec![false; n];
        for a in af.args().filter(|a| ca[a.index()]) {
            af.attacked_by(a).iter().for_each(|b| hit[b.index()] = true);
        }
        let mut ideal = vec![false; n];
        for s in sets.iter().filter(|s| (0..n).all(|i| !(s[i] && hit[i]))) {
            (0..n).for_each(|i| ideal[i] |= s[i]);
        }
        (ca, ideal)
    }

    #[test]
    fn merging_keeps_sets_admissible_and_opens_new_groups_when_all_clash() {
        // 70 arguments attacking each other: every singleton admissible, no two together.
        let n = 70u32;
        let attacks: Vec<(u32, u32)> =
            (0..n).flat_map(|a| (0..n).filter(move |&b| b != a).map(move |b| (a, b))).collect();
        let af = Framework::from_attacks(n, &attacks).unwrap();
        let sets: Vec<Vec<Arg>> = af.args().map(|a| vec![a]).chain([vec![]]).collect();
        let mut out = merged(&af, sets.clone());
        out.sort();
        assert_eq!(out, sets[..70]);
        // 0 -> 1 -> 2, 3 -> 4: {0, 2}, {3}, {0}, {2, 0} merge into one set.
        let af = Framework::from_attacks(5, &[(0, 1), (1, 2), (3, 4)]).unwrap();
        let sets = vec![vec![Arg(2), Arg(0)], vec![Arg(3)], vec![Arg(0)], vec![Arg(0), Arg(2)]];
        assert_eq!(merged(&af, sets), vec![vec![Arg(0), Arg(2), Arg(3)]]);
    }

    #[test]
    fn every_way_of_covering_finds_the_credulous_arguments_and_the_ideal_extension() {
        let tunings = [
            Tuning { large: 32, depth: 4 },
            // Only large models.
            Tuning { large: 0, depth: 4 },
            // One large model, then nothing near: the kept solver does the rest.
            Tuning { large: usize::MAX, depth: 0 },
            Tuning { large: usize::MAX, depth: 1 },
        ];
        let mut seed = 7u64;
        let mut next = |k: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % k
        };
        // 0 <-> 1, 0 -> 2 -> 2, 2 -> 3 -> 4 -> 5: 3 and 5 are credulously accepted and
        // unattacked by what is, but 3 loses its defender 0 (attacked by 1), and then 5
        // its defender 3: the ideal extension is empty.
        let fixed = [(0, 1), (1, 0), (0, 2), (2, 2), (2, 3), (3, 4), (4, 5)];
        for round in 0..600 {
            let n = 1 + next(12) as u32;
            let m = next(u64::from(2 * n + 2));
            let (n, attacks): (u32, Vec<(u32, u32)>) = match round {
                0 => (6, fixed.to_vec()),
                _ => (
                    n,
                    (0..m)
                        .map(|_| (next(u64::from(n)) as u32, next(u64::from(n)) as u32))
                        .collect(),
                ),
            };
            let af = Framework::from_attacks(n, &attacks).unwrap();
            let (ca, ideal) = brute(&af);
            for t in tunings {
                let (sets, found) = tuned(&af, t);
                let mut union = vec![false; af.len()];
                for set in &sets {
                    let mut mask = vec![false; af.len()];
                    set.iter().for_each(|a| mask[a.index()] = true);
                    assert!(admissible(&af, &mask), "round {round}: {set:?} of {attacks:?}");
                    set.iter().for_each(|a| union[a.index()] = true);
                }
                assert_eq!(union, ca, "round {round}: {attacks:?}");
                let found: Vec<bool> = af.args().map(|a| found.contains(&a)).collect();
                assert_eq!(found, ideal, "round {round}: {attacks:?}");
            }
        }
    }
}
