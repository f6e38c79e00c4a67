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
mod rebuilt;
mod view;
mod vocabulary;

use std::collections::{BTreeSet, HashMap};
use std::time::Instant;

use crate::af::Framework;
use crate::sat::Backend;
use crate::search::SharedOpenings;
use crate::semantics::Label;
use crate::stop::{self, Halt, Interrupt};
use encoding::{Kind, State};
use view::{Cached, View};
pub use vocabulary::{Assumption, DynamicAnswer, DynamicError, DynamicSemantics, Strategy};

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
    /// One SAT state per kind of sets asked about so far, each kept up to date.
    states: Vec<State>,
    /// The current framework, until the next change.
    view: Option<View>,
    strategy: Strategy,
    /// The static solver of the current framework ([`Strategy::Rebuild`]), until the next
    /// change.
    cached: Option<Cached>,
    /// What the static solvers' opening walks paid, kept from one to the next.
    openings: SharedOpenings,
    /// Whether answers show their extension (see [`Dynamic::set_witnesses`]).
    witnesses: bool,
    /// The last extension a static solver's answer gave (argument ids, sorted): the next
    /// static solver's stable walks start from what is left of it (on ICCMA's
    /// dynamic-track script a round's changes leave most of it stable).
    last: Vec<u32>,
    /// When questions stop.
    halt: Halt,
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
            states: Vec::new(),
            view: None,
            strategy: Strategy::default(),
            cached: None,
            openings: SharedOpenings::default(),
            witnesses: true,
            last: Vec::new(),
            halt: Halt::default(),
        }
    }

    /// A handle whose [`Interrupt::interrupt`] stops the questions being answered (from
    /// any thread): they return [`DynamicError::Stopped`]. `None`: no handle.
    pub fn set_interrupt(&mut self, interrupt: Option<Interrupt>) {
        self.halt.interrupt = interrupt;
    }

    /// A time after which questions stop with [`DynamicError::Stopped`]. `None`: none.
    pub fn set_deadline(&mut self, deadline: Option<Instant>) {
        self.halt.deadline = deadline;
    }

    /// Runs a question, guarded by the halting condition; a stopped question drops the
    /// SAT states (they may be half-updated): they are built again when next needed.
    fn guarded(
        &mut self,
        f: impl FnOnce(&mut Dynamic) -> Result<DynamicAnswer, DynamicError>,
    ) -> Result<DynamicAnswer, DynamicError> {
        let halt = self.halt.clone();
        match stop::guarded(&halt, || f(self)) {
            Ok(Err(DynamicError::Stopped(why))) | Err(why) => {
                self.states.clear();
                self.view = None;
                self.cached = None;
                Err(DynamicError::Stopped(why))
            }
            Ok(answer) => answer,
        }
    }

    /// Chooses how questions about one argument are answered.
    pub fn set_strategy(&mut self, strategy: Strategy) {
        self.strategy = strategy;
    }

    /// Whether answers show an extension ([`DynamicAnswer::extension`]; on by default).
    /// Off, every answer's extension is `None`, and some answers cost less: a sceptical
    /// preferred "no" needs only an admissible set attacking the argument, not a
    /// preferred extension grown around it (on ICCMA's dynamic-track script, which never
    /// asks for extensions, that growing was most of the time of DS-PR).
    pub fn set_witnesses(&mut self, on: bool) {
        self.witnesses = on;
    }

    /// Whether answers show an extension (see [`Dynamic::set_witnesses`]).
    pub fn witnesses(&self) -> bool {
        self.witnesses
    }

    /// The semantics questions are answered for.
    pub fn semantics(&self) -> DynamicSemantics {
        self.semantics
    }

    /// Changes the semantics (the SAT states are kept: they are per kind of sets).
    pub fn set_semantics(&mut self, semantics: DynamicSemantics) {
        if semantics != self.semantics {
            // What openings paid under one semantics says little about another.
            self.openings = SharedOpenings::default();
        }
        self.semantics = semantics;
    }

    /// Notes that `slot`'s attackers (or its life) changed.
    fn touch(&mut self, slot: usize) {
        for st in &mut self.states {
            st.dirty.insert(slot);
        }
        self.view = None;
        self.cached = None;
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
        self.touch(slot);
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
            self.touch(b);
        }
        for b in std::mem::take(&mut self.attackers[slot]) {
            self.attacked[b].remove(&slot);
        }
        self.slot_of.remove(&a);
        self.id_of[slot] = None;
        self.touch(slot);
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
        self.touch(y);
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
        self.touch(y);
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
        // Slot -> index in `ids` (live slots only; one lookup per argument, none per attack).
        let slots: Vec<usize> = ids.iter().map(|a| self.slot_of[a]).collect();
        let mut index = vec![u32::MAX; self.id_of.len()];
        for (i, &slot) in slots.iter().enumerate() {
            index[slot] = i as u32;
        }
        let mut pairs = Vec::new();
        for (i, &slot) in slots.iter().enumerate() {
            for &t in &self.attacked[slot] {
                debug_assert!(index[t] != u32::MAX, "attacks are between live arguments");
                pairs.push((i as u32, index[t]));
            }
        }
        let af = Framework::from_attacks(ids.len() as u32, &pairs).expect("indices in range");
        (af, ids)
    }

    /// The view of the current framework, made after each change.
    fn view(&mut self) -> &View {
        if self.view.is_none() {
            self.view = Some(View::new(&self.id_of, &self.attacked));
        }
        self.view.as_ref().expect("made above")
    }

    /// The SAT state for `kind`, up to date.
    fn state(&mut self, kind: Kind) -> &mut State {
        let i = match self.states.iter().position(|s| s.kind == kind) {
            Some(i) => i,
            None => {
                let mut st = State::new(kind, self.backend);
                st.dirty.extend(0..self.id_of.len());
                self.states.push(st);
                self.states.len() - 1
            }
        };
        let alive: Vec<bool> = self.id_of.iter().map(Option::is_some).collect();
        self.states[i].sync(&self.attackers, &alive);
        &mut self.states[i]
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

    /// The ids of the slots in `set`, in increasing order.
    fn ids(&self, set: &[usize]) -> Vec<u32> {
        let mut ids: Vec<u32> = set.iter().filter_map(|&s| self.id_of[s]).collect();
        ids.sort_unstable();
        ids
    }

    /// The live slots.
    fn live(&self) -> Vec<usize> {
        (0..self.id_of.len()).filter(|&s| self.id_of[s].is_some()).collect()
    }

    /// An admissible set with every `ins` slot, searched among the arguments reaching
    /// them only; `None` when there is none.
    fn admissible_with(&mut self, ins: &[usize]) -> Option<Vec<usize>> {
        let part = self.view().reaching(ins);
        self.state(Kind::Admissible).find(ins, &[], &part)
    }

    /// Grows an admissible `set` to a preferred extension: the cheap closure, then
    /// "strictly larger" calls over every argument.
    fn preferred_around(&mut self, set: Vec<usize>) -> Vec<usize> {
        self.on_admissible(|st, live, view| st.grow(set, live, &|s| view.close_admissible(s)))
    }

    /// A preferred extension with every `ins` slot and no `outs` slot.
    fn preferred_with(&mut self, ins: &[usize], outs: &[usize]) -> Option<Vec<usize>> {
        if outs.is_empty() {
            let set = self.admissible_with(ins)?;
            return Some(self.preferred_around(set));
        }
        self.on_admissible(|st, live, view| {
            st.maximal(ins, outs, live, &|s| view.close_admissible(s))
        })
    }

    /// Runs `f` on the admissible SAT state (made and brought up to date first), with the
    /// live slots and the view of the current framework its closures work on.
    fn on_admissible<R>(&mut self, f: impl FnOnce(&mut State, &[usize], &View) -> R) -> R {
        self.view();
        self.state(Kind::Admissible);
        let live = self.live();
        let view = self.view.take().expect("made above");
        let i = self.states.iter().position(|s| s.kind == Kind::Admissible).expect("made above");
        let result = f(&mut self.states[i], &live, &view);
        self.view = Some(view);
        result
    }

    /// Whether some extension satisfies the assumptions, with one that does.
    ///
    /// # Errors
    /// [`DynamicError::UnknownArgument`] when an assumption names no argument.
    /// [`DynamicError::Stopped`] when stopped.
    pub fn credulous(&mut self, assumptions: &[Assumption]) -> Result<DynamicAnswer, DynamicError> {
        let answer = self.guarded(|s| s.credulous_unguarded(assumptions));
        self.shown(answer)
    }

    /// `answer` as shown: without its extension when witnesses are off.
    fn shown(
        &self,
        answer: Result<DynamicAnswer, DynamicError>,
    ) -> Result<DynamicAnswer, DynamicError> {
        answer.map(|a| if self.witnesses { a } else { DynamicAnswer { extension: None, ..a } })
    }

    fn credulous_unguarded(
        &mut self,
        assumptions: &[Assumption],
    ) -> Result<DynamicAnswer, DynamicError> {
        let (ins, outs) = self.resolve(assumptions)?;
        if let Some(answer) = self.static_answer(&ins, &outs, true) {
            return Ok(answer?);
        }
        let semantics = self.semantics;
        // No admissible set has an argument the grounded extension attacks; every complete
        // extension has the grounded extension: an `In` argument it attacks settles it,
        // and (but for admissible sets, the empty one among them) an `Out` one in it.
        let view = self.view();
        let complete_based = semantics != DynamicSemantics::Admissible;
        if ins.iter().any(|&s| view.label(s) == Label::Out)
            || (complete_based && outs.iter().any(|&s| view.label(s) == Label::In))
        {
            return Ok(DynamicAnswer { accepted: false, extension: None });
        }
        let found = match semantics {
            DynamicSemantics::Admissible if outs.is_empty() => self.admissible_with(&ins),
            DynamicSemantics::Complete if outs.is_empty() => {
                self.admissible_with(&ins).map(|set| self.view().completed(&set))
            }
            DynamicSemantics::Preferred => self.preferred_with(&ins, &outs),
            DynamicSemantics::Admissible => {
                let live = self.live();
                self.state(Kind::Admissible).find(&ins, &outs, &live)
            }
            DynamicSemantics::Complete => {
                let live = self.live();
                self.state(Kind::Complete).find(&ins, &outs, &live)
            }
            DynamicSemantics::Stable => {
                let live = self.live();
                self.state(Kind::Stable).find(&ins, &outs, &live)
            }
            _ => unreachable!("answered statically above"),
        };
        Ok(DynamicAnswer { accepted: found.is_some(), extension: found.map(|s| self.ids(&s)) })
    }

    /// Whether every extension satisfies the assumptions, with one that does not when
    /// not. With no extension at all (stable semantics) the answer is yes.
    ///
    /// # Errors
    /// [`DynamicError::UnknownArgument`] when an assumption names no argument.
    /// [`DynamicError::Stopped`] when stopped.
    pub fn sceptical(&mut self, assumptions: &[Assumption]) -> Result<DynamicAnswer, DynamicError> {
        let answer = self.guarded(|s| s.sceptical_unguarded(assumptions));
        self.shown(answer)
    }

    fn sceptical_unguarded(
        &mut self,
        assumptions: &[Assumption],
    ) -> Result<DynamicAnswer, DynamicError> {
        let (ins, outs) = self.resolve(assumptions)?;
        if let Some(answer) = self.static_answer(&ins, &outs, false) {
            return Ok(answer?);
        }
        let semantics = self.semantics;
        let view = self.view();
        let settled = ins.iter().all(|&s| view.label(s) == Label::In)
            && outs.iter().all(|&s| view.label(s) == Label::Out);
        let counter = match semantics {
            // The empty set is admissible: it satisfies no `In` assumption.
            DynamicSemantics::Admissible if !ins.is_empty() => Some(Vec::new()),
            DynamicSemantics::Admissible => outs.iter().find_map(|&o| self.admissible_with(&[o])),
            // The grounded extension settles what it settles for all of these.
            DynamicSemantics::Complete | DynamicSemantics::Preferred | DynamicSemantics::Stable
                if settled =>
            {
                None
            }
            DynamicSemantics::Complete => {
                // The least complete extension fails an `In` argument it lacks; an `Out`
                // one fails exactly when some complete (so some admissible) set has it.
                let grounded = self.view().grounded();
                if ins.iter().any(|s| !grounded.contains(s)) {
                    Some(grounded)
                } else {
                    outs.iter()
                        .find_map(|&o| self.admissible_with(&[o]))
                        .map(|set| self.view().completed(&set))
                }
            }
            DynamicSemantics::Stable => {
                let live = self.live();
                self.state(Kind::Stable).violating(&ins, &outs, &live)
            }
            DynamicSemantics::Preferred => {
                // An `In` argument: some admissible set attacking it grows to a preferred
                // extension without it; else one is searched for without it.
                let mut found = None;
                for &s in &ins {
                    if self.view().label(s) == Label::In {
                        continue;
                    }
                    let part = self.view().reaching(&[s]);
                    found = match self.state(Kind::Admissible).find_attacking(s, &part) {
                        Some(set) => Some(self.preferred_around(set)),
                        None => self.preferred_with(&[], &[s]),
                    };
                    if found.is_some() {
                        break;
                    }
                }
                // An `Out` argument: a preferred extension with it.
                for &o in &outs {
                    if found.is_some() {
                        break;
                    }
                    found = self.preferred_with(&[o], &[]);
                }
                found
            }
            _ => unreachable!("answered statically above"),
        };
        Ok(DynamicAnswer { accepted: counter.is_none(), extension: counter.map(|s| self.ids(&s)) })
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
