"""A loop of credulous questions on one framework, as a notebook user asks them:
`python python/benches/query_loop.py FILE [SEMANTICS] [N]` prints the time per question.

With one solver per semantics kept between questions (argsat >= 0.1.0 after the owned
solvers), the SAT solver's encoding and learnt clauses serve every question; before, each
question built its solver anew. benches/README.md has the figures.
"""

import sys
import time

import argsat


def main():
    path = sys.argv[1]
    semantics = sys.argv[2] if len(sys.argv) > 2 else "preferred"
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    af = argsat.Framework.from_file(path)
    names = af.arguments
    start = time.perf_counter()
    yes = 0
    for i in range(n):
        yes += af.credulous(names[(i * 7919) % len(names)], semantics).accepted
    elapsed = time.perf_counter() - start
    print(f"{path} {semantics}: {n} credulous questions, {yes} yes, "
          f"{elapsed:.2f} s ({1000 * elapsed / n:.2f} ms each)")


if __name__ == "__main__":
    main()
