"""ICCMA's dynamic track, as ICCMA runs it, for IPAFAIR libraries side by side (issue 36).

ICCMA's `dynamic_track.py` (in crustabri_ipafair's crate: `resources/iccma25.tar.gz`;
unpack its `.crate` from cargo's registry cache once a scratch project depends on it)
drives one solver class through IPAFAIR from Python: 64 rounds of 16 questions and 32
changes around the query's neighbourhood. This copies it into a scratch folder with its
solver import pointed at `argsat_ipafair.Solver` (a ctypes class over any IPAFAIR
library), runs it per library, task and framework under a time limit, and prints the
total time per task and library, the ratio to the first library, and every framework
where the `v` lines (the answers) differ.

    python3 benches/dynamic_track/run.py DYNAMIC_TRACK_PY LIMIT \\
        --lib argsat=target/release/libargsat.so \\
        --lib crustabri=/path/libcrustabri_ipafair.so \\
        --tasks DC-CO,DC-ST,DS-ST,DS-PR FRAMEWORK.af...

Each FRAMEWORK.af needs its FRAMEWORK.af.arg (the query). `--repeat R` keeps the best of R
runs of each (the shortest total, and apart from it the shortest time in the library).

The script itself costs time: it recomputes its bookkeeping in Python at every change
(`sum(arg_exists)` over all arguments, 32 times a round), a third of a second or more on a
framework of 2,500 arguments whatever the solver. So each task and framework is also run
with a solver that does nothing (`script alone`, its answers ignored), and the table
gives each library's total, its total less the script's own time, and the time spent
inside the library's calls (`argsat_ipafair.py` times each one: IPAFAIR_TIME), with the
ratios of each to the first library's. The time in the library is the steadiest measure
of what a library costs: the total less the script subtracts two runs' noise.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    args = sys.argv[1:]
    libs, tasks, files, repeat = [], ["DC-CO", "DC-ST", "DS-ST", "DS-PR"], [], 1
    if len(args) < 2:
        sys.exit(__doc__)
    script, limit = args[0], float(args[1])
    rest = args[2:]
    while rest:
        a = rest.pop(0)
        if a == "--lib":
            name, path = rest.pop(0).split("=", 1)
            libs.append((name, os.path.abspath(path)))
        elif a == "--tasks":
            tasks = rest.pop(0).split(",")
        elif a == "--repeat":
            repeat = int(rest.pop(0))
        else:
            files.append(os.path.abspath(a))
    if not libs or not files:
        sys.exit(__doc__)
    work = tempfile.mkdtemp()
    try:
        text = open(script).read()
        line = "from scalop import Scallop as AFSolver"
        if line not in text:
            sys.exit("%s: no `%s` line to replace" % (script, line))
        open(os.path.join(work, "dynamic_track.py"), "w").write(
            text.replace(line, "from argsat_ipafair import Solver as AFSolver"))
        shutil.copy(os.path.join(HERE, "argsat_ipafair.py"), work)
        open(os.path.join(work, "script_alone.py"), "w").write(
            text.replace(line, "from null_solver import Solver as AFSolver"))
        open(os.path.join(work, "null_solver.py"), "w").write(NULL_SOLVER)
        totals, alone, answers, inside = {}, {}, {}, {}
        print("library\ttask\tframework\tseconds\tin library\tstatus")
        for task in tasks:
            for f in files:
                runs = [("script alone", None)] + libs
                for name, lib in runs:
                    best, lib_best = None, None
                    for _ in range(repeat):
                        status, out, secs, lib_secs = run_once(work, lib, task, f, limit)
                        if best is None or secs < best[2]:
                            best = (status, out, secs)
                        if lib_secs is not None and (lib_best is None or lib_secs < lib_best):
                            lib_best = lib_secs
                        if status != "ok":
                            break
                    (status, out, secs), lib_secs = best, lib_best
                    shown = "-" if lib_secs is None else "%.3f" % lib_secs
                    print("%s\t%s\t%s\t%.2f\t%s\t%s" % (name, task, os.path.basename(f), secs,
                                                         shown, status), flush=True)
                    if lib is None:
                        alone[task] = alone.get(task, 0.0) + secs
                        continue
                    v = [l for l in out.splitlines() if l.startswith("v ")]
                    answers[(task, f, name)] = (status, v)
                    totals[(task, name)] = totals.get((task, name), 0.0) + secs
                    inside[(task, name)] = inside.get((task, name), 0.0) + (lib_secs or limit)
        print()
        first = libs[0][0]
        print("task\tscript alone\t"
              + "\t".join("%s\t%s less script\t%s in library" % (n, n, n) for n, _ in libs)
              + "\t" + "\t".join("%s / %s\t(less script)\t(in library)" % (first, n)
                                  for n, _ in libs[1:]))
        for task in tasks:
            row = [(totals[(task, n)], totals[(task, n)] - alone[task], inside[(task, n)])
                   for n, _ in libs]
            cells = ["%.2f\t%.2f\t%.3f" % r for r in row]
            ratios = ["%s\t%s\t%s" % (ratio(row[0][0], r[0]), ratio(row[0][1], r[1]),
                                      ratio(row[0][2], r[2])) for r in row[1:]]
            print("%s\t%.2f\t%s\t%s" % (task, alone[task], "\t".join(cells), "\t".join(ratios)))
        for task in tasks:
            for f in files:
                seen = {n: answers[(task, f, n)] for n, _ in libs}
                complete = {n: v for n, (s, v) in seen.items() if s == "ok"}
                if len(set(tuple(v) for v in complete.values())) > 1:
                    print("DIFFERENT v lines: %s %s (%s)" % (task, f, ", ".join(complete)))
    finally:
        shutil.rmtree(work)


NULL_SOLVER = '''class Solver:
    """A solver that does nothing: what the script costs by itself."""
    def __init__(self, sigma, af_file=None):
        pass
    def add_argument(self, arg):
        pass
    def del_argument(self, arg):
        pass
    def add_attack(self, source, target):
        pass
    def del_attack(self, source, target):
        pass
    def solve_cred(self, assumps):
        return True
    def solve_skept(self, assumps):
        return True
'''


def run_once(work, lib, task, f, limit):
    """One run of the script on `lib` (None: the script alone): status, stdout, seconds
    (the limit when it did not end well), seconds inside the library's calls (None for
    the script alone or when the run did not end well)."""
    script = "dynamic_track.py" if lib else "script_alone.py"
    timing = os.path.join(work, "library-time")
    if os.path.exists(timing):
        os.remove(timing)
    env = dict(os.environ, IPAFAIR_LIB=lib or "", IPAFAIR_TIME=timing)
    start = time.perf_counter()
    try:
        p = subprocess.run([sys.executable, script, task, f, f + ".arg"],
                           cwd=work, env=env, capture_output=True, text=True, timeout=limit)
        status = "ok" if p.returncode == 0 else "error %d" % p.returncode
        out = p.stdout
    except subprocess.TimeoutExpired as e:
        status, out = "timeout", (e.stdout or b"").decode()
    secs = time.perf_counter() - start
    lib_secs = None
    if lib and status == "ok" and os.path.exists(timing):
        lib_secs = float(open(timing).read())
    return status, out, secs if status == "ok" else limit, lib_secs


def ratio(a, b):
    return "%.2f" % (a / b) if b > 0 else "-"


if __name__ == "__main__":
    main()
