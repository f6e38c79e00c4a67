//! The routes: the page, and the JSON API it uses (README, "argsat serve").

use std::sync::Arc;

use argsat::format::{self, Format};
use argsat::{Arg, Framework, Label, Options, Semantics, Stopped, grounded_labelling, solver_with};
use serde_json::{Value, json};

use super::super::picture::{self, Request};
use super::super::{CliError, friendly};
use super::edits;
use super::session::Entry;
use super::{Body, Incoming, Reply, Source, State};

/// The showcase debate, offered when no file is given (`page/debate.apx` links to
/// `frameworks/capabilities-vs-alignment.apx`, so that the package holds it).
pub(super) const DEBATE: &str = include_str!("page/debate.apx");

const INDEX: &str = include_str!("page/index.html");
const SCRIPT: &str = include_str!("page/app.js");
const STYLE: &str = include_str!("page/style.css");

/// Rows of `/api/status` by default, and at most.
pub(super) const STATUS_ROWS: usize = 2000;

pub(super) fn route(r: &Incoming, state: &State) -> Reply {
    let get = r.method == "GET" || r.method == "HEAD";
    let post = r.method == "POST";
    let result = match r.path.as_str() {
        "/" | "/index.html" if get => Ok(Reply::bytes("text/html; charset=utf-8", INDEX)),
        "/app.js" if get => Ok(Reply::bytes("text/javascript; charset=utf-8", SCRIPT)),
        "/style.css" if get => Ok(Reply::bytes("text/css; charset=utf-8", STYLE)),
        "/api/frameworks" if get => Ok(frameworks(state)),
        p if get && p.starts_with("/api/frameworks/") => offered(&p[16..], state),
        "/api/solve" if post => solve(r, state),
        "/api/extensions" if post => extensions(r, state),
        "/api/explain" if post => explain(r, state),
        "/api/accept" if post => accept(r, state),
        "/api/status" if post => status(r, state),
        "/api/check" if post => check(r, state),
        "/api/render" if post => render(r, state),
        "/api/convert" if post => convert(r, state),
        "/api/sessions" if post => edits::create_session(r, state),
        p if p.starts_with("/api/sessions/") => edits::session_route(&p[14..], r, state),
        "/" | "/index.html" | "/app.js" | "/style.css" | "/api/frameworks" => {
            Err(Reply::error(405, format!("{} takes GET", r.path)))
        }
        p if p.starts_with("/api/frameworks/") => Err(Reply::error(405, "takes GET")),
        "/api/solve" | "/api/extensions" | "/api/explain" | "/api/accept" | "/api/status"
        | "/api/check" | "/api/render" | "/api/convert" => {
            Err(Reply::error(405, format!("{} takes POST with the framework as its body", r.path)))
        }
        _ => Err(Reply::error(404, format!("no such page: {}", r.path))),
    };
    result.unwrap_or_else(|e| e)
}

pub(super) type Answer = Result<Reply, Reply>;

/// The names of `set`'s arguments, for JSON.
pub(super) fn names(af: &Framework, set: &[Arg]) -> Vec<String> {
    set.iter().map(|&a| af.display_name(a).to_string()).collect()
}

fn frameworks(state: &State) -> Reply {
    let list: Vec<Value> = state
        .frameworks
        .iter()
        .enumerate()
        .map(|(i, (name, _))| json!({ "id": i, "name": name }))
        .collect();
    Reply::json(200, &json!({ "frameworks": list }))
}

/// `/api/frameworks/N`: the text of the N-th framework offered, by index only.
fn offered(id: &str, state: &State) -> Answer {
    let entry = id.parse::<usize>().ok().and_then(|i| state.frameworks.get(i));
    let Some((_, source)) = entry else {
        return Err(Reply::error(404, format!("no framework {id}")));
    };
    let text = match source {
        Source::Builtin(text) => text.as_bytes().to_vec(),
        Source::File(path) => std::fs::read(path)
            .map_err(|e| Reply::error(500, format!("cannot read {}: {e}", path.display())))?,
    };
    Ok(Reply::bytes("text/plain; charset=utf-8", text))
}

/// The request's options: the server's, with the request's deadline.
pub(super) fn options(r: &Incoming, state: &State) -> Options {
    Options { deadline: Some(r.deadline), ..state.options.clone() }
}

/// The framework of `session=ID`, else the one in the body.
pub(super) fn framework(r: &Incoming, state: &State) -> Result<Arc<Framework>, Reply> {
    match r.param("session") {
        Some(id) => Ok(session(id, state)?.framework()),
        None => body_framework(r),
    }
}

