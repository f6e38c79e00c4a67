//! `argsat.Framework`: a fixed framework of named arguments, with one solver per
//! semantics kept between questions (each keeps what its SAT solver learnt).

use std::collections::HashMap;
use std::sync::mpsc::{Receiver, RecvTimeoutError, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use argsat::{
    Arg, Format, FrameworkBuilder, Interrupt, Label, Options, Semantics, Solver,
    grounded_labelling, render, solver_with,
};
use pyo3::exceptions::{PyKeyError, PyOSError};
use pyo3::prelude::*;

use crate::{Answer, check_name, semantics, value_error, wait};

/// A framework: arguments named by strings, and attacks between them.
#[pyclass(module = "argsat")]
pub struct Framework {
    names: Vec<String>,
    index: HashMap<String, u32>,
    attacks: Vec<(u32, u32)>,
    /// The built framework, until the next change.
    built: Option<Arc<argsat::Framework>>,
    /// One solver per semantics asked about, until the next change. In a mutex only so
    /// that the class is `Sync`, as PyO3 asks: `&mut self` reaches it through `get_mut`,
    /// which takes no lock.
    solvers: Mutex<HashMap<Semantics, Box<dyn Solver>>>,
    /// Stops this framework's solver calls (Ctrl-C).
    interrupt: Interrupt,
}

impl Framework {
    fn empty() -> Framework {
        Framework {
            names: Vec::new(),
            index: HashMap::new(),
            attacks: Vec::new(),
            built: None,
            solvers: Mutex::new(HashMap::new()),
            interrupt: Interrupt::new(),
        }
    }

    fn from_rust(af: argsat::Framework) -> Framework {
        let mut f = Framework::empty();
        f.names = af.args().map(|a| af.display_name(a).to_string()).collect();
        f.index = f.names.iter().enumerate().map(|(i, n)| (n.clone(), i as u32)).collect();
        f.attacks = af.attack_pairs().map(|(a, b)| (a.0, b.0)).collect();
        f.built = Some(Arc::new(af));
        f
    }

    /// The framework as the library sees it, built directly (no text in between).
    fn af(&mut self) -> Arc<argsat::Framework> {
        let (names, attacks) = (&self.names, &self.attacks);
        Arc::clone(self.built.get_or_insert_with(|| {
            let mut table = argsat::af::Names::new();
            for n in names {
                table.push(n);
            }
            let mut b = FrameworkBuilder::with_names(table);
            b.reserve(attacks.len());
            for &(x, y) in attacks {
                b.attack(Arg(x), Arg(y)).expect("attacks name arguments added before");
            }
            Arc::new(b.build())
        }))
    }

    /// Notes a change: the built framework and the solvers are out of date.
    fn changed(&mut self) {
        self.built = None;
        self.solvers().clear();
    }

    /// The solver of `sem` (kept until the next change), its deadline `timeout` from now.
    fn solver(&mut self, sem: Semantics, timeout: Option<f64>) -> PyResult<&mut Box<dyn Solver>> {
        let deadline = wait::deadline(timeout)?;
        let af = self.af();
        let interrupt = self.interrupt.clone();
        let s = self.solvers().entry(sem).or_insert_with(|| {
            solver_with(af, sem, Options { interrupt: Some(interrupt), ..Options::default() })
        });
        s.set_deadline(deadline);
        Ok(s)
    }

    fn solvers(&mut self) -> &mut HashMap<Semantics, Box<dyn Solver>> {
        self.solvers.get_mut().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `f` on the solver of `sem`, stoppable by Ctrl-C and `timeout` (`wait::run`).
    fn ask<T: Send>(
        &mut self,
        py: Python<'_>,
        sem: Semantics,
        timeout: Option<f64>,
        f: impl FnOnce(&mut dyn Solver) -> Result<T, argsat::Stopped> + Send,
    ) -> PyResult<T> {
        let interrupt = self.interrupt.clone();
        let s = self.solver(sem, timeout)?;
        wait::run(py, &interrupt, || f(s.as_mut()))
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

    fn answer(&self, d: argsat::Decision) -> Answer {
        Answer { accepted: d.accepted, extension: d.certificate.map(|c| self.names_of(&c)) }
    }
}

#[pymethods]
impl Framework {
    /// A framework with these arguments and attacks (pairs of names).
    #[new]
    #[pyo3(signature = (arguments=Vec::new(), attacks=Vec::new()))]
    fn new(arguments: Vec<String>, attacks: Vec<(String, String)>) -> PyResult<Framework> {
        let mut f = Framework::empty();
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
        Ok(Framework::from_rust(af))
    }

    /// Parses text in a format: `i23`, `apx` or `tgf`.
    #[staticmethod]
    fn parse(text: &str, format: &str) -> PyResult<Framework> {
        let format: Format = format.parse().map_err(value_error)?;
        let af = argsat::parse(text.as_bytes(), format).map_err(value_error)?;
        Ok(Framework::from_rust(af))
    }

    /// Adds an argument: any non-empty name without control characters; a name already
    /// there is an error.
    fn add_argument(&mut self, name: String) -> PyResult<()> {
        check_name(&name)?;
        if self.index.contains_key(&name) {
            return Err(value_error(format!("argument {name:?} exists already")));
        }
        self.index.insert(name.clone(), self.names.len() as u32);
        self.names.push(name);
        self.changed();
        Ok(())
    }

    /// Adds the attack `a -> b` between existing arguments.
    fn add_attack(&mut self, a: &str, b: &str) -> PyResult<()> {
        let (x, y) = (self.arg(a)?, self.arg(b)?);
        self.attacks.push((x.0, y.0));
        self.changed();
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

    fn __repr__(&mut self) -> String {
        format!("Framework({} arguments, {} attacks)", self.names.len(), self.af().num_attacks())
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
    #[pyo3(signature = (semantics="preferred", *, timeout=None))]
    fn solve(
        &mut self,
        py: Python<'_>,
        semantics: &str,
        timeout: Option<f64>,
    ) -> PyResult<Option<Vec<String>>> {
        let sem = self::semantics(semantics)?;
        let ext = self.ask(py, sem, timeout, |s| s.some_extension())?;
        Ok(ext.map(|e| self.names_of(&e)))
    }

    /// Is `argument` in some extension? With an extension containing it when so.
    #[pyo3(signature = (argument, semantics="preferred", *, timeout=None))]
    fn credulous(
        &mut self,
        py: Python<'_>,
        argument: &str,
        semantics: &str,
        timeout: Option<f64>,
    ) -> PyResult<Answer> {
        let (sem, a) = (self::semantics(semantics)?, self.arg(argument)?);
        let d = self.ask(py, sem, timeout, |s| s.credulous(a))?;
        Ok(self.answer(d))
    }

    /// Is `argument` in every extension? With an extension lacking it when not.
    #[pyo3(signature = (argument, semantics="preferred", *, timeout=None))]
    fn sceptical(
        &mut self,
        py: Python<'_>,
        argument: &str,
        semantics: &str,
        timeout: Option<f64>,
    ) -> PyResult<Answer> {
        let (sem, a) = (self::semantics(semantics)?, self.arg(argument)?);
        let d = self.ask(py, sem, timeout, |s| s.sceptical(a))?;
        Ok(self.answer(d))
    }

    /// Every extension, as an iterator of name lists, each as soon as it is found.
    #[pyo3(signature = (semantics="preferred"))]
    fn extensions(&mut self, semantics: &str) -> PyResult<Extensions> {
        let sem = self::semantics(semantics)?;
        let af = self.af();
        let names: Arc<Vec<String>> = Arc::new(self.names.clone());
        // The solver runs in a thread, one extension ahead of the reader; when the
        // iterator is dropped it is interrupted (and the channel closes).
        let (tx, rx) = sync_channel(1);
        let stop = Interrupt::new();
        let options = Options { interrupt: Some(stop.clone()), ..Options::default() };
        std::thread::spawn(move || {
            let _ = solver_with(af, sem, options).enumerate(&mut |e| {
                tx.send(e.iter().map(|a| names[a.index()].clone()).collect()).is_ok()
            });
        });
        Ok(Extensions { rx: Mutex::new(Some(rx)), stop })
    }

    /// The number of extensions.
    #[pyo3(signature = (semantics="preferred", *, timeout=None))]
    fn count(&mut self, py: Python<'_>, semantics: &str, timeout: Option<f64>) -> PyResult<u64> {
        let sem = self::semantics(semantics)?;
        self.ask(py, sem, timeout, |s| s.count())
    }

    /// Why `argument` is or is not accepted, as the dict `argsat explain --json` prints.
    #[pyo3(signature = (argument, semantics="preferred", *, timeout=None))]
    fn explain<'py>(
        &mut self,
        py: Python<'py>,
        argument: &str,
        semantics: &str,
        timeout: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (sem, a) = (self::semantics(semantics)?, self.arg(argument)?);
        let af = self.af();
        let options = Options {
            interrupt: Some(self.interrupt.clone()),
            deadline: wait::deadline(timeout)?,
            ..Options::default()
        };
        let e = wait::run(py, &self.interrupt, || argsat::explain::explain(&af, a, sem, options))?;
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
pub struct Extensions {
    /// `None` once the enumeration ended.
    rx: Mutex<Option<Receiver<Vec<String>>>>,
    /// Stops the enumeration when the iterator goes.
    stop: Interrupt,
}

#[pymethods]
impl Extensions {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Vec<String>>> {
        let mut slot = self.rx.lock().map_err(|_| value_error("the iterator is in use"))?;
        let Some(mut rx) = slot.take() else { return Ok(None) };
        loop {
            // The receiver moves to the thread that waits and back (it is not `Sync`).
            let (got, back) = py.detach(move || (rx.recv_timeout(Duration::from_millis(50)), rx));
            rx = back;
            match got {
                Ok(e) => {
                    *slot = Some(rx);
                    return Ok(Some(e));
                }
                Err(RecvTimeoutError::Disconnected) => return Ok(None),
                Err(RecvTimeoutError::Timeout) => {
                    if let Err(e) = py.check_signals() {
                        // Ctrl-C raises here; the enumeration goes on for the next call.
                        *slot = Some(rx);
                        return Err(e);
                    }
                }
            }
        }
    }
}

impl Drop for Extensions {
    fn drop(&mut self) {
        self.stop.interrupt();
    }
}
