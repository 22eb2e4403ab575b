"""How claimledger's objects look to a person: HTML for Jupyter (``_repr_html_``) and
short plain text for ``repr()``.

A ``Claim`` shows as a card, an ``Event`` as what it changed with its hashes and data, a
``VerifyReport`` as a green or red box, a ``Source`` and a ``TrackRecord`` as small panels
(:mod:`claimledger.notebook` registers these as the records' views). The workbench-aware
views (:class:`ClaimCard`, :class:`HistoryView`, :class:`SourceCard`), made by
``wb.claim_card(id)``, ``wb.history_view(id)`` and ``wb.source_card(id)``, also resolve
ids to names, show evidence with its source, and colour ratings on the ledger's own
scale. :mod:`claimledger.notebook.report` puts the same pieces into one HTML page.

The modules: ``html`` (the small pieces and escaping), ``palette`` (colours and labels
per word of the vocabulary), ``claims``, ``history``, ``sources`` and ``checks`` (verify
and re-anchor reports).
"""

from __future__ import annotations

from .checks import reanchor_html, reanchor_text, verify_html, verify_text
from .claims import ClaimCard, claim_html, claim_text
from .history import HistoryView, event_html, event_text, history_html, history_text
from .html import esc, rating_colour, short_hash
from .palette import GREY
from .records import results_html, results_text, workbench_html
from .sources import SourceCard, source_html, source_text, track_record_html, track_record_text

__all__ = [
    "GREY",
    "esc",
    "short_hash",
    "rating_colour",
    "claim_html",
    "claim_text",
    "event_html",
    "event_text",
    "history_html",
    "history_text",
    "verify_html",
    "verify_text",
    "reanchor_html",
    "reanchor_text",
    "source_html",
    "source_text",
    "track_record_html",
    "track_record_text",
    "ClaimCard",
    "HistoryView",
    "SourceCard",
    "results_html",
    "results_text",
    "workbench_html",
]
