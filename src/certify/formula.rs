//! The prover's side of the canonical formulas (`docs/proofs.md`): DIMACS literals,
//! variable `i + 1` for argument `i`. `crate::proofcheck` builds the same formulas with
//! code of its own.

use crate::af::{Arg, Framework};

use super::Claim;

/// Whether every set in `claim` names arguments of `af` only.
pub(super) fn names_only(af: &Framework, claim: &Claim) -> bool {
    let ok = |set: &[Arg]| set.iter().all(|a| a.index() < af.len());
    match claim {
        Claim::NoAdmissibleWith(q)
        | Claim::NoStableWith(q)
        | Claim::NoStableWithout(q)
        | Claim::PreferredAllContain(q) => q.index() < af.len(),
        Claim::NoStable => true,
        Claim::NoAdmissibleAbove(s)
        | Claim::NoAdmissibleWiderRange(s)
        | Claim::NoConflictFreeWiderRange(s) => ok(s),
        Claim::NoOtherStable(sets)
        | Claim::NoAdmissibleOutside(sets)
        | Claim::NoOtherComplete(sets)
        | Claim::NoOtherRangeMaximal { sets, .. } => sets.iter().all(|s| ok(s)),
        Claim::NoRangeMaximal { query, .. } => query.index() < af.len(),
        Claim::IdealExtension => true,
        Claim::IdealShown { accepted: sets, ideal }
        | Claim::IdealAttacked { attacking: sets, ideal } => {
            ok(ideal) && sets.iter().all(|s| ok(s))
        }
        Claim::RangeCover { sets, query, .. } => {
            query.index() < af.len() && sets.iter().all(|s| ok(s))
        }
        Claim::StableShown { stable, claim } => ok(stable) && names_only(af, claim),
    }
}

/// The variables of `claim`'s formula: the arguments, and a selector per covering set of
/// a [`Claim::RangeCover`].
pub(super) fn variables(af: &Framework, claim: &Claim) -> usize {
    match claim {
        Claim::RangeCover { sets, .. } | Claim::NoOtherRangeMaximal { sets, .. } => {
            af.len() + sets.len()
        }
        Claim::NoOtherComplete(_) => 2 * af.len(),
        Claim::IdealShown { .. } => af.len() + 1,
        Claim::IdealAttacked { ideal, .. } => {
            let members = sorted_members(ideal).len();
            af.len() + 1 + members + members.div_ceil(IDEAL_BLOCK)
        }
        Claim::StableShown { claim, .. } => variables(af, claim),
        _ => af.len(),
    }
}

/// The members of the ideal set per block variable of [`Claim::IdealAttacked`].
const IDEAL_BLOCK: usize = 256;

/// The members of `set` in increasing order, each once: how [`Claim::IdealAttacked`]
/// numbers them (its variable count and its clauses both need this).
fn sorted_members(set: &[Arg]) -> Vec<Arg> {
    let mut set = set.to_vec();
    set.sort_unstable();
    set.dedup();
    set
}

fn var(a: Arg) -> i32 {
    a.0 as i32 + 1
}

/// CF: (-a -b) per attack a -> b, (-a) per self-attack.
fn conflict_free(af: &Framework, out: &mut Vec<Vec<i32>>) {
    for a in af.args() {
        for &b in af.attacked_by(a) {
            out.push(if a == b { vec![-var(a)] } else { vec![-var(a), -var(b)] });
        }
    }
}

/// ADM's defence clauses: (-a c1 ... ck) per attack b -> a, c1..ck the attackers of b.
fn defended(af: &Framework, out: &mut Vec<Vec<i32>>) {
    for a in af.args() {
        for &b in af.attackers(a) {
            let mut c = vec![-var(a)];
            c.extend(af.attackers(b).iter().map(|&d| var(d)));
            out.push(c);
        }
    }
}

/// ADM: CF and the defence clauses.
pub(super) fn admissible(af: &Framework) -> Vec<Vec<i32>> {
    let mut out = Vec::new();
    conflict_free(af, &mut out);
    defended(af, &mut out);
    out
}

