//! Frameworks to clauses: conflict-free, admissible, complete and stable sets, and
//! range variables for semi-stable and stage semantics.
//!
//! One variable `x_a` per argument (`a` is in the set) and, for admissible and complete
//! sets, one auxiliary variable `y_a` per argument (`a` is attacked by the set), defined
//! as `y_a <-> OR x_b` over the attackers `b` of `a`. Conflict-free sets need no `y`: one
//! binary clause per attack says it, and stage semantics (the one user) searches a
//! smaller formula without them. Stable sets need none either: in a stable set an
//! argument is attacked exactly when it is out, so "attacked" is the literal `not x_a`,
//! and the clauses are the conflict-free ones and `x_a or OR x_b` per argument (half the
//! variables of the `y` encoding; CaDiCaL was faster on most stable rows without them,
//! `benches/README.md`). Encoders only see a [`ClauseSink`].

use crate::af::{Arg, Framework};
use crate::sat::{ClauseSink, Lit};

/// Which sets the clauses describe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SetKind {
    /// No argument attacks another member.
    ConflictFree,
    /// Conflict-free, and every member's attackers are attacked by the set.
    Admissible,
    /// Admissible, and every argument defended by the set is in it.
    Complete,
    /// Conflict-free, and every non-member is attacked by the set.
    Stable,
}

/// The variables of an encoded framework.
#[derive(Clone, Debug)]
pub(crate) struct Encoding {
    /// `in_set[a]`: argument `a` is in the set.
    pub in_set: Vec<Lit>,
    /// `attacked[a]`: some member attacks `a`; empty for [`SetKind::ConflictFree`], and
    /// `not in_set[a]` for [`SetKind::Stable`] (the same in every stable set).
    pub attacked: Vec<Lit>,
}

impl Encoding {
    /// The literal "`a` is in the set".
    pub fn arg(&self, a: Arg) -> Lit {
        self.in_set[a.index()]
    }

    /// Pushes onto `clause` literals whose disjunction says "`a` is attacked by the set":
    /// `y_a`, or without `y` variables (conflict-free sets) the attackers' `x_b`.
    pub fn push_attacked(&self, af: &Framework, a: Arg, clause: &mut Vec<Lit>) {
        match self.attacked.get(a.index()) {
            Some(&y) => clause.push(y),
            None => clause.extend(af.attackers(a).iter().map(|&b| self.arg(b))),
        }
    }
}

/// Adds the clauses describing sets of `kind` to `sink`.
pub(crate) fn encode(af: &Framework, kind: SetKind, sink: &mut impl ClauseSink) -> Encoding {
    let n = af.len();
    // Trying "in" first finds large sets at once, which growing to a maximal set needs,
    // and suits stable sets (each member settles its targets); conflict-free search
    // (stage) is better left to the solver's default.
    let prefer_in = matches!(kind, SetKind::Admissible | SetKind::Complete | SetKind::Stable);
    let in_set: Vec<Lit> = (0..n).map(|_| sink.new_var_preferring(prefer_in).positive()).collect();
    if matches!(kind, SetKind::ConflictFree | SetKind::Stable) {
        for a in af.args() {
            let xa = in_set[a.index()];
            for &b in af.attackers(a) {
                if b == a {
                    sink.add_clause(&[!xa]);
                } else if b < a || !af.attacks(a, b) {
                    // Mutual attacks get one clause, from the larger argument.
                    sink.add_clause(&[!xa, !in_set[b.index()]]);
                }
            }
        }
        if kind == SetKind::ConflictFree {
            return Encoding { in_set, attacked: Vec::new() };
        }
        // Stable: a is in or attacked; "attacked" is then "out" (see the module docs).
        let mut clause = Vec::new();
        for a in af.args() {
            clause.clear();
            clause.push(in_set[a.index()]);
            clause.extend(af.attackers(a).iter().map(|&b| in_set[b.index()]));
            sink.add_clause(&clause);
        }
        let attacked = in_set.iter().map(|&x| !x).collect();
        return Encoding { in_set, attacked };
    }
    let attacked: Vec<Lit> = (0..n).map(|_| sink.new_lit()).collect();
    let mut group = Group::default();
    for a in af.args() {
        let attackers = af.attackers(a).iter().map(|&b| (in_set[b.index()], attacked[b.index()]));
        group.emit(kind, (in_set[a.index()], attacked[a.index()]), attackers, None, sink);
    }
    Encoding { in_set, attacked }
}

