//! `argsat explain` and `argsat render`: the library's explanations and pictures, to
//! standard output or files.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use argsat::explain::{explain as explain_arg, labels_of};
use argsat::render::{self, View};
use argsat::{Arg, Framework, Options, Semantics, grounded_labelling, solver_with};

use super::CliError;
use super::interrupt::emit;

/// What `render` draws.
pub(super) struct Request {
    pub semantics: Option<Semantics>,
    pub extension: Option<usize>,
    pub focus: Option<(Arg, usize)>,
    /// Draw the nearest [`render::MAX_DRAWN`] arguments of a focus too large to draw
    /// whole (else refuse).
    pub nearest: bool,
    pub options: Options,
}

/// SVG or DOT, as the file name says (SVG when there is none, or it says neither).
fn picture(af: &Framework, view: &View, path: Option<&Path>) -> Result<String, CliError> {
    let dot = path.and_then(|p| p.extension()).is_some_and(|e| e.eq_ignore_ascii_case("dot"));
    let drawn = if dot { render::dot(af, view) } else { render::svg(af, view) };
    drawn.map_err(too_large)
}

/// A framework too large to draw, with the flags that draw a part of it.
fn too_large(e: render::TooLarge) -> CliError {
    CliError::Usage(format!("{e}: --focus ARG --depth K"))
}

/// Writes `text` to `path`, or to standard output.
fn deliver(text: &str, path: Option<&Path>, out: &mut impl Write) -> Result<(), CliError> {
    match path {
        Some(p) => std::fs::write(p, text)
            .map_err(|e| CliError::Usage(format!("cannot write {}: {e}", p.display()))),
        None => Ok(emit(out, |o| o.write_all(text.as_bytes()))?),
    }
}

pub(super) fn explain(
    af: &Arc<Framework>,
    a: Arg,
    semantics: Semantics,
    json: bool,
    render_to: Option<&Path>,
    options: Options,
    out: &mut impl Write,
) -> Result<ExitCode, CliError> {
    let e = explain_arg(af, a, semantics, options)?;
    if let Some(path) = render_to {
        deliver(&picture(af, &e.view(af), Some(path))?, Some(path), out)?;
    }
    let text = if json { format!("{}\n", e.to_json(af)) } else { e.to_text(af) };
    deliver(&text, None, out)?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn render(
    af: &Arc<Framework>,
    request: &Request,
    output: Option<&Path>,
    out: &mut impl Write,
) -> Result<ExitCode, CliError> {
    let arguments = match request.focus {
        Some((a, depth)) if request.nearest => render::nearest(af, a, depth, render::MAX_DRAWN),
        Some((a, depth)) => render::focus(af, a, depth),
        None => af.args().collect(),
    };
    if arguments.len() > render::MAX_DRAWN {
        return Err(too_large(render::TooLarge(arguments.len())));
    }
    let (labels, caption) = match (request.semantics, request.extension) {
        (None, None) => {
            (grounded_labelling(af).labels().collect(), "grounded labelling".to_owned())
        }
        (semantics, n) => {
            let semantics = semantics.unwrap_or(Semantics::Preferred);
            let n = n.unwrap_or(1);
            if n == 0 {
                return Err(CliError::Usage("--extension counts from 1".into()));
            }
            let mut found = None;
            let mut seen = 0;
            solver_with(Arc::clone(af), semantics, request.options.clone()).enumerate(
                &mut |e| {
                    seen += 1;
                    if seen == n {
                        found = Some(e.to_vec());
                    }
                    seen < n
                },
            )?;
            let Some(ext) = found else {
                return Err(CliError::Usage(format!(
                    "there are {seen} {} extensions, so no extension {n}",
                    semantics.name()
                )));
            };
            (labels_of(af, &ext), format!("{} extension {n}", semantics.name()))
        }
    };
    let highlight = request.focus.map(|(a, _)| vec![a]).unwrap_or_default();
    let view = View { arguments, labels, caption, highlight, attacks: None };
    deliver(&picture(af, &view, output)?, output, out)?;
    Ok(ExitCode::SUCCESS)
}
