//! Talking to Slurm: `sbatch` to submit, `squeue` for what is still queued or running,
//! `scontrol` (or `sacct` where the cluster keeps accounting) for how an array task
//! ended, `sinfo` for a partition's time limit. Each a plain command; nothing else of
//! Slurm's is assumed.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// Whether `program` is an executable file on `PATH`.
pub(crate) fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| {
            let p = dir.join(program);
            p.is_file()
                && std::fs::metadata(&p).is_ok_and(|m| {
                    use std::os::unix::fs::PermissionsExt;
                    m.permissions().mode() & 0o111 != 0
                })
        })
    })
}

fn output(cmd: &mut Command) -> Result<String, String> {
    let shown = format!("{cmd:?}");
    let o = cmd.output().map_err(|e| format!("{shown}: {e}"))?;
    if !o.status.success() {
        return Err(format!(
            "{shown} failed ({}): {}",
            o.status,
            String::from_utf8_lossy(&o.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&o.stdout).into_owned())
}

/// Submits `script` as a job array of the tasks `array` (e.g. `1,3-4`); the job id.
pub(crate) fn submit(script: &Path, array: &str) -> Result<u64, String> {
    let out = output(
        Command::new("sbatch").arg("--parsable").arg(format!("--array={array}")).arg(script),
    )?;
    // --parsable prints `jobid` or `jobid;cluster`.
    out.trim()
        .split(';')
        .next()
        .and_then(|id| id.parse().ok())
        .ok_or_else(|| format!("sbatch printed no job id: {out:?}"))
}

/// The array tasks of `jobs` still pending or running: (job, task index).
pub(crate) fn active(jobs: &[u64]) -> Result<Vec<(u64, usize)>, String> {
    if jobs.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = jobs.iter().map(u64::to_string).collect();
    // -r: one line per array task, `JOB_TASK` (or `JOB_[2-4]` for tasks not yet split
    // off the pending array record, which -r also expands).
    let out = match output(
        Command::new("squeue").args(["-h", "-r", "-o", "%i", "-j"]).arg(list.join(",")),
    ) {
        Ok(out) => out,
        // squeue refuses job ids it no longer knows of: none of them is active.
        Err(e) if e.contains("Invalid job id") => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    Ok(out
        .lines()
        .filter_map(|l| parse_task(l.trim()))
        .flat_map(|(j, t)| t.into_iter().map(move |i| (j, i)))
        .collect())
}

/// `123_4` -> (123, [4]); `123_[1-3,5]` -> (123, [1, 2, 3, 5]).
fn parse_task(s: &str) -> Option<(u64, Vec<usize>)> {
    let (job, task) = s.split_once('_')?;
    let job = job.parse().ok()?;
    let task = task.trim_start_matches('[').trim_end_matches(']');
    let task = task.split('%').next()?;
    let mut tasks = Vec::new();
    for part in task.split(',') {
        match part.split_once('-') {
            Some((a, b)) => tasks.extend(a.parse::<usize>().ok()?..=b.parse::<usize>().ok()?),
            None => tasks.push(part.parse().ok()?),
        }
    }
    Some((job, tasks))
}

/// How each array task of `job` ended (`COMPLETED`, `FAILED`, `CANCELLED`, `TIMEOUT`,
/// `OUT_OF_MEMORY`, `NODE_FAIL`, ...), by task index: from `scontrol` while the
/// controller still knows the job, else from `sacct`; empty when neither can tell.
pub(crate) fn states(job: u64) -> Vec<(usize, String)> {
    if let Ok(out) =
        output(Command::new("scontrol").args(["-o", "show", "job"]).arg(job.to_string()))
    {
        let found: Vec<(usize, String)> = out
            .lines()
            .filter_map(|line| {
                let field = |name: &str| {
                    line.split_whitespace().find_map(|w| w.strip_prefix(name)).map(str::to_owned)
                };
                Some((field("ArrayTaskId=")?.parse().ok()?, field("JobState=")?))
            })
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    let Ok(out) = output(
        Command::new("sacct")
            .args(["-n", "-X", "-P", "-o", "JobID,State", "-j"])
            .arg(job.to_string()),
    ) else {
        return Vec::new();
    };
    out.lines()
        .filter_map(|line| {
            let (id, state) = line.split_once('|')?;
            let (_, task) = parse_task(id)?;
            // `CANCELLED by 0` -> CANCELLED
            let state = state.split_whitespace().next()?.to_owned();
            (task.len() == 1).then(|| (task[0], state))
        })
        .collect()
}

/// The time limit of `partition` (or of the default partition): `None` when unlimited
/// or when `sinfo` cannot tell.
pub(crate) fn time_limit(partition: Option<&str>) -> Option<Duration> {
    let out = output(Command::new("sinfo").args(["-h", "-o", "%P %l"])).ok()?;
    out.lines().find_map(|line| {
        let (name, limit) = line.split_once(' ')?;
        let default = name.ends_with('*');
        let name = name.trim_end_matches('*');
        let chosen = partition.map_or(default, |p| p == name);
        chosen.then(|| parse_duration(limit.trim())).flatten()
    })
}

/// Slurm's time formats: `infinite`, `M`, `M:S`, `H:M:S`, `D-H`, `D-H:M`, `D-H:M:S`.
pub(crate) fn parse_duration(s: &str) -> Option<Duration> {
    if s == "infinite" || s == "UNLIMITED" {
        return None;
    }
    let (days, rest) = match s.split_once('-') {
        Some((d, r)) => (d.parse::<u64>().ok()?, r),
        None => (0, s),
    };
    let parts: Vec<u64> = rest.split(':').map(str::parse).collect::<Result<_, _>>().ok()?;
    let secs = match (days > 0 || s.contains('-'), parts.as_slice()) {
        (false, [m]) => m * 60,
        (false, [m, sec]) => m * 60 + sec,
        (_, [h, m, sec]) => h * 3600 + m * 60 + sec,
        (true, [h]) => h * 3600,
        (true, [h, m]) => h * 3600 + m * 60,
        _ => return None,
    };
    Some(Duration::from_secs(days * 86_400 + secs))
}

/// `D-HH:MM:SS` for `sbatch --time`.
pub(crate) fn format_duration(d: Duration) -> String {
    let s = d.as_secs();
    format!("{}-{:02}:{:02}:{:02}", s / 86_400, s / 3600 % 24, s / 60 % 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slurm_times_read_and_written() {
        let d = |s: &str| parse_duration(s).map(|d| d.as_secs());
        assert_eq!(d("infinite"), None);
        assert_eq!(d("30"), Some(1800));
        assert_eq!(d("0:10"), Some(10));
        assert_eq!(d("2:00:00"), Some(7200));
        assert_eq!(d("1-00:00:00"), Some(86_400));
        assert_eq!(d("1-2"), Some(93_600));
        assert_eq!(d("x"), None);
        assert_eq!(format_duration(Duration::from_secs(93_784)), "1-02:03:04");
        assert_eq!(
            parse_duration(&format_duration(Duration::from_secs(4000))),
            Some(Duration::from_secs(4000))
        );
    }

    #[test]
    fn array_tasks_read() {
        assert_eq!(parse_task("12_3"), Some((12, vec![3])));
        assert_eq!(parse_task("12_[1-3,5%2]"), Some((12, vec![1, 2, 3, 5])));
        assert_eq!(parse_task("12_[1-2,5]"), Some((12, vec![1, 2, 5])));
        assert_eq!(parse_task("12"), None);
    }
}
