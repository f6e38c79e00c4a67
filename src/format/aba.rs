//! The ICCMA ABA format (ICCMA 2023 and 2025's ABA track): a `p aba N` header (atoms
//! `1..=N`), then `a i` (atom i is an assumption), `c i j` (atom j is a contrary of
//! assumption i), `r h b1 ... bk` (a rule; `r h` alone is a fact), `#` comment lines
//! anywhere, blank lines tolerated. The framework must be flat: an assumption heading a
//! rule is an error, wherever the two lines stand. See `grammar/aba.md`.

use std::io::{self, Write};

use nom::bytes::complete::tag;
use nom::character::complete::{digit1, space0, space1};
use nom::combinator::{all_consuming, map};
use nom::sequence::delimited;
use nom::{IResult, Parser};

use super::error::{ParseError, ParseErrorKind};
use super::iccma23::{number, too_many};
use super::{lines, tokens};
use crate::aba::{Aba, AbaBuilder, Atom};

fn header(line: &str) -> IResult<&str, u64> {
    all_consuming(delimited(
        (space0, tag("p"), space1, tag("aba"), space1),
        map(digit1, number),
        space0,
    ))
    .parse(line)
}

/// Parses an ICCMA ABA framework.
///
/// # Errors
/// The first [`ParseError`]: a missing, malformed or repeated header, an atom out of
/// range or not a number, an unknown statement, a missing or extra token, a contrary of
/// a non-assumption, an assumption heading a rule.
pub fn parse(text: &str) -> Result<Aba, ParseError> {
    let bytes = text.as_bytes();
    let err = |offset: usize, kind| ParseError::at(bytes, offset, kind);
    let mut builder: Option<AbaBuilder> = None;
    let mut n = 0u32;
    // Where each assumption was declared and each atom first headed a rule: a
    // flatness error names the later of the two lines.
    let mut contrary_lines: Vec<(u32, usize)> = Vec::new();
    let mut body: Vec<Atom> = Vec::new();
    for (start, line) in lines(text) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let col = start + (line.len() - trimmed.len());
        let Some(b) = builder.as_mut() else {
            if !trimmed.starts_with('p') {
                return Err(err(col, ParseErrorKind::MissingAbaHeader));
            }
            match header(line) {
                Ok((_, count)) if count < u64::from(u32::MAX) => {
                    if let Some(ParseErrorKind::TooManyArguments { declared, needs, available }) =
                        too_many(count, bytes.len())
                    {
                        let e = ParseErrorKind::TooManyAtoms { declared, needs, available };
                        let number_at = line.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
                        return Err(err(start + number_at, e));
                    }
                    n = count as u32;
                    builder = Some(AbaBuilder::new(n));
                    continue;
                }
                _ => return Err(err(col, ParseErrorKind::MalformedAbaHeader)),
            }
        };
        let mut toks = tokens(line).map(|(at, t)| (start + at, t));
        let (at, kind) = toks.next().expect("a line that is not blank has a token");
        // An atom number token: 1..=n.
        let atom = |(at, t): (usize, &str)| -> Result<Atom, ParseError> {
            if !t.bytes().all(|c| c.is_ascii_digit()) {
                return Err(err(at, ParseErrorKind::NotAnAtomNumber(t.into())));
            }
            let v = number(t);
            if v == 0 || v > u64::from(n) {
                return Err(err(at, ParseErrorKind::AtomOutOfRange { value: t.into(), max: n }));
            }
            Ok(Atom((v - 1) as u32))
        };
        let missing =
            |what: &'static str| err(start + line.trim_end().len(), ParseErrorKind::Syntax(what));
        let garbage = |(at, t): (usize, &str)| err(at, ParseErrorKind::TrailingGarbage(t.into()));
        match kind {
            "a" => {
                let a = atom(toks.next().ok_or_else(|| missing("an atom number after `a`"))?)?;
                if let Some(extra) = toks.next() {
                    return Err(garbage(extra));
                }
                b.assumption(a)
                    .map_err(|_| err(at, ParseErrorKind::NotFlat((a.number()).to_string())))?;
            }
            "c" => {
                let a_tok = toks.next().ok_or_else(|| missing("`c ASSUMPTION CONTRARY`"))?;
                let a = atom(a_tok)?;
                let c = atom(toks.next().ok_or_else(|| missing("`c ASSUMPTION CONTRARY`"))?)?;
                if let Some(extra) = toks.next() {
                    return Err(garbage(extra));
                }
                b.contrary(a, c).expect("atoms checked");
                contrary_lines.push((a.0, a_tok.0));
            }
            "r" => {
                let h_tok = toks.next().ok_or_else(|| missing("`r HEAD BODY...`"))?;
                let h = atom(h_tok)?;
                body.clear();
                for t in toks {
                    body.push(atom(t)?);
                }
                b.rule(h, &body)
                    .map_err(|_| err(h_tok.0, ParseErrorKind::NotFlat(h.number().to_string())))?;
            }
            "p" => return Err(err(at, ParseErrorKind::RepeatedHeader)),
            _ => {
                return Err(err(
                    at,
                    ParseErrorKind::Syntax("a statement `a I`, `c I J` or `r H B...`"),
                ));
            }
        }
    }
    let Some(b) = builder else {
        return Err(err(bytes.len(), ParseErrorKind::MissingAbaHeader));
    };
    if let Some(&(a, at)) = contrary_lines.iter().find(|&&(a, _)| !b.is_assumption(Atom(a))) {
        return Err(err(at, ParseErrorKind::NotAnAssumption((u64::from(a) + 1).to_string())));
    }
    Ok(b.build().expect("every check made above"))
}

