//! An independent certificate checker: plain functions over the framework, sharing no
//! code with the solver's answer paths.

use argsat::{Arg, Framework};

fn members(af: &Framework, set: &[Arg]) -> Vec<bool> {
    let mut m = vec![false; af.len()];
    for a in set {
        m[a.index()] = true;
    }
    m
}

fn attacked(af: &Framework, m: &[bool]) -> Vec<bool> {
    let mut att = vec![false; af.len()];
    for (a, b) in af.attack_pairs() {
        if m[a.index()] {
            att[b.index()] = true;
        }
    }
    att
}

/// No member attacks a member.
pub fn conflict_free(af: &Framework, set: &[Arg]) -> bool {
    let m = members(af, set);
    af.attack_pairs().all(|(a, b)| !(m[a.index()] && m[b.index()]))
}

/// Conflict-free and every member defended.
pub fn admissible(af: &Framework, set: &[Arg]) -> bool {
    let m = members(af, set);
    let att = attacked(af, &m);
    conflict_free(af, set) && af.attack_pairs().all(|(b, a)| !m[a.index()] || att[b.index()])
}

/// Admissible and containing every argument it defends.
pub fn complete(af: &Framework, set: &[Arg]) -> bool {
    let m = members(af, set);
    let att = attacked(af, &m);
    let mut defended = vec![true; af.len()];
    for (b, a) in af.attack_pairs() {
        if !att[b.index()] {
            defended[a.index()] = false;
        }
    }
    admissible(af, set) && (0..af.len()).all(|a| !defended[a] || m[a])
}

/// Conflict-free and attacking every non-member.
pub fn stable(af: &Framework, set: &[Arg]) -> bool {
    let m = members(af, set);
    let att = attacked(af, &m);
    conflict_free(af, set) && (0..af.len()).all(|a| m[a] || att[a])
}
