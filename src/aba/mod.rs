//! Assumption-based argumentation (flat ABA): frameworks of atoms, assumptions,
//! contraries and rules, solved directly over the assumptions (no translation to an AF).
//!
//! An assumption set S *derives* the atoms of the least fixpoint of the rules over S; S
//! *attacks* an assumption when it derives one of its contraries. S is conflict-free
//! when it attacks none of its own assumptions; admissible when, besides, the
//! assumptions it does not attack derive no contrary of its members (it defends them);
//! complete when it is admissible and holds every assumption it defends; grounded the
//! least complete set; preferred a maximal admissible set; stable a conflict-free set
//! attacking every assumption outside it. An atom is accepted in an extension when the
//! extension derives it.
//!
//! - [`model`](Aba): the framework, its builder and its atoms;
//! - `derive`: the rule index and Horn closure the solvers share;
//! - `grounded`: the grounded extension by a fixpoint, no SAT;
//! - `encode`: the SAT encoding over assumptions and derived atoms, exact on cyclic
//!   rules through loop formulas added when a model claims an unfounded atom;
//! - `solve`: one [`AbaSolver`] per semantics over the shared SAT layer;
//! - [`verify`]: independent checks of extensions (no code shared with the solvers);
//! - [`explain`](mod@explain): derivations, and the attacks that defeat them;
//! - [`generate`](mod@generate): random frameworks of the ICCMA 2023 generator's shape.
//! - [`explain`]: derivations and the attacks that defeat them.
//!
//! ```
//! use argsat::aba::{self, Atom};
//! use argsat::Semantics;
//!
//! // a and b are assumptions; x <- a is b's contrary, y <- b is a's.
//! let text = "p aba 4\na 1\na 2\nc 1 4\nc 2 3\nr 3 1\nr 4 2\n";
//! let fw = aba::parse(text.as_bytes(), aba::AbaFormat::Iccma)?;
//! let mut s = aba::solver(fw, Semantics::Stable)?;
//! assert_eq!(s.count()?, 2);
//! assert!(s.credulous(Atom(2))?.accepted);
//! assert!(!s.sceptical(Atom(2))?.accepted);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod derive;
mod encode;
pub mod explain;
pub mod generate;

mod grounded;
mod model;
mod solve;
pub mod verify;

use std::path::Path;

pub use grounded::grounded_extension;
pub use model::{Aba, AbaBuilder, AbaError, Atom, AtomName, Rule};
pub use solve::{AbaSolver, Decision, Unsupported, solver, solver_with};

use crate::format::{self, ParseError, ParseErrorKind, ReadError};

/// The ABA file formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AbaFormat {
    /// ICCMA's `p aba N` format.
    Iccma,
    /// Named facts: `assumption(a).`, `contrary(a,x).`, `head(r,x).`, `body(r,y).`
    Facts,
}

impl AbaFormat {
    /// The short name (`aba`, `abafacts`).
    pub fn name(self) -> &'static str {
        match self {
            AbaFormat::Iccma => "aba",
            AbaFormat::Facts => "abafacts",
        }
    }

    /// The format a file extension implies: `.aba` for ICCMA's, `.abafacts`/`.lp` for facts.
    pub fn from_path(path: &Path) -> Option<AbaFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "aba" => Some(AbaFormat::Iccma),
            "abafacts" | "lp" => Some(AbaFormat::Facts),
            _ => None,
        }
    }

    /// Whether `text` looks like an ABA file, and which: the first line that is neither
    /// blank nor a comment starts with `p aba`, or with an ABA fact
    /// (`assumption(`, `contrary(`, `head(`, `body(`, `atom(`).
    pub fn sniff(text: &[u8]) -> Option<AbaFormat> {
        for line in text.split(|&b| b == b'\n') {
            let line = line.trim_ascii();
            if line.is_empty() || line.starts_with(b"%") || line.starts_with(b"#") {
                continue;
            }
            if let Some(rest) = line.strip_prefix(b"p") {
                let rest = rest.trim_ascii_start();
                return (rest.starts_with(b"aba")
                    && rest.get(3).is_none_or(u8::is_ascii_whitespace))
                .then_some(AbaFormat::Iccma);
            }
            let facts = ["assumption", "contrary", "head", "body", "atom"];
            let is_fact = facts.iter().any(|k| {
                line.strip_prefix(k.as_bytes())
                    .is_some_and(|r| r.trim_ascii_start().starts_with(b"("))
            });
            return is_fact.then_some(AbaFormat::Facts);
        }
        None
    }
}

impl std::str::FromStr for AbaFormat {
    type Err = crate::task::UnknownName;

    fn from_str(s: &str) -> Result<AbaFormat, crate::task::UnknownName> {
        match s.to_ascii_lowercase().as_str() {
            "aba" | "iccma-aba" => Ok(AbaFormat::Iccma),
            "abafacts" | "aba-facts" | "facts" => Ok(AbaFormat::Facts),
            _ => Err(crate::task::UnknownName::new(format!(
                "unknown ABA format `{s}`; ABA formats: aba, abafacts"
            ))),
        }
    }
}

impl std::fmt::Display for AbaFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Parses `bytes` as an ABA framework in `format` (a UTF-8 byte-order mark is skipped).
///
/// # Errors
/// The first [`ParseError`] in the input.
pub fn parse(bytes: &[u8], format: AbaFormat) -> Result<Aba, ParseError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(nul) = memchr::memchr(0, bytes) {
        return Err(ParseError::at(bytes, nul, ParseErrorKind::NulByte));
    }
    let text = format::as_text(bytes)?;
    match format {
        AbaFormat::Iccma => format::aba::parse(text),
        AbaFormat::Facts => format::aba_facts::parse(text),
    }
}

/// Reads and parses an ABA file; the format is `format`, else implied by the extension,
/// else sniffed (ICCMA's when nothing says facts).
///
/// # Errors
/// As [`crate::read_file`].
pub fn read_file(path: &Path, format: Option<AbaFormat>) -> Result<(Aba, AbaFormat), ReadError> {
    let bytes = format::read_bytes(path)?;
    let content = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let format = format
        .or_else(|| AbaFormat::sniff(content))
        .or_else(|| AbaFormat::from_path(path))
        .unwrap_or(AbaFormat::Iccma);
    let aba =
        parse(&bytes, format).map_err(|error| ReadError::Parse { path: path.to_owned(), error })?;
    Ok((aba, format))
}

/// Writes `aba` in `format`.
///
/// # Errors
/// Any I/O error of `out`; facts refuse names that are not fact names.
pub fn write(aba: &Aba, format: AbaFormat, out: &mut impl std::io::Write) -> std::io::Result<()> {
    match format {
        AbaFormat::Iccma => format::aba::write(aba, out),
        AbaFormat::Facts => format::aba_facts::write(aba, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_aba_files() {
        assert_eq!(AbaFormat::sniff(b"# c\np aba 3\n"), Some(AbaFormat::Iccma));
        assert_eq!(AbaFormat::sniff(b"p af 3\n"), None);
        assert_eq!(AbaFormat::sniff(b"p abacus 3\n"), None);
        assert_eq!(AbaFormat::sniff(b"% c\nassumption(a).\n"), Some(AbaFormat::Facts));
        assert_eq!(AbaFormat::sniff(b"arg(a).\n"), None);
        assert_eq!(AbaFormat::sniff(b""), None);
    }
}
