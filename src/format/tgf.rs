//! The trivial graph format: one argument name per line, a line `#`, then one
//! `a b` attack line per attack. Blank lines are skipped. See `grammar/tgf.md`.

use std::io::{self, Write};

use nom::bytes::complete::take_till1;
use nom::character::complete::{space0, space1};
use nom::combinator::all_consuming;
use nom::sequence::{delimited, separated_pair};
use nom::{IResult, Parser};

use super::error::{ParseError, ParseErrorKind};
use super::{NameTable, lines, tokens, write_name};
use crate::af::Framework;

fn token(input: &str) -> IResult<&str, &str> {
    take_till1(|c: char| c.is_ascii_whitespace()).parse(input)
}

fn node(line: &str) -> IResult<&str, &str> {
    all_consuming(delimited(space0, token, space0)).parse(line)
}

fn edge(line: &str) -> IResult<&str, (&str, &str)> {
    all_consuming(delimited(space0, separated_pair(token, space1, token), space0)).parse(line)
}

/// Why `line` (starting at byte `start`) is no line of `names` names: a token past them,
/// else a separator other than a space or tab (a form feed, a carriage return inside the
/// line), else a missing name.
fn malformed(bytes: &[u8], start: usize, line: &str, names: usize) -> ParseError {
    if let Some((col, t)) = tokens(line).nth(names) {
        return ParseError::at(bytes, start + col, ParseErrorKind::TrailingGarbage(t.into()));
    }
    let other_space = |c: char| c.is_ascii_whitespace() && c != ' ' && c != '\t';
    match line.find(other_space) {
        Some(col) => ParseError::at(
            bytes,
            start + col,
            ParseErrorKind::Syntax("a space or tab between names"),
        ),
        None => ParseError::at(bytes, start + line.len(), ParseErrorKind::MissingArgument),
    }
}

/// Parses a TGF framework.
///
/// # Errors
/// The first [`ParseError`]: an attack naming an undeclared argument, a line with too
/// few or too many tokens. An argument declared twice is a warning (returned beside the
/// framework).
pub fn parse(text: &str) -> Result<(Framework, Vec<ParseError>), ParseError> {
    let bytes = text.as_bytes();
    let mut names = NameTable::new(text);
    let mut iter = lines(text);
    for (start, line) in iter.by_ref() {
        if line.trim().is_empty() {
            continue;
        }
        if line.trim() == "#" {
            break;
        }
        let Ok((_, a)) = node(line) else {
            return Err(malformed(bytes, start, line, 1));
        };
        names.declare(a);
    }
    let mut builder = names.builder();
    for (start, line) in iter {
        if line.trim().is_empty() {
            continue;
        }
        let Ok((_, (a, b))) = edge(line) else {
            return Err(malformed(bytes, start, line, 2));
        };
        builder
            .attack(names.resolve(a)?, names.resolve(b)?)
            .expect("indices come from the name table");
    }
    Ok((builder.build(), names.warnings))
}

/// Writes `af` in TGF; arguments without names are written as their 1-based numbers.
///
/// # Errors
/// Any I/O error of `out`.
pub fn write(af: &Framework, out: &mut impl Write) -> io::Result<()> {
    // A first name starting with U+FEFF would read back as a byte-order mark and lose it
    // (found by the roundtrip fuzz target): a blank line first keeps it a name.
    if af.names().is_some_and(|n| !n.is_empty() && n.get(0).starts_with('\u{feff}')) {
        out.write_all(b"\n")?;
    }
    for a in af.args() {
        write_name(af, a, out)?;
        out.write_all(b"\n")?;
    }
    out.write_all(b"#\n")?;
    for (a, b) in af.attack_pairs() {
        write_name(af, a, out)?;
        out.write_all(b" ")?;
        write_name(af, b, out)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
