//! Judging runs: an answer is wrong when its certificate fails the check, or when it
//! contradicts what another solver proved with a checked certificate; answers that
//! disagree with nothing to settle them are all disputed. Wrong and disputed answers
//! count as unsolved. With `--certify`, argsat's checked proofs and witnesses
//! ([`Settlements`]) settle queries too, and every answer is verified (backed by a
//! checked certificate, proof or witness) or unverified.

use std::collections::BTreeMap;
use std::fmt;

use super::answer::Certificate;
use super::certify::Settlements;
use super::results::{Record, Status};
use argsat::task::{Problem, Task};

/// The verdict on one run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A right answer (as far as certificates and the other solvers tell).
    Solved,
    /// Killed at the time limit.
    Timeout,
    /// Out of memory.
    Memout,
    /// Crashed, failed, or printed no readable answer.
    Error,
    /// A wrong answer, and why.
    Wrong(String),
    /// Disagrees with another solver, and nothing settles who is right.
    Disputed,
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Solved => f.write_str("solved"),
            Outcome::Timeout => f.write_str("timeout"),
            Outcome::Memout => f.write_str("memout"),
            Outcome::Error => f.write_str("error"),
            Outcome::Wrong(why) => write!(f, "wrong: {why}"),
            Outcome::Disputed => f.write_str("disputed"),
        }
    }
}

impl Outcome {
    /// Whether the run counts as solved.
    pub fn is_solved(&self) -> bool {
        *self == Outcome::Solved
    }
}

/// A query on which solvers disagree or an answer is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    /// Indices of the group's records (every solver that ran this query).
    pub records: Vec<usize>,
}

/// What a checked certificate proves, as the answer it settles.
fn proof(task: Task, r: &Record) -> Option<&str> {
    let answer = r.answer.as_deref()?;
    let valid = r.certificate.as_deref().map(Certificate::parse) == Some(Certificate::Valid);
    let proves = match task.problem {
        Problem::Credulous => answer == "YES",
        Problem::Sceptical => answer == "NO",
        Problem::SomeExtension => answer != "NONE",
        Problem::EnumerateExtensions | Problem::CountExtensions => false,
    };
    (valid && proves).then_some(answer)
}

fn contradicts(task: Task, proven: &str, answer: &str) -> bool {
    match task.problem {
        Problem::SomeExtension if !task.semantics.is_unique() => {
            (proven == "NONE") != (answer == "NONE")
        }
        _ => answer != proven,
    }
}

/// Judges every record, and lists the queries with a wrong or disputed answer.
pub fn judge(records: &[Record]) -> (Vec<Outcome>, Vec<Disagreement>) {
    let (outcomes, disagreements, _) = judge_settled(records, &Settlements::new());
    (outcomes, disagreements)
}

