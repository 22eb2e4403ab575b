"""Events and histories: what an event changed (a verdict revised shows old -> new), one
event with its hashes and data, and a history as a timeline with verdict changes
highlighted (:class:`HistoryView`, made by ``wb.history_view(id)``).

What each event type shows is written here (:data:`CHANGES`), one function per type of
:data:`claimledger.vocabulary.EVENT_TYPES`; an unknown type shows its data as JSON.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Optional

from ... import model as m
from ..frames import events_frame
from ..scores import Scorer, known_score
from .html import (
    BOX,
    MONO,
    MUTED,
    clip,
    code,
    esc,
    grade_badge,
    name_of,
    number_text,
    rating_badge,
    short_hash,
    stance_badge,
    status_badge,
    when,
    who_html,
)
from .palette import EVENT_COLOURS, EVENT_LABELS, GREY, HIGHLIGHT

__all__ = [
    "CORRECTION_TYPES",
    "HistoryView",
    "change_html",
    "change_text",
    "event_html",
    "event_text",
    "history_html",
    "history_text",
]

#: The event types of corrections, which a claim card lists with their reasons.
CORRECTION_TYPES = ("claim.retracted", "claim.corrected", "evidence.unlinked")


class _Change:
    """What an event changed, as parts that render to HTML or text."""

    def __init__(self, label: str, highlight: bool = False) -> None:
        self.label = label
        self.highlight = highlight
        self.parts: list = []  # (kind, value): text, strong, quote, code, rating, ...

    def add(self, kind: str, value: Any) -> _Change:
        self.parts.append((kind, value))
        return self

    def html(self, score: Scorer, names: Optional[Mapping[str, str]]) -> str:
        out = []
        for kind, value in self.parts:
            if kind == "tail":  # glued to what comes before
                out.append(esc(value))
                continue
            if kind == "said":  # a rationale, glued to what comes before: ": the rationale"
                out.append(esc(f": {clip(value, 160)}"))
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
                out.append(who_html(names, value))
            elif kind == "muted":
                out.append(f'<span style="{MUTED}">{esc(value)}</span>')
        return "".join(out)

    def text(self, names: Optional[Mapping[str, str]], *, full: bool = False) -> str:
        """The change as text, quotes and rationales clipped; with `full`, quotes whole and
        rationales left out (:meth:`sayings` gives them)."""
        said = not full
        out = []
        for kind, value in self.parts:
            if kind == "tail":
                out.append(str(value))
                continue
            if kind == "said":
                if said:
                    out.append(f": {clip(value, 160)}")
                continue
            if out:
                out.append(" ")
            if kind == "quote":
                out.append(f'"{clip(value, 10**9 if full else 80)}"')
            elif kind == "code":
                out.append(short_hash(value))
            elif kind == "source":
                out.append(name_of(names, value) or str(value))
            else:
                out.append(str(value))
        return "".join(out)

    def sayings(self) -> list[str]:
        """The rationales of the change, in full."""
        return [str(value) for kind, value in self.parts if kind == "said"]


def _ledger_created(change: _Change, d: dict, state: dict) -> None:
    scale = d.get("scale", {})
    name = scale.get("name") if isinstance(scale, dict) else scale
    change.add("text", "ledger created, rating scale").add("strong", name or "?")


def _source_added(change: _Change, d: dict, state: dict) -> None:
    change.add("strong", d.get("name", "")).add("muted", f"({d.get('kind', '')})")


def _snapshot_added(change: _Change, d: dict, state: dict) -> None:
    if d.get("title"):
        change.add("strong", d["title"])
    change.add("code", d.get("hash", ""))
    change.add("muted", f"{number_text(d.get('size'))} bytes")
    if d.get("publisher"):
        change.add("muted", "published by").add("source", d["publisher"])


def _claim_added(change: _Change, d: dict, state: dict) -> None:
    change.add("quote", d.get("text", ""))
    if d.get("claimant"):
        change.add("muted", "claimed by").add("source", d["claimant"])


def _evidence_linked(change: _Change, d: dict, state: dict) -> None:
    change.add("stance", d.get("stance", ""))
    quote = d.get("quote") if isinstance(d.get("quote"), dict) else {}
    change.add("quote", quote.get("exact", ""))
    if quote.get("snapshot"):
        change.add("muted", "in").add("code", quote["snapshot"])
    if d.get("note"):
        change.add("muted", f"— {clip(d['note'], 120)}")


def _verdict_set(change: _Change, d: dict, state: dict) -> None:
    claim = d.get("claim")
    before = state.setdefault("verdicts", {}).get(claim)
    change.highlight = True
    if before is not None:
        change.label = "verdict changed" if before != d.get("rating") else "verdict restated"
        change.add("rating", before).add("text", "→")
    else:
        change.label = "first verdict"
    change.add("rating", d.get("rating", ""))
    change.add("said", d.get("rationale", ""))
    state["verdicts"][claim] = d.get("rating")


def _status_set(change: _Change, d: dict, state: dict) -> None:
    if d.get("from"):
        change.add("status", d["from"]).add("text", "→")
    change.add("status", d.get("status", ""))
    if d.get("reason"):
        change.add("tail", f": {clip(d['reason'], 160)}")


def _verdict_conflict(change: _Change, d: dict, state: dict) -> None:
    change.highlight = True
    for where, side in (("here", d.get("local")), ("other desk", d.get("other"))):
        side = side if isinstance(side, dict) else {}
        change.add("muted", where).add("rating", side.get("rating", ""))
        change.add("muted", f"by {side.get('actor', '')}")
    change.add("tail", ": set the verdict again to decide")


def _source_rated(change: _Change, d: dict, state: dict) -> None:
    source = d.get("source")
    before = state.setdefault("grades", {}).get(source)
    change.add("source", source)
    if before is not None:
        change.add("grade", before).add("text", "→")
    change.add("grade", d.get("grade", ""))
    change.add("said", d.get("rationale", ""))
    state["grades"][source] = d.get("grade")


def _checkpoint_signed(change: _Change, d: dict, state: dict) -> None:
    signers = ", ".join(key.split("+", 1)[0] for key in d.get("signed_by", []))
    change.add("strong", f"{d.get('size', '?')} events").add("text", "signed by")
    change.add("code", signers)


def _claim_retracted(change: _Change, d: dict, state: dict) -> None:
    change.highlight = True
    if d.get("from"):
        change.add("status", d["from"]).add("text", "→")
    change.add("status", "retracted").add("said", d.get("reason", ""))


def _evidence_unlinked(change: _Change, d: dict, state: dict) -> None:
    change.add("code", d.get("evidence", "")).add("muted", "no longer counts for")
    change.add("code", d.get("claim", "")).add("said", d.get("reason", ""))


def _claim_corrected(change: _Change, d: dict, state: dict) -> None:
    change.highlight = True
    old = d.get("from") if isinstance(d.get("from"), dict) else {}
    if old.get("text") != d.get("text"):
        change.add("quote", old.get("text", "")).add("text", "→").add("quote", d.get("text", ""))
    if old.get("claimant") != d.get("claimant"):
        change.add("muted", "claimant").add("source", old.get("claimant") or "none")
        change.add("text", "→").add("source", d.get("claimant") or "none")
    change.add("said", d.get("reason", ""))


def _source_merged(change: _Change, d: dict, state: dict) -> None:
    change.add("source", d.get("source", "")).add("muted", "is an alias of")
    change.add("source", d.get("into", "")).add("said", d.get("reason", ""))


#: What each event type shows of its data, keyed by the words of
#: claimledger.vocabulary.EVENT_TYPES (the tests check that every type has its entry).
CHANGES = {
    "ledger.created": _ledger_created,
    "source.added": _source_added,
    "snapshot.added": _snapshot_added,
    "claim.added": _claim_added,
    "evidence.linked": _evidence_linked,
    "verdict.set": _verdict_set,
    "status.set": _status_set,
    "source.rated": _source_rated,
    "checkpoint.signed": _checkpoint_signed,
    "verdict.conflict": _verdict_conflict,
    "claim.retracted": _claim_retracted,
    "evidence.unlinked": _evidence_unlinked,
    "claim.corrected": _claim_corrected,
    "source.merged": _source_merged,
}


def _change(event: m.Event, state: dict) -> _Change:
    """What `event` changed; `state` carries earlier verdicts and grades across events so
    that a revision shows as old -> new. An event of a type without an entry in CHANGES
    shows its data as JSON."""
    d = event.data if isinstance(event.data, dict) else {}
    change = _Change(EVENT_LABELS.get(event.type, event.type))
    describe = CHANGES.get(event.type)
    if describe is None:
        change.add("muted", clip(json.dumps(d, ensure_ascii=False, sort_keys=True), 160))
    else:
        describe(change, d, state)
    return change


def change_html(event: m.Event, score: Scorer, names: Optional[Mapping[str, str]] = None) -> str:
    """One event's change on its own (no earlier events), with who made it and when."""
    change = _change(event, {})
    return (
        f"<strong>{esc(change.label)}</strong> {change.html(score, names)} "
        f'<span style="{MUTED}">by {esc(event.actor)}, {esc(when(event.at))}</span>'
    )


