//! The campaign's job script: plain `sbatch` syntax, readable, with the exact argsat
//! command and version. Array task I runs `argsat bench ... --shard I/K` into its own
//! shard file.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use super::cluster::format_duration;
use crate::bench::run::{BenchError, BenchOptions, shell_quote, usage};

/// Memory for the array task beyond its runs' limits: the bench process and launchers.
const HEADROOM_MIB: u64 = 512;

/// A shard's worst case: `queries` queries (each run by every solver), `jobs` runs at a
/// time, each to the limit, with a little for starting runs and a margin.
pub(crate) fn worst_case(queries: usize, o: &BenchOptions) -> Duration {
    let runs = queries * o.solvers.len().max(1);
    let rounds = runs.div_ceil(o.jobs.max(1)) as f64;
    Duration::from_secs_f64(rounds * (o.timeout * 1.05 + 1.0) + 120.0)
}

/// The job script for the campaign `o` in `k` shards, shard files and logs in `dir`;
/// `--time` is `time` when given (else `options` set it).
pub(crate) fn script(
    o: &BenchOptions,
    dir: &Path,
    path: &Path,
    k: usize,
    options: &[String],
    time: Option<Duration>,
) -> Result<String, BenchError> {
    let exe = std::env::current_exe().map_err(usage)?;
    let q = |s: &str| shell_quote(s);
    let mut s = String::new();
    let w = &mut s;
    let _ = writeln!(w, "#!/bin/bash");
    let _ = writeln!(
        w,
        "# argsat {} bench campaign on Slurm: a job array, task I of {k} runs shard I/{k}.",
        env!("CARGO_PKG_VERSION")
    );
    let asked: Vec<String> =
        std::env::args().map(|a| if a.contains(char::is_whitespace) { q(&a) } else { a }).collect();
    let _ = writeln!(w, "# The campaign's command (the same again merges and resumes):");
    let _ = writeln!(w, "#   {}", asked.join(" ").replace('\n', " "));
    let _ = writeln!(w, "# Written by `argsat bench --slurm {k}`; submit with");
    let _ = writeln!(w, "#   sbatch --array=1-{k} {}", path.display());
    let _ = writeln!(w, "# (argsat does, and resubmits only shards with runs missing).");
    let _ = writeln!(w, "#SBATCH --job-name=argsat-bench");
    let _ = writeln!(w, "#SBATCH --cpus-per-task={}", o.jobs);
    if let Some(mib) = o.memory {
        let _ = writeln!(w, "#SBATCH --mem={}M", mib * o.jobs as u64 + HEADROOM_MIB);
    }
    if let Some(t) = time {
        let _ = writeln!(w, "#SBATCH --time={}", format_duration(t));
    }
    let _ = writeln!(w, "#SBATCH --output={}/slurm-%A_%a.out", dir.display());
    for opt in options {
        if opt.contains('\n') {
            return Err(usage(format!("--slurm-option `{opt}` spans lines")));
        }
        let _ = writeln!(w, "#SBATCH {opt}");
    }
    let _ = writeln!(w, "set -u");
    let mut cmd = vec![q(&exe.display().to_string()), "bench".into()];
    cmd.extend(o.instances.iter().map(|p| q(&p.display().to_string())));
    for spec in &o.solvers {
        cmd.push(q(&format!("--solver={spec}")));
    }
    cmd.push(format!("--tasks={}", q(&o.tasks)));
    if let Some(a) = &o.arg {
        cmd.push(format!("--arg={}", q(a)));
    }
    cmd.push(format!("--timeout={}", o.timeout));
    if let Some(m) = o.memory {
        cmd.push(format!("--memory={m}"));
    }
    cmd.push(format!("--jobs={}", o.jobs));
    cmd.push(format!("--shard=\"$SLURM_ARRAY_TASK_ID/{k}\""));
    cmd.push(format!(
        "--output={}\"/shard-${{SLURM_ARRAY_TASK_ID}}-of-{k}.jsonl\"",
        q(&dir.display().to_string())
    ));
    let _ = writeln!(w, "status=0");
    let _ = writeln!(w, "{} || status=$?", cmd.join(" \\\n    "));
    let _ = writeln!(
        w,
        "# 1: every run done, some answer wrong (the merged report shows it); more: failed."
    );
    let _ = writeln!(w, "if [ \"$status\" -gt 1 ]; then exit \"$status\"; fi");
    Ok(s)
}