/// (a b1 ... bk): `a` in the set or attacked by it.
fn in_range(af: &Framework, a: Arg) -> Vec<i32> {
    let mut c = vec![var(a)];
    c.extend(af.attackers(a).iter().map(|&b| var(b)));
    c
}

/// STB: CF + (a b1 ... bk) per argument.
fn stable(af: &Framework, out: &mut Vec<Vec<i32>>) {
    conflict_free(af, out);
    out.extend(af.args().map(|a| in_range(af, a)));
}

/// A membership mask of `set`.
fn mask(af: &Framework, set: &[Arg]) -> Vec<bool> {
    let mut m = vec![false; af.len()];
    for a in set {
        m[a.index()] = true;
    }
    m
}

/// (a1 ... am): some argument outside `set` is in.
pub(super) fn outside(af: &Framework, set: &[Arg]) -> Vec<i32> {
    let m = mask(af, set);
    af.args().filter(|a| !m[a.index()]).map(var).collect()
}

/// (-e for e in `set`, a for a outside it): the new set is not `set`.
fn blocking(af: &Framework, set: &[Arg]) -> Vec<i32> {
    let mut c: Vec<i32> = set.iter().map(|&a| -var(a)).collect();
    c.extend(outside(af, set));
    c
}

/// Range clauses: every argument in the range of `set` is in the new set's range, and one
/// clause (each variable once) for some argument outside it to be.
fn wider_range(af: &Framework, set: &[Arg], out: &mut Vec<Vec<i32>>) {
    range_clauses(af, set, None, out);
}

/// The range clauses of `set`, each guarded by `selector` when given: `(-sel a b1 .. bk)`
/// for every `a` in `range(set)`, and `(sel, every argument outside range(set) with its
/// attackers, each once)`.
fn range_clauses(af: &Framework, set: &[Arg], selector: Option<i32>, out: &mut Vec<Vec<i32>>) {
    let mut range = mask(af, set);
    for &a in set {
        for &b in af.attacked_by(a) {
            range[b.index()] = true;
        }
    }
    let mut grows: Vec<i32> = selector.into_iter().collect();
    let mut seen = vec![false; af.len()];
    for a in af.args() {
        if range[a.index()] {
            let mut c: Vec<i32> = selector.map(|s| -s).into_iter().collect();
            c.extend(in_range(af, a));
            out.push(c);
            continue;
        }
        for b in std::iter::once(a).chain(af.attackers(a).iter().copied()) {
            if !seen[b.index()] {
                seen[b.index()] = true;
                grows.push(var(b));
            }
        }
    }
    out.push(grows);
}

/// The range clauses of `set` under the DIMACS variable `selector`: "`selector` means
/// range(set) lies inside the new set's range", and "the new set's range reaches outside
/// range(set), or `selector`".
pub(super) fn guarded_range(af: &Framework, set: &[Arg], selector: i32, out: &mut Vec<Vec<i32>>) {
    range_clauses(af, set, Some(selector), out);
}

/// ADM, or CF for stage semantics.
pub(super) fn base(af: &Framework, stage: bool) -> Vec<Vec<i32>> {
    if stage {
        let mut out = Vec::new();
        conflict_free(af, &mut out);
        out
    } else {
        admissible(af)
    }
}

/// A range cover's clauses after ADM or CF: the query's unit, then each set's range
/// clauses under its selector `n + i`.
fn range_cover(af: &Framework, sets: &[Vec<Arg>], query: Arg, with: bool, out: &mut Vec<Vec<i32>>) {
    out.push(vec![if with { var(query) } else { -var(query) }]);
    for (i, set) in sets.iter().enumerate() {
        guarded_range(af, set, (af.len() + i + 1) as i32, out);
    }
}

