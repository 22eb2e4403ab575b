"""The small records: a quote, a quantity, a snapshot, a verdict, a piece of evidence, a
source's rating, search hits, near duplicates, candidates, merge reports, verify problems,
checkpoints, and lists of results as one table.

Each has a one-line ``repr()`` (``<Evidence evd_… supports clm_…: "…">``) and a small HTML
panel for Jupyter: a title line and its fields, every value escaped. A list of results
(:class:`claimledger.model.Results`) shows as a table, one row per result.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Callable

from ... import model as m
from ...files import shown_location
from ..scores import known_score
from .claims import quantity_text
from .html import (
    BOX,
    MUTED,
    badge,
    clip,
    code,
    esc,
    link,
    quote_html,
    rating_badge,
    short_hash,
    stance_badge,
    table,
    when,
)
from .palette import GREY, REANCHOR_COLOURS

__all__ = ["RECORD_VIEWS", "results_html", "results_text", "workbench_html"]


def _panel(kind: str, head: str, rows: Sequence[tuple[str, str]]) -> str:
    """A record's panel: `head` (HTML) on top, then its fields (name, HTML value)."""
    body = "".join(
        f'<tr><th style="text-align:left;padding:2px 10px 2px 0;{MUTED};font-weight:600;'
        f'vertical-align:top">{esc(name)}</th><td style="padding:2px 0">{value}</td></tr>'
        for name, value in rows
        if value not in ("", None)
    )
    table_html = f'<table style="font-size:13px;margin-top:4px">{body}</table>' if body else ""
    return f'<div class="claimledger cl-{kind}" style="{BOX}"><div>{head}</div>{table_html}</div>'


def _rating(rating: Any) -> str:
    return rating_badge(rating, known_score(rating)) if rating else "no verdict"


def _rated(claim: m.Claim) -> str:
    return claim.verdict.rating if claim.verdict else "no verdict"


def _origin(record: Any) -> str:
    return esc(f"{when(record.at)} by {record.actor} (event {record.seq})")


# --- quotes and quantities ----------------------------------------------------------------


def quote_text(q: m.Quote) -> str:
    return f'<Quote "{clip(q.exact, 80)}" in {short_hash(q.snapshot)} [{q.start}:{q.end}]>'


def quote_panel(q: m.Quote) -> str:
    return _panel(
        "quote",
        quote_html(q),
        [("snapshot", code(q.snapshot)), ("position", esc(f"code points {q.start}–{q.end}"))],
    )


def quantity_record_text(q: m.Quantity) -> str:
    return f"<Quantity {quantity_text(q)}>"


def quantity_panel(q: m.Quantity) -> str:
    return _panel(
        "quantity",
        esc(quantity_text(q)),
        [
            ("value", esc(q.value)),
            ("low", esc(q.low)),
            ("high", esc(q.high)),
            ("unit", esc(q.unit)),
            ("qualifier", esc(q.qualifier)),
        ],
    )


# --- snapshots, verdicts, evidence, ratings -------------------------------------------------


def snapshot_text(s: m.Snapshot) -> str:
    title = f' "{clip(s.title, 60)}"' if s.title else ""
    published = f", published {s.published}" if s.published else ""
    return f"<Snapshot {short_hash(s.hash)}{title} {s.size:,} bytes{published}>"


def snapshot_panel(s: m.Snapshot) -> str:
    head = f"<strong>{esc(s.title or 'Snapshot')}</strong> {code(short_hash(s.hash), s.hash)}"
    return _panel(
        "snapshot",
        head,
        [
            ("hash", code(s.hash)),
            ("url", link(s.url) if s.url else ""),
            ("publisher", code(s.publisher) if s.publisher else ""),
            ("published", esc(s.published)),
            ("retrieved", esc(s.retrieved)),
            ("size", esc(f"{s.size:,} bytes")),
            ("sha256", code(s.sha256)),
            ("captured", _origin(s)),
        ],
    )


def verdict_text(v: m.Verdict) -> str:
    return f'<Verdict {v.claim} {v.rating} by {v.actor}, {when(v.at)}: "{clip(v.rationale, 80)}">'


def verdict_panel(v: m.Verdict) -> str:
    return _panel(
        "verdict",
        f"{_rating(v.rating)} on {code(v.claim)}",
        [
            ("rationale", esc(v.rationale)),
            ("evidence", " ".join(code(e) for e in v.evidence)),
            ("made", _origin(v)),
        ],
    )


def evidence_text(e: m.Evidence) -> str:
    return f'<Evidence {e.id} {e.stance} {e.claim}: "{clip(e.quote.exact, 80)}">'


