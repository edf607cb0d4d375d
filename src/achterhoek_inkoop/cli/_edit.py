"""The commands that change a procedure file: ``add`` an event, list the ``events``, ``remove`` one.

An officer records what happened without editing JSON by hand. ``add`` builds
the event from its type and options (one option per field of the event, as
the procedure file names it), records it with :meth:`Procedure.record` (so
it is validated and checked against every rule, in date order or not) and
writes the file atomically. A refusal prints the rule it breaks and exits 1;
the file is then unchanged. ``remove`` takes one event out under the same
guarantee: a removal that leaves the record breaking a rule it did not break
before is refused.

Both hold the file's advisory lock (:func:`~achterhoek_inkoop._locks.file_lock`)
from the load to the end of the save, so two commands changing one file at
once both land, one after the other. The save still refuses a file changed
meanwhile by a writer that takes no lock (an editor): the command then says
to run it again.
"""

from __future__ import annotations

import argparse
import os
import types
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .._exceptions import InkoopError, InvalidInputError
from .._i18n import translations
from .._text import N_, Text, pydantic_problem
from ._lang import add_lang_argument, output_lang, violation_line
from ._shown import shown_name

if TYPE_CHECKING:
    from ..lifecycle import Violation
    from ..procedure import Procedure
    from ..record import Event

__all__ = ["add_edit_commands"]

#: Fields an option does not set: the event type is the command's, ``on`` and ``segments`` are
#: options of every event.
_COMMON = ("type", "on", "segments")


#: The descriptions the record gives event fields (the help of their options), marked here so that
#: the catalog has their Dutch; a field without one is helped as "FIELD of the event". A test checks
#: that every description of an event field is here.
FIELD_DESCRIPTIONS = frozenset({
    N_("A stable identifier of the event, unique in the procedure (lowercase letters and digits, "
       "words joined by hyphens): its calendar entry keeps its UID when the date moves."),
})


def add_edit_commands(commands: argparse._SubParsersAction[Any], iso_date: object, lang: str, *,
                      event_types: bool = True) -> None:
    """Add ``add``, ``events`` and ``remove`` to the command line, their help in ``lang``;
    ``iso_date`` parses a date.

    ``add`` has one subcommand per event type, with an option per field of its
    pydantic model; ``event_types=False`` leaves them out, for a command line
    that runs another command (start-up: the models are not imported).
    """
    _ = translations(lang).gettext
    add = commands.add_parser(
        "add", help=_("record one event into a procedure file (validated, rule-checked, saved atomically)"),
        description=_("Record one event into a procedure file. It is checked like Procedure.record: a "
                      "refused event prints the rule it breaks, exits 1 and leaves the file unchanged."))
    add.add_argument("file", help=_("the procedure file"))
    kinds = add.add_subparsers(dest="event_type", required=True, metavar="TYPE")
    if event_types:
        _add_event_types(kinds, iso_date, lang)
    events = commands.add_parser("events", help=_("list the events of a procedure file with their index"))
    events.add_argument("file", help=_("the procedure file"))
    add_lang_argument(events, lang)
    events.set_defaults(run=run_events)
    remove = commands.add_parser(
        "remove", help=_("take one event out of a procedure file (by its index in `events`)"),
        description=_("Take one event out of a procedure file. A removal that makes the record break a "
                      "rule it did not break before is refused: exit 1, the file unchanged."))
    remove.add_argument("file", help=_("the procedure file"))
    remove.add_argument("index", type=int, help=_("the event's index, as `events` lists it"))
    add_lang_argument(remove, lang)
    remove.set_defaults(run=run_remove)


def _add_event_types(kinds: argparse._SubParsersAction[Any], iso_date: object, lang: str) -> None:
    """One subcommand of ``add`` per event type, an option per field of its model (pydantic)."""
    from ..record import EVENT_MODELS

    _ = translations(lang).gettext
    for name, model in EVENT_MODELS.items():
        # In Dutch the event's Dutch term (its docstring, the English help, is not in the catalog).
        kind = kinds.add_parser(name, help=model.label.nl if lang == "nl" else
                                (model.__doc__ or name).strip().splitlines()[0])
        kind.add_argument("--on", type=iso_date, required=True, metavar="DATE",
                          help=_("the date of the event (YYYY-MM-DD)"))
        if "segments" in model.model_fields:
            kind.add_argument("--segments", nargs="+", metavar="SEGMENT",
                              help=_("the segments (percelen) it concerns (default: all)"))
        for field, info in model.model_fields.items():
            if field in _COMMON:
                continue
            many = _is_tuple(info.annotation)
            text = _(info.description) if info.description else _("%(field)s of the event") % {"field": field}
            kind.add_argument(f"--{field.replace('_', '-')}", dest=f"field_{field}",
                              nargs="+" if many else None, metavar=field.upper(),
                              required=info.is_required(),
                              help=_("%(help)s (several values)") % {"help": text} if many else text)
        add_lang_argument(kind, lang)
        kind.set_defaults(run=run_add)


def _is_tuple(annotation: object) -> bool:
    """Whether a field holds several values (a tuple, possibly optional)."""
    kinds = typing.get_args(annotation) if isinstance(annotation, types.UnionType) or (
        typing.get_origin(annotation) is typing.Union) else (annotation,)
    return any(typing.get_origin(k) is tuple for k in kinds)


