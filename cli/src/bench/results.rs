//! Result records: one JSON object per line, appended as runs finish, so a results file
//! is always readable, can be resumed, and shards' files can be merged.

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Exited 0 with an answer that could be read.
    Ok,
    /// Killed at the wall-clock limit.
    Timeout,
    /// Ran out of the memory limit.
    Memout,
    /// Crashed, exited non-zero, or printed no readable answer.
    Error,
}

/// One run of one solver on one task.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The solver's name (`NAME` of `NAME=COMMAND`).
    pub solver: String,
    /// The command the arguments were appended to.
    pub command: String,
    /// The instance file, as the run list named it.
    pub instance: String,
    /// The ICCMA task, e.g. `DC-PR`.
    pub task: String,
    /// The query argument of DC/DS tasks.
    #[serde(default)]
    pub query: Option<String>,
    /// How the run ended.
    pub status: Status,
    /// The exit code, when the solver exited.
    #[serde(default)]
    pub exit_code: Option<i32>,
    /// The signal that ended the solver, when one did.
    #[serde(default)]
    pub signal: Option<i32>,
    /// Wall-clock seconds.
    pub wall_s: f64,
    /// CPU seconds (user + system, the solver and the children it waited for).
    pub cpu_s: f64,
    /// Peak resident memory in KiB.
    pub max_rss_kib: u64,
    /// The wall-clock limit in seconds.
    pub timeout_s: f64,
    /// The answer summary (see [`Checked`](crate::bench::Checked)), when one was read.
    #[serde(default)]
    pub answer: Option<String>,
    /// What checking the certificate showed (`valid`, `absent`, `invalid: ...`).
    #[serde(default)]
    pub certificate: Option<String>,
    /// Why the run is an error (the unreadable output, or the end of stderr).
    #[serde(default)]
    pub error: Option<String>,
}

/// What identifies a run: solver, instance, task and query.
pub type Key = (String, String, String, Option<String>);

impl Record {
    /// The query this record answers: instance, task and query argument (shared by every
    /// solver's run of it).
    pub fn query_key(&self) -> (&str, &str, Option<&str>) {
        (&self.instance, &self.task, self.query.as_deref())
    }

    /// The run this record is a result of.
    pub fn key(&self) -> Key {
        (self.solver.clone(), self.instance.clone(), self.task.clone(), self.query.clone())
    }
}

/// Reads every record of a results file. Lines that are not records (a line cut short
/// by a killed run, say) are skipped and counted.
///
/// # Errors
/// I/O errors reading `path`.
pub fn read(path: &Path) -> io::Result<(Vec<Record>, usize)> {
    let mut records = Vec::new();
    let mut bad = 0;
    for line in BufReader::new(File::open(path)?).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Record>(&line) {
            Ok(r) => records.push(r),
            Err(_) => bad += 1,
        }
    }
    Ok((records, bad))
}

/// Appends records to a results file, one line each, flushed as written.
#[derive(Debug)]
pub struct Writer {
    file: File,
}

impl Writer {
    /// Opens `path` for appending and returns the keys of the runs it already holds. A
    /// last line cut short (no newline) is removed first, so the next record starts on a
    /// line of its own.
    ///
    /// # Errors
    /// I/O errors opening, reading or truncating `path`.
    pub fn resume(path: &Path) -> io::Result<(Writer, HashSet<Key>)> {
        let mut done = HashSet::new();
        if path.exists() {
            let bytes = fs::read(path)?;
            let keep = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
            if keep < bytes.len() {
                OpenOptions::new().write(true).open(path)?.set_len(keep as u64)?;
            }
            done = read(path)?.0.iter().map(Record::key).collect();
        }
        let file = OpenOptions::new().create(true).append(true).open(path)?;
        Ok((Writer { file }, done))
    }

    /// Appends one record.
    ///
    /// # Errors
    /// I/O errors writing.
    pub fn write(&mut self, record: &Record) -> io::Result<()> {
        let mut line = serde_json::to_vec(record).map_err(io::Error::other)?;
        line.push(b'\n');
        self.file.write_all(&line)?;
        self.file.flush()
    }
}