def evidence_panel(e: m.Evidence) -> str:
    return _panel(
        "evidence",
        f"{stance_badge(e.stance)} {quote_html(e.quote)}",
        [
            ("id", code(e.id)),
            ("claim", code(e.claim)),
            ("snapshot", code(e.quote.snapshot)),
            ("credibility", esc(e.credibility)),
            ("note", esc(e.note)),
            ("linked", _origin(e)),
        ],
    )


def source_rating_text(r: m.SourceRating) -> str:
    return f'<SourceRating {r.source} {r.grade} by {r.actor}: "{clip(r.rationale, 80)}">'


def source_rating_panel(r: m.SourceRating) -> str:
    return _panel(
        "source-rating",
        f"<strong>{esc(r.grade)}</strong> for {code(r.source)}",
        [("rationale", esc(r.rationale)), ("rated", _origin(r))],
    )


def year_score_text(y: m.YearScore) -> str:
    return f"<YearScore {y.year}: score {y.score:.2f} from {y.rated} rated>"


def year_score_panel(y: m.YearScore) -> str:
    return _panel("year", f"<strong>{esc(y.year)}</strong>: score {y.score:.2f}", [])


def mapping_text(r: m.RatingMapping) -> str:
    lossy = " (lossy)" if r.lossy else ""
    return f"<RatingMapping {r.source_label} → {r.target_label or 'none'}{lossy}>"


def mapping_panel(r: m.RatingMapping) -> str:
    head = f"{esc(r.source_label)} → <strong>{esc(r.target_label or 'none')}</strong>"
    return _panel("mapping", head, [("lossy", esc(r.lossy)), ("note", esc(r.note))])


# --- finding things -----------------------------------------------------------------------


def search_hit_text(h: m.SearchHit) -> str:
    return f'<SearchHit {h.score:.2f} {h.claim.id} [{_rated(h.claim)}]: "{clip(h.snippet, 80)}">'


def search_hit_panel(h: m.SearchHit) -> str:
    return _panel(
        "search-hit",
        f"{_rating(h.claim.verdict and h.claim.verdict.rating)} {esc(h.claim.text)}",
        [
            ("score", esc(f"{h.score:.2f}")),
            ("snippet", esc(h.snippet)),
            ("claim", code(h.claim.id)),
        ],
    )


def snapshot_hit_text(h: m.SnapshotHit) -> str:
    return f'<SnapshotHit {h.score:.2f} {short_hash(h.snapshot.hash)}: "{clip(h.snippet, 80)}">'


def snapshot_hit_panel(h: m.SnapshotHit) -> str:
    return _panel(
        "snapshot-hit",
        f"<strong>{esc(h.snapshot.title or h.snapshot.url or 'Snapshot')}</strong>",
        [
            ("score", esc(f"{h.score:.2f}")),
            ("snippet", esc(h.snippet)),
            ("snapshot", code(h.snapshot.hash)),
        ],
    )


def similar_hit_text(h: m.SimilarHit) -> str:
    return f'<SimilarHit {h.score:.2f} {h.claim.id} [{_rated(h.claim)}] "{clip(h.claim.text, 80)}">'


def similar_hit_panel(h: m.SimilarHit) -> str:
    return _panel(
        "similar-hit",
        f"{_rating(h.claim.verdict and h.claim.verdict.rating)} {esc(h.claim.text)}",
        [("similarity", esc(f"{h.score:.2f}")), ("claim", code(h.claim.id))],
    )


def _features(c: m.Candidate) -> str:
    return " ".join(f"{name}{weight:+.2f}" for name, weight in c.features.items())


def _main_features(c: m.Candidate, count: int = 3) -> str:
    """The `count` features that weighed most (cue words left out), then "…" if more."""
    named = [(n, w) for n, w in c.features.items() if not n.startswith("word:")]
    named.sort(key=lambda item: -abs(item[1]))
    shown = " ".join(f"{name}{weight:+.2f}" for name, weight in named[:count])
    return shown + (" …" if len(c.features) > len(named[:count]) else "")


def candidate_text(c: m.Candidate) -> str:
    features = f" {_main_features(c)}" if c.features else ""
    return f'<Candidate {c.score:.2f} [{c.start}:{c.end}] "{clip(c.text, 80)}"{features}>'


