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
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import urllib.parse
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, Optional, Union

from . import model as m
from .errors import InvalidInputError, NotFoundError
from .scales import claimreview_rating

if TYPE_CHECKING:
    from .workbench import Workbench

__all__ = [
    "CONTEXT",
    "DEFAULT_ORGANISATION",
    "ImportResult",
    "export_claimreview",
    "export_claimreviews",
    "import_claimreview",
    "iter_json_lines",
]

#: The ``@context`` of every exported review.
CONTEXT = "https://schema.org"

#: The review ``author`` when no ``organisation`` is given.
DEFAULT_ORGANISATION = {"@type": "Organization", "name": "claimledger desk"}

ReviewUrl = Union[None, str, Callable[[m.Claim], Optional[str]]]

_ACCEPTED = (
    'a ClaimReview object (its "@type" "ClaimReview" or a list holding it), a list of '
    'them, or {"@graph": [...]}'
)
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_DATE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:$|[T ])")
_NUMBER = re.compile(r"\s*[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*")
_LABEL_SPACE = re.compile(r"[\s_]+")
_SCHEMA_DEFAULT_BEST = 5  # schema.org: bestRating defaults to 5, worstRating to 1
_SCHEMA_DEFAULT_WORST = 1


def _error(kind: str, message: str) -> InvalidInputError:
    return InvalidInputError(
        f"[claimledger.claimreview.{kind}] {message}", f"claimledger.claimreview.{kind}"
    )


# --- JSON paths and values ------------------------------------------------------------------


def _at(path: str, key: Union[str, int]) -> str:
    """`path` followed by an object key or a list index, in JSONPath notation."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    if _IDENTIFIER.fullmatch(key):
        return f"{path}.{key}"
    quoted = key.replace("\\", "\\\\").replace("'", "\\'")
    return f"{path}['{quoted}']"  # as RFC 9535 normalized paths write it


def _local_name(type_name: Any) -> str:
    """``ClaimReview`` for "ClaimReview", "schema:ClaimReview", "https://schema.org/ClaimReview"."""
    return re.split(r"[/#:]", type_name)[-1] if isinstance(type_name, str) else ""


def _types(node: Mapping[str, Any]) -> set[str]:
    declared = node.get("@type")
    if isinstance(declared, list):
        return {_local_name(t) for t in declared}
    return {_local_name(declared)} if declared is not None else set()


def _utf8(text: str, path: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise _error(
            "utf8",
            f"{path} is not valid text ({error.reason} at index {error.start}); the ledger "
            "keeps UTF-8 text only",
        ) from None
    return text


def _string(node: Mapping[str, Any], key: str, path: str) -> Optional[str]:
    """The trimmed text at node[key] (the first text of a list), or None when absent/empty."""
    value = node.get(key)
    where = _at(path, key)
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if isinstance(value, Mapping) and isinstance(value.get("@value"), str):
        value = value["@value"]  # a JSON-LD value object
    if not isinstance(value, str) or not value.strip():
        return None
    return _utf8(value.strip(), where)


def _strings(node: Mapping[str, Any], key: str, path: str) -> list[str]:
    value = node.get(key)
    values = value if isinstance(value, list) else [value]
    return [_utf8(v.strip(), _at(path, key)) for v in values if isinstance(v, str) and v.strip()]


def _date(node: Mapping[str, Any], key: str, path: str, notes: list[str]) -> Optional[str]:
    """node[key] as ``YYYY-MM-DD`` (the calendar date of a date-time as written), or None
    with a note when it is not a date."""
    text = _string(node, key, path)
    if text is None:
        return None
    match = _DATE.match(text)
    if match:
        try:
            return _dt.date.fromisoformat(match.group(1)).isoformat()
        except ValueError:
            pass
    notes.append(f"{_at(path, key)}: {text!r} is not a YYYY-MM-DD date; ignored")
    return None


def _host(url: str) -> str:
    host = urllib.parse.urlsplit(url).hostname or url
    return host[4:] if host.startswith("www.") else host


# --- reading a document ----------------------------------------------------------------------


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _parse_text(text: str) -> Any:
    """The JSON document in `text`; JSON Lines (one review a line, as export writes them)
    read as a list."""
    text = text.lstrip("\ufeff")
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data" and error.lineno > 1:
            return _parse_json_lines(text)
        raise _error(
            "json",
            f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}; "
            f"give {_ACCEPTED}",
        ) from None
    except ValueError as error:
        raise _error("json", f"not valid JSON: {error}") from None


def _parse_json_lines(text: str) -> list[Any]:
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            items.append(json.loads(line, parse_constant=_reject_constant))
        except json.JSONDecodeError as error:
            raise _error(
                "json",
                f"not valid JSON Lines: {error.msg} at line {number} column {error.colno}; "
                "give one JSON document, or one ClaimReview a line",
            ) from None
        except ValueError as error:
            raise _error("json", f"not valid JSON Lines: line {number}: {error}") from None
    return items


def _load(doc: Any) -> tuple[Any, bytes]:
    """(the parsed document, the exact bytes to store): the text as given, or the
    canonical JSON of a parsed document."""
    if isinstance(doc, (bytes, bytearray, memoryview)):
        raw = bytes(doc)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _error(
                "json", f"not UTF-8 text (invalid byte at offset {error.start}); give UTF-8 JSON"
            ) from None
        return _parse_text(text), raw
    if isinstance(doc, str):
        try:
            raw = doc.encode("utf-8")
        except UnicodeEncodeError as error:
            raise _error(
                "json", f"not valid text ({error.reason} at index {error.start}); give UTF-8 JSON"
            ) from None
        return _parse_text(doc), raw
    if isinstance(doc, (Mapping, list, tuple)):
        try:
            text = json.dumps(
                doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
            )
            raw = text.encode("utf-8")
        except (TypeError, ValueError) as error:
            raise _error("json", f"the document is not JSON data: {error}") from None
        except UnicodeEncodeError as error:
            raise _error(
                "utf8", f"the document holds invalid text ({error.reason}); give UTF-8 text"
            ) from None
        return json.loads(text), raw
    raise _error(
        "input",
        f"import_claimreview takes {_ACCEPTED}, as parsed JSON or as JSON text, "
        f"not {type(doc).__name__}",
    )


def _index_ids(value: Any, ids: dict[str, Any]) -> None:
    """Collects every node with an "@id" and more than a reference's keys."""
    if isinstance(value, Mapping):
        node_id = value.get("@id")
        if isinstance(node_id, str) and set(value) - {"@id", "@type"}:
            ids.setdefault(node_id, value)
        for item in value.values():
            _index_ids(item, ids)
    elif isinstance(value, list):
        for item in value:
            _index_ids(item, ids)


