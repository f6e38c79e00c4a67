"""The Python package: frameworks, answers with witnesses, streaming, the incremental
solver and the IPAFAIR-style AFSolver, on small frameworks whose answers are known."""

import itertools
import os

import pytest

import argsat

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEBATE = os.path.join(ROOT, "frameworks", "capabilities-vs-alignment.apx")


def nixon():
    return argsat.Framework(["a", "b", "c", "d"], [("a", "b"), ("b", "a"), ("a", "c"), ("b", "c"), ("c", "d")])


def test_grounded_labelling_is_a_dict():
    assert nixon().grounded() == {"a": "undec", "b": "undec", "c": "undec", "d": "undec"}
    chain = argsat.Framework(["x", "y", "z"], [("x", "y"), ("y", "z")])
    assert chain.grounded() == {"x": "in", "y": "out", "z": "in"}


def test_answers_come_with_witnesses():
    af = nixon()
    yes = af.credulous("d", "preferred")
    assert yes.accepted and bool(yes) and "d" in yes.extension
    assert af.sceptical("d", "preferred").accepted
    no = af.sceptical("a", "stable")
    assert not no.accepted and "a" not in no.extension
    assert not af.credulous("c", "complete").accepted


def test_extensions_stream_and_count():
    af = nixon()
    assert sorted(sorted(e) for e in af.extensions("preferred")) == [["a", "d"], ["b", "d"]]
    assert af.count("complete") == 3
    # 20 mutual attacks: a million stable extensions; the first ones come at once.
    pairs = argsat.Framework([f"p{i}" for i in range(40)], [(f"p{i}", f"p{i ^ 1}") for i in range(40)])
    first = list(itertools.islice(pairs.extensions("stable"), 5))
    assert len(first) == 5 and all(len(e) == 20 for e in first)


def test_building_reading_and_errors():
    af = argsat.Framework()
    af.add_argument("a")
    af.add_argument("b")
    af.add_attack("a", "b")
    assert af.arguments == ["a", "b"] and af.attacks == [("a", "b")] and len(af) == 2
    with pytest.raises(ValueError):
        af.add_argument("a")
    with pytest.raises(KeyError):
        af.add_attack("a", "zzz")
    with pytest.raises(ValueError):
        af.solve("nonsense")
    parsed = argsat.Framework.parse("p af 2\n1 2\n", "i23")
    assert parsed.solve("grounded") == ["1"]
    with pytest.raises(ValueError, match="3:3"):
        argsat.Framework.parse("p af 2\n1 2\n1 x\n", "i23")
    with pytest.raises(OSError):
        argsat.Framework.from_file("/nonexistent.af")


def test_the_debate():
    af = argsat.Framework.from_file(DEBATE)
    assert af.grounded()["claim"] == "out"
    e = af.explain("claim")
    assert e["argument"] == "claim" and e["credulous"]["accepted"] is False
    assert e["credulous"]["rejection"]["attacks"] == [["against1_tractable_alignable", "claim"]]
    assert af.svg().startswith("<svg")


def test_the_incremental_solver_follows_changes():
    d = argsat.Dynamic("stable")
    for a in "abc":
        d.add_argument(a)
    d.add_attack("a", "b")
    d.add_attack("b", "a")
    d.add_attack("b", "c")
    assert d.credulous(["c"]).accepted
    assert not d.sceptical(["c"]).accepted
    d.del_attack("b", "c")
    assert d.sceptical(["c"]).accepted
    assert d.credulous(["a"], ["b"]).extension == ["a", "c"]
    d.del_argument("a")
    assert d.sceptical(["b"]).accepted
    with pytest.raises(ValueError):
        d.add_argument("b")
    with pytest.raises(KeyError):
        d.del_attack("a", "b")
    d.set_semantics("preferred")
    assert d.arguments == ["b", "c"]


def test_afsolver_speaks_the_dynamic_track_harness():
    s = argsat.AFSolver("ST")
    for a in (1, 2, 3):
        s.add_argument(a)
    s.add_attack(1, 2)
    s.add_attack(2, 1)
    s.add_attack(2, 3)
    assert s.solve_cred([3]) is True and s.extract_witness() == [1, 3]
    assert s.solve_skept([3]) is False and s.extract_witness() == [2]
    s.del_attack(2, 1)
    assert s.solve_skept([1, 3]) is True and s.extract_witness() is None
    path = os.path.join(ROOT, "frameworks", "odd_cycle.af")
    co = argsat.AFSolver("CO", path)
    assert co.solve_cred([1]) is False
    assert co.solve_skept([]) is True


def test_the_module_docs_run():
    import doctest

    assert doctest.testmod(argsat).failed == 0
