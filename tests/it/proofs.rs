//! Certified refutations: on random small frameworks, every refutation argsat gives for
//! DC-CO, DC-PR, DC-ST, DS-ST and SE-ST comes with a DRAT proof that an external checker
//! (`rate` or drat-trim: `ARGSAT_DRAT_CHECKER`, or on `PATH`; CI installs rate) verifies
//! against the canonical formula `argsat::proofcheck` builds; broken proofs, and proofs
//! of claims that are false, are rejected. Without a checker these tests say so and pass
//! (a user's clone has none; CI has one).

use argsat::certify::{Claim, prove};
use argsat::proofcheck::{DratChecker, Verdict};
use argsat::{Arg, Framework, Semantics, Task, solver};

use crate::oracle::Oracle;

fn checker() -> Option<DratChecker> {
    match DratChecker::find() {
        Ok(c) => Some(c),
        Err(e) => {
            eprintln!("proof tests skipped: {e}");
            None
        }
    }
}

fn proof_of(af: &Framework, claim: Claim) -> std::path::PathBuf {
    let path = crate::scratch().join(format!(
        "proof-{}-{:?}.drat",
        std::process::id(),
        std::thread::current().id()
    ));
    let mut out = std::fs::File::create(&path).unwrap();
    prove(af, claim, &mut out).unwrap_or_else(|e| panic!("{claim:?}: {e}"));
    path
}

fn verdict(c: &DratChecker, af: &Framework, claim: Claim, proof: &std::path::Path) -> Verdict {
    c.check(af, claim, proof, crate::scratch()).unwrap()
}

fn random(seed: u64, n: u32, p: f64) -> Framework {
    let mut rng = argsat::generate::Rng::new(seed);
    let attacks: Vec<(u32, u32)> =
        (0..n).flat_map(|a| (0..n).map(move |b| (a, b))).filter(|_| rng.chance(p)).collect();
    Framework::from_attacks(n, &attacks).unwrap()
}

#[test]
fn every_refutation_comes_with_a_proof_that_checks() {
    let Some(c) = checker() else { return };
    let mut proved = [0usize; 4];
    for seed in 0..60 {
        let af = random(seed, 3 + (seed % 9) as u32, 0.15 + 0.05 * (seed % 4) as f64);
        let o = Oracle::new(&af);
        let exts_st = o.extensions(Semantics::Stable);
        let mut co = solver(af.clone(), Semantics::Complete);
        let mut st = solver(af.clone(), Semantics::Stable);
        let task = |t: &str| t.parse::<Task>().unwrap();
        let mut claims = Vec::new();
        for a in af.args() {
            let yes = co.credulous(a).unwrap().accepted;
            claims.extend(Claim::of_answer(task("DC-CO"), Some(a), yes).unwrap());
            let yes = st.credulous(a).unwrap().accepted;
            claims.extend(Claim::of_answer(task("DC-ST"), Some(a), yes).unwrap());
            let yes = st.sceptical(a).unwrap().accepted;
            claims.extend(Claim::of_answer(task("DS-ST"), Some(a), yes).unwrap());
        }
        let found = st.some_extension().unwrap().is_some();
        assert_eq!(found, !exts_st.is_empty());
        claims.extend(Claim::of_answer(task("SE-ST"), None, found).unwrap());
        for claim in claims {
            let proof = proof_of(&af, claim);
            let v = verdict(&c, &af, claim, &proof);
            assert_eq!(v, Verdict::Verified, "{claim:?} on {af:?}");
            proved[match claim {
                Claim::NoAdmissibleWith(_) => 0,
                Claim::NoStableWith(_) => 1,
                Claim::NoStableWithout(_) => 2,
                _ => 3,
            }] += 1;
            let _ = std::fs::remove_file(proof);
        }
    }
    // Every kind of claim was proved, many times.
    assert!(proved.iter().all(|&k| k >= 10), "{proved:?}");
}

