//! The incremental solver against brute force: long random sequences of changes and
//! questions (with in/out assumptions), for every semantics and backend; after every step
//! each answer and its extension are checked on the framework as it is then, and each
//! invalid change must be an error that leaves the state unchanged.

use std::collections::BTreeSet;

use argsat::dynamic::{Assumption, Dynamic, DynamicError, DynamicSemantics, Strategy as Answering};
use argsat::{Framework, Semantics};
use proptest::prelude::*;

use crate::oracle::Oracle;

/// One step of a sequence.
#[derive(Clone, Debug)]
enum Op {
    AddArg(u32),
    DelArg(u32),
    AddAtt(u32, u32),
    DelAtt(u32, u32),
    Ask { credulous: bool, ins: Vec<u32>, outs: Vec<u32> },
}

fn op() -> impl Strategy<Value = Op> {
    let id = 1u32..=9;
    prop_oneof![
        2 => id.clone().prop_map(Op::AddArg),
        1 => id.clone().prop_map(Op::DelArg),
        4 => (id.clone(), id.clone()).prop_map(|(a, b)| Op::AddAtt(a, b)),
        2 => (id.clone(), id.clone()).prop_map(|(a, b)| Op::DelAtt(a, b)),
        3 => (any::<bool>(), proptest::collection::vec(id.clone(), 0..3), proptest::collection::vec(id, 0..2))
            .prop_map(|(credulous, ins, outs)| Op::Ask { credulous, ins, outs }),
    ]
}

/// What the framework is, kept beside the solver.
#[derive(Default, Clone, PartialEq, Debug)]
struct Model {
    args: BTreeSet<u32>,
    attacks: BTreeSet<(u32, u32)>,
}

impl Model {
    fn framework(&self) -> (Framework, Vec<u32>) {
        let ids: Vec<u32> = self.args.iter().copied().collect();
        let at = |a: u32| ids.binary_search(&a).unwrap() as u32;
        let pairs: Vec<(u32, u32)> = self.attacks.iter().map(|&(a, b)| (at(a), at(b))).collect();
        (Framework::from_attacks(ids.len() as u32, &pairs).unwrap(), ids)
    }
}

/// The extensions of the model's framework under `sem`, as sets of ids.
fn extensions(m: &Model, sem: DynamicSemantics) -> Vec<BTreeSet<u32>> {
    let (af, ids) = m.framework();
    let o = Oracle::new(&af);
    let masks: Vec<u32> = match sem.semantics() {
        Some(s) => o.extensions(s),
        None => o.subsets().filter(|&s| o.admissible(s)).collect(),
    };
    masks
        .into_iter()
        .map(|mask| {
            ids.iter().enumerate().filter(|(i, _)| mask >> i & 1 == 1).map(|(_, &a)| a).collect()
        })
        .collect()
}

