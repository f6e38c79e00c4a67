"""The cost of proof mode on the corpus (issue 29, item 4): for every row of
answers.tsv whose reference answer is a refutation argsat certifies (DC-CO, DC-PR, DC-ST
NO; DS-ST YES; SE-ST NONE), argsat answers without and with --proof (limit LIMIT s each),
and the proof is checked with an external DRAT checker (`rate`, or ARGSAT_DRAT_CHECKER)
through `argsat verify-proof`. One line per row (TSV) on stdout, a summary on stderr.

    python3 benches/proofs/cost.py ARGSAT CORPUS [LIMIT] > cost.tsv
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

REFUTING = {"DC-CO": "NO", "DC-PR": "NO", "DC-ST": "NO", "DS-ST": "YES", "SE-ST": "NONE"}


def run(cmd, limit):
    start = time.perf_counter()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=limit)
        return time.perf_counter() - start, p.returncode, p.stdout
    except subprocess.TimeoutExpired:
        return None, None, ""


def main():
    argsat, corpus = sys.argv[1], sys.argv[2]
    limit = float(sys.argv[3]) if len(sys.argv) > 3 else 20.0
    rows = []
    for line in open(os.path.join(corpus, "answers.tsv")):
        f = line.rstrip("\n").split("\t")
        if len(f) > 3 and REFUTING.get(f[1]) == f[3]:
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
            if os.path.exists(proof):
                os.remove(proof)
            with_proof, _, _ = run([argsat, "-p", task, "-f", path] + q + ["--proof", proof], 3 * limit)
            size = os.path.getsize(proof) if os.path.exists(proof) else 0
            check, verdict = None, "-"
            if with_proof is not None and size:
                check, code, text = run([argsat, "verify-proof", path, proof, "-p", task] + q, 10 * limit)
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
    print(f"{len(rows)} refutations; {within} answered in <= 5 s without --proof: "
          f"{proved} with a proof, {verified} verified; median proof/plain time ratio {med:.2f}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
