//! Reading a whole file into memory at the lowest cost: a large file is mapped (read-only,
//! private, populated at once) instead of copied, which saves a copy and thousands of page
//! faults; a small one, or one that cannot be mapped, is read into a vector.

use std::fs::File;
use std::io::{self, Read};
use std::ops::Deref;
use std::path::Path;

/// Files at least this large are mapped.
const MAP_BYTES: u64 = 1 << 20;

/// A file's bytes: mapped or read.
pub(crate) enum Contents {
    /// Read into memory.
    Read(Vec<u8>),
    /// Mapped: address and length of a private read-only mapping this value owns.
    #[cfg(unix)]
    Mapped(*const u8, usize),
}

impl Deref for Contents {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Contents::Read(v) => v,
            // SAFETY: the mapping is `len` readable bytes and lives as long as `self`. It is
            // private, so writes by others to the file are not seen through it as long as
            // the pages are not truncated away; a file truncated while argsat reads it is
            // the one case this does not cover (as with any mmap-based reader).
            #[cfg(unix)]
            Contents::Mapped(ptr, len) => unsafe { std::slice::from_raw_parts(*ptr, *len) },
        }
    }
}

impl Drop for Contents {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Contents::Mapped(ptr, len) = *self {
            // SAFETY: unmaps exactly the mapping this value owns, once.
            unsafe { libc::munmap(ptr as *mut libc::c_void, len) };
        }
    }
}

/// Why a file could not be read.
pub(crate) enum ReadFailure {
    /// An I/O error.
    Io(io::Error),
    /// More bytes than this process can parse: how many were read (or the file's size),
    /// the limit, and whether the input is a stream.
    TooLarge(u64, u64, bool),
}

impl From<io::Error> for ReadFailure {
    fn from(e: io::Error) -> ReadFailure {
        ReadFailure::Io(e)
    }
}

/// Reads `path` whole. A file larger than half the memory available is refused before it
/// is read (parsing needs as much again and more); a stream (a pipe, a device), whose size
/// is not known, is read up to an eighth of it.
pub(crate) fn read(path: &Path) -> Result<Contents, ReadFailure> {
    let mut file = File::open(path)?;
    let meta = file.metadata()?;
    let (size, stream) = (meta.len(), !meta.is_file());
    let available = available_memory();
    if let Some(cap) = available.map(|a| a / 2)
        && size > cap
    {
        return Err(ReadFailure::TooLarge(size, cap, false));
    }
    #[cfg(unix)]
    if size >= MAP_BYTES && size <= isize::MAX as u64 && file.metadata()?.is_file() {
        use std::os::fd::AsRawFd;
        let len = size as usize;
        // SAFETY: a fresh read-only private mapping of an open file; checked for failure.
        let ptr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ,
                libc::MAP_PRIVATE | libc::MAP_POPULATE,
                file.as_raw_fd(),
                0,
            )
        };
        if ptr != libc::MAP_FAILED {
            return Ok(Contents::Mapped(ptr as *const u8, len));
        }
    }
    let mut bytes = Vec::with_capacity(size as usize + 1);
    let cap = available.map_or(u64::MAX, |a| if stream { a / 8 } else { a / 2 });
    // A chunk at a time: a stream that does not end stops at the cap (one byte past it
    // tells it from one that fits), and binary data at its first NUL byte, which the
    // parser then reports where it is.
    let mut chunk = vec![0u8; 1 << 16];
    loop {
        let n = match file.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        bytes.extend_from_slice(&chunk[..n]);
        if bytes.len() as u64 > cap {
            return Err(ReadFailure::TooLarge(bytes.len() as u64, cap, stream));
        }
        if memchr::memchr(0, &chunk[..n]).is_some() {
            break;
        }
    }
    Ok(Contents::Read(bytes))
}

/// Bytes this process can still use: the smallest of the memory the kernel reports
/// available (`MemAvailable`), the address-space limit (`RLIMIT_AS`) and the environment
/// variable `ARGSAT_MEMORY_MIB` (a limit of the user's); `None` where none is known.
pub(crate) fn available_memory() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok().and_then(|text| {
        let line = text.lines().find(|l| l.starts_with("MemAvailable:"))?;
        let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib.saturating_mul(1024))
    });
    let user = std::env::var("ARGSAT_MEMORY_MIB")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(|mib| mib.saturating_mul(1 << 20));
    [meminfo, address_space_limit(), user].into_iter().flatten().min()
}

/// The soft address-space limit, when there is one.
fn address_space_limit() -> Option<u64> {
    #[cfg(unix)]
    {
        let mut lim = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: getrlimit writes the struct it is given.
        let ok = unsafe { libc::getrlimit(libc::RLIMIT_AS, &mut lim) } == 0;
        if ok && lim.rlim_cur != libc::RLIM_INFINITY {
            return Some(lim.rlim_cur);
        }
    }
    None
}