def _find_reviews(value: Any) -> tuple[list[tuple[str, dict]], list[str]]:
    """Every ClaimReview in a document with its JSON path, and what else was there."""
    reviews: list[tuple[str, dict]] = []
    others: list[str] = []

    def visit(node: Any, path: str) -> None:
        if isinstance(node, list):
            for i, item in enumerate(node):
                visit(item, _at(path, i))
        elif isinstance(node, Mapping):
            if "ClaimReview" in _types(node):
                reviews.append((path, node))
            elif isinstance(node.get("@graph"), list):
                visit(node["@graph"], _at(path, "@graph"))
            else:
                kind = node.get("@type")
                others.append(f"{path} ({'@type ' + json.dumps(kind) if kind else 'no @type'})")
        else:
            others.append(f"{path} ({type(node).__name__})")

    visit(value, "$")
    return reviews, others


def _reviews_of(doc: Any) -> tuple[list[tuple[str, dict]], list[str], dict[str, Any]]:
    reviews, others = _find_reviews(doc)
    if not reviews:
        found = "; found " + ", ".join(others[:5]) if others else ""
        raise _error("no_review", f"$ holds no ClaimReview; give {_ACCEPTED}{found}")
    ids: dict[str, Any] = {}
    _index_ids(doc, ids)
    return reviews, others, ids


def _resolve(value: Any, ids: Mapping[str, Any]) -> Any:
    """A node for a bare {"@id": ...} reference to a node elsewhere in the document."""
    if isinstance(value, Mapping) and set(value) <= {"@id", "@type"}:
        return ids.get(value.get("@id"), value)
    return value


# --- people and organisations ------------------------------------------------------------------


