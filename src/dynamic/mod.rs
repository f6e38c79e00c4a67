//! An incremental solver for a framework that changes: arguments and attacks come and
//! go between questions, and the SAT solver keeps what it learnt (the engine behind the
//! IPAFAIR interface, `crate::ipafair`).
//!
//! Each argument has a slot with two variables that never change meaning: `x` ("in the
//! set") and `y` ("attacked by the set"). Every clause that depends on an argument's
//! attackers (the definition of its `y`, conflict-freeness with its attackers, its
//! defence, and the complete or stable condition) forms that argument's *group*, guarded
//! by an activation literal assumed at every solve. An attack added or deleted changes
//! one group, which is emitted again under a fresh activation literal while a unit clause
//! retires the old one; deleting an argument fixes its `x` false and re-emits the groups
//! of the arguments it attacked. So a change costs clauses in proportion to the degrees
//! it touches, never a new solver.
//!
//! Complete, stable, admissible and preferred questions are answered on this state
//! (preferred sceptical acceptance by counterexample-guided search); semi-stable, stage
//! and ideal ones by the static solver on the current framework (see
//! [`Dynamic::framework`]).
//!
//! ```
//! use argsat::dynamic::{Dynamic, DynamicSemantics, Assumption};
//!
//! let mut s = Dynamic::new(DynamicSemantics::Stable);
//! for a in [1, 2, 3] {
//!     s.add_argument(a).unwrap();
//! }
//! s.add_attack(1, 2).unwrap();
//! s.add_attack(2, 1).unwrap();
//! s.add_attack(2, 3).unwrap();
//! assert!(s.credulous(&[Assumption::In(3)]).unwrap().accepted);
//! assert!(!s.sceptical(&[Assumption::In(3)]).unwrap().accepted);
//! s.del_attack(2, 3).unwrap();
//! assert!(s.sceptical(&[Assumption::In(3)]).unwrap().accepted);
//! ```

mod encoding;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::af::{Arg, Framework};
use crate::sat::Backend;
use crate::semantics::{Options, solver_with};
use crate::task::Semantics;
use encoding::{Kind, State};

/// The semantics a [`Dynamic`] solver answers for (IPAFAIR's list, in its order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DynamicSemantics {
    /// Admissible sets.
    Admissible,
    /// Complete extensions.
    Complete,
    /// Preferred extensions.
    Preferred,
    /// Stable extensions.
    Stable,
    /// Semi-stable extensions.
    SemiStable,
    /// Stage extensions.
    Stage,
    /// The ideal extension.
    Ideal,
}

impl DynamicSemantics {
    /// The semantics of IPAFAIR's code (admissible 0, complete 1, ... ideal 6).
    pub fn from_code(code: i32) -> Option<DynamicSemantics> {
        use DynamicSemantics::*;
        [Admissible, Complete, Preferred, Stable, SemiStable, Stage, Ideal]
            .get(usize::try_from(code).ok()?)
            .copied()
    }

    /// The same as a [`Semantics`], where there is one (all but admissible).
    pub fn semantics(self) -> Option<Semantics> {
        match self {
            DynamicSemantics::Admissible => None,
            DynamicSemantics::Complete => Some(Semantics::Complete),
            DynamicSemantics::Preferred => Some(Semantics::Preferred),
            DynamicSemantics::Stable => Some(Semantics::Stable),
            DynamicSemantics::SemiStable => Some(Semantics::SemiStable),
            DynamicSemantics::Stage => Some(Semantics::Stage),
            DynamicSemantics::Ideal => Some(Semantics::Ideal),
        }
    }
}

/// A condition on the extensions a question is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Assumption {
    /// The argument is in.
    In(u32),
    /// The argument is out.
    Out(u32),
}

/// A change that cannot be made; the state is left as it was.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DynamicError {
    /// The argument exists already.
    #[error("argument {0} exists already")]
    DuplicateArgument(u32),
    /// No such argument.
    #[error("argument {0} does not exist")]
    UnknownArgument(u32),
    /// The attack exists already.
    #[error("the attack {0} -> {1} exists already")]
    DuplicateAttack(u32, u32),
    /// No such attack.
    #[error("the attack {0} -> {1} does not exist")]
    UnknownAttack(u32, u32),
}

/// The answer to a question: yes or no, with the extension that shows it (for a yes to
/// a credulous question, one satisfying the assumptions; for a no to a sceptical one,
/// one violating them), as argument ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DynamicAnswer {
    /// Whether the answer is yes.
    pub accepted: bool,
    /// The extension shown, when there is one.
    pub extension: Option<Vec<u32>>,
}

