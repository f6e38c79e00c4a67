//! Explanations checked independently on random small frameworks (brute force over all
//! sets): verdicts, witnesses (and their claimed minimality), sub-frameworks (they decide
//! the argument, and no attack can be dropped), counterexamples, grounded derivations;
//! and pictures: well-formed SVG with every argument and attack, coloured right.

use argsat::explain::{GroundedWhy, Minimality, Rejection, Support, explain};
use argsat::{Arg, Framework, Label, Options, Semantics, grounded_labelling};
use proptest::prelude::*;

use crate::oracle::{Oracle, arb_framework, mask};

/// Whether some framework with every attack of `required` and some of the other attacks
/// of `af` has an admissible (or stable) set with `a` (or, `lacks`, without it): brute
/// force over the sets, each with the best other attacks it could have (its own attacks
/// on non-members help it, every other one only hurts or does nothing).
fn some_superset_accepts(
    af: &Framework,
    required: &[(Arg, Arg)],
    a: Arg,
    stable: bool,
    lacks: bool,
) -> bool {
    let n = af.len();
    (0u32..1 << n).any(|s| {
        let member = |x: Arg| s >> x.0 & 1 == 1;
        if member(a) == lacks {
            return false;
        }
        // Attacks the set can use: required ones, and af's from a member to a non-member.
        let uses = |b: Arg, c: Arg| {
            required.contains(&(b, c)) || (member(b) && !member(c) && af.attacks(b, c))
        };
        let conflict = required.iter().any(|&(b, c)| member(b) && member(c));
        if conflict {
            return false;
        }
        let hit = |c: Arg| af.args().any(|b| member(b) && uses(b, c));
        if stable {
            af.args().all(|c| member(c) || hit(c))
        } else {
            // Every required attack on a member is answered.
            required.iter().filter(|&&(_, m)| member(m)).all(|&(b, _)| hit(b))
        }
    })
}

/// `attacks` decides `a` whatever else (no framework between them and `af` has a set of
/// the kind with `a`, or without it when `lacks`), and, when claimed `minimal`, without
/// any one of them some framework does.
fn decides(
    af: &Framework,
    a: Arg,
    attacks: &[(Arg, Arg)],
    stable: bool,
    lacks: bool,
    minimal: bool,
) -> Result<(), String> {
    if some_superset_accepts(af, attacks, a, stable, lacks) {
        return Err(format!("the attacks {attacks:?} do not decide {a:?}"));
    }
    if !minimal {
        return Ok(());
    }
    for i in 0..attacks.len() {
        let mut fewer = attacks.to_vec();
        fewer.remove(i);
        if !some_superset_accepts(af, &fewer, a, stable, lacks) {
            return Err(format!("{attacks:?} without {:?} still decide {a:?}", attacks[i]));
        }
    }
    Ok(())
}

/// The derivation replays: each step's attackers are exactly the argument's, each beaten
/// by a defender of an earlier step; the last step is `last`; all are grounded IN.
fn replays(af: &Framework, steps: &[argsat::explain::Step], last: Arg) -> Result<(), String> {
    let labels = grounded_labelling(af);
    let mut round_of = std::collections::HashMap::new();
    for s in steps {
        if labels.label(s.argument) != Label::In {
            return Err(format!("{:?} is in the derivation but not grounded IN", s.argument));
        }
        let attackers: Vec<Arg> = s.defeats.iter().map(|&(b, _)| b).collect();
        if attackers != af.attackers(s.argument) {
            return Err(format!("step {:?} lists attackers {attackers:?}", s.argument));
        }
        for &(b, d) in &s.defeats {
            let earlier = round_of.get(&d).is_some_and(|&r| r < s.round);
            if !af.attacks(d, b) || !earlier {
                return Err(format!("{d:?} does not beat {b:?} before round {}", s.round));
            }
        }
        round_of.insert(s.argument, s.round);
    }
    if steps.last().map(|s| s.argument) != Some(last) {
        return Err(format!("the derivation does not end with {last:?}"));
    }
    Ok(())
}

