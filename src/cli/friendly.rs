//! The friendly subcommands: `solve`, `accept`, `check`, `info`, `convert`.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use super::{CliError, read};
use argsat::format::{self, Format};
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
    af: &Framework,
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
    let mut s = solver_with(af, semantics, options);
    if !all {
        let ext = s.some_extension();
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
                writeln!(
                    out,
                    "{} extension {count} ({}): {}",
                    semantics.name(),
                    e.len(),
                    names(af, e)
                )
                .and_then(|()| out.flush())
            };
        }
        result.is_ok()
    });
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
    af: &Framework,
    a: Arg,
    semantics: Semantics,
    options: Options,
    out: &mut impl Write,
) -> Result<ExitCode, CliError> {
    let mut s = solver_with(af, semantics, options);
    let name = af.display_name(a);
    let cred = s.credulous(a);
    match &cred.certificate {
        Some(w) if cred.accepted => writeln!(
            out,
            "credulous ({}): yes, in the extension {{{}}}",
            semantics.name(),
            names(af, w)
        )?,
        _ => writeln!(out, "credulous ({}): no, {name} is in no extension", semantics.name())?,
    }
    let scep = s.sceptical(a);
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

pub(super) fn check(
    path: &Path,
    format: Option<Format>,
    options: Options,
    out: &mut impl Write,
) -> Result<ExitCode, CliError> {
    let af = match format::read_file(path, format) {
        Ok((af, f)) => {
            writeln!(
                out,
                "well-formed: yes ({f}, {} arguments, {} attacks)",
                af.len(),
                af.num_attacks()
            )?;
            af
        }
        Err(e) => {
            writeln!(out, "well-formed: no: {e}")?;
            return Err(e.into());
        }
    };
    let l = grounded_labelling(&af);
    let stable = solver_with(&af, Semantics::Stable, options).some_extension();
    match &stable {
        Some(e) => writeln!(out, "stable extension: exists ({} arguments)", e.len())?,
        None => writeln!(out, "stable extension: none")?,
    }
    // Coherent: every preferred extension is stable. A preferred extension that is not
    // stable is one whose range is not everything.
    let mut incoherent = None;
    solver_with(&af, Semantics::Preferred, options).enumerate(&mut |e| {
        let mut range = vec![false; af.len()];
        for &a in e {
            range[a.index()] = true;
            for &b in af.attacked_by(a) {
                range[b.index()] = true;
            }
        }
        if range.iter().all(|&r| r) {
            true
        } else {
            incoherent = Some(e.to_vec());
            false
        }
    });
    match incoherent {
        None => writeln!(out, "coherent: yes (every preferred extension is stable)")?,
        Some(e) => {
            writeln!(out, "coherent: no (preferred but not stable: {{{}}})", names(&af, &e))?
        }
    }
    let selfatt: Vec<Arg> = af.args().filter(|&a| af.is_self_attacking(a)).collect();
    let unattacked: Vec<Arg> = af.args().filter(|&a| af.attackers(a).is_empty()).collect();
    writeln!(out, "self-attacking ({}): {}", selfatt.len(), names(&af, &selfatt))?;
    writeln!(out, "unattacked ({}): {}", unattacked.len(), names(&af, &unattacked))?;
    writeln!(out, "grounded: {}", grounded_counts(&l))?;
    Ok(if stable.is_some() { ExitCode::SUCCESS } else { ExitCode::from(1) })
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
        format::write(&af, to, &mut w)?;
        w.flush()?;
    } else {
        let file = File::create(output)
            .map_err(|e| CliError::Usage(format!("cannot create {}: {e}", output.display())))?;
        let mut w = BufWriter::new(file);
        format::write(&af, to, &mut w)?;
        w.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}
