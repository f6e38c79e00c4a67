//! The friendly subcommands: `solve`, `accept`, `check`, `info`, `convert`.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use super::interrupt::emit;
use super::{CliError, read};
use argsat::format::{self, Format};
use argsat::semantics::incoherence_witness;
use argsat::{
    Arg, Framework, Label, Labelling, Options, Semantics, grounded_labelling, solver_with,
};

/// `a b c` by name.
fn names(af: &Framework, set: &[Arg]) -> String {
    set.iter().map(|&a| af.display_name(a).to_string()).collect::<Vec<_>>().join(" ")
}

/// A JSON string literal.
fn json_str(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

/// `["a","b"]`.
fn json_set(af: &Framework, set: &[Arg]) -> String {
    let names: Vec<serde_json::Value> =
        set.iter().map(|&a| af.display_name(a).to_string().into()).collect();
    serde_json::Value::from(names).to_string()
}

pub(super) fn solve(
    af: &Arc<Framework>,
    semantics: Semantics,
    all: bool,
    json: bool,
    options: Options,
    out: &mut impl Write,
) -> Result<ExitCode, CliError> {
    if semantics == Semantics::Grounded && !all {
        let l = grounded_labelling(af);
        let groups = [("in", Label::In), ("out", Label::Out), ("undec", Label::Undec)];
        if json {
            let fields: Vec<String> = groups
                .iter()
                .map(|(k, lab)| format!("\"{k}\":{}", json_set(af, &l.with_label(*lab))))
                .collect();
            writeln!(out, "{{\"semantics\":\"grounded\",{}}}", fields.join(","))?;
        } else {
            for (k, lab) in groups {
                let set = l.with_label(lab);
                writeln!(out, "{:<5} ({}): {}", k.to_uppercase(), set.len(), names(af, &set))?;
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut s = solver_with(Arc::clone(af), semantics, options);
    if !all {
        let ext = s.some_extension()?;
        match (json, ext) {
            (true, e) => writeln!(
                out,
                "{{\"semantics\":{},\"extension\":{}}}",
                json_str(semantics.name()),
                e.map_or("null".to_owned(), |e| json_set(af, &e))
            )?,
            (false, Some(e)) => {
                writeln!(out, "{} extension ({}): {}", semantics.name(), e.len(), names(af, &e))?
            }
            (false, None) => writeln!(out, "no {} extension", semantics.name())?,
        }
        return Ok(ExitCode::SUCCESS);
    }
    // Stream every extension as it is found.
    let mut count = 0u64;
    let mut result: io::Result<()> = if json {
        write!(out, "{{\"semantics\":{},\"extensions\":[", json_str(semantics.name()))
    } else {
        Ok(())
    };
    s.enumerate(&mut |e| {
        count += 1;
        if result.is_ok() {
            result = if json {
                let sep = if count > 1 { "," } else { "" };
                write!(out, "{sep}{}", json_set(af, e))
            } else {
                emit(out, |o| {
                    writeln!(
                        o,
                        "{} extension {count} ({}): {}",
                        semantics.name(),
                        e.len(),
                        names(af, e)
                    )
                })
            };
        }
        result.is_ok()
    })?;
    result?;
    if json {
        writeln!(out, "]}}")?;
    } else {
        writeln!(
            out,
            "{count} {} extension{}",
            semantics.name(),
            if count == 1 { "" } else { "s" }
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn accept(
    af: &Arc<Framework>,
    a: Arg,
    semantics: Semantics,
    options: Options,
    out: &mut impl Write,
) -> Result<ExitCode, CliError> {
    let mut s = solver_with(Arc::clone(af), semantics, options);
    let name = af.display_name(a);
    let cred = s.credulous(a)?;
    match &cred.certificate {
        Some(w) if cred.accepted => writeln!(
            out,
            "credulous ({}): yes, in the extension {{{}}}",
            semantics.name(),
            names(af, w)
        )?,
        _ => writeln!(out, "credulous ({}): no, {name} is in no extension", semantics.name())?,
    }
    let scep = s.sceptical(a)?;
    match &scep.certificate {
        Some(w) if !scep.accepted => writeln!(
            out,
            "sceptical ({}): no, not in the extension {{{}}}",
            semantics.name(),
            names(af, w)
        )?,
        _ => writeln!(out, "sceptical ({}): yes, {name} is in every extension", semantics.name())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// What the budgeted part of `check` found.
enum Finding {
    /// A preferred extension that is not stable, or `None`: coherent.
    Coherence(Option<Vec<Arg>>),
    /// The number of stable extensions.
    StableCount(u64),
}

pub(super) fn check(
    path: &Path,
    format: Option<Format>,
    options: Options,
    budget: Option<Duration>,
    proof: Option<&Path>,
    out: &mut impl Write,
) -> Result<ExitCode, CliError> {
    let start = Instant::now();
    let af = match super::read_reporting(path, format) {
        Ok((af, f)) => {
            writeln!(
                out,
                "well-formed: yes ({f}, {} arguments, {} attacks)",
                af.len(),
                af.num_attacks()
            )?;
            Arc::new(af)
        }
        Err(e) => {
            writeln!(out, "well-formed: no: {e}")?;
            emit(out, |_| Ok(()))?;
            return Err(e);
        }
    };
    writeln!(out, "grounded: {}", grounded_counts(&grounded_labelling(&af)))?;
    let selfatt: Vec<Arg> = af.args().filter(|&a| af.is_self_attacking(a)).collect();
    let unattacked: Vec<Arg> = af.args().filter(|&a| af.attackers(a).is_empty()).collect();
    writeln!(out, "self-attacking ({}): {}", selfatt.len(), names(&af, &selfatt))?;
    writeln!(out, "unattacked ({}): {}", unattacked.len(), names(&af, &unattacked))?;
    emit(out, |_| Ok(()))?;
    // The exit code depends on this line alone.
    let stable =
        solver_with(Arc::clone(&af), Semantics::Stable, options.clone()).some_extension()?;
    match &stable {
        Some(e) => writeln!(out, "stable extension: exists ({} arguments)", e.len())?,
        None => writeln!(out, "stable extension: none")?,
    }
    if stable.is_some() && proof.is_some() {
        writeln!(out, "proof: none needed (the stable extension shows it)")?;
    }
    emit(out, |_| Ok(()))?;
    let code = if stable.is_some() { ExitCode::SUCCESS } else { ExitCode::from(1) };
    if stable.is_none() {
        if let Some(path) = proof {
            let task = argsat::Task {
                problem: argsat::Problem::SomeExtension,
                semantics: Semantics::Stable,
            };
            super::proof::write(&af, task, None, false, &[], path)?;
            writeln!(
                out,
                "proof: {} (check it: argsat verify-proof FILE PROOF -p SE-ST)",
                path.display()
            )?;
        }
        writeln!(out, "coherent: no (no stable extension, and a preferred one always exists)")?;
        writeln!(out, "stable extensions: 0")?;
        return Ok(code);
    }
    // Coherence and the count can take exponentially long: two threads work on them
    // while this one waits at most `budget` (by default twice the time so far, so that
    // the exit code comes within a small factor of the stable extension's time); what is
    // not known by then is said to be unknown (the threads end with the process).
    let budget = budget.unwrap_or_else(|| (2 * start.elapsed()).max(Duration::from_millis(100)));
    let (tx, rx) = mpsc::channel();
    let counted = Arc::new(AtomicU64::new(0));
    {
        let (af, tx, options) = (Arc::clone(&af), tx.clone(), options.clone());
        thread::spawn(move || {
            // Stopped (by `--timeout`): unknown.
            if let Ok(found) = incoherence_witness(af, options) {
                let _ = tx.send(Finding::Coherence(found));
            }
        });
    }
    {
        let (af, counted) = (Arc::clone(&af), Arc::clone(&counted));
        thread::spawn(move || {
            let all = solver_with(af, Semantics::Stable, options).enumerate(&mut |_| {
                counted.fetch_add(1, Ordering::Relaxed);
                true
            });
            if all.is_ok() {
                let _ = tx.send(Finding::StableCount(counted.load(Ordering::Relaxed)));
            }
        });
    }
    let deadline = Instant::now().checked_add(budget);
    let (mut coherence_known, mut count_known) = (false, false);
    while !(coherence_known && count_known) {
        let found = match deadline {
            Some(d) => rx.recv_timeout(d.saturating_duration_since(Instant::now())).ok(),
            None => rx.recv().ok(),
        };
        match found {
            Some(Finding::Coherence(None)) => {
                coherence_known = true;
                writeln!(out, "coherent: yes (every preferred extension is stable)")?
            }
            Some(Finding::Coherence(Some(e))) => {
                coherence_known = true;
                let e = names(&af, &e);
                writeln!(out, "coherent: no (preferred but not stable: {{{e}}})")?
            }
            Some(Finding::StableCount(n)) => {
                count_known = true;
                writeln!(out, "stable extensions: {n}")?
            }
            None => break,
        }
        emit(out, |_| Ok(()))?;
    }
    let unknown = format!("unknown within {:.2} s (--budget raises it)", budget.as_secs_f64());
    if !coherence_known {
        writeln!(out, "coherent: {unknown}")?;
    }
    if !count_known {
        let so_far = counted.load(Ordering::Relaxed);
        writeln!(out, "stable extensions: at least {so_far}, {unknown}")?;
    }
    Ok(code)
}

/// `3 in, 1 out, 2 undecided`.
fn grounded_counts(l: &Labelling) -> String {
    let [i, o, u] = [Label::In, Label::Out, Label::Undec].map(|x| l.count(x));
    format!("{i} in, {o} out, {u} undecided")
}

pub(super) fn info(af: &Framework, out: &mut impl Write) -> Result<ExitCode, CliError> {
    let l = grounded_labelling(af);
    let selfatt = af.args().filter(|&a| af.is_self_attacking(a)).count();
    let unattacked = af.args().filter(|&a| af.attackers(a).is_empty()).count();
    let isolated =
        af.args().filter(|&a| af.attackers(a).is_empty() && af.attacked_by(a).is_empty()).count();
    writeln!(out, "arguments:    {}", af.len())?;
    writeln!(out, "attacks:      {}", af.num_attacks())?;
    writeln!(out, "self-attacks: {selfatt}")?;
    writeln!(out, "unattacked:   {unattacked}")?;
    writeln!(out, "isolated:     {isolated}")?;
    writeln!(out, "grounded:     {}", grounded_counts(&l))?;
    Ok(ExitCode::SUCCESS)
}

/// A framework the output format cannot express is bad input (exit 2), not an I/O error.
fn unwritable(e: io::Error) -> CliError {
    match e.kind() {
        io::ErrorKind::InvalidData => CliError::Usage(e.to_string()),
        _ => CliError::Io(e),
    }
}

pub(super) fn convert(
    input: &Path,
    output: &Path,
    from: Option<Format>,
    to: Option<Format>,
) -> Result<ExitCode, CliError> {
    let to = to.or_else(|| Format::from_path(output)).ok_or_else(|| {
        CliError::Usage(format!(
            "cannot tell the output format of {}: use --to i23|apx|tgf",
            output.display()
        ))
    })?;
    let af = read(input, from)?;
    if output == Path::new("-") {
        let stdout = io::stdout();
        let mut w = BufWriter::new(stdout.lock());
        format::write(&af, to, &mut w).map_err(unwritable)?;
        w.flush()?;
    } else {
        let file = File::create(output)
            .map_err(|e| CliError::Usage(format!("cannot create {}: {e}", output.display())))?;
        let mut w = BufWriter::new(file);
        format::write(&af, to, &mut w).map_err(unwritable)?;
        w.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}
