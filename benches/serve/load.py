"""A load test of `argsat serve` on loopback (issue 30): CLIENTS concurrent clients send
REQUESTS requests each, mixing good frameworks (the debate: solve, explain, check,
status, render; random small ones whose stable extensions this script checks itself),
bad ones (a parse error: 400 with line and column) and hard ones (a 1,000-argument random
framework at the threshold, with a short --request-timeout: 503 when it passes). Every
request must be answered as expected, hard ones within their limit (plus a margin), and
the server alive afterwards; its resident memory is reported before, at the peak seen,
and after. Exit 0 when all holds.

    python3 benches/serve/load.py ARGSAT [CLIENTS] [REQUESTS] [TIMEOUT_S]
"""

import json
import os
import random
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def rss_kib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def call(base, path, body, timeout=120):
    req = urllib.request.Request(base + path, data=body, method="POST" if body is not None else "GET")
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read(), time.perf_counter() - start
    except urllib.error.HTTPError as e:
        return e.code, e.read(), time.perf_counter() - start


def small(rng):
    n = rng.randint(3, 9)
    attacks = sorted({(rng.randint(1, n), rng.randint(1, n)) for _ in range(rng.randint(0, 2 * n))})
    text = f"p af {n}\n" + "".join(f"{a} {b}\n" for a, b in attacks)
    return n, attacks, text


def stable_sets(n, attacks):
    out = []
    for mask in range(1 << n):
        s = {i + 1 for i in range(n) if mask >> i & 1}
        if any(a in s and b in s for a, b in attacks):
            continue
        hit = {b for a, b in attacks if a in s}
        if all(x in s or x in hit for x in range(1, n + 1)):
            out.append(sorted(s))
    return out


def main():
    argsat = sys.argv[1]
    clients = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    per_client = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    limit = float(sys.argv[4]) if len(sys.argv) > 4 else 2.0
    debate = open(os.path.join(ROOT, "frameworks", "capabilities-vs-alignment.apx"), "rb").read()
    hard = subprocess.run([argsat, "generate", "er", "-n", "1000", "--p", "0.01", "--seed", "1"],
                          capture_output=True, check=True).stdout
    server = subprocess.Popen([argsat, "serve", "--port", "0", "--request-timeout", str(limit)],
                              stdout=subprocess.PIPE, text=True)
    base = re.search(r"http://[^/]+", server.stdout.readline()).group(0)
    failures, counts, latencies, hard_times = [], {}, [], []
    lock = threading.Lock()
    peak = [0]

    def record(kind, ok, why, seconds):
        with lock:
            counts[kind] = counts.get(kind, 0) + 1
            latencies.append(seconds)
            if not ok:
                failures.append(f"{kind}: {why}")

    def client(seed):
        rng = random.Random(seed)
        for i in range(per_client):
            pick = (seed + i) % 10
            if pick == 0:
                status, body, t = call(base, "/api/accept?argument=1&semantics=complete", hard)
                with lock:
                    hard_times.append(t)
                record("hard", status in (200, 503) and t < limit + 5, f"{status} after {t:.1f} s", t)
            elif pick == 1:
                status, body, t = call(base, "/api/solve?name=bad.af", b"p af 2\n1 3\n")
                j = json.loads(body)
                record("bad", status == 400 and j.get("line") == 2 and j.get("column") == 3, body[:80], t)
            elif pick in (2, 3, 4):
                n, attacks, text = small(rng)
                status, body, t = call(base, "/api/solve?semantics=stable&all=1", text.encode())
                got = sorted(sorted(int(x) for x in e) for e in json.loads(body)["extensions"]) if status == 200 else None
                record("small", got == sorted(stable_sets(n, attacks)), f"{status} {body[:80]}", t)
            else:
                path = ["/api/solve?semantics=preferred", "/api/explain?argument=claim&semantics=stable",
                        "/api/check", "/api/status?semantics=stable", "/api/render?semantics=stable&extension=2"][pick - 5]
                status, body, t = call(base, path, debate)
                record("debate", status == 200 and len(body) > 20, f"{path}: {status} {body[:80]}", t)

    def watch():
        while server.poll() is None and not done.is_set():
            peak[0] = max(peak[0], rss_kib(server.pid))
            time.sleep(0.05)

    try:
        call(base, "/api/check", debate)
        before = rss_kib(server.pid)
        done = threading.Event()
        watcher = threading.Thread(target=watch)
        watcher.start()
        start = time.perf_counter()
        threads = [threading.Thread(target=client, args=(s,)) for s in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - start
        done.set()
        watcher.join()
        time.sleep(1.0)
        after = rss_kib(server.pid)
        # A second round as large: memory kept for reuse stays level, a leak grows.
        threads = [threading.Thread(target=client, args=(s + clients,)) for s in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        time.sleep(1.0)
        again = rss_kib(server.pid)
        alive = call(base, "/api/frameworks", None)[0] == 200 and server.poll() is None
    finally:
        server.kill()
        server.wait()
    latencies.sort()
    total = sum(counts.values())
    pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))]
    print(f"2 rounds of {clients} clients x {per_client} requests = {total} answered, the first in {wall:.1f} s "
          f"({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}); "
          f"latency median {pct(0.5):.3f} s, p90 {pct(0.9):.3f} s, max {latencies[-1]:.2f} s; "
          f"hard: max {max(hard_times):.2f} s (limit {limit} s)")
    print(f"server RSS: {before / 1024:.1f} MiB before, peak {peak[0] / 1024:.1f} MiB, "
          f"{after / 1024:.1f} MiB after, {again / 1024:.1f} MiB after a second round; alive: {alive}")
    for f in failures[:20]:
        print("FAILED", f)
    ok = not failures and alive and total == 2 * clients * per_client \
        and again < after + 32 * 1024 and after < before + 160 * 1024
    print("load test:", "passed" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