/// Writes `aba` in the ICCMA ABA format (atoms numbered in index order: names are lost).
///
/// # Errors
/// Any I/O error of `out`.
pub fn write(aba: &Aba, out: &mut impl Write) -> io::Result<()> {
    let mut buf = itoa::Buffer::new();
    let mut line = Vec::with_capacity(1 << 12);
    writeln!(out, "p aba {}", aba.len())?;
    for &a in aba.assumptions() {
        line.extend_from_slice(b"a ");
        line.extend_from_slice(buf.format(a.number()).as_bytes());
        line.push(b'\n');
    }
    for &a in aba.assumptions() {
        for &c in aba.contraries(a) {
            line.extend_from_slice(b"c ");
            line.extend_from_slice(buf.format(a.number()).as_bytes());
            line.push(b' ');
            line.extend_from_slice(buf.format(c.number()).as_bytes());
            line.push(b'\n');
        }
        if line.len() > 1 << 16 {
            out.write_all(&line)?;
            line.clear();
        }
    }
    for r in aba.rules() {
        line.extend_from_slice(b"r ");
        line.extend_from_slice(buf.format(aba.head(r).number()).as_bytes());
        for &b in aba.body(r) {
            line.push(b' ');
            line.extend_from_slice(buf.format(b.number()).as_bytes());
        }
        line.push(b'\n');
        if line.len() > 1 << 16 {
            out.write_all(&line)?;
            line.clear();
        }
    }
    out.write_all(&line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> (usize, usize, String) {
        let e = parse(text).unwrap_err();
        (e.line, e.column, e.kind.to_string())
    }

    #[test]
    fn reads_every_statement() {
        let aba =
            parse("# c\np aba 5\na 1\na 2\nc 1 3\nc 2 2\nc 1 4\nr 3 2 5\nr 3 5 2\nr 5\n").unwrap();
        assert_eq!(aba.len(), 5);
        assert_eq!(aba.assumptions(), &[Atom(0), Atom(1)]);
        assert_eq!(aba.contraries(Atom(0)), &[Atom(2), Atom(3)]);
        assert_eq!(aba.contraries(Atom(1)), &[Atom(1)]);
        assert_eq!(aba.num_rules(), 2, "the duplicate rule is merged");
        let mut out = Vec::new();
        write(&aba, &mut out).unwrap();
        assert_eq!(parse(std::str::from_utf8(&out).unwrap()).unwrap(), aba);
    }

    #[test]
    fn names_line_and_column_of_each_error() {
        assert_eq!(error("a 1\n").0, 1);
        assert!(error("a 1\n").2.contains("missing `p aba N`"));
        assert!(error("p af 3\n").2.contains("expected `p aba N`"));
        assert_eq!(error("p aba 2\na 3\n"), (2, 3, "atom 3 is out of range 1..=2".into()));
        assert_eq!(error("p aba 2\na 0\n").0, 2);
        assert!(error("p aba 2\na x\n").2.contains("expected an atom number, found `x`"));
        assert_eq!(error("p aba 2\na 1 2\n").1, 5);
        assert!(error("p aba 2\nc 1 2\n").2.contains("not an assumption"));
        assert_eq!(error("p aba 2\nr 1 2\na 1\n").0, 3, "flatness: the later line");
        assert!(error("p aba 2\na 1\nr 1 2\n").2.contains("must be flat"));
        assert_eq!(error("p aba 2\np aba 2\n").0, 2);
        assert!(error("p aba 2\nx 1\n").2.contains("syntax error"));
        assert!(error("p aba 2\nr\n").2.contains("`r HEAD BODY...`"));
        assert!(error("p aba 2\nc 1\n").2.contains("`c ASSUMPTION CONTRARY`"));
        assert!(error("").2.contains("missing `p aba N`"));
        assert!(error("p aba 99999999999999\n").2.contains("expected `p aba N`"));
    }

    #[test]
    fn a_contrary_may_come_before_its_assumption() {
        let aba = parse("p aba 2\nc 1 2\na 1\n").unwrap();
        assert_eq!(aba.contraries(Atom(0)), &[Atom(1)]);
    }
}