/// An incremental solver over a changing framework (see the module docs).
pub struct Dynamic {
    semantics: DynamicSemantics,
    backend: Backend,
    /// Argument id -> slot.
    slot_of: HashMap<u32, usize>,
    /// Slot -> argument id, for live slots.
    id_of: Vec<Option<u32>>,
    /// Attacks by slot: attackers and attacked.
    attackers: Vec<BTreeSet<usize>>,
    attacked: Vec<BTreeSet<usize>>,
    /// The SAT state for the kind of sets the semantics needs, built on first use.
    state: Option<State>,
    /// Slots whose group must be emitted again before the next solve.
    dirty: BTreeSet<usize>,
}

impl Dynamic {
    /// An empty framework under `semantics`, on the default SAT backend.
    pub fn new(semantics: DynamicSemantics) -> Dynamic {
        Dynamic::with_backend(semantics, Backend::default())
    }

    /// An empty framework under `semantics`, on `backend`.
    pub fn with_backend(semantics: DynamicSemantics, backend: Backend) -> Dynamic {
        Dynamic {
            semantics,
            backend,
            slot_of: HashMap::new(),
            id_of: Vec::new(),
            attackers: Vec::new(),
            attacked: Vec::new(),
            state: None,
            dirty: BTreeSet::new(),
        }
    }

    /// The semantics questions are answered for.
    pub fn semantics(&self) -> DynamicSemantics {
        self.semantics
    }

    /// Changes the semantics (the SAT state is rebuilt on the next question when the
    /// kind of sets differs).
    pub fn set_semantics(&mut self, semantics: DynamicSemantics) {
        if Kind::of(semantics) != Kind::of(self.semantics) {
            self.state = None;
        }
        self.semantics = semantics;
    }

    /// Adds the argument `a`.
    ///
    /// # Errors
    /// [`DynamicError::DuplicateArgument`] when it exists.
    pub fn add_argument(&mut self, a: u32) -> Result<(), DynamicError> {
        if self.slot_of.contains_key(&a) {
            return Err(DynamicError::DuplicateArgument(a));
        }
        let slot = self.id_of.len();
        self.id_of.push(Some(a));
        self.attackers.push(BTreeSet::new());
        self.attacked.push(BTreeSet::new());
        self.slot_of.insert(a, slot);
        self.dirty.insert(slot);
        Ok(())
    }

    /// Deletes the argument `a` and its attacks.
    ///
    /// # Errors
    /// [`DynamicError::UnknownArgument`] when it does not exist.
    pub fn del_argument(&mut self, a: u32) -> Result<(), DynamicError> {
        let slot = self.slot(a)?;
        for b in std::mem::take(&mut self.attacked[slot]) {
            self.attackers[b].remove(&slot);
            self.dirty.insert(b);
        }
        for b in std::mem::take(&mut self.attackers[slot]) {
            self.attacked[b].remove(&slot);
        }
        self.slot_of.remove(&a);
        self.id_of[slot] = None;
        self.dirty.remove(&slot);
        if let Some(state) = &mut self.state {
            state.retire(slot);
        }
        Ok(())
    }

    /// Adds the attack `a -> b`.
    ///
    /// # Errors
    /// [`DynamicError::UnknownArgument`] when either does not exist,
    /// [`DynamicError::DuplicateAttack`] when the attack does.
    pub fn add_attack(&mut self, a: u32, b: u32) -> Result<(), DynamicError> {
        let (x, y) = (self.slot(a)?, self.slot(b)?);
        if !self.attackers[y].insert(x) {
            return Err(DynamicError::DuplicateAttack(a, b));
        }
        self.attacked[x].insert(y);
        self.dirty.insert(y);
        Ok(())
    }

    /// Deletes the attack `a -> b`.
    ///
    /// # Errors
    /// [`DynamicError::UnknownArgument`] when either does not exist,
    /// [`DynamicError::UnknownAttack`] when the attack does not.
    pub fn del_attack(&mut self, a: u32, b: u32) -> Result<(), DynamicError> {
        let (x, y) = (self.slot(a)?, self.slot(b)?);
        if !self.attackers[y].remove(&x) {
            return Err(DynamicError::UnknownAttack(a, b));
        }
        self.attacked[x].remove(&y);
        self.dirty.insert(y);
        Ok(())
    }

    fn slot(&self, a: u32) -> Result<usize, DynamicError> {
        self.slot_of.get(&a).copied().ok_or(DynamicError::UnknownArgument(a))
    }

    /// Whether the argument `a` exists.
    pub fn contains(&self, a: u32) -> bool {
        self.slot_of.contains_key(&a)
    }

    /// The arguments, in increasing order.
    pub fn arguments(&self) -> Vec<u32> {
        let mut ids: Vec<u32> = self.slot_of.keys().copied().collect();
        ids.sort_unstable();
        ids
    }