/// [`judge`], with `settled` queries settled by argsat's checked proofs and witnesses;
/// also whether each record's answer is verified (solved, and backed by a checked
/// certificate, proof or witness).
pub fn judge_settled(
    records: &[Record],
    settled: &Settlements,
) -> (Vec<Outcome>, Vec<Disagreement>, Vec<bool>) {
    let mut outcomes: Vec<Outcome> = records
        .iter()
        .map(|r| match (r.status, &r.answer) {
            (Status::Ok, Some(_)) => Outcome::Solved,
            (Status::Timeout, _) => Outcome::Timeout,
            (Status::Memout, _) => Outcome::Memout,
            _ => Outcome::Error,
        })
        .collect();
    let mut groups: BTreeMap<(&str, &str, Option<&str>), Vec<usize>> = BTreeMap::new();
    for (i, r) in records.iter().enumerate() {
        groups.entry(r.query_key()).or_default().push(i);
    }
    let mut disagreements = Vec::new();
    let mut verified = vec![false; records.len()];
    for ((instance, task_name, query), members) in groups {
        let Ok(task) = task_name.parse::<Task>() else { continue };
        let answered: Vec<usize> =
            members.iter().copied().filter(|&i| outcomes[i].is_solved()).collect();
        let settlement =
            settled.get(&(instance.to_owned(), task_name.to_owned(), query.map(str::to_owned)));
        let proven = answered
            .iter()
            .find_map(|&i| proof(task, &records[i]).map(|p| (records[i].solver.clone(), p)))
            .or_else(|| settlement.map(|s| (s.how.clone(), s.answer.as_str())));
        for &i in &answered {
            let r = &records[i];
            let answer = r.answer.as_deref().unwrap_or_default();
            if let Some(Certificate::Invalid(why)) =
                r.certificate.as_deref().map(Certificate::parse)
            {
                outcomes[i] = Outcome::Wrong(format!("{answer}: {why}"));
            } else if let Some((by, p)) =
                proven.as_ref().filter(|(_, p)| contradicts(task, p, answer))
            {
                outcomes[i] = Outcome::Wrong(match settlement {
                    Some(s) if s.how == *by => format!("{answer}, but {by} shows {p}"),
                    _ => format!("{answer}, but {by} proved {p} with a checked certificate"),
                });
            }
        }
        let standing: Vec<usize> =
            answered.iter().copied().filter(|&i| outcomes[i].is_solved()).collect();
        let first = standing.first().map(|&i| records[i].answer.as_deref());
        if standing.iter().any(|&i| records[i].answer.as_deref() != first.flatten()) {
            for &i in &standing {
                outcomes[i] = Outcome::Disputed;
            }
        }
        for &i in &answered {
            let answer = records[i].answer.as_deref().unwrap_or_default();
            verified[i] = outcomes[i].is_solved()
                && (proof(task, &records[i]).is_some()
                    || settlement.is_some_and(|s| s.answer == answer));
        }
        if members.iter().any(|&i| matches!(outcomes[i], Outcome::Wrong(_) | Outcome::Disputed)) {
            disagreements.push(Disagreement { records: members });
        }
    }
    (outcomes, disagreements, verified)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn rec(
        solver: &str,
        task: &str,
        status: Status,
        answer: Option<&str>,
        cert: &str,
    ) -> Record {
        Record {
            solver: solver.into(),
            command: solver.into(),
            instance: "x.af".into(),
            task: task.into(),
            query: task.starts_with('D').then(|| "1".into()),
            status,
            exit_code: Some(0),
            signal: None,
            wall_s: 1.0,
            cpu_s: 1.0,
            max_rss_kib: 1000,
            timeout_s: 10.0,
            answer: answer.map(Into::into),
            certificate: Some(cert.into()),
            error: None,
        }
    }

    #[test]
    fn a_checked_certificate_settles_a_disagreement() {
        let rs = [
            rec("a", "DC-PR", Status::Ok, Some("YES"), "valid"),
            rec("b", "DC-PR", Status::Ok, Some("NO"), "absent"),
            rec("c", "DC-PR", Status::Timeout, None, "absent"),
        ];
        let (o, d) = judge(&rs);
        assert_eq!(o[0], Outcome::Solved);
        assert!(matches!(o[1], Outcome::Wrong(_)));
        assert_eq!(o[2], Outcome::Timeout);
        assert_eq!(d, vec![Disagreement { records: vec![0, 1, 2] }]);
    }

    #[test]
    fn unsettled_disagreements_are_disputed_and_invalid_certificates_wrong() {
        let rs = [
            rec("a", "DS-PR", Status::Ok, Some("YES"), "absent"),
            rec("b", "CE-PR", Status::Ok, Some("3"), "absent"),
            rec("c", "CE-PR", Status::Ok, Some("4"), "absent"),
            rec("d", "SE-ST", Status::Ok, Some("EXISTS"), "invalid: not stable"),
            rec("e", "SE-ST", Status::Ok, Some("NONE"), "absent"),
        ];
        let (o, d) = judge(&rs);
        assert_eq!(o[0], Outcome::Solved);
        assert_eq!((&o[1], &o[2]), (&Outcome::Disputed, &Outcome::Disputed));
        assert!(matches!(o[3], Outcome::Wrong(_)));
        assert_eq!(o[4], Outcome::Solved);
        assert_eq!(d.len(), 2);
    }

    #[test]
    fn a_settlement_verifies_refutations_and_shows_the_rest_wrong() {
        use crate::bench::certify::Settlement;
        let rs = [
            rec("a", "DS-ST", Status::Ok, Some("YES"), "absent"),
            rec("b", "DS-ST", Status::Ok, Some("NO"), "absent"),
            rec("c", "SE-ST", Status::Ok, Some("EXISTS"), "absent"),
        ];
        // Unsettled: a and b disagree with nothing to settle it.
        let (o, _, v) = judge_settled(&rs, &Settlements::new());
        assert_eq!((&o[0], &o[1], v[0]), (&Outcome::Disputed, &Outcome::Disputed, false));
        let mut settled = Settlements::new();
        let proof = |answer: &str| Settlement { answer: answer.into(), how: "a proof".into() };
        settled.insert(("x.af".into(), "DS-ST".into(), Some("1".into())), proof("YES"));
        settled.insert(("x.af".into(), "SE-ST".into(), None), proof("NONE"));
        let (o, d, v) = judge_settled(&rs, &settled);
        assert_eq!((&o[0], v[0]), (&Outcome::Solved, true));
        assert!(matches!(&o[1], Outcome::Wrong(why) if why == "NO, but a proof shows YES"));
        assert!(matches!(&o[2], Outcome::Wrong(why) if why.contains("shows NONE")), "{:?}", o[2]);
        assert_eq!((v[1], v[2], d.len()), (false, false, 2));
    }
}
