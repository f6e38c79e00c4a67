//! A dynamic benchmark in the style of ICCMA 2023's dynamic track, for any IPAFAIR
//! library: a corpus framework with a tenth of its attacks held back; then rounds of a
//! few queries followed by a batch of changes (attacks added from those held back,
//! attacks deleted, now and then an argument deleted or a new one added with attacks).
//! Every answer of every library, and its witness (read with `ipafair_val`), is checked
//! against argsat's static solver run from scratch on the framework as it is then,
//! which is also timed: the from-scratch baseline.
//!
//! ```sh
//! cargo build --release
//! cargo bench --bench dynamic -- --lib argsat=target/release/libargsat.so \
//!     [--lib other=/path/libother.so] [--tasks DC-CO,DC-ST,DS-ST,DS-PR] [--rounds 20] \
//!     [--queries 5] [--changes 10] [--seed 1] INSTANCE.af...
//! ```
//!
//! `DYNAMIC_VERBOSE=1` prints each wrong answer or witness; `DYNAMIC_DUMP=DIR` writes each
//! question as an ICCMA instance (`DIR/NAME-TASK-K.af` and its `.arg`) to replay with the CLI.

use std::ffi::{CString, c_void};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use argsat::generate::Rng;
use argsat::{Arg, Framework, Options, Problem, Semantics, Task, read_file, solver_with, verify};

type Init = unsafe extern "C" fn() -> *mut c_void;
type Release = unsafe extern "C" fn(*mut c_void);
type OneArg = unsafe extern "C" fn(*mut c_void, i32);
type TwoArgs = unsafe extern "C" fn(*mut c_void, i32, i32);
type Solve = unsafe extern "C" fn(*mut c_void) -> i32;
type Val = unsafe extern "C" fn(*mut c_void, i32) -> i32;

/// The IPAFAIR functions of one shared library.
struct Lib {
    init: Init,
    release: Release,
    set_semantics: OneArg,
    add_argument: OneArg,
    del_argument: OneArg,
    add_attack: TwoArgs,
    del_attack: TwoArgs,
    assume: OneArg,
    solve_cred: Solve,
    solve_skept: Solve,
    val: Val,
}

impl Lib {
    fn open(path: &str) -> Lib {
        let c = CString::new(path).unwrap();
        // SAFETY: dlopen of a path; checked for null.
        let handle = unsafe { libc::dlopen(c.as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL) };
        assert!(!handle.is_null(), "cannot load {path}");
        let sym = |name: &str| {
            let n = CString::new(name).unwrap();
            // SAFETY: dlsym on a live handle; checked for null.
            let p = unsafe { libc::dlsym(handle, n.as_ptr()) };
            assert!(!p.is_null(), "{path} has no {name}");
            p
        };
        // SAFETY: each symbol is the IPAFAIR function of that name, with that signature.
        unsafe {
            Lib {
                init: std::mem::transmute::<*mut c_void, Init>(sym("ipafair_init")),
                release: std::mem::transmute::<*mut c_void, Release>(sym("ipafair_release")),
                set_semantics: std::mem::transmute::<*mut c_void, OneArg>(sym(
                    "ipafair_set_semantics",
                )),
                add_argument: std::mem::transmute::<*mut c_void, OneArg>(sym(
                    "ipafair_add_argument",
                )),
                del_argument: std::mem::transmute::<*mut c_void, OneArg>(sym(
                    "ipafair_del_argument",
                )),
                add_attack: std::mem::transmute::<*mut c_void, TwoArgs>(sym("ipafair_add_attack")),
                del_attack: std::mem::transmute::<*mut c_void, TwoArgs>(sym("ipafair_del_attack")),
                assume: std::mem::transmute::<*mut c_void, OneArg>(sym("ipafair_assume")),
                solve_cred: std::mem::transmute::<*mut c_void, Solve>(sym("ipafair_solve_cred")),
                solve_skept: std::mem::transmute::<*mut c_void, Solve>(sym("ipafair_solve_skept")),
                val: std::mem::transmute::<*mut c_void, Val>(sym("ipafair_val")),
            }
        }
    }
}

/// One step of a scenario (arguments are 1-based IPAFAIR ids).
#[derive(Clone, Debug)]
enum Op {
    AddArg(i32),
    DelArg(i32),
    AddAtt(i32, i32),
    DelAtt(i32, i32),
    Query(i32),
}

/// The framework a scenario is at.
#[derive(Clone, Default)]
struct State {
    args: std::collections::BTreeSet<i32>,
    attacks: std::collections::BTreeSet<(i32, i32)>,
}

impl State {
    fn framework(&self) -> (Framework, Vec<i32>) {
        let ids: Vec<i32> = self.args.iter().copied().collect();
        let at = |a: i32| ids.binary_search(&a).unwrap() as u32;
        let pairs: Vec<(u32, u32)> = self.attacks.iter().map(|&(a, b)| (at(a), at(b))).collect();
        (Framework::from_attacks(ids.len() as u32, &pairs).unwrap(), ids)
    }