def change_text(event: m.Event, names: Optional[Mapping[str, str]] = None) -> str:
    """The same as text, its reasons in full."""
    change = _change(event, {})
    said = "".join(f": {saying}" for saying in change.sayings())
    return (
        f"{change.label}: {change.text(names, full=True)}{said} ({event.actor}, {when(event.at)})"
    )


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
    full: bool = False,
    width: int = 100,
) -> str:
    """The timeline as plain text, one event a line (verdict changes marked with *). With
    `full`, nothing is clipped: each rationale follows its event in full, wrapped to `width`
    columns and indented, as ``claimledger history`` prints it."""
    state: dict = {}
    lines = [title] if title else []
    for e in events:
        change = _change(e, state)
        mark = "*" if change.highlight else " "
        head = f"{mark}{e.seq:>6}  {when(e.at)}  {e.actor:<10} {change.label}: "
        if not full:
            lines.append(head + clip(change.text(names), 110))
            continue
        indent = " " * 9
        lines.append(
            textwrap.fill(
                head + change.text(names, full=True),
                width=width,
                subsequent_indent=indent,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
        for saying in change.sayings():
            for paragraph in saying.splitlines() or [""]:
                lines.append(
                    textwrap.fill(
                        paragraph,
                        width=width,
                        initial_indent=indent,
                        subsequent_indent=indent,
                        break_long_words=False,
                        break_on_hyphens=False,
                    )
                    or indent.rstrip()
                )
    return "\n".join(lines) if lines else "(no events)"