@dataclass(frozen=True)
class _Party:
    """A Person or Organization as read from a document, ready to become a source."""

    name: str
    kind: str  # a ledger source kind: "person" or "organisation"
    url: Optional[str]
    same_as: tuple[str, ...]
    job_title: Optional[str]
    ref: str

    def source_record(self) -> dict[str, Any]:
        attributes = {}
        if self.same_as:
            attributes["sameAs"] = " ".join(self.same_as)
        if self.job_title:
            attributes["jobTitle"] = self.job_title
        return {
            "name": self.name,
            "kind": self.kind,
            "url": self.url,
            "ref": self.ref,
            "attributes": attributes,
        }

    def json_ld(self) -> dict[str, Any]:
        return _party_json(self.kind, self.name, self.url, list(self.same_as), self.job_title)


def _party_json(
    kind: str, name: str, url: Optional[str], same_as: list[str], job_title: Optional[str]
) -> dict[str, Any]:
    party: dict[str, Any] = {"@type": "Person" if kind == "person" else "Organization"}
    party["name"] = name
    if url:
        party["url"] = url
    if same_as:
        party["sameAs"] = same_as[0] if len(same_as) == 1 else list(same_as)
    if job_title and kind == "person":
        party["jobTitle"] = job_title
    return party


def _party(
    value: Any, path: str, role: str, ids: Mapping[str, Any], notes: list[str]
) -> Optional[_Party]:
    """The person or organisation at `path` (an object, a list or a name), or None.

    `role` is "org" (who wrote the review) or "author" (who made the claim); it picks the
    ref prefix and, for an object without a @type, the kind.
    """
    value = _resolve(value, ids)
    if isinstance(value, list):
        present = [v for v in value if v not in (None, "", {})]
        if not present:
            return None
        if len(present) > 1:
            notes.append(f"{path}: {len(present)} authors given; the first is recorded")
        path = _at(path, value.index(present[0]))
        value = _resolve(present[0], ids)
    default_kind = "organisation" if role == "org" else "person"
    if isinstance(value, str):
        text = _utf8(value.strip(), path)
        if not text:
            return None
        if role == "author":
            notes.append(
                f"{path}: a name without a Person or Organization @type; recorded as a person"
            )
        if re.match(r"https?://", text):
            return _Party(_host(text), default_kind, text, (), None, f"claimreview:{role}:{text}")
        return _Party(text, default_kind, None, (), None, f"claimreview:{role}:{text}")
    if not isinstance(value, Mapping):
        notes.append(f"{path}: not a Person or Organization ({type(value).__name__}); ignored")
        return None
    types = _types(value)
    if "Person" in types:
        kind = "person"
    elif any(t.endswith("Organization") or t == "Organisation" for t in types):
        kind = "organisation"
    else:
        kind = default_kind
        if role == "author":
            notes.append(f"{path}: no Person or Organization @type; recorded as a person")
    name = _string(value, "name", path) or _string(value, "alternateName", path)
    url = _string(value, "url", path)
    same_as = tuple(_strings(value, "sameAs", path))
    key = name or url or (same_as[0] if same_as else None)
    if key is None:
        notes.append(f"{path}: neither name nor url given; not recorded")
        return None
    if name is None:
        name = _host(url or same_as[0])
    job_title = _string(value, "jobTitle", path) or _string(value, "title", path)
    return _Party(name, kind, url, same_as, job_title, f"claimreview:{role}:{key}")


# --- ratings ---------------------------------------------------------------------------------


