//! Grounded semantics: the least fixpoint of the characteristic function, computed in
//! O(n + m) with attacker counters and a work queue. No SAT.

use crate::af::{Arg, Framework};

/// A three-valued label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Label {
    /// Accepted: every attacker is out.
    In,
    /// Rejected: some attacker is in.
    Out,
    /// Neither.
    Undec,
}

/// A labelling of every argument of a framework.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Labelling {
    labels: Vec<Label>,
}

impl Labelling {
    /// The label of `a`.
    pub fn label(&self, a: Arg) -> Label {
        self.labels[a.index()]
    }

    /// All labels, indexed by argument.
    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    /// The arguments with label `l`, in increasing order.
    pub fn with_label(&self, l: Label) -> Vec<Arg> {
        let mut set = Vec::with_capacity(self.count(l));
        for (i, &x) in self.labels.iter().enumerate() {
            if x == l {
                set.push(Arg(i as u32));
            }
        }
        set
    }

    /// How many arguments have label `l`.
    pub fn count(&self, l: Label) -> usize {
        self.labels.iter().filter(|&&x| x == l).count()
    }
}

/// The grounded labelling of `af`: IN is the grounded extension, OUT the arguments it
/// attacks, UNDEC the rest.
pub fn grounded_labelling(af: &Framework) -> Labelling {
    // One word per argument, so that each step touches one cache line per argument:
    // OUT, or else the number of attackers not yet OUT (0 = IN: an argument is labelled IN
    // the moment its count reaches 0, and the counts of OUT arguments no longer matter).
    const OUT: u32 = u32::MAX;
    let mut live: Vec<u32> = af.attacker_counts();
    let mut queue: Vec<u32> = (0..live.len() as u32).filter(|&a| live[a as usize] == 0).collect();
    while let Some(a) = queue.pop() {
        for &b in af.attacked_by(Arg(a)) {
            // b is not IN: its attacker a is IN, and IN arguments are never attacked by IN ones.
            if live[b as usize] == OUT {
                continue;
            }
            live[b as usize] = OUT;
            for &c in af.attacked_by(Arg(b)) {
                let l = &mut live[c as usize];
                if *l != OUT {
                    *l -= 1;
                    if *l == 0 {
                        queue.push(c);
                    }
                }
            }
        }
    }
    let labels = live
        .iter()
        .map(|&l| match l {
            0 => Label::In,
            OUT => Label::Out,
            _ => Label::Undec,
        })
        .collect();
    Labelling { labels }
}

/// The grounded extension of `af`, in increasing order.
pub fn grounded_extension(af: &Framework) -> Vec<Arg> {
    grounded_labelling(af).with_label(Label::In)
}

/// Grounded semantics: one extension, computed without SAT.
pub struct Grounded {
    labelling: Labelling,
}

impl Grounded {
    /// Computes the grounded labelling of `af`.
    pub fn new(af: &Framework) -> Grounded {
        Grounded { labelling: grounded_labelling(af) }
    }
}

impl super::SingleExtension for Grounded {
    fn some_extension(&mut self) -> Option<Vec<Arg>> {
        Some(self.labelling.with_label(Label::In))
    }
}

impl super::Credulous for Grounded {
    fn credulous(&mut self, a: Arg) -> super::Decision {
        let accepted = self.labelling.label(a) == Label::In;
        super::Decision {
            accepted,
            certificate: accepted.then(|| self.labelling.with_label(Label::In)),
        }
    }
}

impl super::Sceptical for Grounded {
    fn sceptical(&mut self, a: Arg) -> super::Decision {
        let accepted = self.labelling.label(a) == Label::In;
        super::Decision {
            accepted,
            certificate: (!accepted).then(|| self.labelling.with_label(Label::In)),
        }
    }
}

impl super::Enumerate for Grounded {
    fn enumerate(&mut self, f: &mut dyn FnMut(&[Arg]) -> bool) {
        let _ = f(&self.labelling.with_label(Label::In));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn af(n: u32, attacks: &[(u32, u32)]) -> Framework {
        Framework::from_attacks(n, attacks).unwrap()
    }

    #[test]
    fn reinstatement_chain() {
        let l = grounded_labelling(&af(4, &[(0, 1), (1, 2), (2, 3)]));
        assert_eq!(l.labels(), &[Label::In, Label::Out, Label::In, Label::Out]);
    }

    #[test]
    fn cycles_and_self_attacks_stay_undecided() {
        let l = grounded_labelling(&af(4, &[(0, 1), (1, 0), (2, 2), (2, 3)]));
        assert_eq!(l.count(Label::Undec), 4);
    }
}
