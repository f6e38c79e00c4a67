//! The grounded status of an argument, explained by the rounds of the grounded fixpoint:
//! round 1 takes the unattacked arguments; round `k + 1` the arguments whose attackers
//! are all attacked by arguments of rounds up to `k`.

use crate::af::{Arg, Framework};

/// One argument of a derivation: in at `round`, because each of its attackers is
/// defeated by an argument of an earlier round.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The argument.
    pub argument: Arg,
    /// The round it comes in (1: unattacked).
    pub round: u32,
    /// `(attacker, defender)`: each attacker of the argument, and the earlier argument
    /// that attacks it.
    pub defeats: Vec<(Arg, Arg)>,
}

/// An argument's grounded status, explained.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum GroundedWhy {
    /// In the grounded extension: the derivation, by round (a strongly admissible set
    /// containing it, each member defended by earlier ones; the argument is last).
    In {
        /// The steps, in round order.
        derivation: Vec<Step>,
    },
    /// Attacked by `attacker`, which is in (derivation given).
    Out {
        /// An attacker in the grounded extension, from the earliest round.
        attacker: Arg,
        /// The attacker's derivation.
        derivation: Vec<Step>,
    },
    /// Neither: no attacker is in, some are undecided.
    Undec {
        /// The attackers left undecided.
        undecided_attackers: Vec<Arg>,
        /// Following undecided attackers from the argument: `path[i + 1]` attacks
        /// `path[i]`, and an undecided attacker of the last is `path[cycle_from]`: a
        /// cycle of undecided arguments that nothing outside it settles.
        path: Vec<Arg>,
        /// Where the cycle starts in `path`.
        cycle_from: usize,
    },
}

/// The round each argument comes in (`IN`), or goes out (`OUT`: the earliest round of an
/// attacker in), or `None` (undecided).
#[derive(Clone, Debug)]
pub struct Rounds {
    /// `in_round[a]`: the round `a` comes in.
    pub in_round: Vec<Option<u32>>,
    /// `out_round[a]`: the round of `a`'s earliest attacker in.
    pub out_round: Vec<Option<u32>>,
}

impl Rounds {
    /// The rounds of the grounded fixpoint of `af`, in O(n + m).
    pub fn of(af: &Framework) -> Rounds {
        let n = af.len();
        let mut left: Vec<usize> = af.args().map(|a| af.attackers(a).len()).collect();
        let mut in_round = vec![None; n];
        let mut out_round = vec![None; n];
        let mut current: Vec<Arg> = af.args().filter(|a| left[a.index()] == 0).collect();
        let mut round = 1;
        while !current.is_empty() {
            let mut next = Vec::new();
            for &a in &current {
                in_round[a.index()] = Some(round);
            }
            for &a in &current {
                for &b in af.attacked_by(a) {
                    if out_round[b.index()].is_some() {
                        continue;
                    }
                    out_round[b.index()] = Some(round);
                    for &c in af.attacked_by(b) {
                        left[c.index()] -= 1;
                        if left[c.index()] == 0 {
                            next.push(c);
                        }
                    }
                }
            }
            current = next;
            round += 1;
        }
        Rounds { in_round, out_round }
    }

    /// The attacker in of `b` from the earliest round.
    fn earliest_attacker(&self, af: &Framework, b: Arg) -> Option<Arg> {
        af.attackers(b)
            .iter()
            .copied()
            .filter(|c| self.in_round[c.index()].is_some())
            .min_by_key(|c| self.in_round[c.index()])
    }

    /// The derivation of `a` (which is in): `a`, and for each argument taken, the
    /// earliest defender against each of its attackers, by round.
    pub fn derivation(&self, af: &Framework, a: Arg) -> Vec<Step> {
        let mut taken = vec![false; af.len()];
        taken[a.index()] = true;
        let mut todo = vec![a];
        let mut steps = Vec::new();
        while let Some(x) = todo.pop() {
            let mut defeats = Vec::new();
            for &b in af.attackers(x) {
                let d =
                    self.earliest_attacker(af, b).expect("an attacker of an IN argument is OUT");
                defeats.push((b, d));
                if !taken[d.index()] {
                    taken[d.index()] = true;
                    todo.push(d);
                }
            }
            let round = self.in_round[x.index()].expect("derivations are of IN arguments");
            steps.push(Step { argument: x, round, defeats });
        }
        steps.sort_by_key(|s| (s.round, s.argument));
        steps
    }
}

/// `a`'s grounded status, explained.
pub fn explain(af: &Framework, a: Arg) -> GroundedWhy {
    let rounds = Rounds::of(af);
    if rounds.in_round[a.index()].is_some() {
        return GroundedWhy::In { derivation: rounds.derivation(af, a) };
    }
    if let Some(attacker) = rounds.earliest_attacker(af, a) {
        return GroundedWhy::Out { attacker, derivation: rounds.derivation(af, attacker) };
    }
    // Undecided: every attacker is undecided or out, at least one undecided; so is every
    // undecided attacker's, and following them must come back to one already met.
    let undecided =
        |x: Arg| rounds.in_round[x.index()].is_none() && rounds.out_round[x.index()].is_none();
    let undecided_attackers: Vec<Arg> =
        af.attackers(a).iter().copied().filter(|&b| undecided(b)).collect();
    let mut place = vec![usize::MAX; af.len()];
    let mut path = vec![a];
    place[a.index()] = 0;
    loop {
        let last = *path.last().expect("the path starts with a");
        let next = *af
            .attackers(last)
            .iter()
            .find(|&&b| undecided(b))
            .expect("an undecided argument has an undecided attacker");
        if place[next.index()] != usize::MAX {
            return GroundedWhy::Undec {
                undecided_attackers,
                path,
                cycle_from: place[next.index()],
            };
        }
        place[next.index()] = path.len();
        path.push(next);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn af(n: u32, attacks: &[(u32, u32)]) -> Framework {
        Framework::from_attacks(n, attacks).unwrap()
    }

    #[test]
    fn a_reinstatement_chain_is_derived_round_by_round() {
        // 0 -> 1 -> 2 -> 3 -> 4, and 5 -> 3.
        let f = af(6, &[(0, 1), (1, 2), (2, 3), (3, 4), (5, 3)]);
        let GroundedWhy::In { derivation } = explain(&f, Arg(4)) else { panic!() };
        let rounds: Vec<(u32, u32)> = derivation.iter().map(|s| (s.argument.0, s.round)).collect();
        // 4 needs 3 defeated: 5 (round 1) beats 2 (round 2) to it.
        assert_eq!(rounds, vec![(5, 1), (4, 2)]);
        assert_eq!(derivation[1].defeats, vec![(Arg(3), Arg(5))]);
        let GroundedWhy::Out { attacker, derivation } = explain(&f, Arg(1)) else { panic!() };
        assert_eq!((attacker, derivation.len()), (Arg(0), 1));
    }

    #[test]
    fn undecided_arguments_show_a_cycle() {
        // 0 <-> 1, 1 -> 2.
        let f = af(3, &[(0, 1), (1, 0), (1, 2)]);
        let GroundedWhy::Undec { undecided_attackers, path, cycle_from } = explain(&f, Arg(2))
        else {
            panic!()
        };
        assert_eq!(undecided_attackers, vec![Arg(1)]);
        assert_eq!((path, cycle_from), (vec![Arg(2), Arg(1), Arg(0)], 1));
    }
}
