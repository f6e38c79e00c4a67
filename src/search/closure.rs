//! Set algorithms that need no SAT solver: ranges, the arguments reaching a query, the
//! least complete superset of an admissible set, cheap local growth, and the order in
//! which the maximal-set tree splits a set.

use crate::af::{Arg, Framework};
use crate::encode::SetKind;

/// The set `set` as a mask over `n` arguments.
pub(crate) fn membership(n: usize, set: &[Arg]) -> Vec<bool> {
    let mut member = vec![false; n];
    for &a in set {
        member[a.index()] = true;
    }
    member
}

/// How many members [`greedy_admissible`] may give a set before it gives up: the
/// searches that try it first ask the SAT solver next, so it must stay cheap.
pub(crate) const GREEDY_LIMIT: usize = 16;

/// A small admissible set containing `a`, built greedily without the solver: every
/// attacker of the set that the set does not attack yet gets one defender, the first of
/// its attackers in conflict with nothing in the set. `None` when some attacker has no
/// such defender, or the set would pass `limit` members: the greedy choice never
/// backtracks, so `None` proves nothing. `member` is scratch space, all false before
/// and after.
pub(crate) fn greedy_admissible(
    af: &Framework,
    a: Arg,
    limit: usize,
    member: &mut [bool],
) -> Option<Vec<Arg>> {
    let mut set = Vec::new();
    let fits = |d: Arg, member: &[bool]| {
        !af.is_self_attacking(d)
            && !af.attackers(d).iter().any(|b| member[b.index()])
            && !af.attacked_by(d).iter().any(|b| member[b.index()])
    };
    let mut ok = fits(a, member);
    if ok {
        member[a.index()] = true;
        set.push(a);
    }
    let mut todo: Vec<Arg> = af.attackers(a).to_vec();
    let mut i = 0;
    while ok && i < todo.len() {
        let x = todo[i];
        i += 1;
        if af.attackers(x).iter().any(|b| member[b.index()]) {
            continue;
        }
        match af.attackers(x).iter().copied().find(|&d| fits(d, member)) {
            Some(d) if set.len() < limit => {
                member[d.index()] = true;
                set.push(d);
                todo.extend_from_slice(af.attackers(d));
            }
            _ => ok = false,
        }
    }
    for b in &set {
        member[b.index()] = false;
    }
    ok.then_some(set)
}

/// The set and every argument it attacks, as a mask.
pub(crate) fn range_of(af: &Framework, set: &[Arg]) -> Vec<bool> {
    let mut range = vec![false; af.len()];
    for &a in set {
        range[a.index()] = true;
        for &b in af.attacked_by(a) {
            range[b.index()] = true;
        }
    }
    range
}

/// The arguments with a path of attacks to `q`, `q` included, in increasing order.
///
/// All an admissible set containing `q` needs: the attackers of its members reach `q`, and
/// so do the members defending against them. And an admissible set of the framework
/// restricted to them is admissible in the whole framework, since every attacker of one of
/// them is one of them.
pub(crate) fn reaching(af: &Framework, q: Arg) -> Vec<Arg> {
    let mut seen = vec![false; af.len()];
    seen[q.index()] = true;
    let mut stack = vec![q];
    let mut out = Vec::new();
    while let Some(a) = stack.pop() {
        out.push(a);
        for &b in af.attackers(a) {
            if !seen[b.index()] {
                seen[b.index()] = true;
                stack.push(b);
            }
        }
    }
    out.sort_unstable();
    out
}

/// The least complete superset of the admissible `set`: adds defended arguments until
/// none is left (Dung's fundamental lemma keeps each step admissible).
pub(crate) fn extend_defended(af: &Framework, set: Vec<Arg>) -> Vec<Arg> {
    let n = af.len();
    let mut member = vec![false; n];
    let mut hit = vec![false; n];
    for &a in &set {
        member[a.index()] = true;
        for &b in af.attacked_by(a) {
            hit[b.index()] = true;
        }
    }
    // Attackers of each argument the set does not yet attack.
    let mut open: Vec<u32> = af
        .args()
        .map(|a| af.attackers(a).iter().filter(|&&b| !hit[b.index()]).count() as u32)
        .collect();
    let mut queue: Vec<Arg> = af.args().filter(|&a| open[a.index()] == 0).collect();
    let mut set = set;
    while let Some(a) = queue.pop() {
        if member[a.index()] {
            continue;
        }
        member[a.index()] = true;
        set.push(a);
        for &t in af.attacked_by(a) {
            if !hit[t.index()] {
                hit[t.index()] = true;
                for &u in af.attacked_by(t) {
                    open[u.index()] -= 1;
                    if open[u.index()] == 0 {
                        queue.push(u);
                    }
                }
            }
        }
    }
    set.sort_unstable();
    set
}

