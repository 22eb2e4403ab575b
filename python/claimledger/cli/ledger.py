"""Sub-commands about the ledger as a whole: ``verify`` (exit 1 on any problem),
``rebuild``, ``merge`` (another desk's events) and ``checkpoint`` (the head of the chain
to keep elsewhere, or signed: a C2SP checkpoint of the desk's Merkle tree)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Optional

from ..errors import InvalidInputError
from ..files import shown_location
from ..terminal import busy
from .common import JSON_OPTION, arg, command, open_ledger, print_json, print_problems
from .transparency import read_keys


@command(
    "verify",
    "check every hash, link, snapshot and table; exit 1 on any problem",
    "claimledger verify desk.ledger --against head.json",
    arg("--against", help="a checkpoint file written by 'claimledger checkpoint'"),
    arg(
        "--key",
        action="append",
        help="a verifier key (or a file holding one) to check a signed --against with",
    ),
    JSON_OPTION,
)
def verify(args: argparse.Namespace) -> int:
    against: Optional[str] = None
    if args.against:  # checked by verify(), which names what is wrong with it
        against = Path(args.against).read_text(encoding="utf-8")
    with open_ledger(args) as wb, busy(f"verifying {wb.event_count():,} events"):
        report = wb.verify(against=against, keys=read_keys(args.key) if args.key else None)
    if args.json:
        print_json(report)
    else:
        state = "ok" if report.ok else f"{len(report.problems)} problem(s)"
        print(f"{shown_location(args.file)}: {report.events} events checked: {state}")
        print_problems(report.problems)
        if report.problems and all(p.kind == "projection-mismatch" for p in report.problems):
            print(
                "The events are intact; only the tables of current state differ from them. "
                f"Run 'claimledger rebuild {shown_location(args.file)}' to regenerate the tables."
            )
    return 0 if report.ok else 1


@command(
    "rebuild",
    "regenerate the tables of current state from intact events",
    "claimledger rebuild desk.ledger",
)
def rebuild(args: argparse.Namespace) -> int:
    with open_ledger(args, read_only=False) as wb:
        replayed = wb.rebuild()
        report = wb.verify()
    print(
        f"{shown_location(args.file)}: tables rebuilt from {replayed} events; verify: "
        f"{'ok' if report.ok else 'still failing'}"
    )
    return 0 if report.ok else 1


@command(
    "merge",
    "bring another desk's events (a ledger file, a desk on a server or a bundle) into this ledger",
    "claimledger merge desk.ledger colleague.ledger",
    arg("other", help="the other desk: a ledger file, a desk's postgresql:// URL or a bundle"),
    JSON_OPTION,
    writes=True,
)
def merge(args: argparse.Namespace) -> int:
    with open_ledger(args) as wb:
        report = wb.merge(args.other)
    if args.json:
        print_json(report)
        return 0
    print(
        f"{shown_location(args.file)}: {report.added} events merged from "
        f"{shown_location(args.other)} ({report.skipped} already here)"
    )
    for conflict in report.conflicts:
        print(
            f"  conflict {conflict.claim}: here {conflict.local_rating} "
            f"({conflict.local_actor}, {conflict.local_at}: {conflict.local_rationale}), "
            f"there {conflict.other_rating} ({conflict.other_actor}, {conflict.other_at}: "
            f"{conflict.other_rationale}): set the verdict again to decide"
        )
    for claim in report.reopened:
        print(f"  {claim} back to in-progress: its current verdict is not approved here")
    return 0


@command(
    "checkpoint",
    "print the head of the chain to keep elsewhere; with --sign, a signed checkpoint of the "
    "desk's Merkle tree (C2SP tlog-checkpoint)",
    "claimledger checkpoint desk.ledger --sign desk.key -o head.checkpoint",
    arg("--sign", metavar="KEYFILE", help="a signer key file written by 'claimledger keygen'"),
    arg(
        "--record",
        action="store_true",
        help="with --sign: also record the signed checkpoint in the desk (who signed which size)",
    ),
    arg("-o", "--output", help="write it to this file"),
)
def checkpoint(args: argparse.Namespace) -> int:
    if args.record and not args.sign:
        raise InvalidInputError("--record records a signed checkpoint: give --sign KEYFILE too")
    with open_ledger(args, read_only=not args.record) as wb:
        if args.sign:
            signer = Path(args.sign).read_text(encoding="utf-8").strip()
            text = wb.sign_checkpoint(signer, record=args.record).text
        else:
            text = wb.checkpoint().to_json() + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8", newline="")
    else:
        print(text, end="")
    return 0


COMMANDS = (verify, rebuild, merge, checkpoint)
