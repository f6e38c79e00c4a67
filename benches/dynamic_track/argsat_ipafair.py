"""An IPAFAIR `AFSolver` (ICCMA's `ipafair.py` interface) over a shared library exporting
the IPAFAIR C functions, by ctypes: argsat's `libargsat.so`, or any other such library
(crustabri_ipafair's `libcrustabri_ipafair.so`). ICCMA's `dynamic_track.py` imports its
solver class from `scalop.py`; `run.py` in this folder puts this one in its place.

The library is named by the environment variable IPAFAIR_LIB (a path). When
IPAFAIR_TIME names a file, the seconds spent inside the library's calls (each timed
with `time.perf_counter` around the ctypes call) are written there at exit: what the
library costs the script, without the script's own work.
"""
import atexit
import os
import time
from ctypes import c_char_p, c_int, c_void_p, cdll


class _Timed:
    """A library function that adds the time of each call to a shared total."""
    def __init__(self, f, total):
        self.f, self.total = f, total

    def __call__(self, *args):
        start = time.perf_counter()
        try:
            return self.f(*args)
        finally:
            self.total[0] += time.perf_counter() - start

SEMANTICS = {"AD": 0, "CO": 1, "PR": 2, "ST": 3, "SST": 4, "STG": 5}


class _Library:
    """The library with every IPAFAIR function timed (see the module docs)."""
    def __init__(self, lib, total):
        for f in ("ipafair_init", "ipafair_release", "ipafair_set_semantics",
                  "ipafair_add_argument", "ipafair_del_argument", "ipafair_assume",
                  "ipafair_add_attack", "ipafair_del_attack", "ipafair_solve_cred",
                  "ipafair_solve_skept", "ipafair_val"):
            setattr(self, f, _Timed(getattr(lib, f), total))


class Solver:
    def __init__(self, sigma, af_file=None):
        path = os.environ.get("IPAFAIR_LIB")
        if not path:
            raise IOError("IPAFAIR_LIB names no shared library")
        lib = cdll.LoadLibrary(path)
        lib.ipafair_init.restype = c_void_p
        lib.ipafair_init.argtypes = []
        lib.ipafair_release.argtypes = [c_void_p]
        lib.ipafair_set_semantics.argtypes = [c_void_p, c_int]
        for f in ("ipafair_add_argument", "ipafair_del_argument", "ipafair_assume"):
            getattr(lib, f).argtypes = [c_void_p, c_int]
        for f in ("ipafair_add_attack", "ipafair_del_attack"):
            getattr(lib, f).argtypes = [c_void_p, c_int, c_int]
        for f in ("ipafair_solve_cred", "ipafair_solve_skept"):
            getattr(lib, f).restype = c_int
            getattr(lib, f).argtypes = [c_void_p]
        lib.ipafair_val.restype = c_int
        lib.ipafair_val.argtypes = [c_void_p, c_int]
        self.lib = lib
        timing = os.environ.get("IPAFAIR_TIME")
        if timing:
            total = [0.0]
            self.lib = _Library(lib, total)
            atexit.register(lambda: open(timing, "w").write("%.6f\n" % total[0]))
            lib = self.lib
        self.solver = lib.ipafair_init()
        lib.ipafair_set_semantics(self.solver, SEMANTICS[sigma])
        self.n = 0
        self.status = 0
        self.last_call = ""
        if af_file is not None:
            lines = [l.strip() for l in open(af_file) if l.strip() and not l.startswith("#")]
            self.n = int(lines[0].split()[2])
            for a in range(1, self.n + 1):
                self.add_argument(a)
            for line in lines[1:]:
                s, t = map(int, line.split())
                self.add_attack(s, t)

    def __del__(self):
        if getattr(self, "solver", None) is not None:
            self.lib.ipafair_release(self.solver)
            self.solver = None

    def add_argument(self, arg):
        self.n = max(self.n, arg)
        self.lib.ipafair_add_argument(self.solver, arg)

    def del_argument(self, arg):
        self.lib.ipafair_del_argument(self.solver, arg)

    def add_attack(self, source, target):
        self.lib.ipafair_add_attack(self.solver, source, target)

    def del_attack(self, source, target):
        self.lib.ipafair_del_attack(self.solver, source, target)

    def _solve(self, f, assumps, kind):
        for a in assumps:
            self.lib.ipafair_assume(self.solver, a)
        self.status = f(self.solver)
        self.last_call = kind
        if self.status not in (10, 20):
            raise RuntimeError("the library answered %d" % self.status)
        return self.status == 10

    def solve_cred(self, assumps):
        return self._solve(self.lib.ipafair_solve_cred, assumps, "cred")

    def solve_skept(self, assumps):
        return self._solve(self.lib.ipafair_solve_skept, assumps, "skept")

    def extract_witness(self):
        if (self.status, self.last_call) in ((10, "cred"), (20, "skept")):
            return [a for a in range(1, self.n + 1) if self.lib.ipafair_val(self.solver, a) > 0]
        return None
