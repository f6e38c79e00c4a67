//! Summaries of results: solved counts and PAR-2 per solver and task, head-to-head time
//! ratios, and every disagreement with the command that reproduces it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{self, Write};
use std::path::Path;

use itertools::Itertools;

use super::certify::settle;
use super::judge::{Disagreement, Outcome, judge, judge_settled};
use super::results::{self, Key, Record};

/// Judged results, ready to print or plot.
#[derive(Clone, Debug)]
pub struct Report {
    /// The records, one per run (a run recorded twice keeps its last record).
    pub records: Vec<Record>,
    /// The verdict on each record.
    pub outcomes: Vec<Outcome>,
    /// Queries with a wrong or disputed answer.
    pub disagreements: Vec<Disagreement>,
    /// Records that repeated a run already recorded (and were replaced).
    pub repeated: usize,
    /// Lines of the files that were not records.
    pub unreadable: usize,
    /// With `--certify`: whether each record's answer is verified (a checked certificate,
    /// or argsat's checked proof or witness).
    pub verified: Option<Vec<bool>>,
    /// Which time scores a run: wall-clock (the default) or CPU time (as ICCMA scores).
    pub score: Score,
}

/// Which time scores a run (PAR-2, head-to-head ratios, cactus plots).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Score {
    /// Wall-clock seconds.
    #[default]
    Wall,
    /// CPU seconds (user + system), as ICCMA scores.
    Cpu,
}

impl Score {
    /// The seconds `r` scores.
    pub fn of(self, r: &Record) -> f64 {
        match self {
            Score::Wall => r.wall_s,
            Score::Cpu => r.cpu_s,
        }
    }
}

impl std::str::FromStr for Score {
    type Err = String;

    fn from_str(s: &str) -> Result<Score, String> {
        match s {
            "wall" => Ok(Score::Wall),
            "cpu" => Ok(Score::Cpu),
            _ => Err(format!("`{s}`: expected cpu or wall")),
        }
    }
}

/// Per solver and task: counts and PAR-2.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tally {
    /// Runs.
    pub runs: usize,
    /// Right answers.
    pub solved: usize,
    /// Killed at the time limit.
    pub timeouts: usize,
    /// Out of memory.
    pub memouts: usize,
    /// Crashes, failures, unreadable output.
    pub errors: usize,
    /// Wrong answers.
    pub wrong: usize,
    /// Disputed answers.
    pub disputed: usize,
    /// Sum over runs of the scored time if solved, else twice the time limit.
    pub par2: f64,
}

impl Tally {
    fn add(&mut self, r: &Record, o: &Outcome, score: Score) {
        self.runs += 1;
        match o {
            Outcome::Solved => self.solved += 1,
            Outcome::Timeout => self.timeouts += 1,
            Outcome::Memout => self.memouts += 1,
            Outcome::Error => self.errors += 1,
            Outcome::Wrong(_) => self.wrong += 1,
            Outcome::Disputed => self.disputed += 1,
        }
        self.par2 += if o.is_solved() { score.of(r) } else { 2.0 * r.timeout_s };
    }
}

/// Head-to-head figures of two solvers on one task.
#[derive(Clone, Debug, PartialEq)]
pub struct HeadToHead {
    /// Runs both solved.
    pub both: usize,
    /// Runs only the first solved.
    pub only_first: usize,
    /// Runs only the second solved.
    pub only_second: usize,
    /// Median of first/second wall time over runs both solved.
    pub median_ratio: Option<f64>,
    /// The largest first/second ratio, and its instance.
    pub worst: Option<(f64, String)>,
}

/// Shortest time that counts in a ratio: a process start is not measured more finely.
const MIN_SECS: f64 = 0.001;

impl Report {
    /// Reads and merges results files, then judges them.
    ///
    /// # Errors
    /// I/O errors reading a file.
    pub fn load(paths: &[impl AsRef<Path>]) -> io::Result<Report> {
        let mut all = Vec::new();
        let mut unreadable = 0;
        for p in paths {
            let (records, bad) = results::read(p.as_ref())?;
            all.extend(records);
            unreadable += bad;
        }
        let mut report = Report::new(all);
        report.unreadable = unreadable;
        Ok(report)
    }

    /// Judges `records` (a run recorded twice keeps its last record).
    pub fn new(records: Vec<Record>) -> Report {
        let total = records.len();
        let mut last: HashMap<Key, usize> = HashMap::new();
        for (i, r) in records.iter().enumerate() {
            last.insert(r.key(), i);
        }
        let records: Vec<Record> = records
            .into_iter()
            .enumerate()
            .filter(|(i, r)| last[&r.key()] == *i)
            .map(|(_, r)| r)
            .collect();
        let (outcomes, disagreements) = judge(&records);
        Report {
            repeated: total - records.len(),
            records,
            outcomes,
            disagreements,
            unreadable: 0,
            verified: None,
            score: Score::Wall,
        }
    }

