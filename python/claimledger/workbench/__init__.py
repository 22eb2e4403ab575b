"""The workbench: a desk's ledger operations (adding sources, snapshots, claims, evidence,
verdicts and ratings; reading them back; search; history, verify and checkpoints; bundles
and merging; views of the past).

:class:`LedgerWorkbench` is the public ``claimledger.Workbench`` without its notebook and
interop methods, which ``claimledger.desk`` adds above. This layer imports the records,
the scales and the errors below it, and nothing above.
"""

from __future__ import annotations

from .arguments import CLAIM_RECORD_KEYS, SOURCE_RECORD_KEYS, CheckpointLike, IdLike
from .operations import NEAR_DUPLICATE, ClaimantSuggestion, LedgerWorkbench, NearDuplicateWarning

__all__ = [
    "LedgerWorkbench",
    "NearDuplicateWarning",
    "ClaimantSuggestion",
    "NEAR_DUPLICATE",
    "IdLike",
    "CheckpointLike",
    "CLAIM_RECORD_KEYS",
    "SOURCE_RECORD_KEYS",
]
