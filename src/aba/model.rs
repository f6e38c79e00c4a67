//! The flat ABA framework: atoms, assumptions, contraries and rules, in compact arrays.

use std::fmt;

use crate::af::Names;

/// An atom of an ABA framework, 0-based (files number atoms from 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Atom(pub u32);

impl Atom {
    /// The atom with this 0-based index.
    pub fn from_index(index: usize) -> Atom {
        Atom(index as u32)
    }

    /// The 0-based index.
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The 1-based number ICCMA files use.
    pub fn number(self) -> u64 {
        u64::from(self.0) + 1
    }
}

/// A flat assumption-based argumentation framework: atoms `0..n`, some of them
/// assumptions, each assumption with zero or more contraries (atoms), and rules
/// `head <- body` whose heads are never assumptions. Rules are deduplicated (a body is a
/// set); an assumption may be its own contrary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Aba {
    n: u32,
    names: Option<Names>,
    /// `is_assumption[a]`.
    is_assumption: Vec<bool>,
    /// The assumptions, in increasing order.
    assumptions: Vec<Atom>,
    /// `contraries[contrary_start[a]..contrary_start[a + 1]]`: the contraries of atom `a`
    /// (empty unless `a` is an assumption), sorted and distinct.
    contrary_start: Vec<u32>,
    contraries: Vec<Atom>,
    /// Rule `r`: head `heads[r]`, body `bodies[body_start[r]..body_start[r + 1]]`.
    heads: Vec<Atom>,
    body_start: Vec<u32>,
    bodies: Vec<Atom>,
}

/// A rule of an [`Aba`] framework, by its index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rule(pub u32);

impl Rule {
    /// The 0-based index.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl Aba {
    /// The number of atoms.
    pub fn len(&self) -> usize {
        self.n as usize
    }

    /// Whether there are no atoms.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Every atom.
    pub fn atoms(&self) -> impl ExactSizeIterator<Item = Atom> + use<> {
        (0..self.n).map(Atom)
    }

    /// The assumptions, in increasing order.
    pub fn assumptions(&self) -> &[Atom] {
        &self.assumptions
    }

    /// Whether `a` is an assumption.
    pub fn is_assumption(&self, a: Atom) -> bool {
        self.is_assumption[a.index()]
    }

    /// The contraries of `a` (none unless it is an assumption).
    pub fn contraries(&self, a: Atom) -> &[Atom] {
        let i = a.index();
        &self.contraries[self.contrary_start[i] as usize..self.contrary_start[i + 1] as usize]
    }

    /// The number of rules.
    pub fn num_rules(&self) -> usize {
        self.heads.len()
    }

    /// Every rule.
    pub fn rules(&self) -> impl ExactSizeIterator<Item = Rule> + use<> {
        (0..self.heads.len() as u32).map(Rule)
    }

    /// The head of rule `r`.
    pub fn head(&self, r: Rule) -> Atom {
        self.heads[r.index()]
    }

    /// The body of rule `r` (sorted, distinct; empty for a fact).
    pub fn body(&self, r: Rule) -> &[Atom] {
        let i = r.index();
        &self.bodies[self.body_start[i] as usize..self.body_start[i + 1] as usize]
    }

    /// The atom names, for frameworks read from a named format.
    pub fn names(&self) -> Option<&Names> {
        self.names.as_ref()
    }

    /// How `a` is printed: its name when there are names, else its 1-based number.
    pub fn display_name(&self, a: Atom) -> AtomName<'_> {
        match &self.names {
            Some(names) => AtomName::Name(names.get(a.index())),
            None => AtomName::Number(a.number()),
        }
    }

    /// Looks an atom up by how it is printed (name, or 1-based number without names).
    pub fn find(&self, label: &str) -> Option<Atom> {
        match &self.names {
            Some(names) => names.iter().position(|n| n == label).map(Atom::from_index),
            None => {
                let number: u64 = label.trim().parse().ok()?;
                (1..=u64::from(self.n)).contains(&number).then(|| Atom((number - 1) as u32))
            }
        }
    }
}

/// An atom's printed form: a name, or a 1-based number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AtomName<'a> {
    /// The name the input gave.
    Name(&'a str),
    /// The 1-based number.
    Number(u64),
}

impl fmt::Display for AtomName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AtomName::Name(n) => f.write_str(n),
            AtomName::Number(n) => write!(f, "{n}"),
        }
    }
}

/// Why an [`AbaBuilder`] refused a statement.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AbaError {
    /// An atom index at or above the number of atoms.
    #[error("atom {} is out of range 1..={max}", .atom + 1)]
    OutOfRange {
        /// The 0-based index given.
        atom: u64,
        /// The number of atoms.
        max: u32,
    },
    /// A contrary given for an atom that is not an assumption.
    #[error("atom {} is not an assumption, so it has no contrary", .0 + 1)]
    NotAnAssumption(u32),
    /// A rule whose head is an assumption (the framework would not be flat).
    #[error("atom {} is an assumption and heads a rule: the framework must be flat", .0 + 1)]
    AssumptionHead(u32),
}

