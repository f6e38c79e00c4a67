//! What a search asks of its models beyond the encoding ([`Constraints`]), and the
//! selector variables that turn it into assumptions. [`Engine::assumptions`] is the one
//! place constraints become literals; the growth algorithms read what to keep out of a
//! set from the constraints themselves, never from the literals.
//!
//! Every selector is a set of permanent clauses that bind nothing unless their literals
//! are assumed, so that a search adds no clause per call:
//! - [`Larger`]: "strictly more than this set (range)";
//! - [`RegionVars`]: "agrees with this set below `lo`, differs from it in `lo..hi`", for
//!   model enumeration;
//! - [`Split`]: "lacks `a`, and `a` cannot join", for the maximal-set tree.

use super::engine::Engine;
use crate::af::Arg;
use crate::encode::SetKind;
use crate::sat::{ClauseSink, Lit};

/// Which variables a search maximises: the set's or the range's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Which {
    /// The set variables.
    Set,
    /// The range variables.
    Range,
}

/// Conditions on the models of a search, each an assumption.
#[derive(Clone, Debug, Default)]
pub(crate) struct Constraints {
    /// Arguments in the set.
    pub has: Vec<Arg>,
    /// Arguments not in the set.
    pub lacks: Vec<Arg>,
    /// Arguments the set attacks.
    pub attacks: Vec<Arg>,
    /// The range is exactly this mask.
    pub range_exactly: Option<Vec<bool>>,
    /// A region of the maximal-set tree.
    pub region: Option<Region>,
}

/// A region of the maximal-set (or maximal-range) tree: "contains these, lacks those
/// (which cannot join), and lacks one of the window (which cannot join)".
#[derive(Clone, Debug)]
pub(crate) struct Region {
    /// Over the set or the range.
    pub which: Which,
    /// Arguments in the set (range).
    pub contains: Vec<Arg>,
    /// Arguments not in the set (range), each unable to join it.
    pub excludes: Vec<Arg>,
    /// Some of these is not in the set (range) and cannot join it; empty: no condition.
    pub window: Vec<Arg>,
}

impl Constraints {
    /// "`a` is in the set".
    pub fn has(a: Arg) -> Constraints {
        Constraints { has: vec![a], ..Constraints::default() }
    }

    /// "`a` is not in the set".
    pub fn lacks(a: Arg) -> Constraints {
        Constraints { lacks: vec![a], ..Constraints::default() }
    }

    /// "`a` is attacked by the set".
    pub fn attacks(a: Arg) -> Constraints {
        Constraints { attacks: vec![a], ..Constraints::default() }
    }

    /// No condition at all.
    pub fn is_empty(&self) -> bool {
        self.has.is_empty()
            && self.lacks.is_empty()
            && self.attacks.is_empty()
            && self.range_exactly.is_none()
            && self.region.is_none()
    }

    /// The arguments the constraints keep out of the set, as a mask over `n`.
    pub fn excluded(&self, n: usize) -> Vec<bool> {
        super::closure::membership(n, &self.lacks)
    }

    /// The arguments that growing a model satisfying the constraints must keep out of its
    /// set or range (as `which` says), now `current` as a mask: those the region
    /// excludes, and, when it has a window, the window's arguments `current` lacks (one
    /// of them must stay out, and any may be the one).
    pub fn kept_out(&self, which: Which, current: &[bool]) -> Vec<bool> {
        let mut out = vec![false; current.len()];
        let Some(r) = self.region.as_ref().filter(|r| r.which == which) else {
            return out;
        };
        for &a in &r.excludes {
            out[a.index()] = true;
        }
        for &a in &r.window {
            out[a.index()] |= !current[a.index()];
        }
        out
    }
}

/// Permanent clauses that turn "strictly more than this set" into assumptions, so that
/// growing a set adds no clause and no variable per call: `pick[j] -> lits[j]`, and
/// `guard -> some pick[j]`. Assuming `guard`, `lits[j]` and `not pick[j]` for the members
/// `j` leaves the solver to pick a non-member. Without `guard` the clauses are free.
pub(super) struct Larger {
    pick: Vec<Lit>,
    guard: Lit,
}

