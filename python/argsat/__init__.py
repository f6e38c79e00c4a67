"""argsat: abstract argumentation frameworks, solved with SAT.

>>> import argsat
>>> af = argsat.Framework(["a", "b", "c"], [("a", "b"), ("b", "a"), ("b", "c")])
>>> af.grounded()["c"]
'undec'
>>> af.credulous("c", "preferred").accepted
True
>>> sorted(sorted(e) for e in af.extensions("stable"))
[['a', 'c'], ['b']]

`ABA` is the same for assumption-based argumentation: assumptions, contraries and rules,
atoms accepted when an extension derives them.

`Framework` answers questions about a fixed framework (`solve`, `extensions`, `count`,
`credulous`, `sceptical`, `grounded`, `explain`, `svg`); `Dynamic` is the incremental
solver of a framework that changes; `AFSolver` is the same with the interface of ICCMA
2023's dynamic track (IPAFAIR's Python harness).
"""

from typing import Iterable, List, Optional

from ._argsat import ABA, Answer, Dynamic, Extensions, Framework, __version__

__all__ = ["ABA", "AFSolver", "Answer", "Dynamic", "Extensions", "Framework", "__version__"]


_CODES = {"AD": "admissible", "CO": "complete", "PR": "preferred", "ST": "stable",
          "SST": "semi-stable", "STG": "stage", "ID": "ideal"}


class AFSolver:
    """An incremental solver with the interface of the ICCMA 2023 dynamic track's Python
    harness: arguments are positive integers, `sigma` an ICCMA code (AD, CO, PR, ST, SST,
    STG, ID), and `af_file` an optional ICCMA 2023 framework to start from."""

    def __init__(self, sigma: str, af_file: Optional[str] = None):
        self._solver = Dynamic(_CODES.get(sigma, sigma))
        self._witness = None
        if af_file is not None:
            af = Framework.from_file(af_file, "i23")
            for a in af.arguments:
                self.add_argument(int(a))
            for s, t in af.attacks:
                self.add_attack(int(s), int(t))

    def add_argument(self, arg: int):
        self._solver.add_argument(str(arg))

    def del_argument(self, arg: int):
        self._solver.del_argument(str(arg))

    def add_attack(self, source: int, target: int):
        self._solver.add_attack(str(source), str(target))

    def del_attack(self, source: int, target: int):
        self._solver.del_attack(str(source), str(target))

    def solve_cred(self, assumps: Iterable[int] = ()) -> bool:
        """Are the arguments `assumps` together in some extension?"""
        answer = self._solver.credulous([str(a) for a in assumps])
        self._witness = answer.extension if answer.accepted else None
        return answer.accepted

    def solve_skept(self, assumps: Iterable[int] = ()) -> bool:
        """Are the arguments `assumps` in every extension?"""
        answer = self._solver.sceptical([str(a) for a in assumps])
        self._witness = None if answer.accepted else answer.extension
        return answer.accepted

    def extract_witness(self) -> Optional[List[int]]:
        """After a credulous yes or a sceptical no: the extension that shows it."""
        return None if self._witness is None else sorted(int(a) for a in self._witness)
