//! The ICCMA 2023 format: a `p af N` header, then one `a b` line per attack (`a`
//! attacks `b`), arguments numbered `1..=N`, `#` comment lines anywhere. Blank lines
//! and a missing final newline are tolerated; duplicate attacks are removed.
//! See `grammar/iccma23.md`.

use std::io::{self, Write};

use nom::bytes::complete::tag;
use nom::character::complete::{digit1, space0, space1};
use nom::combinator::{all_consuming, map};
use nom::sequence::{delimited, separated_pair};
use nom::{IResult, Parser};

use super::error::{ParseError, ParseErrorKind};
use super::{lines, tokens};
use crate::af::{Framework, FrameworkBuilder};

/// Digits as a number, saturating at `u64::MAX` (out of range either way).
pub(crate) fn number(digits: &str) -> u64 {
    digits.bytes().fold(0u64, |acc, d| acc.saturating_mul(10).saturating_add(u64::from(d - b'0')))
}

fn header(line: &str) -> IResult<&str, u64> {
    all_consuming(delimited(
        (space0, tag("p"), space1, tag("af"), space1),
        map(digit1, number),
        space0,
    ))
    .parse(line)
}

fn attack(line: &str) -> IResult<&str, (&str, &str)> {
    all_consuming(delimited(space0, separated_pair(digit1, space1, digit1), space0)).parse(line)
}

fn is_comment_or_blank(line: &str) -> bool {
    let t = line.trim_start();
    t.is_empty() || t.starts_with('#')
}

/// Parses an ICCMA 2023 framework.
///
/// # Errors
/// The first [`ParseError`]: missing, malformed or repeated header, an argument
/// out of range, a token that is not a number, a missing argument or trailing garbage.
pub fn parse(text: &str) -> Result<Framework, ParseError> {
    let bytes = text.as_bytes();
    let err = |offset: usize, kind| ParseError::at(bytes, offset, kind);
    let mut iter = lines(text);
    // The header: the first line that is neither blank nor a comment.
    let (n, header_start) = loop {
        let Some((start, line)) = iter.next() else {
            return Err(err(bytes.len(), ParseErrorKind::MissingHeader));
        };
        if is_comment_or_blank(line) {
            continue;
        }
        if !line.trim_start().starts_with('p') {
            let col = line.len() - line.trim_start().len();
            return Err(err(start + col, ParseErrorKind::MissingHeader));
        }
        match header(line) {
            Ok((_, n)) if n < u64::from(u32::MAX) => {
                if let Some(e) = too_many(n, bytes.len()) {
                    // At the number: the last run of digits on the line.
                    let t = line.trim_end();
                    let digits = t.bytes().rev().take_while(u8::is_ascii_digit).count();
                    return Err(err(start + t.len() - digits, e));
                }
                break (n as u32, start);
            }
            _ => {
                let col = line.len() - line.trim_start().len();
                return Err(err(start + col, ParseErrorKind::MalformedHeader));
            }
        }
    };
    let body =
        memchr::memchr(b'\n', &bytes[header_start..]).map_or(bytes.len(), |p| header_start + p + 1);
    let mut builder = FrameworkBuilder::new(n);
    // Every attack line takes at least 4 bytes: an upper bound that never re-allocates
    // (pages reserved but never written are not resident).
    let pairs = builder.pairs_mut();
    // A large file is read in two halves at once (split after a newline, so no line is
    // cut); the first error in file order wins.
    let split = (bytes.len() - body > PARALLEL_BYTES)
        .then(|| body + (bytes.len() - body) / 2)
        .and_then(|mid| memchr::memchr(b'\n', &bytes[mid..]).map(|p| mid + p + 1))
        .filter(|_| std::thread::available_parallelism().is_ok_and(|p| p.get() > 1));
    match split {
        None => {
            pairs.reserve((bytes.len() - body) / 4 + 1);
            attack_lines(text, body, bytes.len(), n, pairs)?;
        }
        Some(mid) => {
            pairs.reserve((mid - body) / 4 + 1);
            let mut second = Vec::with_capacity((bytes.len() - mid) / 4 + 1);
            let (first, later) = std::thread::scope(|scope| {
                let later = scope.spawn(|| attack_lines(text, mid, bytes.len(), n, &mut second));
                (attack_lines(text, body, mid, n, pairs), later.join())
            });
            first?;
            later.unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
            builder.append_checked(second);
        }
    }
    Ok(builder.build())
}

/// Bytes a framework of `n` arguments needs at least, besides its attacks: CSR offsets
/// both ways and the grounded labelling's word and queue slot per argument.
const BYTES_PER_ARGUMENT: u64 = 16;

