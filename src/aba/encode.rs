//! The SAT encoding of ABA sets: a variable per assumption ("in the set"), a layer of
//! literals per atom ("derived from the set"), and for admissible and complete sets a
//! second layer ("derived from the assumptions the set does not attack").
//!
//! Exactness on cyclic rules. A layer is encoded by its rules both ways (Clark's
//! completion: an atom holds exactly when the body of one of its rules holds), which is
//! exact on acyclic rules but lets a positive cycle support itself. Rather than ranking
//! variables (a level per atom, whose comparators grow with the size of every cyclic
//! component) we add *loop formulas lazily*, as ASP solvers do: after each model the
//! layer is checked against the true Horn closure of the model's assumptions; the atoms
//! it claims without a derivation form an unfounded set, and for each of its strongly
//! connected parts C that depends on no other claimed atom we add "an atom of C holds
//! only if a rule of C's head whose body lies outside C fires". Such a clause holds in
//! every exact model (a derivation must enter C from outside) and is false in this one,
//! so each round removes the model, and the search stops at an exact one. Where a layer
//! is only ever needed false (the defence layer of admissible sets: "no contrary of a
//! member is derived"), its rules are encoded one way (body implies head), which is exact
//! for that use without loop formulas.
//!
//! What the grounded extension decides is fixed up front: its assumptions are in every
//! set searched, those it attacks out, the atoms it derives true and the atoms the rest
//! cannot derive false (a rule with such an atom in its body is never encoded).

use std::sync::Arc;

use super::derive::{Closure, Index};
use super::grounded::Grounded;
use super::model::{Aba, Atom, Rule};
use crate::sat::{Backend, ClauseSink, Lit, SatSolver, Solve};

/// Which sets an [`Engine`] encodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Admissible sets containing the grounded extension.
    Admissible,
    /// Complete sets.
    Complete,
    /// Stable sets.
    Stable,
}

/// The layer a literal belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Which {
    /// Derived from the set.
    Set,
    /// Derived from the assumptions the set does not attack.
    Open,
}

/// One layer of derivation literals.
#[derive(Default)]
struct Layer {
    /// The atom's literal, once encoded.
    lit: Vec<Option<Lit>>,
    /// A rule's body literal, once encoded (exact layers).
    rule: Vec<Option<Lit>>,
    /// Encoded both ways, checked for unfounded atoms after each model.
    exact: bool,
    /// The atoms with a variable of their own (not an assumption, not fixed).
    vars: Vec<u32>,
}

/// An incremental SAT solver over one encoding of ABA sets.
pub(crate) struct Engine {
    pub solver: SatSolver,
    aba: Arc<Aba>,
    index: Arc<Index>,
    ground: Arc<Grounded>,
    kind: Kind,
    tru: Lit,
    /// "In the set", per atom (assumptions only; fixed ones are constants).
    x: Vec<Lit>,
    /// "Attacked by the set", per atom (assumptions only).
    att: Vec<Lit>,
    /// The assumptions the grounded extension leaves open.
    free: Vec<Atom>,
    set: Layer,
    open: Layer,
    closure: Closure,
    open_closure: Closure,
    /// Tarjan's scratch, per atom.
    order: Vec<u32>,
    low: Vec<u32>,
    in_u: Vec<bool>,
    /// SAT calls made, and loop formulas added.
    pub sat_calls: usize,
    pub loop_formulas: usize,
}

impl Engine {
    pub fn new(
        aba: Arc<Aba>,
        index: Arc<Index>,
        ground: Arc<Grounded>,
        kind: Kind,
        backend: Backend,
    ) -> Engine {
        let n = aba.len();
        let mut solver = SatSolver::new(backend);
        let tru = solver.new_lit();
        solver.add_clause(&[tru]);
        let mut x = vec![!tru; n];
        let mut free = Vec::new();
        for &a in aba.assumptions() {
            x[a.index()] = if ground.member[a.index()] {
                tru
            } else if ground.out[a.index()] {
                !tru
            } else {
                free.push(a);
                solver.new_lit()
            };
        }
        let layer = |exact| Layer {
            lit: vec![None; n],
            rule: vec![None; aba.num_rules()],
            exact,
            vars: Vec::new(),
        };
        let mut e = Engine {
            solver,
            kind,
            tru,
            x,
            att: vec![!tru; n],
            free,
            set: layer(true),
            open: layer(kind == Kind::Complete),
            closure: Closure::default(),
            open_closure: Closure::default(),
            order: vec![u32::MAX; n],
            low: vec![0; n],
            in_u: vec![false; n],
            sat_calls: 0,
            loop_formulas: 0,
            aba,
            index,
            ground,
        };
        e.encode_sets();
        e
    }

