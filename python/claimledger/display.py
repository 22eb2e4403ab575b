"""How claimledger's objects look to a person: HTML for Jupyter (``_repr_html_``), short
plain text for ``repr()``, and the command line's progress meter.

The plain objects of :mod:`claimledger.model` delegate here (a ``Claim`` shows as a card,
an ``Event`` as what it changed with its hashes and data, a ``VerifyReport`` as a green or
red box, a ``Source`` and a ``TrackRecord`` as small panels). The
workbench-aware views (:class:`ClaimCard`, :class:`HistoryView`, :class:`SourceCard`),
built by ``wb.claim_card(id)``, ``wb.history_view(id)`` and ``wb.source_card(id)``, also
resolve ids to names, show evidence with its source, and colour ratings on the ledger's
own scale. :mod:`claimledger.report` puts the same pieces into one HTML page.

Every piece of text that came from a user or a file (claim text, names, quotes, notes,
rationales, actors, event data, even ids) goes through :func:`esc` before it reaches
HTML, so a claim containing ``<script>`` shows as text. Styles are inline (no ``<style>``
element, no scripts), so the HTML looks the same in Jupyter, VS Code, GitHub's notebook
viewer and the self-contained report.
"""

from __future__ import annotations

import colorsys
import html
import json
import sys
import threading
import time
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Sequence

from . import model as m

__all__ = [
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
    "source_html",
    "source_text",
    "track_record_html",
    "track_record_text",
    "ClaimCard",
    "HistoryView",
    "SourceCard",
    "Progress",
    "busy",
]

Scorer = Callable[[str], Optional[float]]

# --- small pieces ---------------------------------------------------------------------------

FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif"
BOX = (
    f"{FONT};max-width:780px;border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;"
    "margin:6px 0;background:#ffffff;color:#1f2328;line-height:1.45;font-size:14px"
)
MUTED = "color:#59636e"
MONO = "font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px"
GREY = "#6e7781"
STANCE_COLOURS = {"supports": "#1a7f37", "refutes": "#cf222e", "context": "#0969da"}
STATUS_COLOURS = {
    "new": "#6e7781",
    "in-progress": "#0969da",
    "reviewed": "#8250df",
    "published": "#1a7f37",
}
GRADES = {
    "A": ("completely reliable", "#116329"),
    "B": ("usually reliable", "#1a7f37"),
    "C": ("fairly reliable", "#9a6700"),
    "D": ("not usually reliable", "#bc4c00"),
    "E": ("unreliable", "#cf222e"),
    "F": ("reliability cannot be judged", "#6e7781"),
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
}
HIGHLIGHT = "#fff8c5"


