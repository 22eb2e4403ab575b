"""schema.org ClaimReview: a claim's current verdict as JSON-LD, and reviews read back in.

    import claimledger as cl
    with cl.open("desk.ledger") as wb:
        review = wb.export_claimreview(claim_id, organisation={"name": "The Desk"})
        result = wb.import_claimreview(text_of_a_feed, rating_map={"Pants on Fire!": "false"})

Export writes what search engines and fact-check aggregators read
(https://schema.org/ClaimReview): the review's ``url``, ``datePublished`` and ``author``
(the desk), ``claimReviewed`` (the claim's text), ``itemReviewed`` (a ``Claim`` with its
``author`` from the claimant, ``datePublished``, ``appearance`` and ``firstAppearance``
from the snapshots where it appears) and ``reviewRating`` (the ledger's scale written
through :func:`claimledger.scales.claimreview_rating`, ``alternateName`` always).

Import accepts one review, a list, or a ``{"@graph": [...]}``, as parsed JSON or as text
(JSON Lines too: review ``$[i]`` is then the i-th line that is not blank).
It checks the whole document first and writes nothing when any review is bad: the error
names the place as a JSON path (``$[2].reviewRating.alternateName``). Then it stores the
document itself as a snapshot (its exact text, or the canonical JSON of a parsed
document), adds the reviewing organisations and the claims' authors as sources and the
claims with their verdicts, each claim pointing at that snapshot in its ``provenance``.
Every source and claim gets a ``ref``, so importing the same document again adds nothing.

The ledger keeps no copy of a review's appearances other than that snapshot, so exporting
an imported claim reads its appearances back from the stored document.

The modules: ``jsonld`` (reading JSON-LD: paths, values, documents, people and
organisations), ``importing`` and ``exporting``.
"""

from __future__ import annotations

from .exporting import (
    CONTEXT,
    DEFAULT_ORGANISATION,
    export_claimreview,
    export_claimreviews,
    iter_json_lines,
)
from .importing import ImportResult, import_claimreview

__all__ = [
    "CONTEXT",
    "DEFAULT_ORGANISATION",
    "ImportResult",
    "export_claimreview",
    "export_claimreviews",
    "import_claimreview",
    "iter_json_lines",
]