/// Permanent clauses that turn the regions of model enumeration into assumptions:
/// `current[j]` is assumed to be the current set's value at `j`; `differs[j] -> (x_j !=
/// current[j])`; `differs_from[j] -> differs[j] or differs_from[j + 1]`. Assuming
/// `differs_from[lo]` and `not differs_from[hi]` asks for a difference in `lo..hi`.
/// Unassumed, the clauses are free.
pub(super) struct RegionVars {
    current: Vec<Lit>,
    differs_from: Vec<Lit>,
}

/// Permanent clauses that turn a [`Region`] into assumptions, over the set or the range
/// variables: `lack[a]` says "`a` is not in the set (range), and cannot join it" (true of
/// every maximal one lacking `a`), `some[a] -> lack[a]`, and `guard -> some some[a]`.
/// Assuming `guard` and `not some[a]` outside a window asks for a set (range) lacking a
/// member of the window. Unassumed, the clauses are free.
pub(super) struct Split {
    lack: Vec<Lit>,
    some: Vec<Lit>,
    guard: Lit,
}

/// The selectors of one engine, each built on first use.
#[derive(Default)]
pub(super) struct Selectors {
    /// Indexed by [`Which`].
    larger: [Option<Larger>; 2],
    regions: Option<RegionVars>,
    /// Indexed by [`Which`].
    split: [Option<Split>; 2],
}

impl Engine {
    /// The assumptions saying `c`, in this order: members, non-members, attacked
    /// arguments, the exact range, then the region (guard, window, contained, excluded).
    pub(crate) fn assumptions(&mut self, c: &Constraints) -> Vec<Lit> {
        let mut out: Vec<Lit> = c.has.iter().map(|&a| self.x(a)).collect();
        out.extend(c.lacks.iter().map(|&a| !self.x(a)));
        out.extend(c.attacks.iter().map(|&a| self.attacked(a)));
        if let Some(range) = &c.range_exactly {
            out.extend(self.range.iter().zip(range).map(|(&r, &m)| if m { r } else { !r }));
        }
        if let Some(region) = &c.region {
            self.push_region(region, &mut out);
        }
        out
    }

    fn push_region(&mut self, r: &Region, out: &mut Vec<Lit>) {
        let which = r.which as usize;
        if self.selectors.split[which].is_none() {
            self.selectors.split[which] = Some(self.new_split(r.which));
        }
        let split = self.selectors.split[which].as_ref().expect("built above");
        let lits = self.lits(r.which);
        if !r.window.is_empty() {
            out.push(split.guard);
            let in_window = super::closure::membership(self.len(), &r.window);
            out.extend((0..self.len()).filter(|&a| !in_window[a]).map(|a| !split.some[a]));
        }
        out.extend(r.contains.iter().map(|&a| lits[a.index()]));
        out.extend(r.excludes.iter().map(|&a| split.lack[a.index()]));
    }

    /// Adds to `assumptions` "every `member` (of the set or of the range) is in, and some
    /// non-member too", building the selectors on first use.
    pub(super) fn assume_larger(
        &mut self,
        which: Which,
        member: &[bool],
        assumptions: &mut Vec<Lit>,
    ) {
        let larger = match self.selectors.larger[which as usize].take() {
            Some(larger) => larger,
            None => self.new_larger(which),
        };
        let lits = self.lits(which);
        for (j, _) in member.iter().enumerate().filter(|(_, m)| **m) {
            assumptions.extend([lits[j], !larger.pick[j]]);
        }
        assumptions.push(larger.guard);
        self.selectors.larger[which as usize] = Some(larger);
    }

    /// The clauses of a [`Larger`] over the variables `which` names.
    fn new_larger(&mut self, which: Which) -> Larger {
        let lits = self.lits(which).to_vec();
        let pick: Vec<Lit> = lits.iter().map(|_| self.new_lit()).collect();
        let guard = self.new_lit();
        for (&p, &l) in pick.iter().zip(&lits) {
            self.push_clause(&[!p, l]);
        }
        let mut clause = vec![!guard];
        clause.extend_from_slice(&pick);
        self.push_clause(&clause);
        Larger { pick, guard }
    }