    /// Judges again with argsat's proofs and witnesses settling refutations
    /// (`bench --certify`), `checker` judging the proofs.
    pub fn certify(&mut self, checker: &argsat::proofcheck::DratChecker) {
        let settled = settle(&self.records, checker);
        let (outcomes, disagreements, verified) = judge_settled(&self.records, &settled);
        (self.outcomes, self.disagreements) = (outcomes, disagreements);
        self.verified = Some(verified);
    }

    /// Verified, unverified and wrong answers per solver and task (`--certify`): an
    /// answer is verified when a checked certificate, or argsat's checked proof or
    /// witness, backs it.
    pub fn certified(&self, solver: &str, task: Option<&str>) -> (usize, usize, usize) {
        let Some(verified) = &self.verified else { return (0, 0, 0) };
        let mut counts = (0, 0, 0);
        for ((r, o), &v) in self.records.iter().zip(&self.outcomes).zip(verified) {
            if r.solver != solver || task.is_some_and(|t| r.task != t) {
                continue;
            }
            match o {
                Outcome::Solved if v => counts.0 += 1,
                Outcome::Solved | Outcome::Disputed => counts.1 += 1,
                Outcome::Wrong(_) => counts.2 += 1,
                _ => {}
            }
        }
        counts
    }

    fn write_certified(
        &self,
        solvers: &[&str],
        tasks: &[&str],
        out: &mut impl Write,
    ) -> io::Result<()> {
        writeln!(out, "\ncertified answers (--certify)")?;
        writeln!(
            out,
            "{:<14} {:<8} {:>8} {:>10} {:>5}",
            "solver", "task", "verified", "unverified", "wrong"
        )?;
        for s in solvers {
            let rows = tasks.iter().map(|t| (*t, self.certified(s, Some(t))));
            for (t, (v, u, w)) in rows.chain(std::iter::once(("all", self.certified(s, None)))) {
                if v + u + w > 0 || t == "all" {
                    writeln!(out, "{s:<14} {t:<8} {v:>8} {u:>10} {w:>5}")?;
                }
            }
        }
        Ok(())
    }

    /// The solvers, in order of first appearance.
    pub fn solvers(&self) -> Vec<&str> {
        self.records.iter().map(|r| r.solver.as_str()).unique().collect()
    }

    /// The tasks, sorted.
    pub fn tasks(&self) -> Vec<&str> {
        self.records.iter().map(|r| r.task.as_str()).collect::<BTreeSet<_>>().into_iter().collect()
    }

    /// The tally of `solver` on `task` (all tasks when `None`).
    pub fn tally(&self, solver: &str, task: Option<&str>) -> Tally {
        let mut t = Tally::default();
        for (r, o) in self.records.iter().zip(&self.outcomes) {
            if r.solver == solver && task.is_none_or(|task| r.task == task) {
                t.add(r, o, self.score);
            }
        }
        t
    }

    /// Solved runs of `solver` (on `task`, or all): wall seconds by (instance, task, query).
    fn solved_times(
        &self,
        solver: &str,
        task: Option<&str>,
    ) -> BTreeMap<(&str, &str, Option<&str>), f64> {
        self.records
            .iter()
            .zip(&self.outcomes)
            .filter(|(r, o)| r.solver == solver && o.is_solved())
            .filter(|(r, _)| task.is_none_or(|task| r.task == task))
            .map(|(r, _)| (r.query_key(), self.score.of(r)))
            .collect()
    }

    /// The sorted wall times of `solver`'s solved runs (for cactus plots).
    pub fn cactus(&self, solver: &str, task: Option<&str>) -> Vec<f64> {
        let mut v: Vec<f64> = self.solved_times(solver, task).into_values().collect();
        v.sort_by(f64::total_cmp);
        v
    }

    /// `(first, second)` wall times on every run either solver did, `None` when unsolved
    /// (for scatter plots).
    pub fn pairs(&self, first: &str, second: &str) -> Vec<(Option<f64>, Option<f64>)> {
        let (a, b) = (self.solved_times(first, None), self.solved_times(second, None));
        let ran = |s: &str| -> BTreeSet<(&str, &str, Option<&str>)> {
            self.records.iter().filter(|r| r.solver == s).map(Record::query_key).collect()
        };
        let both = &ran(first) & &ran(second);
        both.into_iter().map(|k| (a.get(&k).copied(), b.get(&k).copied())).collect()
    }

