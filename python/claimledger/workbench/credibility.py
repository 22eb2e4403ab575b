"""Credibility in a desk: rating a source's reliability (the Admiralty grades A to F) and
what the verdicts on its claims say of it (a track record with a smoothed truth score).

:class:`CredibilityMethods` is part of the workbench:
:class:`~claimledger.workbench.LedgerWorkbench` inherits these methods.
"""

from __future__ import annotations

from .. import model as m
from ..errors import InvalidInputError
from .arguments import IdLike, checked_flag, id_of, required_text

__all__ = ["CredibilityMethods"]


class CredibilityMethods:
    """The workbench's methods about sources' reliability and track records."""

    def rate_source(self, source_id: IdLike, grade: str, *, rationale: str) -> m.SourceRating:
        """Rates a source's reliability on the Admiralty scale: A (completely reliable),
        B (usually), C (fairly), D (not usually), E (unreliable), F (cannot be judged)."""
        return m.rating_from_core(
            self._core.rate_source(
                id_of(source_id, "source"),
                required_text(grade, "grade"),
                required_text(rationale, "rationale"),
            )
        )

    def source_ratings(self, source_id: IdLike) -> list[m.SourceRating]:
        return [
            m.rating_from_core(r) for r in self._core.source_ratings(id_of(source_id, "source"))
        ]

    def track_record(self, source_id: IdLike) -> m.TrackRecord:
        """How the claims of a source fared: current verdicts by rating, a smoothed truth
        score (prior Beta(1, 1)) with its 95% credible interval, and the score by year
        (the year of the claim's date: as given, else its snapshot's published or retrieved
        date, else when it was recorded)."""
        return m.track_record_from_core(self._core.track_record(id_of(source_id, "source")))

    def sources_report(self, *, sort_by: str = "score", ascending: bool = False):
        """Every source with its kind, reliability and track record, one row each (an alias
        has no row: it counts for the source it is an alias of), sorted
        by ``score``, ``volume`` (claims with a verdict) or ``name``. A pandas DataFrame
        when pandas is installed, else a list of dicts."""
        keys = {"score": "score", "volume": "verdicts", "name": "name"}
        ascending = checked_flag(ascending, "ascending")
        if not isinstance(sort_by, str) or sort_by not in keys:
            raise InvalidInputError(
                f"[claimledger.report.sort] cannot sort by sort_by={sort_by!r}; accepted: "
                + ", ".join(keys),
                "claimledger.report.sort",
            )
        records = {r.source: m.track_record_from_core(r) for r in self._core.track_records()}
        rows = []
        for source in self.sources():
            if source.alias_of is not None:
                continue
            record = records.get(source.id)
            rows.append(
                {
                    "id": source.id,
                    "name": source.name,
                    "kind": source.kind,
                    "reliability": source.reliability,
                    "verdicts": record.verdicts if record else 0,
                    "rated": record.rated if record else 0,
                    "score": record.score if record and record.rated else None,
                    "low": record.low if record and record.rated else None,
                    "high": record.high if record and record.rated else None,
                }
            )
        key = keys[sort_by]
        missing = [r for r in rows if r[key] is None]
        present = sorted(
            (r for r in rows if r[key] is not None), key=lambda r: r[key], reverse=not ascending
        )
        rows = present + missing  # sources with nothing to score last
        try:
            import pandas as pd
        except ImportError:
            return rows
        return pd.DataFrame(
            rows,
            columns=[
                "id",
                "name",
                "kind",
                "reliability",
                "verdicts",
                "rated",
                "score",
                "low",
                "high",
            ],
        )
