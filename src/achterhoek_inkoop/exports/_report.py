"""The report page: one self-contained HTML file an officer can mail to an alderman.

Where a procedure stands on a date, as known at the end of it
(``proc.as_known_on(on)``): the phase and each segment's state, the next
deadlines, the rules broken, the Alcatel standstill of every awarded segment
with why it ends when it does, the plan against what happened, and the
timeline as an inline SVG. In Dutch or English (``lang``), from the gettext
catalogs of :mod:`achterhoek_inkoop._i18n`.

The page is rendered with a Jinja2 template (``templates/report.html.j2``,
autoescape on, so nothing from the procedure file can become markup) and is
self-contained: the style sheet is inline, with a print style, and the
timeline is an SVG whose text is drawn as paths, so the page loads no font,
script, image or style from anywhere. Jinja2 and matplotlib are the
``report`` extra, imported only when a page is rendered.

The texts of the library that the page quotes (a rule's message, a note on a
decree, why a standstill's end moved on a holiday) are the library's own and
are shown as it words them; legal citations stay as the law writes them.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import os
import re
from typing import TYPE_CHECKING, Any, cast

from .._exceptions import require
from .._i18n import N_, check_lang, translations
from .._safe_io import write_atomic
from .._validate import check_date
from ..calendar import ProcedureType
from ..lifecycle import Phase, SegmentState
from ..record import STANDSTILL_EXEMPTION_LABELS
from ._plot import plot_timeline
from ._status import MILESTONE_NAMES, deadline_text, status

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .._labels import Label
    from ..calendar import StandstillPeriod
    from ..procedure import Procedure

__all__ = ["report_html", "write_report"]

_EXTRA = "report"
_TEMPLATE = "report.html.j2"
_MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
           N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))
_WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
             N_("Saturday"), N_("Sunday"))
_SEVERITIES = {"error": N_("error"), "warning": N_("warning")}


def report_html(proc: Procedure, on: dt.date, *, lang: str = "nl") -> str:
    """The report page of ``proc`` as known at the end of ``on``, as HTML text in ``lang``.

    One self-contained page (no external requests, a print style): the
    status, the next deadlines, the violations of ``proc.as_known_on(on)``,
    the standstill explained and the timeline as inline SVG. ``lang`` is
    ``"nl"`` (the default) or ``"en"``; the Dutch legal terms stay Dutch in
    both, with an English gloss in the English page.

    Raises :class:`InvalidInputError` for an ``on`` that is not a date or a
    ``lang`` other than ``nl`` and ``en``, and :class:`MissingExtraError`
    (extra ``report``) without Jinja2 or matplotlib.

    >>> import achterhoek_inkoop as ai
    >>> page = report_html(ai.inkoop2022(), dt.date(2022, 3, 20), lang="en")
    >>> "Monday 4 April 2022" in page, "Alcatel standstill ends (24:00)" in page, page.count("<svg")
    (True, True, 1)
    """
    on = check_date("on", on, in_calendar=False)
    lang = check_lang(lang)
    jinja2 = require("jinja2", _EXTRA)
    markupsafe = require("markupsafe", _EXTRA)  # Jinja2's own dependency
    require("matplotlib", _EXTRA)
    words = translations(lang)
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        autoescape=True, extensions=["jinja2.ext.i18n"], undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True)
    environment.install_gettext_translations(words, newstyle=True)
    page = environment.get_template(_TEMPLATE).render(
        **_context(proc, on, lang, words), timeline=markupsafe.Markup(_timeline_svg(proc, on, lang)))
    return str(page)


def write_report(proc: Procedure, path: str | os.PathLike[str], on: dt.date, *, lang: str = "nl",
                 force: bool = False) -> None:
    """Write :func:`report_html` of ``proc`` on ``on`` to ``path`` (UTF-8, atomically); a read-only
    file only with ``force=True``."""
    write_atomic(path, report_html(proc, on, lang=lang), force=force)


def _status_dict(proc: Procedure, on: dt.date) -> dict[str, Any]:
    """The status as its JSON-ready dict, whether ``status`` gives the dict or an object with ``to_dict``."""
    found: Any = status(proc, on)
    return dict(found.to_dict() if hasattr(found, "to_dict") else found)


def _context(proc: Procedure, on: dt.date, lang: str,
             words: gettext.NullTranslations) -> dict[str, Any]:
    """What the template shows, as plain values in ``lang`` (dates written out, labels chosen)."""
    t = words.gettext

    def day(value: dt.date | str | None) -> str | None:
        if value is None:
            return None
        value = dt.date.fromisoformat(value) if isinstance(value, str) else value
        # "maandag 4 april 2022", "Monday 4 April 2022": the catalog writes Dutch names in lower case.
        return f"{t(_WEEKDAYS[value.weekday()])} {value.day} {t(_MONTHS[value.month - 1])} {value.year}"

    def label(value: Label) -> str:
        return value.nl if lang == "nl" else value.both

    known = proc.as_known_on(on)
    data = _status_dict(proc, on)
    names = {s.id: s.name for s in known.data.segments}
    segments = []
    for seg, info in data["segments"].items():
        ahead = info.get("expected_state")
        exemption = info.get("standstill_exemption")
        segments.append({
            "id": seg, "name": names.get(seg, seg),
            "state": label(SegmentState(info["state"]).label), "since": day(info["since"]),
            "expected": None if not ahead else {"state": label(SegmentState(ahead["state"]).label),
                                                "from": day(ahead["from"])},
            "exemption": None if not exemption else label(STANDSTILL_EXEMPTION_LABELS[exemption]),
            "final_award_on": day(info.get("final_award_on")),
            "assumption": bool(info.get("final_award_assumption")),
        })
    ahead = data.get("expected_phase")
    deadlines = [{"date": day(d["date"]), "iso": d["date"],
                  "what": deadline_text(d["what"], lang=lang, safe_end=False),
                  "subjects": [names.get(s, s) for s in d["subjects"]], "expected": bool(d.get("expected"))}
                 for d in data["next_deadlines"]]
    milestones = [{"name": t(MILESTONE_NAMES.get(m["milestone"], m["milestone"])),
                   "planned": day(m["planned"]), "actual": day(m["actual"]), "slip": m["slip_days"],
                   "expected": day(m.get("expected"))} for m in data["milestones"]]
    violations = [{"date": day(v.on), "severity": v.severity, "severity_text": t(_SEVERITIES[v.severity]),
                   "rule": v.rule, "subject": names.get(v.subject, v.subject), "message": v.message_in(lang),
                   "source": v.source} for v in known.check()]
    kind = data.get("procedure_type")
    return {
        "lang": lang,
        "name": known.data.name,
        "procedure_id": known.data.id,
        "procedure_type": label(ProcedureType(kind).label) if kind else None,
        "rulebook": data.get("rulebook"),
        "on": day(on),
        "on_iso": on.isoformat(),
        "phase": label(Phase(data["phase"]).label),
        "phase_since": day(data["phase_since"]),
        "expected_phase": None if not ahead else {"phase": label(Phase(ahead["phase"]).label),
                                                   "from": day(ahead["from"])},
        "last_contract_end": day(data["last_contract_end"]) if data["phase"] == "afgerond" else None,
        "dialogue_allowed": bool(data["dialogue_allowed"]),
        "segments": segments,
        "deadlines": deadlines,
        "baseline": data.get("baseline"),
        "milestones": milestones if data.get("baseline") else [],
        "violations": violations,
        "standstills": _standstills(known, names, day, lang),
    }


def _standstills(known: Procedure, names: dict[str, str], day: Any, lang: str) -> list[dict[str, Any]]:
    """Each standstill of the record, once for all the segments that share it, explained."""
    groups: list[tuple[StandstillPeriod, list[str]]] = []
    for seg in known.data.segment_ids:
        period = known.standstill(seg)
        if period is None:
            continue
        for shared, segs in groups:
            if shared == period:
                segs.append(names.get(seg, seg))
                break
        else:
            groups.append((period, [names.get(seg, seg)]))
    return [{
        "segments": segs,
        "sent": day(p.sent), "days": p.days, "start": day(p.start), "nominal_end": day(p.nominal_end),
        "end": day(p.end), "final_from": day(p.final_from), "source": p.source, "atw": p.atw,
        "counting": p.counting,
        "extensions": [{"day": _sentence(day(e.day)), "article": e.article, "weekend": e.day.weekday() >= 5,
                        "reason": e.reason_in(lang)} for e in p.extensions],
        "not_extended": p.not_extended_in(lang),
        "safe_end": day(p.safe_end), "safe_final_from": day(p.safe_final_from),
        "warning": p.warning_in(lang),
        "notes": [note for note in p.notes_in(lang) if note != p.warning_in(lang)],
    } for p, segs in groups]


def _sentence(text: str | None) -> str:
    """``text`` with a capital letter, to start a sentence ("zondag 3 april" -> "Zondag 3 april")."""
    return "" if not text else text[0].upper() + text[1:]


def _timeline_svg(proc: Procedure, on: dt.date, lang: str) -> str:
    """The timeline plot, labelled in ``lang``, as an SVG element to inline: no XML prolog, no
    DOCTYPE, no metadata.

    matplotlib draws text as paths (``svg.fonttype: path``), so the SVG needs
    no font; the ids are salted with a fixed text, so the same record gives
    the same page.
    """
    import matplotlib

    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "achterhoek-inkoop-report"}):
        # Never without a date to draw: ``on`` is one. The plot makes its own figure.
        figure = cast("Figure", plot_timeline(proc, on=on, lang=lang).get_figure(root=True))
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.DOTALL)
    return _compact(re.sub(r"<svg ", '<svg role="img" ', text, count=1))


_PATH_DATA = re.compile(r' d="([^"]*)"')
_NUMBER = re.compile(r"-?\d+\.\d+")
_LONG_PATH = re.compile(r'<path d="([^"]{2000,})"((?: style="[^"]*")?)\s*/>')


def _compact(svg: str) -> str:
    """``svg`` smaller, drawn the same: path coordinates to 1/100 pt, and a long path that
    recurs (the dots of the hatch of every expected bar, once per colour) defined once and used.

    A dotted hatch is ~150 kB of path data per colour, the same for each: without this the
    page is several times larger than it needs to be for mail.
    """
    def short(match: re.Match[str]) -> str:
        data = _NUMBER.sub(lambda n: f"{float(n[0]):.2f}".rstrip("0").rstrip("."), match[1])
        return f' d="{" ".join(data.split())}"'

    svg = _PATH_DATA.sub(short, svg)
    counts: dict[str, int] = {}
    for match in _LONG_PATH.finditer(svg):
        counts[match[1]] = counts.get(match[1], 0) + 1
    shared = {data: f"shared-path-{n}" for n, data in enumerate(d for d, k in counts.items() if k > 1)}
    if not shared:
        return svg
    svg = _LONG_PATH.sub(lambda m: f'<use xlink:href="#{shared[m[1]]}"{m[2]}/>' if m[1] in shared
                         else m[0], svg)
    defs = "".join(f'<path id="{name}" d="{data}"/>' for data, name in shared.items())
    return svg.replace("<defs>", f"<defs>{defs}", 1)
