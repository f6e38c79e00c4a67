//! Why an argument is, or is not, accepted: small, checkable explanations.
//!
//! - Grounded: a derivation (the rounds of the grounded fixpoint restricted to what the
//!   argument needs: a strongly admissible set), an IN attacker with its own derivation,
//!   or the undecided attackers and a cycle of undecided arguments (`grounded.rs`; [`GroundedWhy`]).
//! - Credulous acceptance: a smallest admissible set containing the argument (proven
//!   smallest by cores, or only subset-minimal when the search's budget ran out) with who
//!   defends against whom (`witness.rs`); or a stable, semi-stable, stage or ideal
//!   extension where those are asked.
//! - Credulous rejection: the argument attacks itself, or a minimal set of attacks that
//!   rejects it whatever the other attacks are, from an unsatisfiable core over attack
//!   selectors (after Niskanen and Järvisalo, KR 2020; `core.rs`).
//! - Sceptical rejection: an extension without the argument, with the member attacking
//!   it or the attacker it is not defended against. Sceptical acceptance: the grounded
//!   derivation where the argument is grounded, for stable semantics a core of attacks
//!   forcing it into every stable extension, else the statement alone.
//!
//! ```
//! use argsat::{Framework, Semantics, explain::explain, Arg, Options};
//!
//! // 0 attacks 1, 1 attacks 2: 2 is defended by 0.
//! let af = Framework::from_attacks(3, &[(0, 1), (1, 2)]).unwrap().into();
//! let e = explain(&af, Arg(2), Semantics::Preferred, Options::default())?;
//! assert!(e.credulous.accepted);
//! assert_eq!(e.credulous.witness, Some(vec![Arg(0), Arg(2)]));
//! assert_eq!(e.credulous.defences, vec![(Arg(1), Arg(0))]);
//! # Ok::<(), argsat::Stopped>(())
//! ```

pub(crate) mod core;
pub(crate) mod grounded;
mod output;
pub(crate) mod witness;

use std::sync::Arc;

use crate::af::{Arg, Framework};
use crate::semantics::{Certificates, Options, Solver, solver_with};
use crate::stop::{self, Stopped};
use crate::task::Semantics;

pub use grounded::{GroundedWhy, Step};
pub use witness::Minimality;

/// Why an argument is or is not accepted under a semantics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// The argument.
    pub argument: Arg,
    /// The semantics.
    pub semantics: Semantics,
    /// Its grounded status, explained (every semantics but stage contains the grounded
    /// extension and excludes what it attacks, so this often says it all).
    pub grounded: GroundedWhy,
    /// Credulous acceptance.
    pub credulous: Credulous,
    /// Sceptical acceptance.
    pub sceptical: Sceptical,
}

/// Credulous acceptance, explained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credulous {
    /// Whether the argument is in some extension.
    pub accepted: bool,
    /// When accepted: a set containing it that proves it (for complete and preferred
    /// semantics a smallest admissible set, which extends to such an extension; else an
    /// extension).
    pub witness: Option<Vec<Arg>>,
    /// How small the admissible witness is known to be (complete and preferred).
    pub minimality: Option<Minimality>,
    /// How the witness defends the argument: `(attacker, member attacking it back)` for
    /// the argument's attackers, then for those of the members so named, and so on.
    pub defences: Vec<(Arg, Arg)>,
    /// When rejected: why.
    pub rejection: Option<Rejection>,
}

/// Why no extension contains the argument.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rejection {
    /// It attacks itself: no conflict-free set contains it.
    SelfAttack,
    /// It is OUT or UNDEC in the grounded labelling (grounded semantics); see
    /// [`Explanation::grounded`].
    Grounded,
    /// While these attacks stand it is rejected, whatever the other attacks of the
    /// framework: no admissible (or, for stable semantics, stable) set contains it in any
    /// framework with these attacks and some of the others. When `minimal`, without any
    /// one of them some such framework accepts it.
    SubFramework {
        /// The attacks `(attacker, attacked)`.
        attacks: Vec<(Arg, Arg)>,
        /// Whether the sub-framework is about stable sets (else admissible ones).
        stable: bool,
        /// Whether no attack can be dropped (else shrinking ran out of its budget).
        minimal: bool,
    },
    /// Admissible sets contain it, but no extension does: one extension, and the
    /// member attacking the argument (stage and semi-stable semantics: the extensions
    /// with a largest range all attack it), if one does.
    Outranked {
        /// An extension.
        extension: Vec<Arg>,
        /// A member attacking the argument.
        attacker: Option<Arg>,
    },
    /// Not in the ideal extension, which is given.
    NotIdeal {
        /// The ideal extension.
        ideal: Vec<Arg>,
        /// An admissible set attacking the argument, when one does (then some preferred
        /// extension lacks it).
        attacked_by: Option<Vec<Arg>>,
    },
}

