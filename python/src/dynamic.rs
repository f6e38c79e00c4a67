//! `argsat.Dynamic`: the incremental solver of a framework that changes, its arguments
//! named by strings.

use std::collections::HashMap;
use std::sync::Mutex;

use argsat::dynamic::{
    Assumption, Dynamic as Engine, DynamicAnswer, DynamicError, DynamicSemantics,
};
use argsat::{Interrupt, Semantics};
use pyo3::exceptions::PyKeyError;
use pyo3::prelude::*;

use crate::{Answer, check_name, semantics, value_error, wait};

/// An incremental solver over a changing framework of named arguments.
#[pyclass(module = "argsat")]
pub struct Dynamic {
    /// In a mutex only so that the class is `Sync`, as PyO3 asks: `&mut self` reaches it
    /// through `get_mut`, which takes no lock.
    engine: Mutex<Engine>,
    ids: HashMap<String, u32>,
    names: HashMap<u32, String>,
    next: u32,
    /// Stops the engine's questions (Ctrl-C).
    interrupt: Interrupt,
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
        other => return Err(value_error(format!("{} is not incremental", other.name()))),
    };
    Ok(DynamicSemantics::from_code(code).expect("a code in range"))
}

impl Dynamic {
    fn engine(&mut self) -> &mut Engine {
        self.engine.get_mut().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn id(&self, name: &str) -> PyResult<u32> {
        self.ids
            .get(name)
            .copied()
            .ok_or_else(|| PyKeyError::new_err(format!("no argument {name:?}")))
    }

    fn answer(&self, a: DynamicAnswer) -> Answer {
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

    /// Asks the engine, the GIL released, stoppable by Ctrl-C and `timeout`.
    fn ask(
        &mut self,
        py: Python<'_>,
        credulous: bool,
        assumptions: &[Assumption],
        timeout: Option<f64>,
    ) -> PyResult<Answer> {
        let deadline = wait::deadline(timeout)?;
        let interrupt = self.interrupt.clone();
        let engine = self.engine();
        engine.set_deadline(deadline);
        let answer = wait::run(py, &interrupt, || {
            let answer = if credulous {
                engine.credulous(assumptions)
            } else {
                engine.sceptical(assumptions)
            };
            match answer {
                Err(DynamicError::Stopped(why)) => Err(why),
                other => Ok(other),
            }
        })?;
        Ok(self.answer(answer.map_err(value_error)?))
    }
}

#[pymethods]
impl Dynamic {
    /// An empty framework under `semantics` (admissible, complete, preferred, stable,
    /// semi-stable, stage, ideal). `witnesses=False`: answers come without an extension,
    /// and some cost less (a sceptical preferred "no" grows no preferred extension).
    #[new]
    #[pyo3(signature = (semantics="complete", *, witnesses=true))]
    fn new(semantics: &str, witnesses: bool) -> PyResult<Dynamic> {
        let interrupt = Interrupt::new();
        let mut engine = Engine::new(dynamic_semantics(semantics)?);
        engine.set_interrupt(Some(interrupt.clone()));
        engine.set_witnesses(witnesses);
        Ok(Dynamic {
            engine: Mutex::new(engine),
            ids: HashMap::new(),
            names: HashMap::new(),
            next: 1,
            interrupt,
        })
    }

    /// Whether answers come with an extension (`Answer.extension`).
    #[getter]
    fn witnesses(&mut self) -> bool {
        self.engine().witnesses()
    }

    #[setter]
    fn set_witnesses(&mut self, on: bool) {
        self.engine().set_witnesses(on);
    }

    /// Changes the semantics.
    fn set_semantics(&mut self, semantics: &str) -> PyResult<()> {
        self.engine().set_semantics(dynamic_semantics(semantics)?);
        Ok(())
    }

    /// Adds an argument (any non-empty name without control characters); a name already
    /// there is an error (and changes nothing).
    fn add_argument(&mut self, name: String) -> PyResult<()> {
        check_name(&name)?;
        if self.ids.contains_key(&name) {
            return Err(value_error(format!("argument {name:?} exists already")));
        }
        let id = self.next;
        self.next = id.checked_add(1).ok_or_else(|| value_error("too many arguments added"))?;
        self.engine().add_argument(id).map_err(value_error)?;
        self.ids.insert(name.clone(), id);
        self.names.insert(id, name);
        Ok(())
    }

    /// Deletes an argument and its attacks.
    fn del_argument(&mut self, name: &str) -> PyResult<()> {
        let id = self.id(name)?;
        self.engine().del_argument(id).map_err(value_error)?;
        self.ids.remove(name);
        self.names.remove(&id);
        Ok(())
    }

    /// Adds the attack `a -> b`.
    fn add_attack(&mut self, a: &str, b: &str) -> PyResult<()> {
        let (x, y) = (self.id(a)?, self.id(b)?);
        self.engine().add_attack(x, y).map_err(value_error)
    }

    /// Deletes the attack `a -> b`.
    fn del_attack(&mut self, a: &str, b: &str) -> PyResult<()> {
        let (x, y) = (self.id(a)?, self.id(b)?);
        self.engine().del_attack(x, y).map_err(value_error)
    }

    /// The argument names.
    #[getter]
    fn arguments(&mut self) -> Vec<String> {
        let ids = self.engine().arguments();
        ids.iter().map(|i| self.names[i].clone()).collect()
    }

    /// Is there an extension with every `assume_in` argument and no `assume_out` one?
    #[pyo3(signature = (assume_in=Vec::new(), assume_out=Vec::new(), *, timeout=None))]
    fn credulous(
        &mut self,
        py: Python<'_>,
        assume_in: Vec<String>,
        assume_out: Vec<String>,
        timeout: Option<f64>,
    ) -> PyResult<Answer> {
        let a = self.assumptions(assume_in, assume_out)?;
        self.ask(py, true, &a, timeout)
    }

    /// Does every extension have every `assume_in` argument and no `assume_out` one?
    #[pyo3(signature = (assume_in=Vec::new(), assume_out=Vec::new(), *, timeout=None))]
    fn sceptical(
        &mut self,
        py: Python<'_>,
        assume_in: Vec<String>,
        assume_out: Vec<String>,
        timeout: Option<f64>,
    ) -> PyResult<Answer> {
        let a = self.assumptions(assume_in, assume_out)?;
        self.ask(py, false, &a, timeout)
    }
}