/// The canonical formula of `claim` on `af`. [`Claim::PreferredAllContain`],
/// [`Claim::NoRangeMaximal`] and [`Claim::IdealExtension`] have none of their own: they
/// give ADM alone here.
pub(super) fn clauses(af: &Framework, claim: &Claim) -> Vec<Vec<i32>> {
    let mut out = Vec::new();
    match claim {
        Claim::NoAdmissibleWith(q) => {
            conflict_free(af, &mut out);
            defended(af, &mut out);
            out.push(vec![var(*q)]);
        }
        Claim::NoStableWith(q) => {
            stable(af, &mut out);
            out.push(vec![var(*q)]);
        }
        Claim::NoStableWithout(q) => {
            stable(af, &mut out);
            out.push(vec![-var(*q)]);
        }
        Claim::NoStable => stable(af, &mut out),
        Claim::NoAdmissibleAbove(s) => {
            conflict_free(af, &mut out);
            defended(af, &mut out);
            out.extend(s.iter().map(|&a| vec![var(a)]));
            out.push(outside(af, s));
        }
        Claim::NoOtherStable(sets) => {
            stable(af, &mut out);
            out.extend(sets.iter().map(|e| blocking(af, e)));
        }
        Claim::NoAdmissibleOutside(sets) => {
            conflict_free(af, &mut out);
            defended(af, &mut out);
            out.extend(sets.iter().map(|c| outside(af, c)));
        }
        Claim::PreferredAllContain(_) => out = admissible(af),
        Claim::NoAdmissibleWiderRange(s) => {
            conflict_free(af, &mut out);
            defended(af, &mut out);
            wider_range(af, s, &mut out);
        }
        Claim::NoConflictFreeWiderRange(s) => {
            conflict_free(af, &mut out);
            wider_range(af, s, &mut out);
        }
        Claim::NoRangeMaximal { .. } | Claim::IdealExtension => out = admissible(af),
        Claim::IdealShown { accepted, ideal } => {
            out = admissible(af);
            let selector = af.len() as i32 + 1;
            let mut ca = vec![false; af.len()];
            accepted.iter().flatten().for_each(|a| ca[a.index()] = true);
            let mut hit = vec![false; af.len()];
            for a in af.args().filter(|a| ca[a.index()]) {
                af.attacked_by(a).iter().for_each(|b| hit[b.index()] = true);
            }
            let inside = mask(af, ideal);
            let mut c = vec![selector];
            c.extend(af.args().filter(|a| !ca[a.index()]).map(var));
            out.push(c);
            out.extend(af.args().filter(|a| hit[a.index()]).map(|a| vec![-selector, -var(a)]));
            let mut c = vec![-selector];
            c.extend(af.args().filter(|a| !inside[a.index()] && !hit[a.index()]).map(var));
            out.push(c);
        }
        Claim::IdealAttacked { attacking, ideal } => {
            out = admissible(af);
            let selector = af.len() as i32 + 1;
            let ideal = sorted_members(ideal);
            // n + 1 + k: "the set attacks the k-th member of the ideal set"; after them,
            // one variable per block of IDEAL_BLOCK members: "... a member of block j".
            // The selector's clause names the blocks (a clause of 250,000 literals,
            // falsified one by one, made rate's unit propagation quadratic: 115 s on
            // `ba_500000_m1`, 26 s in blocks).
            let blocks = ideal.len().div_ceil(IDEAL_BLOCK) as i32;
            let block = |j: i32| selector + ideal.len() as i32 + 1 + j;
            let mut c = vec![-selector];
            c.extend((0..blocks).map(block));
            out.push(c);
            for j in 0..blocks {
                let first = j * IDEAL_BLOCK as i32 + 1;
                let last = (first + IDEAL_BLOCK as i32 - 1).min(ideal.len() as i32);
                let mut c = vec![-block(j)];
                c.extend((first..=last).map(|k| selector + k));
                out.push(c);
            }
            for (k, &r) in ideal.iter().enumerate() {
                let mut c = vec![-(selector + 1 + k as i32)];
                c.extend(af.attackers(r).iter().map(|&b| var(b)));
                out.push(c);
            }
            let mut hit = vec![false; af.len()];
            for &a in attacking.iter().flatten() {
                af.attacked_by(a).iter().for_each(|b| hit[b.index()] = true);
            }
            let inside = mask(af, &ideal);
            out.extend(af.args().filter(|a| hit[a.index()]).map(|a| vec![selector, -var(a)]));
            let mut c = vec![selector];
            c.extend(af.args().filter(|a| !inside[a.index()] && !hit[a.index()]).map(var));
            out.push(c);
        }
        Claim::RangeCover { sets, query, with, stage } => {
            out = base(af, *stage);
            range_cover(af, sets, *query, *with, &mut out);
        }
        Claim::NoOtherComplete(sets) => {
            out = admissible(af);
            let n = af.len() as i32;
            // n + b: "b is attacked by the set".
            for b in af.args() {
                let t = n + var(b);
                let mut c = vec![-t];
                c.extend(af.attackers(b).iter().map(|&a| var(a)));
                out.push(c);
                out.extend(af.attackers(b).iter().map(|&a| vec![t, -var(a)]));
            }
            // Complete: every argument whose attackers are all attacked is in.
            for a in af.args() {
                let mut c = vec![var(a)];
                c.extend(af.attackers(a).iter().map(|&b| -(n + var(b))));
                out.push(c);
            }
            out.extend(sets.iter().map(|e| blocking(af, e)));
        }
        Claim::NoOtherRangeMaximal { sets, stage } => {
            out = base(af, *stage);
            for (i, set) in sets.iter().enumerate() {
                guarded_range(af, set, (af.len() + i + 1) as i32, &mut out);
                out.push(blocking(af, set));
            }
        }
        Claim::StableShown { claim: inner, .. } => {
            out = clauses(af, inner);
        }
    }
    out
}