pub(super) fn session(id: &str, state: &State) -> Result<Arc<Entry>, Reply> {
    state.sessions.get(id).ok_or_else(|| Reply::error(404, format!("no session {id} (expired?)")))
}

/// The framework in the body (`format=` or sniffed; `name=` names it in errors).
pub(super) fn body_framework(r: &Incoming) -> Result<Arc<Framework>, Reply> {
    let name = r.param("name").unwrap_or("framework");
    let fmt = match r.param("format") {
        Some(f) => f.parse::<Format>().map_err(|e| Reply::error(400, e.to_string()))?,
        None => Format::sniff(r.body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&r.body)),
    };
    match format::parse(&r.body, fmt) {
        Ok(af) => Ok(Arc::new(af)),
        Err(e) => Err(Reply::json(
            400,
            &json!({
                "error": format!("{name}:{}:{}: {}", e.line, e.column, e.kind),
                "line": e.line,
                "column": e.column,
                "format": fmt.name(),
            }),
        )),
    }
}

pub(super) fn semantics(r: &Incoming, default: Semantics) -> Result<Semantics, Reply> {
    match r.param("semantics") {
        Some(s) => {
            s.parse().map_err(|e: argsat::task::UnknownName| Reply::error(400, e.to_string()))
        }
        None => Ok(default),
    }
}

pub(super) fn argument(r: &Incoming, af: &Framework) -> Result<Arg, Reply> {
    named(af, r.param("argument").ok_or_else(|| Reply::error(400, "missing ?argument=NAME"))?)
}

fn named(af: &Framework, name: &str) -> Result<Arg, Reply> {
    af.find(name).ok_or_else(|| Reply::error(400, format!("no argument named `{name}`")))
}

/// A library or command-line error as a reply: 503 when time ran out.
fn failed(e: CliError, state: &State) -> Reply {
    match e {
        CliError::Stopped(_) => timed_out(state),
        CliError::Usage(m) => Reply::error(422, m),
        other => Reply::error(500, other.to_string()),
    }
}

/// 503: the request's time is up.
pub(super) fn timed_out(state: &State) -> Reply {
    Reply::error(
        503,
        format!(
            "the request took longer than {} s (--request-timeout)",
            state.request_timeout.as_secs_f64()
        ),
    )
}

/// Runs one of the command line's writers into a buffer.
fn buffered(
    content_type: &'static str,
    f: impl FnOnce(&mut Vec<u8>) -> Result<std::process::ExitCode, CliError>,
) -> Result<Reply, CliError> {
    let mut out = Vec::new();
    f(&mut out)?;
    Ok(Reply::bytes(content_type, out))
}

fn solve(r: &Incoming, state: &State) -> Answer {
    let af = framework(r, state)?;
    let sem = semantics(r, Semantics::Grounded)?;
    let all = matches!(r.param("all"), Some("1" | "true"));
    buffered("application/json", |out| friendly::solve(&af, sem, all, true, options(r, state), out))
        .map_err(|e| failed(e, state))
}

/// `/api/extensions`: one JSON line per extension as it is found (`{"extension":[..]}`),
/// then `{"done":true,"count":N}`, or `{"error":..,"count":N}` when time runs out.
fn extensions(r: &Incoming, state: &State) -> Answer {
    let af = framework(r, state)?;
    let sem = semantics(r, Semantics::Preferred)?;
    let options = options(r, state);
    let seconds = state.request_timeout.as_secs_f64();
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(64);
    std::thread::spawn(move || {
        let mut count = 0u64;
        let mut s = solver_with(Arc::clone(&af), sem, options);
        let done = s.enumerate(&mut |e| {
            count += 1;
            let line = format!("{}\n", json!({ "extension": names(&af, e) }));
            // The client went away: stop.
            tx.send(line.into_bytes()).is_ok()
        });
        let last = match done {
            Ok(()) => json!({ "done": true, "count": count }),
            Err(Stopped::DeadlineExpired) => json!({
                "error": format!("stopped after {seconds} s (--request-timeout)"),
                "count": count,
            }),
            Err(e) => json!({ "error": e.to_string(), "count": count }),
        };
        let _ = tx.send(format!("{last}\n").into_bytes());
    });
    Ok(Reply { status: 200, content_type: "application/x-ndjson", body: Body::Stream(rx) })
}

fn explain(r: &Incoming, state: &State) -> Answer {
    let af = framework(r, state)?;
    let a = argument(r, &af)?;
    let sem = semantics(r, Semantics::Preferred)?;
    let e =
        argsat::explain::explain(&af, a, sem, options(r, state)).map_err(|_| timed_out(state))?;
    let mut value = e.to_json(&af);
    value["text"] = Value::from(e.to_text(&af));
    Ok(Reply::json(200, &value))
}