/// When the arguments declared (and the attack lines of a `len`-byte file) cannot fit in
/// the memory available, the error saying so: decided before anything is allocated.
pub(crate) fn too_many(n: u64, len: usize) -> Option<ParseErrorKind> {
    let available = super::mapped::available_memory()?;
    let needs = n.saturating_mul(BYTES_PER_ARGUMENT).saturating_add(2 * len as u64);
    (needs > available).then_some(ParseErrorKind::TooManyArguments {
        declared: n,
        needs,
        available,
    })
}

/// Files above this size are read by two threads.
const PARALLEL_BYTES: usize = 1 << 20;

/// Reads the attack lines of `text[from..to]` (`from` at a line start, `to` at a line start
/// or the end) into `pairs` as 0-based pairs.
fn attack_lines(
    text: &str,
    from: usize,
    to: usize,
    n: u32,
    pairs: &mut Vec<(u32, u32)>,
) -> Result<(), ParseError> {
    let bytes = text.as_bytes();
    let err = |offset: usize, kind| ParseError::at(bytes, offset, kind);
    let mut pos = from;
    while pos < to {
        // The fast path takes well-formed attack lines straight from the bytes.
        if let Some((x, y, next)) = fast_attack(bytes, pos)
            && (1..=u64::from(n)).contains(&x)
            && (1..=u64::from(n)).contains(&y)
        {
            pairs.push((x as u32 - 1, y as u32 - 1));
            pos = next;
            continue;
        }
        // Everything else goes through the grammar: comments, blank lines, errors.
        let end = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |p| pos + p);
        let line = text[pos..end].strip_suffix('\r').unwrap_or(&text[pos..end]);
        match attack(line) {
            Ok((_, (a, b)))
                if (1..=u64::from(n)).contains(&number(a))
                    && (1..=u64::from(n)).contains(&number(b)) =>
            {
                pairs.push((number(a) as u32 - 1, number(b) as u32 - 1));
            }
            Ok((_, (a, b))) => {
                let bad = if (1..=u64::from(n)).contains(&number(a)) { b } else { a };
                let offset = bad.as_ptr() as usize - text.as_ptr() as usize;
                return Err(err(offset, ParseErrorKind::OutOfRange { value: bad.into(), max: n }));
            }
            Err(_) if is_comment_or_blank(line) => {}
            Err(_) => return Err(diagnose(bytes, pos, line)),
        }
        pos = end + 1;
    }
    Ok(())
}

/// Up to 7 ASCII digits at `pos` read 8 bytes at a time: the value and the digit count.
/// `None` when fewer than 8 bytes remain, no digit starts there, or 8 or more follow.
#[inline(always)]
fn swar_number(bytes: &[u8], pos: usize) -> Option<(u32, usize)> {
    let chunk: [u8; 8] = bytes.get(pos..pos + 8)?.try_into().ok()?;
    // Digits become 0..=9; any other byte has its high bit set in `non_digit`.
    let x = u64::from_le_bytes(chunk) ^ 0x3030_3030_3030_3030;
    let non_digit =
        (((x & 0x7F7F_7F7F_7F7F_7F7F) + 0x7676_7676_7676_7676) | x) & 0x8080_8080_8080_8080;
    let len = (non_digit.trailing_zeros() / 8) as usize;
    if len == 0 || len == 8 {
        return None;
    }
    // Shift the digits to the top (leading zeros below), then combine pairwise.
    let v = x << (8 * (8 - len));
    let v = ((v & 0x0F0F_0F0F_0F0F_0F0F).wrapping_mul(2561)) >> 8;
    let v = ((v & 0x00FF_00FF_00FF_00FF).wrapping_mul(6_553_601)) >> 16;
    let v = ((v & 0x0000_FFFF_0000_FFFF).wrapping_mul(42_949_672_960_001)) >> 32;
    Some((v as u32, len))
}

/// An attack line `DIGITS [ \t]+ DIGITS [ \t]* [\r] (\n | end)` starting at `pos`, with
/// numbers of at most 9 digits: the two numbers and where the next line starts. `None`
/// for anything else, which the grammar then handles (and reports when wrong).
#[inline]
fn fast_attack(bytes: &[u8], pos: usize) -> Option<(u64, u64, usize)> {
    // The common shape, `x y\n` away from the end of the file, 8 bytes at a time.
    if let Some((x, lx)) = swar_number(bytes, pos)
        && bytes.get(pos + lx) == Some(&b' ')
        && let Some((y, ly)) = swar_number(bytes, pos + lx + 1)
        && bytes.get(pos + lx + 1 + ly) == Some(&b'\n')
    {
        return Some((u64::from(x), u64::from(y), pos + lx + ly + 2));
    }
    fast_attack_bytewise(bytes, pos)
}

