//! The `argsat._argsat` extension module: argsat's library for Python, arguments named by
//! strings. The Python package (`python/argsat/__init__.py`) re-exports it and adds the
//! IPAFAIR-style `AFSolver`.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, sync_channel};

use argsat::dynamic::{Assumption, Dynamic as Engine, DynamicSemantics};
use argsat::{Arg, Format, Label, Semantics, explain, grounded_labelling, render, solver};
use pyo3::exceptions::{PyKeyError, PyOSError, PyValueError};
use pyo3::prelude::*;

fn value_error(e: impl ToString) -> PyErr {
    PyValueError::new_err(e.to_string())
}

fn semantics(name: &str) -> PyResult<Semantics> {
    name.parse().map_err(value_error)
}

/// The answer to a credulous or sceptical question.
#[pyclass(module = "argsat", frozen, get_all)]
#[derive(Clone)]
struct Answer {
    /// Whether the argument is accepted.
    accepted: bool,
    /// For a credulous yes, an extension with the argument; for a sceptical no, one without.
    extension: Option<Vec<String>>,
}

#[pymethods]
impl Answer {
    fn __bool__(&self) -> bool {
        self.accepted
    }

    fn __repr__(&self) -> String {
        format!("Answer(accepted={}, extension={:?})", self.accepted, self.extension)
    }
}

/// A framework: arguments named by strings, and attacks between them.
#[pyclass(module = "argsat")]
struct Framework {
    names: Vec<String>,
    index: HashMap<String, u32>,
    attacks: Vec<(u32, u32)>,
    /// The built framework, until the next change.
    built: Option<Arc<argsat::Framework>>,
}

impl Framework {
    fn from_rust(af: &argsat::Framework) -> Framework {
        let names: Vec<String> = af.args().map(|a| af.display_name(a).to_string()).collect();
        let index = names.iter().enumerate().map(|(i, n)| (n.clone(), i as u32)).collect();
        let attacks = af.attack_pairs().map(|(a, b)| (a.0, b.0)).collect();
        Framework { names, index, attacks, built: None }
    }

    fn af(&mut self) -> Arc<argsat::Framework> {
        let (names, attacks) = (&self.names, &self.attacks);
        Arc::clone(self.built.get_or_insert_with(|| {
            let text: String = names.iter().map(|n| format!("arg({n}).\n")).collect::<String>()
                + &attacks
                    .iter()
                    .map(|&(a, b)| format!("att({},{}).\n", names[a as usize], names[b as usize]))
                    .collect::<String>();
            Arc::new(
                argsat::parse(text.as_bytes(), Format::Apx).expect("names are checked when added"),
            )
        }))
    }

    fn arg(&self, name: &str) -> PyResult<Arg> {
        self.index
            .get(name)
            .map(|&i| Arg(i))
            .ok_or_else(|| PyKeyError::new_err(format!("no argument {name:?}")))
    }

    fn names_of(&self, set: &[Arg]) -> Vec<String> {
        set.iter().map(|a| self.names[a.index()].clone()).collect()
    }
}

/// Whether `name` can name an argument in every format argsat writes (APX's grammar).
fn valid_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_')
}

#[pymethods]
impl Framework {
    /// A framework with these arguments and attacks (pairs of names).
    #[new]
    #[pyo3(signature = (arguments=Vec::new(), attacks=Vec::new()))]
    fn new(arguments: Vec<String>, attacks: Vec<(String, String)>) -> PyResult<Framework> {
        let mut f = Framework {
            names: Vec::new(),
            index: HashMap::new(),
            attacks: Vec::new(),
            built: None,
        };
        for a in arguments {
            f.add_argument(a)?;
        }
        for (a, b) in attacks {
            f.add_attack(&a, &b)?;
        }
        Ok(f)
    }

