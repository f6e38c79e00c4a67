//! Reading a solver's ICCMA 2023 output and checking it against the framework.
//!
//! The answer is summarised in a form every correct solver shares, so that answers can
//! be compared across solvers: `YES`/`NO` (DC, DS), `EXISTS`/`NONE` (SE; the unique
//! grounded and ideal extensions as `EXT:<size>:<hash>`), `EXTS:<count>:<hash>` (EE, the
//! hash independent of the order), and the number (CE).

use std::collections::HashSet;
use std::fmt;
use std::io::BufRead;

use argsat::af::{Arg, Framework};
use argsat::task::{Problem, Task};
use argsat::verify::{self, Violation};

/// What checking a certificate showed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Certificate {
    /// The answer came with a certificate that proves it.
    Valid,
    /// The answer needs no certificate or came without one.
    Absent,
    /// The certificate (or the answer itself, where it can be checked directly) is wrong.
    Invalid(String),
}

impl fmt::Display for Certificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Certificate::Valid => f.write_str("valid"),
            Certificate::Absent => f.write_str("absent"),
            Certificate::Invalid(why) => write!(f, "invalid: {why}"),
        }
    }
}

impl Certificate {
    /// Parses the form [`Certificate`]'s `Display` writes.
    pub fn parse(s: &str) -> Certificate {
        match s {
            "valid" => Certificate::Valid,
            "absent" => Certificate::Absent,
            other => Certificate::Invalid(other.strip_prefix("invalid: ").unwrap_or(other).into()),
        }
    }
}

/// A checked answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    /// The comparable summary (see the module docs).
    pub summary: String,
    /// What the certificate showed.
    pub certificate: Certificate,
}

