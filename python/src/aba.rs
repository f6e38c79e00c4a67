//! `argsat.ABA`: a flat assumption-based argumentation framework of named atoms, with
//! one solver per semantics kept between questions.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use argsat::aba::{self, AbaBuilder, AbaFormat, AbaSolver, Atom};
use argsat::{Interrupt, Options, Semantics};
use pyo3::exceptions::{PyKeyError, PyOSError};
use pyo3::prelude::*;

use crate::{Answer, check_name, semantics, value_error, wait};

/// A flat ABA framework: atoms named by strings, some of them assumptions with
/// contraries, and rules `head <- body`.
#[pyclass(module = "argsat", name = "ABA")]
pub struct Aba {
    fw: Arc<aba::Aba>,
    names: Vec<String>,
    index: HashMap<String, u32>,
    /// One solver per semantics asked about (in a mutex only so that the class is `Sync`).
    solvers: Mutex<HashMap<Semantics, Box<dyn AbaSolver>>>,
    interrupt: Interrupt,
}

impl Aba {
    fn from_rust(fw: aba::Aba) -> Aba {
        let names: Vec<String> = fw.atoms().map(|a| fw.display_name(a).to_string()).collect();
        let index = names.iter().enumerate().map(|(i, n)| (n.clone(), i as u32)).collect();
        Aba {
            fw: Arc::new(fw),
            names,
            index,
            solvers: Mutex::new(HashMap::new()),
            interrupt: Interrupt::new(),
        }
    }

    fn atom(&self, name: &str) -> PyResult<Atom> {
        self.index
            .get(name)
            .map(|&i| Atom(i))
            .ok_or_else(|| PyKeyError::new_err(format!("no atom {name:?}")))
    }

    fn names_of(&self, set: &[Atom]) -> Vec<String> {
        set.iter().map(|a| self.names[a.index()].clone()).collect()
    }

    /// Runs `f` on the solver of `sem`, stoppable by Ctrl-C and `timeout`.
    fn ask<T: Send>(
        &mut self,
        py: Python<'_>,
        sem: Semantics,
        timeout: Option<f64>,
        f: impl FnOnce(&mut dyn AbaSolver) -> Result<T, argsat::Stopped> + Send,
    ) -> PyResult<T> {
        let deadline = wait::deadline(timeout)?;
        let interrupt = self.interrupt.clone();
        let fw = Arc::clone(&self.fw);
        let solvers = self.solvers.get_mut().unwrap_or_else(|p| p.into_inner());
        let s = match solvers.entry(sem) {
            std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
            std::collections::hash_map::Entry::Vacant(v) => {
                let options = Options { interrupt: Some(interrupt.clone()), ..Options::default() };
                v.insert(aba::solver_with(fw, sem, options).map_err(value_error)?)
            }
        };
        s.set_deadline(deadline);
        wait::run(py, &interrupt, || f(s.as_mut()))
    }

    fn answer(&self, d: aba::Decision) -> Answer {
        Answer { accepted: d.accepted, extension: d.certificate.map(|c| self.names_of(&c)) }
    }

    fn steps(&self, steps: &[aba::explain::Step]) -> Vec<(String, Option<Vec<String>>)> {
        steps
            .iter()
            .map(|s| {
                let from = s.rule.map(|r| self.names_of(self.fw.body(r)));
                (self.names[s.atom.index()].clone(), from)
            })
            .collect()
    }
}