    fn apply(&mut self, op: &Op) {
        match *op {
            Op::AddArg(a) => {
                self.args.insert(a);
            }
            Op::DelArg(a) => {
                self.args.remove(&a);
                self.attacks.retain(|&(x, y)| x != a && y != a);
            }
            Op::AddAtt(a, b) => {
                self.attacks.insert((a, b));
            }
            Op::DelAtt(a, b) => {
                self.attacks.remove(&(a, b));
            }
            Op::Query(_) => {}
        }
    }
}

/// The starting state and the steps: rounds of `queries` queries, each round followed by
/// `changes` changes.
fn scenario(
    af: &Framework,
    rounds: usize,
    queries: usize,
    changes: usize,
    seed: u64,
) -> (State, Vec<Op>) {
    let mut rng = Rng::new(seed);
    let mut all: Vec<(i32, i32)> =
        af.attack_pairs().map(|(a, b)| (a.0 as i32 + 1, b.0 as i32 + 1)).collect();
    let mut start = State { args: (1..=af.len() as i32).collect(), ..State::default() };
    let mut held = Vec::new();
    for (i, e) in all.drain(..).enumerate() {
        if rng.below(10) == 0 && i > 0 {
            held.push(e);
        } else {
            start.attacks.insert(e);
        }
    }
    let mut state = start.clone();
    let mut ops = Vec::new();
    let mut next_id = af.len() as i32 + 1;
    let pick = |rng: &mut Rng, v: &[i32]| v[rng.below(v.len() as u32) as usize];
    for _ in 0..rounds {
        let args: Vec<i32> = state.args.iter().copied().collect();
        if args.is_empty() {
            break;
        }
        for _ in 0..queries {
            ops.push(Op::Query(pick(&mut rng, &args)));
        }
        for _ in 0..changes {
            let args: Vec<i32> = state.args.iter().copied().collect();
            let op = match rng.below(20) {
                0 if args.len() > 2 => Op::DelArg(pick(&mut rng, &args)),
                1 => {
                    next_id += 1;
                    Op::AddArg(next_id - 1)
                }
                2..=10 if !held.is_empty() => {
                    let i = rng.below(held.len() as u32) as usize;
                    let (a, b) = held.swap_remove(i);
                    if !state.args.contains(&a) || !state.args.contains(&b) {
                        continue;
                    }
                    Op::AddAtt(a, b)
                }
                _ if !state.attacks.is_empty() => {
                    let i = rng.below(state.attacks.len() as u32) as usize;
                    let e = *state.attacks.iter().nth(i).unwrap();
                    held.push(e);
                    Op::DelAtt(e.0, e.1)
                }
                _ => continue,
            };
            // A new argument gets a few attacks both ways.
            if let Op::AddArg(a) = op {
                state.apply(&op);
                ops.push(op);
                for _ in 0..2 {
                    let b = pick(&mut rng, &args);
                    let e = if rng.below(2) == 0 { (a, b) } else { (b, a) };
                    if state.attacks.insert(e) {
                        ops.push(Op::AddAtt(e.0, e.1));
                    }
                }
                continue;
            }
            state.apply(&op);
            ops.push(op);
        }
    }
    (start, ops)
}

