"""Reading schema.org JSON-LD as ClaimReview import and export need it: JSON paths for
error messages, values (text, dates, @type), whole documents (JSON or JSON Lines, as
text, bytes or parsed), the reviews in them, references by "@id", the people and
organisations who wrote a review or made a claim, and where a claim appeared.

Every error is an :class:`~claimledger.InvalidInputError` with an id
``claimledger.claimreview.<kind>`` whose message names the JSON path.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Optional, Union

from ...errors import InvalidInputError

__all__ = [
    "Party",
    "appearances_of",
    "date_at",
    "input_error",
    "item_reviewed",
    "json_path",
    "load_document",
    "party_at",
    "party_json",
    "resolve_reference",
    "reviews_in",
    "shortened",
    "text_at",
]

_ACCEPTED = (
    'a ClaimReview object (its "@type" "ClaimReview" or a list holding it), a list of '
    'them, or {"@graph": [...]}'
)
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_DATE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:$|[T ])")


def input_error(kind: str, message: str) -> InvalidInputError:
    """An InvalidInputError ``[claimledger.claimreview.<kind>] message``."""
    return InvalidInputError(
        f"[claimledger.claimreview.{kind}] {message}", f"claimledger.claimreview.{kind}"
    )


# --- JSON paths and values ------------------------------------------------------------------


def json_path(path: str, key: Union[str, int]) -> str:
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


def _types_of(node: Mapping[str, Any]) -> set[str]:
    declared = node.get("@type")
    if isinstance(declared, list):
        return {_local_name(t) for t in declared}
    return {_local_name(declared)} if declared is not None else set()


def _utf8_text(text: str, path: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise input_error(
            "utf8",
            f"{path} is not valid text ({error.reason} at index {error.start}); the ledger "
            "keeps UTF-8 text only",
        ) from None
    return text


def text_at(node: Mapping[str, Any], key: str, path: str) -> Optional[str]:
    """The trimmed text at node[key] (the first text of a list), or None when absent/empty."""
    value = node.get(key)
    where = json_path(path, key)
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if isinstance(value, Mapping) and isinstance(value.get("@value"), str):
        value = value["@value"]  # a JSON-LD value object
    if not isinstance(value, str) or not value.strip():
        return None
    return _utf8_text(value.strip(), where)


def _texts_at(node: Mapping[str, Any], key: str, path: str) -> list[str]:
    value = node.get(key)
    values = value if isinstance(value, list) else [value]
    return [
        _utf8_text(v.strip(), json_path(path, key))
        for v in values
        if isinstance(v, str) and v.strip()
    ]


def date_at(node: Mapping[str, Any], key: str, path: str, notes: list[str]) -> Optional[str]:
    """node[key] as ``YYYY-MM-DD`` (the calendar date of a date-time as written), or None
    with a note when it is not a date."""
    text = text_at(node, key, path)
    if text is None:
        return None
    match = _DATE.match(text)
    if match:
        try:
            return _dt.date.fromisoformat(match.group(1)).isoformat()
        except ValueError:
            pass
    notes.append(f"{json_path(path, key)}: {text!r} is not a YYYY-MM-DD date; ignored")
    return None


def _host_of(url: str) -> str:
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
        raise input_error(
            "json",
            f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}; "
            f"give {_ACCEPTED}",
        ) from None
    except ValueError as error:
        raise input_error("json", f"not valid JSON: {error}") from None


def _parse_json_lines(text: str) -> list[Any]:
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            items.append(json.loads(line, parse_constant=_reject_constant))
        except json.JSONDecodeError as error:
            raise input_error(
                "json",
                f"not valid JSON Lines: {error.msg} at line {number} column {error.colno}; "
                "give one JSON document, or one ClaimReview a line",
            ) from None
        except ValueError as error:
            raise input_error("json", f"not valid JSON Lines: line {number}: {error}") from None
    return items


def load_document(doc: Any) -> tuple[Any, bytes]:
    """(the parsed document, the exact bytes to store): the text as given, or the
    canonical JSON of a parsed document."""
    if isinstance(doc, (bytes, bytearray, memoryview)):
        raw = bytes(doc)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise input_error(
                "json", f"not UTF-8 text (invalid byte at offset {error.start}); give UTF-8 JSON"
            ) from None
        return _parse_text(text), raw
    if isinstance(doc, str):
        try:
            raw = doc.encode("utf-8")
        except UnicodeEncodeError as error:
            raise input_error(
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
            raise input_error("json", f"the document is not JSON data: {error}") from None
        except UnicodeEncodeError as error:
            raise input_error(
                "utf8", f"the document holds invalid text ({error.reason}); give UTF-8 text"
            ) from None
        return json.loads(text), raw
    raise input_error(
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
                visit(item, json_path(path, i))
        elif isinstance(node, Mapping):
            if "ClaimReview" in _types_of(node):
                reviews.append((path, node))
            elif isinstance(node.get("@graph"), list):
                visit(node["@graph"], json_path(path, "@graph"))
            else:
                kind = node.get("@type")
                others.append(f"{path} ({'@type ' + json.dumps(kind) if kind else 'no @type'})")
        else:
            others.append(f"{path} ({type(node).__name__})")

    visit(value, "$")
    return reviews, others


def reviews_in(doc: Any) -> tuple[list[tuple[str, dict]], list[str], dict[str, Any]]:
    """Every ClaimReview of a parsed document with its JSON path, what else the document
    holds, and its nodes by "@id"; raises when it holds no ClaimReview."""
    reviews, others = _find_reviews(doc)
    if not reviews:
        found = "; found " + ", ".join(others[:5]) if others else ""
        raise input_error("no_review", f"$ holds no ClaimReview; give {_ACCEPTED}{found}")
    ids: dict[str, Any] = {}
    _index_ids(doc, ids)
    return reviews, others, ids


def resolve_reference(value: Any, ids: Mapping[str, Any]) -> Any:
    """A node for a bare {"@id": ...} reference to a node elsewhere in the document."""
    if isinstance(value, Mapping) and set(value) <= {"@id", "@type"}:
        return ids.get(value.get("@id"), value)
    return value


# --- people and organisations ------------------------------------------------------------------


@dataclass(frozen=True)
class Party:
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
        return party_json(self.kind, self.name, self.url, list(self.same_as), self.job_title)


def party_json(
    kind: str, name: str, url: Optional[str], same_as: list[str], job_title: Optional[str]
) -> dict[str, Any]:
    """A Person or Organization as schema.org JSON-LD."""
    party: dict[str, Any] = {"@type": "Person" if kind == "person" else "Organization"}
    party["name"] = name
    if url:
        party["url"] = url
    if same_as:
        party["sameAs"] = same_as[0] if len(same_as) == 1 else list(same_as)
    if job_title and kind == "person":
        party["jobTitle"] = job_title
    return party


def party_at(
    value: Any, path: str, role: str, ids: Mapping[str, Any], notes: list[str]
) -> Optional[Party]:
    """The person or organisation at `path` (an object, a list or a name), or None.

    `role` is "org" (who wrote the review) or "author" (who made the claim); it picks the
    ref prefix and, for an object without a @type, the kind.
    """
    value = resolve_reference(value, ids)
    if isinstance(value, list):
        present = [v for v in value if v not in (None, "", {})]
        if not present:
            return None
        if len(present) > 1:
            notes.append(f"{path}: {len(present)} authors given; the first is recorded")
        path = json_path(path, value.index(present[0]))
        value = resolve_reference(present[0], ids)
    default_kind = "organisation" if role == "org" else "person"
    if isinstance(value, str):
        text = _utf8_text(value.strip(), path)
        if not text:
            return None
        if role == "author":
            notes.append(
                f"{path}: a name without a Person or Organization @type; recorded as a person"
            )
        if re.match(r"https?://", text):
            return Party(_host_of(text), default_kind, text, (), None, f"claimreview:{role}:{text}")
        return Party(text, default_kind, None, (), None, f"claimreview:{role}:{text}")
    if not isinstance(value, Mapping):
        notes.append(f"{path}: not a Person or Organization ({type(value).__name__}); ignored")
        return None
    types = _types_of(value)
    if "Person" in types:
        kind = "person"
    elif any(t.endswith("Organization") or t == "Organisation" for t in types):
        kind = "organisation"
    else:
        kind = default_kind
        if role == "author":
            notes.append(f"{path}: no Person or Organization @type; recorded as a person")
    name = text_at(value, "name", path) or text_at(value, "alternateName", path)
    url = text_at(value, "url", path)
    same_as = tuple(_texts_at(value, "sameAs", path))
    key = name or url or (same_as[0] if same_as else None)
    if key is None:
        notes.append(f"{path}: neither name nor url given; not recorded")
        return None
    if name is None:
        name = _host_of(url or same_as[0])
    job_title = text_at(value, "jobTitle", path) or text_at(value, "title", path)
    return Party(name, kind, url, same_as, job_title, f"claimreview:{role}:{key}")


def item_reviewed(
    review: Mapping[str, Any], path: str, ids: Mapping[str, Any], notes: list[str]
) -> tuple[Optional[Mapping[str, Any]], str]:
    """A review's ``itemReviewed`` (the first, when there are several) and its JSON path;
    None when absent or not an object (with a note)."""
    where = json_path(path, "itemReviewed")
    item = resolve_reference(review.get("itemReviewed"), ids)
    if isinstance(item, list):
        where = json_path(where, 0)
        item = resolve_reference(item[0], ids) if item else None
    if item is None:
        return None, where
    if not isinstance(item, Mapping):
        notes.append(f"{where}: not an object ({type(item).__name__}); ignored")
        return None, where
    return item, where


def shortened(text: str, limit: int = 80) -> str:
    """`text` cut to `limit` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def appearances_of(
    item: Mapping[str, Any], path: str, ids: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """The CreativeWorks an itemReviewed appeared in, as exported: a Claim's
    firstAppearance and appearance, or an older CreativeWork itemReviewed itself."""
    found: list[tuple[str, Any]] = []
    if "Claim" in _types_of(item):
        for key in ("firstAppearance", "appearance"):
            value = item.get(key)
            if isinstance(value, list):
                found.extend((json_path(json_path(path, key), i), v) for i, v in enumerate(value))
            else:
                found.append((json_path(path, key), value))
    else:
        found = [(path, item)]
    works: list[dict[str, Any]] = []
    for where, value in found:
        work = resolve_reference(value, ids)
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
                (t for k in source_keys if (t := text_at(work, k, where)) is not None), None
            )
            if text is not None:
                out[key] = text
        if len(out) > 1 and out not in works:
            works.append(out)
    return works