fn accept(r: &Incoming, state: &State) -> Answer {
    accept_of(&framework(r, state)?, r, state)
}

/// [`accept`] on `af`, on the static solvers.
pub(super) fn accept_of(af: &Arc<Framework>, r: &Incoming, state: &State) -> Answer {
    let a = argument(r, af)?;
    let sem = semantics(r, Semantics::Preferred)?;
    let mut s = solver_with(Arc::clone(af), sem, options(r, state));
    let stopped = |_| timed_out(state);
    let cred = s.credulous(a).map_err(stopped)?;
    let scep = s.sceptical(a).map_err(stopped)?;
    let witness = cred.certificate.as_deref().filter(|_| cred.accepted).map(|e| names(af, e));
    let counterexample =
        scep.certificate.as_deref().filter(|_| !scep.accepted).map(|e| names(af, e));
    Ok(acceptance(af, a, sem, (cred.accepted, witness), (scep.accepted, counterexample)))
}

/// The answer of `accept`: credulous and sceptical acceptance, each with its set.
pub(super) fn acceptance(
    af: &Framework,
    a: Arg,
    sem: Semantics,
    (credulous, witness): (bool, Option<Vec<String>>),
    (sceptical, counterexample): (bool, Option<Vec<String>>),
) -> Reply {
    Reply::json(
        200,
        &json!({
            "argument": af.display_name(a).to_string(),
            "semantics": sem.name(),
            "credulous": credulous,
            "witness": witness,
            "sceptical": sceptical,
            "counterexample": counterexample,
        }),
    )
}

/// `/api/status`: every argument's grounded label and its credulous and sceptical
/// acceptance (the first `limit` arguments, at most [`STATUS_ROWS`]).
fn status(r: &Incoming, state: &State) -> Answer {
    let af = framework(r, state)?;
    let sem = semantics(r, Semantics::Preferred)?;
    status_of(&af, sem, r, state)
}

/// [`status`] of `af`, on the static solvers.
pub(super) fn status_of(
    af: &Arc<Framework>,
    sem: Semantics,
    r: &Incoming,
    state: &State,
) -> Answer {
    let limit =
        r.param("limit").and_then(|l| l.parse().ok()).unwrap_or(STATUS_ROWS).min(STATUS_ROWS);
    let mut s = solver_with(Arc::clone(af), sem, options(r, state));
    status_reply(af, sem, limit, false, |a, sceptical| {
        let asked = if sceptical { s.sceptical(a) } else { s.credulous(a) };
        asked.map(|d| d.accepted).map_err(|_| timed_out(state))
    })
}

/// The answer of `status`: the first `limit` arguments of `af` with their grounded label
/// and their credulous and sceptical acceptance under `sem`, which `ask(a, sceptical)`
/// answers where the grounded labelling does not settle it (`incremental` says which
/// solver answered).
pub(super) fn status_reply(
    af: &Framework,
    sem: Semantics,
    limit: usize,
    incremental: bool,
    mut ask: impl FnMut(Arg, bool) -> Result<bool, Reply>,
) -> Answer {
    let grounded = grounded_labelling(af);
    // The grounded labelling settles IN and OUT for the semantics that always have an
    // extension, containing the grounded one (not stage; not stable, which may have none:
    // then nothing is credulously and everything sceptically accepted).
    let settled = !matches!(sem, Semantics::Stage | Semantics::Stable);
    let mut rows = Vec::new();
    for a in af.args().take(limit) {
        let label = grounded.label(a);
        let (cred, scep) = match label {
            Label::In if settled => (true, true),
            Label::Out if settled => (false, false),
            _ => {
                let c = ask(a, false)?;
                (c, (c || !settled) && ask(a, true)?)
            }
        };
        rows.push(json!({
            "name": af.display_name(a).to_string(),
            "grounded": label_name(label),
            "credulous": cred,
            "sceptical": scep,
        }));
    }
    let mut answer = json!({ "semantics": sem.name(), "arguments": rows, "total": af.len() });
    if incremental {
        answer["incremental"] = Value::from(true);
    }
    Ok(Reply::json(200, &answer))
}

fn label_name(l: Label) -> &'static str {
    match l {
        Label::In => "in",
        Label::Out => "out",
        _ => "undec",
    }
}

