//! An incremental totalizer: "at most `k` of these literals are true" as one literal to
//! assume, with clauses built only up to the largest `k` asked for.
//!
//! The inputs sit at the leaves of a balanced binary tree. Each inner node has output
//! literals `out[s - 1]` meaning "at least `s` inputs below are true", forced by the
//! clauses `left_i and right_j -> out[i + j - 1]` (with "at least 0" always true). Only
//! that direction is encoded: assuming `not out[k]` at the root then allows at most `k`
//! true inputs, and unassumed the clauses are free. Asking for a larger `k` later adds
//! the clauses of the new outputs only (Bailleux and Boufkhad's totalizer, made
//! incremental as in Martins et al.'s OLL implementations).

use super::{ClauseSink, Lit};

/// "At most `k` of the inputs are true", for any `k` asked for so far.
#[derive(Clone, Debug)]
pub struct Totalizer {
    root: Node,
    inputs: usize,
}

#[derive(Clone, Debug)]
enum Node {
    Leaf(Lit),
    Sum { left: Box<Node>, right: Box<Node>, out: Vec<Lit>, size: usize },
}

impl Node {
    fn new(inputs: &[Lit]) -> Node {
        match inputs {
            [lit] => Node::Leaf(*lit),
            _ => {
                let (l, r) = inputs.split_at(inputs.len() / 2);
                Node::Sum {
                    left: Box::new(Node::new(l)),
                    right: Box::new(Node::new(r)),
                    out: Vec::new(),
                    size: inputs.len(),
                }
            }
        }
    }

    /// The outputs built so far: `outputs()[s - 1]` is implied by "at least `s` true".
    fn outputs(&self) -> &[Lit] {
        match self {
            Node::Leaf(lit) => std::slice::from_ref(lit),
            Node::Sum { out, .. } => out,
        }
    }

    /// Builds the outputs "at least `s` true" for every `s <= want` (and the node's size).
    fn extend(&mut self, want: usize, sink: &mut impl ClauseSink) {
        let Node::Sum { left, right, out, size } = self else {
            return;
        };
        let want = want.min(*size);
        let old = out.len();
        if old >= want {
            return;
        }
        left.extend(want, sink);
        right.extend(want, sink);
        out.extend((old..want).map(|_| sink.new_lit()));
        let (l, r) = (left.outputs(), right.outputs());
        let mut clause = Vec::with_capacity(3);
        // The clauses for sums up to `old` were added with the outputs they force.
        for s in old + 1..=want {
            for i in s.saturating_sub(r.len())..=s.min(l.len()) {
                let j = s - i;
                clause.clear();
                if i > 0 {
                    clause.push(!l[i - 1]);
                }
                if j > 0 {
                    clause.push(!r[j - 1]);
                }
                clause.push(out[s - 1]);
                sink.add_clause(&clause);
            }
        }
    }
}

impl Totalizer {
    /// A totalizer over `inputs` (at least one); no clause until [`Totalizer::more_than`].
    ///
    /// # Panics
    /// When `inputs` is empty.
    pub fn new(inputs: &[Lit]) -> Totalizer {
        assert!(!inputs.is_empty(), "a totalizer needs inputs");
        Totalizer { root: Node::new(inputs), inputs: inputs.len() }
    }

    /// The number of inputs.
    pub fn inputs(&self) -> usize {
        self.inputs
    }

    /// A literal implied by "more than `k` inputs are true" (so assuming its negation
    /// allows at most `k`), for `k` below the number of inputs; adds the clauses it
    /// needs to `sink` on first use.
    ///
    /// # Panics
    /// When `k` is not below the number of inputs.
    pub fn more_than(&mut self, k: usize, sink: &mut impl ClauseSink) -> Lit {
        assert!(k < self.inputs, "at most {k} of {} inputs always holds", self.inputs);
        self.root.extend(k + 1, sink);
        self.root.outputs()[k]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sat::ClauseSink;
    use crate::sat::recorder::Recorder;

    /// For every assignment of `n` inputs and every bound, the clauses with the root's
    /// "more than k" output assumed false have a model exactly when at most `k` inputs
    /// are true: checked by brute force over the auxiliary variables.
    #[test]
    fn assuming_the_output_false_allows_exactly_at_most_k() {
        for n in 1..=6 {
            let mut rec = Recorder::new();
            let inputs: Vec<Lit> = (0..n).map(|_| rec.new_lit()).collect();
            let mut tot = Totalizer::new(&inputs);
            // Bounds asked in a jumbled order, to exercise growing the tree.
            let mut order: Vec<usize> = (0..n).rev().step_by(2).collect();
            order.extend((0..n).step_by(2));
            for k in order {
                let lit = tot.more_than(k, &mut rec);
                let models = rec.models();
                for bits in 0..1u32 << n {
                    let true_inputs = bits.count_ones() as usize;
                    let allowed = models.iter().any(|m| {
                        let value = |l: Lit| m[l.var().index()] != l.is_negative();
                        !value(lit)
                            && inputs
                                .iter()
                                .enumerate()
                                .all(|(i, &l)| value(l) == (bits >> i & 1 == 1))
                    });
                    assert_eq!(allowed, true_inputs <= k, "n {n}, k {k}, inputs {bits:b}");
                }
            }
        }
    }

    #[test]
    fn clauses_are_added_once_per_output() {
        let mut rec = Recorder::new();
        let inputs: Vec<Lit> = (0..8).map(|_| rec.new_lit()).collect();
        let mut tot = Totalizer::new(&inputs);
        let first = tot.more_than(1, &mut rec);
        let (vars, clauses) = (rec.num_vars, rec.clauses.len());
        tot.more_than(0, &mut rec);
        assert_eq!(tot.more_than(1, &mut rec), first);
        assert_eq!((rec.num_vars, rec.clauses.len()), (vars, clauses));
        tot.more_than(3, &mut rec);
        let mut seen = rec.clauses.clone();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), rec.clauses.len(), "a clause was added twice");
    }
}
