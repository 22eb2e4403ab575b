"""Sub-commands that correct what a desk recorded, each one event with its reason (README,
"Corrections"): ``retract``, ``unlink``, ``correct`` and ``merge-sources``. Each prints
what it changed in a line, or with ``--json`` the record (the claim, evidence or source)."""

from __future__ import annotations

import argparse

from .common import arg, command, open_ledger
from .record import JSON_OPTION, printed

#: The --reason option every correction requires.
_REASON = arg("--reason", required=True, help="why: recorded with the change, shown in history")


@command(
    "retract",
    "withdraw a claim (status retracted; exports leave it out)",
    'claimledger retract desk.ledger clm_... --reason "the minister never said it"',
    arg("claim"),
    _REASON,
    JSON_OPTION,
    writes=True,
)
def retract(args: argparse.Namespace) -> int:
    with open_ledger(args) as wb:
        claim = wb.retract(args.claim, reason=args.reason)
    return printed(args, claim, f"{claim.id} {claim.status}")


@command(
    "unlink",
    "unlink evidence from its claim: it no longer counts",
    'claimledger unlink desk.ledger evd_... --reason "the quote is about 2019"',
    arg("evidence"),
    _REASON,
    JSON_OPTION,
    writes=True,
)
def unlink(args: argparse.Namespace) -> int:
    with open_ledger(args) as wb:
        evidence = wb.unlink_evidence(args.evidence, reason=args.reason)
    return printed(args, evidence, f"{evidence.id} unlinked from {evidence.claim}")


@command(
    "correct",
    "correct a claim's text or claimant (the old values stay in history)",
    'claimledger correct desk.ledger clm_... --text "..." --reason "misquoted"',
    arg("claim"),
    arg("--text", help="the corrected text"),
    arg("--claimant", help="the corrected claimant: a source id or a unique source name"),
    arg("--quote", help="the snapshot's words the corrected claim stands on"),
    _REASON,
    JSON_OPTION,
    writes=True,
)
def correct(args: argparse.Namespace) -> int:
    with open_ledger(args) as wb:
        claim = wb.correct_claim(
            args.claim,
            text=args.text,
            claimant=args.claimant,
            quote=args.quote,
            reason=args.reason,
        )
    return printed(args, claim, claim.id)


@command(
    "merge-sources",
    "record that two sources are the same: the first becomes an alias of the second",
    'claimledger merge-sources desk.ledger src_dup... src_kept... --reason "same person"',
    arg("source", help="the source that becomes an alias (an id or a unique name)"),
    arg("into", help="the source it is the same as (an id or a unique name)"),
    _REASON,
    JSON_OPTION,
    writes=True,
)
def merge_sources(args: argparse.Namespace) -> int:
    with open_ledger(args) as wb:
        source = wb.merge_sources(args.source, args.into, reason=args.reason)
    return printed(args, source, f"{source.id} is an alias of {source.alias_of}")


COMMANDS = (retract, unlink, correct, merge_sources)
