//! ABA frameworks on the command line: telling them from AFs, reading them, and the
//! ICCMA interface and friendly commands over `argsat::aba`.

use std::io::{self, BufWriter, Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use argsat::aba::{self, Aba, AbaFormat, AbaSolver, Atom};
use argsat::format::Format;
use argsat::{Options, Problem, Semantics, Task};

use super::CliError;
use super::interrupt::emit;

/// A format flag's value: an AF format or an ABA one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AnyFormat {
    Af(Format),
    Aba(AbaFormat),
}

impl FromStr for AnyFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<AnyFormat, String> {
        if let Ok(f) = s.parse::<Format>() {
            return Ok(AnyFormat::Af(f));
        }
        s.parse::<AbaFormat>()
            .map(AnyFormat::Aba)
            .map_err(|_| format!("unknown format `{s}`; formats: i23, apx, tgf, aba, abafacts"))
    }
}

impl AnyFormat {
    /// The AF format of a command that reads AFs only.
    pub(crate) fn af(format: Option<AnyFormat>) -> Result<Option<Format>, CliError> {
        match format {
            None => Ok(None),
            Some(AnyFormat::Af(f)) => Ok(Some(f)),
            Some(AnyFormat::Aba(f)) => {
                Err(CliError::Usage(format!("this command reads AF files, not {f}")))
            }
        }
    }
}

