"""What a bare anaphor ("the remark", "these claims") points at must not depend on the process's string
hash seed: when two claim groups are told equally often by the same statement, the tie goes to the
first claim the statement bears on, in every run (a set's order once decided it, so re-analysing an
article could link its reference to another claim and flip a rumour's status)."""
from __future__ import annotations

import os
import subprocess
import sys

PROGRAM = """
from types import SimpleNamespace as N
from claimwatch.nlp.pipeline import _most_told
book = N(claims=[N(id="c%d" % i, group="g%d" % i) for i in range(1, 9)])
told = N(claims=tuple("c%d" % i for i in range(1, 9)), content_span=(0, 40), stance="asserts")
print(",".join(_most_told([told], book)))
"""


def test_a_tie_between_claim_groups_goes_the_same_way_under_every_hash_seed() -> None:
    answers = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, env=env, timeout=120)
        assert run.returncode == 0, run.stderr[-500:]
        answers.add(run.stdout.strip())
    assert answers == {"c1"}
