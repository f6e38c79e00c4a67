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

/// Reads `path` whole.
pub(crate) fn read(path: &Path) -> io::Result<Contents> {
    let mut file = File::open(path)?;
    let size = file.metadata()?.len();
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
    file.read_to_end(&mut bytes)?;
    Ok(Contents::Read(bytes))
}
