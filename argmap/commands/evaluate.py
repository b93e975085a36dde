"""``argmap evaluate FILE``: which claims stand, and why (grounded, preferred or stable)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from argmap.commands._drawing import seconds
from argmap.errors import EXIT_DIAGNOSTICS, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, CommandError

# Not `typing.TYPE_CHECKING`: building the command line must not pay for importing typing.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from argmap.analysis.semantics import Labelling
    from argmap.model import Map

#: Preferred and stable readings shown unless --limit says otherwise: their number can be
#: exponential in the number of independent conflicts.
DEFAULT_LIMIT = 20

#: Seconds the search for preferred and stable readings may take (the readings found are shown).
DEFAULT_TIMEOUT = 60.0

HELP = "label every statement in, out or undecided, and say why"

_TEXT_WIDTH = 64


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``evaluate``."""
    parser.add_argument("file", metavar="FILE", help="the .arg map to evaluate")
    parser.add_argument(
        "--semantics",
        choices=("grounded", "preferred", "stable"),
        default="grounded",
        help="grounded: the one sceptical answer (default); preferred, stable: every consistent reading",
    )
    parser.add_argument(
        "--side-with",
        metavar="ID",
        help="only the readings that accept this statement (with preferred or stable)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output style (default: text)")
    parser.add_argument(
        "--limit",
        type=int,
        metavar="N",
        default=DEFAULT_LIMIT,
        help=f"show at most N readings of preferred or stable (default: {DEFAULT_LIMIT}; a map can have millions)",
    )
    parser.add_argument(
        "--timeout",
        type=seconds,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"stop looking for preferred or stable readings after this long ({DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument("--allow-outside", action="store_true", help="let includes lie outside the map's folder")


def run(args: argparse.Namespace) -> int:
    """Evaluate one map; exit 1 when it has errors, 2 for a bad option, 3 when unreadable."""
    import time

    from argmap.analysis.analysis import analyze
    from argmap.analysis.loading import printable_path
    from argmap.analysis.report import format_diagnostics, terminal_safe
    from argmap.analysis.semantics import MAX_REJECTED, grounded, search
    from argmap.commands.lifetime import keep

    if args.side_with is not None and args.semantics == "grounded":
        raise CommandError(
            "--side-with needs --semantics preferred or stable",
            hint="grounded evaluation has exactly one answer; the other two list the alternatives",
            exit_code=EXIT_USAGE,
        )
    if args.limit < 1:
        raise CommandError("--limit must be at least 1", hint=f"the default is {DEFAULT_LIMIT}", exit_code=EXIT_USAGE)
    deadline = time.monotonic() + args.timeout
    analysis = analyze(args.file, allow_outside=args.allow_outside, read_articles=False)
    keep(analysis)
    # Every stage's errors count: a circle of supports, say, makes any reading meaningless.
    if analysis.errors:
        sys.stderr.write(format_diagnostics(analysis.findings(), "short", analysis.texts) + "\n")
        if analysis.unreadable:
            return EXIT_UNREADABLE
        sys.stderr.write(
            f"argmap: error: {printable_path(args.file)} has errors; fix them before evaluating (see `argmap check`)\n"
        )
        return EXIT_DIAGNOSTICS
    m = analysis.map
    if args.side_with is not None:
        _check_side(m, args.side_with)
    if args.semantics == "grounded":
        labellings: tuple[Labelling, ...] = (grounded(m),)
    else:
        # One reading more than shown tells whether the list was cut.
        found = search(m, args.semantics, args.side_with, limit=args.limit + 1, deadline=deadline)
        labellings = found.labellings[: args.limit]
        if len(found.labellings) > args.limit:
            sys.stderr.write(
                f"argmap: note: showing the first {args.limit} {args.semantics} readings; there are more "
                "(pass --limit N to see more)\n"
            )
        elif found.stopped == "time":
            sys.stderr.write(
                f"argmap: note: the search for {args.semantics} readings was stopped after {args.timeout:g} s; "
                f"there may be more than the {len(labellings)} shown (pass --timeout SECONDS to look longer)\n"
            )
        elif found.stopped == "rejected":
            sys.stderr.write(
                f"argmap: note: the search for {args.semantics} readings gave up after {MAX_REJECTED} candidates "
                f"that rest on circular support; there may be more than the {len(labellings)} shown\n"
            )
    if args.format == "json":
        print(to_json(args.semantics, labellings))
    else:
        text = to_text(m, args.semantics, labellings, args.file, args.side_with)
        # Map text may hold terminal controls (ESC, bidi overrides): never let them through.
        print("\n".join(terminal_safe(line) for line in text.split("\n")))
    return EXIT_OK


def _check_side(m: Map, side: str) -> None:
    import difflib

    known = [n.id for n in m.nodes] + [r.id for r in m.relations if r.id is not None]
    if side in known:
        return
    folded = {k.lower(): k for k in known}
    close = [folded[side.lower()]] if side.lower() in folded else difflib.get_close_matches(side, known, n=1)
    raise CommandError(
        f"--side-with `{side}`: no statement or relation has this id",
        hint=f"did you mean `{close[0]}`?"
        if close
        else "give the id of a claim, premise, rebuttal or labelled relation",
        exit_code=EXIT_USAGE,
    )


def to_json(semantics: str, labellings: Sequence[Labelling]) -> str:
    """``{"semantics", "labels"}`` for grounded; a list of them for preferred and stable."""
    from argmap.analysis.report import dumps_safe

    records = [
        {"semantics": lab.semantics, "labels": {key: status.value for key, status in lab.labels.items()}}
        for lab in labellings
    ]
    data: object = records[0] if semantics == "grounded" else records
    return dumps_safe(data, indent=2)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _TEXT_WIDTH else text[: _TEXT_WIDTH - 1].rstrip() + "…"


def _because(why: str) -> str:
    _, _, rest = why.partition(": ")
    return f"because {rest}" if rest else ""


def _block(m: Map, labelling: Labelling) -> list[str]:
    from argmap.language.printer import relation_text

    texts = {n.id: n.text for n in reversed(m.nodes)}
    texts.update(
        {r.id: relation_text(r, label=False, attributes=False) for r in reversed(m.relations) if r.id is not None}
    )
    width = max((len(key) for key in labelling.labels), default=2)
    lines = []
    for key, status in labelling.labels.items():
        lines.append(f"  {status.value:<9}  {key:<{width}}  {_short(texts.get(key, ''))}")
        because = _because(labelling.why(key))
        if because:
            lines.append(f"  {'':<9}  {'':<{width}}  {because}")
    return lines


def _counts(labelling: Labelling) -> str:
    values = [s.value for s in labelling.labels.values()]
    return ", ".join(f"{values.count(word)} {word}" for word in ("in", "out", "undecided"))


def to_text(m: Map, semantics: str, labellings: Sequence[Labelling], filename: str, side: str | None) -> str:
    """A listing for a class: each statement with its label, its text, and why."""
    if semantics == "grounded":
        lab = labellings[0]
        return "\n".join([f"{filename}: grounded evaluation: {_counts(lab)}", "", *_block(m, lab)])
    count = len(labellings)
    which = f" that accept{'s' * (count == 1)} `{side}`" if side else ""
    if not labellings:
        if side:
            return f"{filename}: no {semantics} reading accepts `{side}`"
        return f"{filename}: no {semantics} reading: the map cannot be decided without leaving something open"
    out = [f"{filename}: {count} {semantics} reading{'s' * (count != 1)}{which}"]
    for number, lab in enumerate(labellings, start=1):
        out += ["", f"reading {number} of {count}: {_counts(lab)}", *_block(m, lab)]
    return "\n".join(out)
