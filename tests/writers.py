"""Real processes writing one file at once, for the tests of concurrent writers (issue 13).

Each process is started with ``python -c SCRIPT PATH NAME COUNT GO``: it prints
``ready`` once it has imported the package, waits for the file ``GO`` to
appear, then writes; every process is released at the same moment, and all of
them are bounded in time. Their folder is the fixture ``writers_folder`` (``conftest.py``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

#: The most seconds the writers of one test may take together.
TIMEOUT = 60


def run_together(script: str, path: Path, names: list[str], count: int) -> list[tuple[str, str]]:
    """Run ``script`` in one process per name, released together; each one's (stdout, stderr).
    Each must exit 0."""
    go = path.with_name("go")
    procs = [subprocess.Popen([sys.executable, "-c", script, str(path), name, str(count), str(go)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for name in names]
    try:
        for proc in procs:  # each has imported the package: release them at once
            assert proc.stdout is not None
            assert proc.stdout.readline() == "ready\n"
        go.touch()
        outputs = [proc.communicate(timeout=TIMEOUT) for proc in procs]
    finally:
        for proc in procs:
            proc.kill()
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
    return outputs
