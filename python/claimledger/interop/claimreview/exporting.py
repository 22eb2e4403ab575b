"""Exporting claims as schema.org ClaimReview JSON-LD, valid as schema.org and as Google
asks for it (:mod:`.values` writes each value).

- A claim the desk rated: the review's url, date and author (the desk), the claim with its
  author and appearances, the rating written through
  :func:`claimledger.scales.claimreview_rating`, and the verdict's rationale as reviewBody.
- An imported claim whose verdict still is the imported one: the publisher's own review
  given back, read from the stored document (url, date, author and publisher, the claim with
  its url and appearances, the rating as published, reviewBody, a nested MediaReview), with
  every URL absolute and every date ISO 8601. What cannot be made valid is left out with a
  note. See :meth:`claimledger.Workbench.export_claimreview`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Callable, Optional, Union

from ... import model as m
from ...errors import InvalidInputError, NotFoundError
from ...scales import claimreview_rating
from .documents import find_reviews, index_ids, load_document
from .jsonld import (
    appearances_of,
    input_error,
    item_reviewed,
    json_path,
    party_at,
    party_json,
    resolve_reference,
    same_as_value,
    shortened,
    text_at,
)
from .receipts import ReviewReceipts
from .values import absolute_url, clean_node, iso_date, type_name

if TYPE_CHECKING:
    from ...workbench import LedgerWorkbench

__all__ = [
    "CONTEXT",
    "DEFAULT_ORGANISATION",
    "export_claimreview",
    "export_claimreviews",
    "iter_json_lines",
    "nothing_to_export",
]

CONTEXT = "https://schema.org"

#: The review ``author`` when no ``organisation`` is given.
DEFAULT_ORGANISATION = {"@type": "Organization", "name": "claimledger desk"}

ReviewUrl = Union[None, str, Callable[[m.Claim], Optional[str]]]

#: The properties of an appearance that are kept (all defined on CreativeWork).
_WORK_KEYS = [
    "@type",
    "url",
    "name",
    "headline",
    "datePublished",
    "author",
    "publisher",
    "description",
    "sameAs",
    "archivedAt",
    "inLanguage",
]
#: The properties of a published review given back besides those written field by field.
_REVIEW_KEYS = ("headline", "name", "inLanguage", "description")


class _Original:
    """The review a claim was imported from: the node, its document's @id index and the
    address relative URLs are resolved against."""

    def __init__(self, review: Mapping[str, Any], ids: Mapping[str, Any], base: Optional[str]):
        self.review = review
        self.ids = ids
        own = absolute_url(text_at(review, "url", "$"), base)
        self.base = own or base


class _Exporter:
    """Builds reviews for one ledger, remembering the sources, snapshots and imported
    documents it has read."""

    def __init__(
        self,
        wb: LedgerWorkbench,
        review_url: ReviewUrl,
        organisation: Any,
        notes: Optional[list[str]],
    ) -> None:
        self.wb = wb
        self.review_url = review_url
        self.author = _organisation(organisation)
        self.scale = wb.scale_definition
        self.sources: dict[str, m.Source] = {}
        self.snapshots: dict[str, m.Snapshot] = {}
        self.documents: dict[str, Optional[dict[str, Any]]] = {}
        self.notes = notes if notes is not None else []

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
        same_as = same_as_value(str(source.attributes.get("sameAs") or ""))
        job_title = source.attributes.get("jobTitle")
        party = party_json(
            source.kind, source.name, source.url, same_as, job_title if job_title else None
        )
        return clean_node(party, None, self.notes, f"source {source.id}", "Organization")

    def snapshot(self, snapshot_hash: str) -> m.Snapshot:
        if snapshot_hash not in self.snapshots:
            self.snapshots[snapshot_hash] = self.wb.snapshot(snapshot_hash)
        return self.snapshots[snapshot_hash]

    def original(self, claim: m.Claim) -> Optional[_Original]:
        """The review a claim was imported from, or None."""
        provenance = claim.provenance or {}
        snapshot_hash, path = provenance.get("claimreview"), provenance.get("path")
        if not isinstance(snapshot_hash, str) or not isinstance(path, str):
            return None
        if snapshot_hash not in self.documents:
            try:
                document = load_document(self.wb.snapshot_bytes(snapshot_hash), "skip")
                reviews, _ = find_reviews(document.parsed)
                self.documents[snapshot_hash] = {
                    "reviews": dict(reviews),
                    "ids": index_ids(document.parsed),
                    "base": absolute_url(self.snapshot(snapshot_hash).url),
                }
            except (InvalidInputError, NotFoundError):
                self.documents[snapshot_hash] = None
        document = self.documents[snapshot_hash]
        if document is None or path not in document["reviews"]:
            return None
        return _Original(document["reviews"][path], document["ids"], document["base"])

    def works(self, original: _Original) -> list[dict[str, Any]]:
        """The appearances of the original review's claim, cleaned."""
        item, item_path = item_reviewed(original.review, "$", original.ids, [])
        if item is None:
            return []
        works = []
        for where, work in appearances_of(item, item_path, original.ids):
            kept = {
                k: resolve_reference(v, original.ids) for k, v in work.items() if k in _WORK_KEYS
            }
            kept["@type"] = type_name(work.get("@type"), "CreativeWork")
            if kept["@type"] in ("Claim", "ClaimReview"):
                kept["@type"] = "CreativeWork"
            cleaned = clean_node(kept, original.base, self.notes, where, "CreativeWork")
            for key in ("author", "publisher"):
                party = self.given_party(work.get(key), original.ids, original.base,
                                         json_path(where, key))  # fmt: skip
                if party:
                    cleaned[key] = party
            if len(cleaned) > 1 and cleaned not in works:
                works.append(cleaned)
        return works

    def snapshot_works(self, claim: m.Claim) -> list[dict[str, Any]]:
        """The snapshots the desk quoted the claim from, as CreativeWorks."""
        works: list[dict[str, Any]] = []
        for quote in claim.appearances:
            snapshot = self.snapshot(quote.snapshot)
            work: dict[str, Any] = {"@type": "CreativeWork"}
            url = absolute_url(snapshot.url)
            if url:
                work["url"] = url
            if snapshot.title:
                work["headline"] = snapshot.title
            if snapshot.published and iso_date(snapshot.published):
                work["datePublished"] = iso_date(snapshot.published)
            publisher = self.party(snapshot.publisher)
            if publisher:
                work["author"] = publisher
            work["identifier"] = snapshot.hash
            if work not in works:
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
        if original is not None and self.wb.verdicts(claim.id)[0].seq == verdict.seq:
            return self.published(claim, original)
        item: dict[str, Any] = {"@type": "Claim"}
        author = self.party(claim.claimant)
        if author:
            item["author"] = author
        if claim.date and iso_date(claim.date):
            item["datePublished"] = iso_date(claim.date)
        works = self.snapshot_works(claim)
        if original is not None:
            urls = {w.get("url") for w in works}
            works += [w for w in self.works(original) if w.get("url") not in urls]
        _add_appearances(item, works)
        review: dict[str, Any] = {
            "@context": CONTEXT,
            "@type": "ClaimReview",
            "url": self.url(claim),
            "datePublished": verdict.at[:10],
            "author": dict(self.author),
            "claimReviewed": claim.text,
            "itemReviewed": item,
            "reviewRating": claimreview_rating(self.scale, verdict.rating),
            "reviewBody": verdict.rationale,
        }
        if "ratingValue" not in review["reviewRating"]:  # off the truth axis: a word only,
            for key in ("bestRating", "worstRating"):  # as Google wants no half a number
                review["reviewRating"].pop(key, None)
        return review

    def published(self, claim: m.Claim, original: _Original) -> dict[str, Any]:
        """The publisher's review of an imported claim, given back valid."""
        source, ids, base = original.review, original.ids, original.base
        where = f"{claim.id} {(claim.provenance or {}).get('path', '$')}"
        out: dict[str, Any] = {"@context": CONTEXT, "@type": "ClaimReview"}
        url = absolute_url(text_at(source, "url", "$"), base)
        out["url"] = url or self.url(claim)
        if url is None:
            self.notes.append(f"{where}.url: no absolute URL; the desk's review URL was written")
        date = iso_date(text_at(source, "datePublished", "$"))
        if date:
            out["datePublished"] = date
        for key in ("author", "publisher"):
            party = self.given_party(source.get(key), ids, base, json_path(where, key))
            if party:
                out[key] = party
        out["claimReviewed"] = claim.text
        item = self.given_item(claim, original, where)
        if item:
            out["itemReviewed"] = item
        out["reviewRating"] = self.given_rating(claim, source, ids, base, where)
        body = text_at(source, "reviewBody", "$") or text_at(source, "text", "$")
        if body:
            out["reviewBody"] = body
        for key in _REVIEW_KEYS:
            value = text_at(source, key, "$")
            if value:
                out[key] = value
        media = resolve_reference(source.get("associatedMediaReview"), ids)
        if media not in (None, "", [], {}):
            out["associatedMediaReview"] = clean_node(
                media, base, self.notes, json_path(where, "associatedMediaReview"), "MediaReview"
            )
        return out

    def given_party(
        self, value: Any, ids: Mapping[str, Any], base: Optional[str], where: str
    ) -> Optional[dict[str, Any]]:
        party = party_at(value, where, "org", ids, [])
        if party is None:
            return None
        node = resolve_reference(value[0] if isinstance(value, list) and value else value, ids)
        out = party.json_ld()
        if isinstance(node, Mapping) and "sameAs" in node:
            out["sameAs"] = node["sameAs"]  # as given: one text or a list
        return clean_node(out, base, self.notes, where, "Organization")

    def given_item(self, claim: m.Claim, original: _Original, where: str) -> dict[str, Any]:
        item, item_path = item_reviewed(original.review, "$", original.ids, [])
        out: dict[str, Any] = {"@type": "Claim"}
        if item is not None:
            author = self.given_party(item.get("author"), original.ids, original.base,
                                      f"{where}.itemReviewed.author")  # fmt: skip
            if author:
                out["author"] = author
            if type_name(item.get("@type"), "") == "Claim":
                url = absolute_url(text_at(item, "url", item_path), original.base)
                if url:
                    out["url"] = url
                name = text_at(item, "name", item_path)
                if name:
                    out["name"] = name
            date = iso_date(text_at(item, "datePublished", item_path))
            if date:
                out["datePublished"] = date
        if "author" not in out and claim.claimant:
            author = self.party(claim.claimant)
            if author:
                out["author"] = author
        _add_appearances(out, self.works(original))
        return out

    def given_rating(
        self,
        claim: m.Claim,
        source: Mapping[str, Any],
        ids: Mapping[str, Any],
        base: Optional[str],
        where: str,
    ) -> dict[str, Any]:
        rating = resolve_reference(source.get("reviewRating"), ids)
        if isinstance(rating, list):
            rating = resolve_reference(rating[0], ids) if rating else None
        rating = rating if isinstance(rating, Mapping) else {}
        provenance = claim.provenance or {}
        out: dict[str, Any] = {"@type": "Rating"}
        numbers = [_number(rating.get(k)) for k in ("ratingValue", "bestRating", "worstRating")]
        value, best, worst = numbers
        if value is not None and best is not None and worst is not None:
            if 1 <= worst < best and worst <= value <= best:
                out.update(ratingValue=value, bestRating=best, worstRating=worst)
            else:
                self.notes.append(
                    f"{where}.reviewRating: ratingValue {value} of {worst}..{best} is not a "
                    "valid rating (worstRating at least 1, below bestRating); left out"
                )
        name = provenance.get("rating_name") or text_at(rating, "alternateName", "$")
        out["alternateName"] = name or claim.verdict.rating  # type: ignore[union-attr]
        image = rating.get("image")
        if isinstance(image, (str, Mapping)):
            url = absolute_url(image if isinstance(image, str) else image.get("url"), base)
            if url:
                out["image"] = url
        return out


