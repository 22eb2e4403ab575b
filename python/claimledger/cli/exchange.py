"""Sub-commands that move claims in and out of a desk: ``import`` (LIAR or FEVER dataset
files, schema.org ClaimReview JSON-LD, or a bundle into a new ledger), ``export``
(ClaimReview JSON-LD, or the whole ledger as a bundle), each format with its handler; and
``copy``, a whole ledger to a new place (a file desk up to a server, or back), verified on
arrival."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Optional

from ..desk import Workbench
from ..errors import InvalidInputError
from ..files import ledger_exists, shown_location
from ..interop.claimreview import iter_json_lines, nothing_to_export
from ..interop.datasets import SCALES, load_fever, load_liar
from .common import (
    LEDGER_HELP,
    arg,
    command,
    open_ledger,
    print_json,
    print_problems,
    removed_if_import_fails,
)


def _import_dataset(args: argparse.Namespace) -> int:
    """`import FILE IN --format liar|fever`: a dataset file, in batches."""
    source = Path(args.input)
    if not source.is_file():
        raise OSError(f"{args.input}: no such file to import")
    scale = SCALES[args.format]
    load = load_liar if args.format == "liar" else load_fever
    with removed_if_import_fails(args.file, actor=args.actor, scale=scale) as wb:
        if wb.scale != scale:
            raise InvalidInputError(
                f"{shown_location(args.file)} uses the {wb.scale} scale; "
                f"{args.format.upper()} labels need the {scale} scale: import into a new ledger",
                "claimledger.dataset.scale",
            )
        report = load(wb, source, errors=args.errors, batch_size=args.batch_size)
    if args.json:
        print_json(report)
        return 0
    print(f"{shown_location(args.file)}: {report.summary()}")
    for line, reason in report.skipped:
        print(f"  skipped line {line}: {reason}")
    return 0


def _rating_map(pairs: Optional[Sequence[str]]) -> Optional[dict]:
    if not pairs:
        return None
    mapping = {}
    for pair in pairs:
        name, sep, rating = pair.rpartition("=")
        if not sep or not name.strip() or not rating.strip():
            raise InvalidInputError(
                f"[claimledger.cli.rating_map] --rating-map takes NAME=RATING, not {pair!r}",
                "claimledger.cli.rating_map",
            )
        mapping[name.strip()] = rating.strip()
    return mapping


def _import_claimreview(args: argparse.Namespace) -> int:
    """`import FILE IN --format claimreview`: schema.org ClaimReview JSON-LD (a review, a
    list, a @graph, a DataFeed, JSON Lines or a web page; - reads standard input)."""
    if args.input == "-":
        source: Any = sys.stdin.buffer
        options: dict[str, Any] = {"stream": True}
    else:
        source = Path(args.input)
        if not source.is_file():
            raise OSError(f"{args.input}: no such file to import")
        options = {}
    scale = args.scale or "default"
    with removed_if_import_fails(args.file, actor=args.actor, scale=scale) as wb:
        result = wb.import_claimreview(
            source,
            rating_map=_rating_map(args.rating_map),
            errors=args.errors,
            numeric_fallback=args.numeric_fallback,
            rating_table=not args.no_rating_table,
            url=args.url,
            batch_size=args.batch_size,
            **options,
        )
    if args.json:
        print_json(result)
        return 0
    print(
        f"{shown_location(args.file)}: {result.summary()}, from {args.input} "
        f"(snapshot {result.snapshot})"
    )
    for path, reason in result.skipped:
        print(f"  skipped {path}: {reason}")
    for line in result.disagreements:
        print(f"  disagreement: {line}")
    for note in result.notes:
        print(f"  note: {note}")
    return 0


def _import_bundle(args: argparse.Namespace) -> int:
    """`import FILE IN --format bundle`: a new ledger holding exactly the bundle's chain."""
    with removed_if_import_fails(args.file, actor=args.actor) as wb:
        head = wb.import_bundle(args.input)
    print(
        f"{shown_location(args.file)}: {head.seq} events imported from {args.input}, "
        f"head {head.hash}"
    )
    return 0


