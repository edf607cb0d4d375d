"""What importing an eForms notice costs, against parsing the same file with the XML library alone.

Workload: the SDK's ``cn_24_maximal_100_lots.xml`` (1.7 MB, 100 lots), the
largest example notice. The baseline is ``lxml.etree.fromstring`` on the same
bytes with the import's safe parser settings (the parse the import does
first, without its DTD check and root check); the import adds reading
the fields, building the record, validating it and replaying the lifecycle.
The two are timed in alternating rounds in the same run, and every figure
is a ratio to the baseline: no absolute time is asserted.

    python benchmarks/eforms_import.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from lxml import etree

import achterhoek_inkoop as ai

NOTICE = Path(__file__).resolve().parent.parent / "tests" / "eforms" / "data" / "cn_24_maximal_100_lots.xml"


def _parse_only(data: bytes) -> object:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=False)
    return etree.fromstring(data, parser)


def _import(data: bytes) -> object:
    return ai.from_eforms(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    data = NOTICE.read_bytes()
    proc = ai.from_eforms(data)  # warm up, and show the workload
    times: dict[str, list[float]] = {"parse": [], "import": []}
    for _ in range(args.rounds):
        for name, run in (("parse", _parse_only), ("import", _import)):
            started = time.perf_counter()
            run(data)
            times[name].append(time.perf_counter() - started)
    parse = statistics.median(times["parse"])
    whole = statistics.median(times["import"])
    print(f"workload: {NOTICE.name}, {len(data) / 1e6:.1f} MB, {len(proc.data.segments)} lots, "
          f"{len(proc.events)} events; {args.rounds} alternating rounds, medians")
    print(f"  parse alone (lxml)            1.00 (baseline, {parse * 1e3:.0f} ms on this machine)")
    print(f"  from_eforms, whole import     {whole / parse:.2f} x the parse")
    print(f"  of which after the parse      {(whole - parse) / parse:.2f} x the parse")


if __name__ == "__main__":
    main()
