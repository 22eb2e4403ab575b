"""The workbench's transparency methods: signing checkpoints of the desk's Merkle tree,
proving events and consistency, and the receipts of a claim's verdict (the offline
checks are in :mod:`claimledger.transparency`)."""

from __future__ import annotations

from typing import Union

from .. import _core
from ..transparency import (
    Receipt,
    SignedCheckpoint,
    checkpoint_from_core,
    checkpoint_text,
    receipt_from_core,
)
from .arguments import IdLike, id_of

CheckpointText = Union[SignedCheckpoint, str]


class TransparencyMethods:
    """Mixed into :class:`LedgerWorkbench`."""

    _core: _core.Workbench

    @property
    def origin(self) -> str:
        """The first line of every checkpoint this desk signs, fixed when it was created
        (``cl.open(..., origin=...)``; by default derived from its identity)."""
        return self._core.origin

    def sign_checkpoint(
        self, signer: str, *, cosign: Union[CheckpointText, None] = None
    ) -> SignedCheckpoint:
        """Signs the head of the desk's Merkle tree (all its events) with `signer` (a signer
        key's text): a C2SP checkpoint as a signed note. With `cosign`, adds the signature to
        that checkpoint of this desk, keeping its other signatures. Records nothing; the key
        is used and forgotten."""
        cosigned = None if cosign is None else checkpoint_text(cosign)
        return checkpoint_from_core(self._core.sign_checkpoint(str(signer), cosigned))

    def prove(self, seq: int, checkpoint: CheckpointText) -> str:
        """The receipt (C2SP tlog-proof text) of event `seq` under `checkpoint`, a signed
        checkpoint of this desk. Raises :class:`IntegrityError` when this desk's history no
        longer has the checkpoint's root (it was rewritten)."""
        return self._core.prove(seq, checkpoint_text(checkpoint))

    def prove_consistency(self, old: CheckpointText, new: CheckpointText) -> str:
        """The consistency proof (base64 hashes, one a line) from the `old` checkpoint to the
        `new` one, checked against both roots: :class:`IntegrityError` when they are not
        consistent (a forked history)."""
        return self._core.prove_consistency(checkpoint_text(old), checkpoint_text(new))

    def receipt(self, claim_id: IdLike, checkpoint: CheckpointText) -> list[Receipt]:
        """The receipts of a claim's current verdict under `checkpoint`: the claim's event,
        the verdict's, and for each evidence the verdict relies on, the event that linked its
        quote and the one that captured its document (with the document's SHA-256).
        ``claimledger.write_receipts`` writes them to files."""
        return [
            receipt_from_core(r)
            for r in self._core.receipts(id_of(claim_id), checkpoint_text(checkpoint))
        ]
