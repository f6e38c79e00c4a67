//! The answers `Dynamic` takes from argsat's static solvers: for questions about one
//! argument under [`Strategy::Rebuild`] (and sceptical preferred ones always) a static
//! solver of the current framework, kept until the next change; for semi-stable, stage
//! and ideal semantics an enumeration.

use super::view::Cached;
use super::{Dynamic, DynamicAnswer, DynamicSemantics, Strategy};
use crate::af::Arg;
use crate::semantics::{Certificates, Options, solver_with};
use crate::stop::Stopped;
use crate::task::Semantics;

impl Dynamic {
    /// The answer of the static solver of the current framework, when the question is
    /// about one argument under a semantics it knows (all but admissible) and the strategy
    /// is [`Strategy::Rebuild`], or the question is a sceptical preferred one: there the
    /// incremental counterexample search lacks what the static solver has (the grounded
    /// reduction, pieces, the ideal extension) and, on ICCMA's dynamic-track script, had
    /// not answered the first round in 300 s at 0.9-1 GB (`comm_ba_20x100_chain`,
    /// `grid_50x50`) where the static solver answers all 64 rounds in 2-4 s at 25 MB.
    fn rebuilt(
        &mut self,
        ins: &[usize],
        outs: &[usize],
        credulous: bool,
    ) -> Option<Result<DynamicAnswer, Stopped>> {
        let semantics = self.semantics.semantics()?;
        let rebuild = self.strategy == Strategy::Rebuild
            || (!credulous && self.semantics == DynamicSemantics::Preferred);
        if !rebuild || ins.len() != 1 || !outs.is_empty() {
            return None;
        }
        // Without witnesses, a preferred certificate need not be an extension (ICCMA
        // 2025's: growing one is most of a sceptical "no"). A complete witness still is:
        // the least complete set around an admissible one costs little, and answers
        // more later questions as a kept witness (`A-2-stb_428_430` DC-CO: 0.94 s with
        // admissible witnesses, 0.85 s with the least complete sets).
        let certificates = if self.witnesses || semantics != Semantics::Preferred {
            Certificates::Extensions
        } else {
            Certificates::Iccma2025
        };
        let answers = (semantics, certificates);
        if self.cached.as_ref().is_none_or(|c| c.answers() != answers) {
            let (af, ids) = self.framework();
            let carried = (self.openings.clone(), &self.last[..]);
            self.cached = Some(Cached::new(af, ids, answers, self.backend, carried));
        }
        let id = self.id_of[ins[0]].expect("a live argument");
        let answer = self.cached.as_mut().expect("made above").answer(id, credulous);
        if let Ok(DynamicAnswer { extension: Some(e), .. }) = &answer {
            self.last.clone_from(e);
        }
        Some(answer)
    }

    /// The answer of a static solver, when one gives it: for questions about one argument
    /// under [`Strategy::Rebuild`], and always for semi-stable, stage and ideal semantics.
    pub(super) fn static_answer(
        &mut self,
        ins: &[usize],
        outs: &[usize],
        credulous: bool,
    ) -> Option<Result<DynamicAnswer, Stopped>> {
        if let Some(answer) = self.rebuilt(ins, outs, credulous) {
            return Some(answer);
        }
        matches!(
            self.semantics,
            DynamicSemantics::SemiStable | DynamicSemantics::Stage | DynamicSemantics::Ideal
        )
        .then(|| self.statically(ins, outs, credulous))
    }

    /// Answers on the current framework with the static solver (semi-stable, stage,
    /// ideal), enumerating extensions until one settles it.
    fn statically(
        &self,
        ins: &[usize],
        outs: &[usize],
        credulous: bool,
    ) -> Result<DynamicAnswer, Stopped> {
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
        solver_with(af, semantics, options).enumerate(&mut |e| {
            let fits = ins.iter().all(|a| e.binary_search(a).is_ok())
                && outs.iter().all(|a| e.binary_search(a).is_err());
            if fits == credulous {
                found = Some(e.iter().map(|a| ids[a.index()]).collect::<Vec<u32>>());
            }
            found.is_none()
        })?;
        Ok(DynamicAnswer { accepted: found.is_some() == credulous, extension: found })
    }
}