def candidate_panel(c: m.Candidate) -> str:
    return _panel(
        "candidate",
        f"<strong>{c.score:.2f}</strong> {esc(c.text)}",
        [
            ("features", esc(_features(c))),
            ("quantities", esc("; ".join(quantity_text(q) for q in c.quantities))),
            ("speaker", esc(c.speaker)),
            ("said by", esc(c.said_by)),
            ("position", esc(f"code points {c.start}–{c.end}")),
            ("snapshot", code(c.snapshot) if c.snapshot else ""),
        ],
    )


def reanchored_text(q: m.ReanchoredQuote) -> str:
    new = f' → "{clip(q.new.exact, 40)}"' if q.new is not None else ""
    return (
        f'<ReanchoredQuote {q.status} {q.evidence or q.claim}: "{clip(q.old.exact, 40)}"{new} '
        f"({q.score:.2f})>"
    )


def reanchored_panel(q: m.ReanchoredQuote) -> str:
    status = badge(q.status, REANCHOR_COLOURS.get(q.status, GREY))
    return _panel(
        "reanchored",
        f"{status} {code(q.evidence or q.claim)}",
        [
            ("old", quote_html(q.old, context=False)),
            ("new", quote_html(q.new, context=False) if q.new is not None else "—"),
            ("score", esc(f"{q.score:.2f}")),
            ("why", esc(q.detail)),
        ],
    )


def review_text(r: m.ReviewNeeded) -> str:
    rests = [*r.evidence, *(["its own quote"] if r.appearance else [])]
    return f"<ReviewNeeded {r.claim} [{r.rating or 'no verdict'}]: {', '.join(rests)}>"


def review_panel(r: m.ReviewNeeded) -> str:
    return _panel(
        "review",
        f"{code(r.claim)} {_rating(r.rating)}",
        [
            ("evidence", " ".join(code(e) for e in r.evidence)),
            ("its own quote", "changed" if r.appearance else ""),
            ("verdict cites it", "yes" if r.verdict_cites else ""),
        ],
    )


# --- merging, verifying, checkpoints --------------------------------------------------------


def conflict_text(c: m.MergeConflict) -> str:
    return f"<MergeConflict {c.claim}: here {c.local_rating}, there {c.other_rating}>"


def conflict_panel(c: m.MergeConflict) -> str:
    return _panel(
        "conflict",
        f"{code(c.claim)}: here {_rating(c.local_rating)}, there {_rating(c.other_rating)}",
        [],
    )


def merge_text(r: m.MergeReport) -> str:
    conflicts = f", {len(r.conflicts)} conflict(s)" if r.conflicts else ""
    return (
        f"<MergeReport {r.added} events merged from {short_hash(r.other)}, "
        f"{r.skipped} already here{conflicts}>"
    )


def merge_panel(r: m.MergeReport) -> str:
    rows = [(code(c.claim), _rating(c.local_rating), _rating(c.other_rating)) for c in r.conflicts]
    conflicts = (
        f'<div style="margin-top:6px">{len(r.conflicts)} claim(s) whose verdicts differ: set the '
        "verdict again to decide</div>" + table(["claim", "here", "there"], rows)
        if rows
        else ""
    )
    head = (
        f"<strong>Merged {r.added:,} event(s)</strong> from {code(short_hash(r.other), r.other)}"
        f"; {r.skipped:,} already here"
    )
    return f'<div class="claimledger cl-merge" style="{BOX}">{head}{conflicts}</div>'


def problem_text(p: m.Problem) -> str:
    where = f" at event {p.seq}" if p.seq else ""
    return f"<Problem {p.kind}{where}: {clip(p.detail, 100)}>"


def problem_panel(p: m.Problem) -> str:
    where = f" at event {esc(p.seq)}" if p.seq else ""
    return _panel("problem", f"{code(p.kind)}{where}", [("detail", esc(p.detail))])


def checkpoint_text(c: m.Checkpoint) -> str:
    return f"<Checkpoint event {c.seq} {short_hash(c.hash)} of ledger {short_hash(c.ledger)}>"


def checkpoint_panel(c: m.Checkpoint) -> str:
    return _panel(
        "checkpoint",
        f"<strong>Head of the chain</strong>: event {esc(c.seq)}",
        [("hash", code(c.hash)), ("ledger", code(c.ledger)), ("at", esc(c.at))],
    )