/// Writes one argument's clauses in the `y` encoding: its group. Static encodings write
/// every group unguarded; the incremental solver (`crate::dynamic`) writes each under an
/// activation literal and writes it again when the argument's attackers change.
#[derive(Default)]
pub(crate) struct Group {
    clause: Vec<Lit>,
    attackers: Vec<(Lit, Lit)>,
}

impl Group {
    /// Adds the group of the argument whose `(x, y)` are `a`, attacked by arguments with
    /// `(x, y)` `attackers`, for sets of `kind` (admissible, complete, or stable with `y`
    /// variables), each clause with `!guard` when there is a guard:
    /// - `y_a <-> OR x_b` over the attackers;
    /// - conflict-free: `x_a -> not y_a` (covers every attack on a member, self-attacks
    ///   too);
    /// - admissible and complete: `x_a -> y_b` for every attacker (defence); complete:
    ///   `x_a or OR not y_b` (defended means in); stable: `x_a or y_a`.
    pub fn emit(
        &mut self,
        kind: SetKind,
        (xa, ya): (Lit, Lit),
        attackers: impl IntoIterator<Item = (Lit, Lit)>,
        guard: Option<Lit>,
        sink: &mut impl ClauseSink,
    ) {
        self.attackers.clear();
        self.attackers.extend(attackers);
        let Group { clause, attackers } = self;
        let mut add = |lits: &mut dyn Iterator<Item = Lit>| {
            clause.clear();
            clause.extend(guard.map(|g| !g));
            clause.extend(lits);
            sink.add_clause(clause);
        };
        add(&mut std::iter::once(!ya).chain(attackers.iter().map(|&(xb, _)| xb)));
        for &(xb, _) in attackers.iter() {
            add(&mut [!xb, ya].into_iter());
        }
        add(&mut [!xa, !ya].into_iter());
        match kind {
            SetKind::Admissible | SetKind::Complete => {
                for &(_, yb) in attackers.iter() {
                    add(&mut [!xa, yb].into_iter());
                }
                if kind == SetKind::Complete {
                    add(&mut std::iter::once(xa).chain(attackers.iter().map(|&(_, yb)| !yb)));
                }
            }
            SetKind::Stable => add(&mut [xa, ya].into_iter()),
            SetKind::ConflictFree => unreachable!("conflict-free sets have no `y` encoding"),
        }
    }
}

