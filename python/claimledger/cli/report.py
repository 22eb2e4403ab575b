"""The ``report`` sub-command: the desk as one self-contained HTML page (see
:mod:`claimledger.notebook.report`), with its progress on a terminal."""

from __future__ import annotations

import argparse

from ..notebook.report import write_report
from ..terminal import Progress, busy
from .common import arg, command, open_ledger


@command(
    "report",
    "write the desk as one self-contained HTML page: verify status, a summary of the verdicts, "
    "the claims that need attention (every claim with --all) with their evidence quotes, and "
    "sources with their track records",
    "claimledger report desk.ledger -o report.html",
    arg("-o", "--output", default="report.html", help="the HTML file (default: report.html)"),
    arg("--title", help="the page's title (default: the name of the ledger's file or desk)"),
    arg("--limit", type=int, help="show at most this many claim cards"),
    arg(
        "--all",
        action="store_true",
        help="a card for every claim and every source (default: the summary, cards for the "
        "claims that need attention, that is without a verdict or with one not approved yet, "
        "and the sources with the most verdicts)",
    ),
)
def report(args: argparse.Namespace) -> int:
    with open_ledger(args) as wb:
        with busy(f"verifying {wb.event_count():,} events"):
            verified = wb.verify()
        with Progress(0, "claim cards") as bar:
            path = write_report(
                wb,
                args.output,
                title=args.title,
                limit=args.limit,
                progress=bar,
                verified=verified,
                cards="all" if args.all else "attention",
            )
    state = "verified" if verified.ok else f"{len(verified.problems)} PROBLEM(S) found by verify"
    print(f"{path}: report written ({state})")
    return 0


COMMANDS = (report,)
