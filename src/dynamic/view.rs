//! What the incremental solver hands to argsat's static algorithms: the current framework
//! with its grounded labelling ([`View`]), and a static solver kept until the next change
//! ([`Cached`]).

use std::collections::BTreeSet;

use crate::af::{Arg, Framework};
use crate::encode::SetKind;
use crate::sat::Backend;
use crate::search::SharedOpenings;
use crate::search::closure::{extend_defended, extend_locally, reaching};
use crate::semantics::{
    Certificates, Label, Labelling, Options, Solver, grounded_labelling, solver_sharing,
};
use crate::stop::Stopped;

use super::DynamicAnswer;
use crate::task::Semantics;

/// A static solver of the current framework (it owns the framework), with the map from
/// its arguments back to argument ids.
pub(super) struct Cached {
    solver: Box<dyn Solver>,
    /// Local id -> argument id.
    ids: Vec<u32>,
    /// The certificates its answers show.
    certificates: Certificates,
}

impl Cached {
    pub(super) fn new(
        af: Framework,
        ids: Vec<u32>,
        (semantics, certificates): (Semantics, Certificates),
        backend: Backend,
        (openings, start): (SharedOpenings, &[u32]),
    ) -> Cached {
        let options = Options { backend, certificates, ..Options::default() };
        // The ids of `start` still alive, as arguments of `af`.
        let start = start.iter().filter_map(|a| ids.binary_search(a).ok().map(Arg::from_index));
        let start = start.collect();
        Cached {
            solver: solver_sharing(af, semantics, options, openings, start),
            ids,
            certificates,
        }
    }

    /// The semantics the solver answers for, and the certificates it shows.
    pub(super) fn answers(&self) -> (Semantics, Certificates) {
        (self.solver.semantics(), self.certificates)
    }

    /// The credulous or sceptical answer about the argument `id` (a live one).
    pub(super) fn answer(&mut self, id: u32, credulous: bool) -> Result<DynamicAnswer, Stopped> {
        debug_assert_eq!(self.solver.framework().len(), self.ids.len());
        let a = Arg::from_index(self.ids.binary_search(&id).expect("a live argument"));
        let d = if credulous { self.solver.credulous(a)? } else { self.solver.sceptical(a)? };
        let extension = d.certificate.map(|e| e.iter().map(|x| self.ids[x.index()]).collect());
        Ok(DynamicAnswer { accepted: d.accepted, extension })
    }
}

/// The current framework as a [`Framework`] (local ids are live slots in order), with its
/// grounded labelling: what the static algorithms (closures, reaching parts) work on.
pub(super) struct View {
    pub(super) af: Framework,
    /// Local id -> slot.
    pub(super) slots: Vec<usize>,
    /// Slot -> local id (`u32::MAX` for dead slots).
    local: Vec<u32>,
    labels: Labelling,
}

impl View {
    /// The framework of the live slots of `id_of` (slot -> argument id, `None` when dead)
    /// with the attacks of `attacked` (by slot).
    pub(super) fn new(id_of: &[Option<u32>], attacked: &[BTreeSet<usize>]) -> View {
        let slots: Vec<usize> = (0..id_of.len()).filter(|&s| id_of[s].is_some()).collect();
        let mut local = vec![u32::MAX; id_of.len()];
        for (i, &s) in slots.iter().enumerate() {
            local[s] = i as u32;
        }
        let pairs: Vec<(u32, u32)> = slots
            .iter()
            .flat_map(|&s| attacked[s].iter().map(move |&t| (s, t)))
            .map(|(s, t)| (local[s], local[t]))
            .collect();
        let af = Framework::from_attacks(slots.len() as u32, &pairs).expect("indices in range");
        let labels = grounded_labelling(&af);
        View { af, slots, local, labels }
    }

    pub(super) fn arg(&self, slot: usize) -> Arg {
        Arg(self.local[slot])
    }

    pub(super) fn label(&self, slot: usize) -> Label {
        self.labels.label(self.arg(slot))
    }

    pub(super) fn to_slots(&self, set: &[Arg]) -> Vec<usize> {
        set.iter().map(|a| self.slots[a.index()]).collect()
    }

    pub(super) fn to_args(&self, set: &[usize]) -> Vec<Arg> {
        let mut v: Vec<Arg> = set.iter().map(|&s| self.arg(s)).collect();
        v.sort_unstable();
        v
    }

    /// The slots of the arguments with a path of attacks to one of `targets`: an admissible
    /// set containing (or attacking, for their attackers) them needs no other.
    pub(super) fn reaching(&self, targets: &[usize]) -> Vec<usize> {
        let mut part = BTreeSet::new();
        for &t in targets {
            part.extend(reaching(&self.af, self.arg(t)).iter().map(|a| self.slots[a.index()]));
        }
        part.into_iter().collect()
    }

    /// An admissible `set` with what it defends locally added (the cheap closure growing
    /// starts from).
    pub(super) fn close_admissible(&self, set: Vec<usize>) -> Vec<usize> {
        let none = vec![false; self.af.len()];
        let grown = extend_locally(&self.af, SetKind::Admissible, self.to_args(&set), &none, &none);
        self.to_slots(&grown)
    }

    /// The complete extension an admissible `set` grows to by adding what it defends.
    pub(super) fn completed(&self, set: &[usize]) -> Vec<usize> {
        self.to_slots(&extend_defended(&self.af, self.to_args(set)))
    }

    /// The grounded extension, as slots.
    pub(super) fn grounded(&self) -> Vec<usize> {
        self.to_slots(&self.labels.with_label(Label::In))
    }
}
