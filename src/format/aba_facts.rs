//! ABA facts, for people: atoms are names, as APX is for AFs. The facts are ASPforABA's
//! (`assumption(a).`, `contrary(a,x).`, `head(r1,p).`, `body(r1,q).`), plus `atom(x).`
//! to declare an atom no other fact names (and to fix the atoms' order). Any whitespace
//! between tokens, `%` comments to the end of a line; names are `[A-Za-z0-9_]+`. Atoms
//! are numbered in order of first appearance. A rule is the head and every body fact of
//! one rule name; a rule name with a body but no head is an error. See `grammar/aba.md`.

use std::collections::HashMap;
use std::io::{self, Write};

use nom::character::complete::char;
use nom::sequence::{delimited, separated_pair};
use nom::{IResult, Parser};

use super::apx::{fact, name, skip};
use super::error::{ParseError, ParseErrorKind};
use crate::aba::{Aba, AbaBuilder, Atom};
use crate::af::Names;

/// One statement.
enum Fact<'a> {
    Atom(&'a str),
    Assumption(&'a str),
    Contrary(&'a str, &'a str),
    Head(&'a str, &'a str),
    Body(&'a str, &'a str),
}

fn one<'a>(keyword: &'static str, input: &'a str) -> IResult<&'a str, &'a str> {
    fact(keyword, name).parse(input)
}

fn two<'a>(keyword: &'static str, input: &'a str) -> IResult<&'a str, (&'a str, &'a str)> {
    fact(keyword, separated_pair(name, delimited(skip, char(','), skip), name)).parse(input)
}

/// The fact keywords.
const KEYWORDS: [&str; 5] = ["assumption", "contrary", "head", "body", "atom"];

/// Parses ABA facts.
///
/// # Errors
/// The first [`ParseError`]: a syntax error, a contrary of an atom no `assumption` fact
/// names, a body of a rule with no `head`, a head that is an assumption.
pub fn parse(text: &str) -> Result<Aba, ParseError> {
    let bytes = text.as_bytes();
    let offset = |s: &str| s.as_ptr() as usize - text.as_ptr() as usize;
    let at = |s: &str, kind| ParseError::at(bytes, offset(s), kind);
    let mut facts: Vec<Fact<'_>> = Vec::new();
    let mut rest = text;
    loop {
        rest = skip(rest).map_or(rest, |(r, ())| r);
        if rest.is_empty() {
            break;
        }
        let Some(keyword) = KEYWORDS.iter().find(|k| rest.starts_with(*k)) else {
            let expected =
                "`assumption(A).`, `contrary(A,X).`, `head(R,X).`, `body(R,X).` or `atom(X).`";
            return Err(at(rest, ParseErrorKind::Syntax(expected)));
        };
        let parsed = match *keyword {
            "assumption" => one("assumption", rest).map(|(r, a)| (r, Fact::Assumption(a))),
            "atom" => one("atom", rest).map(|(r, a)| (r, Fact::Atom(a))),
            "contrary" => two("contrary", rest).map(|(r, (a, c))| (r, Fact::Contrary(a, c))),
            "head" => two("head", rest).map(|(r, (id, h))| (r, Fact::Head(id, h))),
            _ => two("body", rest).map(|(r, (id, b))| (r, Fact::Body(id, b))),
        };
        match parsed {
            Ok((r, f)) => {
                facts.push(f);
                rest = r;
            }
            Err(e) => {
                let pos = match e {
                    nom::Err::Error(e) | nom::Err::Failure(e) => e.input,
                    nom::Err::Incomplete(_) => rest,
                };
                let expected = match *keyword {
                    "assumption" => "`assumption(NAME).`",
                    "atom" => "`atom(NAME).`",
                    "contrary" => "`contrary(ASSUMPTION,NAME).`",
                    "head" => "`head(RULE,NAME).`",
                    _ => "`body(RULE,NAME).`",
                };
                return Err(at(pos, ParseErrorKind::Syntax(expected)));
            }
        }
    }
    // Atoms in order of first appearance.
    let mut names = Names::new();
    let mut index: HashMap<&str, u32, foldhash::fast::RandomState> = HashMap::default();
    for f in &facts {
        let (x, y) = match *f {
            Fact::Atom(a) | Fact::Assumption(a) => (a, None),
            Fact::Contrary(a, c) => (a, Some(c)),
            Fact::Head(_, x) | Fact::Body(_, x) => (x, None),
        };
        for n in std::iter::once(x).chain(y) {
            index.entry(n).or_insert_with(|| {
                names.push(n);
                names.len() as u32 - 1
            });
        }
    }
    let mut builder = AbaBuilder::with_names(names);
    let find = |n: &str| Atom(index[n]);
    // Rules by name, in order of first appearance: the head and the body atoms.
    let mut rule_index: HashMap<&str, usize, foldhash::fast::RandomState> = HashMap::default();
    let mut rules: Vec<(&str, Option<Atom>, Vec<Atom>)> = Vec::new();
    for f in &facts {
        match *f {
            Fact::Assumption(a) => {
                builder
                    .assumption(find(a))
                    .map_err(|_| at(a, ParseErrorKind::NotFlat(a.into())))?;
            }
            Fact::Head(id, h) | Fact::Body(id, h) => {
                let i = *rule_index.entry(id).or_insert_with(|| {
                    rules.push((id, None, Vec::new()));
                    rules.len() - 1
                });
                if let Fact::Head(..) = f {
                    if rules[i].1.is_some_and(|old| old != find(h)) {
                        return Err(at(id, ParseErrorKind::Syntax("one `head` per rule name")));
                    }
                    rules[i].1 = Some(find(h));
                } else {
                    rules[i].2.push(find(h));
                }
            }
            Fact::Atom(_) | Fact::Contrary(..) => {}
        }
    }
    for f in &facts {
        if let Fact::Contrary(a, c) = *f {
            if !builder.is_assumption(find(a)) {
                return Err(at(a, ParseErrorKind::NotAnAssumption(a.into())));
            }
            builder.contrary(find(a), find(c)).expect("atoms come from the table");
        }
    }
    for (id, head, body) in &rules {
        let Some(h) = *head else {
            return Err(at(id, ParseErrorKind::RuleWithoutHead((*id).into())));
        };
        let name = builder_name(&facts, h, &index);
        builder.rule(h, body).map_err(|_| at(name, ParseErrorKind::NotFlat(name.into())))?;
    }
    Ok(builder.build().expect("contraries checked above"))
}