    /// The current framework (arguments numbered `0..` in increasing id order) and the
    /// ids of its arguments.
    pub fn framework(&self) -> (Framework, Vec<u32>) {
        let ids = self.arguments();
        let index: BTreeMap<u32, u32> =
            ids.iter().enumerate().map(|(i, &a)| (a, i as u32)).collect();
        let mut pairs = Vec::new();
        for (&a, &i) in &index {
            for &t in &self.attacked[self.slot_of[&a]] {
                let b = self.id_of[t].expect("attacks are between live arguments");
                pairs.push((i, index[&b]));
            }
        }
        let af = Framework::from_attacks(ids.len() as u32, &pairs).expect("indices in range");
        (af, ids)
    }

    /// Checks the assumptions name arguments; their slots, in and out.
    fn resolve(
        &self,
        assumptions: &[Assumption],
    ) -> Result<(Vec<usize>, Vec<usize>), DynamicError> {
        let (mut ins, mut outs) = (Vec::new(), Vec::new());
        for &a in assumptions {
            match a {
                Assumption::In(a) => ins.push(self.slot(a)?),
                Assumption::Out(a) => outs.push(self.slot(a)?),
            }
        }
        Ok((ins, outs))
    }

    /// Brings the SAT state up to date with the framework.
    fn sync(&mut self) -> &mut State {
        if self.state.is_none() {
            // A new state: every live slot's group, every dead slot retired.
            let mut s = State::new(Kind::of(self.semantics), self.backend);
            for slot in 0..self.id_of.len() {
                s.ensure(slot);
                match self.id_of[slot] {
                    Some(_) => {
                        self.dirty.insert(slot);
                    }
                    None => s.retire(slot),
                }
            }
            self.state = Some(s);
        }
        let state = self.state.as_mut().expect("made above");
        for slot in state.slots()..self.id_of.len() {
            state.ensure(slot);
            self.dirty.insert(slot);
        }
        for &slot in &self.dirty {
            if self.id_of[slot].is_some() {
                state.emit(slot, &self.attackers[slot]);
            }
        }
        self.dirty.clear();
        state
    }

    /// The ids of the slots in `set`, in increasing order.
    fn ids(&self, set: &[usize]) -> Vec<u32> {
        let mut ids: Vec<u32> = set.iter().filter_map(|&s| self.id_of[s]).collect();
        ids.sort_unstable();
        ids
    }

    /// Whether some extension satisfies the assumptions, with one that does.
    ///
    /// # Errors
    /// [`DynamicError::UnknownArgument`] when an assumption names no argument.
    pub fn credulous(&mut self, assumptions: &[Assumption]) -> Result<DynamicAnswer, DynamicError> {
        let (ins, outs) = self.resolve(assumptions)?;
        let found = match self.semantics {
            DynamicSemantics::Admissible
            | DynamicSemantics::Complete
            | DynamicSemantics::Stable => {
                let live = self.live();
                self.sync().find(&ins, &outs, &live)
            }
            DynamicSemantics::Preferred => {
                let live = self.live();
                let (attackers, attacked) = (self.attackers.clone(), self.attacked.clone());
                let state = self.sync();
                if outs.is_empty() {
                    // A preferred extension around an admissible set with the assumptions.
                    state
                        .find(&ins, &[], &live)
                        .map(|set| state.grow(set, &live, &attackers, &attacked))
                } else {
                    state.maximal(&ins, &outs, &live, &attackers, &attacked)
                }
            }
            _ => return Ok(self.statically(&ins, &outs, true)),
        };
        Ok(DynamicAnswer { accepted: found.is_some(), extension: found.map(|s| self.ids(&s)) })
    }

