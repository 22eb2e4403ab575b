"""The colours and labels of the notebook views, one per word of the ledger's vocabulary.

Each map is keyed by the words of :mod:`claimledger.vocabulary` (which the core defines):
a colour per claim status, evidence stance, reliability grade, event type and re-anchor
status, and a label per event type. The tests check that every word has its entry, so a
word the core adds shows up as a failing test, not as a grey badge.
"""

from __future__ import annotations

__all__ = [
    "GREY",
    "HIGHLIGHT",
    "STANCE_COLOURS",
    "STATUS_COLOURS",
    "GRADE_COLOURS",
    "EVENT_LABELS",
    "EVENT_COLOURS",
    "REANCHOR_COLOURS",
]

#: For what has no colour of its own (a rating off the truth axis, an unknown word).
GREY = "#6e7781"
#: The background of what changed (a verdict in a history).
HIGHLIGHT = "#fff8c5"

STANCE_COLOURS = {"supports": "#1a7f37", "refutes": "#cf222e", "context": "#0969da"}
STATUS_COLOURS = {
    "new": "#6e7781",
    "published-elsewhere": "#1b7c83",
    "in-progress": "#0969da",
    "reviewed": "#8250df",
    "published": "#1a7f37",
    "retracted": "#cf222e",  # withdrawn (wb.retract): not one of the steps of the workflow
}
#: A colour per Admiralty reliability grade, from green (A, completely reliable) to grey (F).
GRADE_COLOURS = {
    "A": "#116329",
    "B": "#1a7f37",
    "C": "#9a6700",
    "D": "#bc4c00",
    "E": "#cf222e",
    "F": "#6e7781",
}
EVENT_LABELS = {
    "ledger.created": "ledger created",
    "source.added": "source added",
    "snapshot.added": "snapshot captured",
    "claim.added": "claim added",
    "evidence.linked": "evidence linked",
    "verdict.set": "verdict",
    "status.set": "status",
    "source.rated": "source rated",
    "checkpoint.signed": "checkpoint signed",
    "verdict.conflict": "verdict conflict",
    "claim.retracted": "claim retracted",
    "evidence.unlinked": "evidence unlinked",
    "claim.corrected": "claim corrected",
    "source.merged": "sources merged",
}
EVENT_COLOURS = {
    "ledger.created": "#6e7781",
    "source.added": "#0969da",
    "snapshot.added": "#0969da",
    "claim.added": "#8250df",
    "evidence.linked": "#1a7f37",
    "verdict.set": "#bf8700",
    "status.set": "#6e7781",
    "source.rated": "#bc4c00",
    "checkpoint.signed": "#1a7f37",
    "verdict.conflict": "#cf222e",
    "claim.retracted": "#cf222e",
    "evidence.unlinked": "#9a6700",
    "claim.corrected": "#8250df",
    "source.merged": "#0969da",
}
REANCHOR_COLOURS = {
    "exact": "#1a7f37",
    "moved": "#0969da",
    "changed": "#9a6700",
    "orphaned": "#cf222e",
}