fn check(af: &Framework, sem: Semantics, a: Arg) -> Result<(), String> {
    let o = Oracle::new(af);
    let exts = o.extensions(sem);
    let bit = 1u32 << a.0;
    let e = explain(&std::sync::Arc::new(af.clone()), a, sem, Options::default()).unwrap();
    // Grounded.
    let label = grounded_labelling(af).label(a);
    match &e.grounded {
        GroundedWhy::In { derivation } if label == Label::In => replays(af, derivation, a)?,
        GroundedWhy::Out { attacker, derivation } if label == Label::Out => {
            if !af.attacks(*attacker, a) {
                return Err(format!("{attacker:?} does not attack {a:?}"));
            }
            replays(af, derivation, *attacker)?
        }
        GroundedWhy::Undec { undecided_attackers, path, cycle_from } if label == Label::Undec => {
            let undec = |x: &Arg| grounded_labelling(af).label(*x) == Label::Undec;
            let expected: Vec<Arg> = af.attackers(a).iter().copied().filter(undec).collect();
            if *undecided_attackers != expected || !path.iter().all(undec) || path[0] != a {
                return Err(format!("undecided: {undecided_attackers:?} {path:?}"));
            }
            let closes = af.attacks(path[*cycle_from], *path.last().unwrap());
            if !path.windows(2).all(|w| af.attacks(w[1], w[0])) || !closes {
                return Err(format!("{path:?} is not a chain of attacks back into a cycle"));
            }
        }
        other => return Err(format!("grounded {label:?} explained as {other:?}")),
    }
    // Credulous.
    let c = &e.credulous;
    let cred = exts.iter().any(|x| x & bit != 0);
    if c.accepted != cred {
        return Err(format!("credulous {} against {cred}", c.accepted));
    }
    if let Some(w) = &c.witness {
        let m = mask(w);
        match sem {
            Semantics::Complete | Semantics::Preferred => {
                if !o.admissible(m) || m & bit == 0 {
                    return Err(format!("witness {w:?} is not admissible with {a:?}"));
                }
                let smaller = |s: u32| o.admissible(s) && s & bit != 0;
                let beaten = match c.minimality {
                    Some(Minimality::Smallest) => {
                        o.subsets().any(|s| smaller(s) && s.count_ones() < m.count_ones())
                    }
                    _ => o.subsets().any(|s| smaller(s) && s != m && s & m == s),
                };
                if beaten {
                    return Err(format!("witness {w:?} is not {:?}", c.minimality));
                }
            }
            _ if !exts.contains(&m) || m & bit == 0 => {
                return Err(format!("witness {w:?} is not an extension with {a:?}"));
            }
            _ => {}
        }
        for &(b, d) in &c.defences {
            if m >> d.0 & 1 == 0 || !af.attacks(d, b) {
                return Err(format!("defence ({b:?}, {d:?}) is not one"));
            }
        }
    }
    match &c.rejection {
        None => {}
        Some(Rejection::SelfAttack) if af.is_self_attacking(a) => {}
        Some(Rejection::Grounded) if sem == Semantics::Grounded => {}
        Some(Rejection::SubFramework { attacks, stable, minimal }) => {
            decides(af, a, attacks, *stable, false, *minimal)?
        }
        Some(Rejection::Outranked { extension, attacker })
            if !exts.contains(&mask(extension)) || attacker.is_some_and(|b| !af.attacks(b, a)) =>
        {
            return Err(format!("outranked by {extension:?} / {attacker:?}"));
        }
        Some(Rejection::Outranked { .. }) => {}
        Some(Rejection::NotIdeal { ideal, .. }) if exts == [mask(ideal)] => {}
        Some(r) => return Err(format!("rejection {r:?}")),
    }
    // Sceptical.
    let s = &e.sceptical;
    let scep = exts.iter().all(|x| x & bit != 0);
    if s.accepted != scep {
        return Err(format!("sceptical {} against {scep}", s.accepted));
    }
    if let Some(ce) = &s.counterexample {
        if !exts.contains(&mask(ce)) || ce.contains(&a) {
            return Err(format!("counterexample {ce:?}"));
        }
        if s.attacker.is_some_and(|b| !ce.contains(&b) || !af.attacks(b, a)) {
            return Err(format!("attacker {:?}", s.attacker));
        }
    }
    match &s.support {
        Some(Support::SubFramework { attacks, minimal }) => {
            decides(af, a, attacks, true, true, *minimal)?
        }
        Some(Support::NoExtension) if exts.is_empty() => {}
        Some(Support::Grounded) if label == Label::In => {}
        None | Some(Support::Searched) => {}
        Some(other) => return Err(format!("support {other:?}")),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]
    #[test]
    fn explanations_hold_up_against_brute_force(af in arb_framework(8)) {
        for sem in Semantics::ALL {
            for a in af.args() {
                if let Err(e) = check(&af, sem, a) {
                    let attacks: Vec<_> = af.attack_pairs().map(|(x, y)| (x.0, y.0)).collect();
                    prop_assert!(false, "{} {a:?}: {e}\nn={} attacks={attacks:?}", sem.name(), af.len());
                }
            }
        }
    }
}

