"""Sub-commands that record the work on a desk, one event or a few each: ``add-source``,
``add-snapshot``, ``add-claim``, ``link-evidence``, ``set-verdict``, ``set-status`` and
``rate-source``. Each prints the id of what it added, if anything, or with ``--json`` the
record it wrote (the source, snapshot, claim, evidence, verdict or rating)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..vocabulary import CLAIM_STATUSES, CREDIBILITY_GRADES, SOURCE_KINDS, STANCES
from .common import arg, command, one_of, open_ledger, print_json

_IGNORE_CASE = arg("--ignore-case", action="store_true", help="find the quote in any case")
#: The --json option of the commands that record something.
JSON_OPTION = arg("--json", action="store_true", help="print what was recorded as JSON")
_PREFIX = arg("--prefix", help="text just before the quote, when it occurs more than once")
_SUFFIX = arg("--suffix", help="text just after the quote, when it occurs more than once")


def printed(args: argparse.Namespace, record: Any, line: str = "") -> int:
    """Prints `record` as JSON with ``--json``, else `line` (when there is one); returns 0."""
    if args.json:
        print_json(record)
    elif line:
        print(line)
    return 0


@command(
    "add-source",
    "record a source; prints its id",
    'claimledger add-source desk.ledger "Reuters" --kind outlet',
    arg("name"),
    arg("--kind", default="outlet", help=one_of(SOURCE_KINDS)),
    arg("--url"),
    arg("--affiliation"),
    JSON_OPTION,
    writes=True,
)
def add_source(args: argparse.Namespace) -> int:
    with open_ledger(args) as wb:
        source = wb.add_source(
            args.name, kind=args.kind, url=args.url, affiliation=args.affiliation
        )
    return printed(args, source, source.id)


@command(
    "add-snapshot",
    "capture a document's exact bytes; prints its hash",
    "claimledger add-snapshot desk.ledger article.txt --published 2024-10-21",
    arg("path", help="the document file, or - for standard input"),
    arg("--url"),
    arg("--title"),
    arg("--publisher", help="source id of the publisher"),
    arg("--published", help="YYYY-MM-DD or RFC 3339 time"),
    arg("--retrieved", help="YYYY-MM-DD or RFC 3339 time"),
    JSON_OPTION,
    writes=True,
)
def add_snapshot(args: argparse.Namespace) -> int:
    content = sys.stdin.buffer.read() if args.path == "-" else Path(args.path).read_bytes()
    with open_ledger(args) as wb:
        snapshot = wb.add_snapshot(
            content,
            url=args.url,
            title=args.title,
            publisher=args.publisher,
            published=args.published,
            retrieved=args.retrieved,
        )
    return printed(args, snapshot, snapshot.hash)


@command(
    "add-claim",
    "record a claim; prints its id",
    'claimledger add-claim desk.ledger "..." --appears-in xxh3-128:... --quote "..."',
    arg("text"),
    arg("--claimant", help="source id of who made the claim"),
    arg("--appears-in", help="hash of the snapshot it appears in"),
    arg("--quote", help="the exact words in that snapshot (default: the claim's text)"),
    _PREFIX,
    _SUFFIX,
    arg("--tag", action="append", help="a tag (repeat for several)"),
    arg("--date", help="when the claim was made: YYYY-MM-DD or an RFC 3339 time"),
    arg("--context", help='where or how it was made, such as "a campaign mailer"'),
    _IGNORE_CASE,
    JSON_OPTION,
    writes=True,
)
def add_claim(args: argparse.Namespace) -> int:
    with open_ledger(args) as wb:
        claim = wb.add_claim(
            args.text,
            claimant=args.claimant,
            appears_in=args.appears_in,
            quote=args.quote,
            prefix=args.prefix,
            suffix=args.suffix,
            tags=args.tag or (),
            date=args.date,
            context=args.context,
            match_case=not args.ignore_case,
        )
    return printed(args, claim, claim.id)


@command(
    "link-evidence",
    "link a claim to a quote in a snapshot; prints the evidence id",
    'claimledger link-evidence desk.ledger clm_... xxh3-128:... --quote "..." --stance supports',
    arg("claim"),
    arg("snapshot"),
    arg("--quote", required=True),
    arg("--stance", required=True, help=one_of(STANCES)),
    arg("--note"),
    arg(
        "--credibility",
        choices=list(CREDIBILITY_GRADES),
        help="how credible the quoted information is (Admiralty scale): "
        + one_of([f"{grade} ({meaning})" for grade, meaning in CREDIBILITY_GRADES.items()]),
    ),
    _IGNORE_CASE,
    _PREFIX,
    _SUFFIX,
    JSON_OPTION,
    writes=True,
)
def link_evidence(args: argparse.Namespace) -> int:
    with open_ledger(args) as wb:
        evidence = wb.link_evidence(
            args.claim,
            args.snapshot,
            quote=args.quote,
            stance=args.stance,
            note=args.note,
            credibility=args.credibility,
            match_case=not args.ignore_case,
            prefix=args.prefix,
            suffix=args.suffix,
        )
    return printed(args, evidence, evidence.id)


@command(
    "set-verdict",
    "record a verdict on a claim",
    'claimledger set-verdict desk.ledger clm_... mostly-true --rationale "..." --evidence evd_...',
    arg("claim"),
    arg("rating"),
    arg("--rationale", required=True),
    arg("--evidence", action="append", help="an evidence id (repeat for several)"),
    JSON_OPTION,
    writes=True,
)
def set_verdict(args: argparse.Namespace) -> int:
    with open_ledger(args) as wb:
        verdict = wb.set_verdict(
            args.claim, args.rating, rationale=args.rationale, evidence=args.evidence or ()
        )
    return printed(args, verdict)


@command(
    "set-status",
    "move a claim through review",
    "claimledger set-status desk.ledger clm_... published",
    arg("claim"),
    arg("status", help=one_of(CLAIM_STATUSES)),
    JSON_OPTION,
    writes=True,
)
def set_status(args: argparse.Namespace) -> int:
    with open_ledger(args) as wb:
        claim = wb.set_status(args.claim, args.status)
    return printed(args, claim)


@command(
    "rate-source",
    "rate a source's reliability (Admiralty A-F)",
    'claimledger rate-source desk.ledger src_... B --rationale "..."',
    arg("source"),
    arg("grade"),
    arg("--rationale", required=True),
    JSON_OPTION,
    writes=True,
)
def rate_source(args: argparse.Namespace) -> int:
    with open_ledger(args) as wb:
        rating = wb.rate_source(args.source, args.grade, rationale=args.rationale)
    return printed(args, rating)


COMMANDS = (
    add_source,
    add_snapshot,
    add_claim,
    link_evidence,
    set_verdict,
    set_status,
    rate_source,
)