#[pymethods]
impl Aba {
    /// A framework from `assumptions` (names), `contraries` (assumption -> a name or a
    /// list of names) and `rules` (pairs of a head and a list of body names); atoms are
    /// the names these mention, in order of first mention (`atoms` adds others first).
    #[new]
    #[pyo3(signature = (assumptions=Vec::new(), contraries=HashMap::new(), rules=Vec::new(), atoms=Vec::new()))]
    fn new(
        assumptions: Vec<String>,
        contraries: HashMap<String, Bound<'_, PyAny>>,
        rules: Vec<(String, Vec<String>)>,
        atoms: Vec<String>,
    ) -> PyResult<Aba> {
        let mut names = argsat::af::Names::new();
        let mut index: HashMap<String, u32> = HashMap::new();
        let mut intern = |n: &str| -> PyResult<Atom> {
            check_name(n)?;
            if let Some(&i) = index.get(n) {
                return Ok(Atom(i));
            }
            let i = index.len() as u32;
            index.insert(n.to_owned(), i);
            names.push(n);
            Ok(Atom(i))
        };
        let mut contrary_pairs = Vec::new();
        for n in &atoms {
            intern(n)?;
        }
        let assumption_atoms =
            assumptions.iter().map(|a| intern(a)).collect::<PyResult<Vec<Atom>>>()?;
        let mut keys: Vec<_> = contraries.into_iter().collect();
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        for (a, cs) in keys {
            let cs: Vec<String> = match cs.extract::<String>() {
                Ok(one) => vec![one],
                Err(_) => cs.extract::<Vec<String>>().map_err(|_| {
                    value_error(format!("the contraries of {a:?}: a name or a list of names"))
                })?,
            };
            let x = intern(&a)?;
            for c in cs {
                contrary_pairs.push((x, intern(&c)?));
            }
        }
        let mut rule_atoms = Vec::new();
        for (h, body) in &rules {
            let h = intern(h)?;
            let body = body.iter().map(|b| intern(b)).collect::<PyResult<Vec<Atom>>>()?;
            rule_atoms.push((h, body));
        }
        let mut b = AbaBuilder::with_names(names);
        let name = |a: Atom, names: &HashMap<String, u32>| {
            names.iter().find(|(_, i)| **i == a.0).map(|(n, _)| n.clone()).unwrap_or_default()
        };
        for a in assumption_atoms {
            b.assumption(a).map_err(value_error)?;
        }
        for (a, c) in contrary_pairs {
            if !b.is_assumption(a) {
                return Err(value_error(format!(
                    "{:?} has a contrary but is not an assumption",
                    name(a, &index)
                )));
            }
            b.contrary(a, c).map_err(value_error)?;
        }
        for (h, body) in rule_atoms {
            b.rule(h, &body).map_err(|_| {
                value_error(format!(
                    "{:?} is an assumption and heads a rule: the framework must be flat",
                    name(h, &index)
                ))
            })?;
        }
        Ok(Aba::from_rust(b.build().map_err(value_error)?))
    }

    /// Reads a file: ICCMA's `p aba N` (`.aba`) or facts (`.abafacts`); `format`
    /// (`aba`, `abafacts`) overrides what the content and extension say.
    #[staticmethod]
    #[pyo3(signature = (path, format=None))]
    fn from_file(path: std::path::PathBuf, format: Option<&str>) -> PyResult<Aba> {
        let format = format.map(str::parse::<AbaFormat>).transpose().map_err(value_error)?;
        let (fw, _) = aba::read_file(&path, format).map_err(|e| match e {
            argsat::ReadError::Io { .. } => PyOSError::new_err(e.to_string()),
            e => value_error(e),
        })?;
        Ok(Aba::from_rust(fw))
    }

    /// Parses text in a format: `aba` or `abafacts`.
    #[staticmethod]
    fn parse(text: &str, format: &str) -> PyResult<Aba> {
        let format: AbaFormat = format.parse().map_err(value_error)?;
        Ok(Aba::from_rust(aba::parse(text.as_bytes(), format).map_err(value_error)?))
    }

    /// The atom names, in order.
    #[getter]
    fn atoms(&self) -> Vec<String> {
        self.names.clone()
    }

    /// The assumptions' names.
    #[getter]
    fn assumptions(&self) -> Vec<String> {
        self.names_of(self.fw.assumptions())
    }

    /// The contraries of each assumption.
    #[getter]
    fn contraries(&self) -> HashMap<String, Vec<String>> {
        let fw = &self.fw;
        fw.assumptions()
            .iter()
            .map(|&a| (self.names[a.index()].clone(), self.names_of(fw.contraries(a))))
            .collect()
    }

    /// The rules, as (head, body) pairs of names.
    #[getter]
    fn rules(&self) -> Vec<(String, Vec<String>)> {
        let fw = &self.fw;
        fw.rules()
            .map(|r| (self.names[fw.head(r).index()].clone(), self.names_of(fw.body(r))))
            .collect()
    }

