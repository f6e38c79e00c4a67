//! Sessions: a framework the page edits, kept in the library's incremental solver
//! ([`argsat::dynamic::Dynamic`]) so that the answers after an edit reuse what the solver
//! learnt before it. An edit is undone by its inverse; at most [`MAX_SESSIONS`] live at
//! once (the least recently used goes first), and one idle for [`IDLE`] is dropped.

use std::collections::{BTreeSet, HashMap};
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use argsat::af::Names;
use argsat::dynamic::{Dynamic, DynamicSemantics};
use argsat::{Arg, Framework, FrameworkBuilder, Semantics};

/// Sessions kept at once.
pub(super) const MAX_SESSIONS: usize = 256;
/// A session unused this long is dropped.
pub(super) const IDLE: Duration = Duration::from_secs(3600);

/// A change to a session's framework.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Edit {
    AddArgument(String),
    /// The argument and every attack on or by it.
    RemoveArgument(String),
    AddAttack(String, String),
    RemoveAttack(String, String),
    /// Puts back an argument removed, under its old id (its place in the order), with its
    /// attacks (the inverse of a removal).
    Restore {
        name: String,
        id: u32,
        attacks: Vec<(String, String)>,
    },
}

pub(super) struct Session {
    /// Made at the first question for it (a million-argument framework takes seconds to
    /// load into it), then kept up to date with every edit.
    dynamic: Option<Dynamic>,
    /// Whether the maps below hold the framework: they are made at the first edit or
    /// question to the incremental solver, from `built`.
    modelled: bool,
    id_of: HashMap<String, u32>,
    name_of: HashMap<u32, String>,
    next_id: u32,
    attacks: BTreeSet<(u32, u32)>,
    /// Inverses of the edits made, last on top.
    undo: Vec<Edit>,
    built: Option<Arc<Framework>>,
}

fn valid_name(name: &str) -> Result<(), String> {
    let bad = |c: char| c.is_whitespace() || c.is_control() || "(),.#\"'".contains(c);
    if name.is_empty() || name.len() > 200 || name.chars().any(bad) {
        return Err(format!(
            "`{name}` is not an argument name: 1 to 200 characters, no spaces, no ( ) , . # or quotes"
        ));
    }
    Ok(())
}

impl Session {
    /// A session over `af` (names as `af` shows them; argument `i` gets id `i`).
    pub fn new(af: Arc<Framework>) -> Session {
        Session {
            dynamic: None,
            modelled: false,
            id_of: HashMap::new(),
            name_of: HashMap::new(),
            next_id: 0,
            attacks: BTreeSet::new(),
            undo: Vec::new(),
            built: Some(af),
        }
    }

    /// Fills the maps from the framework, once (before the first edit).
    fn model(&mut self) {
        if self.modelled {
            return;
        }
        let af = self.built.clone().expect("an unmodelled session keeps its framework");
        for a in af.args() {
            let name = af.display_name(a).to_string();
            self.id_of.insert(name.clone(), a.0);
            self.name_of.insert(a.0, name);
        }
        self.next_id = af.len() as u32;
        self.attacks.extend(af.attack_pairs().map(|(a, b)| (a.0, b.0)));
        self.modelled = true;
    }

    fn id(&self, name: &str) -> Result<u32, String> {
        self.id_of.get(name).copied().ok_or_else(|| format!("no argument named `{name}`"))
    }

    /// Makes `edit`, keeping its inverse for [`Session::undo`].
    pub fn apply(&mut self, edit: Edit) -> Result<(), String> {
        let inverse = self.change(edit)?;
        self.undo.push(inverse);
        Ok(())
    }