/// Whether unit propagation on `clauses` (DIMACS literals over `1..=n`) reaches a
/// conflict: then the empty clause alone is a DRAT proof (a RUP step).
pub(super) fn propagation_refutes(n: usize, clauses: &[Vec<i32>]) -> bool {
    let code = |l: i32| 2 * (l.unsigned_abs() as usize) + usize::from(l < 0);
    // Each clause once per literal, tautologies dropped.
    let mut kept: Vec<Vec<i32>> = Vec::with_capacity(clauses.len());
    for c in clauses {
        let mut c = c.clone();
        c.sort_unstable();
        c.dedup();
        if c.iter().any(|l| c.binary_search(&-l).is_ok()) {
            continue;
        }
        kept.push(c);
    }
    // Where each literal occurs.
    let mut occurs: Vec<Vec<u32>> = vec![Vec::new(); 2 * n + 2];
    for (i, c) in kept.iter().enumerate() {
        for &l in c {
            occurs[code(l)].push(i as u32);
        }
    }
    let mut value = vec![0i8; n + 1];
    let mut free: Vec<usize> = kept.iter().map(Vec::len).collect();
    let mut satisfied = vec![false; kept.len()];
    let mut queue: Vec<i32> = Vec::new();
    for c in &kept {
        match c.as_slice() {
            [] => return true,
            [l] => queue.push(*l),
            _ => {}
        }
    }
    while let Some(l) = queue.pop() {
        let v = l.unsigned_abs() as usize;
        let sign: i8 = if l > 0 { 1 } else { -1 };
        if value[v] == sign {
            continue;
        }
        if value[v] == -sign {
            return true;
        }
        value[v] = sign;
        for &i in &occurs[code(l)] {
            satisfied[i as usize] = true;
        }
        for &i in &occurs[code(-l)] {
            let i = i as usize;
            // `free` counts the literals not yet false; an unsatisfied clause has no true
            // one, so they are its unassigned ones.
            free[i] -= 1;
            if satisfied[i] {
                continue;
            }
            match free[i] {
                0 => return true,
                1 => {
                    let unit =
                        kept[i].iter().copied().find(|&x| value[x.unsigned_abs() as usize] == 0);
                    queue.extend(unit);
                }
                _ => {}
            }
        }
    }
    false
}
