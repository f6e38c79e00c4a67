//! What the parser targets share.

use argsat::{Format, Framework, parse};

/// Parses `data` in `format`; an error must point inside the input (positions count from
/// after a byte-order mark, as the parser's do). The memory argsat may plan for is
/// 256 MiB: more than that is refused before it is allocated, which the fuzzer's
/// allocation limit checks.
pub fn parse_checked(data: &[u8], format: Format) -> Option<Framework> {
    static LIMIT: std::sync::Once = std::sync::Once::new();
    // SAFETY: set once, before any thread of this process reads the environment.
    LIMIT.call_once(|| unsafe { std::env::set_var("ARGSAT_MEMORY_MIB", "256") });
    match parse(data, format) {
        Ok(af) => Some(af),
        Err(e) => {
            let text = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
            let lines: Vec<&[u8]> = text.split(|&b| b == b'\n').collect();
            assert!(e.line >= 1 && e.line <= lines.len(), "line {} of {}: {e}", e.line, lines.len());
            let line = String::from_utf8_lossy(lines[e.line - 1]);
            let width = line.chars().count() + 1;
            assert!(e.column >= 1 && e.column <= width, "column {} of {width}: {e}", e.column);
            // Messages quote short prefixes only.
            assert!(e.to_string().len() < 300, "a long message: {e}");
            None
        }
    }
}