#: record type -> (its one-line text, its HTML panel).
RECORD_VIEWS: dict[type, tuple[Callable[[Any], str], Callable[[Any], str]]] = {
    m.Quote: (quote_text, quote_panel),
    m.Quantity: (quantity_record_text, quantity_panel),
    m.Snapshot: (snapshot_text, snapshot_panel),
    m.Verdict: (verdict_text, verdict_panel),
    m.Evidence: (evidence_text, evidence_panel),
    m.SourceRating: (source_rating_text, source_rating_panel),
    m.YearScore: (year_score_text, year_score_panel),
    m.RatingMapping: (mapping_text, mapping_panel),
    m.SearchHit: (search_hit_text, search_hit_panel),
    m.SnapshotHit: (snapshot_hit_text, snapshot_hit_panel),
    m.SimilarHit: (similar_hit_text, similar_hit_panel),
    m.Candidate: (candidate_text, candidate_panel),
    m.ReanchoredQuote: (reanchored_text, reanchored_panel),
    m.ReviewNeeded: (review_text, review_panel),
    m.MergeConflict: (conflict_text, conflict_panel),
    m.MergeReport: (merge_text, merge_panel),
    m.Problem: (problem_text, problem_panel),
    m.Checkpoint: (checkpoint_text, checkpoint_panel),
}


# --- lists of results -----------------------------------------------------------------------


def _result_row(item: Any) -> tuple[str, ...]:
    if isinstance(item, m.SearchHit):
        return (
            esc(f"{item.score:.2f}"),
            _rating(item.claim.verdict and item.claim.verdict.rating),
            esc(item.snippet),
            code(item.claim.id),
        )
    if isinstance(item, m.SimilarHit):
        return (
            esc(f"{item.score:.2f}"),
            _rating(item.claim.verdict and item.claim.verdict.rating),
            esc(item.claim.text),
            code(item.claim.id),
        )
    if isinstance(item, m.SnapshotHit):
        title = item.snapshot.title or item.snapshot.url or ""
        return (esc(f"{item.score:.2f}"), esc(title), esc(item.snippet), code(item.snapshot.hash))
    if isinstance(item, m.Candidate):
        return (
            esc(f"{item.score:.2f}"),
            esc(_main_features(item, 4)),
            esc(item.text),
            esc(f"{item.start}–{item.end}"),
        )
    return ("", "", esc(repr(item)), "")


#: The columns of each kind of result's table.
_RESULT_COLUMNS = {
    m.SearchHit: ("score", "verdict", "snippet", "claim"),
    m.SimilarHit: ("similarity", "verdict", "claim text", "claim"),
    m.SnapshotHit: ("score", "title", "snippet", "snapshot"),
    m.Candidate: ("score", "features", "sentence", "position"),
}

#: How many rows a list of results shows in Jupyter (all of them are in ``frame()``).
SHOWN = 50


def results_html(results: m.Results) -> str:
    """A table of the results, best first (at most :data:`SHOWN` rows)."""
    name = results.kind.__name__
    if not results:
        return f'<div class="claimledger cl-results" style="{BOX};{MUTED}">No {name} results.</div>'
    rows = [_result_row(item) for item in results[:SHOWN]]
    more = (
        f'<div style="{MUTED};margin-top:4px">{len(results) - SHOWN:,} more: '
        "<code>.frame()</code> has them all</div>"
        if len(results) > SHOWN
        else ""
    )
    columns = _RESULT_COLUMNS.get(results.kind, ("", "", "result", ""))
    return (
        f'<div class="claimledger cl-results" data-kind="{esc(name)}" style="{BOX}">'
        f"<strong>{len(results):,} {esc(name)} result(s)</strong>"
        + table(columns, rows)
        + more
        + "</div>"
    )


def results_text(results: m.Results) -> str:
    """The results' short reprs, one a line (the first ten, then how many more)."""
    if not results:
        return "[]"
    lines = [repr(item) for item in results[:10]]
    if len(results) > 10:
        lines.append(f"… {len(results) - 10:,} more {results.kind.__name__} results")
    return "[" + ",\n ".join(lines) + "]"


# --- the desk ---------------------------------------------------------------------------------


def workbench_html(wb: Any) -> str:
    """A desk: its file or server (without a password), scale, identity, events, and who
    writes (or that it is closed, or a read-only view of the past)."""
    name = f"<strong>claimledger desk</strong> {code(shown_location(wb.path))}"
    if getattr(wb, "_wb", None) is None:
        return _panel("desk", name, [("state", "closed")])
    past = wb.as_of_seq
    return _panel(
        "desk",
        name,
        [
            ("state", esc(f"read-only view as of event {past}") if past is not None else ""),
            ("scale", esc(f"{wb.scale}: {', '.join(wb.ratings)}")),
            ("events", esc(f"{wb.event_count():,}")),
            ("identity", code(wb.identity)),
            ("actor", esc(wb.actor) if past is None else ""),
        ],
    )