/// Adds range variables `r_a <-> x_a or "a is attacked"` (see
/// [`Encoding::push_attacked`]) and returns them.
pub(crate) fn range(af: &Framework, enc: &Encoding, sink: &mut impl ClauseSink) -> Vec<Lit> {
    let mut clause = Vec::new();
    af.args()
        .map(|a| {
            let r = sink.new_var_preferring(true).positive();
            clause.clear();
            clause.extend([!r, enc.arg(a)]);
            enc.push_attacked(af, a, &mut clause);
            sink.add_clause(&clause);
            // Each other literal of that clause implies r.
            for &l in &clause[1..] {
                sink.add_clause(&[r, !l]);
            }
            r
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sat::recorder::Recorder;
    use std::collections::BTreeSet;

    fn af(n: u32, attacks: &[(u32, u32)]) -> Framework {
        Framework::from_attacks(n, attacks).unwrap()
    }

    fn sets(af: &Framework, kind: SetKind) -> BTreeSet<Vec<u32>> {
        let mut rec = Recorder::new();
        let enc = encode(af, kind, &mut rec);
        rec.models()
            .iter()
            .map(|m| af.args().filter(|&a| m[enc.arg(a).var().index()]).map(|a| a.0).collect())
            .collect()
    }

    #[test]
    fn models_of_a_reinstatement_chain() {
        // 0 -> 1 -> 2, plus a self-attacking 3 attacking 2.
        let f = af(4, &[(0, 1), (1, 2), (3, 3), (3, 2)]);
        let cf = sets(&f, SetKind::ConflictFree);
        assert!(cf.contains(&vec![0, 2]) && !cf.contains(&vec![3]));
        let adm = sets(&f, SetKind::Admissible);
        assert_eq!(adm, BTreeSet::from([vec![], vec![0]]));
        assert_eq!(sets(&f, SetKind::Complete), BTreeSet::from([vec![0]]));
        assert!(sets(&f, SetKind::Stable).is_empty());
    }

    #[test]
    fn conflict_free_models_and_ranges_match_brute_force() {
        // A mutual attack (one clause for both directions), a self-attack, a 3-cycle.
        let f = af(5, &[(0, 1), (1, 0), (2, 2), (2, 3), (3, 4), (4, 2), (1, 4)]);
        for kind in [SetKind::ConflictFree, SetKind::Admissible, SetKind::Complete] {
            let mut rec = Recorder::new();
            let enc = encode(&f, kind, &mut rec);
            let r = range(&f, &enc, &mut rec);
            if kind == SetKind::ConflictFree {
                assert!(enc.attacked.is_empty(), "conflict-free sets need no attacked variables");
            }
            for m in rec.models() {
                let set: Vec<u32> =
                    f.args().filter(|&a| m[enc.arg(a).var().index()]).map(|a| a.0).collect();
                let cf = f.args().all(|a| {
                    !set.contains(&a.0) || f.attackers(a).iter().all(|b| !set.contains(&b.0))
                });
                assert!(cf, "{kind:?}: {set:?} is not conflict-free");
                for a in f.args() {
                    let in_range =
                        set.contains(&a.0) || f.attackers(a).iter().any(|b| set.contains(&b.0));
                    assert_eq!(m[r[a.index()].var().index()], in_range, "{kind:?}: {set:?}, {a:?}");
                }
            }
        }
        // And every conflict-free set is one: the empty set, {0}, {1}, {3}, {4}, {0, 3},
        // {0, 4} and {1, 3} (2 attacks itself, 1 attacks 4).
        assert_eq!(sets(&f, SetKind::ConflictFree).len(), 8);
    }

    /// On random small frameworks (self-attacks and mutual attacks included) the stable
    /// models are exactly the stable extensions, and in each the "attacked" literal holds
    /// exactly for the arguments some member attacks.
    #[test]
    fn stable_models_match_brute_force() {
        let mut rng = crate::generate::Rng::new(3);
        for _ in 0..200 {
            let n = 1 + rng.below(8);
            let attacks = rng.attacks(n, 0.25);
            let f = af(n, &attacks);
            let mut rec = Recorder::new();
            let enc = encode(&f, SetKind::Stable, &mut rec);
            let mut models = BTreeSet::new();
            for m in rec.models() {
                let set: Vec<Arg> = f.args().filter(|&a| m[enc.arg(a).var().index()]).collect();
                for a in f.args() {
                    let mut lits = Vec::new();
                    enc.push_attacked(&f, a, &mut lits);
                    let attacked = lits.iter().any(|l| m[l.var().index()] != l.is_negative());
                    let hit = f.attackers(a).iter().any(|b| set.contains(b));
                    assert_eq!(attacked, hit, "{attacks:?}: {set:?}, {a:?}");
                }
                models.insert(set);
            }
            let brute: BTreeSet<Vec<Arg>> = crate::verify::every_set(&f)
                .filter(|set| crate::verify::is_stable(&f, set))
                .collect();
            assert_eq!(models, brute, "{attacks:?}");
        }
    }

    #[test]
    fn stable_models_of_an_even_cycle() {
        let f = af(2, &[(0, 1), (1, 0)]);
        assert_eq!(sets(&f, SetKind::Stable), BTreeSet::from([vec![0], vec![1]]));
    }
}
