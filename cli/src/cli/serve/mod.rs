//! `argsat serve`: one web page and a small JSON API over the library, on tiny_http.
//!
//! Each request runs on a thread of its own (at most [`MAX_IN_FLIGHT`] at once) with the
//! library's deadline set to its time limit, so a hard framework answers 503 when its
//! time is up and never holds up the others. Bodies above the size limit get 413 before
//! they are read; bad frameworks get 400 with the parser's line and column; a handler
//! that panics answers 500 and the server goes on. Only the files named on the command
//! line are ever read, by their index (`/api/frameworks/N`): no path from a request
//! reaches the file system.

mod api;
mod edits;
mod session;

use std::io::{self, Read, Write};
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use argsat::Options;

use super::CliError;

/// Requests handled at once; more get 503 at once.
const MAX_IN_FLIGHT: usize = 256;

/// What `argsat serve` was asked for.
pub(super) struct Config {
    pub files: Vec<PathBuf>,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
    pub max_body: u64,
    pub request_timeout: Duration,
    pub options: Options,
}

/// `64M`, `512K`, `1G`, `1000` (bytes; suffixes are 1024-based).
pub(super) fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let (digits, unit) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => t.split_at(i),
        None => (t, ""),
    };
    let scale: u64 = match unit.to_ascii_uppercase().trim_end_matches(['B', 'I']) {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        _ => return Err(format!("--max-body: `{text}` is not a size (like 64M)")),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(scale))
        .ok_or_else(|| format!("--max-body: `{text}` is not a size (like 64M)"))
}

/// What the handlers share.
pub(super) struct State {
    /// The frameworks offered: a name and where it comes from.
    pub frameworks: Vec<(String, Source)>,
    pub max_body: u64,
    pub request_timeout: Duration,
    pub options: Options,
    /// The frameworks the page edits.
    sessions: session::Sessions,
}

/// Where an offered framework's text comes from.
pub(super) enum Source {
    /// A file named on the command line.
    File(PathBuf),
    /// Built in (the debate).
    Builtin(&'static str),
}

/// A handler's answer.
pub(super) struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Body,
}

pub(super) enum Body {
    Bytes(Vec<u8>),
    /// Chunks sent as they come (chunked transfer).
    Stream(std::sync::mpsc::Receiver<Vec<u8>>),
}

impl Reply {
    pub fn json(status: u16, value: &serde_json::Value) -> Reply {
        Reply {
            status,
            content_type: "application/json",
            body: Body::Bytes(format!("{value}\n").into_bytes()),
        }
    }

    pub fn error(status: u16, message: impl Into<String>) -> Reply {
        Reply::json(status, &serde_json::json!({ "error": message.into() }))
    }

    pub fn bytes(content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply { status: 200, content_type, body: Body::Bytes(body.into()) }
    }
}

/// A request as the handlers see it.
pub(super) struct Incoming {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// When the request's time is up.
    pub deadline: Instant,
}

impl Incoming {
    pub fn param(&self, key: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// `%41` and `+` decoded; invalid escapes kept as they are.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn split_url(url: &str) -> (String, Vec<(String, String)>) {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let pairs = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect();
    (percent_decode(path), pairs)
}

/// Starts the server and serves until the process ends.
pub(super) fn run(
    config: Config,
    out: &mut impl Write,
) -> Result<std::process::ExitCode, CliError> {
    let mut frameworks = Vec::new();
    for f in &config.files {
        if !f.is_file() {
            return Err(CliError::Usage(format!("{}: no such file", f.display())));
        }
        let name =
            f.file_name().map_or_else(|| f.display().to_string(), |n| n.to_string_lossy().into());
        frameworks.push((name, Source::File(f.clone())));
    }
    if frameworks.is_empty() {
        frameworks.push(("capabilities-vs-alignment.apx".to_owned(), Source::Builtin(api::DEBATE)));
    }
    let state = Arc::new(State {
        frameworks,
        max_body: config.max_body,
        request_timeout: config.request_timeout,
        options: config.options,
        sessions: session::Sessions::default(),
    });
    let server = tiny_http::Server::http((config.bind, config.port)).map_err(|e| {
        CliError::Usage(format!("cannot listen on {}:{}: {e}", config.bind, config.port))
    })?;
    let address = match server.server_addr().to_ip() {
        Some(a) if a.ip().is_ipv6() => format!("http://[{}]:{}/", a.ip(), a.port()),
        Some(a) => format!("http://{}:{}/", a.ip(), a.port()),
        None => "http://localhost/".to_owned(),
    };
    writeln!(out, "argsat serve: {address} (Ctrl-C stops)")?;
    out.flush()?;
    if config.open {
        let _ = std::process::Command::new("xdg-open").arg(&address).spawn();
    }
    limit_arenas();
    let in_flight = Arc::new(AtomicUsize::new(0));
    for request in server.incoming_requests() {
        if in_flight.fetch_add(1, Ordering::SeqCst) >= MAX_IN_FLIGHT {
            in_flight.fetch_sub(1, Ordering::SeqCst);
            respond(request, Reply::error(503, "the server is busy; try again"));
            continue;
        }
        let (shared, flight) = (Arc::clone(&state), Arc::clone(&in_flight));
        let spawned = std::thread::Builder::new().name("argsat-serve".into()).spawn(move || {
            handle(request, shared);
            if flight.fetch_sub(1, Ordering::SeqCst) == 1 {
                trim_memory();
            }
        });
        if spawned.is_err() {
            in_flight.fetch_sub(1, Ordering::SeqCst);
        }
    }
    Ok(std::process::ExitCode::SUCCESS)
}

/// Few malloc arenas: glibc makes one per thread up to 8 per core, each keeping freed
/// memory of its own, so a thread per request would leave the server's memory high after a
/// burst.
fn limit_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt takes two integers; called before the request threads start.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// Gives memory freed by finished requests back to the system (glibc keeps it).
fn trim_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim takes no pointer and only releases free heap memory.
    unsafe {
        libc::malloc_trim(0);
    }
}

