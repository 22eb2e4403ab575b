"""The truth score of a rating, for colouring it: on a desk's own scale when the desk is
at hand, else on the first built-in scale that has the rating.

A score is in [0, 1] (1 = true) or None for a rating off the true-to-false axis. Every
notebook view that colours a rating (cards, timelines, plots, the report, frames' scores)
gets its scores from here.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, Optional

from ..scales import BUILTIN_SCALES, scale_ratings

__all__ = ["Scorer", "known_score", "workbench_scorer"]

#: A function from a rating's label to its truth score (None off the truth axis).
Scorer = Callable[[str], Optional[float]]


@functools.cache
def _builtin_scores() -> dict[str, Optional[float]]:
    scores: dict[str, Optional[float]] = {}
    for name in BUILTIN_SCALES:
        for rating in scale_ratings(name):
            scores.setdefault(rating["label"], rating["truth_score"])
    return scores


def known_score(label: str) -> Optional[float]:
    """The truth score of `label` on the first built-in scale that has it (default first),
    for objects shown without their ledger; None when no built-in scale has it."""
    return _builtin_scores().get(label)


def workbench_scorer(wb: Any) -> Scorer:
    """The truth score of each rating on `wb`'s own scale (built-in or custom)."""
    scores = {r["label"]: r["truth_score"] for r in scale_ratings(wb.scale_definition)}
    return scores.get
