#!/usr/bin/env python3
"""The ABA track beside its anchors: every row of an ABA corpus's answers.tsv (the six ICCMA
tasks) run by each solver through the ICCMA interface, one run at a time, with a wall-clock
limit; answers compared with the reference (UNKNOWN rows: with the other solvers). Prints per
task and in total: rows solved, wrong answers and PAR-2 (a timeout or failure counts twice
the limit), and each solver's PAR-2 over the first's.

    python3 benches/aba.py CORPUS LIMIT NAME=COMMAND [NAME=COMMAND ...] [--tsv OUT]

e.g. python3 benches/aba.py ../shared/benchmarks/aba 60 argsat=target/release/argsat \
         scalop=scalop_iccma25
"""

import subprocess
import sys
import time
from collections import defaultdict

TASKS = ["DC-CO", "DC-ST", "DS-PR", "DS-ST", "SE-PR", "SE-ST"]


def answer(task, out):
    first = out.strip().split("\n")[0].strip() if out.strip() else ""
    if task.startswith("SE"):
        return "NONE" if first == "NO" else ("EXISTS" if first.startswith("w") else None)
    return first if first in ("YES", "NO") else None


def main():
    args = sys.argv[1:]
    tsv_out = None
    if "--tsv" in args:
        i = args.index("--tsv")
        tsv_out = args[i + 1]
        del args[i:i + 2]
    corpus, limit, solvers = args[0], float(args[1]), [s.split("=", 1) for s in args[2:]]
    rows = [line.rstrip("\n").split("\t") for line in open(f"{corpus}/answers.tsv")][1:]
    results = []
    for f, task, q, ref, *_ in rows:
        for name, cmd in solvers:
            argv = cmd.split() + ["-p", task, "-f", f"{corpus}/{f}"] + (["-a", q] if q != "-" else [])
            start = time.monotonic()
            try:
                p = subprocess.run(argv, capture_output=True, text=True, timeout=limit)
                secs = time.monotonic() - start
                got = answer(task, p.stdout) if p.returncode == 0 else None
            except subprocess.TimeoutExpired:
                secs, got = limit, None
            results.append((f, task, ref, name, got, secs))
            print(f"{name}\t{f}\t{task}\t{ref}\t{got}\t{secs:.2f}", file=sys.stderr)
    # A reference for UNKNOWN rows: what every solver that answered agrees on.
    agreed = defaultdict(set)
    for f, task, ref, name, got, secs in results:
        if got is not None:
            agreed[(f, task)].add(got)
    table = defaultdict(lambda: [0, 0, 0.0, 0])  # solved, wrong, par2, rows
    for f, task, ref, name, got, secs in results:
        expected = ref if ref != "UNKNOWN" else (next(iter(agreed[(f, task)])) if len(agreed[(f, task)]) == 1 else None)
        for key in [(name, task), (name, "all")]:
            t = table[key]
            t[3] += 1
            if got is None:
                t[2] += 2 * limit
            elif expected is not None and got != expected:
                t[1] += 1
                t[2] += 2 * limit
            else:
                t[0] += 1
                t[2] += secs
    names = [n for n, _ in solvers]
    print(f"| task | " + " | ".join(f"{n} solved | {n} PAR-2 (s)" for n in names)
          + "".join(f" | {n}/{names[0]}" for n in names[1:]) + " |")
    print("|---" * (1 + 2 * len(names) + len(names) - 1) + "|")
    for task in TASKS + ["all"]:
        cells = []
        for n in names:
            s, w, par2, rows_ = table[(n, task)]
            cells.append(f"{s}/{rows_}" + (f" ({w} wrong)" if w else ""))
            cells.append(f"{par2:.1f}")
        base = table[(names[0], task)][2]
        ratios = [f"{table[(n, task)][2] / base:.2f}" if base else "-" for n in names[1:]]
        print(f"| {task} | " + " | ".join(cells + ratios) + " |")
    if tsv_out:
        with open(tsv_out, "w") as out:
            out.write("solver\tfile\ttask\treference\tanswer\tseconds\n")
            for f, task, ref, name, got, secs in results:
                out.write(f"{name}\t{f}\t{task}\t{ref}\t{got}\t{secs:.3f}\n")


if __name__ == "__main__":
    main()
