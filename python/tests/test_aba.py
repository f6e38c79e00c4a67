"""argsat.ABA: building, reading, answers checked against a brute force of the test's own,
explanations, bad input and timeouts."""

import itertools
import os
import random
import signal
import threading
import time

import pytest

import argsat

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")


def closure(fw, assumptions):
    derived = set(assumptions)
    changed = True
    while changed:
        changed = False
        for head, body in fw.rules:
            if head not in derived and all(b in derived for b in body):
                derived.add(head)
                changed = True
    return derived


def brute(fw, semantics):
    """Extensions by brute force over all assumption sets (defence by every attacker)."""
    asms = fw.assumptions
    subsets = [frozenset(c) for k in range(len(asms) + 1) for c in itertools.combinations(asms, k)]
    derived = {s: closure(fw, s) for s in subsets}
    cons = fw.contraries

    def attacks(s, a):
        return any(c in derived[s] for c in cons.get(a, []))

    def cf(s):
        return not any(attacks(s, a) for a in s)

    def defends(s, a):
        return all(not attacks(t, a) or any(attacks(s, b) for b in t) for t in subsets)

    adm = [s for s in subsets if cf(s) and all(defends(s, a) for a in s)]
    if semantics == "stable":
        return [s for s in subsets if cf(s) and all(a in s or attacks(s, a) for a in asms)]
    if semantics == "preferred":
        return [s for s in adm if not any(s < t for t in adm)]
    com = [s for s in adm if all(a in s or not defends(s, a) for a in asms)]
    if semantics == "complete":
        return com
    return [min(com, key=len)]


def random_aba(rng):
    n = rng.randint(2, 8)
    k = rng.randint(1, min(n, 5))
    atoms = [f"x{i}" for i in range(n)]
    asms = atoms[:k]
    contraries = {a: [rng.choice(atoms) for _ in range(rng.randint(1, 2))] for a in asms}
    rules = [(rng.choice(atoms[k:] or ["y"]), rng.sample(atoms, rng.randint(0, min(3, n))))
             for _ in range(rng.randint(0, 2 * n))]
    return argsat.ABA(asms, contraries, rules, atoms=atoms)


def test_every_answer_agrees_with_brute_force():
    rng = random.Random(7)
    for _ in range(60):
        fw = random_aba(rng)
        for sem in ["grounded", "complete", "preferred", "stable"]:
            exts = brute(fw, sem)
            got = [frozenset(e) for e in fw.extensions(sem)]
            assert sorted(map(sorted, got)) == sorted(map(sorted, exts)), (fw.rules, sem)
            assert fw.count(sem) == len(exts)
            for q in fw.atoms:
                cred = any(q in closure(fw, e) for e in exts)
                scep = all(q in closure(fw, e) for e in exts)
                a = fw.credulous(q, sem)
                assert a.accepted == cred and bool(a) == cred
                if cred:
                    assert q in fw.derives(a.extension)
                b = fw.sceptical(q, sem)
                assert b.accepted == scep
                if not scep:
                    assert frozenset(b.extension) in exts and q not in fw.derives(b.extension)


def test_the_debate_and_its_explanation():
    fw = argsat.ABA.from_file(os.path.join(ROOT, "frameworks", "capabilities-vs-alignment.aba"))
    assert len(fw.assumptions) == 39
    assert fw.count("preferred") == 4
    assert not fw.credulous("capabilities_outrun_alignment")
    e = fw.explain("capabilities_outrun_alignment", "grounded")
    assert e["credulous"] is False
    assert e["attack"]["target"] == "claim" and e["attack"]["contrary"] == "rebut_claim"
    assert e["defeated_derivation"][-1] == ("capabilities_outrun_alignment", ["claim", "for2_consistent_feedback"])
    e = fw.explain("rebut_claim")
    assert e["credulous"] and e["derivation"][-1][0] == "rebut_claim"


def test_parse_round_trip_and_bad_input():
    fw = argsat.ABA.parse("p aba 4\na 1\na 2\nc 1 4\nc 2 3\nr 3 1\nr 4 2\n", "aba")
    assert fw.atoms == ["1", "2", "3", "4"]
    assert sorted(map(sorted, fw.extensions("stable"))) == [["1"], ["2"]]
    with pytest.raises(ValueError, match="2:3"):
        argsat.ABA.parse("p aba 2\na 3\n", "aba")
    with pytest.raises(ValueError, match="must be flat"):
        argsat.ABA(["a"], {"a": "x"}, [("a", ["b"])])
    with pytest.raises(ValueError, match="not an assumption"):
        argsat.ABA(["a"], {"b": "x"})
    with pytest.raises(ValueError, match="cannot name"):
        argsat.ABA([""])
    with pytest.raises(ValueError, match="not supported for ABA"):
        fw.credulous("1", "semi-stable")
    with pytest.raises(ValueError, match="unknown ABA format"):
        argsat.ABA.parse("", "apx")
    with pytest.raises(KeyError):
        fw.credulous("9")
    with pytest.raises(OSError):
        argsat.ABA.from_file("/nonexistent.aba")


def test_a_timeout_raises_and_the_object_stays_usable():
    rng = random.Random(3)
    n = 3000
    atoms = [f"p{i}" for i in range(n)]
    asms = atoms[: n // 5]
    contraries = {a: [rng.choice(atoms)] for a in asms}
    rules = [(rng.choice(atoms[n // 5:]), rng.sample(atoms, rng.randint(1, 4))) for _ in range(4 * n)]
    fw = argsat.ABA(asms, contraries, rules, atoms=atoms)
    with pytest.raises(TimeoutError):
        fw.count("preferred", timeout=0.0)
    assert fw.solve("grounded") is not None


def test_ctrl_c_raises_keyboard_interrupt_within_a_second():
    # 40 pairs of assumptions attacking each other: 2**40 preferred extensions to count.
    k = 40
    asms = [f"a{i}" for i in range(k)] + [f"b{i}" for i in range(k)]
    contraries = {f"a{i}": [f"b{i}"] for i in range(k)}
    contraries.update({f"b{i}": [f"a{i}"] for i in range(k)})
    fw = argsat.ABA(asms, contraries, [])
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        fw.count("preferred")
    timer.join()
    assert time.monotonic() - start < 1.3
    # The framework answers again.
    assert fw.credulous("a0", "preferred", timeout=60).accepted
