//! The `argsat._argsat` extension module: argsat's library for Python, arguments named by
//! strings. The Python package (`python/argsat/__init__.py`) re-exports it and adds the
//! IPAFAIR-style `AFSolver`.
//!
//! A thin binding over owned Rust objects: `Framework` keeps one solver per semantics
//! between questions, every solver call runs with the GIL released and stops on Ctrl-C
//! (`KeyboardInterrupt`) or `timeout=` (`TimeoutError`), and bad input is a `ValueError`
//! (an unknown argument a `KeyError`).

mod aba;
mod dynamic;
mod framework;
mod wait;

use argsat::Semantics;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

fn value_error(e: impl ToString) -> PyErr {
    PyValueError::new_err(e.to_string())
}

fn semantics(name: &str) -> PyResult<Semantics> {
    name.parse().map_err(value_error)
}

/// Argument names: any non-empty string without control characters (so that every
/// format and picture can show it); anything else is a `ValueError`.
fn check_name(name: &str) -> PyResult<()> {
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(value_error(format!(
            "{name:?} cannot name an argument (empty, or with control characters)"
        )));
    }
    Ok(())
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
        let accepted = if self.accepted { "True" } else { "False" };
        let extension = match &self.extension {
            None => "None".to_owned(),
            Some(e) => format!("{e:?}"),
        };
        format!("Answer(accepted={accepted}, extension={extension})")
    }
}

/// The extension module.
#[pymodule]
fn _argsat(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<framework::Framework>()?;
    m.add_class::<aba::Aba>()?;
    m.add_class::<Answer>()?;
    m.add_class::<framework::Extensions>()?;
    m.add_class::<dynamic::Dynamic>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