/// Sceptical acceptance, explained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sceptical {
    /// Whether the argument is in every extension.
    pub accepted: bool,
    /// When not: an extension without it.
    pub counterexample: Option<Vec<Arg>>,
    /// A member of the counterexample attacking the argument, if one does.
    pub attacker: Option<Arg>,
    /// Else an attacker of the argument the counterexample does not attack (so it could
    /// not defend the argument), if there is one.
    pub undefended_against: Option<Arg>,
    /// When accepted: why.
    pub support: Option<Support>,
}

/// Why every extension contains the argument.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Support {
    /// It is in the grounded extension, which every extension (but stage ones) contains;
    /// see [`Explanation::grounded`].
    Grounded,
    /// There is no extension at all (stable semantics).
    NoExtension,
    /// While these attacks stand, whatever the other attacks, every stable extension
    /// contains it.
    SubFramework {
        /// The attacks `(attacker, attacked)`.
        attacks: Vec<(Arg, Arg)>,
        /// Whether no attack can be dropped.
        minimal: bool,
    },
    /// The solver found no extension without it (nothing smaller to show).
    Searched,
}

/// Explains `a`'s acceptance in `af` under `semantics`.
///
/// # Errors
/// [`Stopped`] when the options' interrupt handle is set or their deadline passes.
pub fn explain(
    af: &Arc<Framework>,
    a: Arg,
    semantics: Semantics,
    options: Options,
) -> Result<Explanation, Stopped> {
    // The explanation's own SAT calls (cores, smallest witnesses) stop too.
    stop::guarded(&options.halt(), || {
        let grounded = grounded::explain(af, a);
        let options = Options { certificates: Certificates::Extensions, ..options };
        let mut solver = solver_with(Arc::clone(af), semantics, options.clone());
        let credulous = credulous(af, a, semantics, &grounded, &mut *solver, &options)?;
        let sceptical = sceptical(af, a, semantics, &grounded, &mut *solver, &options)?;
        Ok(Explanation { argument: a, semantics, grounded, credulous, sceptical })
    })?
}

/// A member of `set` attacking `a`.
fn attacker_in(af: &Framework, set: &[Arg], a: Arg) -> Option<Arg> {
    af.attackers(a).iter().copied().find(|b| set.binary_search(b).is_ok())
}

fn credulous(
    af: &Framework,
    a: Arg,
    semantics: Semantics,
    grounded: &GroundedWhy,
    solver: &mut dyn Solver,
    options: &Options,
) -> Result<Credulous, Stopped> {
    let mut c = Credulous {
        accepted: false,
        witness: None,
        minimality: None,
        defences: Vec::new(),
        rejection: None,
    };
    let grounded_in = matches!(grounded, GroundedWhy::In { .. });
    if semantics == Semantics::Grounded {
        c.accepted = grounded_in;
        if grounded_in {
            c.witness = solver.some_extension()?;
            c.defences = witness::defences(af, c.witness.as_deref().unwrap_or(&[]), a);
        } else {
            c.rejection = Some(Rejection::Grounded);
        }
        return Ok(c);
    }
    let decision = solver.credulous(a)?;
    c.accepted = decision.accepted;
    if decision.accepted {
        let (w, m) = match semantics {
            Semantics::Complete | Semantics::Preferred => {
                let hint = decision.certificate.as_deref();
                let (w, m) = witness::smallest_admissible(af, a, options.backend, hint)
                    .expect("an admissible set contains a credulously accepted argument");
                (w, Some(m))
            }
            _ => (decision.certificate.expect("a witness comes with YES"), None),
        };
        c.defences = witness::defences(af, &w, a);
        c.witness = Some(w);
        c.minimality = m;
        return Ok(c);
    }
    c.rejection = Some(if af.is_self_attacking(a) {
        Rejection::SelfAttack
    } else if let Some((attacks, minimal)) = core::admissible_rejection(af, a, options.backend) {
        Rejection::SubFramework { attacks, stable: false, minimal }
    } else {
        match semantics {
            Semantics::Stable => match core::stable_rejection(af, a, options.backend) {
                Some((attacks, minimal)) => {
                    Rejection::SubFramework { attacks, stable: true, minimal }
                }
                // Not reached (no stable set has it, so the call is unsatisfiable); an
                // extension shown is still true.
                None => Rejection::Outranked { extension: Vec::new(), attacker: None },
            },
            Semantics::Ideal => {
                let ideal = solver.some_extension()?.unwrap_or_default();
                let attacked_by = witness::admissible_attacking(af, a, options.backend);
                Rejection::NotIdeal { ideal, attacked_by }
            }
            _ => {
                let extension = solver.some_extension()?.unwrap_or_default();
                let attacker = attacker_in(af, &extension, a);
                Rejection::Outranked { extension, attacker }
            }
        }
    });
    Ok(c)
}

