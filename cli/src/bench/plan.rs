//! The run list: instances x tasks x solvers, queries from `.arg` files, shards.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use argsat::format::Format;
use argsat::task::Task;

/// A solver under test: a name and a shell command the ICCMA arguments are appended to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Solver {
    /// The name used in results and reports.
    pub name: String,
    /// The command line, e.g. `crustabri_iccma23` or `python3 my_solver.py --fast`.
    pub command: String,
}

impl Solver {
    /// Parses `NAME=COMMAND`; a bare `argsat`, or `argsat` as the command's first word
    /// (`NAME=argsat --sat varisat`), is argsat itself (`builtin` is its command).
    ///
    /// # Errors
    /// A message when the name or the command is empty.
    pub fn parse(spec: &str, builtin: &str) -> Result<Solver, String> {
        let (name, command) = match spec.split_once('=') {
            Some((name, command)) => (name.trim(), command.trim()),
            None if spec.trim() == "argsat" => ("argsat", builtin),
            None => return Err(format!("`{spec}`: expected NAME=COMMAND (or `argsat`)")),
        };
        if name.is_empty() || command.is_empty() {
            return Err(format!("`{spec}`: expected NAME=COMMAND with both parts non-empty"));
        }
        // `argsat` as the command's first word is this argsat, with any flags after it.
        let command = match command.strip_prefix("argsat") {
            Some("") => builtin.to_owned(),
            Some(rest) if rest.starts_with(char::is_whitespace) => format!("{builtin}{rest}"),
            _ => command.to_owned(),
        };
        Ok(Solver { name: name.to_owned(), command })
    }
}

/// One planned run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// Index into the solver list.
    pub solver: usize,
    /// The instance file.
    pub instance: PathBuf,
    /// The task.
    pub task: Task,
    /// The query argument of DC/DS tasks.
    pub query: Option<String>,
}

impl Run {
    /// The ICCMA 2023 arguments: `-p TASK -f FILE [-a ARG]`.
    pub fn iccma_args(&self) -> Vec<String> {
        let mut v = vec![
            "-p".to_owned(),
            self.task.to_string(),
            "-f".to_owned(),
            self.instance.display().to_string(),
        ];
        if let Some(q) = &self.query {
            v.push("-a".to_owned());
            v.push(q.clone());
        }
        v
    }
}

/// The `I`-th (1-based) of `K` disjoint slices of a run list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// Which slice, `1..=count`.
    pub index: usize,
    /// How many slices.
    pub count: usize,
}

impl Shard {
    /// Whether item number `i` (a query: instance, task and argument, which every solver
    /// runs) belongs to this slice. Slices interleave, so each gets a share of easy and
    /// hard instances, and a slice holds every solver's run of its queries, so even one
    /// slice compares the solvers.
    pub fn contains(self, i: usize) -> bool {
        i % self.count == self.index - 1
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("`{s}`: expected I/K with 1 <= I <= K, e.g. 3/10");
        let (i, k) = s.split_once('/').ok_or_else(bad)?;
        let (index, count): (usize, usize) =
            (i.trim().parse().map_err(|_| bad())?, k.trim().parse().map_err(|_| bad())?);
        if index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// The instance files under `root` (a file, or a folder searched recursively), by
/// extension (`.af`, `.i23`, `.apx`, `.tgf`; ABA: `.aba`, `.abafacts`, `.lp`), sorted by path.
///
/// # Errors
/// I/O errors reading a folder (naming it).
pub fn instances(root: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    if root.is_file() {
        found.push(root.to_path_buf());
        return Ok(found);
    }
    if !root.is_dir() {
        return Err(io::Error::new(io::ErrorKind::NotFound, "no such file or folder"));
    }
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if Format::from_path(&path).is_some()
                || argsat::aba::AbaFormat::from_path(&path).is_some()
            {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// The query for `instance`: `fixed` if given, else the first word of `INSTANCE.arg`,
/// else its row in a `queries.tsv` of its folder or the folder above (the ABA corpus's
/// table: the file's path relative to that folder, a column, the query last).
pub fn query_for(instance: &Path, fixed: Option<&str>) -> Option<String> {
    if let Some(q) = fixed {
        return Some(q.to_owned());
    }
    let mut arg_file = instance.as_os_str().to_owned();
    arg_file.push(".arg");
    if let Ok(text) = fs::read_to_string(arg_file) {
        return text.split_ascii_whitespace().next().map(str::to_owned);
    }
    instance.ancestors().skip(1).take(2).find_map(|dir| {
        let text = fs::read_to_string(dir.join("queries.tsv")).ok()?;
        let rel = instance.strip_prefix(dir).ok()?.to_str()?.replace('\\', "/");
        text.lines().find_map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            (cols.len() >= 2 && cols[0] == rel).then(|| cols[cols.len() - 1].trim().to_owned())
        })
    })
}

/// The full run list, ordered by instance, then task, then solver (so solvers take turns
/// on one instance while it is in the page cache), and the DC/DS runs left out for want
/// of a query argument.
pub fn plan(
    solvers: usize,
    instances: &[PathBuf],
    tasks: &[Task],
    fixed_query: Option<&str>,
) -> (Vec<Run>, Vec<(PathBuf, Task)>) {
    let mut runs = Vec::new();
    let mut skipped = Vec::new();
    for instance in instances {
        let query = query_for(instance, fixed_query);
        for &task in tasks {
            let needs = task.problem.needs_argument();
            if needs && query.is_none() {
                skipped.push((instance.clone(), task));
                continue;
            }
            for solver in 0..solvers {
                runs.push(Run {
                    solver,
                    instance: instance.clone(),
                    task,
                    query: if needs { query.clone() } else { None },
                });
            }
        }
    }
    (runs, skipped)
}

/// The runs of `runs` (a list from [`plan`] for `solvers` solvers) in `shard`, or all of
/// them. A query's runs by the different solvers are neighbours in that list, so they
/// stay together.
pub fn in_shard(runs: Vec<Run>, solvers: usize, shard: Option<Shard>) -> Vec<Run> {
    runs.into_iter()
        .enumerate()
        .filter(|(i, _)| shard.is_none_or(|s| s.contains(*i / solvers.max(1))))
        .map(|(_, r)| r)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_list() {
        let shards: Vec<Shard> = (1..=3).map(|i| format!("{i}/3").parse().unwrap()).collect();
        for i in 0..20 {
            assert_eq!(shards.iter().filter(|s| s.contains(i)).count(), 1);
        }
        assert!("0/3".parse::<Shard>().is_err() && "4/3".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
    }

    #[test]
    fn solver_specs() {
        let s = Solver::parse("mine=python3 s.py --fast", "/bin/argsat").unwrap();
        assert_eq!((s.name.as_str(), s.command.as_str()), ("mine", "python3 s.py --fast"));
        assert_eq!(Solver::parse("argsat", "/bin/argsat").unwrap().command, "/bin/argsat");
        let w = Solver::parse("w=argsat --witness", "/bin/argsat").unwrap();
        assert_eq!(w.command, "/bin/argsat --witness");
        assert_eq!(Solver::parse("x=argsatx", "/b").unwrap().command, "argsatx");
        assert!(Solver::parse("nothing", "/bin/argsat").is_err());
        assert!(Solver::parse("=cmd", "/bin/argsat").is_err());
    }
}