/// Builds an [`Aba`] statement by statement, checking each (flatness, ranges), in any
/// order: a contrary may come before its assumption is declared, a rule before or after.
/// [`AbaBuilder::build`] checks what only the whole can tell.
///
/// ```
/// use argsat::aba::{AbaBuilder, Atom};
///
/// // Atoms 0..4: a (0) and b (1) are assumptions; p (2) <- a; q (3) <- b.
/// // p is the contrary of b, q of a.
/// let mut b = AbaBuilder::new(4);
/// b.assumption(Atom(0))?;
/// b.assumption(Atom(1))?;
/// b.contrary(Atom(0), Atom(3))?;
/// b.contrary(Atom(1), Atom(2))?;
/// b.rule(Atom(2), &[Atom(0)])?;
/// b.rule(Atom(3), &[Atom(1)])?;
/// let aba = b.build()?;
/// assert_eq!(aba.assumptions(), &[Atom(0), Atom(1)]);
/// # Ok::<(), argsat::aba::AbaError>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct AbaBuilder {
    n: u32,
    names: Option<Names>,
    is_assumption: Vec<bool>,
    is_head: Vec<bool>,
    contrary_pairs: Vec<(u32, u32)>,
    rules: Vec<(u32, Vec<u32>)>,
}

impl AbaBuilder {
    /// A builder over atoms `0..n`, none an assumption yet.
    pub fn new(n: u32) -> AbaBuilder {
        AbaBuilder {
            n,
            names: None,
            is_assumption: vec![false; n as usize],
            is_head: vec![false; n as usize],
            ..AbaBuilder::default()
        }
    }

    /// A builder over named atoms (`names.len()` of them).
    pub fn with_names(names: Names) -> AbaBuilder {
        let mut b = AbaBuilder::new(names.len() as u32);
        b.names = Some(names);
        b
    }

    /// The number of atoms.
    pub fn len(&self) -> u32 {
        self.n
    }

    /// Whether there are no atoms.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    fn check(&self, a: Atom) -> Result<usize, AbaError> {
        if a.0 < self.n {
            Ok(a.index())
        } else {
            Err(AbaError::OutOfRange { atom: u64::from(a.0), max: self.n })
        }
    }

    /// Whether `a` was declared an assumption (so far).
    pub fn is_assumption(&self, a: Atom) -> bool {
        self.is_assumption.get(a.index()).copied().unwrap_or(false)
    }

    /// Makes `a` an assumption (again: no effect).
    ///
    /// # Errors
    /// [`AbaError::OutOfRange`]; [`AbaError::AssumptionHead`] when a rule has `a` as its head.
    pub fn assumption(&mut self, a: Atom) -> Result<(), AbaError> {
        let i = self.check(a)?;
        if self.is_head[i] {
            return Err(AbaError::AssumptionHead(a.0));
        }
        self.is_assumption[i] = true;
        Ok(())
    }

    /// Makes `c` a contrary of `a`, which must be (or become, by [`build`](Self::build))
    /// an assumption.
    ///
    /// # Errors
    /// [`AbaError::OutOfRange`].
    pub fn contrary(&mut self, a: Atom, c: Atom) -> Result<(), AbaError> {
        self.check(a)?;
        self.check(c)?;
        self.contrary_pairs.push((a.0, c.0));
        Ok(())
    }

    /// Adds the rule `head <- body` (a fact when `body` is empty).
    ///
    /// # Errors
    /// [`AbaError::OutOfRange`]; [`AbaError::AssumptionHead`] when `head` is an assumption.
    pub fn rule(&mut self, head: Atom, body: &[Atom]) -> Result<(), AbaError> {
        let h = self.check(head)?;
        for &b in body {
            self.check(b)?;
        }
        if self.is_assumption[h] {
            return Err(AbaError::AssumptionHead(head.0));
        }
        self.is_head[h] = true;
        self.rules.push((head.0, body.iter().map(|b| b.0).collect()));
        Ok(())
    }

    /// The framework: rules deduplicated, bodies and contraries sorted and distinct.
    ///
    /// # Errors
    /// [`AbaError::NotAnAssumption`] for a contrary of an atom that is no assumption.
    pub fn build(self) -> Result<Aba, AbaError> {
        let AbaBuilder { n, names, is_assumption, mut contrary_pairs, mut rules, .. } = self;
        if let Some(&(a, _)) = contrary_pairs.iter().find(|&&(a, _)| !is_assumption[a as usize]) {
            return Err(AbaError::NotAnAssumption(a));
        }
        contrary_pairs.sort_unstable();
        contrary_pairs.dedup();
        let mut contrary_start = Vec::with_capacity(n as usize + 1);
        let mut next = 0usize;
        contrary_start.push(0);
        for a in 0..n {
            while next < contrary_pairs.len() && contrary_pairs[next].0 == a {
                next += 1;
            }
            contrary_start.push(next as u32);
        }
        let contraries = contrary_pairs.into_iter().map(|(_, c)| Atom(c)).collect();
        for (_, body) in &mut rules {
            body.sort_unstable();
            body.dedup();
        }
        rules.sort_unstable();
        rules.dedup();
        let mut heads = Vec::with_capacity(rules.len());
        let mut body_start = Vec::with_capacity(rules.len() + 1);
        let mut bodies = Vec::new();
        body_start.push(0);
        for (h, body) in rules {
            heads.push(Atom(h));
            bodies.extend(body.into_iter().map(Atom));
            body_start.push(bodies.len() as u32);
        }
        let assumptions =
            (0..n).filter(|&a| is_assumption[a as usize]).map(Atom).collect::<Vec<_>>();
        Ok(Aba {
            n,
            names,
            is_assumption,
            assumptions,
            contrary_start,
            contraries,
            heads,
            body_start,
            bodies,
        })
    }
}
