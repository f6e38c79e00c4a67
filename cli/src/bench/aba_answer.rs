//! Reading a solver's answer to an ABA task (ICCMA's ABA track) and checking it with the
//! independent ABA checker: the same summaries as for AFs (`YES`/`NO`, `EXISTS`/`NONE`,
//! `EXT:`, `EXTS:`, counts), sets of assumptions in `w` lines.

use std::collections::HashSet;
use std::io::BufRead;

use argsat::aba::{Aba, Atom, verify};
use argsat::task::{Problem, Semantics, Task};

use super::answer::{Certificate, Checked};

/// The assumptions of a `w a b c` line, sorted, each once.
fn set(fw: &Aba, line: &str) -> Result<Vec<Atom>, String> {
    let mut tokens = line.split_ascii_whitespace();
    if tokens.next() != Some("w") {
        return Err(format!("expected a `w ...` line, found `{}`", clip(line)));
    }
    let mut s = tokens
        .map(|t| fw.find(t).ok_or_else(|| format!("unknown atom `{}`", clip(t))))
        .collect::<Result<Vec<Atom>, String>>()?;
    s.sort_unstable();
    s.dedup();
    Ok(s)
}

fn clip(s: &str) -> String {
    if s.len() <= 40 { s.to_owned() } else { format!("{}...", &s[..s.floor_char_boundary(40)]) }
}

