"""claimledger: a fact-check workbench kept as an append-only, hash-chained ledger.

    import claimledger as cl
    with cl.open("desk.ledger", actor="alice") as wb:
        src = wb.add_source("Reuters", kind="outlet", url="https://www.reuters.com")
        ...
        assert wb.verify().ok

See the README for the hashing rule and what verify() proves, and docs/ARCHITECTURE.md for
how the package is laid out: this module re-exports the public names; only the command
line (:mod:`claimledger.cli`) sits above it.
"""

from __future__ import annotations

from importlib import metadata as _metadata

from . import _core, scales
from .desk import Workbench, open
from .errors import (
    AnchorError,
    Error,
    IntegrityError,
    Interrupted,
    InvalidInputError,
    NotFoundError,
    ReadOnlyError,
    StorageError,
)
from .model import (
    Candidate,
    Checkpoint,
    Claim,
    Event,
    Evidence,
    MergeConflict,
    MergeReport,
    Problem,
    Quantity,
    QuantityComparison,
    Quote,
    RatingMapping,
    ReanchoredQuote,
    ReanchorReport,
    ReviewNeeded,
    SearchHit,
    SimilarHit,
    Snapshot,
    SnapshotHit,
    Source,
    SourceRating,
    TrackRecord,
    Verdict,
    VerifyReport,
    YearScore,
)
from .model import (
    quantity_from_core as _quantity_from_core,
)
from .scales import claimreview_rating, map_scale, truth_score
from .transparency import (
    Receipt,
    ReceiptStatus,
    RecordedCheckpoint,
    SignedCheckpoint,
    SignerKey,
    VerifiedReceipt,
    generate_key,
    verify_checkpoint,
    verify_receipt,
    write_receipts,
)
from .vocabulary import CHECK_WORTHY_SCORE
from .workbench import NEAR_DUPLICATE, ClaimantSuggestion, NearDuplicateWarning

try:
    __version__ = _metadata.version("claimledger")
except _metadata.PackageNotFoundError:  # running from a source tree without install
    __version__ = "0+unknown"


def parse_quantities(text: str) -> list[Quantity]:
    """The quantities in `text`: "approximately 28,500 troops" -> value 28500.0,
    unit "troops", qualifier "approximately". Pure; needs no ledger."""
    return [_quantity_from_core(q) for q in _core.parse_quantities(text)]


__all__ = [
    "open",
    "Workbench",
    "parse_quantities",
    "scales",
    "truth_score",
    "map_scale",
    "claimreview_rating",
    "generate_key",
    "verify_checkpoint",
    "verify_receipt",
    "write_receipts",
    "Error",
    "NotFoundError",
    "InvalidInputError",
    "AnchorError",
    "IntegrityError",
    "StorageError",
    "ReadOnlyError",
    "Interrupted",
    "Checkpoint",
    "SignedCheckpoint",
    "SignerKey",
    "Receipt",
    "ReceiptStatus",
    "RecordedCheckpoint",
    "VerifiedReceipt",
    "Claim",
    "Event",
    "Evidence",
    "Problem",
    "Quantity",
    "QuantityComparison",
    "Quote",
    "Snapshot",
    "SnapshotHit",
    "Source",
    "SourceRating",
    "Verdict",
    "VerifyReport",
    "TrackRecord",
    "YearScore",
    "RatingMapping",
    "MergeConflict",
    "MergeReport",
    "SearchHit",
    "SimilarHit",
    "Candidate",
    "ReanchorReport",
    "ReanchoredQuote",
    "ReviewNeeded",
    "NearDuplicateWarning",
    "ClaimantSuggestion",
    "CHECK_WORTHY_SCORE",
    "NEAR_DUPLICATE",
    "__version__",
]
