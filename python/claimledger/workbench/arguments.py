"""The workbench's arguments: what users pass, checked and turned into what the core takes.

Every method of the workbench takes ids or the objects they name, text that must be UTF-8,
records (mappings with known keys), attributes as mappings, verdicts as a rating or
``{"rating", "rationale"}`` and checkpoints in three forms; the functions here accept each
of those and raise :class:`~claimledger.InvalidInputError` with a stable id for anything
else. The core checks the values themselves (an unknown stance, a bad date).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from typing import Any, Optional, Union

from .. import _core
from .. import model as m
from ..errors import InvalidInputError

__all__ = [
    "IdLike",
    "CheckpointLike",
    "CLAIM_RECORD_KEYS",
    "SOURCE_RECORD_KEYS",
    "id_of",
    "optional_id",
    "ids_of",
    "checked_path",
    "wrong_type",
    "checked_text",
    "required_text",
    "checked_texts",
    "checked_int",
    "optional_int",
    "checked_number",
    "checked_flag",
    "text_bytes",
    "checked_record",
    "json_argument",
    "verdict_argument",
    "core_checkpoint",
    "match_any",
]

IdLike = Union[str, m.Claim, m.Source, m.Snapshot, m.Evidence]
CheckpointLike = Union[m.Checkpoint, Mapping[str, Any], str]

#: The keys of a claim record for ``Workbench.add_claims``: the keywords of ``add_claim``.
CLAIM_RECORD_KEYS = (
    "text",
    "claimant",
    "appears_in",
    "quote",
    "prefix",
    "suffix",
    "tags",
    "date",
    "context",
    "ref",
    "provenance",
    "verdict",
    "status",
)
#: The keys of a source record for ``Workbench.add_sources``: the keywords of ``add_source``.
SOURCE_RECORD_KEYS = ("name", "kind", "url", "affiliation", "ref", "attributes")


def match_any(match: str) -> bool:
    """Whether a search's `match` argument asks for any word (else every word)."""
    if match not in ("all", "any"):
        raise InvalidInputError(
            f"[claimledger.search.match] match must be 'all' or 'any', not {match!r}",
            "claimledger.search.match",
        )
    return match == "any"


def id_of(value: Any, what: str = "id") -> str:
    """The id (or snapshot hash) of `value`, which may be the id itself or its object."""
    if isinstance(value, str):
        return checked_text(value, what)  # type: ignore[return-value]
    for attribute in ("id", "hash"):
        found = getattr(value, attribute, None)
        if isinstance(found, str):
            return found
    raise InvalidInputError(
        f"[claimledger.input.id] {what} must be an id string or an object with an id, "
        f"not {type(value).__name__}",
        "claimledger.input.id",
    )


def ids_of(values: Any, what: str) -> list[str]:
    """:func:`id_of` of each of `values`, a list (or other iterable) of ids or objects."""
    if isinstance(values, (str, bytes, Mapping)) or not hasattr(values, "__iter__"):
        raise wrong_type(what, "a list of ids", values)
    return [id_of(v, what) for v in values]


def checked_path(value: Any, what: str) -> str:
    """A file path given as a str or an os.PathLike."""
    if not isinstance(value, (str, os.PathLike)):
        raise wrong_type(what, "a file path (a str or a pathlib.Path)", value)
    path = os.fspath(value)
    if not isinstance(path, str):
        raise wrong_type(what, "a file path (a str or a pathlib.Path)", value)
    return path


def optional_id(value: Any, what: str) -> Optional[str]:
    """:func:`id_of` of `value`, or None for None."""
    return None if value is None else id_of(value, what)


def _utf8_error(what: str, error: UnicodeError) -> InvalidInputError:
    return InvalidInputError(
        f"[claimledger.input.utf8] {what} is not valid UTF-8 text ({error.reason} at index "
        f"{error.start}); text must be UTF-8",
        "claimledger.input.utf8",
    )


