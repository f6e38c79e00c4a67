"""The cost of proof mode on the corpus (issue 29, item 4): for every row of
answers.tsv whose reference answer argsat certifies with a proof (DC-CO, DC-PR, DC-ST NO;
DS-ST YES; SE-ST NONE; SE-PR's extension; DS-PR YES and NO), argsat answers without and
with --proof (limit LIMIT s each), and the answer with its proof is checked with an
external DRAT checker (`rate`, or ARGSAT_DRAT_CHECKER) through `argsat verify-proof
--answer`. One line per row (TSV) on stdout, a summary on stderr. A DS-PR NO whose
counterexample attacks the query needs no proof: verify-proof checks the set alone
("verified", proof_bytes 0).

    python3 benches/proofs/cost.py ARGSAT CORPUS [LIMIT] [--tasks T1,T2,...] > cost.tsv

With --tasks, every row of those tasks instead, whatever its answer (issue 35: every
answer of ICCMA 2025's main track and the 2023 stage tasks; answers a witness shows, and
grounded ones, need no proof file and are checked by verify-proof directly).
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

CERTIFIED = {("DC-CO", "NO"), ("DC-PR", "NO"), ("DC-ST", "NO"), ("DS-ST", "YES"),
             ("SE-ST", "NONE"), ("SE-PR", "EXISTS"), ("DS-PR", "YES"), ("DS-PR", "NO")}


def run(cmd, limit):
    start = time.perf_counter()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=limit)
        return time.perf_counter() - start, p.returncode, p.stdout
    except subprocess.TimeoutExpired:
        return None, None, ""


def main():
    args = sys.argv[1:]
    tasks = None
    if "--tasks" in args:
        i = args.index("--tasks")
        tasks = set(args[i + 1].split(","))
        del args[i:i + 2]
    argsat, corpus = args[0], args[1]
    limit = float(args[2]) if len(args) > 2 else 20.0
    rows = []
    for line in open(os.path.join(corpus, "answers.tsv")):
        f = line.rstrip("\n").split("\t")
        if len(f) < 4 or f[1] == "task":
            continue
        if (tasks is None and (f[1], f[3]) in CERTIFIED) or (tasks is not None and f[1] in tasks):
            rows.append((f[0], f[1], f[2]))
    print("instance\ttask\tplain_s\tproof_s\tratio\tproof_bytes\tcheck_s\tverdict")
    ratios, within, proved, verified = [], 0, 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        for inst, task, query in rows:
            path = os.path.join(corpus, inst)
            q = ["-a", query] if task[:2] in ("DC", "DS") else []
            plain, _, out = run([argsat, "-p", task, "-f", path] + q, limit)
            if plain is None or plain > 5:
                # Only refutations answered in 5 s are asked to come with a proof.
                print(f"{inst}\t{task}\t{'-' if plain is None else f'{plain:.2f}'}\t-\t-\t0\t-\t-", flush=True)
                continue
            proof = os.path.join(tmp, "p.drat")
            answer = os.path.join(tmp, "answer.txt")
            for old in (proof, proof + ".sets"):
                if os.path.exists(old):
                    os.remove(old)
            with_proof, _, out = run([argsat, "-p", task, "-f", path] + q + ["--proof", proof], 3 * limit)
            with open(answer, "w") as a:
                a.write(out)
            size = os.path.getsize(proof) if os.path.exists(proof) else 0
            check, verdict = None, "-"
            if with_proof is not None:
                check, code, text = run([argsat, "verify-proof", path, proof, "-p", task, "--answer", answer] + q, 10 * limit)
                verdict = {0: "verified", 1: "REJECTED"}.get(code, "checker-error" if check else "check-timeout")
            ratio = with_proof / plain if plain and with_proof else None
            if plain is not None and plain <= 5:
                within += 1
                proved += with_proof is not None and size > 0
                verified += verdict == "verified"
                if ratio:
                    ratios.append(ratio)
            fmt = lambda x: "-" if x is None else f"{x:.2f}"
            print(f"{inst}\t{task}\t{fmt(plain)}\t{fmt(with_proof)}\t{fmt(ratio)}\t{size}\t{fmt(check)}\t{verdict}", flush=True)
    med = statistics.median(ratios) if ratios else float("nan")
    print(f"{len(rows)} rows; {within} answered in <= 5 s without --proof: "
          f"{proved} with a proof file, {verified} verified (proof or set checked); median proof/plain time ratio {med:.2f}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