#: `import --format` handlers; each takes the parsed arguments and returns the exit status.
IMPORT_FORMATS = {
    "liar": _import_dataset,
    "fever": _import_dataset,
    "claimreview": _import_claimreview,
    "bundle": _import_bundle,
}


@command(
    "import",
    "load a LIAR (TSV) or FEVER (JSON or JSON Lines) dataset file, schema.org "
    "ClaimReview JSON-LD, or a bundle into a new ledger; the ledger is created with "
    "the scale the format needs",
    "claimledger import liar.ledger train.tsv --format liar --errors skip",
    arg("input", help="the dataset file"),
    arg(
        "--format",
        required=True,
        choices=list(IMPORT_FORMATS),
        help="liar (PolitiFact statements, 14 tab-separated columns; scale politifact), "
        "fever (claims with SUPPORTS/REFUTES/NOT ENOUGH INFO; scale fever) or claimreview "
        "(one ClaimReview, a list, a @graph, a DataFeed, JSON Lines or a web page's JSON-LD; "
        "- reads standard input)",
    ),
    arg(
        "--rating-map",
        action="append",
        metavar="NAME=RATING",
        help="claimreview: read the textual rating NAME (alternateName, any case) as RATING "
        "of the ledger's scale; repeat for several",
    ),
    arg("--scale", help="claimreview: the verdict scale of a new ledger (default: default)"),
    arg(
        "--numeric-fallback",
        action="store_true",
        help="claimreview: read a textual rating nothing knows by its ratingValue (with a "
        "note) instead of refusing it",
    ),
    arg(
        "--no-rating-table",
        action="store_true",
        help="claimreview: leave claimledger's table of common textual ratings out; only the "
        "scale's labels and --rating-map are read",
    ),
    arg("--url", help="claimreview: the page or feed's address, for its relative URLs"),
    arg(
        "--errors",
        choices=["raise", "skip"],
        default="raise",
        help="raise: stop at malformed rows (reviews) and load nothing (default); skip: load "
        "the good ones and list the bad ones",
    ),
    arg(
        "--batch-size",
        type=int,
        default=5000,
        help="rows (reviews of a streamed feed) per transaction (default: 5000)",
    ),
    arg("--json", action="store_true", help="print the load report as JSON"),
    writes=True,
)
def import_(args: argparse.Namespace) -> int:
    return IMPORT_FORMATS[args.format](args)


def _export_claimreview(args: argparse.Namespace) -> int:
    """`export FILE --format claimreview`: a JSON array of ClaimReviews, or JSON Lines."""
    organisation = None
    if args.org_name:
        organisation = {"name": args.org_name, "url": args.org_url}
    status = None if args.status == "all" else args.status
    notes: list[str] = []
    receipts: dict[str, object] = {}
    if args.receipts:
        checkpoint = Path(args.checkpoint).read_text(encoding="utf-8") if args.checkpoint else None
        receipts = {
            "receipts": args.receipts,
            "checkpoint": checkpoint,
            "receipts_url": args.receipts_url,
            "documents": args.documents,
        }
    elif args.checkpoint or args.receipts_url or args.documents:
        raise InvalidInputError(
            "[claimledger.claimreview.receipts] --checkpoint, --receipts-url and --documents "
            "go with --receipts DIR",
            "claimledger.claimreview.receipts",
        )
    with open_ledger(args) as wb:
        reviews = wb.export_claimreviews(
            status=status,
            organisation=organisation,
            review_url=args.review_url,
            notes=notes,
            include_retracted=args.include_retracted,
            **receipts,
        )
        if not reviews:
            raise InvalidInputError(
                "[claimledger.claimreview.nothing_to_export] nothing to export: "
                + nothing_to_export(wb, status),
                "claimledger.claimreview.nothing_to_export",
            )
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    if args.jsonl:
        text = "".join(line + "\n" for line in iter_json_lines(reviews))
    else:
        text = json.dumps(reviews, ensure_ascii=False, indent=2) + "\n"
    if args.output and args.output != "-":
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"{len(reviews)} review(s) written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _export_bundle(args: argparse.Namespace) -> int:
    """`export FILE --format bundle -o OUT`: the whole ledger as a verified bundle."""
    if not args.output or args.output == "-":
        raise ValueError("a bundle is written to a file: give -o OUT")
    with open_ledger(args) as wb:
        head = wb.export_bundle(args.output)
    print(f"{head.seq} events written to {args.output} (head {head.hash})", file=sys.stderr)
    return 0


