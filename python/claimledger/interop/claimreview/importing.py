"""Importing schema.org ClaimReviews: every review of a document checked first (its
rating read onto the ledger's scale), then the document stored as a snapshot, the
reviewers and the claims' authors added as sources and the claims with their verdicts.
See :meth:`claimledger.Workbench.import_claimreview`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Optional

from ...scales import scale_ratings
from .jsonld import (
    Party,
    appearances_of,
    date_at,
    input_error,
    item_reviewed,
    json_path,
    load_document,
    party_at,
    resolve_reference,
    reviews_in,
    shortened,
    text_at,
)

if TYPE_CHECKING:
    from ...workbench import LedgerWorkbench

__all__ = ["ImportResult", "import_claimreview"]

_NUMBER = re.compile(r"\s*[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*")
_LABEL_SPACE = re.compile(r"[\s_]+")
_SCHEMA_DEFAULT_BEST = 5  # schema.org: bestRating defaults to 5, worstRating to 1
_SCHEMA_DEFAULT_WORST = 1


# --- ratings ---------------------------------------------------------------------------------


class _Scale:
    """The ledger's scale as import needs it: labels, truth scores, the user's mapping."""

    def __init__(self, wb: LedgerWorkbench, rating_map: Optional[Mapping[str, str]]) -> None:
        definition = wb.scale_definition  # a custom scale has no built-in name
        ratings = scale_ratings(definition)
        self.name = definition["name"]
        self.labels = [r["label"] for r in ratings]
        self.by_label = {_label_key(label): label for label in self.labels}
        self.truth = [
            (r["label"], r["truth_score"]) for r in ratings if r["truth_score"] is not None
        ]
        self.map: dict[str, str] = {}
        if rating_map is None:
            return
        if not isinstance(rating_map, Mapping):
            raise input_error(
                "rating_map",
                "rating_map must map each alternateName to a rating of the ledger's scale "
                f"({', '.join(self.labels)}), not {type(rating_map).__name__}",
            )
        for key, label in rating_map.items():
            if not isinstance(key, str) or label not in self.labels:
                raise input_error(
                    "rating_map",
                    f"rating_map[{key!r}] = {label!r}: each alternateName (text) must map to a "
                    f"rating of scale {self.name!r}: {', '.join(self.labels)}",
                )
            self.map[key.strip().casefold()] = label

    def nearest(self, score: float) -> tuple[str, float]:
        """The truth rating whose truth score is nearest `score` (the truer one on a tie)."""
        return min(self.truth, key=lambda item: abs(item[1] - score))


def _label_key(label: str) -> str:
    return _LABEL_SPACE.sub("-", label.strip().casefold())


def _number(value: Any) -> Optional[float]:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        return float(value)
    return None


@dataclass(frozen=True)
class _Rating:
    label: str
    how: str  # for the verdict's rationale


def _rating(
    review: Mapping[str, Any], path: str, scale: _Scale, ids: Mapping[str, Any], notes: list[str]
) -> _Rating:
    where = json_path(path, "reviewRating")
    rating = resolve_reference(review.get("reviewRating"), ids)
    if isinstance(rating, list):
        if len(rating) > 1:
            notes.append(f"{where}: {len(rating)} ratings given; the first is used")
        where = json_path(where, 0)
        rating = resolve_reference(rating[0], ids) if rating else None
    if not isinstance(rating, Mapping):
        raise input_error(
            "rating",
            f"{where} is missing; a ClaimReview needs a reviewRating with an alternateName "
            "(a textual rating) or a ratingValue with bestRating and worstRating",
        )
    shown = text_at(rating, "alternateName", where)
    if shown is not None:
        mapped = scale.map.get(shown.casefold())
        if mapped is not None:
            return _Rating(mapped, f"{shown!r} read as {mapped!r} through the rating map")
        label = scale.by_label.get(_label_key(shown))
        if label is not None:
            return _Rating(label, f"{shown!r}")
    value_path = json_path(where, "ratingValue")
    value = _number(rating.get("ratingValue"))
    if value is None:
        if shown is not None:
            raise input_error(
                "rating",
                f"{json_path(where, 'alternateName')}: {shown!r} is not a rating of scale "
                f"{scale.name!r} ({', '.join(scale.labels)}), no rating_map entry maps it and "
                "there is no numeric ratingValue to map instead; pass rating_map="
                f"{{{shown!r}: <one of those ratings>}}",
            )
        if rating.get("ratingValue") is not None:
            raise input_error(
                "rating",
                f"{value_path}: {rating.get('ratingValue')!r} is not a number and there is no "
                "alternateName; give a number between worstRating and bestRating",
            )
        raise input_error(
            "rating",
            f"{where} has neither an alternateName nor a ratingValue; give either",
        )
    best = _number(rating.get("bestRating"))
    worst = _number(rating.get("worstRating"))
    if best is None:
        best = float(_SCHEMA_DEFAULT_BEST)
        notes.append(f"{json_path(where, 'bestRating')}: not given; schema.org's default 5 assumed")
    if worst is None:
        worst = float(_SCHEMA_DEFAULT_WORST)
        notes.append(
            f"{json_path(where, 'worstRating')}: not given; schema.org's default 1 assumed"
        )
    if not worst < best or not worst <= value <= best:
        raise input_error(
            "rating",
            f"{value_path}: {_shown_number(value)} is not within worstRating "
            f"{_shown_number(worst)} and bestRating {_shown_number(best)} (which must be "
            "larger); fix the numbers or give an alternateName",
        )
    if not scale.truth:
        raise input_error(
            "rating",
            f"{value_path}: scale {scale.name!r} has no ratings on the true-to-false axis to "
            "map a number onto; give an alternateName and a rating_map",
        )
    score = (value - worst) / (best - worst)
    label, label_score = scale.nearest(score)
    numeric = f"{_shown_number(value)} of {_shown_number(worst)}..{_shown_number(best)}"
    how = f"ratingValue {numeric} (truth score {score:.2f})"
    if shown is not None:
        notes.append(
            f"{json_path(where, 'alternateName')}: {shown!r} is not a rating of scale "
            f"{scale.name!r}; the ratingValue was used"
        )
        how = f"{shown!r}, {how}"
    if abs(label_score - score) > 1e-9:
        notes.append(
            f"{value_path}: {numeric} (truth score {score:.2f}) has no equal on scale "
            f"{scale.name!r}; the nearest rating {label!r} ({label_score:.2f}) was taken, "
            "which loses information"
        )
        how += f", nearest rating {label!r} ({label_score:.2f})"
    return _Rating(label, how)


def _shown_number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


# --- import ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    """What :func:`import_claimreview` did.

    ``claims`` holds one claim id per review, in document order; ``added`` those new to
    the ledger, ``existing`` those imported before (nothing was changed for them).
    ``snapshot`` is the hash of the stored document, the provenance of every claim.
    ``notes`` says what was guessed, ignored or mapped with loss of information, each
    naming its JSON path.
    """

    snapshot: str
    claims: tuple[str, ...]
    added: tuple[str, ...]
    existing: tuple[str, ...]
    sources: tuple[str, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class _Plan:
    """One review, checked and ready to write."""

    path: str
    text: str
    url: Optional[str]
    date: Optional[str]
    org: Optional[Party]
    author: Optional[Party]
    claim_date: Optional[str]
    context: Optional[str]
    rating: _Rating


def _plan(
    review: Mapping[str, Any], path: str, scale: _Scale, ids: Mapping[str, Any], notes: list[str]
) -> _Plan:
    text = text_at(review, "claimReviewed", path)
    if text is None:
        raise input_error(
            "no_claim_text",
            f"{json_path(path, 'claimReviewed')} is missing or empty; a ClaimReview must say the "
            "claim it reviews in claimReviewed",
        )
    rating = _rating(review, path, scale, ids, notes)
    org_path = json_path(path, "author")
    org_value = review.get("author")
    if org_value in (None, "", [], {}):
        org_path, org_value = json_path(path, "publisher"), review.get("publisher")
    org = party_at(org_value, org_path, "org", ids, notes)
    item, item_path = item_reviewed(review, path, ids, notes)
    author = claim_date = context = None
    if item is not None:
        author = party_at(item.get("author"), json_path(item_path, "author"), "author", ids, notes)
        claim_date = date_at(item, "datePublished", item_path, notes)
        appearances = appearances_of(item, item_path, ids)
        if appearances:
            first = appearances[0]
            context = first.get("headline") or first.get("url")
    return _Plan(
        path=path,
        text=text,
        url=text_at(review, "url", path),
        date=date_at(review, "datePublished", path, notes),
        org=org,
        author=author,
        claim_date=claim_date,
        context=context,
        rating=rating,
    )


def import_claimreview(
    wb: LedgerWorkbench, doc: Any, rating_map: Optional[Mapping[str, str]] = None
) -> ImportResult:
    """Imports schema.org ClaimReviews into `wb`; see :meth:`Workbench.import_claimreview`."""
    parsed, raw = load_document(doc)
    scale = _Scale(wb, rating_map)
    reviews, others, ids = reviews_in(parsed)
    notes: list[str] = []
    if others:
        shown = ", ".join(others[:3]) + (" ..." if len(others) > 3 else "")
        notes.append(f"{len(others)} item(s) that are not a ClaimReview skipped: {shown}")
    plans = [_plan(review, path, scale, ids, notes) for path, review in reviews]

    # Everything is checked: write the sources, the document, then the claims.
    parties: dict[str, Party] = {}
    for plan in plans:
        for party in (plan.org, plan.author):
            if party is not None:
                parties.setdefault(party.ref, party)
    refs = list(parties)
    source_ids = dict(zip(refs, wb.add_sources([parties[r].source_record() for r in refs])))
    orgs = {plan.org.ref for plan in plans if plan.org is not None}
    urls = {plan.url for plan in plans}
    single = plans[0] if len(plans) == 1 else None
    one_org = len(orgs) == 1 and all(plan.org for plan in plans)
    snapshot = wb.add_snapshot(
        raw,
        url=next(iter(urls)) if len(urls) == 1 else None,
        title=(
            f"ClaimReview: {shortened(single.text)}"
            if single
            else f"ClaimReview feed ({len(plans)} reviews)"
        ),
        publisher=source_ids[next(iter(orgs))] if one_org else None,
        published=single.date if single else None,
    )
    before = wb.event_count()
    seen: dict[str, int] = {}
    records = []
    for plan in plans:
        key = plan.url or snapshot.hash
        index = seen.get(key, 0)
        seen[key] = index + 1
        provenance = {"claimreview": snapshot.hash, "path": plan.path}
        if plan.url:
            provenance["url"] = plan.url
        by = plan.org.name if plan.org else "an unnamed reviewer"
        where = f" ({plan.url})" if plan.url else ""
        on = f" on {plan.date}" if plan.date else ""
        records.append(
            {
                "text": plan.text,
                "claimant": source_ids[plan.author.ref] if plan.author else None,
                "date": plan.claim_date,
                "context": plan.context,
                "ref": f"claimreview:{key}#{index}",
                "provenance": provenance,
                "verdict": {
                    "rating": plan.rating.label,
                    "rationale": f"ClaimReview by {by}{where}{on}: {plan.rating.how}",
                },
            }
        )
    claim_ids = wb.add_claims(records)
    added, existing = [], []
    for claim_id, plan in zip(claim_ids, plans):
        claim = wb.claim(claim_id)
        if claim.seq > before:
            added.append(claim_id)
            continue
        existing.append(claim_id)
        current = claim.verdict.rating if claim.verdict else None
        if current != plan.rating.label:
            notes.append(
                f"{plan.path}: imported before as {claim_id}, whose current verdict is "
                f"{current!r}, not this review's {plan.rating.label!r}; left unchanged"
            )
    return ImportResult(
        snapshot=snapshot.hash,
        claims=tuple(claim_ids),
        added=tuple(added),
        existing=tuple(existing),
        sources=tuple(dict.fromkeys(source_ids.values())),
        notes=tuple(notes),
    )