fn step(d: &mut Dynamic, m: &mut Model, op: &Op, sem: DynamicSemantics) -> Result<(), String> {
    let before = d.arguments();
    let result = match *op {
        Op::AddArg(a) => {
            let r = d.add_argument(a);
            let ok = m.args.insert(a);
            (r.is_ok() == ok).then_some(()).ok_or(format!("add {a}: {r:?}"))
        }
        Op::DelArg(a) => {
            let r = d.del_argument(a);
            let ok = m.args.remove(&a);
            if ok {
                m.attacks.retain(|&(x, y)| x != a && y != a);
            }
            (r.is_ok() == ok).then_some(()).ok_or(format!("del {a}: {r:?}"))
        }
        Op::AddAtt(a, b) => {
            let r = d.add_attack(a, b);
            let ok = m.args.contains(&a) && m.args.contains(&b) && m.attacks.insert((a, b));
            (r.is_ok() == ok).then_some(()).ok_or(format!("add {a}->{b}: {r:?}"))
        }
        Op::DelAtt(a, b) => {
            let r = d.del_attack(a, b);
            let ok = m.attacks.remove(&(a, b));
            (r.is_ok() == ok).then_some(()).ok_or(format!("del {a}->{b}: {r:?}"))
        }
        Op::Ask { credulous, ref ins, ref outs } => {
            let assumptions: Vec<Assumption> = ins
                .iter()
                .map(|&a| Assumption::In(a))
                .chain(outs.iter().map(|&a| Assumption::Out(a)))
                .collect();
            let answer =
                if credulous { d.credulous(&assumptions) } else { d.sceptical(&assumptions) };
            let known = ins.iter().chain(outs).all(|a| m.args.contains(a));
            let answer = match (answer, known) {
                (Err(DynamicError::UnknownArgument(_)), false) => return Ok(()),
                (Ok(a), true) => a,
                (r, _) => return Err(format!("ask {op:?}: {r:?}")),
            };
            let fits = |e: &BTreeSet<u32>| {
                ins.iter().all(|a| e.contains(a)) && outs.iter().all(|a| !e.contains(a))
            };
            let exts = extensions(m, sem);
            let expected = if credulous { exts.iter().any(fits) } else { exts.iter().all(fits) };
            if answer.accepted != expected {
                return Err(format!(
                    "{op:?}: got {}, expected {expected} ({exts:?})",
                    answer.accepted
                ));
            }
            if !d.witnesses() {
                if answer.extension.is_some() {
                    return Err(format!("{op:?}: an extension shown with witnesses off"));
                }
            } else if answer.accepted == credulous {
                let e: BTreeSet<u32> =
                    answer.extension.clone().ok_or("no extension shown")?.into_iter().collect();
                if !exts.contains(&e) || fits(&e) != credulous {
                    return Err(format!("{op:?}: extension {e:?} does not show it ({exts:?})"));
                }
            }
            Ok(())
        }
    };
    let after = d.arguments();
    if result.is_err() || after != m.args.iter().copied().collect::<Vec<_>>() {
        return Err(format!("{result:?}; arguments {before:?} -> {after:?}, model {:?}", m.args));
    }
    Ok(())
}

const ALL: [DynamicSemantics; 7] = [
    DynamicSemantics::Admissible,
    DynamicSemantics::Complete,
    DynamicSemantics::Preferred,
    DynamicSemantics::Stable,
    DynamicSemantics::SemiStable,
    DynamicSemantics::Stage,
    DynamicSemantics::Ideal,
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
    #[test]
    fn every_answer_matches_a_fresh_solve(ops in proptest::collection::vec(op(), 20..80)) {
        for sem in ALL {
            for backend in crate::backends() {
                for (strategy, witnesses) in [Answering::Incremental, Answering::Rebuild]
                    .into_iter()
                    .flat_map(|s| [(s, true), (s, false)])
                {
                    let mut d = Dynamic::with_backend(sem, backend);
                    d.set_strategy(strategy);
                    // Without witnesses, preferred answers take other routes (ICCMA 2025
                    // certificates): they must agree all the same.
                    d.set_witnesses(witnesses);
                    let mut m = Model::default();
                    for (i, op) in ops.iter().enumerate() {
                        if let Err(e) = step(&mut d, &mut m, op, sem) {
                            prop_assert!(false, "{sem:?} ({backend}, {strategy:?}, witnesses {witnesses}) step {i}: {e}\nops: {:?}", &ops[..=i]);
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn semantics_can_change_midway() {
    let mut d = Dynamic::new(DynamicSemantics::Stable);
    for a in 1..=3 {
        d.add_argument(a).unwrap();
    }
    // An odd cycle: no stable extension; one complete (empty) and one preferred.
    d.add_attack(1, 2).unwrap();
    d.add_attack(2, 3).unwrap();
    d.add_attack(3, 1).unwrap();
    assert!(!d.credulous(&[]).unwrap().accepted);
    d.set_semantics(DynamicSemantics::Complete);
    assert_eq!(d.credulous(&[]).unwrap().extension, Some(vec![]));
    d.set_semantics(DynamicSemantics::Preferred);
    assert!(d.sceptical(&[Assumption::Out(1)]).unwrap().accepted);
    let _ = Semantics::Preferred;
}