#: `export --format` handlers; each takes the parsed arguments and returns the exit status.
EXPORT_FORMATS = {"claimreview": _export_claimreview, "bundle": _export_bundle}


@command(
    "export",
    "write the claims' current verdicts as schema.org ClaimReview JSON-LD, or the whole "
    "ledger as a verified bundle (--format bundle -o desk.jsonl)",
    "claimledger export desk.ledger --format claimreview -o reviews.json --status all",
    arg("--format", required=True, choices=list(EXPORT_FORMATS)),
    arg("-o", "--output", help="write to this file (default: standard output)"),
    arg("--jsonl", action="store_true", help="JSON Lines: one review per line"),
    arg(
        "--status",
        default="published",
        help="export the claims with this status (default: published, the desk's own; "
        "published-elsewhere: the imported ones), or all: every claim with a verdict",
    ),
    arg(
        "--include-retracted",
        action="store_true",
        help="export retracted claims too (left out by default)",
    ),
    arg("--org-name", help="the desk's organisation, the reviews' author"),
    arg("--org-url", help="the desk's organisation's web site"),
    arg(
        "--review-url",
        help="each review's URL; {claim} stands for the claim id (default: "
        "urn:claimledger:<ledger identity>:<claim id>)",
    ),
    arg(
        "--receipts",
        metavar="DIR",
        help="write each review's receipts into DIR/<claim id>/ and link them from the review",
    ),
    arg("--checkpoint", help="with --receipts: a signed checkpoint of the desk"),
    arg(
        "--receipts-url",
        help="with --receipts: the URL where DIR will be published (https://...)",
    ),
    arg(
        "--documents",
        action="store_true",
        help="with --receipts: also write each evidence document's bytes",
    ),
)
def export(args: argparse.Namespace) -> int:
    return EXPORT_FORMATS[args.format](args)


@command(
    "copy",
    "copy a whole ledger to a new place, file or server in either direction (the way a "
    "one-person desk becomes a team's desk): exported as a bundle, imported into DST, then "
    "verified against SRC's head; exit 1 if the copy does not verify",
    "claimledger copy team.ledger 'postgresql://alice@db.example:5432/newsroom?desk=korea'",
    arg("source", metavar="SRC", help=f"the ledger to copy; {LEDGER_HELP}"),
    arg(
        "target",
        metavar="DST",
        help="where the copy goes, a file or a desk's URL: new, or holding nothing but its "
        "first event (as init makes it); a ledger with history is refused",
    ),
    ledger=False,
)
def copy(args: argparse.Namespace) -> int:
    source, target = shown_location(args.source), shown_location(args.target)
    with Workbench(args.source, read_only=True) as original:
        head = original.checkpoint()
        if ledger_exists(args.target):
            with Workbench(args.target, create=False) as existing:
                events = existing.event_count()
            if events > 1:
                raise InvalidInputError(
                    f"[claimledger.copy.not_new] {target} already holds {events} events; copy "
                    "makes a new ledger: name a new file or desk (or one that holds nothing "
                    "but its first event, as init makes it)",
                    "claimledger.copy.not_new",
                )
        with tempfile.TemporaryDirectory(prefix="claimledger-copy-") as folder:
            bundle = Path(folder) / "copy.jsonl"
            original.export_bundle(bundle)
            with removed_if_import_fails(args.target, actor=None) as copied:
                copied.import_bundle(bundle)
                report = copied.verify(against=head)
                identity = copied.identity
    print(f"{target}: {head.seq} events copied from {source}")
    print(f"  identity  {identity}")
    print(f"  head      seq {head.seq} {head.hash}")
    print(f"  verify    {'ok' if report.ok else f'{len(report.problems)} problem(s)'}")
    print_problems(report.problems, indent="    ")
    return 0 if report.ok else 1


COMMANDS = (import_, export, copy)