    /// Undoes the last edit; `false` when there is none.
    pub fn undo(&mut self) -> Result<bool, String> {
        match self.undo.pop() {
            Some(inverse) => self.change(inverse).map(|_| true),
            None => Ok(false),
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Makes `edit` and returns its inverse; nothing changes on an error.
    fn change(&mut self, edit: Edit) -> Result<Edit, String> {
        self.model();
        let inverse = match edit {
            Edit::AddArgument(name) => {
                let id = self.next_id;
                self.add(name.clone(), id)?;
                self.next_id += 1;
                Edit::RemoveArgument(name)
            }
            Edit::RemoveArgument(name) => {
                let id = self.id(&name)?;
                let touching: Vec<(u32, u32)> =
                    self.attacks.iter().copied().filter(|&(a, b)| a == id || b == id).collect();
                if let Some(d) = &mut self.dynamic {
                    d.del_argument(id).map_err(|e| e.to_string())?;
                }
                for pair in &touching {
                    self.attacks.remove(pair);
                }
                let attacks = touching.iter().map(|&(a, b)| (self.name(a), self.name(b))).collect();
                self.id_of.remove(&name);
                self.name_of.remove(&id);
                Edit::Restore { name, id, attacks }
            }
            Edit::Restore { name, id, attacks } => {
                self.add(name.clone(), id)?;
                for (a, b) in attacks {
                    self.change(Edit::AddAttack(a, b))?;
                }
                Edit::RemoveArgument(name)
            }
            Edit::AddAttack(a, b) => {
                let (x, y) = (self.id(&a)?, self.id(&b)?);
                if self.attacks.contains(&(x, y)) {
                    return Err(format!("{a} attacks {b} already"));
                }
                if let Some(d) = &mut self.dynamic {
                    d.add_attack(x, y).map_err(|e| e.to_string())?;
                }
                self.attacks.insert((x, y));
                Edit::RemoveAttack(a, b)
            }
            Edit::RemoveAttack(a, b) => {
                let (x, y) = (self.id(&a)?, self.id(&b)?);
                if !self.attacks.contains(&(x, y)) {
                    return Err(format!("{a} does not attack {b}"));
                }
                if let Some(d) = &mut self.dynamic {
                    d.del_attack(x, y).map_err(|e| e.to_string())?;
                }
                self.attacks.remove(&(x, y));
                Edit::AddAttack(a, b)
            }
        };
        self.built = None;
        Ok(inverse)
    }

    fn add(&mut self, name: String, id: u32) -> Result<(), String> {
        valid_name(&name)?;
        if self.id_of.contains_key(&name) {
            return Err(format!("there is an argument named `{name}` already"));
        }
        if let Some(d) = &mut self.dynamic {
            d.add_argument(id).map_err(|e| e.to_string())?;
        }
        self.id_of.insert(name.clone(), id);
        self.name_of.insert(id, name);
        Ok(())
    }

    fn name(&self, id: u32) -> String {
        self.name_of[&id].clone()
    }

    /// The current framework, arguments in the order they were made (the incremental
    /// solver's ids, increasing).
    pub fn framework(&mut self) -> Arc<Framework> {
        if let Some(af) = &self.built {
            return Arc::clone(af);
        }
        let mut ids: Vec<u32> = self.name_of.keys().copied().collect();
        ids.sort_unstable();
        let index: HashMap<u32, u32> =
            ids.iter().enumerate().map(|(i, &a)| (a, i as u32)).collect();
        let mut names = Names::new();
        for id in &ids {
            names.push(&self.name_of[id]);
        }
        let mut b = FrameworkBuilder::with_names(names);
        b.reserve(self.attacks.len());
        for &(x, y) in &self.attacks {
            b.attack(Arg(index[&x]), Arg(index[&y])).expect("attacks between live arguments");
        }
        let af = Arc::new(b.build());
        self.built = Some(Arc::clone(&af));
        af
    }

    /// The incremental solver under `semantics` (`None` for grounded, which it does not
    /// answer), with its deadline; and the id of each argument of [`Session::framework`].
    pub fn dynamic(
        &mut self,
        semantics: Semantics,
        deadline: Instant,
    ) -> Option<(&mut Dynamic, Vec<u32>)> {
        let sem = match semantics {
            Semantics::Complete => DynamicSemantics::Complete,
            Semantics::Preferred => DynamicSemantics::Preferred,
            Semantics::Stable => DynamicSemantics::Stable,
            Semantics::SemiStable => DynamicSemantics::SemiStable,
            Semantics::Stage => DynamicSemantics::Stage,
            Semantics::Ideal => DynamicSemantics::Ideal,
            _ => return None,
        };
        self.model();
        let mut ids: Vec<u32> = self.name_of.keys().copied().collect();
        ids.sort_unstable();
        let (name_of, attacks) = (&self.name_of, &self.attacks);
        let d = self.dynamic.get_or_insert_with(|| {
            let mut d = Dynamic::new(sem);
            for &id in name_of.keys() {
                d.add_argument(id).expect("ids are distinct");
            }
            for &(x, y) in attacks {
                d.add_attack(x, y).expect("attacks between live arguments");
            }
            d
        });
        d.set_semantics(sem);
        d.set_deadline(Some(deadline));
        Some((d, ids))
    }
}

/// A live session, and a copy of its current framework that requests read without
/// waiting for a long question on the session's solver.
pub(super) struct Entry {
    session: Mutex<Session>,
    current: Mutex<Arc<Framework>>,
    last_used: Mutex<Instant>,
}

impl Entry {
    /// The session, locked (a panicked request leaves it usable: every edit is all or
    /// nothing).
    pub fn session(&self) -> MutexGuard<'_, Session> {
        lock(&self.session)
    }

    /// The current framework.
    pub fn framework(&self) -> Arc<Framework> {
        Arc::clone(&lock(&self.current))
    }

    /// Notes the session's framework after an edit (call with the session locked).
    pub fn publish(&self, s: &mut Session) {
        *lock(&self.current) = s.framework();
    }

    fn idle_since(&self) -> Instant {
        *lock(&self.last_used)
    }
}

/// Every live session.
pub(super) struct Sessions {
    map: Mutex<HashMap<String, Arc<Entry>>>,
    counter: AtomicU64,
    seed: std::collections::hash_map::RandomState,
}

impl Default for Sessions {
    fn default() -> Sessions {
        Sessions {
            map: Mutex::new(HashMap::new()),
            counter: AtomicU64::new(0),
            seed: std::collections::hash_map::RandomState::new(),
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Sessions {
    /// A new session over `af`; its id.
    pub fn create(&self, af: Arc<Framework>) -> String {
        let mut h = self.seed.build_hasher();
        h.write_u64(self.counter.fetch_add(1, Ordering::Relaxed));
        let id = format!("{:016x}", h.finish());
        let mut session = Session::new(af);
        let entry = Arc::new(Entry {
            current: Mutex::new(session.framework()),
            session: Mutex::new(session),
            last_used: Mutex::new(Instant::now()),
        });
        let mut map = lock(&self.map);
        let now = Instant::now();
        map.retain(|_, e| now.duration_since(e.idle_since()) < IDLE);
        while map.len() >= MAX_SESSIONS {
            let oldest = map.iter().map(|(k, e)| (e.idle_since(), k.clone())).min();
            match oldest {
                Some((_, k)) => map.remove(&k),
                None => break,
            };
        }
        map.insert(id.clone(), entry);
        id
    }

    /// The session `id`, marked used.
    pub fn get(&self, id: &str) -> Option<Arc<Entry>> {
        let e = lock(&self.map).get(id).cloned()?;
        *lock(&e.last_used) = Instant::now();
        Some(e)
    }

    pub fn remove(&self, id: &str) -> bool {
        lock(&self.map).remove(id).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_and_their_undoing() {
        let af =
            argsat::format::parse(b"arg(a).\narg(b).\natt(a,b).\n", argsat::Format::Apx).unwrap();
        let mut s = Session::new(Arc::new(af));
        let text = |s: &mut Session| {
            let mut out = Vec::new();
            argsat::format::write(&s.framework(), argsat::Format::Apx, &mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        let start = text(&mut s);
        s.apply(Edit::AddArgument("c".into())).unwrap();
        s.apply(Edit::AddAttack("c".into(), "a".into())).unwrap();
        s.apply(Edit::RemoveArgument("a".into())).unwrap();
        assert_eq!(text(&mut s), "arg(b).\narg(c).\n");
        assert!(s.apply(Edit::AddAttack("a".into(), "b".into())).is_err());
        assert!(s.apply(Edit::AddArgument("x y".into())).is_err());
        while s.undo().unwrap() {}
        assert_eq!(text(&mut s), start);
        assert!(!s.can_undo());
    }
}
