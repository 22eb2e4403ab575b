"""Sub-commands for publishing verifiable verdicts (README, "Publishing verifiable
verdicts"): ``keygen`` (a signing key), ``prove`` (an event's receipt, or the consistency of
two checkpoints), ``receipt`` (a claim's verdict with its evidence, as files a reader checks)
and the offline checks ``verify-receipt`` and ``verify-checkpoint``, which need no ledger.
``checkpoint --sign`` (in :mod:`.ledger`) signs a checkpoint."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Optional

from ..transparency import generate_key, verify_checkpoint, verify_receipt, write_receipts
from .common import arg, command, open_ledger

__all__ = ["COMMANDS", "read_keys", "write_secret"]


def read_keys(values: Optional[list[str]]) -> list[str]:
    """The verifier keys of ``--key`` options: each a key's text or a file holding one."""
    keys = []
    for value in values or []:
        path = Path(value)
        keys.append(path.read_text(encoding="utf-8").strip() if path.is_file() else value)
    return keys


def write_secret(path: str, text: str) -> None:
    """Writes `text` to a new file readable by its owner alone (mode 0600)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(text + "\n")


def _write(path: Optional[str], text: str) -> None:
    if path:
        Path(path).write_text(text, encoding="utf-8", newline="")
    else:
        print(text, end="")


KEY_OPTION = arg(
    "--key",
    action="append",
    required=True,
    help="a verifier key, or a file holding one (repeat for several)",
)


@command(
    "keygen",
    "make an Ed25519 signing key: the secret signer to a new file (mode 0600), the verifier "
    "printed",
    "claimledger keygen news.example/korea-desk --out desk.key",
    arg("name", help="the key's name, one line without spaces or '+', e.g. news.example/desk"),
    arg("--out", required=True, help="the new file for the signer key (never overwritten)"),
    ledger=False,
)
def keygen(args: argparse.Namespace) -> int:
    signer, verifier = generate_key(args.name)
    write_secret(args.out, signer)
    print(verifier)
    return 0


@command(
    "prove",
    "write the receipt (C2SP tlog-proof) of event SEQ under a signed checkpoint, or the "
    "consistency proof between two checkpoints",
    "claimledger prove desk.ledger 42 --checkpoint head.checkpoint -o event.tlog-proof",
    arg("seq", nargs="?", type=int, help="the event's seq"),
    arg("--checkpoint", help="a signed checkpoint of this desk"),
    arg("--consistency", nargs=2, metavar=("OLD", "NEW"), help="two signed checkpoints"),
    arg("-o", "--output", help="the file to write (default: print)"),
)
def prove(args: argparse.Namespace) -> int:
    if args.consistency:
        old, new = (Path(p).read_text(encoding="utf-8") for p in args.consistency)
        with open_ledger(args) as wb:
            _write(args.output, wb.prove_consistency(old, new))
        return 0
    if args.seq is None or not args.checkpoint:
        raise ValueError("prove needs SEQ and --checkpoint, or --consistency OLD NEW")
    checkpoint = Path(args.checkpoint).read_text(encoding="utf-8")
    with open_ledger(args) as wb:
        _write(args.output, wb.prove(args.seq, checkpoint))
    return 0


@command(
    "receipt",
    "write the receipts of a claim's current verdict and its evidence documents into a folder",
    "claimledger receipt desk.ledger clm_0123456789abcdef --checkpoint head.checkpoint -o receipts",
    arg("claim", help="the claim's id"),
    arg("--checkpoint", required=True, help="a signed checkpoint of this desk"),
    arg("-o", "--output", required=True, help="the folder to write into"),
)
def receipt(args: argparse.Namespace) -> int:
    checkpoint = Path(args.checkpoint).read_text(encoding="utf-8")
    with open_ledger(args) as wb:
        receipts = wb.receipt(args.claim, checkpoint)
    for path in write_receipts(receipts, args.output, checkpoint):
        print(path)
    return 0


@command(
    "verify-receipt",
    "check a receipt against the leaf it proves and the desk's verifier key (no ledger "
    "needed); exit 1 with the reason when it fails",
    "claimledger verify-receipt event-42-verdict.tlog-proof event-42-verdict.json --key desk.pub",
    arg("proof", help="the .tlog-proof file"),
    arg("leaf", help="the file of the logged bytes (the event's JSON)"),
    KEY_OPTION,
    ledger=False,
)
def verify_receipt_command(args: argparse.Namespace) -> int:
    proof = Path(args.proof).read_text(encoding="utf-8")
    checked = verify_receipt(proof, Path(args.leaf).read_bytes(), read_keys(args.key))
    cp = checked.checkpoint
    print(
        f"ok: entry {checked.index} (event {checked.index + 1}) of {cp.origin}, "
        f"tree of {cp.size} signed by {', '.join(k.split('+')[0] for k in cp.signed_by)}"
    )
    return 0


@command(
    "verify-checkpoint",
    "check a signed checkpoint's signature (no ledger needed); exit 1 with the reason when it "
    "fails",
    "claimledger verify-checkpoint head.checkpoint --key desk.pub",
    arg("checkpoint", help="the signed checkpoint file"),
    KEY_OPTION,
    ledger=False,
)
def verify_checkpoint_command(args: argparse.Namespace) -> int:
    cp = verify_checkpoint(Path(args.checkpoint).read_text(encoding="utf-8"), read_keys(args.key))
    print(f"ok: {cp.origin}, tree of {cp.size}, root {cp.root}")
    return 0


COMMANDS = (keygen, prove, receipt, verify_receipt_command, verify_checkpoint_command)
