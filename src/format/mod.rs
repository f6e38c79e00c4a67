//! Reading and writing frameworks: ICCMA 2023 (`p af N`), APX and TGF.
//!
//! Each format has its own module with a parser and a writer; this module chooses the
//! format (explicitly, by file extension, or by sniffing the content) and maps errors
//! to the file they came from. A file is read into one buffer, checked for UTF-8 once,
//! and parsed in place: no per-line or per-argument allocations on the ICCMA path.

pub mod aba;
pub mod aba_facts;
pub mod apx;
pub mod error;
pub mod iccma23;
mod mapped;
pub mod tgf;

use std::io::{self, Write};
use std::path::Path;
use std::str::FromStr;

pub use error::{ParseError, ParseErrorKind, ReadError};

use std::collections::HashMap;

use crate::af::{Arg, Framework, FrameworkBuilder, Names};

/// An input/output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// ICCMA 2023: `p af N`, then `a b` attack lines, `#` comments.
    Iccma23,
    /// Aspartix: `arg(a).` and `att(a,b).` facts, `%` comments.
    Apx,
    /// Trivial graph format: argument lines, `#`, attack lines.
    Tgf,
}

impl Format {
    /// All formats, in the order `--formats` lists them.
    pub const ALL: [Format; 3] = [Format::Iccma23, Format::Apx, Format::Tgf];

    /// The short name used by `-fo`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Iccma23 => "i23",
            Format::Apx => "apx",
            Format::Tgf => "tgf",
        }
    }

    /// The format a file extension implies (`.af`, `.i23`, `.apx`, `.tgf`).
    pub fn from_path(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "af" | "i23" => Some(Format::Iccma23),
            "apx" => Some(Format::Apx),
            "tgf" => Some(Format::Tgf),
            _ => None,
        }
    }

    /// Guesses the format from the content: a `p ` header means ICCMA 2023, an `arg(` or
    /// `att(` fact means APX, anything else TGF.
    pub fn sniff(text: &[u8]) -> Format {
        for line in text.split(|&b| b == b'\n') {
            let line = line.trim_ascii();
            if line.is_empty() || line.starts_with(b"%") {
                continue;
            }
            if line.starts_with(b"#") {
                // A comment in ICCMA 2023; in TGF only the separator line, which is bare.
                if line == b"#" {
                    return Format::Tgf;
                }
                continue;
            }
            if line.starts_with(b"p ") || line.starts_with(b"p\t") {
                return Format::Iccma23;
            }
            if line.starts_with(b"arg") || line.starts_with(b"att") {
                return Format::Apx;
            }
            return Format::Tgf;
        }
        Format::Iccma23
    }
}

impl FromStr for Format {
    type Err = crate::task::UnknownName;

    fn from_str(s: &str) -> Result<Format, crate::task::UnknownName> {
        match s.to_ascii_lowercase().as_str() {
            "i23" | "af" | "iccma23" | "iccma" => Ok(Format::Iccma23),
            "apx" => Ok(Format::Apx),
            "tgf" => Ok(Format::Tgf),
            _ => Err(crate::task::UnknownName::new(format!(
                "unknown format `{s}`; supported formats: i23, apx, tgf"
            ))),
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Checks that `bytes` is UTF-8 and returns it as text.
///
/// # Errors
/// [`ParseErrorKind::InvalidUtf8`] at the first invalid byte.
pub fn as_text(bytes: &[u8]) -> Result<&str, ParseError> {
    std::str::from_utf8(bytes)
        .map_err(|e| ParseError::at(bytes, e.valid_up_to(), ParseErrorKind::InvalidUtf8))
}

/// The UTF-8 byte-order mark some editors write at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Parses `bytes` in the given format.
///
/// # Errors
/// The first [`ParseError`] in the input.
pub fn parse(bytes: &[u8], format: Format) -> Result<Framework, ParseError> {
    parse_reporting(bytes, format).map(|(af, _)| af)
}

/// Parses `bytes` in the given format, with the warnings: what the input says that is
/// not an error but likely a mistake (an argument declared twice; the first
/// [`MAX_WARNINGS`]). A UTF-8 byte-order
/// mark at the start is skipped (positions count from after it, as editors show them).
///
/// # Errors
/// The first [`ParseError`] in the input.
pub fn parse_reporting(
    bytes: &[u8],
    format: Format,
) -> Result<(Framework, Vec<ParseError>), ParseError> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    if let Some(nul) = memchr::memchr(0, bytes) {
        return Err(ParseError::at(bytes, nul, ParseErrorKind::NulByte));
    }
    let text = as_text(bytes)?;
    match format {
        Format::Iccma23 => iccma23::parse(text).map(|af| (af, Vec::new())),
        Format::Apx => apx::parse(text),
        Format::Tgf => tgf::parse(text),
    }
}

/// Reads and parses a file; the format is `format`, else implied by the extension,
/// else sniffed from the content. Returns the framework and the format used.
///
/// # Errors
/// [`ReadError::Io`] when the file cannot be read, [`ReadError::TooLarge`] when it cannot
/// fit in memory, [`ReadError::Parse`] with the path and position when it cannot be
/// parsed.
pub fn read_file(path: &Path, format: Option<Format>) -> Result<(Framework, Format), ReadError> {
    read_file_reporting(path, format).map(|(af, format, _)| (af, format))
}

/// [`read_file`], with the warnings of [`parse_reporting`].
///
/// # Errors
/// As [`read_file`].
pub fn read_file_reporting(
    path: &Path,
    format: Option<Format>,
) -> Result<(Framework, Format, Vec<ParseError>), ReadError> {
    let bytes = read_bytes(path)?;
    let content = bytes.strip_prefix(BOM).unwrap_or(&bytes);
    let format =
        format.or_else(|| Format::from_path(path)).unwrap_or_else(|| Format::sniff(content));
    let (af, warnings) = parse_reporting(&bytes, format)
        .map_err(|error| ReadError::Parse { path: path.to_owned(), error })?;
    Ok((af, format, warnings))
}

/// A file's bytes (mapped or read), or the error naming it.
pub(crate) fn read_bytes(path: &Path) -> Result<mapped::Contents, ReadError> {
    mapped::read(path).map_err(|failure| match failure {
        mapped::ReadFailure::Io(source) => ReadError::Io { path: path.to_owned(), source },
        mapped::ReadFailure::TooLarge(read, limit, stream) => {
            ReadError::TooLarge { path: path.to_owned(), read, limit, stream }
        }
    })
}

/// Writes `af` in `format`.
///
/// # Errors
/// Any I/O error of `out`.
pub fn write(af: &Framework, format: Format, out: &mut impl Write) -> io::Result<()> {
    match format {
        Format::Iccma23 => iccma23::write(af, out),
        Format::Apx => apx::write(af, out),
        Format::Tgf => tgf::write(af, out),
    }
}

/// Splits text into lines with their byte offsets; `\r\n` endings lose the `\r`.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut start = 0usize;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |p| start + p);
        let mut line = &text[start..end];
        if let Some(stripped) = line.strip_suffix('\r') {
            line = stripped;
        }
        let item = (start, line);
        start = end + 1;
        Some(item)
    })
}

