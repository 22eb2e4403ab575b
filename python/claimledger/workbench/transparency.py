"""The workbench's transparency methods: signing checkpoints of the desk's Merkle tree,
proving events and consistency, and the receipts of a claim's verdict (the offline
checks are in :mod:`claimledger.transparency`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Callable, Optional, Union

from .. import _core
from ..errors import InvalidInputError, NotFoundError
from ..model import Claim, Event
from ..transparency import (
    Receipt,
    ReceiptStatus,
    RecordedCheckpoint,
    SignedCheckpoint,
    checkpoint_from_core,
    checkpoint_text,
    key_list,
    latest_checkpoint,
    receipt_from_core,
)
from .arguments import IdLike, checked_flag, checked_int, id_of, required_text

CheckpointText = Union[SignedCheckpoint, str]


class TransparencyMethods:
    """Mixed into :class:`LedgerWorkbench`."""

    _core: _core.Workbench
    history: Callable[[IdLike], list[Event]]
    claim: Callable[[IdLike], Claim]

    @property
    def origin(self) -> str:
        """The first line of every checkpoint this desk signs, fixed when it was created
        (``cl.open(..., origin=...)``; by default derived from its identity)."""
        return self._core.origin

    def sign_checkpoint(
        self, signer: str, *, cosign: Union[CheckpointText, None] = None, record: bool = False
    ) -> SignedCheckpoint:
        """Signs the head of the desk's Merkle tree (all its events) with `signer` (a signer
        key's text): a C2SP checkpoint as a signed note. With `cosign`, adds the signature to
        that checkpoint of this desk, keeping its other signatures. The key is used and
        forgotten; with `record`, the signed checkpoint is then recorded in the desk
        (:meth:`record_checkpoint`), otherwise nothing is written."""
        cosigned = None if cosign is None else checkpoint_text(cosign, "cosign")
        record = checked_flag(record, "record")
        signed = checkpoint_from_core(
            self._core.sign_checkpoint(required_text(signer, "signer"), cosigned)
        )
        return self.record_checkpoint(signed) if record else signed

    def record_checkpoint(
        self,
        checkpoint: CheckpointText,
        verifier_keys: Union[str, Iterable[str], None] = None,
    ) -> SignedCheckpoint:
        """Records a signed checkpoint of this desk as a ``checkpoint.signed`` event: who
        signed which size. Its signatures are checked against `verifier_keys` (by default
        the ``signed_by`` of a :class:`SignedCheckpoint`), and this desk's tree of that size
        must have its root; otherwise nothing is written. A checkpoint signed by a colleague
        or a notary is recorded the same way, with their verifier key."""
        if verifier_keys is None:
            if not isinstance(checkpoint, SignedCheckpoint) or not checkpoint.signed_by:
                raise InvalidInputError(
                    "[claimledger.checkpoint.keys] record_checkpoint needs verifier_keys for a "
                    "checkpoint given as text (the public keys of its signers)",
                    "claimledger.checkpoint.keys",
                )
            verifier_keys = checkpoint.signed_by
        return checkpoint_from_core(
            self._core.record_checkpoint(checkpoint_text(checkpoint), key_list(verifier_keys))
        )

    def signed_checkpoints(self) -> list[RecordedCheckpoint]:
        """The signed checkpoints of this desk recorded in it, oldest first."""
        try:
            events = self.history(self.origin)
        except NotFoundError:
            return []
        recorded = []
        for event in events:
            if event.type != "checkpoint.signed":
                continue
            data = event.data
            signed = SignedCheckpoint(
                origin=data["origin"],
                size=data["size"],
                root=data["root"],
                text=data["checkpoint"],
                signed_by=tuple(data["signed_by"]),
            )
            recorded.append(RecordedCheckpoint(event.seq, event.at, event.actor, signed))
        return recorded

    def receipt_status(self, claim_id: IdLike) -> ReceiptStatus:
        """Whether the claim's current verdict is covered by the latest signed checkpoint
        recorded in the desk (so that :meth:`receipt` can prove it under that checkpoint)."""
        claim = self.claim(claim_id)
        verdict_seq: Optional[int] = claim.verdict.seq if claim.verdict else None
        return ReceiptStatus(claim.id, verdict_seq, latest_checkpoint(self.signed_checkpoints()))

    def prove(self, seq: int, checkpoint: CheckpointText) -> str:
        """The receipt (C2SP tlog-proof text) of event `seq` under `checkpoint`, a signed
        checkpoint of this desk. Raises :class:`IntegrityError` when this desk's history no
        longer has the checkpoint's root (it was rewritten)."""
        return self._core.prove(checked_int(seq, "seq"), checkpoint_text(checkpoint))

    def prove_consistency(self, old: CheckpointText, new: CheckpointText) -> str:
        """The consistency proof (base64 hashes, one a line) from the `old` checkpoint to the
        `new` one, checked against both roots: :class:`IntegrityError` when they are not
        consistent (a forked history)."""
        return self._core.prove_consistency(
            checkpoint_text(old, "old"), checkpoint_text(new, "new")
        )

    def receipt(self, claim_id: IdLike, checkpoint: CheckpointText) -> list[Receipt]:
        """The receipts of a claim's current verdict under `checkpoint`: the claim's event,
        the verdict's, and for each evidence the verdict relies on, the event that linked its
        quote and the one that captured its document (with the document's SHA-256).
        ``claimledger.write_receipts`` writes them to files."""
        return [
            receipt_from_core(r)
            for r in self._core.receipts(id_of(claim_id, "claim_id"), checkpoint_text(checkpoint))
        ]
