"""The results of checks: a verify report (a green box, or a red one with its problems in
a table) and a re-anchor report (the quotes of an old snapshot in a new version, and the
claims that need review).
"""

from __future__ import annotations

from ... import model as m
from ..scores import known_score
from .html import (
    BOX,
    badge,
    clip,
    code,
    esc,
    quote_html,
    rating_badge,
    section,
    short_hash,
    table,
)
from .palette import GREY, REANCHOR_COLOURS

__all__ = ["verify_html", "verify_text", "reanchor_html", "reanchor_text"]


def verify_html(report: m.VerifyReport) -> str:
    """A green box when the ledger verified; otherwise red, with the problems as a table."""
    if report.ok:
        return (
            f'<div class="claimledger cl-verify" data-ok="true" style="{BOX};'
            f'border-color:#1a7f37;background:#dafbe1">'
            f'<strong style="color:#116329">✓ Ledger verified</strong>: {report.events:,} events '
            "checked: every hash, every link of the chain, every snapshot's bytes and every "
            "table agree.</div>"
        )
    rows = [
        (
            esc(p.seq if p.seq else "—"),  # 0: not one event's (a table, bytes, the tree)
            f'<span style="white-space:nowrap">{code(p.kind)}</span>',
            esc(p.detail),
        )
        for p in report.problems
    ]
    hint = ""
    if report.problems and all(p.kind == "projection-mismatch" for p in report.problems):
        hint = (
            '<div style="margin-top:6px">The events are intact; only the tables of current '
            "state differ. <code>wb.rebuild()</code> regenerates them.</div>"
        )
    return (
        f'<div class="claimledger cl-verify" data-ok="false" style="{BOX};'
        f'border-color:#cf222e;background:#ffebe9">'
        f'<strong style="color:#a40e26">✗ Verification failed</strong>: '
        f"{len(report.problems)} problem(s) in {report.events:,} events."
        + table(["seq", "kind", "detail"], rows, attrs=' class="cl-problems"')
        + hint
        + "</div>"
    )


def verify_text(report: m.VerifyReport) -> str:
    """``<VerifyReport ok: 68 events checked>`` or the problems, on one line."""
    if report.ok:
        return f"<VerifyReport ok: {report.events} events checked>"
    shown = "; ".join(
        f"{p.kind} at event {p.seq}" if p.seq else f"{p.kind}: {clip(p.detail, 80)}"
        for p in report.problems[:3]
    )
    more = f"; {len(report.problems) - 3} more" if len(report.problems) > 3 else ""
    return (
        f"<VerifyReport FAILED: {len(report.problems)} problem(s) in {report.events} events: "
        f"{shown}{more}>"
    )


def reanchor_html(report: m.ReanchorReport) -> str:
    """The statuses counted, the claims that need review, and a row per quote."""
    counts = ", ".join(f"{n} {status}" for status, n in report.counts.items() if n)
    review = "".join(
        f"<li>{code(r.claim)} "
        + (rating_badge(r.rating, known_score(r.rating)) if r.rating else "no verdict")
        + (" (the verdict cites a changed quote)" if r.verdict_cites else "")
        + "</li>"
        for r in report.needs_review
    )
    rows = [
        (
            badge(
                q.status, REANCHOR_COLOURS.get(q.status, GREY), attrs=f' data-status="{q.status}"'
            ),
            code(q.evidence or q.claim),
            quote_html(q.old, context=False),
            quote_html(q.new, context=False) if q.new else "—",
            esc(f"{q.score:.2f}"),
            esc(q.detail),
        )
        for q in report.quotes
    ]
    head = (
        f"<strong>Re-anchored {len(report.quotes)} quote(s)</strong> from "
        f"{code(short_hash(report.old))} in {code(short_hash(report.new))}"
        + (f": {esc(counts)}" if counts else "")
    )
    needs = (
        section(f"{len(report.needs_review)} claim(s) need review", f"<ul>{review}</ul>")
        if report.needs_review
        else ""
    )
    return (
        f'<div class="claimledger cl-reanchor" style="{BOX}">{head}{needs}'
        + table(["status", "quote of", "old", "new", "score", "why"], rows)
        + "</div>"
    )


def reanchor_text(report: m.ReanchorReport) -> str:
    """``<ReanchorReport 3 quotes: 1 exact, 1 changed, 1 orphaned; 2 claims need review>``"""
    counts = ", ".join(f"{n} {status}" for status, n in report.counts.items() if n)
    return (
        f"<ReanchorReport {len(report.quotes)} quotes"
        + (f": {counts}" if counts else "")
        + f"; {len(report.needs_review)} claims need review>"
    )
