"""What the command line does as a process: a closed pipe, a narrow encoding, the machine's time
zone (issue 13, "Why" 7 and 10).

Each runs ``python -m achterhoek_inkoop`` (or a script calling ``main``) in a real process,
bounded by a timeout: these are the interpreter's streams and the C library's clock.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from helpers import BUNDLED, amsterdam_today


def _env(**changes: str) -> dict[str, str]:
    """This process's environment as a user's shell has it: stdout buffered (the test runner
    may set PYTHONUNBUFFERED), with ``changes``."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUNBUFFERED", "PYTHONIOENCODING")}
    return env | changes


def test_a_closed_pipe_ends_the_command_quietly() -> None:
    # `status | true`: the output reached the closed pipe in the interpreter's flush at exit
    # ("Exception ignored ... BrokenPipeError", status 120), after main's handler had returned.
    read, write = os.pipe()
    os.close(read)  # the reader has gone before anything is written
    try:
        done = subprocess.run([sys.executable, "-m", "achterhoek_inkoop", "status", "--on", "2022-03-20"],
                              stdout=write, stderr=subprocess.PIPE, env=_env(), timeout=60, check=False)
    finally:
        os.close(write)
    assert done.returncode in (128 + signal.SIGPIPE, -signal.SIGPIPE), done
    assert done.stderr == b""


def test_a_narrow_encoding_gets_escapes_not_a_traceback(tmp_path: Path) -> None:
    # PYTHONIOENCODING=ascii and a euro sign in the procedure: a UnicodeEncodeError traceback.
    euro = tmp_path / "euro.json"
    euro.write_text(json.dumps(BUNDLED | {"name": "Inkoop 2022 (€ 12 mln, Doetinchem\u2013Winterswijk)"}),
                    encoding="utf-8")
    command = [sys.executable, "-m", "achterhoek_inkoop", "status", str(euro), "--on", "2022-03-20"]
    done = subprocess.run(command, capture_output=True, env=_env(PYTHONIOENCODING="ascii"), timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    assert b"Inkoop 2022 (\\u20ac 12 mln, Doetinchem\\u2013Winterswijk)" in done.stdout


#: ``status --json``'s date in several time zones, one process: it starts in the first zone and
#: moves to the next as a process does (``time.tzset``). Kiritimati (UTC+14) and Pago Pago
#: (UTC-11) are 25 hours apart, so at every moment one of them has another date than Amsterdam;
#: an unknown zone is read by the C library as UTC.
_ZONES = ("Pacific/Kiritimati", "Pacific/Pago_Pago", "Nowhere/Atlantis")
_DATES = """
import contextlib, io, json, os, sys, time
from achterhoek_inkoop.cli._main import main
for zone in sys.argv[1:]:
    os.environ["TZ"] = zone
    time.tzset()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["status", "--json"]) == 0
    print(zone, json.loads(out.getvalue())["on"])
"""


def test_today_is_today_in_amsterdam_whatever_the_zone() -> None:
    # TZ=Pacific/Kiritimati answered for tomorrow; an unknown TZ silently meant UTC.
    before = amsterdam_today()
    done = subprocess.run([sys.executable, "-c", _DATES, *_ZONES], capture_output=True, text=True,
                          env=_env(TZ=_ZONES[0]), timeout=60, check=False)
    after = amsterdam_today()
    assert done.returncode == 0, done.stderr
    found = dict(line.split() for line in done.stdout.splitlines())
    assert found.keys() == set(_ZONES)
    for zone, day in found.items():
        assert day in {before.isoformat(), after.isoformat()}, (zone, day, before)