def esc(value: Any) -> str:
    """`value` as text safe to put in HTML content or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def short_hash(value: Optional[str], digits: int = 8) -> str:
    """``xxh3-128:c34f08a9…`` for a long hash; ids and short text are left as they are."""
    if not value:
        return ""
    algorithm, sep, digest = value.partition(":")
    if sep and len(digest) > digits:
        return f"{algorithm}:{digest[:digits]}…"
    return value


def clip(text: Optional[str], limit: int) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis."""
    flat = " ".join(str(text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def when(at: Optional[str]) -> str:
    """``2026-11-28 14:52:01 UTC`` for an RFC 3339 UTC time; other text as it is."""
    if not at:
        return ""
    if len(at) >= 19 and at[10] == "T" and at.endswith("Z"):
        return f"{at[:10]} {at[11:19]} UTC"
    return at


def _hex(hue: float, lightness: float, saturation: float) -> str:
    r, g, b = colorsys.hls_to_rgb(hue, lightness, saturation)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def rating_colour(score: Optional[float]) -> str:
    """The badge colour of a rating with truth score `score` (1 = true, 0 = false): a hue
    from red (false) through amber to green (true), dark enough for white text; grey
    for a rating off the truth axis (None)."""
    if score is None:
        return GREY
    score = min(1.0, max(0.0, float(score)))
    return _hex(score / 3.0, 0.36, 0.75)  # hue 0 deg (red) .. 120 deg (green)


_KNOWN_SCORES: Optional[dict] = None


def known_score(label: str) -> Optional[float]:
    """The truth score of `label` on the first built-in scale that has it (default first),
    for objects shown without their ledger; None when no built-in scale has it."""
    global _KNOWN_SCORES
    if _KNOWN_SCORES is None:
        from .scales import BUILTIN_SCALES, scale_ratings

        scores: dict = {}
        for name in BUILTIN_SCALES:
            for rating in scale_ratings(name):
                scores.setdefault(rating["label"], rating["truth_score"])
        _KNOWN_SCORES = scores
    return _KNOWN_SCORES.get(label)


def workbench_scorer(wb: Any) -> Scorer:
    """The truth score of each rating on `wb`'s own scale (built-in or custom)."""
    from .scales import scale_ratings

    scores = {r["label"]: r["truth_score"] for r in scale_ratings(wb._core.scale)}
    return scores.get


def badge(text: str, colour: str, *, title: Optional[str] = None, attrs: str = "") -> str:
    """A rounded label with white text on `colour` (`text` is escaped here)."""
    tip = f' title="{esc(title)}"' if title else ""
    return (
        f'<span class="cl-badge"{attrs}{tip} style="display:inline-block;padding:1px 8px;'
        f"border-radius:10px;background:{colour};color:#ffffff;font-size:12px;"
        f'font-weight:600;white-space:nowrap">{esc(text)}</span>'
    )


def rating_badge(rating: str, score: Optional[float]) -> str:
    """A verdict's rating as a coloured badge, with its truth score in data-score."""
    tip = "not on the true-to-false axis" if score is None else f"truth score {score:.2f}"
    data = f' data-rating="{esc(rating)}" data-score="{"" if score is None else f"{score:g}"}"'
    return badge(rating, rating_colour(score), title=tip, attrs=data)


def status_badge(status: str) -> str:
    return badge(status, STATUS_COLOURS.get(status, GREY), attrs=f' data-status="{esc(status)}"')


def stance_badge(stance: str) -> str:
    return badge(stance, STANCE_COLOURS.get(stance, GREY), attrs=f' data-stance="{esc(stance)}"')


def grade_badge(grade: Optional[str]) -> str:
    if not grade:
        return badge("not rated", GREY, attrs=' data-grade=""')
    meaning, colour = GRADES.get(grade, ("", GREY))
    return badge(grade, colour, title=meaning, attrs=f' data-grade="{esc(grade)}"')


def code(text: str, title: Optional[str] = None) -> str:
    tip = f' title="{esc(title)}"' if title else ""
    return f'<code{tip} style="{MONO};{MUTED}">{esc(text)}</code>'


def link(url: Optional[str], text: Optional[str] = None) -> str:
    """A link for an http(s) `url`; any other scheme (javascript:, data:) shows as text."""
    shown = esc(text if text is not None else url)
    if url and url.lower().startswith(("http://", "https://")):
        return f'<a href="{esc(url)}" rel="noopener noreferrer" target="_blank">{shown}</a>'
    return shown


def section(title: str, body: str) -> str:
    return (
        f'<div style="margin-top:10px"><div style="font-size:11px;font-weight:600;'
        f'text-transform:uppercase;letter-spacing:.04em;{MUTED}">{esc(title)}</div>{body}</div>'
    )


def quote_html(quote: m.Quote, *, context: bool = True) -> str:
    """A quote with a little of its context, the quoted words marked."""
    before = f"…{esc(quote.prefix[-40:])}" if context and quote.prefix else ""
    after = f"{esc(quote.suffix[:40])}…" if context and quote.suffix else ""
    return (
        f'<span style="font-style:italic">«{before}<mark style="background:{HIGHLIGHT};'
        f'color:inherit">{esc(quote.exact)}</mark>{after}»</span>'
    )


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], attrs: str = "") -> str:
    """An HTML table; the cells are HTML already (escape them before)."""
    head = "".join(
        f'<th style="text-align:left;padding:4px 8px;border-bottom:1px solid #d0d7de">{esc(h)}</th>'
        for h in headers
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td style="padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top">'
            f"{cell}</td>"
            for cell in row
        )
        + "</tr>"
        for row in rows
    )
    return (
        f'<table{attrs} style="border-collapse:collapse;font-size:13px;margin-top:4px">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _name(names: Optional[Mapping[str, str]], source_id: Optional[str]) -> Optional[str]:
    return names.get(source_id) if names and source_id else None


def _who_html(names: Optional[Mapping[str, str]], source_id: Optional[str]) -> str:
    """A source's name (its id as a tooltip), or its id when the name is not known."""
    if not source_id:
        return f'<span style="{MUTED}">unknown</span>'
    name = _name(names, source_id)
    if name is None:
        return code(source_id)
    return f'<strong title="{esc(source_id)}">{esc(name)}</strong>'


def _who_text(names: Optional[Mapping[str, str]], source_id: Optional[str]) -> str:
    name = _name(names, source_id)
    return f"{name} ({source_id})" if name else (source_id or "unknown")


def _number(value: Optional[float]) -> str:
    if value is None:
        return "?"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"


def quantity_text(q: m.Quantity) -> str:
    """``About 28,500 US troops → 28,500 troops (about)``; years without a separator."""
    number = (lambda v: f"{v:.0f}" if v is not None else "?") if q.unit == "year" else _number
    amount = number(q.value) if q.value is not None else f"{number(q.low)}–{number(q.high)}"
    unit = f" {q.unit}" if q.unit else ""
    qualifier = f" ({q.qualifier})" if q.qualifier else ""
    return f"{q.text} → {amount}{unit}{qualifier}"


# --- claims ---------------------------------------------------------------------------------


class ClaimCard:
    """A claim as a card: text, claimant, status, the current verdict as a coloured
    badge, quantities, where it is quoted and the evidence with stance and source.

    Made by ``wb.claim_card(id)`` (which resolves names and reads the evidence and the
    verdict history) or from a bare :class:`~claimledger.Claim`, which shows ids only.
    Shown as HTML in Jupyter; ``repr()``/``str()`` give the same card as plain text.
    """

    def __init__(
        self,
        claim: m.Claim,
        *,
        evidence: Sequence[m.Evidence] = (),
        verdicts: Sequence[m.Verdict] = (),
        names: Optional[Mapping[str, str]] = None,
        snapshots: Optional[Mapping[str, m.Snapshot]] = None,
        score: Optional[Scorer] = None,
    ) -> None:
        self.claim = claim
        self.evidence = list(evidence)
        self.verdicts = list(verdicts)
        self.names = dict(names or {})
        self.snapshots = dict(snapshots or {})
        self.score: Scorer = score or known_score

    @classmethod
    def from_workbench(
        cls,
        wb: Any,
        claim: Any,
        *,
        names: Optional[Mapping[str, str]] = None,
        snapshots: Optional[Mapping[str, m.Snapshot]] = None,
        score: Optional[Scorer] = None,
    ) -> "ClaimCard":
        """The card of `claim` (an id or a Claim) on `wb`; `names` (source id -> name),
        `snapshots` (hash -> Snapshot) and `score` may be passed to save lookups when
        making many cards."""
        found = wb.claim(claim)
        if names is None:
            names = {s.id: s.name for s in wb.sources()}
        if snapshots is None:
            snapshots = {s.hash: s for s in wb.snapshots()}
        return cls(
            found,
            evidence=wb.evidence(found.id),
            verdicts=wb.verdicts(found.id),
            names=names,
            snapshots=snapshots,
            score=score or workbench_scorer(wb),
        )

    # -- pieces --

    def _snapshot_html(self, snapshot_hash: str) -> str:
        snap = self.snapshots.get(snapshot_hash)
        parts = []
        if snap is not None and snap.title:
            parts.append(f'<span style="font-style:normal">{esc(snap.title)}</span>')
        if snap is not None and snap.publisher:
            parts.append(_who_html(self.names, snap.publisher))
        if snap is not None and snap.published:
            parts.append(esc(snap.published))
        parts.append(code(short_hash(snapshot_hash), title=snapshot_hash))
        return f'<span style="{MUTED}">— ' + " · ".join(parts) + "</span>"

    def _snapshot_text(self, snapshot_hash: str) -> str:
        snap = self.snapshots.get(snapshot_hash)
        parts = []
        if snap is not None and snap.title:
            parts.append(snap.title)
        if snap is not None and snap.publisher:
            parts.append(_name(self.names, snap.publisher) or snap.publisher)
        parts.append(short_hash(snapshot_hash))
        return " · ".join(parts)

    def _verdict_html(self) -> str:
        verdict = self.claim.verdict
        if verdict is None:
            return section("Verdict", f'<div style="{MUTED}">No verdict yet.</div>')
        earlier = [v for v in self.verdicts if v.seq != verdict.seq]
        revised = ""
        if earlier:
            chain = " → ".join(
                rating_badge(v.rating, self.score(v.rating)) for v in [*earlier, verdict]
            )
            revised = f'<div style="margin-top:4px;{MUTED}">revised: {chain}</div>'
        relied = (
            f" · relied on {len(verdict.evidence)} piece(s) of evidence" if verdict.evidence else ""
        )
        body = (
            f"<div>{rating_badge(verdict.rating, self.score(verdict.rating))} "
            f'<span style="{MUTED}">by {esc(verdict.actor)}, {esc(when(verdict.at))}'
            f"{esc(relied)}</span></div>"
            f'<div style="margin-top:4px">{esc(verdict.rationale)}</div>{revised}'
        )
        return section("Verdict", body)

    def _html(self) -> str:
        c = self.claim
        verdict = (
            rating_badge(c.verdict.rating, self.score(c.verdict.rating))
            if c.verdict
            else badge("no verdict", GREY, attrs=' data-rating=""')
        )
        head = (
            f'<div style="display:flex;gap:8px;align-items:center;flex-wrap:wrap">'
            f"{verdict}{status_badge(c.status)}"
            f'<span style="margin-left:auto">{code(c.id)}</span></div>'
        )
        text = (
            f'<div class="cl-claim-text" style="font-size:16px;font-weight:600;margin:8px 0 4px">'
            f"{esc(c.text)}</div>"
        )
        meta = [f"claimed by {_who_html(self.names, c.claimant)}"]
        if c.date:
            meta.append(f"on {esc(c.date)}")
        if c.context:
            meta.append(f"in {esc(c.context)}")
        if c.tags:
            meta.append(
                "tags "
                + " ".join(
                    f'<span style="background:#eaeef2;border-radius:4px;padding:0 5px">'
                    f"{esc(t)}</span>"
                    for t in c.tags
                )
            )
        if c.ref:
            meta.append(f"ref {code(c.ref)}")
        meta_html = f'<div style="{MUTED};font-size:13px">' + " · ".join(meta) + "</div>"
        parts = [head, text, meta_html]
        if c.quantities:
            items = "".join(f"<li>{esc(quantity_text(q))}</li>" for q in c.quantities)
            parts.append(
                section("Quantities", f'<ul style="margin:2px 0 0 18px;padding:0">{items}</ul>')
            )
        parts.append(self._verdict_html())
        if c.appearances:
            items = "".join(
                f'<li style="margin:2px 0">{quote_html(q)} {self._snapshot_html(q.snapshot)}</li>'
                for q in c.appearances
            )
            parts.append(
                section("Quoted in", f'<ul style="margin:2px 0 0 18px;padding:0">{items}</ul>')
            )
        if self.evidence:
            items = "".join(self._evidence_item(e) for e in self.evidence)
            parts.append(
                section(
                    f"Evidence ({len(self.evidence)})",
                    f'<ul style="margin:2px 0 0 18px;padding:0">{items}</ul>',
                )
            )
        footer = (
            f'<div style="margin-top:10px;font-size:12px;{MUTED}">recorded by {esc(c.actor)}, '
            f"{esc(when(c.at))} (event {c.seq})</div>"
        )
        parts.append(footer)
        return (
            f'<div class="claimledger cl-claim" data-claim="{esc(c.id)}" style="{BOX}">'
            + "".join(parts)
            + "</div>"
        )

    def _evidence_item(self, e: m.Evidence) -> str:
        note = f'<div style="{MUTED};font-size:13px">{esc(e.note)}</div>' if e.note else ""
        credibility = (
            f' <span style="{MUTED};font-size:12px">credibility {esc(e.credibility)}</span>'
            if e.credibility
            else ""
        )
        return (
            f'<li class="cl-evidence" data-evidence="{esc(e.id)}" style="margin:4px 0">'
            f"{stance_badge(e.stance)} {quote_html(e.quote, context=False)} "
            f"{self._snapshot_html(e.quote.snapshot)}{credibility}{note}</li>"
        )

    def _text(self) -> str:
        c = self.claim
        rating = c.verdict.rating if c.verdict else "no verdict"
        lines = [f"Claim {c.id}  [{rating}] [{c.status}]", f"  {c.text}"]
        lines.append(f"  claimed by {_who_text(self.names, c.claimant)}")
        if c.tags:
            lines.append(f"  tags: {', '.join(c.tags)}")
        for q in c.quantities:
            lines.append(f"  quantity: {quantity_text(q)}")
        if c.verdict:
            history = " -> ".join(v.rating for v in self.verdicts) if len(self.verdicts) > 1 else ""
            lines.append(
                f"  verdict {c.verdict.rating} by {c.verdict.actor}, {when(c.verdict.at)}"
                + (f" (revised: {history})" if history else "")
            )
            lines.append(f"    {clip(c.verdict.rationale, 200)}")
        for q in c.appearances:
            lines.append(f'  quoted in {self._snapshot_text(q.snapshot)}: "{clip(q.exact, 120)}"')
        for e in self.evidence:
            lines.append(
                f'  evidence {e.id} {e.stance}: "{clip(e.quote.exact, 100)}" '
                f"({self._snapshot_text(e.quote.snapshot)})"
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return self._html()

    def __repr__(self) -> str:
        return self._text()


def claim_html(claim: m.Claim) -> str:
    """A bare claim's card (ids only; use ``wb.claim_card(id)`` for names and evidence)."""
    return ClaimCard(claim)._html()


def claim_text(claim: m.Claim) -> str:
    """A claim on one line: ``<Claim clm_… [true, published] "About 28,500 …">``."""
    rating = claim.verdict.rating if claim.verdict else "no verdict"
    return f'<Claim {claim.id} [{rating}, {claim.status}] "{clip(claim.text, 80)}">'


# --- events and history ---------------------------------------------------------------------


class _Change:
    """What an event changed, as parts that render to HTML or text."""

    def __init__(self, label: str, highlight: bool = False) -> None:
        self.label = label
        self.highlight = highlight
        self.parts: list = []  # (kind, value): text, strong, quote, code, rating, ...

    def add(self, kind: str, value: Any) -> "_Change":
        self.parts.append((kind, value))
        return self

    def html(self, score: Scorer, names: Optional[Mapping[str, str]]) -> str:
        out = []
        for kind, value in self.parts:
            if kind == "tail":  # glued to what comes before: ": the rationale"
                out.append(esc(value))
                continue
            if out:
                out.append(" ")
            if kind == "text":
                out.append(esc(value))
            elif kind == "strong":
                out.append(f"<strong>{esc(value)}</strong>")
            elif kind == "quote":
                out.append(f'<span style="font-style:italic">«{esc(clip(value, 160))}»</span>')
            elif kind == "code":
                out.append(code(short_hash(value), title=value))
            elif kind == "rating":
                out.append(rating_badge(value, score(value)))
            elif kind == "status":
                out.append(status_badge(value))
            elif kind == "stance":
                out.append(stance_badge(value))
            elif kind == "grade":
                out.append(grade_badge(value))
            elif kind == "source":
                out.append(_who_html(names, value))
            elif kind == "muted":
                out.append(f'<span style="{MUTED}">{esc(value)}</span>')
        return "".join(out)

    def text(self, names: Optional[Mapping[str, str]]) -> str:
        out = []
        for kind, value in self.parts:
            if kind == "tail":
                out.append(str(value))
                continue
            if out:
                out.append(" ")
            if kind == "quote":
                out.append(f'"{clip(value, 80)}"')
            elif kind == "code":
                out.append(short_hash(value))
            elif kind == "source":
                out.append(_name(names, value) or str(value))
            else:
                out.append(str(value))
        return "".join(out)


def _change(event: m.Event, state: dict) -> _Change:
    """What `event` changed; `state` carries earlier verdicts and grades across events so
    that a revision shows as old -> new."""
    d = event.data if isinstance(event.data, dict) else {}
    kind = event.type
    change = _Change(EVENT_LABELS.get(kind, kind))
    if kind == "ledger.created":
        scale = d.get("scale", {})
        name = scale.get("name") if isinstance(scale, dict) else scale
        change.add("text", "ledger created, rating scale").add("strong", name or "?")
    elif kind == "source.added":
        change.add("strong", d.get("name", "")).add("muted", f"({d.get('kind', '')})")
    elif kind == "snapshot.added":
        if d.get("title"):
            change.add("strong", d["title"])
        change.add("code", d.get("hash", ""))
        change.add("muted", f"{_number(d.get('size'))} bytes")
        if d.get("publisher"):
            change.add("muted", "published by").add("source", d["publisher"])
    elif kind == "claim.added":
        change.add("quote", d.get("text", ""))
        if d.get("claimant"):
            change.add("muted", "claimed by").add("source", d["claimant"])
    elif kind == "evidence.linked":
        change.add("stance", d.get("stance", ""))
        quote = d.get("quote") if isinstance(d.get("quote"), dict) else {}
        change.add("quote", quote.get("exact", ""))
        if quote.get("snapshot"):
            change.add("muted", "in").add("code", quote["snapshot"])
        if d.get("note"):
            change.add("muted", f"— {clip(d['note'], 120)}")
    elif kind == "verdict.set":
        claim = d.get("claim")
        before = state.setdefault("verdicts", {}).get(claim)
        change.highlight = True
        if before is not None:
            change.label = "verdict changed" if before != d.get("rating") else "verdict restated"
            change.add("rating", before).add("text", "→")
        else:
            change.label = "first verdict"
        change.add("rating", d.get("rating", ""))
        change.add("tail", f": {clip(d.get('rationale', ''), 160)}")
        state["verdicts"][claim] = d.get("rating")
    elif kind == "status.set":
        if d.get("from"):
            change.add("status", d["from"]).add("text", "→")
        change.add("status", d.get("status", ""))
    elif kind == "source.rated":
        source = d.get("source")
        before = state.setdefault("grades", {}).get(source)
        change.add("source", source)
        if before is not None:
            change.add("grade", before).add("text", "→")
        change.add("grade", d.get("grade", ""))
        change.add("tail", f": {clip(d.get('rationale', ''), 120)}")
        state["grades"][source] = d.get("grade")
    else:
        change.add("muted", clip(json.dumps(d, ensure_ascii=False, sort_keys=True), 160))
    return change


def event_html(event: m.Event) -> str:
    """One event: what changed, who and when, its hashes and its full data."""
    change = _change(event, {})
    data = json.dumps(event.data, ensure_ascii=False, sort_keys=True, indent=2)
    rows = [
        ("seq", esc(event.seq)),
        ("type", code(event.type)),
        ("when", f'<span title="{esc(event.at)}">{esc(when(event.at))}</span>'),
        ("who", esc(event.actor)),
        ("hash", code(event.hash)),
        ("prev", code(event.prev)),
    ]
    body = "".join(
        f'<tr><th style="text-align:left;padding:2px 8px 2px 0;{MUTED};font-weight:600">'
        f'{esc(k)}</th><td style="padding:2px 0">{v}</td></tr>'
        for k, v in rows
    )
    return (
        f'<div class="claimledger cl-event" data-seq="{esc(event.seq)}" style="{BOX}">'
        f'<div style="margin-bottom:6px"><strong>{esc(change.label)}</strong> '
        f"{change.html(known_score, None)}</div>"
        f'<table style="font-size:13px">{body}</table>'
        f'<pre style="{MONO};background:#f6f8fa;padding:8px;border-radius:6px;'
        f'white-space:pre-wrap;margin:8px 0 0">{esc(data)}</pre></div>'
    )


def event_text(event: m.Event) -> str:
    """An event on one line: ``<Event 36 verdict.set by alice at …: mixed → true: …>``."""
    change = _change(event, {})
    return (
        f"<Event {event.seq} {event.type} by {event.actor} at {event.at}: "
        + clip(change.text(None), 100)
        + ">"
    )


class HistoryView:
    """A history as a timeline: who, when, what changed, verdict changes highlighted.

    Made by ``wb.history_view(id)``; it is also a sequence of the
    :class:`~claimledger.Event` objects, oldest first, and ``frame()`` gives them as a
    DataFrame."""

    def __init__(
        self,
        events: Iterable[m.Event],
        *,
        title: Optional[str] = None,
        names: Optional[Mapping[str, str]] = None,
        score: Optional[Scorer] = None,
    ) -> None:
        self.events = list(events)
        self.title = title
        self.names = dict(names or {})
        self.score: Scorer = score or known_score

    def __len__(self) -> int:
        return len(self.events)

    def __iter__(self) -> Iterator[m.Event]:
        return iter(self.events)

    def __getitem__(self, index: Any) -> Any:
        return self.events[index]

    def frame(self):
        """The events as a pandas DataFrame (needs pandas)."""
        from .frames import events_frame

        return events_frame(self.events)

    def _repr_html_(self) -> str:
        return history_html(self.events, title=self.title, names=self.names, score=self.score)

    def __repr__(self) -> str:
        return history_text(self.events, title=self.title, names=self.names)


def history_html(
    events: Iterable[m.Event],
    *,
    title: Optional[str] = None,
    names: Optional[Mapping[str, str]] = None,
    score: Optional[Scorer] = None,
) -> str:
    """A timeline of `events`, oldest first: a dot per event on a line, when, who, what
    changed; verdict changes on a highlighted background showing old -> new."""
    score = score or known_score
    state: dict = {}
    events = list(events)
    items = []
    for e in events:
        change = _change(e, state)
        colour = EVENT_COLOURS.get(e.type, GREY)
        background = f"background:{HIGHLIGHT};" if change.highlight else ""
        items.append(
            f'<li class="cl-event{" cl-highlight" if change.highlight else ""}" '
            f'data-seq="{esc(e.seq)}" data-type="{esc(e.type)}" style="position:relative;'
            f"list-style:none;margin:0;padding:6px 8px 6px 22px;border-left:2px solid #d0d7de;"
            f'{background}">'
            f'<span style="position:absolute;left:-7px;top:10px;width:12px;height:12px;'
            f'border-radius:6px;background:{colour}"></span>'
            f'<div style="font-size:12px;{MUTED}"><span title="{esc(e.at)}">{esc(when(e.at))}'
            f"</span> · {esc(e.actor)} · event {esc(e.seq)}</div>"
            f'<div><strong style="color:{colour}">{esc(change.label)}</strong> '
            f"{change.html(score, names)}</div></li>"
        )
    heading = f'<div style="font-weight:600;margin-bottom:6px">{esc(title)}</div>' if title else ""
    if not items:
        return f'<div class="claimledger cl-history" style="{BOX}">{heading}No events.</div>'
    return (
        f'<div class="claimledger cl-history" style="{BOX}">{heading}'
        f'<ol style="margin:0 0 0 8px;padding:0">{"".join(items)}</ol></div>'
    )


def history_text(
    events: Iterable[m.Event],
    *,
    title: Optional[str] = None,
    names: Optional[Mapping[str, str]] = None,
) -> str:
    """The timeline as plain text, one event a line (verdict changes marked with *)."""
    state: dict = {}
    lines = [title] if title else []
    for e in events:
        change = _change(e, state)
        mark = "*" if change.highlight else " "
        lines.append(
            f"{mark}{e.seq:>6}  {when(e.at)}  {e.actor:<10} {change.label}: "
            + clip(change.text(names), 110)
        )
    return "\n".join(lines) if lines else "(no events)"


# --- verify reports -------------------------------------------------------------------------


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
            esc(p.seq if p.seq else "—"),
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
    shown = "; ".join(f"seq {p.seq} {p.kind}" for p in report.problems[:3])
    more = f"; {len(report.problems) - 3} more" if len(report.problems) > 3 else ""
    return (
        f"<VerifyReport FAILED: {len(report.problems)} problem(s) in {report.events} events: "
        f"{shown}{more}>"
    )


# --- quotes in a new version of a document ----------------------------------------------------

REANCHOR_COLOURS = {
    "exact": "#1a7f37",
    "moved": "#0969da",
    "changed": "#9a6700",
    "orphaned": "#cf222e",
}


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


# --- sources and track records --------------------------------------------------------------


def interval_bar(score: float, low: float, high: float, width: int = 180) -> str:
    """A small bar from 0 to 1: the interval as a band, the score as a tick."""
    left, right = max(0.0, low) * width, min(1.0, high) * width
    tick = min(1.0, max(0.0, score)) * width
    return (
        f'<span class="cl-interval" title="{score:.2f} (95% interval {low:.2f}–{high:.2f})" '
        f'style="display:inline-block;position:relative;width:{width}px;height:10px;'
        f'background:#eaeef2;border-radius:5px;vertical-align:middle">'
        f'<span style="position:absolute;left:{left:.1f}px;width:{max(right - left, 1):.1f}px;'
        f'top:0;height:10px;border-radius:5px;background:{rating_colour(score)};opacity:.45">'
        f'</span><span style="position:absolute;left:{tick - 1:.1f}px;width:3px;top:-2px;'
        f'height:14px;background:{rating_colour(score)}"></span></span>'
    )


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
    meaning = GRADES.get(source.reliability or "", ("not rated yet", GREY))[0]
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
    def from_workbench(cls, wb: Any, source: Any) -> "SourceCard":
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


# --- progress on a terminal -----------------------------------------------------------------


def _isatty(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


class Progress:
    """A one-line progress bar on `stream` (stderr by default), redrawn at most ten times
    a second, shown only when the stream is a terminal (or `enabled` says so), so that
    scripts and logs stay quiet. Use as a context manager; call :meth:`advance`."""

    def __init__(
        self,
        total: int,
        label: str,
        *,
        stream: Any = None,
        enabled: Optional[bool] = None,
        width: int = 30,
    ) -> None:
        self.total = max(0, int(total))
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _isatty(self.stream) if enabled is None else bool(enabled)
        self.width = width
        self.done = 0
        self._last = 0.0
        self._shown = False

    def __enter__(self) -> "Progress":
        if self.total:
            self._draw(force=True)
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def advance(self, n: int = 1) -> None:
        self.done += n
        self._draw()

    def __call__(self, done: int, total: int) -> None:
        """As a callback ``progress(done, total)``."""
        self.total, self.done = total, done
        self._draw()

    def line(self) -> str:
        share = self.done / self.total if self.total else 1.0
        filled = int(round(share * self.width))
        bar = "#" * filled + "." * (self.width - filled)
        return f"{self.label} [{bar}] {share:4.0%} {self.done:,}/{self.total:,}"

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.1 and self.done < self.total:
            return
        self._last = now
        self.stream.write("\r" + self.line())
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self.enabled and self._shown:
            self._draw(force=True)
            self.stream.write("\n")
            self.stream.flush()
            self._shown = False


class busy:
    """Shows ``label … 3.2 s`` on a terminal while a long call runs (the C++ core releases
    the GIL, so a thread can redraw); silent when the stream is not a terminal."""

    def __init__(self, label: str, *, stream: Any = None, enabled: Optional[bool] = None):
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _isatty(self.stream) if enabled is None else bool(enabled)
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None
        self._start = 0.0

    def _run(self) -> None:
        spinner = "|/-\\"
        i = 0
        while not self._stop.wait(0.1):
            elapsed = time.monotonic() - self._start
            self.stream.write(f"\r{self.label} {spinner[i % 4]} {elapsed:.1f} s")
            self.stream.flush()
            i += 1

    def __enter__(self) -> "busy":
        self._start = time.monotonic()
        if self.enabled:
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
            elapsed = time.monotonic() - self._start
            self.stream.write(f"\r{self.label} done in {elapsed:.1f} s\n")
            self.stream.flush()