/// How many warnings a parse keeps at most (the first ones).
pub const MAX_WARNINGS: usize = 100;

/// The declared argument names of an APX or TGF file, slices of its text.
pub(crate) struct NameTable<'t> {
    text: &'t str,
    names: Names,
    index: HashMap<&'t str, u32, foldhash::fast::RandomState>,
    /// Arguments declared again, as warnings.
    pub(crate) warnings: Vec<ParseError>,
}

impl<'t> NameTable<'t> {
    pub(crate) fn new(text: &'t str) -> NameTable<'t> {
        // foldhash, not SipHash: hashing names was two thirds of reading a 3-million-argument
        // APX file.
        NameTable { text, names: Names::new(), index: HashMap::default(), warnings: Vec::new() }
    }

    fn error(&self, name: &str, kind: ParseErrorKind) -> ParseError {
        let offset = name.as_ptr() as usize - self.text.as_ptr() as usize;
        ParseError::at(self.text.as_bytes(), offset, kind)
    }

    /// Declares `name` (a slice of the text); a second declaration is kept as a warning
    /// (the first [`MAX_WARNINGS`]) and otherwise ignored, as crustabri and scalop do.
    pub(crate) fn declare(&mut self, name: &'t str) {
        let next = self.names.len() as u32;
        match self.index.entry(name) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(next);
                self.names.push(name);
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                if self.warnings.len() < MAX_WARNINGS {
                    let warning = self.error(name, ParseErrorKind::DuplicateArgument(name.into()));
                    self.warnings.push(warning);
                }
            }
        }
    }

    /// The argument `name` (a slice of the text) was declared as.
    pub(crate) fn resolve(&self, name: &str) -> Result<Arg, ParseError> {
        self.index
            .get(name)
            .copied()
            .map(Arg)
            .ok_or_else(|| self.error(name, ParseErrorKind::UndeclaredArgument(name.into())))
    }

    /// A builder over the declared arguments (the names move into it; `resolve` still works).
    pub(crate) fn builder(&mut self) -> FrameworkBuilder {
        FrameworkBuilder::with_names(std::mem::take(&mut self.names))
    }
}

/// Whitespace-separated tokens of a line with their byte offsets in the line.
pub(crate) fn tokens(line: &str) -> impl Iterator<Item = (usize, &str)> {
    line.split_ascii_whitespace().map(move |t| (t.as_ptr() as usize - line.as_ptr() as usize, t))
}

/// Writes an argument's display name (name or 1-based number).
pub(crate) fn write_name(
    af: &Framework,
    a: crate::af::Arg,
    out: &mut impl Write,
) -> io::Result<()> {
    match af.names() {
        Some(names) => out.write_all(names.get(a.index()).as_bytes()),
        None => out.write_all(itoa::Buffer::new().format(a.number()).as_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_each_format() {
        assert_eq!(Format::sniff(b"# c\np af 3\n1 2\n"), Format::Iccma23);
        assert_eq!(Format::sniff(b"% c\narg(a).\n"), Format::Apx);
        assert_eq!(Format::sniff(b"a\nb\n#\na b\n"), Format::Tgf);
    }

    #[test]
    fn lines_strip_carriage_returns() {
        let v: Vec<_> = lines("a\r\nb\n\nc").collect();
        assert_eq!(v, vec![(0, "a"), (3, "b"), (5, ""), (6, "c")]);
    }
}