/// Grows `set` without the solver, keeping it of `kind`, by arguments it can take one at a
/// time and never by an `excluded` one:
/// - conflict-free: any argument neither attacking nor attacked by the set, nor itself;
/// - admissible and complete: any argument not attacked by the set, not attacking
///   itself, each of whose attackers the set or the argument itself attacks (such an
///   argument cannot attack the set: the set would defend the member and so attack it).
///   At the fixpoint every defended argument is in, so the set is complete.
///
/// Nor by one that is `out` (of the range) or attacks an `out` one; `out` arguments count
/// as excluded too.
///
/// Cheap (each argument is re-examined only when one of its attackers newly falls into
/// the range), it saves the solver the many one-argument steps of growing large sets.
pub(crate) fn extend_locally(
    af: &Framework,
    kind: SetKind,
    set: Vec<Arg>,
    excluded: &[bool],
    out: &[bool],
) -> Vec<Arg> {
    if kind == SetKind::Stable {
        return set;
    }
    let n = af.len();
    let mut member = membership(n, &set);
    let mut hit = vec![false; n]; // attacked by the set
    let mut hits_member = vec![false; n]; // attacks the set
    for &a in &set {
        for &b in af.attacked_by(a) {
            hit[b.index()] = true;
        }
        for &b in af.attackers(a) {
            hits_member[b.index()] = true;
        }
    }
    let fits = |a: Arg, member: &[bool], hit: &[bool], hits_member: &[bool]| -> bool {
        let i = a.index();
        if member[i] || hit[i] || excluded[i] || out[i] || af.is_self_attacking(a) {
            return false;
        }
        if af.attacked_by(a).iter().any(|&t| out[t.index()]) {
            return false;
        }
        match kind {
            SetKind::ConflictFree => !hits_member[i],
            _ => af.attackers(a).iter().all(|&b| hit[b.index()] || af.attacks(a, b)),
        }
    };
    let original = set.clone();
    let mut set = set;
    let mut queue: Vec<Arg> = af.args().rev().collect();
    while let Some(a) = queue.pop() {
        if !fits(a, &member, &hit, &hits_member) {
            continue;
        }
        member[a.index()] = true;
        set.push(a);
        for &b in af.attackers(a) {
            hits_member[b.index()] = true;
        }
        for &t in af.attacked_by(a) {
            if !hit[t.index()] {
                hit[t.index()] = true;
                // Arguments t attacks may now be defended.
                if kind != SetKind::ConflictFree {
                    queue.extend(af.attacked_by(t).iter().filter(|&&u| !member[u.index()]));
                }
            }
        }
    }
    // A complete set must contain what it defends: if an excluded argument is now
    // defended, no complete set without it contains this extension.
    let defended = |a: Arg| af.attackers(a).iter().all(|&b| hit[b.index()]);
    if kind == SetKind::Complete
        && af.args().any(|a| (excluded[a.index()] || out[a.index()]) && defended(a))
    {
        return original;
    }
    set.sort_unstable();
    set
}