def wrong_type(what: str, accepted: str, value: Any) -> InvalidInputError:
    """The error of an argument `what` given a value of the wrong type: says what is
    accepted (``"text (a str)"``) and what came."""
    shown = repr(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return InvalidInputError(
        f"[claimledger.input.type] {what} must be {accepted}, not {type(value).__name__} {shown}",
        "claimledger.input.type",
    )


def checked_text(value: Any, what: str) -> Optional[str]:
    """`value`, text or None, after checking that it can be written as UTF-8 (a str may
    hold lone surrogates, which the core cannot accept)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise wrong_type(what, "text (a str) or None", value)
    if value.isascii():  # known without a look at the characters
        return value
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise _utf8_error(what, error) from None
    return value


def required_text(value: Any, what: str) -> str:
    """:func:`checked_text` of an argument that must be given (None is refused)."""
    if not isinstance(value, str):
        raise wrong_type(what, "text (a str)", value)
    return checked_text(value, what)  # type: ignore[return-value]


def checked_texts(values: Any, what: str) -> list[str]:
    """A list of texts from `values`, an iterable of str (a single str is one item)."""
    if isinstance(values, str):
        return [required_text(values, what)]
    if values is None or isinstance(values, (bytes, Mapping)) or not hasattr(values, "__iter__"):
        raise wrong_type(what, "a list of texts (str)", values)
    return [required_text(v, what) for v in values]


def checked_int(value: Any, what: str) -> int:
    """`value`, which must be an int (a bool is not one)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise wrong_type(what, "an integer", value)
    return value


def optional_int(value: Any, what: str) -> Optional[int]:
    """:func:`checked_int` of `value`, or None for None."""
    return None if value is None else checked_int(value, what)


def checked_number(value: Any, what: str) -> float:
    """`value`, which must be an int or a float (a bool is not one)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise wrong_type(what, "a number", value)
    return float(value)


def checked_flag(value: Any, what: str) -> bool:
    """`value`, which must be True or False."""
    if not isinstance(value, bool):
        raise wrong_type(what, "True or False", value)
    return value


def text_bytes(content: Union[str, bytes], what: str) -> bytes:
    """The bytes of a document given as text (written as UTF-8) or as bytes."""
    if isinstance(content, str):
        try:
            return content.encode("utf-8")
        except UnicodeEncodeError as error:
            raise _utf8_error(what, error) from None
    if isinstance(content, (bytes, bytearray, memoryview)):
        return bytes(content)
    raise InvalidInputError(
        f"[claimledger.input.content] {what} must be str or bytes, not {type(content).__name__}",
        "claimledger.input.content",
    )


def checked_record(record: Mapping[str, Any], keys: Sequence[str], where: str) -> dict:
    """`record` as a dict, after checking that it is a mapping with only `keys`; `where`
    names it in the error (``claims[17]``)."""
    if not isinstance(record, Mapping):
        raise InvalidInputError(
            f"[claimledger.input.record] {where} must be a mapping with keys "
            f"{', '.join(keys)}, not {type(record).__name__}",
            "claimledger.input.record",
        )
    unknown = sorted(set(record) - set(keys))
    if unknown:
        raise InvalidInputError(
            f"[claimledger.input.record] {where} has unknown keys {', '.join(map(str, unknown))}; "
            f"accepted: {', '.join(keys)}",
            "claimledger.input.record",
        )
    return dict(record)


# One encoder for every call: json.dumps with arguments makes a new one each time, a fifth of the
# encoding's cost (a dataset load encodes a provenance a row).
_CANONICAL_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def json_argument(value: Any, what: str) -> str:
    """JSON text of an attributes/provenance mapping for the core ("" for None)."""
    if value is None:
        return ""
    if not isinstance(value, Mapping):
        raise InvalidInputError(
            f"[claimledger.input.attributes] {what} must be a mapping of text or integer "
            f"values, not {type(value).__name__}",
            "claimledger.input.attributes",
        )
    value = dict(value)
    try:  # canonical JSON, which the core checks without parsing it into a tree
        return _CANONICAL_JSON.encode(value)
    except TypeError:  # keys of several types cannot be sorted: the core writes it canonically
        return json.dumps(value, ensure_ascii=False)


def verdict_argument(value: Any) -> tuple[Optional[str], Optional[str]]:
    """(rating, rationale) of a record's verdict: a rating, or {"rating", "rationale"}."""
    if value is None:
        return None, None
    if isinstance(value, str):
        return value, "recorded with the claim"
    if isinstance(value, Mapping) and "rating" in value:
        return value["rating"], value.get("rationale") or "recorded with the claim"
    raise InvalidInputError(
        '[claimledger.input.verdict] a verdict is a rating or {"rating": ..., "rationale": ...}'
        f", not {value!r}",
        "claimledger.input.verdict",
    )


def core_checkpoint(against: CheckpointLike, what: str = "checkpoint") -> _core.Checkpoint:
    """The core's checkpoint for a Checkpoint, its JSON text or a mapping of its fields."""
    try:
        if isinstance(against, str):
            against = m.Checkpoint.from_json(against)
        elif isinstance(against, Mapping):
            against = m.Checkpoint(
                ledger=against["ledger"],
                seq=int(against["seq"]),
                hash=against["hash"],
                at=against["at"],
            )
        elif not isinstance(against, m.Checkpoint):
            raise TypeError(f"not {type(against).__name__}")
    except (KeyError, ValueError, TypeError) as error:
        raise InvalidInputError(
            f"[claimledger.checkpoint.invalid] {what} must be a checkpoint: the JSON object "
            '{"ledger", "seq", "hash", "at"} that checkpoint() returned: ' + str(error),
            "claimledger.checkpoint.invalid",
        ) from None
    return _core.Checkpoint(against.ledger, against.seq, against.hash, against.at)
