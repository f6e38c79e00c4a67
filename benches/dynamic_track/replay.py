"""The framework ICCMA's dynamic_track.py has reached at round ITER, as a static ICCMA
2023 file, with its 16 questions: to settle answers on which two libraries differ with
the static solvers and `argsat verify`.

    python3 benches/dynamic_track/replay.py DYNAMIC_TRACK_PY FRAMEWORK.af ITER OUT.af

The script's changes do not depend on the answers, so it runs with a solver that only
records them; OUT.af.queries gets the questions (OUT's argument numbers, in the order of
the `v` line), OUT.af.ids the original id of each argument.
"""
import os
import sys
import tempfile

RECORDER = '''
class Recorder:
    def __init__(self, sigma, af_file=None):
        self.args, self.atts, self.round = set(), set(), 0
    def add_argument(self, a): self.args.add(a)
    def del_argument(self, a):
        self.args.discard(a)
        self.atts = {(s, t) for (s, t) in self.atts if s != a and t != a}
    def add_attack(self, s, t): self.atts.add((s, t))
    def del_attack(self, s, t): self.atts.discard((s, t))
    def _ask(self, q):
        import os, sys
        if self.asked == 0:
            self.round += 1
            if self.round == int(os.environ["REPLAY_ITER"]):
                self.dump()
        self.asked = (self.asked + 1) % 16
        return True
    asked = 0
    def solve_cred(self, qs): return self._ask(qs[0])
    def solve_skept(self, qs): return self._ask(qs[0])
    def dump(self):
        import os, sys
        out = os.environ["REPLAY_OUT"]
        ids = sorted(self.args)
        index = {a: i + 1 for i, a in enumerate(ids)}
        with open(out, "w") as f:
            f.write("p af %d\\n" % len(ids))
            for s, t in sorted(self.atts):
                f.write("%d %d\\n" % (index[s], index[t]))
        with open(out + ".ids", "w") as f:
            f.write(" ".join(map(str, ids)) + "\\n")
        self.index = index
'''


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    script, af, it, out = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3], sys.argv[4]
    text = open(script).read()
    line = "from scalop import Scallop as AFSolver"
    text = text.replace(line, "from recorder import Recorder as AFSolver")
    # The questions: the script's `queries` list once the solver exists.
    text = text.replace("for i in range(1, ITERATIONS+1):",
                        "import os\nopen(os.environ['REPLAY_OUT'] + '.qids', 'w').write("
                        "' '.join(map(str, queries)) + '\\n')\n"
                        "for i in range(1, ITERATIONS+1):", 1)
    work = tempfile.mkdtemp()
    open(os.path.join(work, "dynamic_track.py"), "w").write(text)
    open(os.path.join(work, "recorder.py"), "w").write(RECORDER)
    env = dict(os.environ, REPLAY_ITER=it, REPLAY_OUT=os.path.abspath(out))
    import subprocess
    subprocess.run([sys.executable, "dynamic_track.py", "DS-PR", af, af + ".arg"],
                   cwd=work, env=env, check=True, stdout=subprocess.DEVNULL)
    ids = open(out + ".ids").read().split()
    index = {a: i + 1 for i, a in enumerate(ids)}
    qids = open(out + ".qids").read().split()
    open(out + ".queries", "w").write(" ".join(str(index[q]) for q in qids) + "\n")
    os.remove(out + ".qids")


if __name__ == "__main__":
    main()
