"""The notebook layer: how a desk looks to a person in Jupyter and in a browser.

- :mod:`.display`: HTML and one-line text of claims, events, histories, verify and
  re-anchor reports, sources and track records; the cards and the timeline;
- :mod:`.frames`: pandas DataFrames of a desk, and claims or sources added from one;
- :mod:`.plots`: matplotlib figures (verdicts, a source's track record, a claim's history);
- :mod:`.report`: the desk as one self-contained HTML page;
- :mod:`.methods`: :class:`NotebookMethods`, the ``wb.claims_frame()``, ``wb.plot_*()``,
  ``wb.claim_card()``, ``wb.report()`` ... of the public ``claimledger.Workbench``.

Importing this package registers the views of the records (:func:`claimledger.model.
register_view`): their ``repr()`` text, their HTML in Jupyter, and the DataFrames of the
re-anchor report and of lists of results (search hits, near duplicates, candidates). This
layer sits above the workbench; pandas and matplotlib are imported only when a frame or a
figure is made.
"""

from __future__ import annotations

from .. import model as m
from .display import (
    claim_html,
    claim_text,
    event_html,
    event_text,
    reanchor_html,
    reanchor_text,
    source_html,
    source_text,
    track_record_html,
    track_record_text,
    verify_html,
    verify_text,
)
from .display.records import RECORD_VIEWS, results_html, results_text
from .frames import reanchor_frame, results_frame
from .methods import NotebookMethods

__all__ = ["NotebookMethods"]


def _register_views() -> None:
    """Gives each record its views: text for ``repr()``, HTML for Jupyter, and the
    re-anchor report its DataFrame."""
    for record, text, html in (
        (m.Claim, claim_text, claim_html),
        (m.Event, event_text, event_html),
        (m.Source, source_text, source_html),
        (m.TrackRecord, track_record_text, track_record_html),
        (m.VerifyReport, verify_text, verify_html),
        (m.ReanchorReport, reanchor_text, reanchor_html),
    ):
        m.register_view(record, "text", text)
        m.register_view(record, "html", html)
    for record, (text, html) in RECORD_VIEWS.items():
        m.register_view(record, "text", text)
        m.register_view(record, "html", html)
    m.register_view(m.Results, "text", results_text)
    m.register_view(m.Results, "html", results_html)
    m.register_view(m.ReanchorReport, "frame", reanchor_frame)
    m.register_view(m.Results, "frame", results_frame)


_register_views()