    /// Reads a file (ICCMA 2023 `.af`, `.apx`, `.tgf`; `format` overrides the extension).
    #[staticmethod]
    #[pyo3(signature = (path, format=None))]
    fn from_file(path: std::path::PathBuf, format: Option<&str>) -> PyResult<Framework> {
        let format = format.map(str::parse::<Format>).transpose().map_err(value_error)?;
        let (af, _) = argsat::read_file(&path, format).map_err(|e| match e {
            argsat::ReadError::Io { .. } => PyOSError::new_err(e.to_string()),
            e => value_error(e),
        })?;
        Ok(Framework::from_rust(&af))
    }

    /// Parses text in a format: `i23`, `apx` or `tgf`.
    #[staticmethod]
    fn parse(text: &str, format: &str) -> PyResult<Framework> {
        let format: Format = format.parse().map_err(value_error)?;
        let af = argsat::parse(text.as_bytes(), format).map_err(value_error)?;
        Ok(Framework::from_rust(&af))
    }

    /// Adds an argument (letters, digits, `_`); a name already there is an error.
    fn add_argument(&mut self, name: String) -> PyResult<()> {
        if !valid_name(&name) {
            return Err(value_error(format!("{name:?} is not a name (letters, digits, _)")));
        }
        if self.index.contains_key(&name) {
            return Err(value_error(format!("argument {name:?} exists already")));
        }
        self.index.insert(name.clone(), self.names.len() as u32);
        self.names.push(name);
        self.built = None;
        Ok(())
    }

    /// Adds the attack `a -> b` between existing arguments.
    fn add_attack(&mut self, a: &str, b: &str) -> PyResult<()> {
        let (x, y) = (self.arg(a)?, self.arg(b)?);
        self.attacks.push((x.0, y.0));
        self.built = None;
        Ok(())
    }

    /// The argument names, in order.
    #[getter]
    fn arguments(&self) -> Vec<String> {
        self.names.clone()
    }

    /// The attacks, as (attacker, attacked) names.
    #[getter]
    fn attacks(&mut self) -> Vec<(String, String)> {
        let af = self.af();
        af.attack_pairs()
            .map(|(a, b)| (self.names[a.index()].clone(), self.names[b.index()].clone()))
            .collect()
    }

    fn __len__(&self) -> usize {
        self.names.len()
    }

    fn __repr__(&self) -> String {
        format!("Framework({} arguments, {} attacks)", self.names.len(), self.attacks.len())
    }

