"""Reading schema.org JSON-LD values as ClaimReview import and export need them: JSON paths
for error messages, values (text, dates, @type in any case and with a schema.org prefix),
references by "@id", the people and organisations who wrote a review or made a claim, and
where a claim appeared. Whole documents are read by :mod:`.documents`.

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
    "has_type",
    "input_error",
    "item_reviewed",
    "json_path",
    "party_at",
    "party_json",
    "resolve_reference",
    "same_as_text",
    "same_as_value",
    "shortened",
    "text_at",
    "types_of",
]
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


def types_of(node: Mapping[str, Any]) -> set[str]:
    """The local names of a node's @type (a text or a list), case folded: "creativework"
    for "creativeWork", "http://schema.org/CreativeWork" or ["CreativeWork"]."""
    declared = node.get("@type")
    names = declared if isinstance(declared, list) else [declared]
    return {_local_name(t).casefold() for t in names if isinstance(t, str) and t.strip()}


def has_type(node: Any, name: str) -> bool:
    """Whether `node` is an object whose @type includes `name`, in any case or form."""
    return isinstance(node, Mapping) and name.casefold() in types_of(node)


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
    same_as: Union[str, tuple[str, ...]]  # as given: one text, or several
    job_title: Optional[str]
    ref: str

    def source_record(self) -> dict[str, Any]:
        attributes = {}
        if self.same_as:
            attributes["sameAs"] = same_as_text(self.same_as)
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
        return party_json(self.kind, self.name, self.url, self.same_as, self.job_title)


def same_as_text(same_as: Union[str, tuple[str, ...], list[str]]) -> str:
    """sameAs as a source attribute keeps it: one text as it is, several as a JSON list."""
    if isinstance(same_as, str):
        return same_as
    return json.dumps(list(same_as), ensure_ascii=False)


def same_as_value(text: str) -> Union[str, list[str]]:
    """A source attribute's sameAs as it was given: a text, or the list of several."""
    if text.startswith("["):
        try:
            value = json.loads(text)
        except ValueError:
            return text
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return value
    return text


def party_json(
    kind: str,
    name: str,
    url: Optional[str],
    same_as: Union[str, tuple[str, ...], list[str], None],
    job_title: Optional[str],
) -> dict[str, Any]:
    """A Person or Organization as schema.org JSON-LD; sameAs as given."""
    party: dict[str, Any] = {"@type": "Person" if kind == "person" else "Organization"}
    party["name"] = name
    if url:
        party["url"] = url
    if same_as:
        party["sameAs"] = same_as if isinstance(same_as, str) else list(same_as)
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
            return Party(_host_of(text), default_kind, text, "", None, f"claimreview:{role}:{text}")
        return Party(text, default_kind, None, "", None, f"claimreview:{role}:{text}")
    if not isinstance(value, Mapping):
        notes.append(f"{path}: not a Person or Organization ({type(value).__name__}); ignored")
        return None
    types = types_of(value)
    if "person" in types:
        kind = "person"
    elif any(t.endswith("organization") or t == "organisation" for t in types):
        kind = "organisation"
    else:
        kind = default_kind
        if role == "author":
            notes.append(f"{path}: no Person or Organization @type; recorded as a person")
    name = text_at(value, "name", path) or text_at(value, "alternateName", path)
    url = text_at(value, "url", path)
    given = value.get("sameAs")
    same_as: Union[str, tuple[str, ...]] = (
        text_at(value, "sameAs", path) or ""
        if isinstance(given, str)
        else tuple(_texts_at(value, "sameAs", path))
    )
    first_same = same_as if isinstance(same_as, str) else (same_as[0] if same_as else None)
    key = name or url or first_same or None
    if key is None:
        notes.append(f"{path}: neither name nor url given; not recorded")
        return None
    if name is None:
        name = _host_of(url or first_same or "")
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
) -> list[tuple[str, Mapping[str, Any]]]:
    """The works an itemReviewed appeared in, each with its JSON path, as published: a
    Claim's firstAppearance and appearance (a URL becomes ``{"url": ...}``), or an older
    CreativeWork itemReviewed itself. The same work given twice is listed once."""
    found: list[tuple[str, Any]] = []
    if has_type(item, "Claim"):
        for key in ("firstAppearance", "appearance"):
            value = item.get(key)
            if isinstance(value, list):
                found.extend((json_path(json_path(path, key), i), v) for i, v in enumerate(value))
            else:
                found.append((json_path(path, key), value))
    else:
        found = [(path, item)]
    works: list[tuple[str, Mapping[str, Any]]] = []
    seen: list[Any] = []
    for where, value in found:
        work = resolve_reference(value, ids)
        if isinstance(work, str) and work.strip():
            work = {"url": work.strip()}
        if not isinstance(work, Mapping) or set(work) <= {"@type", "@id"}:
            continue
        key = work.get("url") or work
        if key in seen:
            continue
        seen.append(key)
        works.append((where, work))
    return works
