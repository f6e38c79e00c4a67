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

Each FRAMEWORK.af needs its FRAMEWORK.af.arg (the query).
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
    libs, tasks, files = [], ["DC-CO", "DC-ST", "DS-ST", "DS-PR"], []
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
        totals = {}
        answers = {}
        print("library\ttask\tframework\tseconds\tstatus")
        for task in tasks:
            for f in files:
                for name, lib in libs:
                    env = dict(os.environ, IPAFAIR_LIB=lib)
                    start = time.perf_counter()
                    try:
                        p = subprocess.run(
                            [sys.executable, "dynamic_track.py", task, f, f + ".arg"],
                            cwd=work, env=env, capture_output=True, text=True, timeout=limit)
                        status = "ok" if p.returncode == 0 else "error %d" % p.returncode
                        out = p.stdout
                    except subprocess.TimeoutExpired as e:
                        status, out = "timeout", (e.stdout or b"").decode()
                    secs = time.perf_counter() - start
                    if status != "ok":
                        secs = limit
                    v = [l for l in out.splitlines() if l.startswith("v ")]
                    answers[(task, f, name)] = (status, v)
                    totals[(task, name)] = totals.get((task, name), 0.0) + secs
                    print("%s\t%s\t%s\t%.2f\t%s" % (name, task, os.path.basename(f), secs, status),
                          flush=True)
        print()
        print("task\t" + "\t".join(n for n, _ in libs) + "\tratios to " + libs[0][0])
        for task in tasks:
            row = [totals[(task, n)] for n, _ in libs]
            ratios = ["%.2f" % (r / row[0]) if row[0] else "-" for r in row[1:]]
            print("%s\t%s\t%s" % (task, "\t".join("%.1f" % r for r in row), "\t".join(ratios)))
        for task in tasks:
            for f in files:
                seen = {n: answers[(task, f, n)] for n, _ in libs}
                complete = {n: v for n, (s, v) in seen.items() if s == "ok"}
                if len(set(tuple(v) for v in complete.values())) > 1:
                    print("DIFFERENT v lines: %s %s (%s)" % (task, f, ", ".join(complete)))
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