    /// The grounded labelling: each name to `"in"`, `"out"` or `"undec"`.
    fn grounded(&mut self, py: Python<'_>) -> HashMap<String, &'static str> {
        let af = self.af();
        let labels = py.detach(|| grounded_labelling(&af));
        af.args()
            .map(|a| {
                let word = match labels.label(a) {
                    Label::In => "in",
                    Label::Out => "out",
                    Label::Undec => "undec",
                };
                (self.names[a.index()].clone(), word)
            })
            .collect()
    }

    /// Some extension (a list of names), or None (stable semantics only).
    #[pyo3(signature = (semantics="preferred"))]
    fn solve(&mut self, py: Python<'_>, semantics: &str) -> PyResult<Option<Vec<String>>> {
        let sem = self::semantics(semantics)?;
        let af = self.af();
        let ext = py.detach(|| solver(&af, sem).some_extension());
        Ok(ext.map(|e| self.names_of(&e)))
    }

    /// Is `argument` in some extension? With an extension containing it when so.
    #[pyo3(signature = (argument, semantics="preferred"))]
    fn credulous(&mut self, py: Python<'_>, argument: &str, semantics: &str) -> PyResult<Answer> {
        let (sem, a) = (self::semantics(semantics)?, self.arg(argument)?);
        let af = self.af();
        let d = py.detach(|| solver(&af, sem).credulous(a));
        Ok(Answer { accepted: d.accepted, extension: d.certificate.map(|c| self.names_of(&c)) })
    }

    /// Is `argument` in every extension? With an extension lacking it when not.
    #[pyo3(signature = (argument, semantics="preferred"))]
    fn sceptical(&mut self, py: Python<'_>, argument: &str, semantics: &str) -> PyResult<Answer> {
        let (sem, a) = (self::semantics(semantics)?, self.arg(argument)?);
        let af = self.af();
        let d = py.detach(|| solver(&af, sem).sceptical(a));
        Ok(Answer { accepted: d.accepted, extension: d.certificate.map(|c| self.names_of(&c)) })
    }

    /// Every extension, as an iterator of name lists, each as soon as it is found.
    #[pyo3(signature = (semantics="preferred"))]
    fn extensions(&mut self, semantics: &str) -> PyResult<Extensions> {
        let sem = self::semantics(semantics)?;
        let af = self.af();
        let names: Arc<Vec<String>> = Arc::new(self.names.clone());
        // The solver runs in a thread, one extension ahead of the reader; when the
        // iterator is dropped the channel closes and the enumeration stops.
        let (tx, rx) = sync_channel(1);
        std::thread::spawn(move || {
            solver(&af, sem).enumerate(&mut |e| {
                tx.send(e.iter().map(|a| names[a.index()].clone()).collect()).is_ok()
            });
        });
        Ok(Extensions { rx: std::sync::Mutex::new(rx) })
    }

    /// The number of extensions.
    #[pyo3(signature = (semantics="preferred"))]
    fn count(&mut self, py: Python<'_>, semantics: &str) -> PyResult<u64> {
        let sem = self::semantics(semantics)?;
        let af = self.af();
        Ok(py.detach(|| solver(&af, sem).count()))
    }

    /// Why `argument` is or is not accepted, as the dict `argsat explain --json` prints.
    #[pyo3(signature = (argument, semantics="preferred"))]
    fn explain<'py>(
        &mut self,
        py: Python<'py>,
        argument: &str,
        semantics: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (sem, a) = (self::semantics(semantics)?, self.arg(argument)?);
        let af = self.af();
        let e = py.detach(|| explain::explain(&af, a, sem, argsat::Options::default()));
        py.import("json")?.call_method1("loads", (e.to_json(&af).to_string(),))
    }

    /// The framework as SVG, coloured by the grounded labelling.
    fn svg(&mut self) -> PyResult<String> {
        let af = self.af();
        let view = render::View {
            arguments: af.args().collect(),
            labels: grounded_labelling(&af).labels().collect(),
            caption: "grounded labelling".into(),
            highlight: Vec::new(),
            attacks: None,
        };
        render::svg(&af, &view).map_err(value_error)
    }
}

/// Extensions as they are found (see `Framework.extensions`).
#[pyclass(module = "argsat")]
struct Extensions {
    rx: std::sync::Mutex<Receiver<Vec<String>>>,
}

#[pymethods]
impl Extensions {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> Option<Vec<String>> {
        py.detach(|| self.rx.lock().ok()?.recv().ok())
    }
}

/// An incremental solver over a changing framework of named arguments.
#[pyclass(module = "argsat", unsendable)]
struct Dynamic {
    engine: Engine,
    ids: HashMap<String, u32>,
    names: HashMap<u32, String>,
    next: u32,
}

fn dynamic_semantics(name: &str) -> PyResult<DynamicSemantics> {
    if name.eq_ignore_ascii_case("admissible") || name.eq_ignore_ascii_case("AD") {
        return Ok(DynamicSemantics::Admissible);
    }
    let code = match semantics(name)? {
        Semantics::Complete => 1,
        Semantics::Preferred => 2,
        Semantics::Stable => 3,
        Semantics::SemiStable => 4,
        Semantics::Stage => 5,
        Semantics::Ideal => 6,
        Semantics::Grounded => {
            return Err(value_error("grounded semantics is not incremental; use complete"));
        }
    };
    Ok(DynamicSemantics::from_code(code).expect("a code in range"))
}

impl Dynamic {
    fn id(&self, name: &str) -> PyResult<u32> {
        self.ids
            .get(name)
            .copied()
            .ok_or_else(|| PyKeyError::new_err(format!("no argument {name:?}")))
    }