    /// Whether every extension satisfies the assumptions, with one that does not when
    /// not. With no extension at all (stable semantics) the answer is yes.
    ///
    /// # Errors
    /// [`DynamicError::UnknownArgument`] when an assumption names no argument.
    pub fn sceptical(&mut self, assumptions: &[Assumption]) -> Result<DynamicAnswer, DynamicError> {
        let (ins, outs) = self.resolve(assumptions)?;
        let counter = match self.semantics {
            // The empty set is admissible: it satisfies no `In` assumption.
            DynamicSemantics::Admissible if !ins.is_empty() => Some(Vec::new()),
            DynamicSemantics::Admissible | DynamicSemantics::Stable => {
                let live = self.live();
                self.sync().violating(&ins, &outs, &live)
            }
            DynamicSemantics::Complete => {
                // Every complete extension contains the grounded one (the least), so an
                // `In` argument outside it fails there; an `Out` one fails exactly when
                // some complete extension has it.
                let grounded = self.grounded();
                if ins.iter().any(|s| grounded.binary_search(s).is_err()) {
                    Some(grounded)
                } else {
                    let live = self.live();
                    let state = self.sync();
                    outs.iter().find_map(|&o| state.find(&[o], &[], &live))
                }
            }
            DynamicSemantics::Preferred => {
                let live = self.live();
                let (attackers, attacked) = (self.attackers.clone(), self.attacked.clone());
                let state = self.sync();
                // A preferred extension lacking an `In` argument, or with an `Out` one.
                let mut found = None;
                for &s in &ins {
                    found = state.maximal(&[], &[s], &live, &attackers, &attacked);
                    if found.is_some() {
                        break;
                    }
                }
                if found.is_none() {
                    for &o in &outs {
                        found = state
                            .find(&[o], &[], &live)
                            .map(|set| state.grow(set, &live, &attackers, &attacked));
                        if found.is_some() {
                            break;
                        }
                    }
                }
                found
            }
            _ => return Ok(self.statically(&ins, &outs, false)),
        };
        Ok(DynamicAnswer { accepted: counter.is_none(), extension: counter.map(|s| self.ids(&s)) })
    }

    /// The live slots.
    fn live(&self) -> Vec<usize> {
        (0..self.id_of.len()).filter(|&s| self.id_of[s].is_some()).collect()
    }

    /// The grounded extension, as sorted slots.
    fn grounded(&self) -> Vec<usize> {
        let mut left: Vec<usize> = self.attackers.iter().map(BTreeSet::len).collect();
        let mut out = vec![false; self.id_of.len()];
        let mut queue: Vec<usize> = self.live().into_iter().filter(|&s| left[s] == 0).collect();
        let mut ext = Vec::new();
        while let Some(a) = queue.pop() {
            ext.push(a);
            for &b in &self.attacked[a] {
                if !std::mem::replace(&mut out[b], true) {
                    for &c in &self.attacked[b] {
                        left[c] -= 1;
                        if left[c] == 0 {
                            queue.push(c);
                        }
                    }
                }
            }
        }
        ext.sort_unstable();
        ext
    }

    /// Answers on the current framework with the static solver (semi-stable, stage,
    /// ideal), enumerating extensions until one settles it.
    fn statically(&self, ins: &[usize], outs: &[usize], credulous: bool) -> DynamicAnswer {
        let (af, ids) = self.framework();
        let semantics = self.semantics.semantics().expect("not admissible");
        let local = |slot: usize| {
            let id = self.id_of[slot].expect("live");
            Arg::from_index(ids.binary_search(&id).expect("a live argument"))
        };
        let (ins, outs): (Vec<Arg>, Vec<Arg>) =
            (ins.iter().map(|&s| local(s)).collect(), outs.iter().map(|&s| local(s)).collect());
        let options = Options { backend: self.backend, ..Options::default() };
        let mut found = None;
        solver_with(&af, semantics, options).enumerate(&mut |e| {
            let fits = ins.iter().all(|a| e.binary_search(a).is_ok())
                && outs.iter().all(|a| e.binary_search(a).is_err());
            if fits == credulous {
                found = Some(e.iter().map(|a| ids[a.index()]).collect::<Vec<u32>>());
            }
            found.is_none()
        });
        DynamicAnswer { accepted: found.is_some() == credulous, extension: found }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_changes_are_errors_and_change_nothing() {
        let mut s = Dynamic::new(DynamicSemantics::Complete);
        s.add_argument(1).unwrap();
        assert_eq!(s.add_argument(1), Err(DynamicError::DuplicateArgument(1)));
        assert_eq!(s.add_attack(1, 2), Err(DynamicError::UnknownArgument(2)));
        assert_eq!(s.del_attack(1, 1), Err(DynamicError::UnknownAttack(1, 1)));
        s.add_attack(1, 1).unwrap();
        assert_eq!(s.add_attack(1, 1), Err(DynamicError::DuplicateAttack(1, 1)));
        assert_eq!(s.del_argument(3), Err(DynamicError::UnknownArgument(3)));
        assert_eq!(s.credulous(&[Assumption::In(3)]), Err(DynamicError::UnknownArgument(3)));
        assert!(!s.credulous(&[Assumption::In(1)]).unwrap().accepted);
        assert_eq!(s.arguments(), vec![1]);
    }

    #[test]
    fn codes_name_the_semantics_in_ipafair_order() {
        assert_eq!(DynamicSemantics::from_code(0), Some(DynamicSemantics::Admissible));
        assert_eq!(DynamicSemantics::from_code(6), Some(DynamicSemantics::Ideal));
        assert_eq!(DynamicSemantics::from_code(7), None);
        assert_eq!(DynamicSemantics::from_code(-1), None);
    }
}
