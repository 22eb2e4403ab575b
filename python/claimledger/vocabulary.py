"""The words a ledger knows: claim statuses, evidence stances, source kinds, event types,
the Admiralty grades, the built-in rating scales and the re-anchoring statuses.

The C++ core defines each list once (core vocabulary) and the binding exports it; this
module reads them from there, so that Python never keeps a second copy to drift. Code that
needs one of these lists imports it from here. Presentation (a colour per status, a label
per event type) lives in the notebook layer, keyed by these words, and its tests check
that every word has one.

This module sits at the bottom of the package: it imports only the binding.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from . import _core

__all__ = [
    "CLAIM_STATUSES",
    "RETRACTED",
    "STANCES",
    "SOURCE_KINDS",
    "EVENT_TYPES",
    "RELIABILITY_GRADES",
    "CREDIBILITY_GRADES",
    "BUILTIN_SCALES",
    "REANCHOR_STATUSES",
    "CHECK_WORTHY_SCORE",
]

#: A claim's review status, in the order a claim moves through them.
CLAIM_STATUSES: tuple[str, ...] = tuple(_core.CLAIM_STATUSES)

#: The status of a withdrawn claim (``wb.retract``), outside the steps above: a retracted
#: claim goes back to in-progress only, on purpose (``set_status``).
RETRACTED = "retracted"

#: How a piece of evidence bears on its claim.
STANCES: tuple[str, ...] = tuple(_core.STANCES)

#: What a source is.
SOURCE_KINDS: tuple[str, ...] = tuple(_core.SOURCE_KINDS)

#: The type of every event a ledger records, in the order the core lists them.
EVENT_TYPES: tuple[str, ...] = tuple(_core.EVENT_TYPES)

#: A source's reliability on the Admiralty scale, A to F: grade -> what it means (read-only).
RELIABILITY_GRADES: Mapping[str, str] = MappingProxyType(dict(_core.RELIABILITY_GRADES))

#: A piece of information's credibility on the Admiralty scale, 1 to 6: grade -> meaning.
CREDIBILITY_GRADES: Mapping[str, str] = MappingProxyType(dict(_core.CREDIBILITY_GRADES))

#: The names of the rating scales built into the core.
BUILTIN_SCALES: tuple[str, ...] = tuple(_core.BUILTIN_SCALES)

#: Where a quote of an old snapshot stands in a new version (Workbench.reanchor), from
#: best to worst.
REANCHOR_STATUSES: tuple[str, ...] = tuple(_core.REANCHOR_STATUSES)

#: The candidate score from which a sentence counts as check-worthy (``candidates()``); the
#: share of sentences at or above it that are check-worthy on held-out debates is in
#: bench/README.md ("Benchmarks of the field").
CHECK_WORTHY_SCORE: float = float(_core.CHECK_WORTHY_SCORE)