    fn answer(&self, a: argsat::dynamic::DynamicAnswer) -> Answer {
        let extension = a.extension.map(|e| e.iter().map(|i| self.names[i].clone()).collect());
        Answer { accepted: a.accepted, extension }
    }

    fn assumptions(&self, ins: Vec<String>, outs: Vec<String>) -> PyResult<Vec<Assumption>> {
        let mut v = Vec::new();
        for n in ins {
            v.push(Assumption::In(self.id(&n)?));
        }
        for n in outs {
            v.push(Assumption::Out(self.id(&n)?));
        }
        Ok(v)
    }
}

#[pymethods]
impl Dynamic {
    /// An empty framework under `semantics` (admissible, complete, preferred, stable,
    /// semi-stable, stage, ideal).
    #[new]
    #[pyo3(signature = (semantics="complete"))]
    fn new(semantics: &str) -> PyResult<Dynamic> {
        Ok(Dynamic {
            engine: Engine::new(dynamic_semantics(semantics)?),
            ids: HashMap::new(),
            names: HashMap::new(),
            next: 1,
        })
    }

    /// Changes the semantics.
    fn set_semantics(&mut self, semantics: &str) -> PyResult<()> {
        self.engine.set_semantics(dynamic_semantics(semantics)?);
        Ok(())
    }

    /// Adds an argument; a name already there is an error (and changes nothing).
    fn add_argument(&mut self, name: String) -> PyResult<()> {
        if self.ids.contains_key(&name) {
            return Err(value_error(format!("argument {name:?} exists already")));
        }
        self.engine.add_argument(self.next).map_err(value_error)?;
        self.ids.insert(name.clone(), self.next);
        self.names.insert(self.next, name);
        self.next += 1;
        Ok(())
    }

    /// Deletes an argument and its attacks.
    fn del_argument(&mut self, name: &str) -> PyResult<()> {
        let id = self.id(name)?;
        self.engine.del_argument(id).map_err(value_error)?;
        self.ids.remove(name);
        self.names.remove(&id);
        Ok(())
    }

    /// Adds the attack `a -> b`.
    fn add_attack(&mut self, a: &str, b: &str) -> PyResult<()> {
        let (x, y) = (self.id(a)?, self.id(b)?);
        self.engine.add_attack(x, y).map_err(value_error)
    }

    /// Deletes the attack `a -> b`.
    fn del_attack(&mut self, a: &str, b: &str) -> PyResult<()> {
        let (x, y) = (self.id(a)?, self.id(b)?);
        self.engine.del_attack(x, y).map_err(value_error)
    }

    /// The argument names.
    #[getter]
    fn arguments(&self) -> Vec<String> {
        self.engine.arguments().iter().map(|i| self.names[i].clone()).collect()
    }

    /// Is there an extension with every `assume_in` argument and no `assume_out` one?
    #[pyo3(signature = (assume_in=Vec::new(), assume_out=Vec::new()))]
    fn credulous(&mut self, assume_in: Vec<String>, assume_out: Vec<String>) -> PyResult<Answer> {
        // The SAT state is not `Send` (varisat's), so the GIL stays held.
        let a = self.assumptions(assume_in, assume_out)?;
        let answer = self.engine.credulous(&a).map_err(value_error)?;
        Ok(self.answer(answer))
    }

    /// Does every extension have every `assume_in` argument and no `assume_out` one?
    #[pyo3(signature = (assume_in=Vec::new(), assume_out=Vec::new()))]
    fn sceptical(&mut self, assume_in: Vec<String>, assume_out: Vec<String>) -> PyResult<Answer> {
        let a = self.assumptions(assume_in, assume_out)?;
        let answer = self.engine.sceptical(&a).map_err(value_error)?;
        Ok(self.answer(answer))
    }
}

/// The extension module.
#[pymodule]
fn _argsat(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Framework>()?;
    m.add_class::<Answer>()?;
    m.add_class::<Extensions>()?;
    m.add_class::<Dynamic>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
