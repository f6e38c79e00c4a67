"""The Python package: frameworks, answers with witnesses, streaming, the incremental
solver and the IPAFAIR-style AFSolver, on small frameworks whose answers are known."""

import itertools
import os
import signal
import threading
import time

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


def test_answers_without_witnesses_agree_and_show_none():
    # 1 <-> 2 -> 3, 5 <-> 6: 3 is in some preferred extension and not in all.
    on, off = argsat.Dynamic("preferred"), argsat.Dynamic("preferred", witnesses=False)
    for d in (on, off):
        for a in "12356":
            d.add_argument(a)
        for a, b in [("1", "2"), ("2", "1"), ("2", "3"), ("5", "6"), ("6", "5")]:
            d.add_attack(a, b)
    assert on.witnesses and not off.witnesses
    shown = on.sceptical(["3"])
    assert not shown.accepted and "2" in shown.extension and "3" not in shown.extension
    bare = off.sceptical(["3"])
    assert not bare.accepted and bare.extension is None
    assert off.credulous(["3"]).accepted and off.credulous(["3"]).extension is None
    off.witnesses = True
    assert off.sceptical(["3"]).extension in (["2", "5"], ["2", "6"])


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


def test_any_name_a_file_can_hold():
    # TGF-style and non-ASCII names, built directly (no text in between).
    names = ["a-1", "b.2", "ζ", "Ärger", "x y", "claim#3", "(p)"]
    attacks = [("a-1", "b.2"), ("b.2", "ζ"), ("ζ", "Ärger"), ("x y", "claim#3"), ("claim#3", "x y")]
    af = argsat.Framework(names, attacks)
    assert af.grounded() == {"a-1": "in", "b.2": "out", "ζ": "in", "Ärger": "out",
                             "x y": "undec", "claim#3": "undec", "(p)": "in"}
    assert sorted(sorted(e) for e in af.extensions("stable")) == [
        ["(p)", "a-1", "claim#3", "ζ"], ["(p)", "a-1", "x y", "ζ"]]
    assert af.credulous("x y", "stable").extension == ["a-1", "ζ", "x y", "(p)"]
    assert af.explain("Ärger")["credulous"]["accepted"] is False
    assert "Ärger" in af.svg()
    d = argsat.Dynamic("stable")
    for n in names:
        d.add_argument(n)
    for a, b in attacks:
        d.add_attack(a, b)
    assert not d.credulous(["Ärger"]).accepted and d.credulous(["claim#3"]).accepted
    tgf = argsat.Framework.parse("a-1\nb-2\n#\na-1 b-2\n", "tgf")
    assert tgf.grounded() == {"a-1": "in", "b-2": "out"}
    for bad in ["", "a\nb", "tab\there", "nul\0"]:
        with pytest.raises(ValueError):
            argsat.Framework([bad])
        with pytest.raises(ValueError):
            d.add_argument(bad)


def hard():
    """A random framework at the satisfiability threshold (1,000 arguments, 10 attacks
    each): whether argument 0 is in an admissible set takes SAT solvers minutes."""
    import random

    rng = random.Random(1)
    names = [str(i) for i in range(1000)]
    attacks = {(rng.randrange(1000), rng.randrange(1000)) for _ in range(10_000)}
    attacks = [(str(a), str(b)) for a, b in attacks if a != b]
    return argsat.Framework(names + ["free"], attacks)


def test_a_timeout_raises_and_the_framework_stays_usable():
    af = hard()
    start = time.monotonic()
    with pytest.raises(TimeoutError):
        af.credulous("0", "complete", timeout=0.3)
    assert time.monotonic() - start < 1.5
    with pytest.raises(TimeoutError):
        af.count("stable", timeout=0.2)
    assert af.credulous("free", "complete").accepted
    assert af.credulous("free", "complete", timeout=10).accepted
    with pytest.raises(ValueError):
        af.credulous("free", "complete", timeout=-1)


def test_ctrl_c_raises_keyboard_interrupt_within_a_second():
    af = hard()
    for semantics in ["complete", "stable"]:
        timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
        timer.start()
        start = time.monotonic()
        with pytest.raises(KeyboardInterrupt):
            af.credulous("0", semantics)
        timer.join()
        assert time.monotonic() - start < 1.3, semantics
        # The framework answers again.
        assert af.sceptical("free", semantics, timeout=60).accepted
    d = argsat.Dynamic("complete")
    for a in af.arguments:
        d.add_argument(a)
    for a, b in af.attacks:
        d.add_attack(a, b)
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        d.credulous(["0"])
    timer.join()
    assert time.monotonic() - start < 1.3
    assert d.sceptical(["free"], timeout=60).accepted


def test_the_gil_is_released_while_solving():
    af = hard()
    ticks = []
    done = threading.Event()

    def tick():
        while not done.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.01)

    t = threading.Thread(target=tick)
    t.start()
    with pytest.raises(TimeoutError):
        af.credulous("0", "complete", timeout=0.5)
    done.set()
    t.join()
    assert len(ticks) > 20


def test_one_solver_per_semantics_answers_a_query_loop():
    af = argsat.Framework([f"a{i}" for i in range(60)],
                          [(f"a{i}", f"a{(i * 7 + 3) % 60}") for i in range(60)]
                          + [(f"a{i}", f"a{(i + 1) % 60}") for i in range(0, 60, 2)])
    fresh = {}
    for i in range(60):
        # A new framework (so a new solver) per question is the reference.
        other = argsat.Framework(af.arguments, af.attacks)
        fresh[i] = other.credulous(f"a{i}", "preferred").accepted
    for _ in range(3):
        for i in range(60):
            assert af.credulous(f"a{i}", "preferred").accepted == fresh[i]
    af.add_argument("late")
    af.add_attack("late", "a0")
    assert af.credulous("late", "preferred").accepted
    assert not af.credulous("a0", "preferred").accepted


def test_version_and_types():
    import importlib.metadata
    import importlib.resources

    assert argsat.__version__ == importlib.metadata.version("argsat")
    files = importlib.resources.files("argsat")
    assert files.joinpath("py.typed").is_file() and files.joinpath("_argsat.pyi").is_file()


def test_the_readme_runs(monkeypatch):
    import doctest

    monkeypatch.chdir(ROOT)
    readme = os.path.join(ROOT, "python", "README.md")
    assert doctest.testfile(readme, module_relative=False).failed == 0
