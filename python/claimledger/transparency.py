"""Receipts a reader checks without the desk: keys, signed checkpoints and their proofs.

Every desk is a transparency log (README, "Publishing verifiable verdicts"): an RFC 6962
Merkle tree whose leaf ``i`` is the canonical JSON of event ``i + 1``. A *checkpoint* is its
origin, size and root, signed as a C2SP signed note with Ed25519; a *receipt* is a C2SP
tlog-proof of one event under a checkpoint. Keys are texts in the encoding of Go's
``golang.org/x/mod/sumdb/note``. The functions here need no ledger: a reader with a receipt,
the leaf's bytes and the desk's verifier key checks it anywhere.

A signer key is secret: :class:`SignerKey` is the text of one that shows only its name and
key id in a ``repr``; it is never written to a ledger, a bundle or an export.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

from . import _core
from .errors import InvalidInputError

__all__ = [
    "SignerKey",
    "SignedCheckpoint",
    "Receipt",
    "VerifiedReceipt",
    "RecordedCheckpoint",
    "ReceiptStatus",
    "generate_key",
    "verify_checkpoint",
    "verify_receipt",
    "write_receipts",
]


class SignerKey(str):
    """The text of a signer key (``PRIVATE+KEY+<name>+<key id>+<key data>``): a ``str`` to
    write to a file of mode 0600 or pass to ``sign_checkpoint``, whose ``repr`` hides the
    secret part."""

    def __repr__(self) -> str:
        parts = self.split("+")
        shown = "+".join(parts[2:4]) if len(parts) >= 4 else "?"
        return f"SignerKey({shown}, secret not shown)"

    __str__ = str.__str__


@dataclass(frozen=True)
class SignedCheckpoint:
    """A desk's tree head, signed: the C2SP checkpoint ``text`` (origin, size, base64 root
    and signature lines) and what it says. ``signed_by`` are the verifier keys whose
    signatures were made or checked."""

    origin: str
    size: int
    root: str
    text: str
    signed_by: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Receipt:
    """One event's receipt: its C2SP tlog-proof (``proof``, a ``.tlog-proof`` file) and the
    leaf it proves (``leaf``: the event's canonical JSON bytes). ``role`` is ``claim``,
    ``verdict``, ``evidence`` (a quote linked) or ``snapshot`` (a document captured, with its
    content id and SHA-256, which ``sha256sum`` of the document gives)."""

    role: str
    seq: int
    type: str
    proof: str
    leaf: bytes
    snapshot: Optional[str] = None
    sha256: Optional[str] = None

    @property
    def name(self) -> str:
        """The file stem ``write_receipts`` uses: ``event-<seq>-<role>``."""
        return f"event-{self.seq}-{self.role}"


@dataclass(frozen=True)
class VerifiedReceipt:
    """What a checked receipt proves: the leaf is entry ``index`` (the event with seq
    ``index + 1``) of the signed checkpoint's tree."""

    checkpoint: SignedCheckpoint
    index: int
    leaf_hash: str


@dataclass(frozen=True)
class RecordedCheckpoint:
    """A signed checkpoint recorded in the desk (a ``checkpoint.signed`` event): the event
    (``seq``, ``at``, ``actor``: who recorded it, when) and the checkpoint, whose
    ``signed_by`` are the verifier keys checked when it was recorded."""

    seq: int
    at: str
    actor: str
    checkpoint: SignedCheckpoint

    @property
    def size(self) -> int:
        return self.checkpoint.size

    @property
    def signers(self) -> tuple[str, ...]:
        """The signers' key names (the first part of each verifier key)."""
        return tuple(key.split("+", 1)[0] for key in self.checkpoint.signed_by)


@dataclass(frozen=True)
class ReceiptStatus:
    """Whether a claim's current verdict can be given receipts under a signed checkpoint
    recorded in the desk: ``covered`` when the latest recorded checkpoint (``checkpoint``)
    includes the verdict's event (``verdict_seq``). ``text`` says so in a sentence."""

    claim: str
    verdict_seq: Optional[int]
    checkpoint: Optional[RecordedCheckpoint]

    @property
    def covered(self) -> bool:
        return (
            self.verdict_seq is not None
            and self.checkpoint is not None
            and self.verdict_seq <= self.checkpoint.size
        )

    @property
    def text(self) -> str:
        if self.verdict_seq is None:
            return "no verdict yet: nothing to give receipts for"
        if self.checkpoint is None:
            return (
                f"verdict (event {self.verdict_seq}) not covered: no signed checkpoint is "
                "recorded in this desk"
            )
        signed = f"signed by {', '.join(self.checkpoint.signers)}, recorded {self.checkpoint.at}"
        if self.covered:
            return (
                f"verdict (event {self.verdict_seq}) covered by the signed checkpoint of "
                f"{self.checkpoint.size} events ({signed})"
            )
        return (
            f"verdict (event {self.verdict_seq}) not covered: the latest signed checkpoint "
            f"holds {self.checkpoint.size} events ({signed}); sign a new one"
        )


def latest_checkpoint(recorded: Sequence[RecordedCheckpoint]) -> Optional[RecordedCheckpoint]:
    """The recorded checkpoint of the largest tree (the last recorded among equals)."""
    return max(recorded, key=lambda r: (r.size, r.seq)) if recorded else None


def checkpoint_from_core(core: _core.SignedCheckpoint) -> SignedCheckpoint:
    return SignedCheckpoint(
        origin=core.origin,
        size=core.size,
        root=core.root,
        text=core.text,
        signed_by=tuple(core.signed_by),
    )


def receipt_from_core(core: _core.Receipt) -> Receipt:
    return Receipt(
        role=core.role,
        seq=core.seq,
        type=core.type,
        proof=core.proof,
        leaf=core.leaf,
        snapshot=core.snapshot,
        sha256=core.sha256,
    )


def _wrong(what: str, accepted: str, value: object) -> InvalidInputError:
    return InvalidInputError(
        f"[claimledger.input.type] {what} must be {accepted}, not {type(value).__name__}",
        "claimledger.input.type",
    )


def key_list(verifier_keys: Union[str, Iterable[str]], what: str = "verifier_keys") -> list[str]:
    """Verifier keys given as one key's text or as several (InvalidInputError otherwise)."""
    if isinstance(verifier_keys, str):
        return [verifier_keys]
    keys = list(verifier_keys) if isinstance(verifier_keys, (list, tuple, set)) else None
    if keys is None or not all(isinstance(k, str) for k in keys):
        raise _wrong(what, "a verifier key's text or a list of them", verifier_keys)
    return keys


def checkpoint_text(checkpoint: Union[SignedCheckpoint, str], what: str = "checkpoint") -> str:
    """The text of a signed checkpoint given as one or as its text (InvalidInputError
    otherwise)."""
    if isinstance(checkpoint, SignedCheckpoint):
        return checkpoint.text
    if not isinstance(checkpoint, str):
        raise _wrong(what, "a SignedCheckpoint or its text", checkpoint)
    return checkpoint


def generate_key(name: str) -> tuple[SignerKey, str]:
    """A new Ed25519 key named `name` (one line, no spaces or ``+``, such as
    ``news.example/korea-desk``): ``(signer, verifier)`` texts. Writes nothing; keep the
    signer secret and publish the verifier."""
    signer, verifier = _core.generate_key(name)
    return SignerKey(signer), verifier


def verify_checkpoint(
    text: Union[SignedCheckpoint, str], verifier_keys: Union[str, Iterable[str]]
) -> SignedCheckpoint:
    """Checks a signed checkpoint against the verifier keys (C2SP signed-note: other keys'
    signatures are ignored; a failing signature by a given key, or none by any, raises
    :class:`IntegrityError`; a malformed note or key :class:`InvalidInputError`)."""
    return checkpoint_from_core(
        _core.verify_checkpoint(checkpoint_text(text), key_list(verifier_keys))
    )


def verify_receipt(
    proof: str, leaf: Union[bytes, str], verifier_keys: Union[str, Iterable[str]]
) -> VerifiedReceipt:
    """Checks a receipt (a C2SP tlog-proof) for `leaf`, the logged bytes: the checkpoint's
    signature by one of the verifier keys, then the inclusion proof from the leaf to its
    root. Raises :class:`IntegrityError` when they do not check out and
    :class:`InvalidInputError` when the proof, checkpoint or a key is malformed."""
    data = leaf.encode("utf-8") if isinstance(leaf, str) else bytes(leaf)
    core = _core.verify_receipt(proof, data, key_list(verifier_keys))
    return VerifiedReceipt(
        checkpoint=checkpoint_from_core(core.checkpoint),
        index=core.index,
        leaf_hash=core.leaf_hash,
    )


def write_receipts(
    receipts: Sequence[Receipt],
    directory: Union[str, os.PathLike[str]],
    checkpoint: Union[SignedCheckpoint, str, None] = None,
) -> list[Path]:
    """Writes each receipt's proof (``event-<seq>-<role>.tlog-proof``) and leaf
    (``event-<seq>-<role>.json``) into `directory` (created if needed), the checkpoint as
    ``checkpoint.txt`` when given, and ``receipts.json``, a list of what each file pair
    proves (seq, role, event type, files, and for documents their content id and SHA-256).
    Returns the paths written."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    manifest = []
    for receipt in receipts:
        proof_path = folder / f"{receipt.name}.tlog-proof"
        leaf_path = folder / f"{receipt.name}.json"
        proof_path.write_text(receipt.proof, encoding="utf-8", newline="")
        leaf_path.write_bytes(receipt.leaf)
        written += [proof_path, leaf_path]
        entry = {
            "seq": receipt.seq,
            "index": receipt.seq - 1,
            "role": receipt.role,
            "type": receipt.type,
            "proof": proof_path.name,
            "leaf": leaf_path.name,
        }
        if receipt.snapshot is not None:
            entry["snapshot"] = receipt.snapshot
            entry["sha256"] = receipt.sha256
        manifest.append(entry)
    if checkpoint is not None:
        path = folder / "checkpoint.txt"
        path.write_text(checkpoint_text(checkpoint), encoding="utf-8", newline="")
        written.append(path)
    path = folder / "receipts.json"
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    written.append(path)
    return written
