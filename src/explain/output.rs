//! Explanations as short sentences and as JSON, arguments named as the framework names
//! them. The JSON schema is documented in the README (`argsat explain --json`).

use serde_json::{Value, json};

use super::{Credulous, Explanation, GroundedWhy, Minimality, Rejection, Sceptical, Step, Support};
use crate::af::{Arg, Framework};
use crate::task::Semantics;

/// How many members of a set a sentence names.
const SHOWN: usize = 8;

/// Names an argument.
struct Namer<'a>(&'a Framework);

impl Namer<'_> {
    fn one(&self, a: Arg) -> String {
        self.0.display_name(a).to_string()
    }

    fn list(&self, set: &[Arg]) -> String {
        set.iter().map(|&a| self.one(a)).collect::<Vec<_>>().join(", ")
    }

    /// A set in a sentence: whole up to [`SHOWN`] members, else the first ones and the
    /// count (`--json` lists them all).
    fn set(&self, set: &[Arg]) -> String {
        if set.len() <= SHOWN {
            return format!("{{{}}}", self.list(set));
        }
        format!("{{{}, ... ({} in all)}}", self.list(&set[..SHOWN]), set.len())
    }

    /// Attacks in a sentence: at most [`SHOWN`], then the count.
    fn attack_list(&self, attacks: &[(Arg, Arg)]) -> String {
        let shown: Vec<String> = attacks
            .iter()
            .take(SHOWN)
            .map(|&(b, c)| format!("{} -> {}", self.one(b), self.one(c)))
            .collect();
        if attacks.len() <= SHOWN {
            shown.join(", ")
        } else {
            format!("{}, ... ({} in all)", shown.join(", "), attacks.len())
        }
    }

    fn json(&self, set: &[Arg]) -> Value {
        Value::from(set.iter().map(|&a| self.one(a)).collect::<Vec<_>>())
    }

    fn attacks(&self, attacks: &[(Arg, Arg)]) -> Value {
        Value::from(
            attacks.iter().map(|&(b, c)| json!([self.one(b), self.one(c)])).collect::<Vec<_>>(),
        )
    }

    fn pairs(&self, pairs: &[(Arg, Arg)], first: &str, second: &str) -> Value {
        Value::from(
            pairs
                .iter()
                .map(|&(x, y)| json!({ first: self.one(x), second: self.one(y) }))
                .collect::<Vec<_>>(),
        )
    }

    fn steps(&self, steps: &[Step]) -> Value {
        Value::from(
            steps
                .iter()
                .map(|s| {
                    json!({
                        "argument": self.one(s.argument),
                        "round": s.round,
                        "defeats": self.pairs(&s.defeats, "attacker", "defender"),
                    })
                })
                .collect::<Vec<_>>(),
        )
    }
}

impl Explanation {
    /// The explanation as JSON (see the README for the schema).
    pub fn to_json(&self, af: &Framework) -> Value {
        let n = Namer(af);
        json!({
            "argument": n.one(self.argument),
            "semantics": self.semantics.name(),
            "grounded": grounded_json(&n, &self.grounded),
            "credulous": credulous_json(&n, &self.credulous),
            "sceptical": sceptical_json(&n, &self.sceptical),
        })
    }

    /// The explanation as short sentences, one fact a line.
    pub fn to_text(&self, af: &Framework) -> String {
        let n = Namer(af);
        let a = n.one(self.argument);
        let sem = self.semantics.name();
        let mut out = String::new();
        grounded_text(&n, &a, &self.grounded, &mut out);
        if self.semantics != Semantics::Grounded {
            credulous_text(&n, &a, sem, &self.credulous, &mut out);
            sceptical_text(&n, &a, sem, &self.sceptical, &mut out);
        }
        out
    }
}

