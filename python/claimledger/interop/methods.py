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
        """The claim as a schema.org ClaimReview JSON-LD object: the desk's current verdict
        as the desk's review or, for an imported claim whose verdict is still the imported
        one, its publisher's review given back. Every URL is absolute and every date ISO
        8601; what cannot be made valid is left out, with a note in `notes` (a list) when
        one is given.

        Options: ``organisation`` (the desk publishing the review, ``{"name", "url"}`` or
        a name; default "claimledger desk"), ``review_url`` (a URL, where ``{claim}``
        stands for the claim id, or a function of the claim; default
        ``urn:claimledger:<identity>:<claim id>``) and ``notes``. A claim without a
        verdict raises :class:`InvalidInputError` ``[claimledger.claimreview.no_verdict]``,
        and so does a retracted claim (``[claimledger.claimreview.retracted]``) unless
        ``include_retracted=True``.

        Receipts beside the review: ``receipts`` (a directory), ``checkpoint`` (a signed
        checkpoint of this desk that holds the verdict) and ``receipts_url`` (where that
        directory will be published) write the verdict's receipts into
        ``<receipts>/<claim id>/`` and link them from the review as ``associatedMedia`` (a
        ``DataDownload`` of ``receipts.json`` with its ``sha256``); ``documents=True`` also
        writes each evidence document's bytes. Nothing is written when a receipt cannot be
        made (a verdict newer than the checkpoint)."""
        return export_claimreview(self, claim_id, **options)

    def export_claimreviews(self, status: Optional[str] = "published", **options: Any) -> list:
        """:meth:`export_claimreview` for every claim with a verdict and `status` (None:
        any status; ``"published-elsewhere"``: the imported ones), oldest first; the same
        options. Retracted claims are left out unless ``include_retracted=True``."""
        return export_claimreviews(self, status, **options)

    def import_claimreview(
        self, doc_or_list: Any, rating_map: Optional[Mapping[str, str]] = None, **options: Any
    ) -> ImportResult:
        """Imports schema.org ClaimReviews as fact-checkers publish them: one object, a
        list, a ``@graph``, a ``DataFeed`` (Fact Check Markup Tool, Data Commons), JSON
        Lines or a web page's JSON-LD blocks; parsed, as text or bytes, or a file
        (``pathlib.Path``, streamed when larger than 32 MiB; or an open binary file with
        ``stream=True``).

        A textual rating is read by its words: `rating_map` (textual rating -> a rating of
        this ledger's scale, any case), the scale's own labels, then claimledger's table of
        common ratings in eight languages (``rating_table=False`` leaves it out). A
        ``ratingValue`` is read only when no word is given, or for an unknown word with
        ``numeric_fallback=True``; when it disagrees with the word, the word wins and
        ``result.disagreements`` says so. Every review is checked first: by default one bad
        review refuses the document, writing nothing, with an
        :class:`InvalidInputError` naming every problem (every unknown textual rating with
        its count and the rating_map entry that fixes it); ``errors="skip"`` imports the
        others and lists the bad ones in ``result.skipped`` with their JSON paths. Other
        options: ``url`` (the page or feed's address: relative URLs resolve against it)
        and ``batch_size`` (reviews per transaction of a streamed file).

        The document is stored as a snapshot, the provenance of every claim (with the
        review's URL, date, reviewer and the rating as published); the claims get their
        publisher's verdict and the status ``published-elsewhere``; importing the same
        reviews again adds nothing. Returns a
        :class:`claimledger.interop.claimreview.ImportResult`."""
        return import_claimreview(self, doc_or_list, rating_map=rating_map, **options)