def _number(value: Any) -> Optional[Union[int, float]]:
    if isinstance(value, bool) or value in (None, ""):
        return None
    if isinstance(value, (int, float)):
        return value
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return int(number) if number == int(number) else number


def _add_appearances(item: dict[str, Any], works: list[dict[str, Any]]) -> None:
    if not works:
        return
    item["appearance"] = works
    dated = [w for w in works if w.get("datePublished")]
    item["firstAppearance"] = min(dated, key=lambda w: w["datePublished"]) if dated else works[0]


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
    notes: Optional[list[str]] = None,
    include_retracted: bool = False,
    **receipts: Any,
) -> dict[str, Any]:
    """One claim's current verdict as ClaimReview; see :meth:`Workbench.export_claimreview`."""
    claim = wb.claim(claim_id)
    if claim.status == "retracted" and not include_retracted:
        raise InvalidInputError(
            f"[claimledger.claimreview.retracted] claim {claim.id} is retracted, and exports "
            "leave retracted claims out; pass include_retracted=True to export it all the same",
            "claimledger.claimreview.retracted",
        )
    return _export(wb, [claim], review_url, organisation, notes, receipts)[0]


def export_claimreviews(
    wb: LedgerWorkbench,
    status: Optional[str] = "published",
    *,
    review_url: ReviewUrl = None,
    organisation: Any = None,
    notes: Optional[list[str]] = None,
    include_retracted: bool = False,
    **receipts: Any,
) -> list[dict[str, Any]]:
    """Every claim with a verdict (and `status`) as ClaimReview, oldest first; retracted
    claims only with `include_retracted` (or ``status="retracted"``)."""
    claims = [
        c
        for c in wb.claims(status=status)
        if c.verdict is not None
        and (c.status != "retracted" or include_retracted or status == "retracted")
    ]
    return _export(wb, claims, review_url, organisation, notes, receipts)


