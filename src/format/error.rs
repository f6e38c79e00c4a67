//! Parse errors with line and column, and read errors carrying the path.

use std::path::PathBuf;

/// What went wrong while parsing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// No `p af N` header before the first attack (or an empty file).
    #[error("missing `p af N` header before the first attack")]
    MissingHeader,
    /// A header line that is not `p af N` with `N` a non-negative integer.
    #[error("malformed header: expected `p af N`")]
    MalformedHeader,
    /// A second `p ...` line.
    #[error("repeated header: the file already has a `p af N` line")]
    RepeatedHeader,
    /// An argument number 0 or above the declared count.
    #[error("argument {} is out of range 1..={max}", quoted(value))]
    OutOfRange {
        /// The number as written.
        value: String,
        /// The declared number of arguments.
        max: u32,
    },
    /// A token that should be a number and is not.
    #[error("expected an argument number, found `{}`", quoted(.0))]
    NotANumber(String),
    /// An attack line with only one argument.
    #[error("expected two arguments on an attack line")]
    MissingArgument,
    /// Extra tokens after a complete line.
    #[error("trailing garbage `{}` after the end of the line's content", quoted(.0))]
    TrailingGarbage(String),
    /// An attack naming an argument never declared.
    #[error("undeclared argument `{}`", quoted(.0))]
    UndeclaredArgument(String),
    /// An argument declared twice (a warning: the second declaration is ignored).
    #[error("duplicate declaration of argument `{}` (ignored)", quoted(.0))]
    DuplicateArgument(String),
    /// A statement the grammar does not allow here.
    #[error("syntax error: expected {0}")]
    Syntax(&'static str),
    /// The input is not valid UTF-8.
    #[error("invalid UTF-8")]
    InvalidUtf8,
    /// A NUL byte, which no format allows: binary data, not a framework.
    #[error("a NUL byte: this is not a text file")]
    NulByte,
    /// No `p aba N` header before the first statement of an ABA file.
    #[error("missing `p aba N` header before the first statement")]
    MissingAbaHeader,
    /// A header line that is not `p aba N` with `N` a non-negative integer.
    #[error("malformed header: expected `p aba N`")]
    MalformedAbaHeader,
    /// An atom number 0 or above the declared count.
    #[error("atom {} is out of range 1..={max}", quoted(value))]
    AtomOutOfRange {
        /// The number as written.
        value: String,
        /// The declared number of atoms.
        max: u32,
    },
    /// A token that should be an atom number and is not.
    #[error("expected an atom number, found `{}`", quoted(.0))]
    NotAnAtomNumber(String),
    /// A rule whose head is an assumption: the framework would not be flat.
    #[error("atom `{}` is an assumption and heads a rule: ABA frameworks must be flat", quoted(.0))]
    NotFlat(String),
    /// A contrary of an atom that is not an assumption.
    #[error("atom `{}` has a contrary but is not an assumption", quoted(.0))]
    NotAnAssumption(String),
    /// A rule body naming a rule that has no head.
    #[error("rule `{}` has a body but no head", quoted(.0))]
    RuleWithoutHead(String),
    /// The header declares more arguments than this machine can hold.
    #[error(
        "the header declares {declared} arguments, which need about {} of memory; {} are available",
        human_bytes(*needs),
        human_bytes(*available)
    )]
    TooManyArguments {
        /// The declared number of arguments.
        declared: u64,
        /// Bytes the framework would need at least.
        needs: u64,
        /// Bytes available to this process.
        available: u64,
    },
    /// An ABA header declares more atoms than this machine can hold.
    #[error(
        "the header declares {declared} atoms, which need about {} of memory; {} are available",
        human_bytes(*needs),
        human_bytes(*available)
    )]
    TooManyAtoms {
        /// The declared number of atoms.
        declared: u64,
        /// Bytes the framework would need at least.
        needs: u64,
        /// Bytes available to this process.
        available: u64,
    },
}

/// The longest token an error message quotes whole; longer ones are cut with `...`.
pub(crate) const QUOTED_CHARS: usize = 40;

/// `token` as an error message quotes it: whole up to `QUOTED_CHARS` (40) characters, else
/// its first characters and `...` (a 5 MB number on one line is not echoed back). Every
/// message quoting the input goes through it.
pub fn quoted(token: &str) -> String {
    match token.char_indices().nth(QUOTED_CHARS) {
        None => token.to_owned(),
        Some((cut, _)) => format!("{}...", &token[..cut]),
    }
}

/// `1.5 GB`, `512 MB`, `3 KB` (powers of 1024).
pub fn human_bytes(bytes: u64) -> String {
    let units = ["bytes", "KB", "MB", "GB", "TB", "PB", "EB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < units.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 { format!("{bytes} bytes") } else { format!("{value:.1} {}", units[unit]) }
}

/// A parse error at a 1-based line and column (columns count characters).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {kind}")]
pub struct ParseError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What went wrong.
    pub kind: ParseErrorKind,
}

impl ParseError {
    /// The error at byte `offset` of `text`, with line and column computed from it.
    pub fn at(text: &[u8], offset: usize, kind: ParseErrorKind) -> ParseError {
        let offset = offset.min(text.len());
        let before = &text[..offset];
        let line = memchr::memchr_iter(b'\n', before).count() + 1;
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&text[line_start..offset]).chars().count() + 1;
        ParseError { line, column, kind }
    }
}

/// Reading a framework from a file failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file could not be parsed.
    #[error("{}:{}:{}: {}", path.display(), error.line, error.column, error.kind)]
    Parse {
        /// The file.
        path: PathBuf,
        /// Where and what.
        error: ParseError,
    },
    /// The input is larger than the memory available can parse (a file, or a stream
    /// that does not end).
    #[error(
        "{}: the input is too large for the memory available: {} {}, the limit is {} (parsing needs several times the input's size)",
        path.display(),
        human_bytes(*read),
        if *stream { "read from a stream" } else { "in the file" },
        human_bytes(*limit)
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The file's size, or the bytes read from a stream when reading stopped.
        read: u64,
        /// The most argsat reads: half the memory available for a file, an eighth for a
        /// stream (whose size cannot be known before reading).
        limit: u64,
        /// Whether the input is a stream (a pipe, a device) rather than a file.
        stream: bool,
    },
}
