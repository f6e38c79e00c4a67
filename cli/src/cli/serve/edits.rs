//! The session routes: a framework the page edits, answered by the incremental solver
//! (`super::session`).

use std::sync::Arc;

use argsat::{Arg, Label, Semantics, grounded_labelling};
use serde_json::{Value, json};

use super::api::{
    Answer, STATUS_ROWS, accept_of, acceptance, argument, body_framework, semantics, session,
    status_of, status_reply, timed_out,
};
use super::session::{Edit, Session};
use super::{Incoming, Reply, State};

/// Past this many arguments, `status` uses the static solvers (as the page's own limit).
const LARGE: usize = 50_000;

/// `POST /api/sessions` (body: a framework): a session the page edits; its id.
pub(super) fn create_session(r: &Incoming, state: &State) -> Answer {
    let af = body_framework(r)?;
    let id = state.sessions.create(Arc::clone(&af));
    Ok(Reply::json(
        200,
        &json!({ "session": id, "arguments": af.len(), "attacks": af.num_attacks() }),
    ))
}

/// `/api/sessions/ID/edit` (POST, JSON `{"op": ...}`), `/api/sessions/ID/status`,
/// `/api/sessions/ID/accept` (POST), `/api/sessions/ID` (DELETE).
pub(super) fn session_route(rest: &str, r: &Incoming, state: &State) -> Answer {
    let (id, what) = rest.split_once('/').unwrap_or((rest, ""));
    match (r.method.as_str(), what) {
        ("DELETE", "") => match state.sessions.remove(id) {
            true => Ok(Reply::json(200, &json!({ "deleted": id }))),
            false => Err(Reply::error(404, format!("no session {id}"))),
        },
        ("POST", "edit") => edit(id, r, state),
        ("POST", "status") => {
            let e = session(id, state)?;
            let sem = semantics(r, Semantics::Preferred)?;
            // A large framework's first rows come sooner from the static solvers, and
            // without holding the session (loading it into the incremental solver takes
            // seconds a million arguments).
            let af = e.framework();
            if af.len() > LARGE {
                return status_of(&af, sem, r, state);
            }
            incremental_status(&mut e.session(), sem, r, state)
        }
        ("POST", "accept") => {
            let e = session(id, state)?;
            let af = e.framework();
            if af.len() > LARGE {
                // As `status`: the static solvers on the session's framework.
                return accept_of(&af, r, state);
            }
            let sem = semantics(r, Semantics::Preferred)?;
            incremental_accept(&mut e.session(), sem, r, state)
        }
        (_, "" | "edit" | "status" | "accept") => Err(Reply::error(405, "wrong method")),
        _ => Err(Reply::error(404, format!("no such page: {}", r.path))),
    }
}

fn edit(id: &str, r: &Incoming, state: &State) -> Answer {
    let e = session(id, state)?;
    let v: Value = serde_json::from_slice(&r.body)
        .map_err(|e| Reply::error(400, format!("the edit is not JSON: {e}")))?;
    let field = |k: &str| -> Result<String, Reply> {
        v.get(k)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| Reply::error(400, format!("the edit needs \"{k}\"")))
    };
    let mut s = e.session();
    let done = match v.get("op").and_then(Value::as_str) {
        Some("add_argument") => s.apply(Edit::AddArgument(field("argument")?)),
        Some("remove_argument") => s.apply(Edit::RemoveArgument(field("argument")?)),
        Some("add_attack") => s.apply(Edit::AddAttack(field("from")?, field("to")?)),
        Some("remove_attack") => s.apply(Edit::RemoveAttack(field("from")?, field("to")?)),
        Some("undo") => s
            .undo()
            .and_then(|undone| if undone { Ok(()) } else { Err("nothing to undo".to_owned()) }),
        _ => {
            Err("op is add_argument, remove_argument, add_attack, remove_attack or undo".to_owned())
        }
    };
    done.map_err(|e| Reply::error(400, e))?;
    e.publish(&mut s);
    let af = s.framework();
    Ok(Reply::json(
        200,
        &json!({ "arguments": af.len(), "attacks": af.num_attacks(), "can_undo": s.can_undo() }),
    ))
}

/// `status` on the session's incremental solver (grounded: the labelling alone).
fn incremental_status(s: &mut Session, sem: Semantics, r: &Incoming, state: &State) -> Answer {
    let af = s.framework();
    match s.dynamic(sem, r.deadline) {
        // Grounded: what the labelling does not settle is rejected.
        None => status_reply(&af, sem, STATUS_ROWS, true, |_, _| Ok(false)),
        Some((d, ids)) => status_reply(&af, sem, STATUS_ROWS, true, |a, sceptical| {
            let q = [argsat::dynamic::Assumption::In(ids[a.index()])];
            let asked = if sceptical { d.sceptical(&q) } else { d.credulous(&q) };
            asked.map(|answer| answer.accepted).map_err(|_| timed_out(state))
        }),
    }
}

/// `accept` on the session's incremental solver.
fn incremental_accept(s: &mut Session, sem: Semantics, r: &Incoming, state: &State) -> Answer {
    let af = s.framework();
    let a = argument(r, &af)?;
    let names = |ids: &[u32], all: &[u32]| -> Vec<String> {
        ids.iter()
            .filter_map(|id| all.binary_search(id).ok())
            .map(|i| af.display_name(Arg(i as u32)).to_string())
            .collect()
    };
    let Some((d, ids)) = s.dynamic(sem, r.deadline) else {
        // Grounded: the labelling.
        let inside = grounded_labelling(&af).label(a) == Label::In;
        return Ok(acceptance(&af, a, sem, (inside, None), (inside, None)));
    };
    let q = [argsat::dynamic::Assumption::In(ids[a.index()])];
    let stopped = |_| timed_out(state);
    let cred = d.credulous(&q).map_err(stopped)?;
    let scep = d.sceptical(&q).map_err(stopped)?;
    let witness = cred.extension.as_deref().filter(|_| cred.accepted).map(|e| names(e, &ids));
    let counterexample =
        scep.extension.as_deref().filter(|_| !scep.accepted).map(|e| names(e, &ids));
    Ok(acceptance(&af, a, sem, (cred.accepted, witness), (scep.accepted, counterexample)))
}