/// FNV-1a over the 1-based numbers of a sorted set.
fn hash(set: &[Atom]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for a in set {
        for byte in (a.0 + 1).to_le_bytes() {
            h ^= u64::from(byte);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

fn verdict(r: Result<(), verify::AbaViolation>) -> Certificate {
    match r {
        Ok(()) => Certificate::Valid,
        Err(why) => Certificate::Invalid(why.to_string()),
    }
}

/// Whether `set` is an extension of `sem` as far as a polynomial check tells (preferred:
/// complete; maximality is not checked).
fn extension(fw: &Aba, sem: Semantics, set: &[Atom]) -> Certificate {
    verdict(verify::check_extension(fw, sem, set))
}

/// Reads the output of a solver asked the ABA `task` (about atom `query` for DC/DS).
///
/// # Errors
/// A message when the output is not an answer to `task`.
pub fn read_aba_answer(
    fw: &Aba,
    task: Task,
    query: Option<Atom>,
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
            let q = query.ok_or("a DC/DS task needs a query atom")?;
            let first = next()?.ok_or("no answer")?;
            let yes = match first.as_str() {
                "YES" => true,
                "NO" => false,
                other => return Err(format!("expected YES or NO, found `{}`", clip(other))),
            };
            let summary = if yes { "YES" } else { "NO" };
            if sem == Semantics::Grounded
                || (sem == Semantics::Complete && task.problem == Problem::Sceptical)
            {
                let truth = verify::derives(fw, &verify::grounded(fw), q);
                let certificate = if truth == yes {
                    Certificate::Valid
                } else {
                    Certificate::Invalid("the grounded extension says otherwise".into())
                };
                return Ok(checked(summary, certificate));
            }
            let credulous = task.problem == Problem::Credulous;
            let certificate = match (credulous, yes, next()?) {
                (true, true, Some(line)) => {
                    let s = set(fw, &line)?;
                    if !verify::derives(fw, &s, q) {
                        Certificate::Invalid("the set shown does not derive the atom".into())
                    } else if sem == Semantics::Stable {
                        verdict(verify::stable(fw, &s))
                    } else {
                        // Admissible suffices (ICCMA 2025): it lies in a complete and a
                        // preferred extension, which derive what it derives.
                        verdict(verify::admissible(fw, &s))
                    }
                }
                (false, false, Some(line)) => {
                    let s = set(fw, &line)?;
                    if verify::derives(fw, &s, q) {
                        Certificate::Invalid("the counterexample derives the atom".into())
                    } else if sem == Semantics::Preferred {
                        // Admissible and blocking every derivation of the atom: every
                        // preferred extension holding the set lacks it. Otherwise complete
                        // (maximality unchecked) proves nothing and shows no error.
                        match verify::admissible(fw, &s) {
                            Ok(()) if verify::blocks(fw, &s, q) => Certificate::Valid,
                            Ok(()) => match verify::complete(fw, &s) {
                                Ok(()) => Certificate::Absent,
                                Err(why) => Certificate::Invalid(why.to_string()),
                            },
                            Err(why) => Certificate::Invalid(why.to_string()),
                        }
                    } else {
                        extension(fw, sem, &s)
                    }
                }
                _ => Certificate::Absent,
            };
            Ok(checked(summary, certificate))
        }
        Problem::SomeExtension => {
            let first = next()?.ok_or("no answer")?;
            if first == "NO" {
                let certificate = if sem == Semantics::Stable {
                    Certificate::Absent
                } else {
                    Certificate::Invalid(format!("{} extensions always exist", sem.name()))
                };
                return Ok(checked("NONE", certificate));
            }
            let s = set(fw, &first)?;
            let certificate = extension(fw, sem, &s);
            let summary = if sem.is_unique() {
                format!("EXT:{}:{:016x}", s.len(), hash(&s))
            } else {
                "EXISTS".into()
            };
            Ok(checked(&summary, certificate))
        }
        Problem::EnumerateExtensions => {
            let mut seen = HashSet::new();
            let (mut sum, mut certificate) = (0u64, Certificate::Valid);
            while let Some(line) = next()? {
                let s = set(fw, &line)?;
                if certificate == Certificate::Valid
                    && let Certificate::Invalid(why) = extension(fw, sem, &s)
                {
                    certificate =
                        Certificate::Invalid(format!("extension {}: {why}", seen.len() + 1));
                }
                let h = hash(&s);
                if !seen.insert(h) && certificate == Certificate::Valid {
                    certificate = Certificate::Invalid("an extension is printed twice".into());
                }
                sum = sum.wrapping_add(h);
            }
            Ok(checked(&format!("EXTS:{}:{sum:016x}", seen.len()), certificate))
        }
        Problem::CountExtensions => {
            let first = next()?.ok_or("no answer")?;
            let n: u64 =
                first.parse().map_err(|_| format!("expected a count, found `{}`", clip(&first)))?;
            Ok(checked(&n.to_string(), Certificate::Absent))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use argsat::aba::{AbaFormat, parse};

    /// `q` is the query atom's number (1-based, as files write it).
    fn read(task: &str, q: Option<u32>, out: &str) -> Result<Checked, String> {
        // a, b assumptions; x <- b is a's contrary, y <- a is b's.
        let fw =
            parse(b"p aba 4\na 1\na 2\nc 1 3\nc 2 4\nr 3 2\nr 4 1\n", AbaFormat::Iccma).unwrap();
        read_aba_answer(&fw, task.parse().unwrap(), q.map(|n| Atom(n - 1)), out.as_bytes())
    }

    #[test]
    fn answers_and_their_sets_are_checked() {
        let ok = |c: Checked| c.certificate == Certificate::Valid;
        assert!(ok(read("DC-ST", Some(3), "YES\nw 2\n").unwrap()));
        assert!(!ok(read("DC-ST", Some(3), "YES\nw 1\n").unwrap()), "does not derive x");
        assert!(!ok(read("DC-CO", Some(3), "YES\nw 1 2\n").unwrap()), "not admissible");
        assert_eq!(read("DC-CO", Some(3), "YES\n").unwrap().certificate, Certificate::Absent);
        assert!(ok(read("DS-ST", Some(3), "NO\nw 1\n").unwrap()));
        // {a} attacks b, x's only support: no preferred extension holding {a} derives x.
        assert!(ok(read("DS-PR", Some(3), "NO\nw 1\n").unwrap()));
        assert!(!ok(read("DS-PR", Some(3), "NO\nw 2\n").unwrap()), "derives x");
        assert!(ok(read("SE-ST", None, "w 1\n").unwrap()));
        assert!(!ok(read("SE-ST", None, "w\n").unwrap()));
        assert!(!ok(read("SE-PR", None, "NO\n").unwrap()));
        assert!(!ok(read("DS-CO", Some(3), "YES\n").unwrap()), "grounded derives nothing");
        let a = read("EE-ST", None, "w 1\nw 2\n").unwrap();
        let b = read("EE-ST", None, "w 2\nw 1\n").unwrap();
        assert_eq!(a.summary, b.summary);
        assert!(!ok(read("EE-ST", None, "w 1\nw 1\n").unwrap()));
        assert!(read("DC-CO", Some(3), "MAYBE\n").is_err());
        assert!(read("SE-ST", None, "w 9\n").is_err());
    }
}