    /// Sets `base` to the assumptions "agrees with `current` below `lo` and differs from
    /// it somewhere in `lo..hi`", building the selectors on first use.
    pub(super) fn region_assumptions(
        &mut self,
        current: &[bool],
        lo: usize,
        hi: usize,
        base: &mut Vec<Lit>,
    ) {
        if self.selectors.regions.is_none() {
            self.selectors.regions = Some(self.new_region_vars());
        }
        let value = |lit: Lit, j: usize| if current[j] { lit } else { !lit };
        base.clear();
        base.extend((0..lo).map(|j| value(self.enc.in_set[j], j)));
        let vars = self.selectors.regions.as_ref().expect("built above");
        base.extend((lo..hi).map(|j| value(vars.current[j], j)));
        base.extend([vars.differs_from[lo], !vars.differs_from[hi]]);
    }

    fn new_region_vars(&mut self) -> RegionVars {
        let n = self.len();
        let current: Vec<Lit> = (0..n).map(|_| self.new_lit()).collect();
        let differs: Vec<Lit> = (0..n).map(|_| self.new_lit()).collect();
        let differs_from: Vec<Lit> = (0..=n).map(|_| self.new_lit()).collect();
        for j in 0..n {
            let (x, c, d) = (self.enc.in_set[j], current[j], differs[j]);
            self.push_clause(&[!d, x, c]);
            self.push_clause(&[!d, !x, !c]);
            self.push_clause(&[!differs_from[j], d, differs_from[j + 1]]);
        }
        RegionVars { current, differs_from }
    }

    /// The clauses of a [`Split`] over the set or range variables.
    fn new_split(&mut self, which: Which) -> Split {
        let n = self.len();
        let lits = self.lits(which).to_vec();
        let lack: Vec<Lit> = (0..n).map(|_| self.new_lit()).collect();
        let some: Vec<Lit> = (0..n).map(|_| self.new_lit()).collect();
        let guard = self.new_lit();
        for a in self.af.args() {
            let i = a.index();
            self.push_clause(&[!lack[i], !lits[i]]);
            self.push_clause(&[!some[i], lack[i]]);
            // A maximal set or range lacks `a` only when `a` cannot join the set (else
            // the set, or its range, would grow): `a` attacks itself, is attacked by the
            // set, attacks a member, or (but for conflict-free sets) has an attacker that
            // neither the set nor `a` attacks. For ranges, lacking `a` means not attacked.
            if self.af.is_self_attacking(a) {
                continue;
            }
            let mut clause = vec![!lack[i]];
            self.enc.push_attacked(&self.af, a, &mut clause);
            clause.extend(self.af.attacked_by(a).iter().map(|&c| self.enc.arg(c)));
            if self.kind != SetKind::ConflictFree {
                for &b in self.af.attackers(a) {
                    if !self.af.attacks(a, b) {
                        clause.push(!self.enc.attacked[b.index()]);
                    }
                }
            }
            self.push_clause(&clause);
        }
        let mut clause = vec![!guard];
        clause.extend_from_slice(&some);
        self.push_clause(&clause);
        Split { lack, some, guard }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_out_reads_the_region_not_the_literals() {
        let region = Region {
            which: Which::Range,
            contains: vec![Arg(0)],
            excludes: vec![Arg(1)],
            window: vec![Arg(2), Arg(3)],
        };
        let c = Constraints { region: Some(region), ..Constraints::lacks(Arg(4)) };
        let current = [true, false, true, false, false];
        assert_eq!(c.kept_out(Which::Range, &current), [false, true, false, true, false]);
        // The region constrains ranges, not sets.
        assert_eq!(c.kept_out(Which::Set, &current), [false; 5]);
        assert_eq!(c.excluded(5), [false, false, false, false, true]);
        assert!(!c.is_empty() && Constraints::default().is_empty());
    }
}
