"""Receipts beside exported ClaimReviews (README, "Publishing verifiable verdicts").

With ``receipts=DIR`` the export writes, for each review, the receipts of the claim's
current verdict under a signed checkpoint into ``DIR/<claim id>/`` (``write_receipts``: a
C2SP tlog-proof and the leaf bytes of the claim's, the verdict's, each evidence link's and
each evidence document's event, ``checkpoint.txt`` and ``receipts.json``, which names the
documents' SHA-256) and links them from the review.

The link is schema.org ``associatedMedia`` (a CreativeWork's "media object that encodes
this CreativeWork"; a ClaimReview is a CreativeWork): one ``DataDownload`` whose
``contentUrl`` is the claim's ``receipts.json`` at ``receipts_url``, with
``encodingFormat`` ``application/json`` and the file's ``sha256`` (MediaObject's own
property for the SHA-256 of the content). Validators that know schema.org accept it, and a
reader who does not care ignores it.

Every receipt is made before any file is written: a verdict newer than the checkpoint
refuses the export and writes nothing.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Union

from ...errors import InvalidInputError
from ...transparency import Receipt, SignedCheckpoint, checkpoint_text, write_receipts

if TYPE_CHECKING:
    from ... import model as m
    from ...workbench import LedgerWorkbench

__all__ = ["ReviewReceipts"]

#: What the link from a review to its receipts is called.
RECEIPTS_NAME = "Receipts: C2SP tlog-proofs of this verdict and its evidence"


class ReviewReceipts:
    """The receipts of the reviews of one export: gathered with :meth:`add`, written by
    :meth:`write`."""

    def __init__(
        self,
        wb: LedgerWorkbench,
        directory: Union[str, os.PathLike[str]],
        checkpoint: Union[SignedCheckpoint, str, None],
        url: Optional[str],
        documents: bool = False,
    ) -> None:
        if checkpoint is None:
            raise InvalidInputError(
                "[claimledger.claimreview.receipts] receipts need a signed checkpoint of this "
                "desk (checkpoint=wb.sign_checkpoint(signer), or --checkpoint FILE)",
                "claimledger.claimreview.receipts",
            )
        if not isinstance(url, str) or not url.startswith(("https://", "http://")):
            raise InvalidInputError(
                "[claimledger.claimreview.receipts] receipts_url must be the absolute http(s) "
                "URL where the receipts directory will be published (each review links "
                f"<receipts_url>/<claim id>/receipts.json), not {url!r}",
                "claimledger.claimreview.receipts",
            )
        self.wb = wb
        self.directory = Path(directory)
        self.checkpoint = checkpoint_text(checkpoint)
        self.url = url.rstrip("/") + "/"
        self.documents = documents
        self.pending: list[tuple[str, list[Receipt], dict[str, Any]]] = []

    def add(self, claim: m.Claim, review: dict[str, Any]) -> None:
        """Makes the receipts of `claim`'s verdict and links them from `review` (the link's
        ``sha256`` is filled in when they are written)."""
        receipts = self.wb.receipt(claim.id, self.checkpoint)
        link = {
            "@type": "DataDownload",
            "name": RECEIPTS_NAME,
            "contentUrl": f"{self.url}{claim.id}/receipts.json",
            "encodingFormat": "application/json",
        }
        review["associatedMedia"] = [link]
        self.pending.append((claim.id, receipts, link))

    def write(self) -> list[Path]:
        """Writes every review's receipts (and, with `documents`, each evidence document's
        bytes as ``document-<seq>.bin``) and fills in the links' ``sha256``."""
        written: list[Path] = []
        for claim_id, receipts, link in self.pending:
            folder = self.directory / claim_id
            paths = write_receipts(receipts, folder, self.checkpoint)
            if self.documents:
                for receipt in receipts:
                    if receipt.snapshot is not None:
                        path = folder / f"document-{receipt.seq}.bin"
                        path.write_bytes(self.wb.snapshot_bytes(receipt.snapshot))
                        paths.append(path)
            manifest = folder / "receipts.json"
            link["sha256"] = hashlib.sha256(manifest.read_bytes()).hexdigest()
            written += paths
        return written