fn handle(mut request: tiny_http::Request, state: Arc<State>) {
    let start = Instant::now();
    let (path, query) = split_url(request.url());
    let method = request.method().as_str().to_owned();
    if request.body_length().is_some_and(|n| n as u64 > state.max_body) {
        respond(request, too_large(state.max_body));
        return;
    }
    let mut body = Vec::new();
    let read = request.as_reader().take(state.max_body + 1).read_to_end(&mut body);
    if let Err(e) = read {
        respond(request, Reply::error(400, format!("reading the request: {e}")));
        return;
    }
    if body.len() as u64 > state.max_body {
        respond(request, too_large(state.max_body));
        return;
    }
    let deadline = start + state.request_timeout;
    let incoming = Incoming { method, path, query, body, deadline };
    // The work runs on a thread of its own, so that the answer comes by the deadline
    // (and a little grace) even from work that cannot stop half-way (a varisat call, the
    // parse of a large body): then 503, and that thread ends when its work does.
    let (tx, rx) = std::sync::mpsc::channel();
    let shared = Arc::clone(&state);
    let worker = std::thread::Builder::new().name("argsat-work".into()).spawn(move || {
        let reply = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            api::route(&incoming, &shared)
        }))
        .unwrap_or_else(|_| Reply::error(500, "internal error (the server goes on)"));
        let _ = tx.send(reply);
    });
    let reply = match worker {
        Ok(_) => rx
            .recv_timeout((deadline + GRACE).saturating_duration_since(Instant::now()))
            .unwrap_or_else(|_| api::timed_out(&state)),
        Err(e) => Reply::error(503, format!("the server cannot start work now: {e}")),
    };
    respond(request, reply);
}

/// How long past its deadline a request's work may take before the request is answered
/// 503 without it.
const GRACE: Duration = Duration::from_millis(500);

fn too_large(limit: u64) -> Reply {
    Reply::error(413, format!("the request body is larger than {limit} bytes (--max-body)"))
}

fn respond(request: tiny_http::Request, reply: Reply) {
    let mut headers = vec![
        tiny_http::Header::from_bytes("Content-Type", reply.content_type).expect("a valid header"),
        tiny_http::Header::from_bytes("Cache-Control", "no-store").expect("a valid header"),
        tiny_http::Header::from_bytes("X-Content-Type-Options", "nosniff").expect("a valid header"),
    ];
    if reply.status == 413 {
        headers.push(tiny_http::Header::from_bytes("Connection", "close").expect("a valid header"));
    }
    let status = tiny_http::StatusCode(reply.status);
    // A client gone away is no error of ours.
    let _ = match reply.body {
        Body::Bytes(bytes) => {
            let len = bytes.len();
            request.respond(tiny_http::Response::new(status, headers, &bytes[..], Some(len), None))
        }
        Body::Stream(rx) => stream(request, reply.status, reply.content_type, rx),
    };
}

/// Sends the chunks of `rx` as they come, each flushed at once: tiny_http's own chunked
/// responses sit in its buffers until they end. The head and the chunked framing are
/// written here (HTTP/1.1, `Connection: close`); the request was parsed by tiny_http.
fn stream(
    request: tiny_http::Request,
    status: u16,
    content_type: &str,
    rx: std::sync::mpsc::Receiver<Vec<u8>>,
) -> io::Result<()> {
    let reason = tiny_http::StatusCode(status).default_reason_phrase();
    let mut w = request.into_writer();
    write!(
        w,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nCache-Control: no-store\r\n\
         X-Content-Type-Options: nosniff\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    )?;
    w.flush()?;
    for chunk in rx {
        if chunk.is_empty() {
            continue;
        }
        write!(w, "{:x}\r\n", chunk.len())?;
        w.write_all(&chunk)?;
        w.write_all(b"\r\n")?;
        // A client gone away ends the stream here, and the enumeration with it.
        w.flush()?;
    }
    w.write_all(b"0\r\n\r\n")?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_urls() {
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("1k"), Ok(1024));
        assert_eq!(parse_size("100"), Ok(100));
        assert_eq!(parse_size("2MiB"), Ok(2 << 20));
        assert!(parse_size("lots").is_err() && parse_size("").is_err());
        let (path, q) = split_url("/api/explain?argument=a%20b&semantics=stable&x=%zz");
        assert_eq!(path, "/api/explain");
        assert_eq!(q[0], ("argument".to_owned(), "a b".to_owned()));
        assert_eq!(q[2].1, "%zz");
    }
}