#: The export's options for receipts beside the reviews (receipts.py).
RECEIPT_OPTIONS = ("receipts", "checkpoint", "receipts_url", "documents")


def _export(
    wb: LedgerWorkbench,
    claims: list[m.Claim],
    review_url: ReviewUrl,
    organisation: Any,
    notes: Optional[list[str]],
    options: dict[str, Any],
) -> list[dict[str, Any]]:
    unknown = sorted(set(options) - set(RECEIPT_OPTIONS))
    if unknown:
        raise TypeError(
            f"unknown ClaimReview export option(s) {', '.join(unknown)}; accepted: review_url, "
            f"organisation, notes, {', '.join(RECEIPT_OPTIONS)}"
        )
    exporter = _Exporter(wb, review_url, organisation, notes)
    directory = options.get("receipts")
    receipts = None
    if directory is None and options:
        raise InvalidInputError(
            f"[claimledger.claimreview.receipts] {', '.join(sorted(options))} go with "
            "receipts=DIR (the directory to write the receipts in)",
            "claimledger.claimreview.receipts",
        )
    if directory is not None:
        receipts = ReviewReceipts(
            wb,
            directory,
            options.get("checkpoint"),
            options.get("receipts_url"),
            bool(options.get("documents", False)),
        )
    reviews = []
    for claim in claims:
        review = exporter.review(claim)
        if receipts is not None:
            receipts.add(claim, review)
        reviews.append(review)
    if receipts is not None:
        receipts.write()
    return reviews


def nothing_to_export(wb: LedgerWorkbench, status: Optional[str]) -> str:
    """Why no claim would be exported with `status`, and which statuses would give what."""
    counts: dict[str, int] = {}
    for claim in wb.claims():
        if claim.verdict is not None:
            counts[claim.status] = counts.get(claim.status, 0) + 1
    if not counts:
        return "no claim has a verdict; only claims with a verdict are exported"
    other = ", ".join(f"--status {s} would write {n}" for s, n in counts.items())
    imported = (
        " (published-elsewhere: claims imported from other publishers' ClaimReviews)"
        if "published-elsewhere" in counts
        else ""
    )
    return (
        f"no claim with a verdict has status {status!r}; {other}, --status all "
        f"{sum(counts.values())}{imported}"
    )


def iter_json_lines(reviews: list[dict[str, Any]]) -> Iterator[str]:
    """Each review as one line of JSON (JSON Lines), without the line break."""
    for review in reviews:
        yield json.dumps(review, ensure_ascii=False, separators=(",", ":"))