/// The members of the set `found` not in `pos`, ordered so that as many as possible are
/// defended by `pos` and the members before them, and which are. Greedy: a defended
/// member next when there is one, else the member left attacking the most arguments.
pub(crate) fn defence_order(
    af: &Framework,
    pos: &[Arg],
    mut found: Vec<Arg>,
) -> (Vec<Arg>, Vec<bool>) {
    let n = af.len();
    let mut left = membership(n, &found); // members still to place
    let mut hit = vec![false; n]; // attacked by pos or a placed member
    let mut need = vec![0u32; n]; // attackers of a member left not yet hit
    for &a in pos {
        left[a.index()] = false;
        for &t in af.attacked_by(a) {
            hit[t.index()] = true;
        }
    }
    let mut ready = Vec::new();
    for &a in &found {
        if left[a.index()] {
            need[a.index()] = af.attackers(a).iter().filter(|&&b| !hit[b.index()]).count() as u32;
            if need[a.index()] == 0 {
                ready.push(a);
            }
        }
    }
    let mut order = Vec::with_capacity(found.len());
    let mut defended = Vec::with_capacity(found.len());
    // Members attacking many arguments first: each settles more of the rest.
    found.sort_by_key(|&a| std::cmp::Reverse(af.attacked_by(a).len()));
    let mut rest = found.into_iter();
    loop {
        let (a, free) = match ready.pop() {
            Some(a) => (a, true),
            None => match rest.by_ref().find(|&a| left[a.index()]) {
                Some(a) => (a, false),
                None => break,
            },
        };
        if !left[a.index()] {
            continue;
        }
        left[a.index()] = false;
        order.push(a);
        defended.push(free);
        for &t in af.attacked_by(a) {
            if !hit[t.index()] {
                hit[t.index()] = true;
                for &u in af.attacked_by(t) {
                    if left[u.index()] {
                        need[u.index()] -= 1;
                        if need[u.index()] == 0 {
                            ready.push(u);
                        }
                    }
                }
            }
        }
    }
    (order, defended)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greedy_admissible_sets_are_admissible_and_contain_their_argument() {
        // 0 <-> 1, 1 -> 2, 3 -> 2, 4 <-> 3, 4 -> 4 is not there; 5 -> 5; 6 -> 7 -> 8 -> 6.
        let attacks =
            [(0, 1), (1, 0), (1, 2), (3, 2), (4, 3), (3, 4), (5, 5), (6, 7), (7, 8), (8, 6)];
        let af = Framework::from_attacks(9, &attacks).unwrap();
        let mut scratch = vec![false; af.len()];
        let found: Vec<Option<Vec<Arg>>> =
            af.args().map(|a| greedy_admissible(&af, a, 16, &mut scratch)).collect();
        assert!(scratch.iter().all(|&m| !m), "the scratch space is left clean");
        for (a, set) in af.args().zip(&found) {
            if let Some(set) = set {
                assert!(
                    set.contains(&a) && crate::verify::is_admissible(&af, set),
                    "{a:?} {set:?}"
                );
            }
        }
        // 2 needs 0 (against 1) and 4 (against 3); a self-attacker and an odd cycle
        // have no admissible set.
        let mut two = found[2].clone().unwrap();
        two.sort();
        assert_eq!(two, vec![Arg(0), Arg(2), Arg(4)]);
        assert!(found[5].is_none() && found[6].is_none() && found[7].is_none());
        // Past the limit the greedy search gives up.
        assert_eq!(greedy_admissible(&af, Arg(2), 2, &mut scratch), None);
    }

    #[test]
    fn only_arguments_reaching_the_query_are_kept() {
        // 0 -> 1 -> 2 <-> 3, 2 -> 4 (downstream of 2), 5 alone.
        let af = Framework::from_attacks(6, &[(0, 1), (1, 2), (2, 3), (3, 2), (2, 4)]).unwrap();
        assert_eq!(reaching(&af, Arg(2)), vec![Arg(0), Arg(1), Arg(2), Arg(3)]);
        assert_eq!(reaching(&af, Arg(5)), vec![Arg(5)]);
    }

    #[test]
    fn extend_defended_adds_what_the_set_defends() {
        // 0 -> 1 -> 2 -> 3, 4 <-> 5: {0} defends 2, and nothing defends 4 or 5.
        let af = Framework::from_attacks(6, &[(0, 1), (1, 2), (2, 3), (4, 5), (5, 4)]).unwrap();
        assert_eq!(extend_defended(&af, vec![Arg(0)]), vec![Arg(0), Arg(2)]);
        assert_eq!(extend_defended(&af, vec![Arg(4)]), vec![Arg(0), Arg(2), Arg(4)]);
    }

    #[test]
    fn local_growth_keeps_the_kind_and_avoids_excluded_arguments() {
        // 0 <-> 1, 2 unattacked, 2 -> 3.
        let af = Framework::from_attacks(4, &[(0, 1), (1, 0), (2, 3)]).unwrap();
        let none = vec![false; 4];
        let grown = extend_locally(&af, SetKind::Admissible, vec![], &none, &none);
        assert_eq!(grown, vec![Arg(0), Arg(2)]);
        let mut excluded = none.clone();
        excluded[0] = true;
        let grown = extend_locally(&af, SetKind::Admissible, vec![], &excluded, &none);
        assert_eq!(grown, vec![Arg(1), Arg(2)]);
        // A complete set must not leave out what it defends: 2 is excluded but defended.
        let mut excluded = none.clone();
        excluded[2] = true;
        assert_eq!(extend_locally(&af, SetKind::Complete, vec![], &excluded, &none), vec![]);
    }
}