/// One library's run: total time of the changes and queries, and the answers.
fn run_lib(
    lib: &Lib,
    task: Task,
    start: &State,
    ops: &[Op],
) -> (Duration, Duration, Vec<(bool, Vec<i32>)>) {
    let code = match task.semantics {
        Semantics::Complete => 1,
        Semantics::Preferred => 2,
        Semantics::Stable => 3,
        _ => unreachable!("the dynamic tasks"),
    };
    let credulous = task.problem == Problem::Credulous;
    let mut answers = Vec::new();
    let t0 = Instant::now();
    // SAFETY: the IPAFAIR protocol, on one solver, released at the end.
    unsafe {
        let s = (lib.init)();
        (lib.set_semantics)(s, code);
        for &a in &start.args {
            (lib.add_argument)(s, a);
        }
        for &(a, b) in &start.attacks {
            (lib.add_attack)(s, a, b);
        }
        let load = t0.elapsed();
        let mut state = start.clone();
        for op in ops {
            match *op {
                Op::AddArg(a) => (lib.add_argument)(s, a),
                Op::DelArg(a) => (lib.del_argument)(s, a),
                Op::AddAtt(a, b) => (lib.add_attack)(s, a, b),
                Op::DelAtt(a, b) => (lib.del_attack)(s, a, b),
                Op::Query(q) => {
                    (lib.assume)(s, q);
                    let r = if credulous { (lib.solve_cred)(s) } else { (lib.solve_skept)(s) };
                    assert!(r == 10 || r == 20, "solve returned {r}");
                    let yes = r == 10;
                    let mut shown = Vec::new();
                    if yes == credulous {
                        shown =
                            state.args.iter().copied().filter(|&a| (lib.val)(s, a) > 0).collect();
                    }
                    answers.push((yes, shown));
                }
            }
            state.apply(op);
        }
        let total = t0.elapsed();
        (lib.release)(s);
        (load, total - load, answers)
    }
}

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let (mut libs, mut instances) = (Vec::new(), Vec::new());
    let (mut rounds, mut queries, mut changes, mut seed) = (20, 5, 10, 1);
    let mut tasks: Vec<Task> =
        ["DC-CO", "DC-ST", "DS-ST", "DS-PR"].iter().map(|t| t.parse().unwrap()).collect();
    while let Some(a) = args.next() {
        let mut value = || args.next().expect("a value");
        match a.as_str() {
            "--lib" => {
                let spec = value();
                let (name, path) = spec.split_once('=').expect("--lib NAME=PATH");
                libs.push((name.to_owned(), Lib::open(path)));
            }
            "--tasks" => tasks = value().split(',').map(|t| t.parse().unwrap()).collect(),
            "--rounds" => rounds = value().parse().unwrap(),
            "--queries" => queries = value().parse().unwrap(),
            "--changes" => changes = value().parse().unwrap(),
            "--seed" => seed = value().parse().unwrap(),
            _ => instances.push(PathBuf::from(a)),
        }
    }
    println!("instance\ttask\tqueries\tchanges\tsolver\tload_s\trun_s\twrong");
    let mut totals: std::collections::BTreeMap<(String, String), f64> = Default::default();
    for path in &instances {
        let (af, _) = read_file(path, None).unwrap();
        let (start, ops) = scenario(&af, rounds, queries, changes, seed);
        let nq = ops.iter().filter(|o| matches!(o, Op::Query(_))).count();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for &task in &tasks {
            // From scratch: argsat's static solver on each framework as it is then.
            let mut state = start.clone();
            let mut truth = Vec::new();
            let t0 = Instant::now();
            let mut checking = Duration::ZERO;
            let mut frameworks = Vec::new();
            for op in &ops {
                if let Op::Query(q) = *op {
                    let (f, ids) = state.framework();
                    let a = Arg::from_index(ids.binary_search(&q).unwrap());
                    if let Some(dir) = std::env::var_os("DYNAMIC_DUMP") {
                        // Each question as a static instance, to replay one with the CLI.
                        let file = format!("{name}-{task}-{}.af", truth.len());
                        let path = std::path::Path::new(&dir).join(file);
                        let mut out = std::fs::File::create(&path).unwrap();
                        argsat::format::write(&f, argsat::Format::Iccma23, &mut out).unwrap();
                        let arg = format!("{}\n", a.number());
                        std::fs::write(path.with_extension("af.arg"), arg).unwrap();
                    }
                    let accepted = {
                        let mut s = solver_with(f.clone(), task.semantics, Options::default());
                        let d = if task.problem == Problem::Credulous {
                            s.credulous(a)
                        } else {
                            s.sceptical(a)
                        };
                        let d = d.expect("no deadline");
                        d.accepted
                    };
                    truth.push(accepted);
                    let c = Instant::now();
                    frameworks.push((f, ids, a));
                    checking += c.elapsed();
                }
                state.apply(op);
            }
            let scratch = t0.elapsed() - checking;
            println!(
                "{name}\t{task}\t{nq}\t{}\tfrom-scratch\t-\t{:.3}\t-",
                ops.len() - nq,
                scratch.as_secs_f64()
            );
            *totals.entry(("from-scratch".into(), task.to_string())).or_default() +=
                scratch.as_secs_f64();
            for (lib_name, lib) in &libs {
                let (load, run, answers) = run_lib(lib, task, &start, &ops);
                let mut wrong = 0;
                for (((yes, shown), &t), (f, ids, a)) in answers.iter().zip(&truth).zip(&frameworks)
                {
                    if *yes != t {
                        wrong += 1;
                        if std::env::var_os("DYNAMIC_VERBOSE").is_some() {
                            eprintln!("{lib_name} {task}: answered {yes}, from scratch {t}");
                        }
                        continue;
                    }
                    if *yes == (task.problem == Problem::Credulous) {
                        let set: Vec<Arg> = shown
                            .iter()
                            .map(|x| Arg::from_index(ids.binary_search(x).unwrap()))
                            .collect();
                        let checked = if *yes {
                            verify::check_credulous(f, task.semantics, *a, &set)
                        } else {
                            verify::check_sceptical_counterexample(f, task.semantics, *a, &set)
                        };
                        if let Err(why) = &checked
                            && std::env::var_os("DYNAMIC_VERBOSE").is_some()
                        {
                            eprintln!("{lib_name} {task}: witness {shown:?}: {}", why.describe(f));
                        }
                        wrong += usize::from(checked.is_err());
                    }
                }
                println!(
                    "{name}\t{task}\t{nq}\t{}\t{lib_name}\t{:.3}\t{:.3}\t{wrong}",
                    ops.len() - nq,
                    load.as_secs_f64(),
                    run.as_secs_f64()
                );
                *totals.entry((lib_name.clone(), task.to_string())).or_default() +=
                    run.as_secs_f64();
            }
        }
    }
    println!("\ntotal run time (s) by solver and task");
    for ((solver, task), t) in totals {
        println!("{solver}\t{task}\t{t:.3}");
    }
}
