"""Reading a ClaimReview's ``reviewRating`` onto the desk's scale: by its words first, by its
number only when no word is given (or when the user opts in), and saying so when the two
disagree. See :meth:`claimledger.Workbench.import_claimreview`.

A textual rating (``alternateName``, else the Rating's ``name``, else a ``ratingValue`` that
is not a number) is looked up, after :func:`.rating_words.word_key`, in:

1. the user's ``rating_map`` (textual rating -> a rating of the desk's scale);
2. the labels of the desk's scale ("Mostly True" is ``mostly-true``);
3. claimledger's table (:mod:`.rating_words`: the common ratings in English, Spanish,
   Portuguese, French, German, Hindi, Arabic and Chinese, each with its meaning on every
   built-in scale), unless ``rating_table=False``.

A word none of these knows is unknown: the import refuses the document and lists every
unknown word of it at once (:class:`UnknownWords`), unless ``numeric_fallback=True``, when a
valid ``ratingValue`` is read instead, with a note. A review without any word is read by its
number: ``ratingValue`` between ``worstRating`` and ``bestRating`` (schema.org's defaults 1
and 5) as a truth score, onto the desk's truth rating nearest to it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Optional

from .jsonld import input_error, json_path, text_at
from .rating_words import MEANINGS, meaning_of, word_key

__all__ = ["RatingRead", "RatingReader", "UnknownWords"]

_NUMBER = re.compile(r"\s*[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*")
_SCHEMA_DEFAULT_BEST = 5.0  # schema.org: bestRating defaults to 5, worstRating to 1
_SCHEMA_DEFAULT_WORST = 1.0


def _number(value: Any) -> Optional[float]:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        return float(value)
    return None


def _shown_number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _present(value: Any) -> bool:
    return value not in (None, "", [], {})


@dataclass(frozen=True)
class RatingRead:
    """A review's rating as the import read it.

    ``label`` is the rating on the desk's scale (None when it cannot be read: then
    ``problem`` says why, or ``unknown`` holds the textual rating no one knows); ``how``
    says how it was read, for the verdict's rationale; ``original`` keeps the rating as
    published (``rating_name``, ``rating_value``, ``best_rating``, ``worst_rating``,
    ``rating_image``, as text) for the claim's provenance; ``disagreement`` says when the
    number reads otherwise than the word; ``suggestion`` is what the number reads as.
    """

    label: Optional[str]
    how: str = ""
    original: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    disagreement: Optional[str] = None
    problem: Optional[str] = None
    unknown: Optional[str] = None
    unknown_path: str = ""
    suggestion: Optional[str] = None


class RatingReader:
    """The desk's scale as import needs it: labels, truth scores, the user's mapping, the
    shipped table and whether a number may stand in for an unknown word."""

    def __init__(
        self,
        definition: Mapping[str, Any],
        ratings: list[dict[str, Any]],
        rating_map: Optional[Mapping[str, str]],
        *,
        rating_table: bool = True,
        numeric_fallback: bool = False,
    ) -> None:
        self.name = str(definition["name"])
        self.builtin = self.name in next(iter(MEANINGS.values()))
        self.labels = [r["label"] for r in ratings]
        self.by_key = {word_key(label): label for label in self.labels}
        self.truth = [
            (r["label"], r["truth_score"]) for r in ratings if r["truth_score"] is not None
        ]
        self.score = dict(self.truth)
        self.rating_table = bool(rating_table)
        self.numeric_fallback = bool(numeric_fallback)
        self.map: dict[str, str] = {}
        if rating_map is None:
            return
        if not isinstance(rating_map, Mapping):
            raise input_error(
                "rating_map",
                "rating_map must map each textual rating (alternateName) to a rating of the "
                f"ledger's scale ({', '.join(self.labels)}), not {type(rating_map).__name__}",
            )
        for key, label in rating_map.items():
            if not isinstance(key, str) or not key.strip() or label not in self.labels:
                raise input_error(
                    "rating_map",
                    f"rating_map[{key!r}] = {label!r}: each textual rating (text) must map to "
                    f"a rating of scale {self.name!r}: {', '.join(self.labels)}",
                )
            self.map[word_key(key)] = label

    # --- words -----------------------------------------------------------------------------

    def word(self, shown: str) -> tuple[Optional[str], str]:
        """(the desk's rating of a textual rating or None, how it was found or why not)."""
        key = word_key(shown)
        if key in self.map:
            return self.map[key], f"{shown!r} read as {self.map[key]!r} through the rating map"
        if key in self.by_key:
            return self.by_key[key], f"{shown!r}"
        found = meaning_of(key) if self.rating_table else None
        if found is None:
            return None, ""
        language, meaning = found
        # on a custom scale: the label spelled as the meaning, if it has one
        label = MEANINGS[meaning][self.name] if self.builtin else self.by_key.get(word_key(meaning))
        if label is None:
            return None, (
                f"claimledger's rating table reads {shown!r} ({language}) as {meaning!r}, "
                f"which scale {self.name!r} has no rating for"
            )
        return label, f"{shown!r} ({language}) read as {label!r} through claimledger's rating table"

    # --- numbers ---------------------------------------------------------------------------

    def nearest(self, score: float) -> tuple[str, float]:
        """The truth rating whose truth score is nearest `score` (the truer one on a tie)."""
        return min(self.truth, key=lambda item: abs(item[1] - score))

    def _numeric(self, rating: Mapping[str, Any], where: str) -> tuple[Any, ...]:
        """(label, score, label's score, "v of w..b", None) for a valid number, or
        (None, ..., why) when there is none or it is not valid."""
        value_path = json_path(where, "ratingValue")
        raw = rating.get("ratingValue")
        value = _number(raw)
        if value is None:
            why = None if not _present(raw) else f"{value_path}: {raw!r} is not a number"
            return None, None, None, None, why
        best = _number(rating.get("bestRating"))
        worst = _number(rating.get("worstRating"))
        best = _SCHEMA_DEFAULT_BEST if best is None else best
        worst = _SCHEMA_DEFAULT_WORST if worst is None else worst
        numeric = f"{_shown_number(value)} of {_shown_number(worst)}..{_shown_number(best)}"
        if not worst < best or not worst <= value <= best:
            why = (
                f"{value_path}: {_shown_number(value)} is not within worstRating "
                f"{_shown_number(worst)} and bestRating {_shown_number(best)} (which must be "
                "larger; schema.org's defaults are 1 and 5)"
            )
            return None, None, None, numeric, why
        if not self.truth:
            why = (
                f"{value_path}: scale {self.name!r} has no ratings on the true-to-false axis "
                "to map a number onto"
            )
            return None, None, None, numeric, why
        score = (value - worst) / (best - worst)
        label, label_score = self.nearest(score)
        return label, score, label_score, numeric, None

    # --- a review's rating ----------------------------------------------------------------

    def read(self, rating: Any, where: str) -> RatingRead:
        """The rating at `where` (a Rating object, already resolved) onto the desk's scale."""
        if not isinstance(rating, Mapping):
            return RatingRead(
                None,
                problem=(
                    f"{where} is missing; a ClaimReview needs a reviewRating with an "
                    "alternateName (a textual rating) or a ratingValue with bestRating and "
                    "worstRating"
                ),
            )
        original = _original(rating, where)
        word_path = json_path(where, "alternateName")
        shown = text_at(rating, "alternateName", where)
        if shown is None and text_at(rating, "name", where) is not None:
            shown, word_path = text_at(rating, "name", where), json_path(where, "name")
        raw_value = rating.get("ratingValue")
        if shown is None and isinstance(raw_value, str) and _number(raw_value) is None:
            shown, word_path = raw_value.strip() or None, json_path(where, "ratingValue")
        label, score, label_score, numeric, why = self._numeric(rating, where)
        notes: list[str] = []
        if shown is not None:
            found, how = self.word(shown)
            if found is not None:
                return self._by_word(found, how, shown, word_path, original, label, numeric, why)
            if not (self.numeric_fallback and label is not None):
                return RatingRead(
                    None,
                    original=original,
                    unknown=shown,
                    unknown_path=word_path,
                    problem=how or None,
                    suggestion=label,
                )
            notes.append(
                f"{word_path}: {shown!r} is not a rating the desk knows; its ratingValue "
                f"{numeric} was used (numeric_fallback)"
            )
        elif label is None:
            return RatingRead(
                None,
                original=original,
                problem=why
                or f"{where} has neither an alternateName nor a ratingValue; give either",
            )
        how = f"ratingValue {numeric} (truth score {score:.2f})"
        if shown is not None:
            how = f"{shown!r} unknown, {how}"
        if abs(label_score - score) > 1e-9:
            notes.append(
                f"{json_path(where, 'ratingValue')}: {numeric} (truth score {score:.2f}) has no "
                f"equal on scale {self.name!r}; the nearest rating {label!r} "
                f"({label_score:.2f}) was taken, which loses information"
            )
            how += f", nearest rating {label!r} ({label_score:.2f})"
        return RatingRead(label, how, original, tuple(notes))

    def _by_word(
        self,
        found: str,
        how: str,
        shown: str,
        word_path: str,
        original: dict[str, str],
        by_number: Optional[str],
        numeric: Optional[str],
        why: Optional[str],
    ) -> RatingRead:
        notes: list[str] = []
        disagreement = None
        if by_number is not None and found in self.score and by_number != found:
            disagreement = (
                f"{word_path}: the word {shown!r} reads as {found!r} but its ratingValue "
                f"{numeric} reads as {by_number!r}; the word was used"
            )
        elif why is not None and numeric is not None:
            notes.append(f"{why}; the textual rating {shown!r} was used")
        return RatingRead(found, how, original, tuple(notes), disagreement=disagreement)


def _original(rating: Mapping[str, Any], where: str) -> dict[str, str]:
    """The rating as published, as text, for the claim's provenance."""
    out: dict[str, str] = {}
    for key, name in (
        ("alternateName", "rating_name"),
        ("ratingValue", "rating_value"),
        ("bestRating", "best_rating"),
        ("worstRating", "worst_rating"),
    ):
        value = rating.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            out[name] = _shown_number(float(value))
        elif isinstance(value, str) and value.strip():
            text = text_at(rating, key, where)
            if text:
                out[name] = text
    image = rating.get("image")
    if isinstance(image, Mapping):
        image = image.get("url") or image.get("contentUrl")
    if isinstance(image, str) and image.strip():
        out["rating_image"] = image.strip()
    return out


class UnknownWords:
    """Every unknown textual rating of a document: how often, where first, what its
    numbers suggest, and the rating_map entries that would fix them."""

    def __init__(self) -> None:
        self.words: dict[str, dict[str, Any]] = {}

    def add(self, read: RatingRead) -> None:
        key = word_key(read.unknown or "")
        entry = self.words.setdefault(
            key,
            {"shown": read.unknown, "count": 0, "path": read.unknown_path, "why": read.problem,
             "suggestions": {}},
        )  # fmt: skip
        entry["count"] += 1
        if read.suggestion:
            suggestions = entry["suggestions"]
            suggestions[read.suggestion] = suggestions.get(read.suggestion, 0) + 1

    def __bool__(self) -> bool:
        return bool(self.words)

    def counts(self) -> dict[str, int]:
        """Each unknown textual rating (as first written) and how many reviews give it."""
        return {e["shown"]: e["count"] for e in self.words.values()}

    def message(self, scale: RatingReader) -> str:
        """What is unknown and the rating_map that fixes it, on one line."""
        entries = sorted(self.words.values(), key=lambda e: -e["count"])
        parts = []
        fixes = []
        for e in entries:
            why = f"; {e['why']}" if e["why"] else ""
            parts.append(f"{e['shown']!r} ({e['count']} review(s), first at {e['path']}{why})")
            suggested = (
                max(e["suggestions"], key=e["suggestions"].get) if e["suggestions"] else None
            )
            fixes.append((e["shown"], suggested))
        python = ", ".join(f"{shown!r}: {(s or '<rating>')!r}" for shown, s in fixes)
        cli = " ".join(f"--rating-map {shown + '=' + (s or '<rating>')!r}" for shown, s in fixes)
        numbers = (
            " (a suggested rating is what the reviews' ratingValue reads as: check it)"
            if any(s for _, s in fixes)
            else ""
        )
        return (
            f"{len(entries)} textual rating(s) are not ratings of scale {scale.name!r} "
            f"({', '.join(scale.labels)}) nor in claimledger's rating table: "
            f"{'; '.join(parts)}. Map each with rating_map={{{python}}}{numbers}; on the "
            f"command line {cli}"
        )