#[test]
fn the_debate_explains_claim() {
    let out = crate::cli::argsat(&[
        "explain",
        "frameworks/capabilities-vs-alignment.apx",
        "claim",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["argument"], "claim");
    assert_eq!(v["semantics"], "preferred");
    assert_eq!(v["credulous"]["accepted"], false);
    assert!(v["credulous"]["witness"].is_null());
    assert_eq!(v["sceptical"]["accepted"], false);
    assert!(v["sceptical"]["counterexample"].as_array().is_some_and(|c| !c.is_empty()));
    assert_eq!(v["grounded"]["label"], "out");
    let text =
        crate::cli::argsat(&["explain", "frameworks/capabilities-vs-alignment.apx", "claim"]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.starts_with("grounded: claim is OUT: against1_tractable_alignable attacks it"),
        "{text}"
    );
}

/// Every argument and attack of `af` is in the SVG `svg`, coloured by `labels`.
fn picture_has_everything(af: &Framework, svg: &str, labels: &[Label]) {
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    let args: Vec<roxmltree::Node> =
        doc.descendants().filter(|n| n.attribute("class") == Some("argument")).collect();
    assert_eq!(args.len(), af.len());
    for a in af.args() {
        let name = af.display_name(a).to_string();
        let node = args.iter().find(|n| n.attribute("data-name") == Some(name.as_str())).unwrap();
        let word = match labels[a.index()] {
            Label::In => "in",
            Label::Out => "out",
            Label::Undec => "undec",
        };
        assert_eq!(node.attribute("data-label"), Some(word), "{name}");
    }
    let mut drawn = std::collections::BTreeSet::new();
    for n in doc.descendants().filter(|n| n.attribute("class") == Some("attack")) {
        let (b, c) = (n.attribute("data-from").unwrap(), n.attribute("data-to").unwrap());
        drawn.insert((b.to_owned(), c.to_owned()));
        if n.attribute("data-mutual") == Some("true") {
            drawn.insert((c.to_owned(), b.to_owned()));
        }
    }
    let expected: std::collections::BTreeSet<(String, String)> = af
        .attack_pairs()
        .map(|(b, c)| (af.display_name(b).to_string(), af.display_name(c).to_string()))
        .collect();
    assert_eq!(drawn, expected);
}

#[test]
fn pictures_show_every_argument_and_attack_in_its_colour() {
    let f = "frameworks/capabilities-vs-alignment.apx";
    let out = crate::cli::argsat(&["render", f]);
    assert_eq!(out.status.code(), Some(0));
    let (af, _) = argsat::read_file(crate::root().join(f).as_path(), None).unwrap();
    let labels: Vec<Label> = grounded_labelling(&af).labels().collect();
    picture_has_everything(&af, &String::from_utf8(out.stdout).unwrap(), &labels);
    // Self-attacks, mutual attacks, an extension's colours.
    let f = "frameworks/dung1995_odd_even.apx";
    let out = crate::cli::argsat(&["render", f, "--semantics", "preferred", "--extension", "1"]);
    let (af, _) = argsat::read_file(crate::root().join(f).as_path(), None).unwrap();
    let svg = String::from_utf8(out.stdout).unwrap();
    assert!(svg.contains("preferred extension 1"), "{svg}");
    let mut first = None;
    argsat::solver(af.clone(), Semantics::Preferred)
        .enumerate(&mut |e| {
            first = Some(e.to_vec());
            false
        })
        .unwrap();
    let labels = argsat::explain::labels_of(&af, &first.unwrap());
    assert_eq!(out.status.code(), Some(0));
    picture_has_everything(&af, &svg, &labels);
}

#[test]
fn focus_and_size_limits() {
    let dir = crate::scratch().join(format!("argsat-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big = dir.join("big.af");
    let mut s = String::from("p af 400\n");
    for i in 1..400 {
        s += &format!("{i} {}\n", i + 1);
    }
    std::fs::write(&big, s).unwrap();
    let out = crate::cli::argsat(&["render", big.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--focus ARG --depth K"));
    let out =
        crate::cli::argsat(&["render", big.to_str().unwrap(), "--focus", "200", "--depth", "2"]);
    assert_eq!(out.status.code(), Some(0));
    let svg = String::from_utf8(out.stdout).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let names: Vec<&str> = doc.descendants().filter_map(|n| n.attribute("data-name")).collect();
    assert_eq!(names, ["198", "199", "200", "201", "202"]);
    let dot_path = dir.join("f.dot");
    let out = crate::cli::argsat(&[
        "render",
        "frameworks/floating.apx",
        "-o",
        dot_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let dot = std::fs::read_to_string(&dot_path).unwrap();
    assert!(dot.starts_with("digraph framework {"), "{dot}");
    for edge in ["\"a\" -> \"b\";", "\"b\" -> \"a\";", "\"a\" -> \"c\";", "\"c\" -> \"d\";"] {
        assert!(dot.contains(edge), "{dot}");
    }
}