    fn __len__(&self) -> usize {
        self.names.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "ABA({} atoms, {} assumptions, {} rules)",
            self.names.len(),
            self.fw.assumptions().len(),
            self.fw.num_rules()
        )
    }

    /// Some extension (a list of assumption names), or None (stable semantics only).
    #[pyo3(signature = (semantics="preferred", *, timeout=None))]
    fn solve(
        &mut self,
        py: Python<'_>,
        semantics: &str,
        timeout: Option<f64>,
    ) -> PyResult<Option<Vec<String>>> {
        let sem = self::semantics(semantics)?;
        let e = self.ask(py, sem, timeout, |s| s.some_extension())?;
        Ok(e.map(|e| self.names_of(&e)))
    }

    /// Does some extension derive `atom`? With one that does when so.
    #[pyo3(signature = (atom, semantics="preferred", *, timeout=None))]
    fn credulous(
        &mut self,
        py: Python<'_>,
        atom: &str,
        semantics: &str,
        timeout: Option<f64>,
    ) -> PyResult<Answer> {
        let (sem, q) = (self::semantics(semantics)?, self.atom(atom)?);
        let d = self.ask(py, sem, timeout, |s| s.credulous(q))?;
        Ok(self.answer(d))
    }

    /// Does every extension derive `atom`? With one that does not when not.
    #[pyo3(signature = (atom, semantics="preferred", *, timeout=None))]
    fn sceptical(
        &mut self,
        py: Python<'_>,
        atom: &str,
        semantics: &str,
        timeout: Option<f64>,
    ) -> PyResult<Answer> {
        let (sem, q) = (self::semantics(semantics)?, self.atom(atom)?);
        let d = self.ask(py, sem, timeout, |s| s.sceptical(q))?;
        Ok(self.answer(d))
    }

    /// Every extension, as a list of assumption-name lists.
    #[pyo3(signature = (semantics="preferred", *, timeout=None))]
    fn extensions(
        &mut self,
        py: Python<'_>,
        semantics: &str,
        timeout: Option<f64>,
    ) -> PyResult<Vec<Vec<String>>> {
        let sem = self::semantics(semantics)?;
        let all = self.ask(py, sem, timeout, |s| {
            let mut all = Vec::new();
            s.enumerate(&mut |e| {
                all.push(e.to_vec());
                true
            })
            .map(|()| all)
        })?;
        Ok(all.iter().map(|e| self.names_of(e)).collect())
    }

    /// The number of extensions.
    #[pyo3(signature = (semantics="preferred", *, timeout=None))]
    fn count(&mut self, py: Python<'_>, semantics: &str, timeout: Option<f64>) -> PyResult<u64> {
        let sem = self::semantics(semantics)?;
        self.ask(py, sem, timeout, |s| s.count())
    }

    /// The atoms `assumptions` derive.
    fn derives(&self, assumptions: Vec<String>) -> PyResult<Vec<String>> {
        let set = assumptions.iter().map(|a| self.atom(a)).collect::<PyResult<Vec<Atom>>>()?;
        let d = aba::verify::derived(&self.fw, &set);
        Ok(self
            .fw
            .atoms()
            .filter(|a| d[a.index()])
            .map(|a| self.names[a.index()].clone())
            .collect())
    }

    /// Why `atom` is (not) accepted: a dict with `credulous`, `sceptical`, `witness` and its
    /// `derivation` (steps `(atom, body or None)`), `counterexample`, and for a rejection
    /// `defeated_derivation` and `attack` (`target`, `contrary`, `derivation`).
    #[pyo3(signature = (atom, semantics="preferred", *, timeout=None))]
    fn explain(
        &mut self,
        py: Python<'_>,
        atom: &str,
        semantics: &str,
        timeout: Option<f64>,
    ) -> PyResult<Py<pyo3::types::PyDict>> {
        let (sem, q) = (self::semantics(semantics)?, self.atom(atom)?);
        let options = Options {
            interrupt: Some(self.interrupt.clone()),
            deadline: wait::deadline(timeout)?,
            ..Options::default()
        };
        let fw = Arc::clone(&self.fw);
        let e =
            wait::run(py, &self.interrupt, || match aba::explain::explain(&fw, q, sem, options) {
                Ok(e) => Ok(Ok(e)),
                Err(Ok(unsupported)) => Ok(Err(unsupported)),
                Err(Err(stopped)) => Err(stopped),
            })?
            .map_err(value_error)?;
        let d = pyo3::types::PyDict::new(py);
        d.set_item("atom", atom)?;
        d.set_item("semantics", sem.name())?;
        d.set_item("credulous", e.credulous)?;
        d.set_item("sceptical", e.sceptical)?;
        d.set_item("witness", e.witness.as_ref().map(|(w, _)| self.names_of(w)))?;
        d.set_item("derivation", e.witness.as_ref().map(|(_, s)| self.steps(s)))?;
        d.set_item("counterexample", e.counterexample.as_ref().map(|c| self.names_of(c)))?;
        d.set_item("defeated_derivation", e.defeat.as_ref().map(|(s, _)| self.steps(s)))?;
        let attack = e.defeat.as_ref().and_then(|(_, a)| a.as_ref());
        let attack = match attack {
            None => None,
            Some(a) => {
                let x = pyo3::types::PyDict::new(py);
                x.set_item("target", &self.names[a.target.index()])?;
                x.set_item("contrary", &self.names[a.contrary.index()])?;
                x.set_item("derivation", self.steps(&a.derivation))?;
                Some(x)
            }
        };
        d.set_item("attack", attack)?;
        Ok(d.unbind())
    }
}