/// [`fast_attack`] one byte at a time: other blanks, `\r`, long numbers, the last line.
fn fast_attack_bytewise(bytes: &[u8], pos: usize) -> Option<(u64, u64, usize)> {
    #[inline(always)]
    fn num(bytes: &[u8], pos: &mut usize) -> Option<u64> {
        let start = *pos;
        let mut v = 0u32;
        while *pos < bytes.len() {
            let d = bytes[*pos].wrapping_sub(b'0');
            if d > 9 {
                break;
            }
            v = v.wrapping_mul(10).wrapping_add(u32::from(d));
            *pos += 1;
        }
        (*pos > start && *pos - start <= 9).then_some(u64::from(v))
    }
    #[inline(always)]
    fn blanks(bytes: &[u8], pos: &mut usize) -> bool {
        let start = *pos;
        while *pos < bytes.len() && (bytes[*pos] == b' ' || bytes[*pos] == b'\t') {
            *pos += 1;
        }
        *pos > start
    }
    let mut pos = pos;
    let x = num(bytes, &mut pos)?;
    if !blanks(bytes, &mut pos) {
        return None;
    }
    let y = num(bytes, &mut pos)?;
    blanks(bytes, &mut pos);
    if pos < bytes.len() && bytes[pos] == b'\r' {
        pos += 1;
    }
    if pos == bytes.len() {
        Some((x, y, pos))
    } else if bytes[pos] == b'\n' {
        Some((x, y, pos + 1))
    } else {
        None
    }
}

/// Explains why `line` (at byte `start`) is not an attack line.
fn diagnose(bytes: &[u8], start: usize, line: &str) -> ParseError {
    let mut toks = tokens(line);
    let at = |col: usize, kind| ParseError::at(bytes, start + col, kind);
    if line.trim_start().starts_with('p') {
        let col = line.len() - line.trim_start().len();
        return at(col, ParseErrorKind::RepeatedHeader);
    }
    for i in 0..2 {
        match toks.next() {
            None => return at(line.len(), ParseErrorKind::MissingArgument),
            Some((col, t)) if !t.bytes().all(|b| b.is_ascii_digit()) => {
                // A token like `2x` or `a`: the number ends where the garbage starts.
                let digits = t.bytes().take_while(u8::is_ascii_digit).count();
                if i == 1 && digits > 0 {
                    return at(col + digits, ParseErrorKind::TrailingGarbage(t[digits..].into()));
                }
                return at(col, ParseErrorKind::NotANumber(t.into()));
            }
            Some(_) => {}
        }
    }
    match toks.next() {
        Some((col, t)) => at(col, ParseErrorKind::TrailingGarbage(t.into())),
        // Two numbers and nothing else, yet no match: only separators can be odd.
        None => at(0, ParseErrorKind::Syntax("`a b` with two argument numbers in 1..=N")),
    }
}

/// Writes `af` in ICCMA 2023 format (names are not representable and are dropped).
///
/// # Errors
/// Any I/O error of `out`.
pub fn write(af: &Framework, out: &mut impl Write) -> io::Result<()> {
    let mut buf = itoa::Buffer::new();
    writeln!(out, "p af {}", af.len())?;
    for (a, b) in af.attack_pairs() {
        out.write_all(buf.format(a.number()).as_bytes())?;
        out.write_all(b" ")?;
        out.write_all(buf.format(b.number()).as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_at_a_time_matches_bytewise() {
        let lines = [
            "1 2\n",
            "12 345\n",
            "1234567 7654321\n",
            "12345678 1\n",
            "1 12345678\n",
            "0 0\n",
            "1  2\n",
            "1\t2\n",
            "1 2 \n",
            "1 2\r\n",
            "1 2x\n",
            "x 2\n",
            "1 2",
            "1\n",
            "9999999 9999999\n",
            "123456789 1\n",
            "1 2\n3 4\n",
        ];
        for line in lines {
            // Padding keeps 8 readable bytes after each number, so the word path runs.
            let padded = format!("{line}########");
            assert_eq!(
                fast_attack(padded.as_bytes(), 0),
                fast_attack_bytewise(padded.as_bytes(), 0),
                "{line:?}"
            );
        }
        for v in [0u32, 1, 9, 10, 99, 100, 4321, 65535, 65536, 999_999, 1_000_000, 9_999_999] {
            let text = format!("{v} ########");
            assert_eq!(swar_number(text.as_bytes(), 0), Some((v, v.to_string().len())));
        }
    }
}
