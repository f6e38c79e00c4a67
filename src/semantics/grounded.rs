//! Grounded semantics: the least fixpoint of the characteristic function, computed in
//! O(n + m) with attacker counters and a work queue. No SAT.

use crate::af::{Arg, Framework, prefetch};
use crate::label::{Label, Labelling, OUT};

/// The grounded labelling of `af`: IN is the grounded extension, OUT the arguments it
/// attacks, UNDEC the rest.
pub fn grounded_labelling(af: &Framework) -> Labelling {
    Labelling::from_words(grounded_words(af))
}

/// How many queued IN arguments are expanded together (see [`grounded_words`]).
const CHUNK: usize = 1024;

/// How far ahead of its use a random access is prefetched.
const AHEAD: usize = 16;

/// The grounded labelling in one word per argument: OUT, or else the number of attackers
/// not yet OUT (0 = IN: an argument is labelled IN the moment its count reaches 0, and the
/// counts of OUT arguments no longer matter), so that each step touches one cache line
/// per argument.
///
/// On large frameworks the time goes into cache misses at random arguments, so IN
/// arguments are expanded a chunk at a time in three passes over small buffers (the
/// arguments they attack, which become OUT; the arguments those attack; the decrements),
/// each prefetching a few items ahead so that many misses are in flight at once. Every
/// argument is still queued at most once and every attack followed at most twice: O(n + m).
fn grounded_words(af: &Framework) -> Vec<u32> {
    let mut live: Vec<u32> = af.attacker_counts();
    // Every argument is queued at most once: room for all of them, so that the queue is
    // never copied (pages never written are never touched).
    let mut queue: Vec<u32> = Vec::with_capacity(live.len());
    queue.extend((0..live.len() as u32).filter(|&a| live[a as usize] == 0));
    let (mut chunk, mut outs, mut hits) = (Vec::new(), Vec::new(), Vec::new());
    while !queue.is_empty() {
        chunk.clear();
        chunk.extend(queue.drain(queue.len().saturating_sub(CHUNK)..));
        // Pass 1: the arguments attacked by the chunk's IN arguments become OUT. They are
        // not IN: an IN argument is never attacked by an IN one.
        outs.clear();
        for &a in &chunk {
            for &b in af.attacked_by(Arg(a)) {
                prefetch(&live, b.index());
                outs.push(b.0);
            }
        }
        outs.retain(|&b| {
            let l = &mut live[b as usize];
            let fresh = *l != OUT;
            *l = OUT;
            fresh
        });
        // Pass 2: the arguments the new OUT arguments attack.
        hits.clear();
        for (i, &b) in outs.iter().enumerate() {
            if let Some(&ahead) = outs.get(i + 2 * AHEAD) {
                af.prefetch_row_start(Arg(ahead));
            }
            if let Some(&ahead) = outs.get(i + AHEAD) {
                af.prefetch_row(Arg(ahead));
            }
            // Rows are short: a loop, not a call to memcpy per row.
            for &c in af.attacked_by(Arg(b)) {
                hits.push(c.0);
            }
        }
        // Pass 3: one attacker fewer each; a count reaching 0 makes the argument IN.
        for i in 0..hits.len() {
            if let Some(&ahead) = hits.get(i + AHEAD) {
                prefetch(&live, ahead as usize);
            }
            let l = &mut live[hits[i] as usize];
            if *l != OUT {
                *l -= 1;
                if *l == 0 {
                    queue.push(hits[i]);
                }
            }
        }
    }
    live
}

/// The grounded extension of `af`, in increasing order.
pub fn grounded_extension(af: &Framework) -> Vec<Arg> {
    grounded_labelling(af).with_label(Label::In)
}

/// Grounded semantics: one extension, computed without SAT.
pub(crate) struct Grounded {
    labelling: Labelling,
}

impl Grounded {
    /// Computes the grounded labelling of `af`.
    pub fn new(af: &Framework) -> Grounded {
        Grounded { labelling: grounded_labelling(af) }
    }
}

impl super::Answers for Grounded {
    fn some_extension(&mut self) -> Option<Vec<Arg>> {
        Some(self.labelling.with_label(Label::In))
    }

    fn credulous(&mut self, a: Arg) -> super::Decision {
        let accepted = self.labelling.label(a) == Label::In;
        super::Decision {
            accepted,
            certificate: accepted.then(|| self.labelling.with_label(Label::In)),
        }
    }

    fn sceptical(&mut self, a: Arg) -> super::Decision {
        let accepted = self.labelling.label(a) == Label::In;
        super::Decision {
            accepted,
            certificate: (!accepted).then(|| self.labelling.with_label(Label::In)),
        }
    }

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
        assert!(l.labels().eq([Label::In, Label::Out, Label::In, Label::Out]));
    }

    /// The grounded labelling by the definition: sweep until nothing changes (quadratic,
    /// but independent of the chunked queue it checks).
    fn by_sweeps(af: &Framework) -> Vec<Label> {
        let mut labels = vec![Label::Undec; af.len()];
        loop {
            let mut changed = false;
            for a in af.args() {
                let attackers = af.attackers(a);
                let new = if attackers.iter().all(|&b| labels[b.index()] == Label::Out) {
                    Label::In
                } else if attackers.iter().any(|&b| labels[b.index()] == Label::In) {
                    Label::Out
                } else {
                    Label::Undec
                };
                if new != labels[a.index()] {
                    labels[a.index()] = new;
                    changed = true;
                }
            }
            if !changed {
                return labels;
            }
        }
    }

    #[test]
    fn chunked_queue_agrees_with_sweeps_on_large_frameworks() {
        use crate::generate::{Family, Params, generate};
        // Several thousand arguments: many chunks, hubs with long rows, mutual attacks.
        for (family, seed) in [(Family::BarabasiAlbert, 1), (Family::ErdosRenyi, 2)] {
            let params =
                Params { args: 6000, seed, m: Some(1), p: Some(1.5 / 6000.0), ..Params::default() };
            let af = generate(family, &params).unwrap();
            let fast: Vec<Label> = grounded_labelling(&af).labels().collect();
            assert_eq!(fast, by_sweeps(&af), "{family:?}");
            assert!(fast.iter().filter(|&&l| l == Label::In).count() > CHUNK, "{family:?}");
        }
    }

    #[test]
    fn cycles_and_self_attacks_stay_undecided() {
        let l = grounded_labelling(&af(4, &[(0, 1), (1, 0), (2, 2), (2, 3)]));
        assert_eq!(l.count(Label::Undec), 4);
    }
}