class _Scale:
    """The ledger's scale as import needs it: labels, truth scores, the user's mapping."""

    def __init__(self, wb: "Workbench", rating_map: Optional[Mapping[str, str]]) -> None:
        self.core = wb._core.scale  # the scale object: a custom scale has no built-in name
        self.name = self.core.name
        self.labels = list(self.core.labels)
        self.by_label = {_label_key(label): label for label in self.labels}
        self.truth = [
            (label, score)
            for label in self.labels
            if (score := self.core.truth_score(label)) is not None
        ]
        self.map: dict[str, str] = {}
        if rating_map is None:
            return
        if not isinstance(rating_map, Mapping):
            raise _error(
                "rating_map",
                "rating_map must map each alternateName to a rating of the ledger's scale "
                f"({', '.join(self.labels)}), not {type(rating_map).__name__}",
            )
        for key, label in rating_map.items():
            if not isinstance(key, str) or label not in self.labels:
                raise _error(
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
    where = _at(path, "reviewRating")
    rating = _resolve(review.get("reviewRating"), ids)
    if isinstance(rating, list):
        if len(rating) > 1:
            notes.append(f"{where}: {len(rating)} ratings given; the first is used")
        where = _at(where, 0)
        rating = _resolve(rating[0], ids) if rating else None
    if not isinstance(rating, Mapping):
        raise _error(
            "rating",
            f"{where} is missing; a ClaimReview needs a reviewRating with an alternateName "
            "(a textual rating) or a ratingValue with bestRating and worstRating",
        )
    shown = _string(rating, "alternateName", where)
    if shown is not None:
        mapped = scale.map.get(shown.casefold())
        if mapped is not None:
            return _Rating(mapped, f"{shown!r} read as {mapped!r} through the rating map")
        label = scale.by_label.get(_label_key(shown))
        if label is not None:
            return _Rating(label, f"{shown!r}")
    value_path = _at(where, "ratingValue")
    value = _number(rating.get("ratingValue"))
    if value is None:
        if shown is not None:
            raise _error(
                "rating",
                f"{_at(where, 'alternateName')}: {shown!r} is not a rating of scale "
                f"{scale.name!r} ({', '.join(scale.labels)}), no rating_map entry maps it and "
                "there is no numeric ratingValue to map instead; pass rating_map="
                f"{{{shown!r}: <one of those ratings>}}",
            )
        if rating.get("ratingValue") is not None:
            raise _error(
                "rating",
                f"{value_path}: {rating.get('ratingValue')!r} is not a number and there is no "
                "alternateName; give a number between worstRating and bestRating",
            )
        raise _error(
            "rating",
            f"{where} has neither an alternateName nor a ratingValue; give either",
        )
    best = _number(rating.get("bestRating"))
    worst = _number(rating.get("worstRating"))
    if best is None:
        best = float(_SCHEMA_DEFAULT_BEST)
        notes.append(f"{_at(where, 'bestRating')}: not given; schema.org's default 5 assumed")
    if worst is None:
        worst = float(_SCHEMA_DEFAULT_WORST)
        notes.append(f"{_at(where, 'worstRating')}: not given; schema.org's default 1 assumed")
    if not worst < best or not worst <= value <= best:
        raise _error(
            "rating",
            f"{value_path}: {_shown_number(value)} is not within worstRating "
            f"{_shown_number(worst)} and bestRating {_shown_number(best)} (which must be "
            "larger); fix the numbers or give an alternateName",
        )
    if not scale.truth:
        raise _error(
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
            f"{_at(where, 'alternateName')}: {shown!r} is not a rating of scale "
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
    org: Optional[_Party]
    author: Optional[_Party]
    claim_date: Optional[str]
    context: Optional[str]
    rating: _Rating


def _item_reviewed(
    review: Mapping[str, Any], path: str, ids: Mapping[str, Any], notes: list[str]
) -> tuple[Optional[Mapping[str, Any]], str]:
    where = _at(path, "itemReviewed")
    item = _resolve(review.get("itemReviewed"), ids)
    if isinstance(item, list):
        where = _at(where, 0)
        item = _resolve(item[0], ids) if item else None
    if item is None:
        return None, where
    if not isinstance(item, Mapping):
        notes.append(f"{where}: not an object ({type(item).__name__}); ignored")
        return None, where
    return item, where


def _plan(
    review: Mapping[str, Any], path: str, scale: _Scale, ids: Mapping[str, Any], notes: list[str]
) -> _Plan:
    text = _string(review, "claimReviewed", path)
    if text is None:
        raise _error(
            "no_claim_text",
            f"{_at(path, 'claimReviewed')} is missing or empty; a ClaimReview must say the "
            "claim it reviews in claimReviewed",
        )
    rating = _rating(review, path, scale, ids, notes)
    org_path = _at(path, "author")
    org_value = review.get("author")
    if org_value in (None, "", [], {}):
        org_path, org_value = _at(path, "publisher"), review.get("publisher")
    org = _party(org_value, org_path, "org", ids, notes)
    item, item_path = _item_reviewed(review, path, ids, notes)
    author = claim_date = context = None
    if item is not None:
        author = _party(item.get("author"), _at(item_path, "author"), "author", ids, notes)
        claim_date = _date(item, "datePublished", item_path, notes)
        appearances = _appearances(item, item_path, ids)
        if appearances:
            first = appearances[0]
            context = first.get("headline") or first.get("url")
    return _Plan(
        path=path,
        text=text,
        url=_string(review, "url", path),
        date=_date(review, "datePublished", path, notes),
        org=org,
        author=author,
        claim_date=claim_date,
        context=context,
        rating=rating,
    )


def import_claimreview(
    wb: "Workbench", doc: Any, rating_map: Optional[Mapping[str, str]] = None
) -> ImportResult:
    """Imports schema.org ClaimReviews into `wb`; see :meth:`Workbench.import_claimreview`."""
    parsed, raw = _load(doc)
    scale = _Scale(wb, rating_map)
    reviews, others, ids = _reviews_of(parsed)
    notes: list[str] = []
    if others:
        shown = ", ".join(others[:3]) + (" ..." if len(others) > 3 else "")
        notes.append(f"{len(others)} item(s) that are not a ClaimReview skipped: {shown}")
    plans = [_plan(review, path, scale, ids, notes) for path, review in reviews]

    # Everything is checked: write the sources, the document, then the claims.
    parties: dict[str, _Party] = {}
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
            f"ClaimReview: {_shorten(single.text)}"
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


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- export ---------------------------------------------------------------------------------


def _appearances(
    item: Mapping[str, Any], path: str, ids: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """The CreativeWorks an itemReviewed appeared in, as exported: a Claim's
    firstAppearance and appearance, or an older CreativeWork itemReviewed itself."""
    found: list[tuple[str, Any]] = []
    if "Claim" in _types(item):
        for key in ("firstAppearance", "appearance"):
            value = item.get(key)
            if isinstance(value, list):
                found.extend((_at(_at(path, key), i), v) for i, v in enumerate(value))
            else:
                found.append((_at(path, key), value))
    else:
        found = [(path, item)]
    works: list[dict[str, Any]] = []
    for where, value in found:
        work = _resolve(value, ids)
        if isinstance(work, str) and work.strip():
            work = {"url": work}
        if not isinstance(work, Mapping):
            continue
        out: dict[str, Any] = {"@type": "CreativeWork"}
        declared = work.get("@type")
        if isinstance(declared, str) and declared not in ("Claim", "ClaimReview"):
            out["@type"] = declared
        for key, source_keys in (
            ("url", ("url",)),
            ("headline", ("headline", "name")),
            ("datePublished", ("datePublished",)),
        ):
            text = next(
                (t for k in source_keys if (t := _string(work, k, where)) is not None), None
            )
            if text is not None:
                out[key] = text
        if len(out) > 1 and out not in works:
            works.append(out)
    return works


class _Exporter:
    """Builds reviews for one ledger, remembering the sources, snapshots and imported
    documents it has read."""

    def __init__(self, wb: "Workbench", review_url: ReviewUrl, organisation: Any) -> None:
        self.wb = wb
        self.review_url = review_url
        self.author = _organisation(organisation)
        self.scale = wb._core.scale
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
        return _party_json(
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
                doc, _ = _load(self.wb.snapshot_bytes(snapshot_hash))
                reviews, _, ids = _reviews_of(doc)
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
            item, item_path = _item_reviewed(review, "$", ids, [])
            if item is not None:
                urls = {w.get("url") for w in works if w.get("url")}
                for work in _appearances(item, item_path, ids):
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
            raise _error(
                "review_url",
                "review_url must be a URL (may hold {claim} for the claim id) or a function "
                f"of the claim, not {type(url).__name__}",
            )
        return f"urn:claimledger:{self.wb.identity}:{claim.id}"

    def review(self, claim: m.Claim) -> dict[str, Any]:
        verdict = claim.verdict
        if verdict is None:
            raise _error(
                "no_verdict",
                f"claim {claim.id} ({_shorten(claim.text, 60)!r}) has no verdict; only claims "
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
        url = _string(review, "url", "$")
        if url:
            based["url"] = url
        date = _date(review, "datePublished", "$", [])
        if date:
            based["datePublished"] = date
        org = _party(review.get("author") or review.get("publisher"), "$", "org", ids, [])
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
    raise _error(
        "organisation",
        'organisation is the desk that publishes the reviews: {"name": ..., "url": ...} or '
        f"a name, not {organisation!r}",
    )


def export_claimreview(
    wb: "Workbench",
    claim_id: Any,
    *,
    review_url: ReviewUrl = None,
    organisation: Any = None,
) -> dict[str, Any]:
    """One claim's current verdict as ClaimReview; see :meth:`Workbench.export_claimreview`."""
    exporter = _Exporter(wb, review_url, organisation)
    return exporter.review(wb.claim(claim_id))


def export_claimreviews(
    wb: "Workbench",
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
