"""Exporting a claim's current verdict as schema.org ClaimReview JSON-LD: the review's
url, date and author (the desk), the claim with its author and appearances, the rating
written through :func:`claimledger.scales.claimreview_rating`, and for an imported claim
whose verdict still is the imported one, the review it is based on. See
:meth:`claimledger.Workbench.export_claimreview`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Callable, Optional, Union

from ... import model as m
from ...errors import InvalidInputError, NotFoundError
from ...scales import claimreview_rating
from .jsonld import (
    appearances_of,
    date_at,
    input_error,
    item_reviewed,
    load_document,
    party_at,
    party_json,
    reviews_in,
    shortened,
    text_at,
)

if TYPE_CHECKING:
    from ...workbench import LedgerWorkbench

__all__ = [
    "CONTEXT",
    "DEFAULT_ORGANISATION",
    "export_claimreview",
    "export_claimreviews",
    "iter_json_lines",
]

CONTEXT = "https://schema.org"

#: The review ``author`` when no ``organisation`` is given.
DEFAULT_ORGANISATION = {"@type": "Organization", "name": "claimledger desk"}

ReviewUrl = Union[None, str, Callable[[m.Claim], Optional[str]]]


class _Exporter:
    """Builds reviews for one ledger, remembering the sources, snapshots and imported
    documents it has read."""

    def __init__(self, wb: LedgerWorkbench, review_url: ReviewUrl, organisation: Any) -> None:
        self.wb = wb
        self.review_url = review_url
        self.author = _organisation(organisation)
        self.scale = wb.scale_definition
        self.sources: dict[str, m.Source] = {}
        self.snapshots: dict[str, m.Snapshot] = {}
        self.documents: dict[str, Optional[dict[str, Any]]] = {}

    def source(self, source_id: str) -> Optional[m.Source]:
        if source_id not in self.sources:
            try:
                self.sources[source_id] = self.wb.source(source_id)
            except NotFoundError:
                return None
        return self.sources[source_id]

    def party(self, source_id: Optional[str]) -> Optional[dict[str, Any]]:
        source = self.source(source_id) if source_id else None
        if source is None:
            return None
        same_as = str(source.attributes.get("sameAs") or "").split()
        job_title = source.attributes.get("jobTitle")
        return party_json(
            source.kind, source.name, source.url, same_as, job_title if job_title else None
        )

    def snapshot(self, snapshot_hash: str) -> m.Snapshot:
        if snapshot_hash not in self.snapshots:
            self.snapshots[snapshot_hash] = self.wb.snapshot(snapshot_hash)
        return self.snapshots[snapshot_hash]

    def original(self, claim: m.Claim) -> Optional[tuple[Mapping[str, Any], dict[str, Any]]]:
        """The review a claim was imported from and its document's @id index, or None."""
        provenance = claim.provenance or {}
        snapshot_hash, path = provenance.get("claimreview"), provenance.get("path")
        if not isinstance(snapshot_hash, str) or not isinstance(path, str):
            return None
        if snapshot_hash not in self.documents:
            try:
                doc, _ = load_document(self.wb.snapshot_bytes(snapshot_hash))
                reviews, _, ids = reviews_in(doc)
                self.documents[snapshot_hash] = {"reviews": dict(reviews), "ids": ids}
            except (InvalidInputError, NotFoundError):
                self.documents[snapshot_hash] = None
        document = self.documents[snapshot_hash]
        if document is None or path not in document["reviews"]:
            return None
        return document["reviews"][path], document["ids"]

    def appearances(self, claim: m.Claim, original: Any) -> list[dict[str, Any]]:
        works: list[dict[str, Any]] = []
        for quote in claim.appearances:
            snapshot = self.snapshot(quote.snapshot)
            work: dict[str, Any] = {"@type": "CreativeWork"}
            if snapshot.url:
                work["url"] = snapshot.url
            if snapshot.title:
                work["headline"] = snapshot.title
            if snapshot.published:
                work["datePublished"] = snapshot.published
            publisher = self.party(snapshot.publisher)
            if publisher:
                work["author"] = publisher
            work["identifier"] = snapshot.hash
            if work not in works:
                works.append(work)
        if original is not None:
            review, ids = original
            item, item_path = item_reviewed(review, "$", ids, [])
            if item is not None:
                urls = {w.get("url") for w in works if w.get("url")}
                for work in appearances_of(item, item_path, ids):
                    if work.get("url") not in urls and work not in works:
                        works.append(work)
        return works

    def url(self, claim: m.Claim) -> str:
        url = self.review_url
        if callable(url):
            url = url(claim)
        if isinstance(url, str) and url.strip():
            return url.replace("{claim}", claim.id)
        if url is not None and not isinstance(url, str):
            raise input_error(
                "review_url",
                "review_url must be a URL (may hold {claim} for the claim id) or a function "
                f"of the claim, not {type(url).__name__}",
            )
        return f"urn:claimledger:{self.wb.identity}:{claim.id}"

    def review(self, claim: m.Claim) -> dict[str, Any]:
        verdict = claim.verdict
        if verdict is None:
            raise input_error(
                "no_verdict",
                f"claim {claim.id} ({shortened(claim.text, 60)!r}) has no verdict; only claims "
                "with a verdict can be exported as ClaimReview (record one with set_verdict)",
            )
        original = self.original(claim)
        item: dict[str, Any] = {"@type": "Claim"}
        author = self.party(claim.claimant)
        if author:
            item["author"] = author
        if claim.date:
            item["datePublished"] = claim.date
        works = self.appearances(claim, original)
        if works:
            item["appearance"] = works
            dated = [w for w in works if w.get("datePublished")]
            item["firstAppearance"] = (
                min(dated, key=lambda w: w["datePublished"]) if dated else works[0]
            )
        review: dict[str, Any] = {
            "@context": CONTEXT,
            "@type": "ClaimReview",
            "url": self.url(claim),
            "datePublished": verdict.at[:10],
            "author": dict(self.author),
            "claimReviewed": claim.text,
            "itemReviewed": item,
            "reviewRating": claimreview_rating(self.scale, verdict.rating),
        }
        based_on = self.based_on(claim, original)
        if based_on:
            review["isBasedOn"] = based_on
        return review

    def based_on(self, claim: m.Claim, original: Any) -> Optional[dict[str, Any]]:
        """The review a claim's current verdict was imported from, when it still is."""
        if original is None or claim.verdict is None:
            return None
        first = self.wb.verdicts(claim.id)[0]
        if first.seq != claim.verdict.seq:
            return None  # the desk has given its own verdict since
        review, ids = original
        based: dict[str, Any] = {"@type": "ClaimReview"}
        url = text_at(review, "url", "$")
        if url:
            based["url"] = url
        date = date_at(review, "datePublished", "$", [])
        if date:
            based["datePublished"] = date
        org = party_at(review.get("author") or review.get("publisher"), "$", "org", ids, [])
        if org:
            based["author"] = org.json_ld()
        return based