    fn encode_sets(&mut self) {
        let aba = Arc::clone(&self.aba);
        for &a in aba.assumptions() {
            let i = a.index();
            if self.ground.member[i] {
                continue;
            }
            if self.ground.out[i] {
                self.att[i] = self.tru;
                continue;
            }
            let cs: Vec<Lit> = aba.contraries(a).iter().map(|&c| self.lit(Which::Set, c)).collect();
            self.att[i] = self.any(&cs);
        }
        let free = self.free.clone();
        for &a in &free {
            let (x, att) = (self.x[a.index()], self.att[a.index()]);
            self.solver.add_clause(&[!x, !att]);
            if self.kind == Kind::Stable {
                self.solver.add_clause(&[x, att]);
            }
        }
        if self.kind == Kind::Stable {
            return;
        }
        for &b in &free {
            let x = self.x[b.index()];
            let mut defended_in = vec![x];
            for &c in aba.contraries(b) {
                let e = self.lit(Which::Open, c);
                self.solver.add_clause(&[!x, !e]);
                defended_in.push(e);
            }
            if self.kind == Kind::Complete {
                self.solver.add_clause(&defended_in);
            }
        }
    }

    /// A literal equivalent to the disjunction of `lits`.
    fn any(&mut self, lits: &[Lit]) -> Lit {
        let lits: Vec<Lit> = lits.iter().copied().filter(|&l| l != !self.tru).collect();
        if lits.contains(&self.tru) {
            return self.tru;
        }
        match lits.as_slice() {
            [] => !self.tru,
            [l] => *l,
            _ => {
                let v = self.solver.new_lit();
                let mut clause = vec![!v];
                for &l in &lits {
                    self.solver.add_clause(&[v, !l]);
                    clause.push(l);
                }
                self.solver.add_clause(&clause);
                v
            }
        }
    }

    fn layer(&mut self, which: Which) -> &mut Layer {
        match which {
            Which::Set => &mut self.set,
            Which::Open => &mut self.open,
        }
    }

    /// The literal of assumption `a` in a layer.
    fn base(&self, which: Which, a: Atom) -> Lit {
        match which {
            Which::Set => self.x[a.index()],
            Which::Open => !self.att[a.index()],
        }
    }

    /// "The set derives `p`": encodes `p` and what it depends on, on first use.
    pub fn derives(&mut self, p: Atom) -> Lit {
        self.lit(Which::Set, p)
    }

    /// Whether a rule can fire in some complete extension.
    fn live(&self, r: Rule) -> bool {
        self.aba.body(r).iter().all(|b| self.ground.possible[b.index()])
    }

    /// The literal of `p` in a layer, encoding `p`'s part of the rules on first use.
    fn lit(&mut self, which: Which, p: Atom) -> Lit {
        if let Some(l) = self.layer(which).lit[p.index()] {
            return l;
        }
        let aba = Arc::clone(&self.aba);
        let index = Arc::clone(&self.index);
        // The atoms reached backwards from p that have no literal yet, given one now.
        let mut fresh = Vec::new();
        let mut stack = vec![p];
        while let Some(q) = stack.pop() {
            if self.layer(which).lit[q.index()].is_some() {
                continue;
            }
            let l = if aba.is_assumption(q) {
                self.base(which, q)
            } else if !self.ground.possible[q.index()] {
                !self.tru
            } else if self.ground.derived[q.index()] {
                self.tru
            } else {
                fresh.push(q);
                let l = self.solver.new_lit();
                for &r in index.by_head.row(q.index()) {
                    if self.live(Rule(r)) {
                        stack.extend(aba.body(Rule(r)).iter().copied());
                    }
                }
                l
            };
            let layer = self.layer(which);
            layer.lit[q.index()] = Some(l);
            if fresh.last() == Some(&q) {
                layer.vars.push(q.0);
            }
        }
        for q in fresh {
            let head = self.layer(which).lit[q.index()].expect("encoded above");
            let mut support = vec![!head];
            for &r in index.by_head.row(q.index()) {
                let r = Rule(r);
                if !self.live(r) {
                    continue;
                }
                let body: Vec<Lit> = aba
                    .body(r)
                    .iter()
                    .map(|b| self.layer(which).lit[b.index()].expect("encoded above"))
                    .collect();
                if self.layer(which).exact {
                    let b = self.all(&body);
                    self.layer(which).rule[r.index()] = Some(b);
                    self.solver.add_clause(&[!b, head]);
                    support.push(b);
                } else {
                    let mut clause: Vec<Lit> = body.iter().map(|&l| !l).collect();
                    clause.push(head);
                    self.solver.add_clause(&clause);
                }
            }
            if self.layer(which).exact {
                self.solver.add_clause(&support);
            }
        }
        self.layer(which).lit[p.index()].expect("encoded above")
    }

