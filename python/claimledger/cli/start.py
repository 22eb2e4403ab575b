"""Sub-commands that start a desk: ``demo`` (the sample desk) and ``init``."""

from __future__ import annotations

import argparse

from ..demo import build_demo
from ..desk import Workbench
from ..files import ledger_exists, shown_location
from ..vocabulary import BUILTIN_SCALES
from .common import arg, command, print_json


@command(
    "demo",
    "build the demo desk and print a summary",
    "claimledger demo --dir demo",
    arg("--dir", default="demo", help="folder for the demo ledger (default: demo)"),
    ledger=False,
)
def demo(args: argparse.Namespace) -> int:
    build_demo(args.dir)
    return 0


@command(
    "init",
    "create a ledger: a file, or a desk on a PostgreSQL server (or open an existing one)",
    "claimledger init desk.ledger --scale politifact\n"
    "  claimledger init 'postgresql://alice@db.example:5432/newsroom?desk=korea' "
    "--scale politifact",
    arg(
        "--scale",
        help=f"verdict scale of a new ledger: {', '.join(BUILTIN_SCALES)} (default: default); "
        "an existing ledger keeps its own, and another one given here is refused",
    ),
    arg("--origin", help="the desk's name in the checkpoints it signs, fixed at creation"),
    arg("--json", action="store_true", help="print the desk's settings as JSON"),
    writes=True,
)
def init(args: argparse.Namespace) -> int:
    existed = ledger_exists(args.file)
    with Workbench(args.file, actor=args.actor, scale=args.scale, origin=args.origin) as wb:
        if args.json:
            print_json(
                {
                    "file": args.file,
                    "created": not existed,
                    "scale": wb.scale,
                    "origin": wb.origin,
                    "identity": wb.identity,
                }
            )
            return 0
        verb = "opened existing" if existed else "created"
        print(
            f"{verb} ledger {shown_location(args.file)} (scale {wb.scale}, origin {wb.origin}, "
            f"identity {wb.identity})"
        )
    return 0


COMMANDS = (demo, init)