fn sceptical(
    af: &Framework,
    a: Arg,
    semantics: Semantics,
    grounded: &GroundedWhy,
    solver: &mut dyn Solver,
    options: &Options,
) -> Result<Sceptical, Stopped> {
    let decision = solver.sceptical(a)?;
    let mut s = Sceptical {
        accepted: decision.accepted,
        counterexample: None,
        attacker: None,
        undefended_against: None,
        support: None,
    };
    if !decision.accepted {
        let ce = decision.certificate.expect("a counterexample comes with NO");
        s.attacker = attacker_in(af, &ce, a);
        if s.attacker.is_none() {
            s.undefended_against =
                af.attackers(a).iter().copied().find(|&b| attacker_in(af, &ce, b).is_none());
        }
        s.counterexample = Some(ce);
        return Ok(s);
    }
    let grounded_in = matches!(grounded, GroundedWhy::In { .. });
    s.support = Some(if grounded_in && semantics != Semantics::Stage {
        Support::Grounded
    } else if semantics == Semantics::Stable {
        if solver.some_extension()?.is_none() {
            Support::NoExtension
        } else {
            match core::stable_forcing(af, a, options.backend) {
                Some((attacks, minimal)) => Support::SubFramework { attacks, minimal },
                None => Support::Searched,
            }
        }
    } else {
        Support::Searched
    });
    Ok(s)
}

#[cfg(feature = "render")]
impl Explanation {
    /// What a picture of the explanation shows: the argument (highlighted), its
    /// attackers, the witness and its attackers, the grounded derivation, the members
    /// that attack the argument; for a sub-framework, its attacks alone. Coloured by the
    /// witness when there is one (members IN, what they attack OUT), else by the grounded
    /// labelling.
    pub fn view(&self, af: &Framework) -> crate::render::View {
        let a = self.argument;
        let mut drawn: Vec<Arg> = vec![a];
        drawn.extend(af.attackers(a));
        let mut attacks = None;
        match &self.grounded {
            GroundedWhy::In { derivation } | GroundedWhy::Out { derivation, .. } => {
                for s in derivation {
                    drawn.push(s.argument);
                    drawn.extend(s.defeats.iter().flat_map(|&(b, d)| [b, d]));
                }
            }
            GroundedWhy::Undec { path, .. } => drawn.extend(path),
        }
        if let Some(w) = &self.credulous.witness {
            drawn.extend(w);
            drawn.extend(w.iter().flat_map(|&m| af.attackers(m).iter().copied()));
        }
        let core = match (&self.credulous.rejection, &self.sceptical.support) {
            (Some(Rejection::SubFramework { attacks, .. }), _) => Some(attacks.clone()),
            (_, Some(Support::SubFramework { attacks, .. })) => Some(attacks.clone()),
            _ => None,
        };
        if let Some(core) = core {
            drawn = vec![a];
            drawn.extend(core.iter().flat_map(|&(b, c)| [b, c]));
            attacks = Some(core);
        }
        drawn.extend(self.sceptical.attacker);
        drawn.sort_unstable();
        drawn.dedup();
        let labels = match &self.credulous.witness {
            Some(w) => labels_of(af, w),
            None => crate::semantics::grounded_labelling(af).labels().collect(),
        };
        let caption = match &self.credulous.witness {
            Some(_) => format!(
                "why {} is accepted ({} semantics): the witness",
                af.display_name(a),
                self.semantics.name()
            ),
            None => format!(
                "why {} is not accepted ({} semantics); colours: grounded labelling",
                af.display_name(a),
                self.semantics.name()
            ),
        };
        crate::render::View { arguments: drawn, labels, caption, highlight: vec![a], attacks }
    }
}

/// The labelling a set induces: members IN, what they attack OUT, the rest UNDEC.
pub fn labels_of(af: &Framework, set: &[Arg]) -> Vec<crate::semantics::Label> {
    use crate::semantics::Label;
    let mut labels = vec![Label::Undec; af.len()];
    for &m in set {
        for &b in af.attacked_by(m) {
            labels[b.index()] = Label::Out;
        }
    }
    for &m in set {
        labels[m.index()] = Label::In;
    }
    labels
}