/// Whether `path` holds an ABA framework, and in which format: as the flag says, else as
/// its first statement or its extension says.
pub(crate) fn detect(
    path: &Path,
    format: Option<AnyFormat>,
) -> Result<Option<AbaFormat>, CliError> {
    match format {
        Some(AnyFormat::Aba(f)) => return Ok(Some(f)),
        Some(AnyFormat::Af(_)) => return Ok(None),
        None => {}
    }
    let mut head = Vec::with_capacity(4096);
    match std::fs::File::open(path) {
        // A stream (a pipe) would lose what is read here: only regular files are sniffed.
        Ok(f) if f.metadata().is_ok_and(|m| m.is_file()) => {
            f.take(4096).read_to_end(&mut head)?;
        }
        // Let the reader report it, with the path.
        _ => return Ok(AbaFormat::from_path(path)),
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    Ok(AbaFormat::sniff(head).or_else(|| {
        Format::from_path(path).is_none().then(|| AbaFormat::from_path(path)).flatten()
    }))
}

/// Reads an ABA framework.
pub(crate) fn read(path: &Path, format: AbaFormat) -> Result<Arc<Aba>, CliError> {
    Ok(Arc::new(aba::read_file(path, Some(format))?.0))
}

/// Resolves a query atom as the file names it.
pub(crate) fn find_atom(aba: &Aba, label: &str, path: &Path) -> Result<Atom, CliError> {
    aba.find(label).ok_or_else(|| {
        let hint = match aba.names() {
            Some(_) => "atoms are named as in the file".to_owned(),
            None => format!("atoms are numbered 1..={}", aba.len()),
        };
        CliError::Usage(format!("atom `{label}` not found in {} ({hint})", path.display()))
    })
}

fn solver(
    aba: &Arc<Aba>,
    semantics: Semantics,
    options: Options,
) -> Result<Box<dyn AbaSolver>, CliError> {
    aba::solver_with(Arc::clone(aba), semantics, options)
        .map_err(|e| CliError::Usage(e.to_string()))
}

/// `w a b c`: the assumptions as the file names them.
fn write_set(aba: &Aba, set: &[Atom], out: &mut impl Write) -> io::Result<()> {
    let mut line = String::from("w");
    for &a in set {
        line.push(' ');
        line.push_str(&aba.display_name(a).to_string());
    }
    line.push('\n');
    out.write_all(line.as_bytes())
}

/// The ICCMA interface on an ABA file: SE/DC/DS/EE/CE of grounded, complete, preferred
/// and stable. DC and DS print `YES` or `NO` alone, as ICCMA's ABA track asks; with
/// `witness` the assumption set shown follows a DC `YES` and a DS `NO`.
pub(crate) fn iccma(
    task: Task,
    file: &Path,
    format: AbaFormat,
    query: Option<&str>,
    witness: bool,
    options: Options,
    out: &mut impl Write,
) -> Result<ExitCode, CliError> {
    let fw = read(file, format)?;
    let q = match (task.problem.needs_argument(), query) {
        (true, Some(label)) => Some(find_atom(&fw, label, file)?),
        (true, None) => {
            return Err(CliError::Usage(format!("{task} needs a query atom: -a ATOM")));
        }
        (false, _) => None,
    };
    let mut s = solver(&fw, task.semantics, options)?;
    match (task.problem, q) {
        (Problem::SomeExtension, _) => {
            let e = s.some_extension()?;
            emit(out, |o| match &e {
                Some(e) => write_set(&fw, e, o),
                None => writeln!(o, "NO"),
            })?;
        }
        (Problem::Credulous, Some(q)) => {
            let d = s.credulous(q)?;
            emit(out, |o| {
                writeln!(o, "{}", if d.accepted { "YES" } else { "NO" })?;
                match &d.certificate {
                    Some(w) if witness && d.accepted => write_set(&fw, w, o),
                    _ => Ok(()),
                }
            })?;
        }
        (Problem::Sceptical, Some(q)) => {
            let d = s.sceptical(q)?;
            emit(out, |o| {
                writeln!(o, "{}", if d.accepted { "YES" } else { "NO" })?;
                match &d.certificate {
                    Some(w) if witness && !d.accepted => write_set(&fw, w, o),
                    _ => Ok(()),
                }
            })?;
        }
        (Problem::EnumerateExtensions, _) => {
            let mut result = Ok(());
            s.enumerate(&mut |e| {
                result = emit(out, |o| write_set(&fw, e, o));
                result.is_ok()
            })?;
            result?;
        }
        (Problem::CountExtensions, _) => {
            let n = s.count()?;
            emit(out, |o| writeln!(o, "{n}"))?;
        }
        (Problem::Credulous | Problem::Sceptical, None) => unreachable!("query checked above"),
    }
    Ok(ExitCode::SUCCESS)
}

/// `a b c` by name.
fn names(aba: &Aba, set: &[Atom]) -> String {
    set.iter().map(|&a| aba.display_name(a).to_string()).collect::<Vec<_>>().join(" ")
}

fn json_set(aba: &Aba, set: &[Atom]) -> serde_json::Value {
    set.iter().map(|&a| serde_json::Value::from(aba.display_name(a).to_string())).collect()
}

/// `argsat solve FILE.aba`: one extension, or every one with `all`.
pub(crate) fn solve(
    fw: &Arc<Aba>,
    semantics: Semantics,
    all: bool,
    json: bool,
    options: Options,
    out: &mut impl Write,
) -> Result<ExitCode, CliError> {
    let mut s = solver(fw, semantics, options)?;
    let sem = semantics.name();
    if !all {
        let e = s.some_extension()?;
        match (json, e) {
            (true, e) => {
                let v =
                    serde_json::json!({"semantics": sem, "extension": e.map(|e| json_set(fw, &e))});
                writeln!(out, "{v}")?;
            }
            (false, Some(e)) => {
                let derived = derived_claims(fw, &e);
                writeln!(out, "{sem} extension ({}): {}", e.len(), names(fw, &e))?;
                writeln!(out, "  derives ({}): {}", derived.len(), names(fw, &derived))?;
            }
            (false, None) => writeln!(out, "no {sem} extension")?,
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut all_sets = Vec::new();
    let mut result = Ok(());
    s.enumerate(&mut |e| {
        if json {
            all_sets.push(json_set(fw, e));
        } else {
            let n = all_sets.len() + 1;
            all_sets.push(serde_json::Value::Null);
            result =
                emit(out, |o| writeln!(o, "{sem} extension {n} ({}): {}", e.len(), names(fw, e)));
        }
        result.is_ok()
    })?;
    result?;
    if json {
        writeln!(out, "{}", serde_json::json!({"semantics": sem, "extensions": all_sets}))?;
    } else {
        let n = all_sets.len();
        writeln!(out, "{n} {sem} extension{}", if n == 1 { "" } else { "s" })?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The non-assumption atoms `set` derives.
fn derived_claims(fw: &Aba, set: &[Atom]) -> Vec<Atom> {
    let d = aba::verify::derived(fw, set);
    fw.atoms().filter(|&a| d[a.index()] && !fw.is_assumption(a)).collect()
}

/// `argsat accept FILE.aba ATOM`.
pub(crate) fn accept(
    fw: &Arc<Aba>,
    q: Atom,
    semantics: Semantics,
    options: Options,
    out: &mut impl Write,
) -> Result<ExitCode, CliError> {
    let mut s = solver(fw, semantics, options)?;
    let sem = semantics.name();
    let name = fw.display_name(q);
    let cred = s.credulous(q)?;
    match &cred.certificate {
        Some(w) if cred.accepted => writeln!(
            out,
            "credulous ({sem}): yes, derived from the assumptions {{{}}}",
            names(fw, w)
        )?,
        _ => writeln!(out, "credulous ({sem}): no, no extension derives {name}")?,
    }
    let scep = s.sceptical(q)?;
    match &scep.certificate {
        Some(w) if !scep.accepted => writeln!(
            out,
            "sceptical ({sem}): no, the extension {{{}}} does not derive it",
            names(fw, w)
        )?,
        _ => writeln!(out, "sceptical ({sem}): yes, every extension derives {name}")?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `argsat info FILE.aba`.
pub(crate) fn info(fw: &Aba, out: &mut impl Write) -> Result<ExitCode, CliError> {
    let facts = fw.rules().filter(|&r| fw.body(r).is_empty()).count();
    let contraries: usize = fw.assumptions().iter().map(|&a| fw.contraries(a).len()).sum();
    let grounded = aba::grounded_extension(fw);
    writeln!(out, "atoms:        {}", fw.len())?;
    writeln!(out, "assumptions:  {}", fw.assumptions().len())?;
    writeln!(out, "contraries:   {contraries}")?;
    writeln!(out, "rules:        {} ({facts} facts)", fw.num_rules())?;
    writeln!(out, "grounded:     {} assumptions", grounded.len())?;
    Ok(ExitCode::SUCCESS)
}

/// `argsat check FILE.aba`: is there a stable extension (exit 0, else 1); is every
/// preferred extension stable, and how many stable ones there are, within `budget`.
pub(crate) fn check(
    fw: &Arc<Aba>,
    options: Options,
    budget: Option<Duration>,
    out: &mut impl Write,
) -> Result<ExitCode, CliError> {
    let started = Instant::now();
    let stable = solver(fw, Semantics::Stable, options.clone())?.some_extension()?;
    match &stable {
        Some(e) => writeln!(out, "stable extension: yes ({})", names(fw, e))?,
        None => writeln!(out, "stable extension: no")?,
    }
    let budget = budget.unwrap_or_else(|| (started.elapsed() * 2).max(Duration::from_millis(100)));
    let deadline = Instant::now().checked_add(budget);
    let deadline = match (deadline, options.deadline) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let bounded = Options { deadline, ..options };
    let mut preferred = solver(fw, Semantics::Preferred, bounded.clone())?;
    let mut witness = None;
    let coherent = preferred.enumerate(&mut |p| {
        if aba::verify::stable(fw, p).is_err() {
            witness = Some(p.to_vec());
            return false;
        }
        true
    });
    match (coherent, witness) {
        (Ok(()), None) => writeln!(out, "coherent: yes (every preferred extension is stable)")?,
        (_, Some(w)) => writeln!(
            out,
            "coherent: no (the preferred extension {{{}}} is not stable)",
            names(fw, &w)
        )?,
        (Err(_), None) => writeln!(out, "coherent: unknown (budget spent)")?,
    }
    match solver(fw, Semantics::Stable, bounded)?.count() {
        Ok(n) => writeln!(out, "stable extensions: {n}")?,
        Err(_) => writeln!(out, "stable extensions: unknown (budget spent)")?,
    }
    Ok(if stable.is_some() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `argsat convert` between ABA formats.
pub(crate) fn convert(
    input: &Path,
    from: AbaFormat,
    output: &Path,
    to: Option<AnyFormat>,
) -> Result<ExitCode, CliError> {
    let to = match to {
        Some(AnyFormat::Aba(f)) => f,
        Some(AnyFormat::Af(f)) => {
            return Err(CliError::Usage(format!("an ABA framework cannot be written as {f}")));
        }
        None => AbaFormat::from_path(output).ok_or_else(|| {
            CliError::Usage(format!(
                "cannot tell the output format of {}: use --to aba|abafacts",
                output.display()
            ))
        })?,
    };
    let fw = read(input, from)?;
    let write = |w: &mut dyn Write| -> Result<(), CliError> {
        let mut w = BufWriter::new(w);
        aba::write(&fw, to, &mut w).map_err(|e| match e.kind() {
            io::ErrorKind::InvalidData => CliError::Usage(e.to_string()),
            _ => CliError::Io(e),
        })?;
        w.flush()?;
        Ok(())
    };
    if output == Path::new("-") {
        write(&mut io::stdout().lock())?;
    } else {
        let mut file = std::fs::File::create(output)
            .map_err(|e| CliError::Usage(format!("cannot create {}: {e}", output.display())))?;
        write(&mut file)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// One derivation as lines: `p <- q, r` per rule, assumptions named as such.
fn derivation_lines(fw: &Aba, steps: &[aba::explain::Step], indent: &str) -> String {
    let mut s = String::new();
    for step in steps {
        let name = fw.display_name(step.atom);
        match step.rule {
            None => s.push_str(&format!("{indent}{name} (assumption)\n")),
            Some(r) if fw.body(r).is_empty() => s.push_str(&format!("{indent}{name} (a fact)\n")),
            Some(r) => s.push_str(&format!(
                "{indent}{name} <- {}\n",
                names(fw, fw.body(r)).replace(' ', ", ")
            )),
        }
    }
    s
}

fn steps_json(fw: &Aba, steps: &[aba::explain::Step]) -> serde_json::Value {
    steps
        .iter()
        .map(|s| {
            let from = s.rule.map(|r| json_set(fw, fw.body(r)));
            serde_json::json!({"atom": fw.display_name(s.atom).to_string(), "from": from})
        })
        .collect()
}

/// `argsat explain FILE.aba ATOM`: sentences, or `--json`.
pub(crate) fn explain(
    fw: &Arc<Aba>,
    q: Atom,
    semantics: Semantics,
    json: bool,
    options: Options,
    out: &mut impl Write,
) -> Result<ExitCode, CliError> {
    let e = aba::explain::explain(fw, q, semantics, options).map_err(|e| match e {
        Ok(unsupported) => CliError::Usage(unsupported.to_string()),
        Err(stopped) => CliError::Stopped(stopped),
    })?;
    let name = fw.display_name(q).to_string();
    let sem = semantics.name();
    if json {
        let attack = e.defeat.as_ref().and_then(|(_, a)| a.as_ref()).map(|a| {
            serde_json::json!({
                "target": fw.display_name(a.target).to_string(),
                "contrary": fw.display_name(a.contrary).to_string(),
                "derivation": steps_json(fw, &a.derivation),
            })
        });
        let v = serde_json::json!({
            "atom": name,
            "semantics": sem,
            "credulous": e.credulous,
            "sceptical": e.sceptical,
            "witness": e.witness.as_ref().map(|(w, _)| json_set(fw, w)),
            "derivation": e.witness.as_ref().map(|(_, d)| steps_json(fw, d)),
            "counterexample": e.counterexample.as_ref().map(|c| json_set(fw, c)),
            "defeated_derivation": e.defeat.as_ref().map(|(d, _)| steps_json(fw, d)),
            "attack": attack,
        });
        writeln!(out, "{v}")?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut text = String::new();
    match (&e.witness, e.sceptical) {
        (Some((w, d)), true) => {
            text.push_str(&format!(
                "{name} is accepted sceptically ({sem}): every extension derives it.\n"
            ));
            text.push_str(&format!("From the extension {{{}}} it is derived so:\n", names(fw, w)));
            text.push_str(&derivation_lines(fw, d, "  "));
        }
        (Some((w, d)), false) => {
            text.push_str(&format!("{name} is accepted credulously ({sem}), not sceptically.\n"));
            text.push_str(&format!("The extension {{{}}} derives it so:\n", names(fw, w)));
            text.push_str(&derivation_lines(fw, d, "  "));
        }
        (None, true) => text.push_str(&format!(
            "{name} is accepted sceptically ({sem}) only because there is no extension.\n"
        )),
        (None, false) => {
            text.push_str(&format!("{name} is not accepted ({sem}): no extension derives it.\n"))
        }
    }
    if let Some(c) = &e.counterexample {
        text.push_str(&format!("The extension {{{}}} does not derive it.\n", names(fw, c)));
    }
    match &e.defeat {
        Some((d, _)) if d.is_empty() => text
            .push_str(&format!("No assumptions derive {name} at all: no rule chain reaches it.\n")),
        Some((d, attack)) => {
            text.push_str("Its derivation\n");
            text.push_str(&derivation_lines(fw, d, "  "));
            match attack {
                Some(a) => {
                    text.push_str(&format!(
                        "is defeated: {} derives {}, the contrary of {}:\n",
                        names(
                            fw,
                            &a.derivation
                                .iter()
                                .filter(|s| s.rule.is_none())
                                .map(|s| s.atom)
                                .collect::<Vec<_>>()
                        ),
                        fw.display_name(a.contrary),
                        fw.display_name(a.target)
                    ));
                    text.push_str(&derivation_lines(fw, &a.derivation, "  "));
                }
                None => text.push_str(&format!(
                    "rests on assumptions that can be defended, but lie in no {sem} extension.\n"
                )),
            }
        }
        None => {}
    }
    out.write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
