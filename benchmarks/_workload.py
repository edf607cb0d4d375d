"""The benchmark's workloads: realistic procedure logs, built once with a fixed seed and cached.

A realistic log is what a region's procurement records over years: several
segments (percelen), each tendered, questions answered in Nota's van
Inlichtingen, awarded, its standstill run, sometimes a kort geding with a
ruling (upheld: the bids are reassessed and a new award decision follows;
rejected: sometimes an appeal), now and then not awarded and tendered again,
and in the end a final award, contracts, client transfers, an extension,
and the contracts' end. Large logs repeat the re-tender round over the years
until N events are reached, with more segments as N grows.

The walk is deterministic (``random.Random(seed)``) and uses only the
public API: each segment's next event is chosen from where the segment is
(``Procedure.segment_state_on``) and recorded with ``Procedure.record``, which
refuses any event the declared lifecycle does not allow; the standstill's end
is found by asking the procedure, never computed here. The whole log is
then loaded once more, so a rule between segments would refuse it too. (The strategies in
``achterhoek_inkoop.strategies`` walk the same lifecycle through
``allowed_events``, but they draw through hypothesis, which is neither
deterministic outside a test nor meant for logs of 100,000 events; the
smoke test checks this walk against ``allowed_events`` at small N.)

Each log is written once as a procedure file (``Procedure.to_json``) to a
cache directory under the system's temporary directory, keyed by this
file's text and the library's version, so later runs load it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import achterhoek_inkoop as ai

__all__ = ["SEED", "cache_dir", "degenerate_log", "log_file", "portfolio_files", "realistic_data"]

SEED = 20240612
START = dt.date(2020, 1, 6)
_DOMAINS = ("jeugdhulp", "wmo", "beschermd_wonen")
_PLAINTIFFS = ("Zorggroep Oost", "De Lindehof", "Stichting Welzijn Achterhoek", "Jeugdzorg Plus")
S = ai.SegmentState


def segment_count(n: int) -> int:
    """Several segments, more for longer logs (so 100,000 events span decades, not centuries)."""
    return 2 if n <= 10 else 4 if n <= 100 else 6 if n <= 1_000 else 24 if n <= 10_000 else 100




class _Story:
    """One segment's course: rounds of tender and award (re-tendered) and a last one to contracts.

    ``events()`` yields the segment's events in date order; before each it is
    resumed only once the one before has been recorded, so it may ask the
    procedure where the segment is.
    """

    def __init__(self, proc: ai.Procedure, seg: str, rng: random.Random, start: dt.date, budget: int,
                 cases: Iterator[int]) -> None:
        self.proc, self.seg, self.rng, self.day, self.budget = proc, seg, rng, start, budget
        self.cases = cases
        self.count = 0

    def later(self, low: int, high: int) -> dt.date:
        self.day += dt.timedelta(days=self.rng.randint(low, high))
        return self.day

    def working_day(self, low: int, high: int) -> dt.date:
        """The first working day at least ``low`` to ``high`` days on (award decisions and rulings)."""
        self.later(low, high)
        while self.day.weekday() >= 5 or ai.is_holiday(self.day):
            self.day += dt.timedelta(days=1)
        return self.day

    def state(self, on: dt.date | None = None) -> ai.SegmentState:
        return self.proc.segment_state_on(self.seg, on or self.day)

    def events(self) -> Iterator[ai.Event]:
        segs = (self.seg,)
        rng = self.rng
        last_round = False
        while True:
            # A round needs about 12 events; the last one about 10.
            last_round = self.budget - self.count <= 22
            yield ai.Announcement(on=self.later(1, 20), segments=segs, title="Aankondiging aanbesteding")
            yield ai.TenderStart(on=self.later(1, 14), segments=segs)
            for number in range(1, rng.randint(2, 5) + 1):
                yield ai.NotaVanInlichtingen(on=self.later(3, 12), segments=segs, number=number)
            yield from self.award(last_round)
            if last_round:
                yield from self.contracts()
                return

    def award(self, last_round: bool) -> Iterator[ai.Event]:
        """Award decisions until the award is final (the last round) or not awarded (a re-tender)."""
        segs = (self.seg,)
        rng = self.rng
        while True:
            on = self.working_day(20, 60)
            if not last_round and rng.random() < 0.25:
                yield ai.AwardDecision(on=on, segments=segs, outcome="not_awarded",
                                       follow_up="heraanbesteding", reason="Geen geldige inschrijvingen")
                return
            yield ai.AwardDecision(on=on, segments=segs, outcome="awarded", providers=rng.randint(3, 60))
            if rng.random() < 0.3:
                yield ai.Objection(on=self.later(1, 5), segments=segs, by=rng.choice(_PLAINTIFFS))
            if rng.random() < 0.45:  # a kort geding, filed within the standstill
                by = rng.choice(_PLAINTIFFS)
                case = f"C/05/{next(self.cases)}"
                filed = self.later(2, 6)
                if self.state() in (S.STANDSTILL, S.VOORLOPIG_GEGUND):
                    yield ai.KortGeding(on=filed, segments=segs, by=by, case=case)
                    upheld = rng.random() < (0.35 if last_round else 0.6)
                    yield ai.KortGedingRuling(on=self.working_day(21, 42), segments=segs, by=by,
                                              case=case, outcome="upheld" if upheld else "rejected")
                    if upheld:  # the bids reassessed: a new award decision
                        continue
                    if rng.random() < 0.3:
                        yield ai.Appeal(on=self.later(5, 28), segments=segs, by=by, case=case)
            if not last_round:  # reassessed without a valid bid: not awarded, tendered again
                yield ai.AwardDecision(on=self.working_day(5, 30), segments=segs, outcome="not_awarded",
                                       follow_up="heraanbesteding", reason="Herbeoordeling")
                return
            while self.state() != S.STANDSTILL_VERSTREKEN:
                self.later(1, 1)
            yield ai.FinalAward(on=self.later(0, 10), segments=segs)
            return

    def contracts(self) -> Iterator[ai.Event]:
        segs = (self.seg,)
        rng = self.rng
        start = self.later(20, 120)
        initial_end = start + dt.timedelta(days=365 * rng.randint(2, 4) - 1)
        max_end = initial_end + dt.timedelta(days=365 * rng.randint(1, 2))
        yield ai.Contract(on=start, segments=segs, initial_end=initial_end, max_end=max_end,
                          providers=rng.randint(3, 60))
        yield ai.ClientTransfer(on=self.later(1, 60), segments=segs, clients=rng.randint(10, 500),
                                completed=True)
        if rng.random() < 0.5:
            self.day = initial_end - dt.timedelta(days=rng.randint(60, 200))
            yield ai.ContractExtension(on=self.day, segments=segs, extended_to=max_end)


def realistic_data(n: int, seed: int = SEED) -> ai.ProcedureData:
    """A realistic procedure of exactly ``n`` events (see the module's docstring).

    Each segment's story is walked in a procedure of that segment alone (what
    it asks about is its own course), and the stories are merged by date.
    """
    rng = random.Random(f"{seed}-{n}")
    count = segment_count(n)
    ids = tuple(f"perceel-{i:02d}" for i in range(1, count + 1))
    base = ai.ProcedureData(
        id=f"bench-{n}", name=f"Benchmark procedure of {n:,} events",
        segments=tuple(ai.Segment(id=s, name=f"Perceel {s[-2:]}", domains=(_DOMAINS[i % 3],))
                       for i, s in enumerate(ids)),
        max_contract_years=7)
    # The dialogue with the market, before any tender (the rule is the procedure's: none while any
    # segment is in its tender or award).
    events: list[ai.Event] = []
    day = START - dt.timedelta(days=300)
    for _ in range(min(4, max(1, n // 25))):
        day += dt.timedelta(days=rng.randint(20, 70))
        events.append(ai.DialogueActivity(on=day, kind=rng.choice(("gesprekstafel", "kennissessie",
                                                                   "bestuurlijk_overleg"))))
    cases = iter(range(100_000, 10_000_000))
    budget = max(4, (n - len(events)) // count)
    for i, seg in enumerate(ids):
        alone = ai.Procedure(base.model_copy(update={"segments": (base.segments[i],)}))
        story = _Story(alone, seg, random.Random(f"{seed}-{n}-{seg}"),
                       START + dt.timedelta(days=rng.randint(0, 240)), budget, cases)
        for event in story.events():
            alone.record(event)  # refused (RuleViolation) if the lifecycle does not allow it
            story.count += 1
        events += alone.events
    # On one day the library steps the contracts after the decisions: the file lists them so too.
    events.sort(key=lambda e: (e.on, e.type in ("contract", "contract_extension")))
    del events[n:]
    # Short of n (every story told): announcements about the whole procedure, on days it has events.
    while len(events) < n:
        day = events[rng.randrange(len(events))].on
        events.append(ai.Announcement(on=day, title="Nieuwsbrief inkoop"))
    events.sort(key=lambda e: (e.on, e.type in ("contract", "contract_extension")))
    return base.model_copy(update={"events": tuple(events)})


def degenerate_log(n: int) -> ai.ProcedureData:
    """The old benchmark's log: six segments going round tender -> not awarded -> tender, with a
    Nota van Inlichtingen each round, a new day every two rounds. One interval per track at any N,
    no award, no standstill: kept only as a labelled extra row."""
    segments = tuple(f"perceel-{i}" for i in range(1, 7))
    events: list[ai.Event] = [ai.TenderStart(on=START)]
    day, cycle = START, 0
    while len(events) < n:
        seg = (segments[cycle % len(segments)],)
        events += [
            ai.NotaVanInlichtingen(on=day, segments=seg),
            ai.AwardDecision(on=day, segments=seg, outcome="not_awarded", follow_up="verkort_proces"),
            ai.TenderStart(on=day, segments=seg),
        ]
        cycle += 1
        if cycle % 2 == 0:
            day += dt.timedelta(days=1)
    return ai.ProcedureData(id="degenerate", name="Degenerate benchmark log",
                            segments=tuple(ai.Segment(id=s, name=s, domains=("wmo",)) for s in segments),
                            max_contract_years=7, events=tuple(events[:n]))


# -- the cache --------------------------------------------------------------------------------

def cache_dir() -> Path:
    """The directory the logs are cached in: one per version of this file and of the library (the
    directories of other versions are removed when a new one is made)."""
    key = hashlib.sha256(Path(__file__).read_bytes() + ai.__version__.encode()).hexdigest()[:12]
    root = Path(tempfile.gettempdir()) / "achterhoek-inkoop-bench"
    folder = root / key
    if not folder.is_dir():
        for stale in root.glob("*"):  # the logs of another version of this file, or of the library
            shutil.rmtree(stale, ignore_errors=True)
        folder.mkdir(parents=True)
    return folder


def _write(path: Path, data: ai.ProcedureData) -> Path:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(ai.Procedure(data).to_json(), encoding="utf-8")
    tmp.replace(path)
    return path


def log_file(n: int, *, kind: str = "realistic", seed: int = SEED) -> Path:
    """The procedure file of a log of ``n`` events (``kind``: ``realistic`` or ``degenerate``)."""
    path = cache_dir() / f"{kind}-{n}-{seed}.json"
    if not path.exists():
        _write(path, realistic_data(n, seed) if kind == "realistic" else degenerate_log(n))
    return path


def portfolio_files(count: int, events: int = 50, *, distinct: int = 100) -> list[Path]:
    """``count`` procedure files of ``events`` events each, in a folder of their own.

    ``distinct`` different logs are drawn (seeds 0, 1, ...) and each written
    under as many names as it takes, with its own id: loading does not know.
    """
    folder = cache_dir() / f"portfolio-{count}-{events}"
    paths = [folder / f"procedure-{i:05d}.json" for i in range(count)]
    if folder.is_dir() and all(p.exists() for p in paths):
        return paths
    folder.mkdir(exist_ok=True)
    texts = [ai.Procedure(realistic_data(events, seed)).to_json() for seed in range(min(distinct, count))]
    for i, path in enumerate(paths):
        text = texts[i % len(texts)].replace(f'"bench-{events}"', f'"bench-{events}-{i:05d}"', 1)
        path.write_text(text, encoding="utf-8")
    return paths
