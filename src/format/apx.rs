//! The APX (Aspartix) format: `arg(a).` and `att(a,b).` facts, any whitespace between
//! tokens, `%` comments to the end of a line. Names are identifiers or numbers
//! (`[A-Za-z0-9_]+`). An attack may name an argument declared later in the file.
//! See `grammar/apx.md`.

use std::io::{self, Write};

use nom::branch::alt;
use nom::bytes::complete::{tag, take_till, take_while1};
use nom::character::complete::{char, multispace1};
use nom::combinator::{recognize, value};
use nom::multi::many0_count;
use nom::sequence::{delimited, pair, preceded, separated_pair, terminated};
use nom::{IResult, Parser};

use super::error::{ParseError, ParseErrorKind};
use super::{NameTable, write_name};
use crate::af::Framework;

/// Whitespace and `%` comments.
pub(crate) fn skip(input: &str) -> IResult<&str, ()> {
    value((), many0_count(alt((multispace1, recognize(pair(char('%'), take_till(|c| c == '\n')))))))
        .parse(input)
}

pub(crate) fn name(input: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_alphanumeric() || c == '_').parse(input)
}

/// `keyword ( args ) .` with optional whitespace and comments between tokens.
pub(crate) fn fact<'a, O>(
    keyword: &'static str,
    args: impl Parser<&'a str, Output = O, Error = nom::error::Error<&'a str>>,
) -> impl Parser<&'a str, Output = O, Error = nom::error::Error<&'a str>> {
    terminated(
        preceded((tag(keyword), skip, char('('), skip), terminated(args, (skip, char(')')))),
        (skip, char('.')),
    )
}

/// One statement.
enum Statement<'a> {
    Arg(&'a str),
    Att(&'a str, &'a str),
}

/// A parser of one kind of statement.
type StatementParser = fn(&str) -> IResult<&str, Statement<'_>>;

fn arg_fact(input: &str) -> IResult<&str, Statement<'_>> {
    fact("arg", name).map(Statement::Arg).parse(input)
}

fn att_fact(input: &str) -> IResult<&str, Statement<'_>> {
    fact("att", separated_pair(name, delimited(skip, char(','), skip), name))
        .map(|(a, b)| Statement::Att(a, b))
        .parse(input)
}

/// Parses an APX framework.
///
/// # Errors
/// The first [`ParseError`]: a syntax error, or an `att` naming an argument never
/// declared. An argument declared twice is a warning (returned beside the framework).
pub fn parse(text: &str) -> Result<(Framework, Vec<ParseError>), ParseError> {
    let bytes = text.as_bytes();
    let offset = |s: &str| s.as_ptr() as usize - text.as_ptr() as usize;
    let mut names = NameTable::new(text);
    let mut attacks: Vec<(&str, &str)> = Vec::new();
    let mut rest = text;
    loop {
        rest = skip(rest).map_or(rest, |(r, ())| r);
        if rest.is_empty() {
            break;
        }
        // Dispatch on the keyword, so that an error points into the statement it is in.
        let (parser, expected): (StatementParser, _) = if rest.starts_with("arg") {
            (arg_fact, "`arg(NAME).`")
        } else if rest.starts_with("att") {
            (att_fact, "`att(NAME,NAME).`")
        } else {
            let kind = ParseErrorKind::Syntax("`arg(NAME).` or `att(NAME,NAME).`");
            return Err(ParseError::at(bytes, offset(rest), kind));
        };
        match parser(rest) {
            Ok((r, Statement::Arg(a))) => {
                names.declare(a);
                rest = r;
            }
            Ok((r, Statement::Att(a, b))) => {
                attacks.push((a, b));
                rest = r;
            }
            Err(e) => {
                let at = match e {
                    nom::Err::Error(e) | nom::Err::Failure(e) => e.input,
                    nom::Err::Incomplete(_) => rest,
                };
                return Err(ParseError::at(bytes, offset(at), ParseErrorKind::Syntax(expected)));
            }
        }
    }
    let mut builder = names.builder();
    builder.reserve(attacks.len());
    for (a, b) in attacks {
        let (x, y) = (names.resolve(a)?, names.resolve(b)?);
        builder.attack(x, y).expect("indices come from the name table");
    }
    Ok((builder.build(), names.warnings))
}

/// Writes `af` in APX; arguments without names are written as their 1-based numbers.
///
/// # Errors
/// An [`io::ErrorKind::InvalidData`] error, before anything is written, when a name is
/// not an APX name (letters, digits and `_`: a TGF name such as `a(b` is not); any I/O
/// error of `out`.
pub fn write(af: &Framework, out: &mut impl Write) -> io::Result<()> {
    if let Some(names) = af.names()
        && let Some(bad) = names.iter().find(|n| name(n).map_or(true, |(rest, _)| !rest.is_empty()))
    {
        let why = format!(
            "the argument name `{}` cannot be written in APX (letters, digits, _)",
            super::error::quoted(bad)
        );
        return Err(io::Error::new(io::ErrorKind::InvalidData, why));
    }
    for a in af.args() {
        out.write_all(b"arg(")?;
        write_name(af, a, out)?;
        out.write_all(b").\n")?;
    }
    for (a, b) in af.attack_pairs() {
        out.write_all(b"att(")?;
        write_name(af, a, out)?;
        out.write_all(b",")?;
        write_name(af, b, out)?;
        out.write_all(b").\n")?;
    }
    Ok(())
}
