"""The command line's entry point: the parser made of every sub-command, and :func:`main`,
which runs one and turns an error into a one-line reason and exit status 1.

The sub-commands live beside their arguments in the modules of this package, grouped by
what they do; ``--help`` lists them in the order of :data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Optional

from .. import __version__
from ..errors import Error, Interrupted
from . import corrections, exchange, ledger, query, record, report, server, start, transparency

__all__ = ["COMMANDS", "build_parser", "main"]

#: Every sub-command, in the order ``claimledger --help`` lists them.
COMMANDS = (
    *start.COMMANDS,
    *record.COMMANDS,
    *corrections.COMMANDS,
    *query.COMMANDS,
    *ledger.COMMANDS,
    *transparency.COMMANDS,
    *exchange.COMMANDS,
    *report.COMMANDS,
    *server.COMMANDS,
)

EXAMPLES = """examples:
  claimledger demo                      build the demo desk in ./demo
  claimledger init desk.ledger --scale politifact
  claimledger add-source desk.ledger "Reuters" --kind outlet --url https://www.reuters.com
  claimledger add-snapshot desk.ledger article.txt --published 2024-10-21
  claimledger add-claim desk.ledger "About 28,500 US troops are in South Korea." \\
      --appears-in xxh3-128:... --quote "approximately 28,500 troops"
  claimledger claims desk.ledger --status published --json
  claimledger history desk.ledger clm_...
  claimledger checkpoint desk.ledger -o head.json
  claimledger verify desk.ledger --against head.json
  claimledger report desk.ledger -o report.html
  claimledger copy desk.ledger 'postgresql://alice@db.example/newsroom?desk=korea'
  claimledger pg-grant 'postgresql://alice@db.example/newsroom?desk=korea' --auditor editor

Wherever a ledger is taken, a file or a desk on a PostgreSQL server will do:
postgresql://user@host:port/database?desk=name (the password from PGPASSWORD, ~/.pgpass
or a service file rather than the URL, which would keep it in your shell's history).
"""


def build_parser() -> argparse.ArgumentParser:
    """The parser of the whole command line, with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="claimledger",
        description="A fact-check workbench kept as an append-only, hash-chained ledger.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"claimledger {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_to(sub)
    return parser


def _fail(error: BaseException) -> int:
    """Prints the one-line reason for a failed command and returns the exit status."""
    reason = " ".join(str(error).splitlines()) or type(error).__name__
    print(f"claimledger: {reason}", file=sys.stderr)
    return 1


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Runs the command line with `argv` (default: the process's arguments) and returns
    the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (Error, OSError, ValueError) as error:
        return _fail(error)
    except Interrupted as stopped:  # Ctrl-C during a load: what was committed, how to resume
        print(f"claimledger: {stopped}", file=sys.stderr)
        return 130
    except KeyboardInterrupt:
        print("claimledger: interrupted", file=sys.stderr)
        return 130