#[test]
fn broken_proofs_and_false_claims_are_rejected() {
    let Some(c) = checker() else { return };
    // 0 <-> 1, 1 -> 2, 2 -> 3, 3 -> 2: no stable extension contains 2 ... and odd cycles.
    let af = random(7, 9, 0.25);
    let mut st = solver(af.clone(), Semantics::Stable);
    let mut rejected = 0;
    for a in af.args() {
        if st.credulous(a).unwrap().accepted {
            continue;
        }
        let claim = Claim::NoStableWith(a);
        let proof = proof_of(&af, claim);
        let text = std::fs::read_to_string(&proof).unwrap();
        assert_eq!(verdict(&c, &af, claim, &proof), Verdict::Verified);
        // The proof of one argument's claim, against another's (accepted: its formula is
        // satisfiable, so no proof can check).
        if let Some(b) = af.args().find(|&b| st.credulous(b).unwrap().accepted) {
            let v = verdict(&c, &af, Claim::NoStableWith(b), &proof);
            assert!(matches!(v, Verdict::Rejected(_)), "{v:?}");
            rejected += 1;
        }
        // Without its last lemma (the empty clause, or what derives it).
        let lines: Vec<&str> = text.lines().collect();
        let cut = lines[..lines.len() - 1].join("\n") + "\n";
        std::fs::write(&proof, &cut).unwrap();
        if let Verdict::Rejected(_) = verdict(&c, &af, claim, &proof) {
            rejected += 1;
        }
        let _ = std::fs::remove_file(proof);
    }
    assert!(rejected > 0);
    // A query where the task takes none, or none where it needs one: an error, no panic.
    let dc: Task = "DC-ST".parse().unwrap();
    assert!(Claim::of_answer(dc, None, false).is_err());
    assert!(Claim::of_answer("SE-ST".parse().unwrap(), Some(Arg(0)), false).is_err());
    // A false claim gets no proof at all.
    let free = Framework::from_attacks(2, &[(0, 1)]).unwrap();
    match prove(&free, Claim::NoAdmissibleWith(Arg(0)), &mut Vec::new()) {
        Err(argsat::certify::ProveError::False(set)) => {
            assert!(set.contains(&Arg(0)) && argsat::verify::is_admissible(&free, &set));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_command_line_writes_and_verifies_proofs() {
    let debate = crate::root().join("frameworks/capabilities-vs-alignment.apx");
    let debate = debate.to_str().unwrap();
    let proof = crate::scratch().join(format!("claim-{}.drat", std::process::id()));
    let p = proof.to_str().unwrap();
    // DC-ST NO for the debate's claim: a proof is written.
    let o = crate::cli::argsat(&["-p", "DC-ST", "-f", debate, "-a", "claim", "--proof", p]);
    assert_eq!((o.status.code(), o.stdout.as_slice()), (Some(0), b"NO\n".as_slice()));
    assert!(proof.is_file());
    // An answer with a witness writes none; an unsupported refutation says so.
    let other = crate::scratch().join(format!("none-{}.drat", std::process::id()));
    let q = other.to_str().unwrap();
    let o =
        crate::cli::argsat(&["-p", "DC-ST", "-f", debate, "-a", "c_deception_races", "--proof", q]);
    assert!(o.status.success() && !other.exists());
    let o = crate::cli::argsat(&["-p", "DC-SST", "-f", debate, "-a", "claim", "--proof", q]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        o.status.success() && err.contains("no proof for DC-SST NO") && !other.exists(),
        "{err}"
    );
    // Bad input: exit 2.
    let o = crate::cli::argsat(&["verify-proof", debate, p, "-p", "DC-ST"]);
    assert_eq!(o.status.code(), Some(2));
    let o = crate::cli::argsat(&["verify-proof", debate, q, "-p", "DC-ST", "-a", "claim"]);
    assert_eq!(o.status.code(), Some(2));
    if checker().is_none() {
        return;
    }
    let o = crate::cli::argsat(&["verify-proof", debate, p, "-p", "DC-ST", "-a", "claim"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.starts_with("verified: no stable extension contains claim"), "{out}");
    // The same proof for an argument some stable extension contains: rejected.
    let o =
        crate::cli::argsat(&["verify-proof", debate, p, "-p", "DC-ST", "-a", "c_deception_races"]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stdout));
    // odd_cycle: no stable extension; `check --proof` and SE-ST agree.
    let odd = crate::root().join("frameworks/odd_cycle.af");
    let odd = odd.to_str().unwrap();
    let o = crate::cli::argsat(&["check", odd, "--proof", p]);
    assert_eq!(o.status.code(), Some(1));
    let o = crate::cli::argsat(&["verify-proof", odd, p, "-p", "SE-ST"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    let _ = std::fs::remove_file(&proof);
}