fn grounded_json(n: &Namer, g: &GroundedWhy) -> Value {
    match g {
        GroundedWhy::In { derivation } => {
            json!({ "label": "in", "derivation": n.steps(derivation) })
        }
        GroundedWhy::Out { attacker, derivation } => json!({
            "label": "out",
            "attacker": n.one(*attacker),
            "derivation": n.steps(derivation),
        }),
        GroundedWhy::Undec { undecided_attackers, path, cycle_from } => json!({
            "label": "undec",
            "undecided_attackers": n.json(undecided_attackers),
            "path": n.json(path),
            "cycle": n.json(&path[*cycle_from..]),
        }),
    }
}

fn credulous_json(n: &Namer, c: &Credulous) -> Value {
    let rejection = c.rejection.as_ref().map(|r| match r {
        Rejection::SelfAttack => json!({ "reason": "self-attack" }),
        Rejection::Grounded => json!({ "reason": "grounded" }),
        Rejection::SubFramework { attacks, stable, minimal } => json!({
            "reason": "sub-framework",
            "sets": if *stable { "stable" } else { "admissible" },
            "attacks": n.attacks(attacks),
            "minimal": minimal,
        }),
        Rejection::Outranked { extension, attacker } => json!({
            "reason": "outranked",
            "extension": n.json(extension),
            "attacker": attacker.map(|a| n.one(a)),
        }),
        Rejection::NotIdeal { ideal, attacked_by } => json!({
            "reason": "not-ideal",
            "ideal": n.json(ideal),
            "attacked_by": attacked_by.as_deref().map(|s| n.json(s)),
        }),
    });
    json!({
        "accepted": c.accepted,
        "witness": c.witness.as_deref().map(|w| n.json(w)),
        "minimality": c.minimality.map(|m| match m {
            Minimality::Smallest => "smallest",
            Minimality::SubsetMinimal => "subset-minimal",
        }),
        "defences": n.pairs(&c.defences, "attacker", "defender"),
        "rejection": rejection,
    })
}

fn sceptical_json(n: &Namer, s: &Sceptical) -> Value {
    let support = s.support.as_ref().map(|r| match r {
        Support::Grounded => json!({ "reason": "grounded" }),
        Support::NoExtension => json!({ "reason": "no-extension" }),
        Support::SubFramework { attacks, minimal } => {
            json!({ "reason": "sub-framework", "attacks": n.attacks(attacks), "minimal": minimal })
        }
        Support::Searched => json!({ "reason": "searched" }),
    });
    json!({
        "accepted": s.accepted,
        "counterexample": s.counterexample.as_deref().map(|c| n.json(c)),
        "attacker": s.attacker.map(|a| n.one(a)),
        "undefended_against": s.undefended_against.map(|a| n.one(a)),
        "support": support,
    })
}

/// One line per step: "round 2: d is in: its attacker c is attacked by a".
fn steps_text(n: &Namer, steps: &[Step], out: &mut String) {
    for s in steps {
        let arg = n.one(s.argument);
        if s.defeats.is_empty() {
            out.push_str(&format!("  round {}: {arg} is unattacked, so it is in.\n", s.round));
            continue;
        }
        let why: Vec<String> = s
            .defeats
            .iter()
            .map(|&(b, d)| format!("{} (attacked by {})", n.one(b), n.one(d)))
            .collect();
        out.push_str(&format!(
            "  round {}: {arg} is in: each attacker is out: {}.\n",
            s.round,
            why.join(", ")
        ));
    }
}

