"""Sources and track records: a source with its reliability grade and what it means, a
track record (verdict counts by rating, the smoothed truth score with its interval), and
:class:`SourceCard`, made by ``wb.source_card(id)``, with both and the rating history.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional

from ... import model as m
from ...vocabulary import RELIABILITY_GRADES
from ..scores import Scorer, known_score, workbench_scorer
from .html import (
    BOX,
    MUTED,
    clip,
    code,
    esc,
    grade_badge,
    interval_bar,
    link,
    rating_badge,
    section,
    table,
    when,
)

__all__ = [
    "SourceCard",
    "source_html",
    "source_text",
    "track_record_html",
    "track_record_text",
]


def _track_body(record: m.TrackRecord, score: Scorer) -> str:
    if not record.verdicts:
        return f'<div style="{MUTED}">No claims with a verdict yet.</div>'
    counts = " ".join(
        f"{rating_badge(label, score(label))} ×{n}"
        for label, n in sorted(record.counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    parts = [f"<div>{counts}</div>"]
    if record.rated:
        parts.append(
            f'<div style="margin-top:6px">truth score <strong>{record.score:.2f}</strong> '
            f"{interval_bar(record.score, record.low, record.high)} "
            f'<span style="{MUTED}">95% interval {record.low:.2f}–{record.high:.2f} from '
            f"{record.rated} verdict(s) on the truth axis, prior {esc(record.prior)}</span></div>"
        )
    else:
        parts.append(f'<div style="{MUTED}">No verdicts on the true-to-false axis.</div>')
    if len(record.by_year) > 1:
        rows = [(esc(y.year), esc(y.rated), f"{y.score:.2f}") for y in record.by_year]
        parts.append(table(["year", "rated", "score"], rows))
    return "".join(parts)


def track_record_html(record: m.TrackRecord, score: Optional[Scorer] = None) -> str:
    """A track record: verdict counts by rating, the smoothed score with its interval."""
    return (
        f'<div class="claimledger cl-track" data-source="{esc(record.source)}" style="{BOX}">'
        f'<div style="font-weight:600">Track record of {code(record.source)}: '
        f"{record.verdicts} claim(s) with a verdict</div>"
        f"{_track_body(record, score or known_score)}</div>"
    )


def track_record_text(record: m.TrackRecord) -> str:
    """``<TrackRecord src_…: 7 verdicts, score 0.84 [0.54, 0.99]>``."""
    if not record.rated:
        return f"<TrackRecord {record.source}: {record.verdicts} verdicts, none on the truth axis>"
    return (
        f"<TrackRecord {record.source}: {record.verdicts} verdicts, score {record.score:.2f} "
        f"[{record.low:.2f}, {record.high:.2f}]>"
    )


def _source_body(source: m.Source) -> str:
    meaning = RELIABILITY_GRADES.get(source.reliability or "", "not rated yet")
    rows = [
        ("kind", esc(source.kind)),
        ("reliability", f"{grade_badge(source.reliability)} {esc(meaning)}"),
    ]
    if source.url:
        rows.append(("url", link(source.url)))
    if source.affiliation:
        rows.append(("affiliation", esc(source.affiliation)))
    if source.ref:
        rows.append(("ref", code(source.ref)))
    for key, value in sorted((source.attributes or {}).items()):
        rows.append((str(key), esc(value)))
    return (
        '<table style="font-size:13px;margin-top:4px">'
        + "".join(
            f'<tr><th style="text-align:left;padding:2px 10px 2px 0;{MUTED};font-weight:600">'
            f'{esc(k)}</th><td style="padding:2px 0">{v}</td></tr>'
            for k, v in rows
        )
        + "</table>"
    )


def source_html(source: m.Source) -> str:
    """A source: name, kind, reliability grade and what it means, url, affiliation."""
    return SourceCard(source)._repr_html_()


def source_text(source: m.Source) -> str:
    """``<Source src_… "Reuters" (outlet, reliability B)>``."""
    grade = f"reliability {source.reliability}" if source.reliability else "not rated"
    return f'<Source {source.id} "{clip(source.name, 60)}" ({source.kind}, {grade})>'


class SourceCard:
    """A source with its reliability, its rating history and its track record. Made by
    ``wb.source_card(id)``; a bare :class:`~claimledger.Source` shows without the last
    two."""

    def __init__(
        self,
        source: m.Source,
        *,
        track_record: Optional[m.TrackRecord] = None,
        ratings: Sequence[m.SourceRating] = (),
        score: Optional[Scorer] = None,
    ) -> None:
        self.source = source
        self.track_record = track_record
        self.ratings = list(ratings)
        self.score: Scorer = score or known_score

    @classmethod
    def from_workbench(cls, wb: Any, source: Any) -> SourceCard:
        found = wb.source(source)
        return cls(
            found,
            track_record=wb.track_record(found.id),
            ratings=wb.source_ratings(found.id),
            score=workbench_scorer(wb),
        )

    def _repr_html_(self) -> str:
        s = self.source
        parts = [
            f'<div style="display:flex;gap:8px;align-items:center;flex-wrap:wrap">'
            f'<span class="cl-source-name" style="font-size:16px;font-weight:600">{esc(s.name)}'
            f"</span>{grade_badge(s.reliability)}"
            f'<span style="margin-left:auto">{code(s.id)}</span></div>',
            _source_body(s),
        ]
        if self.ratings:
            rows = [
                (esc(when(r.at)), esc(r.actor), grade_badge(r.grade), esc(r.rationale))
                for r in self.ratings
            ]
            parts.append(
                section("Reliability ratings", table(["when", "who", "grade", "why"], rows))
            )
        if self.track_record is not None:
            parts.append(section("Track record", _track_body(self.track_record, self.score)))
        return (
            f'<div class="claimledger cl-source" data-source="{esc(s.id)}" style="{BOX}">'
            + "".join(parts)
            + "</div>"
        )

    def __repr__(self) -> str:
        lines = [source_text(self.source)]
        for r in self.ratings:
            lines.append(f"  rated {r.grade} by {r.actor}, {when(r.at)}: {clip(r.rationale, 100)}")
        if self.track_record is not None:
            lines.append("  " + track_record_text(self.track_record))
        return "\n".join(lines)
