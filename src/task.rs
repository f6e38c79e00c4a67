//! Semantics and reasoning tasks, and their ICCMA names (`DC-PR`, `SE-ST`, ...).

use std::fmt;
use std::str::FromStr;

/// An argumentation semantics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Semantics {
    /// Grounded (`GR`).
    Grounded,
    /// Complete (`CO`).
    Complete,
    /// Preferred (`PR`).
    Preferred,
    /// Stable (`ST`).
    Stable,
    /// Semi-stable (`SST`).
    SemiStable,
    /// Stage (`STG`).
    Stage,
    /// Ideal (`ID`).
    Ideal,
}

impl Semantics {
    /// Every semantics, in ICCMA order.
    pub const ALL: [Semantics; 7] = [
        Semantics::Grounded,
        Semantics::Complete,
        Semantics::Preferred,
        Semantics::Stable,
        Semantics::SemiStable,
        Semantics::Stage,
        Semantics::Ideal,
    ];

    /// The ICCMA abbreviation (`GR`, `CO`, ...).
    pub fn code(self) -> &'static str {
        match self {
            Semantics::Grounded => "GR",
            Semantics::Complete => "CO",
            Semantics::Preferred => "PR",
            Semantics::Stable => "ST",
            Semantics::SemiStable => "SST",
            Semantics::Stage => "STG",
            Semantics::Ideal => "ID",
        }
    }

    /// The full lower-case name (`grounded`, `semi-stable`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Semantics::Grounded => "grounded",
            Semantics::Complete => "complete",
            Semantics::Preferred => "preferred",
            Semantics::Stable => "stable",
            Semantics::SemiStable => "semi-stable",
            Semantics::Stage => "stage",
            Semantics::Ideal => "ideal",
        }
    }

    /// Whether the semantics always has exactly one extension.
    pub fn is_unique(self) -> bool {
        matches!(self, Semantics::Grounded | Semantics::Ideal)
    }
}

impl FromStr for Semantics {
    type Err = UnknownName;

    /// Accepts ICCMA codes (`PR`) and names (`preferred`), in any case.
    fn from_str(s: &str) -> Result<Semantics, UnknownName> {
        let l = s.to_ascii_lowercase();
        Semantics::ALL
            .into_iter()
            .find(|sem| {
                sem.code().eq_ignore_ascii_case(&l)
                    || sem.name() == l
                    || (l == "semistable" && *sem == Semantics::SemiStable)
            })
            .ok_or_else(|| {
                let names: Vec<_> = Semantics::ALL.iter().map(|s| s.name()).collect();
                UnknownName::new(format!(
                    "unknown semantics `{s}`; supported: {}",
                    names.join(", ")
                ))
            })
    }
}

impl fmt::Display for Semantics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A reasoning problem, independent of semantics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Problem {
    /// Some extension (`SE`).
    SomeExtension,
    /// Enumerate all extensions (`EE`).
    EnumerateExtensions,
    /// Count extensions (`CE`).
    CountExtensions,
    /// Credulous acceptance (`DC`).
    Credulous,
    /// Sceptical acceptance (`DS`).
    Sceptical,
}

impl Problem {
    /// Every problem, in the order `--problems` lists them.
    pub const ALL: [Problem; 5] = [
        Problem::SomeExtension,
        Problem::EnumerateExtensions,
        Problem::CountExtensions,
        Problem::Credulous,
        Problem::Sceptical,
    ];

    /// The ICCMA abbreviation.
    pub fn code(self) -> &'static str {
        match self {
            Problem::SomeExtension => "SE",
            Problem::EnumerateExtensions => "EE",
            Problem::CountExtensions => "CE",
            Problem::Credulous => "DC",
            Problem::Sceptical => "DS",
        }
    }

    /// Whether the problem takes a query argument.
    pub fn needs_argument(self) -> bool {
        matches!(self, Problem::Credulous | Problem::Sceptical)
    }
}

/// A task: a problem under a semantics, such as `DC-PR`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Task {
    /// What is asked.
    pub problem: Problem,
    /// Under which semantics.
    pub semantics: Semantics,
}

impl Task {
    /// Every task: each problem under each semantics, in `--problems` order (all 35 are
    /// solved).
    pub const ALL: [Task; 35] = {
        let mut all =
            [Task { problem: Problem::SomeExtension, semantics: Semantics::Grounded }; 35];
        let mut i = 0;
        while i < 35 {
            all[i] = Task { problem: Problem::ALL[i / 7], semantics: Semantics::ALL[i % 7] };
            i += 1;
        }
        all
    };
}

impl fmt::Display for Task {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.problem.code(), self.semantics.code())
    }
}

/// A name that means nothing to argsat: a semantics, format, SAT backend, generator
/// family or walk setting that does not exist (or an IPASIR library that does not load).
/// The message says what the name was and what would do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct UnknownName {
    message: String,
}

impl UnknownName {
    pub(crate) fn new(message: impl Into<String>) -> UnknownName {
        UnknownName { message: message.into() }
    }
}

/// A task name that is not well formed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unsupported task `{name}`; supported tasks: {}", all_names())]
pub struct UnknownTask {
    /// The name as given.
    pub name: String,
}

fn all_names() -> String {
    Task::ALL.iter().map(Task::to_string).collect::<Vec<_>>().join(", ")
}

impl FromStr for Task {
    type Err = UnknownTask;

    /// Parses `DC-PR` style names (problem and semantics codes, any case).
    fn from_str(s: &str) -> Result<Task, UnknownTask> {
        let unknown = || UnknownTask { name: s.to_owned() };
        let (p, sem) = s.split_once('-').ok_or_else(unknown)?;
        let problem = Problem::ALL
            .into_iter()
            .find(|x| x.code().eq_ignore_ascii_case(p))
            .ok_or_else(unknown)?;
        let semantics = Semantics::ALL
            .into_iter()
            .find(|x| x.code().eq_ignore_ascii_case(sem))
            .ok_or_else(unknown)?;
        Ok(Task { problem, semantics })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iccma_names() {
        let t: Task = "SE-GR".parse().unwrap();
        assert_eq!(t, Task { problem: Problem::SomeExtension, semantics: Semantics::Grounded });
        assert_eq!(t.to_string(), "SE-GR");
        assert!("XX-GR".parse::<Task>().is_err());
        assert!("SEGR".parse::<Task>().is_err());
        let e = "DC-FOO".parse::<Task>().unwrap_err().to_string();
        assert!(e.contains("supported tasks: SE-GR"), "{e}");
    }

    #[test]
    fn all_tasks_are_distinct_and_in_problem_order() {
        let names: Vec<String> = Task::ALL.iter().map(Task::to_string).collect();
        assert_eq!(names[0], "SE-GR");
        assert_eq!(names[7], "EE-GR");
        assert_eq!(names[34], "DS-ID");
        let unique: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(unique.len(), 35);
        for t in Task::ALL {
            assert_eq!(t.to_string().parse::<Task>(), Ok(t));
        }
    }

    #[test]
    fn parses_semantics_names_and_codes() {
        assert_eq!("preferred".parse::<Semantics>(), Ok(Semantics::Preferred));
        assert_eq!("SST".parse::<Semantics>(), Ok(Semantics::SemiStable));
        assert!("nope".parse::<Semantics>().is_err());
    }
}