/// The text of the first `head` fact naming `h` (for an error message's position).
fn builder_name<'a>(
    facts: &[Fact<'a>],
    h: Atom,
    index: &HashMap<&str, u32, foldhash::fast::RandomState>,
) -> &'a str {
    facts
        .iter()
        .find_map(|f| match *f {
            Fact::Head(_, x) if index[x] == h.0 => Some(x),
            _ => None,
        })
        .expect("a rule's head comes from a head fact")
}

/// Writes `aba` as facts: `atom` for every atom in order (so that reading it back keeps
/// the numbering), then assumptions, contraries, and rules named `r1`, `r2`, ...;
/// atoms without names are written as their 1-based numbers.
///
/// # Errors
/// An [`io::ErrorKind::InvalidData`] error, before anything is written, when a name is
/// not a fact name (letters, digits, `_`); any I/O error of `out`.
pub fn write(aba: &Aba, out: &mut impl Write) -> io::Result<()> {
    if let Some(names) = aba.names()
        && let Some(bad) = names.iter().find(|n| name(n).map_or(true, |(rest, _)| !rest.is_empty()))
    {
        let why = format!(
            "the atom name `{}` cannot be written as a fact (letters, digits, _)",
            super::error::quoted(bad)
        );
        return Err(io::Error::new(io::ErrorKind::InvalidData, why));
    }
    let n = |a: Atom| aba.display_name(a);
    for a in aba.atoms() {
        writeln!(out, "atom({}).", n(a))?;
    }
    for &a in aba.assumptions() {
        writeln!(out, "assumption({}).", n(a))?;
    }
    for &a in aba.assumptions() {
        for &c in aba.contraries(a) {
            writeln!(out, "contrary({},{}).", n(a), n(c))?;
        }
    }
    for r in aba.rules() {
        let id = r.index() + 1;
        writeln!(out, "head(r{id},{}).", n(aba.head(r)))?;
        for &b in aba.body(r) {
            writeln!(out, "body(r{id},{}).", n(b))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_aspforaba_facts_and_writes_them_back() {
        let text = "% debate\nassumption(a). assumption(b).\ncontrary(a, y).\ncontrary(b,x).\n\
                    head(r1,x). body(r1,a).\nhead(r2,y).\nhead(r3, y). body(r3,b). body(r3,x).\n";
        let aba = parse(text).unwrap();
        assert_eq!(aba.len(), 4);
        let a = aba.find("a").unwrap();
        let y = aba.find("y").unwrap();
        assert_eq!(aba.contraries(a), &[y]);
        assert_eq!(aba.num_rules(), 3);
        let mut out = Vec::new();
        write(&aba, &mut out).unwrap();
        assert_eq!(parse(std::str::from_utf8(&out).unwrap()).unwrap(), aba);
    }

    #[test]
    fn names_line_and_column_of_each_error() {
        let e = parse("assumption(a).\ncontrary(x,a).\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 10));
        assert!(e.kind.to_string().contains("not an assumption"));
        let e = parse("body(r1,a).\n").unwrap_err();
        assert!(e.kind.to_string().contains("no head"), "{e}");
        let e = parse("assumption(a).\nhead(r, a).\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 9));
        let e = parse("arg(a).\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 1));
        let e = parse("head(r1 x).\n").unwrap_err();
        assert!(e.kind.to_string().contains("`head(RULE,NAME).`"), "{e}");
    }
}