/// `/api/check`: what `argsat check` reports, as JSON; coherence and the stable count
/// `null` when the request's time ran out first.
fn check(r: &Incoming, state: &State) -> Answer {
    let af = framework(r, state)?;
    let options = options(r, state);
    let l = grounded_labelling(&af);
    let first = |set: &[Arg]| names(&af, &set[..set.len().min(100)]);
    let selfatt: Vec<Arg> = af.args().filter(|&a| af.is_self_attacking(a)).collect();
    let unattacked: Vec<Arg> = af.args().filter(|&a| af.attackers(a).is_empty()).collect();
    let start = std::time::Instant::now();
    let stable = solver_with(Arc::clone(&af), Semantics::Stable, options.clone())
        .some_extension()
        .map_err(|_| timed_out(state))?;
    // Coherence and the count can take exponentially long: as `argsat check`, each gets
    // twice the time the stable extension took (at least 0.5 s, or `budget=S` seconds),
    // within the request's own limit; what is not known by then is null.
    let budget = match r.param("budget").map(str::parse::<f64>) {
        Some(Ok(b)) if b.is_finite() && b >= 0.0 => std::time::Duration::from_secs_f64(b),
        Some(_) => return Err(Reply::error(400, "budget=S takes seconds")),
        None => (2 * start.elapsed()).max(std::time::Duration::from_millis(500)),
    };
    let soon = || Options {
        deadline: Some((std::time::Instant::now() + budget).min(r.deadline)),
        ..options.clone()
    };
    let coherent = match &stable {
        None => Some(false),
        Some(_) => argsat::semantics::incoherence_witness(Arc::clone(&af), soon())
            .ok()
            .map(|w| w.is_none()),
    };
    let mut count = 0u64;
    let counted = solver_with(Arc::clone(&af), Semantics::Stable, soon()).enumerate(&mut |_| {
        count += 1;
        true
    });
    Ok(Reply::json(
        200,
        &json!({
            "arguments": af.len(),
            "attacks": af.num_attacks(),
            "grounded": {
                "in": l.count(Label::In),
                "out": l.count(Label::Out),
                "undec": l.count(Label::Undec),
            },
            "self_attacking": { "count": selfatt.len(), "first": first(&selfatt) },
            "unattacked": { "count": unattacked.len(), "first": first(&unattacked) },
            "stable_exists": stable.is_some(),
            "coherent": coherent,
            "stable_extensions": counted.ok().map(|()| count),
            "stable_extensions_at_least": count,
        }),
    ))
}

/// `/api/render?semantics=S&extension=K&focus=A&depth=D`: SVG; 422 when the framework is
/// too large to draw without `focus`.
fn render(r: &Incoming, state: &State) -> Answer {
    let af = framework(r, state)?;
    let sem = match r.param("semantics") {
        Some(_) => Some(semantics(r, Semantics::Grounded)?),
        None => None,
    };
    let extension = match r.param("extension") {
        Some(k) => {
            Some(k.parse::<usize>().map_err(|_| Reply::error(400, "extension=K counts from 1"))?)
        }
        None => None,
    };
    let focus = match r.param("focus") {
        Some(name) => {
            let a = named(&af, name)?;
            let depth = r.param("depth").and_then(|d| d.parse().ok()).unwrap_or(2);
            Some((a, depth))
        }
        None => None,
    };
    // Grounded semantics without an extension number: the labelling.
    let (sem, extension) = match (sem, extension) {
        (Some(Semantics::Grounded), None) | (None, None) => (None, None),
        (s, e) => (s, e),
    };
    // Without focus the whole framework is drawn; with it, at most the nearest
    // `MAX_DRAWN` arguments (`nearest`), which always fit.
    if focus.is_none() && af.len() > argsat::render::MAX_DRAWN {
        let m = format!(
            "{}: search for an argument to draw the part around it",
            argsat::render::TooLarge(af.len())
        );
        return Err(Reply::json(
            422,
            &json!({ "error": m, "too_large": true, "arguments": af.len() }),
        ));
    }
    let request =
        Request { semantics: sem, extension, focus, nearest: true, options: options(r, state) };
    buffered("image/svg+xml", |out| picture::render(&af, &request, None, out))
        .map_err(|e| failed(e, state))
}

/// `/api/convert?to=apx|i23|tgf`: the framework in another format.
fn convert(r: &Incoming, state: &State) -> Answer {
    let af = framework(r, state)?;
    let to = r.param("to").unwrap_or("apx");
    let fmt = to.parse::<Format>().map_err(|e| Reply::error(400, e.to_string()))?;
    let mut out = Vec::new();
    format::write(&af, fmt, &mut out).map_err(|e| Reply::error(500, e.to_string()))?;
    Ok(Reply::bytes("text/plain; charset=utf-8", out))
}
