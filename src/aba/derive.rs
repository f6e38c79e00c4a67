//! What the solvers share about derivations: the rules indexed by head and by body
//! atom, and the Horn closure (the atoms a set of assumptions derives) in time linear in
//! the rules.

use super::model::{Aba, Atom};

/// Compressed rows: `items[start[i]..start[i + 1]]` for each row `i`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Rows {
    start: Vec<u32>,
    items: Vec<u32>,
}

impl Rows {
    /// Rows `0..n` holding each `(row, item)` pair's item, in the order given per row.
    fn build<I: Iterator<Item = (u32, u32)>>(n: usize, pairs: impl Fn() -> I) -> Rows {
        let mut start = vec![0u32; n + 1];
        for (r, _) in pairs() {
            start[r as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut items = vec![0u32; start[n] as usize];
        for (r, x) in pairs() {
            items[fill[r as usize] as usize] = x;
            fill[r as usize] += 1;
        }
        Rows { start, items }
    }

    pub fn row(&self, i: usize) -> &[u32] {
        &self.items[self.start[i] as usize..self.start[i + 1] as usize]
    }
}

/// The rules by head and by body atom, for closures and encodings.
#[derive(Clone, Debug, Default)]
pub(crate) struct Index {
    /// Rules with head `p`.
    pub by_head: Rows,
    /// Rules with `p` in their body.
    pub by_body: Rows,
    /// Body sizes.
    pub body_len: Vec<u32>,
}

impl Index {
    pub fn new(aba: &Aba) -> Index {
        let n = aba.len();
        let by_head = Rows::build(n, || aba.rules().map(|r| (aba.head(r).0, r.0)));
        let by_body = Rows::build(n, || {
            aba.rules().flat_map(|r| aba.body(r).iter().map(move |b| (b.0, r.0)))
        });
        let body_len = aba.rules().map(|r| aba.body(r).len() as u32).collect();
        Index { by_head, by_body, body_len }
    }
}

/// A reusable Horn closure: the atoms derivable from a set of assumptions.
#[derive(Clone, Debug, Default)]
pub(crate) struct Closure {
    missing: Vec<u32>,
    queue: Vec<u32>,
    /// `derived[p]` after [`Closure::run`].
    pub derived: Vec<bool>,
}

impl Closure {
    /// Derives from the assumptions `a` with `base(a)`; `derived` holds the result.
    pub fn run(&mut self, aba: &Aba, index: &Index, base: impl Fn(Atom) -> bool) {
        self.derived.clear();
        self.derived.resize(aba.len(), false);
        self.missing.clear();
        self.missing.extend_from_slice(&index.body_len);
        self.queue.clear();
        for &a in aba.assumptions() {
            if base(a) {
                self.derived[a.index()] = true;
                self.queue.push(a.0);
            }
        }
        for r in aba.rules() {
            let h = aba.head(r).index();
            if index.body_len[r.index()] == 0 && !self.derived[h] {
                self.derived[h] = true;
                self.queue.push(h as u32);
            }
        }
        while let Some(p) = self.queue.pop() {
            for &r in index.by_body.row(p as usize) {
                let m = &mut self.missing[r as usize];
                *m -= 1;
                if *m == 0 {
                    let h = aba.head(super::Rule(r)).index();
                    if !self.derived[h] {
                        self.derived[h] = true;
                        self.queue.push(h as u32);
                    }
                }
            }
        }
    }

    /// Whether the last closure derives a contrary of assumption `a` (attacks it).
    pub fn attacks(&self, aba: &Aba, a: Atom) -> bool {
        aba.contraries(a).iter().any(|c| self.derived[c.index()])
    }
}

/// The least complete set above the admissible set `start` (as a flag per atom): the
/// assumptions it defends added until none is left. A set defends an assumption when
/// the assumptions it does not attack derive no contrary of it.
pub(crate) fn complete_closure(aba: &Aba, index: &Index, start: &mut [bool]) {
    let (mut mine, mut open) = (Closure::default(), Closure::default());
    loop {
        mine.run(aba, index, |a| start[a.index()]);
        open.run(aba, index, |a| !mine.attacks(aba, a));
        let mut grew = false;
        for &b in aba.assumptions() {
            if !start[b.index()] && !open.attacks(aba, b) {
                start[b.index()] = true;
                grew = true;
            }
        }
        if !grew {
            return;
        }
    }
}
