"""The workbench's notebook methods: DataFrames (``wb.claims_frame()`` ...), figures
(``wb.plot_verdicts()`` ...), cards and timelines that Jupyter shows as HTML
(``wb.claim_card(id)`` ...) and the HTML report (``wb.report()``).

:class:`NotebookMethods` is mixed into the public ``claimledger.Workbench`` (in
:mod:`claimledger.desk`); each method is a thin call into :mod:`.frames`, :mod:`.plots`,
:mod:`.display` or :mod:`.report`, which import pandas and matplotlib only when called. The
methods use the workbench's public methods only.
"""

from __future__ import annotations

import os
from typing import Any, Optional, Union

from ..workbench import IdLike
from ..workbench.arguments import checked_path, id_of
from .display import ClaimCard, HistoryView, SourceCard, workbench_html
from .frames import claims_frame, events_frame, evidence_frame, from_frame, sources_frame
from .plots import plot_timeline, plot_track_record, plot_verdicts
from .report import render_report, write_report
from .scores import workbench_scorer

__all__ = ["NotebookMethods"]


class NotebookMethods:
    """Frames, plots, cards, timelines and the report of a desk, for notebooks."""

    def _repr_html_(self) -> str:
        """The desk in Jupyter: where it is, its scale, identity and size, who writes."""
        return workbench_html(self)

    def history_frame(self, entity_id: IdLike):
        """:meth:`history` as a pandas DataFrame (one row per event, ``at`` as a UTC
        datetime). Needs pandas: ``pip install claimledger[notebook]``."""
        return events_frame(self.history(entity_id))

    def claims_frame(self, **filters: Any):
        """The claims as a pandas DataFrame, one row each with typed columns (times as UTC
        datetimes, the rating as an ordered categorical on this ledger's scale); `filters`
        as for :meth:`claims`. Needs pandas: ``pip install claimledger[notebook]``."""
        return claims_frame(self, **filters)

    def evidence_frame(self, claim_id: Optional[IdLike] = None):
        """The evidence of one claim, or of every claim, as a pandas DataFrame with the
        stance, the quote and the source it came from."""
        return evidence_frame(self, None if claim_id is None else id_of(claim_id, "claim"))

    def events_frame(self, start: int = 1, stop: Optional[int] = None):
        """:meth:`events` as a pandas DataFrame (``at`` as a UTC datetime)."""
        return events_frame(self.events(start, stop))

    def sources_frame(self):
        """Every source with its reliability and track record as a pandas DataFrame."""
        return sources_frame(self)

    def from_frame(self, frame: Any, *, what: str = "claims", columns: Any = None) -> list:
        """Adds a claim (or a source, ``what="sources"``) per row of a pandas DataFrame in
        one transaction through :meth:`add_claims` (:meth:`add_sources`); returns the ids.
        Columns are the keywords of :meth:`add_claim` (or ``rating`` and ``rationale``);
        `columns` renames yours first. See :func:`claimledger.notebook.frames.from_frame`."""
        return from_frame(self, frame, what=what, columns=columns)

    def plot_verdicts(self, **options: Any):
        """A matplotlib figure: claims by current verdict, one bar per rating (options:
        ``ax``, ``title`` and the filters of :meth:`claims`)."""
        return plot_verdicts(self, **options)

    def plot_track_record(self, source_id: IdLike, **options: Any):
        """A matplotlib figure: a source's truth score by year with 95% intervals, over
        its overall score (options: ``ax``, ``title``)."""
        return plot_track_record(self, id_of(source_id, "source"), **options)

    def plot_timeline(self, claim_id: IdLike, **options: Any):
        """A matplotlib figure: a claim's events over time, verdicts coloured by rating
        (options: ``ax``, ``title``, ``spacing="time"`` or ``"even"``)."""
        return plot_timeline(self, id_of(claim_id, "claim"), **options)

    def report(self, path: Optional[Union[str, os.PathLike[str]]] = None, **options: Any):
        """The desk as one self-contained HTML page (verify status, claims, verdicts,
        evidence, sources): written to `path`, which is returned, or returned as text
        when `path` is None (options: ``title``, ``limit``, and ``cards="attention"`` for
        cards of only the claims that need attention, as ``claimledger report`` makes)."""
        if path is None:
            return render_report(self, **options)
        return write_report(self, checked_path(path, "path"), **options)

    def claim_card(self, claim_id: IdLike):
        """A claim as a card that Jupyter shows as HTML (``print`` gives text): verdict
        badge, claimant's name, quotes, evidence with stance and source."""
        return ClaimCard.from_workbench(self, id_of(claim_id, "claim"))

    def source_card(self, source_id: IdLike):
        """A source with its reliability ratings and track record, shown as HTML."""
        return SourceCard.from_workbench(self, id_of(source_id, "source"))

    def history_view(self, entity_id: IdLike):
        """:meth:`history` as a timeline that Jupyter shows as HTML (who, when, what
        changed, verdict changes highlighted); also a sequence of the events."""
        entity = id_of(entity_id, "entity_id")
        return HistoryView(
            self.history(entity),
            title=f"History of {entity}",
            names={s.id: s.name for s in self.sources()},
            score=workbench_scorer(self),
        )