/// FNV-1a over the 1-based numbers of a sorted, deduplicated extension.
pub(crate) fn set_hash(set: &[Arg]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for a in set {
        for byte in (a.0 + 1).to_le_bytes() {
            h ^= u64::from(byte);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Runs `check`, except for ideal semantics: telling the ideal extension needs a solver
/// run of its own, which could outlast the solver under test, so an ideal certificate
/// is only checked to be admissible (and proves nothing; other solvers' answers decide).
fn bounded(
    af: &Framework,
    sem: argsat::task::Semantics,
    set: &[Arg],
    check: impl FnOnce() -> Result<(), Violation>,
) -> Certificate {
    if sem == argsat::task::Semantics::Ideal {
        return if verify::is_admissible(af, set) {
            Certificate::Absent
        } else {
            Certificate::Invalid("not admissible, so not the ideal extension".into())
        };
    }
    match check() {
        Ok(()) => Certificate::Valid,
        Err(why) => Certificate::Invalid(why.describe(af)),
    }
}

/// The arguments of a `w a b c` line, sorted, each once.
fn witness(af: &Framework, line: &str) -> Result<Vec<Arg>, String> {
    let mut tokens = line.split_ascii_whitespace();
    if tokens.next() != Some("w") {
        return Err(format!("expected a `w ...` line, found `{}`", clip(line)));
    }
    let mut set = tokens
        .map(|t| af.find(t).ok_or_else(|| format!("unknown argument `{}`", clip(t))))
        .collect::<Result<Vec<Arg>, String>>()?;
    set.sort_unstable();
    set.dedup();
    Ok(set)
}

fn clip(s: &str) -> String {
    if s.len() <= 40 { s.to_owned() } else { format!("{}...", &s[..s.floor_char_boundary(40)]) }
}

/// Reads the output of a solver asked `task` (about `query` for DC/DS) and checks
/// whatever can be checked: certificates, extensions, grounded answers.
///
/// # Errors
/// A message when the output is not an ICCMA 2023 answer to `task`.
pub fn read_answer(
    af: &Framework,
    task: Task,
    query: Option<Arg>,
    output: impl BufRead,
) -> Result<Checked, String> {
    let mut lines = output.lines().map(|l| l.map_err(|e| format!("reading the output: {e}")));
    let mut next = move || -> Result<Option<String>, String> {
        for line in lines.by_ref() {
            let line = line?;
            if !line.trim().is_empty() {
                return Ok(Some(line.trim().to_owned()));
            }
        }
        Ok(None)
    };
    let sem = task.semantics;
    let checked = |summary: &str, certificate| Checked { summary: summary.into(), certificate };
    match task.problem {
        Problem::Credulous | Problem::Sceptical => {
            let a = query.ok_or("a DC/DS task needs a query argument")?;
            let first = next()?.ok_or("no answer")?;
            let yes = match first.as_str() {
                "YES" => true,
                "NO" => false,
                other => return Err(format!("expected YES or NO, found `{}`", clip(other))),
            };
            let credulous = task.problem == Problem::Credulous;
            let summary = if yes { "YES" } else { "NO" };
            // Grounded answers are checked directly: the fixpoint is linear time.
            if sem == argsat::task::Semantics::Grounded {
                let truth = verify::grounded(af).binary_search(&a).is_ok();
                if truth != yes {
                    return Ok(checked(
                        summary,
                        Certificate::Invalid(format!(
                            "{} is {}in the grounded extension",
                            af.display_name(a),
                            if truth { "" } else { "not " }
                        )),
                    ));
                }
            }
            // A certificate follows YES for DC and NO for DS.
            let certificate = match (credulous, yes, next()?) {
                (true, true, Some(line)) => {
                    let set = witness(af, &line)?;
                    bounded(af, sem, &set, || verify::check_credulous(af, sem, a, &set))
                }
                (false, false, Some(line)) => {
                    let set = witness(af, &line)?;
                    bounded(af, sem, &set, || {
                        verify::check_sceptical_counterexample(af, sem, a, &set)
                    })
                }
                _ => Certificate::Absent,
            };
            Ok(checked(summary, certificate))
        }
        Problem::SomeExtension => {
            let first = next()?.ok_or("no answer")?;
            if first == "NO" {
                let certificate = if sem == argsat::task::Semantics::Stable {
                    Certificate::Absent
                } else {
                    Certificate::Invalid(format!("{} extensions always exist", sem.name()))
                };
                return Ok(checked("NONE", certificate));
            }
            let set = witness(af, &first)?;
            let certificate = bounded(af, sem, &set, || verify::check_extension(af, sem, &set));
            let summary = if sem.is_unique() {
                format!("EXT:{}:{:016x}", set.len(), set_hash(&set))
            } else {
                "EXISTS".into()
            };
            Ok(checked(&summary, certificate))
        }
        Problem::EnumerateExtensions => {
            let mut seen = HashSet::new();
            let (mut sum, mut certificate) = (0u64, Certificate::Valid);
            while let Some(line) = next()? {
                let set = witness(af, &line)?;
                if certificate == Certificate::Valid
                    && let Certificate::Invalid(why) =
                        bounded(af, sem, &set, || verify::check_extension(af, sem, &set))
                {
                    certificate =
                        Certificate::Invalid(format!("extension {}: {why}", seen.len() + 1));
                }
                let h = set_hash(&set);
                if !seen.insert(h) && certificate == Certificate::Valid {
                    certificate = Certificate::Invalid("an extension is printed twice".into());
                }
                sum = sum.wrapping_add(h);
            }
            if sem.is_unique() && seen.len() != 1 && certificate == Certificate::Valid {
                certificate = Certificate::Invalid(format!(
                    "{} semantics has exactly one extension, not {}",
                    sem.name(),
                    seen.len()
                ));
            }
            Ok(checked(&format!("EXTS:{}:{sum:016x}", seen.len()), certificate))
        }
        Problem::CountExtensions => {
            let first = next()?.ok_or("no answer")?;
            let n: u64 =
                first.parse().map_err(|_| format!("expected a count, found `{}`", clip(&first)))?;
            let certificate = if sem.is_unique() && n != 1 {
                Certificate::Invalid(format!("{} semantics has exactly one extension", sem.name()))
            } else {
                Certificate::Absent
            };
            Ok(checked(&n.to_string(), certificate))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(task: &str, q: Option<u32>, out: &str) -> Result<Checked, String> {
        // 1 -> 2, 2 <-> 3.
        let af = Framework::from_attacks(3, &[(0, 1), (1, 2), (2, 1)]).unwrap();
        read_answer(&af, task.parse().unwrap(), q.map(Arg), out.as_bytes())
    }

    #[test]
    fn certificates_are_checked() {
        assert_eq!(read("DC-PR", Some(2), "YES\nw 1 3\n").unwrap().certificate, Certificate::Valid);
        assert!(matches!(
            read("DC-PR", Some(2), "YES\nw 1\n").unwrap().certificate,
            Certificate::Invalid(_)
        ));
        assert_eq!(read("DC-PR", Some(2), "YES\n").unwrap().certificate, Certificate::Absent);
        assert_eq!(read("DS-ST", Some(0), "YES\n").unwrap().summary, "YES");
        assert!(matches!(
            read("DS-GR", Some(2), "NO\n").unwrap().certificate,
            Certificate::Invalid(_)
        ));
        assert!(matches!(
            read("SE-PR", None, "NO\n").unwrap().certificate,
            Certificate::Invalid(_)
        ));
        assert_eq!(read("SE-ST", None, "w 1 3").unwrap().summary, "EXISTS");
        assert_eq!(read("CE-CO", None, "1\n").unwrap().summary, "1");
    }

    #[test]
    fn enumeration_is_order_independent_and_rejects_repeats() {
        let a = read("EE-CO", None, "w 1 3\n").unwrap();
        assert_eq!(a.certificate, Certificate::Valid);
        assert!(a.summary.starts_with("EXTS:1:"));
        let b = read("EE-ST", None, "w 3 1\n\nw 1 3\n").unwrap();
        assert!(matches!(b.certificate, Certificate::Invalid(_)));
        assert_eq!(
            read("SE-GR", None, "w 1 3").unwrap().summary,
            read("SE-GR", None, "w 3 1").unwrap().summary
        );
        // An argument printed twice is still one member.
        assert_eq!(read("SE-GR", None, "w 1 3 1").unwrap(), read("SE-GR", None, "w 1 3").unwrap());
    }

    #[test]
    fn malformed_output_is_an_error() {
        assert!(read("DC-PR", Some(0), "maybe\n").is_err());
        assert!(read("SE-PR", None, "w 9\n").is_err());
        assert!(read("CE-PR", None, "").is_err());
    }
}