    /// A literal equivalent to the conjunction of `lits`.
    fn all(&mut self, lits: &[Lit]) -> Lit {
        let neg: Vec<Lit> = lits.iter().map(|&l| !l).collect();
        !self.any(&neg)
    }

    /// "Assumption `a` is in the set" (a constant for assumptions the grounded extension
    /// decides).
    pub fn x(&self, a: Atom) -> Lit {
        self.x[a.index()]
    }

    /// The assumptions the grounded extension leaves open.
    pub fn free(&self) -> &[Atom] {
        &self.free
    }

    /// The framework encoded.
    pub fn aba(&self) -> &Aba {
        &self.aba
    }

    /// The framework's rule index.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Whether a set of the kind satisfies the clauses and `assumptions`; when so the
    /// model is exact (every layer equals the closure of the model's assumptions).
    pub fn solve(&mut self, assumptions: &[Lit]) -> bool {
        loop {
            self.sat_calls += 1;
            if !self.solver.solve_assuming(assumptions) {
                return false;
            }
            if self.repair() {
                return true;
            }
        }
    }

    /// The last model's set, a flag per atom.
    pub fn model(&self) -> Vec<bool> {
        let mut s = vec![false; self.aba.len()];
        for &a in self.aba.assumptions() {
            s[a.index()] = self.solver.value(self.x[a.index()]);
        }
        s
    }

    /// Checks the last model's layers against the closures; adds loop formulas and
    /// returns `false` where a layer claims an atom nothing derives.
    fn repair(&mut self) -> bool {
        let aba = Arc::clone(&self.aba);
        let (solver, x) = (&self.solver, &self.x);
        self.closure.run(&aba, &self.index, |a| solver.value(x[a.index()]));
        let truth = std::mem::take(&mut self.closure.derived);
        let exact = self.add_loop_formulas(Which::Set, &truth);
        self.closure.derived = truth;
        if !exact || !self.open.exact {
            return exact;
        }
        let closure = &self.closure;
        self.open_closure.run(&aba, &self.index, |a| !closure.attacks(&aba, a));
        let truth = std::mem::take(&mut self.open_closure.derived);
        let exact = self.add_loop_formulas(Which::Open, &truth);
        self.open_closure.derived = truth;
        exact
    }

    /// Adds the loop formulas of the parts of the layer's unfounded atoms (true in the
    /// model, not in `truth`) that depend on no other of them; `true` when there are none.
    fn add_loop_formulas(&mut self, which: Which, truth: &[bool]) -> bool {
        let layer = match which {
            Which::Set => &self.set,
            Which::Open => &self.open,
        };
        let unfounded: Vec<u32> = layer
            .vars
            .iter()
            .copied()
            .filter(|&p| !truth[p as usize] && self.solver.value(layer.lit[p as usize].unwrap()))
            .collect();
        if unfounded.is_empty() {
            return true;
        }
        for &p in &unfounded {
            self.in_u[p as usize] = true;
        }
        let parts = self.sink_components(which, &unfounded);
        for part in parts {
            self.loop_formula(which, &part);
        }
        for &p in &unfounded {
            self.in_u[p as usize] = false;
            self.order[p as usize] = u32::MAX;
        }
        false
    }

