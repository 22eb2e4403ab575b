"""The workbench's interop methods: a claim's verdict as schema.org ClaimReview, and
reviews read back in (:mod:`.claimreview`).

:class:`InteropMethods` is mixed into the public ``claimledger.Workbench`` (in
:mod:`claimledger.desk`). Bundles and merging are ledger operations of the workbench
itself; the dataset loaders (:mod:`.datasets`) are functions that take a workbench.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from ..workbench import IdLike
from .claimreview import ImportResult, export_claimreview, export_claimreviews, import_claimreview

__all__ = ["InteropMethods"]


class InteropMethods:
    """schema.org ClaimReview out of and into a desk."""

    def export_claimreview(self, claim_id: IdLike, **options: Any) -> dict:
        """The claim's current verdict as a schema.org ClaimReview JSON-LD object.

        Options: ``organisation`` (the desk publishing the review, ``{"name", "url"}`` or
        a name; default "claimledger desk") and ``review_url`` (a URL, where ``{claim}``
        stands for the claim id, or a function of the claim; default
        ``urn:claimledger:<identity>:<claim id>``). A claim without a verdict raises
        :class:`InvalidInputError` ``[claimledger.claimreview.no_verdict]``."""
        return export_claimreview(self, claim_id, **options)

    def export_claimreviews(self, status: Optional[str] = "published", **options: Any) -> list:
        """:meth:`export_claimreview` for every claim with a verdict and `status` (None:
        any status), oldest first; the same options."""
        return export_claimreviews(self, status, **options)

    def import_claimreview(
        self, doc_or_list: Any, rating_map: Optional[Mapping[str, str]] = None, **options: Any
    ) -> ImportResult:
        """Imports schema.org ClaimReviews: one object, a list or ``{"@graph": [...]}``,
        parsed or as JSON text. Textual ratings (``alternateName``) are read through
        `rating_map` (alternateName -> a rating of this ledger's scale, any case) or as a
        label of the scale; numeric ones through ``worstRating``..``bestRating`` onto the
        nearest truth score. The document is stored as a snapshot, the provenance of
        every claim; importing it again adds nothing. Bad input raises
        :class:`InvalidInputError` naming the JSON path and writes nothing. Returns a
        :class:`claimledger.interop.claimreview.ImportResult`."""
        return import_claimreview(self, doc_or_list, rating_map=rating_map, **options)