    /// Head-to-head figures of `first` against `second` on `task` (all when `None`).
    pub fn head_to_head(&self, first: &str, second: &str, task: Option<&str>) -> HeadToHead {
        let (a, b) = (self.solved_times(first, task), self.solved_times(second, task));
        let mut ratios: Vec<(f64, &str)> = a
            .iter()
            .filter_map(|(k, &ta)| b.get(k).map(|&tb| (ta.max(MIN_SECS) / tb.max(MIN_SECS), k.0)))
            .collect();
        ratios.sort_by(|x, y| x.0.total_cmp(&y.0));
        let median = (!ratios.is_empty()).then(|| {
            let n = ratios.len();
            if n % 2 == 1 { ratios[n / 2].0 } else { (ratios[n / 2 - 1].0 + ratios[n / 2].0) / 2.0 }
        });
        HeadToHead {
            both: ratios.len(),
            only_first: a.keys().filter(|k| !b.contains_key(*k)).count(),
            only_second: b.keys().filter(|k| !a.contains_key(*k)).count(),
            median_ratio: median,
            worst: ratios.last().map(|&(r, i)| (r, i.to_owned())),
        }
    }

    /// Prints the tables and the disagreements.
    ///
    /// # Errors
    /// I/O errors of `out`.
    pub fn write_text(&self, out: &mut impl Write) -> io::Result<()> {
        let solvers = self.solvers();
        let tasks = self.tasks();
        writeln!(
            out,
            "{:<14} {:<8} {:>5} {:>6} {:>7} {:>6} {:>5} {:>5} {:>8} {:>10}",
            "solver",
            "task",
            "runs",
            "solved",
            "timeout",
            "memout",
            "error",
            "wrong",
            "disputed",
            if self.score == Score::Cpu { "PAR-2 cpu" } else { "PAR-2" }
        )?;
        for s in &solvers {
            let rows = tasks.iter().map(|t| (*t, self.tally(s, Some(t))));
            let all = std::iter::once(("all", self.tally(s, None)));
            for (t, tally) in rows.filter(|(_, t)| t.runs > 0).chain(all) {
                writeln!(
                    out,
                    "{:<14} {:<8} {:>5} {:>6} {:>7} {:>6} {:>5} {:>5} {:>8} {:>10.2}",
                    s,
                    t,
                    tally.runs,
                    tally.solved,
                    tally.timeouts,
                    tally.memouts,
                    tally.errors,
                    tally.wrong,
                    tally.disputed,
                    tally.par2
                )?;
            }
        }
        if self.verified.is_some() {
            self.write_certified(&solvers, &tasks, out)?;
        }
        for [a, b] in solvers.iter().array_combinations() {
            writeln!(out, "\nhead to head: {a} / {b} (wall-time ratio on runs both solved)")?;
            writeln!(
                out,
                "{:<8} {:>5} {:>8} {:>8} {:>8} {:>8}  worst instance",
                "task", "both", "only 1st", "only 2nd", "median", "worst"
            )?;
            let all = std::iter::once(None);
            for t in tasks.iter().map(|t| Some(*t)).chain(all) {
                let h = self.head_to_head(a, b, t);
                if h.both + h.only_first + h.only_second == 0 {
                    continue;
                }
                let fmt = |x: Option<f64>| x.map_or("-".to_owned(), |x| format!("{x:.2}"));
                writeln!(
                    out,
                    "{:<8} {:>5} {:>8} {:>8} {:>8} {:>8}  {}",
                    t.unwrap_or("all"),
                    h.both,
                    h.only_first,
                    h.only_second,
                    fmt(h.median_ratio),
                    fmt(h.worst.as_ref().map(|w| w.0)),
                    h.worst.as_ref().map_or("", |w| w.1.as_str())
                )?;
            }
        }
        if self.disagreements.is_empty() {
            writeln!(out, "\nno wrong or disputed answers")?;
        }
        for d in &self.disagreements {
            let r0 = &self.records[d.records[0]];
            let q = r0.query.as_ref().map_or(String::new(), |q| format!(" query {q}"));
            writeln!(out, "\nDISAGREEMENT on {} {}{q}", r0.task, r0.instance)?;
            for &i in &d.records {
                let r = &self.records[i];
                let verdict = match &self.outcomes[i] {
                    Outcome::Wrong(why) => format!("WRONG: {why}"),
                    Outcome::Disputed => "DISPUTED".to_owned(),
                    other => other.to_string(),
                };
                writeln!(
                    out,
                    "  {:<14} {:<24} {verdict}",
                    r.solver,
                    r.answer.as_deref().unwrap_or("-")
                )?;
                if !self.outcomes[i].is_solved() && r.answer.is_some() {
                    writeln!(out, "    reproduce: {}", reproduce(r))?;
                }
            }
        }
        if self.repeated > 0 || self.unreadable > 0 {
            writeln!(
                out,
                "\n({} repeated records replaced by later ones, {} unreadable lines skipped)",
                self.repeated, self.unreadable
            )?;
        }
        Ok(())
    }
}