    /// The successors of unfounded atom `p`: unfounded atoms in the bodies of its rules.
    fn successors(&self, which: Which, p: u32, out: &mut Vec<u32>) {
        let layer = if which == Which::Set { &self.set } else { &self.open };
        out.clear();
        for &r in self.index.by_head.row(p as usize) {
            if layer.rule[r as usize].is_some() {
                out.extend(
                    self.aba.body(Rule(r)).iter().map(|b| b.0).filter(|&b| self.in_u[b as usize]),
                );
            }
        }
    }

    /// The strongly connected components of the unfounded atoms (edges from a head to
    /// its body atoms) that have no edge out: iterative Tarjan.
    fn sink_components(&mut self, which: Which, nodes: &[u32]) -> Vec<Vec<u32>> {
        let mut counter = 0u32;
        let mut stack: Vec<u32> = Vec::new();
        let mut comps: Vec<Vec<u32>> = Vec::new();
        let mut sink: Vec<bool> = Vec::new();
        // Component of each finished atom: `low` is reused as the component id, with
        // `order` set to u32::MAX - 1 once finished.
        const DONE: u32 = u32::MAX - 1;
        let mut succ = Vec::new();
        for &root in nodes {
            if self.order[root as usize] != u32::MAX {
                continue;
            }
            // Frames: (node, its successors, next successor index).
            let mut frames: Vec<(u32, Vec<u32>, usize)> = Vec::new();
            self.order[root as usize] = counter;
            self.low[root as usize] = counter;
            counter += 1;
            stack.push(root);
            self.successors(which, root, &mut succ);
            frames.push((root, succ.clone(), 0));
            while let Some(frame) = frames.last_mut() {
                let v = frame.0;
                if frame.2 < frame.1.len() {
                    let w = frame.1[frame.2];
                    frame.2 += 1;
                    if self.order[w as usize] == u32::MAX {
                        self.order[w as usize] = counter;
                        self.low[w as usize] = counter;
                        counter += 1;
                        stack.push(w);
                        self.successors(which, w, &mut succ);
                        frames.push((w, succ.clone(), 0));
                    } else if self.order[w as usize] != DONE {
                        self.low[v as usize] = self.low[v as usize].min(self.order[w as usize]);
                    }
                    continue;
                }
                frames.pop();
                if let Some(parent) = frames.last() {
                    let p = parent.0 as usize;
                    self.low[p] = self.low[p].min(self.low[v as usize]);
                }
                if self.low[v as usize] == self.order[v as usize] {
                    let id = comps.len() as u32;
                    let mut comp = Vec::new();
                    loop {
                        let w = stack.pop().expect("v is on the stack");
                        self.order[w as usize] = DONE;
                        self.low[w as usize] = id;
                        comp.push(w);
                        if w == v {
                            break;
                        }
                    }
                    comps.push(comp);
                    sink.push(true);
                }
            }
        }
        for (id, comp) in comps.iter().enumerate() {
            'atoms: for &p in comp {
                self.successors(which, p, &mut succ);
                if succ.iter().any(|&w| self.low[w as usize] != id as u32) {
                    sink[id] = false;
                    break 'atoms;
                }
            }
        }
        comps.into_iter().zip(sink).filter(|(_, s)| *s).map(|(c, _)| c).collect()
    }

    /// "An atom of `part` holds only if a rule with its head in `part` and its body
    /// outside fires."
    fn loop_formula(&mut self, which: Which, part: &[u32]) {
        let mut external = Vec::new();
        let mut member = part.to_vec();
        member.sort_unstable();
        let layer = if which == Which::Set { &self.set } else { &self.open };
        for &p in part {
            for &r in self.index.by_head.row(p as usize) {
                if let Some(b) = layer.rule[r as usize]
                    && self.aba.body(Rule(r)).iter().all(|q| member.binary_search(&q.0).is_err())
                {
                    external.push(b);
                }
            }
        }
        let support = self.any(&external);
        let lits: Vec<Lit> = part.iter().map(|&p| layer_lit(self, which, p)).collect();
        for l in lits {
            self.solver.add_clause(&[!l, support]);
        }
        self.loop_formulas += 1;
    }
}

fn layer_lit(e: &Engine, which: Which, p: u32) -> Lit {
    let layer = if which == Which::Set { &e.set } else { &e.open };
    layer.lit[p as usize].expect("an unfounded atom is encoded")
}