def _event(event_type: str, values: dict[str, object]) -> Event:
    """The event of ``event_type`` with ``values``, or the library's error naming the option."""
    from pydantic import ValidationError

    from ..record import EVENT_MODELS

    try:
        # model_validate, not the constructor: it keeps pydantic's errors, whose places are the options.
        return typing.cast("Event", EVENT_MODELS[event_type].model_validate(values))
    except InkoopError:
        raise
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else event_type
        raise InvalidInputError(f"--{field.replace('_', '-')}", first.get("input"),
                                Text("is not accepted: %(problem)s", problem=pydantic_problem(first))
                                ) from None


def run_add(args: argparse.Namespace) -> int:
    from ..procedure import load_procedure

    lang = output_lang(args)
    _ = translations(lang).gettext
    with _file_locked(args.file):
        proc = load_procedure(args.file)
        event, warnings = _record(proc, args)
        if event is None:
            _print_violations(warnings, _("refused, the file is unchanged:"), lang)
            return 1
        _save(proc, args.file)
    print(_("%(file)s: recorded %(type)s %(id)s on %(date)s (event %(index)s of %(count)s)") % {
        "file": shown_name(args.file), "type": event.type, "id": event.id, "date": event.on.isoformat(),
        "index": proc.events.index(event), "count": len(proc.events)})
    _print_violations(warnings, _("warnings:"), lang)
    return 0


def _record(proc: Procedure, args: argparse.Namespace) -> tuple[Event | None, list[Violation]]:
    """Record the event the options of ``add`` give: it and the warnings, or ``None`` and the
    errors that refused it."""
    from ..lifecycle import RuleViolation
    from ..record import new_event_id

    values: dict[str, object] = {"on": args.on}
    if getattr(args, "segments", None):
        values["segments"] = tuple(args.segments)
    values |= {name.removeprefix("field_"): value for name, value in vars(args).items()
               if name.startswith("field_") and value is not None}
    event = _event(args.event_type, values)
    if event.id is None:
        # A stable id names the event's calendar entry, whatever its date becomes later.
        event = event.model_copy(update={"id": new_event_id(proc.data, event)})
    try:
        return event, proc.record(event)
    except RuleViolation as exc:
        return None, exc.violations


def run_events(args: argparse.Namespace) -> int:
    from ..procedure import load_procedure

    proc = load_procedure(args.file)
    width = len(str(max(len(proc.events) - 1, 0)))
    for index, event in enumerate(proc.events):
        segments = ", ".join(proc.segments_of(event)) if "segments" in type(event).model_fields else ""
        label = type(event).label
        print(f"{index:>{width}}  {event.on.isoformat()}  {event.type:<22}  {label.nl}"
              + (f"  [{segments}]" if segments else ""))
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..procedure import Procedure, load_procedure

    lang = output_lang(args)
    _ = translations(lang).gettext
    with _file_locked(args.file):
        proc = load_procedure(args.file)
        if not 0 <= args.index < len(proc.events):
            raise InvalidInputError("index", args.index, Text(
                "is not an event of %(file)s (0 to %(last)s; see `events`)", file=args.file,
                last=len(proc.events) - 1))
        removed = proc.events[args.index]
        kept = proc.events[:args.index] + proc.events[args.index + 1:]
        after = Procedure(proc.data.model_copy(update={"events": kept}), calendar=proc.calendar)
        before = {_key(v) for v in proc.check()}
        new = [v for v in after.check() if v.severity == "error" and _key(v) not in before]
        which = {"index": args.index, "type": removed.type, "date": removed.on.isoformat()}
        if new:
            _print_violations(new, _("removing event %(index)s (%(type)s on %(date)s) is refused, the "
                                     "file is unchanged:") % which, lang)
            return 1
        after._knows_files_of(proc)  # it replaces what was loaded: the same check of the file
        _save(after, Path(args.file))
    print(_("%(file)s: removed event %(index)s (%(type)s on %(date)s)") % {
        "file": shown_name(args.file), **which})
    return 0


@contextmanager
def _file_locked(path: str) -> Iterator[None]:
    """The advisory lock of the file at ``path`` held from the load to the end of the save; none
    for a path where no file is (the load says what is wrong, and no lock file is left there)."""
    from .._files import check_path
    from .._locks import file_lock

    file = check_path("file", path)
    if not file.is_file():
        yield
        return
    with file_lock(file):
        yield


def _save(proc: Procedure, path: str | os.PathLike[str]) -> None:
    """``proc.save(path)``; a file changed meanwhile by a writer without the lock (an editor) is
    refused, with what to do on the command line."""
    from .._exceptions import ConflictError, FileRefusedError
    from .._safe_io import is_read_only

    if is_read_only(path):  # add and remove have no --force: they exist to change their file
        raise FileRefusedError(os.fspath(path), Text(
            "is read-only: make it writable (chmod u+w), then run the command again"))
    try:
        proc.save(path)
    except ConflictError as exc:
        raise ConflictError(exc.path, exc.problem, advice=Text(
            "run the command again: it reads the file as it is now")) from None


def _key(v: Violation) -> tuple[str, str, str]:
    """What makes a violation the same one before and after a change: rule, subject, message."""
    return v.rule, v.subject, v.message


def _print_violations(found: list[Violation], heading: str, lang: str) -> None:
    if not found:
        return
    print(heading)
    for v in found:
        print("  " + violation_line(v, lang))