fn grounded_text(n: &Namer, a: &str, g: &GroundedWhy, out: &mut String) {
    match g {
        GroundedWhy::In { derivation } => {
            out.push_str(&format!("grounded: {a} is IN (in every complete extension):\n"));
            steps_text(n, derivation, out);
        }
        GroundedWhy::Out { attacker, derivation } => {
            let b = n.one(*attacker);
            out.push_str(&format!("grounded: {a} is OUT: {b} attacks it, and {b} is IN:\n"));
            steps_text(n, derivation, out);
        }
        GroundedWhy::Undec { undecided_attackers, path, cycle_from } => {
            out.push_str(&format!(
                "grounded: {a} is UNDEC: no attacker is in, and {} {} undecided.\n",
                n.list(undecided_attackers),
                if undecided_attackers.len() == 1 { "is" } else { "are" }
            ));
            let mut chain = format!(
                "{} is attacked by {}",
                n.one(path[0]),
                n.one(path[(1).min(path.len() - 1)])
            );
            for w in path.windows(2).skip(1) {
                chain.push_str(&format!(", {} by {}", n.one(w[0]), n.one(w[1])));
            }
            if path.len() > 1 {
                let last = n.one(path[path.len() - 1]);
                chain.push_str(&format!(", and {last} by {}", n.one(path[*cycle_from])));
            }
            out.push_str(&format!(
                "  {chain}: a cycle of undecided arguments that nothing outside it settles.\n"
            ));
        }
    }
}

fn credulous_text(n: &Namer, a: &str, sem: &str, c: &Credulous, out: &mut String) {
    if let Some(w) = &c.witness {
        let how = match c.minimality {
            Some(Minimality::Smallest) => "a smallest admissible set with it",
            Some(Minimality::SubsetMinimal) => "an admissible set with it, no part of which is one",
            None => "an extension with it",
        };
        out.push_str(&format!("credulous ({sem}): yes: {} is {how}.\n", n.set(w)));
        for &(b, d) in &c.defences {
            out.push_str(&format!("  {} attacks back {}.\n", n.one(d), n.one(b)));
        }
        return;
    }
    let why = match c.rejection.as_ref() {
        Some(Rejection::SelfAttack) => format!("{a} attacks itself."),
        Some(Rejection::Grounded) | None => format!("no {sem} extension contains {a}."),
        Some(Rejection::SubFramework { attacks, stable, minimal }) => {
            let what = if *stable { "stable extension" } else { "admissible set" };
            let none =
                if *minimal { "none of them can be spared" } else { "not shrunk to the end" };
            format!(
                "no {what} contains {a} while these attacks stand, whatever the other attacks ({none}): {}.",
                n.attack_list(attacks)
            )
        }
        Some(Rejection::Outranked { extension, attacker }) => {
            let by = attacker.map_or(String::new(), |b| format!(", and {} attacks it", n.one(b)));
            format!(
                "admissible sets contain {a}, but none with a maximal range does: {} is one{by}.",
                n.set(extension)
            )
        }
        Some(Rejection::NotIdeal { ideal, attacked_by }) => {
            let by = attacked_by
                .as_ref()
                .map_or(String::new(), |s| format!(" The admissible set {} attacks it.", n.set(s)));
            format!("the ideal extension is {}, without {a}.{by}", n.set(ideal))
        }
    };
    out.push_str(&format!("credulous ({sem}): no: {why}\n"));
}

fn sceptical_text(n: &Namer, a: &str, sem: &str, s: &Sceptical, out: &mut String) {
    if let Some(ce) = &s.counterexample {
        let why = match (s.attacker, s.undefended_against) {
            (Some(b), _) => format!(": {} attacks {a}", n.one(b)),
            (None, Some(b)) => format!(", which does not attack {a}'s attacker {}", n.one(b)),
            (None, None) => String::new(),
        };
        out.push_str(&format!(
            "sceptical ({sem}): no: the extension {} lacks {a}{why}.\n",
            n.set(ce)
        ));
        return;
    }
    let why = match s.support.as_ref() {
        Some(Support::Grounded) => format!("{a} is in the grounded extension (above)."),
        Some(Support::NoExtension) => "there is no extension at all.".to_owned(),
        Some(Support::SubFramework { attacks, .. }) => format!(
            "while these attacks stand, whatever the other attacks, every stable extension has {a}: {}.",
            n.attack_list(attacks)
        ),
        Some(Support::Searched) | None => format!("no {sem} extension lacks {a}."),
    };
    out.push_str(&format!("sceptical ({sem}): yes: {why}\n"));
}