impl Report {
    /// Writes one CSV row per record, with its verdict, for spreadsheets.
    ///
    /// # Errors
    /// I/O errors of `out`.
    pub fn write_csv(&self, out: &mut impl Write) -> io::Result<()> {
        fn field(s: &str) -> String {
            if s.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_owned()
            }
        }
        writeln!(
            out,
            "solver,instance,task,query,status,verdict,wall_s,cpu_s,max_rss_kib,timeout_s,answer,certificate,exit_code,signal,command"
        )?;
        for (r, o) in self.records.iter().zip(&self.outcomes) {
            let opt = |x: Option<i32>| x.map_or(String::new(), |v| v.to_string());
            let cells = [
                field(&r.solver),
                field(&r.instance),
                field(&r.task),
                field(r.query.as_deref().unwrap_or("")),
                format!("{:?}", r.status).to_lowercase(),
                field(&o.to_string()),
                r.wall_s.to_string(),
                r.cpu_s.to_string(),
                r.max_rss_kib.to_string(),
                r.timeout_s.to_string(),
                field(r.answer.as_deref().unwrap_or("")),
                field(r.certificate.as_deref().unwrap_or("")),
                opt(r.exit_code),
                opt(r.signal),
                field(&r.command),
            ];
            writeln!(out, "{}", cells.join(","))?;
        }
        Ok(())
    }
}

/// The command line that repeats a run.
pub fn reproduce(r: &Record) -> String {
    let q = r.query.as_ref().map_or(String::new(), |q| format!(" -a {q}"));
    format!("{} -p {} -f {}{q}", r.command, r.task, r.instance)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::results::Status;

    fn rec(solver: &str, instance: &str, status: Status, wall: f64) -> Record {
        Record {
            solver: solver.into(),
            command: solver.into(),
            instance: instance.into(),
            task: "SE-ST".into(),
            query: None,
            status,
            exit_code: Some(0),
            signal: None,
            wall_s: wall,
            cpu_s: wall,
            max_rss_kib: 1,
            timeout_s: 10.0,
            answer: (status == Status::Ok).then(|| "EXISTS".into()),
            certificate: Some("valid".into()),
            error: None,
        }
    }

    #[test]
    fn par2_and_ratios() {
        let r = Report::new(vec![
            rec("a", "1", Status::Ok, 1.0),
            rec("a", "2", Status::Timeout, 10.0),
            rec("a", "3", Status::Ok, 4.0),
            rec("b", "1", Status::Ok, 2.0),
            rec("b", "2", Status::Ok, 5.0),
            rec("b", "3", Status::Ok, 1.0),
            rec("b", "3", Status::Ok, 2.0),
        ]);
        assert_eq!(r.repeated, 1);
        let t = r.tally("a", None);
        assert_eq!((t.runs, t.solved, t.timeouts), (3, 2, 1));
        assert!((t.par2 - 25.0).abs() < 1e-9);
        assert!((r.tally("b", Some("SE-ST")).par2 - 9.0).abs() < 1e-9);
        let h = r.head_to_head("a", "b", None);
        assert_eq!((h.both, h.only_first, h.only_second), (2, 0, 1));
        assert_eq!(h.median_ratio, Some(1.25));
        assert_eq!(h.worst, Some((2.0, "3".to_owned())));
        assert_eq!(r.cactus("a", None), vec![1.0, 4.0]);
    }

    #[test]
    fn cpu_time_scores_when_asked() {
        let mut slow_cpu = rec("a", "1", Status::Ok, 1.0);
        slow_cpu.cpu_s = 3.0;
        let mut r = Report::new(vec![slow_cpu, rec("a", "2", Status::Timeout, 10.0)]);
        assert!((r.tally("a", None).par2 - 21.0).abs() < 1e-9);
        r.score = "cpu".parse().unwrap();
        assert!((r.tally("a", None).par2 - 23.0).abs() < 1e-9);
        assert_eq!(r.cactus("a", None), vec![3.0]);
        assert!("user".parse::<Score>().is_err());
    }
}