def _organisation(organisation: Any) -> dict[str, Any]:
    if organisation is None:
        return dict(DEFAULT_ORGANISATION)
    if isinstance(organisation, str) and organisation.strip():
        return {"@type": "Organization", "name": organisation.strip()}
    if isinstance(organisation, Mapping) and isinstance(organisation.get("name"), str):
        out = {"@type": "Organization"}
        out.update({k: v for k, v in organisation.items() if v is not None and k != "@type"})
        return out
    raise input_error(
        "organisation",
        'organisation is the desk that publishes the reviews: {"name": ..., "url": ...} or '
        f"a name, not {organisation!r}",
    )


def export_claimreview(
    wb: LedgerWorkbench,
    claim_id: Any,
    *,
    review_url: ReviewUrl = None,
    organisation: Any = None,
) -> dict[str, Any]:
    """One claim's current verdict as ClaimReview; see :meth:`Workbench.export_claimreview`."""
    exporter = _Exporter(wb, review_url, organisation)
    return exporter.review(wb.claim(claim_id))


def export_claimreviews(
    wb: LedgerWorkbench,
    status: Optional[str] = "published",
    *,
    review_url: ReviewUrl = None,
    organisation: Any = None,
) -> list[dict[str, Any]]:
    """Every claim with a verdict (and `status`) as ClaimReview, oldest first."""
    exporter = _Exporter(wb, review_url, organisation)
    return [exporter.review(c) for c in wb.claims(status=status) if c.verdict is not None]


def iter_json_lines(reviews: list[dict[str, Any]]) -> Iterator[str]:
    """Each review as one line of JSON (JSON Lines), without the line break."""
    for review in reviews:
        yield json.dumps(review, ensure_ascii=False, separators=(",", ":"))
