"""Rating scales as data: the built-in scales, custom ones, how a rating reads on another
scale, and how it is written in schema.org ClaimReview. Pure: no ledger needed.

This module also reads a scale as users give it (:data:`ScaleLike`: a built-in name, a
list of ratings or ``{"name", "ratings"}``) for the workbench, which takes one when it
creates a ledger. It sits above the records (model) and below the workbench.

A scale is a list of ratings, each with a label and a rank on the true-to-false axis
(0 = most true), or no rank for a rating that is not about truth ("unproven",
"not-enough-info"). Each truth rating has a normalised truth score in [0, 1]:
1 - rank / largest rank.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, Optional, Union

from . import _core, vocabulary
from . import model as m
from .errors import InvalidInputError

__all__ = [
    "BUILTIN_SCALES",
    "ScaleLike",
    "scale_ratings",
    "truth_score",
    "map_scale",
    "claimreview_rating",
]

#: The names of the built-in scales.
BUILTIN_SCALES = vocabulary.BUILTIN_SCALES

#: A scale as users give one: a built-in name, a list of ratings (each ``{"label",
#: "rank"}`` or ``(label, rank)``) or ``{"name": ..., "ratings": [...]}``.
ScaleLike = Union[str, Sequence[Any], Mapping[str, Any]]


def scale_for_core(scale: ScaleLike) -> tuple[str, Optional[_core.RatingScale]]:
    """A built-in scale's name, or a custom scale: {"name", "ratings"} or a list of
    ratings, each {"label", "rank"} or (label, rank) with rank None off the truth axis.
    Returns what the core takes: (the built-in name, None) or ("default", the custom
    scale)."""
    if isinstance(scale, str):
        return scale, None
    if isinstance(scale, Mapping):
        spec = dict(scale)
    else:
        ratings = []
        for item in scale:
            if isinstance(item, Mapping):
                ratings.append(dict(item))
            elif isinstance(item, (tuple, list)) and len(item) == 2:
                ratings.append({"label": item[0], "rank": item[1]})
            else:
                raise InvalidInputError(
                    "[claimledger.scale.invalid] each rating of a custom scale is "
                    '{"label": ..., "rank": ...} or (label, rank), with rank None for a '
                    f"rating off the truth axis; got {item!r}",
                    "claimledger.scale.invalid",
                )
        spec = {"name": "custom", "ratings": ratings}
    return "default", _core.scale_from_json(json.dumps(spec, ensure_ascii=False))


def _core_scale(scale: ScaleLike) -> _core.RatingScale:
    name, custom = scale_for_core(scale)
    return custom if custom is not None else _core.builtin_scale(name)


def scale_ratings(scale: ScaleLike) -> list[dict[str, Any]]:
    """The ratings of a scale: label, rank (None off the truth axis) and truth score."""
    core = _core_scale(scale)
    spec = json.loads(core.to_json())
    return [
        {"label": r["label"], "rank": r["rank"], "truth_score": core.truth_score(r["label"])}
        for r in spec["ratings"]
    ]


def truth_score(scale: ScaleLike, label: str) -> Optional[float]:
    """The normalised truth score of `label` in [0, 1] (1 = true), or None when the
    rating is not on the truth axis. Raises InvalidInputError for a label not on it."""
    core = _core_scale(scale)
    if label not in core.labels:
        raise InvalidInputError(
            f"[claimledger.verdict.unknown_rating] {label!r} is not a rating on scale "
            f"{core.name!r}; accepted: {', '.join(core.labels)}",
            "claimledger.verdict.unknown_rating",
        )
    return core.truth_score(label)


def map_scale(source: ScaleLike, target: ScaleLike) -> list[m.RatingMapping]:
    """How each rating of `source` reads on `target`, saying when information is lost:
    truth ratings go to the nearest truth score, others to the same label or the
    target's one rating off the truth axis."""
    return [
        m.mapping_from_core(x) for x in _core.map_scale(_core_scale(source), _core_scale(target))
    ]


def claimreview_rating(scale: ScaleLike, label: str) -> dict[str, Any]:
    """The schema.org ``reviewRating`` of a rating: ``ratingValue`` from ``worstRating``
    (1, least true) to ``bestRating``, and ``alternateName`` always; a rating off the
    truth axis has no ``ratingValue``."""
    truth_score(scale, label)  # a clear error for an unknown label
    rating = _core.claimreview_rating(_core_scale(scale), label)
    review: dict[str, Any] = {"@type": "Rating"}
    if rating.rating_value is not None:
        review["ratingValue"] = rating.rating_value
    review["bestRating"] = rating.best_rating
    review["worstRating"] = rating.worst_rating
    review["alternateName"] = rating.alternate_name
    return review
