"""The exports import their third-party library only when used: the core install needs none of them."""

from __future__ import annotations

import subprocess
import sys


def test_the_core_install_imports_no_optional_package() -> None:
    code = (
        "import sys, achterhoek_inkoop as ai\n"
        "from datetime import date\n"
        "ai.inkoop2022().check(); ai.standstill_period(date(2022, 3, 14))\n"
        "loaded = [m for m in ('pandas', 'matplotlib', 'icalendar', 'numpy') if m in sys.modules]\n"
        "print(loaded)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
