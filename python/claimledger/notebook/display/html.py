"""The small pieces every notebook view is made of: escaping, short hashes and times,
badges (a verdict's rating coloured by its truth score, a status, a stance, a grade),
links, sections, quotes, tables and the interval bar of a track record.

Every piece of text that came from a user or a file (claim text, names, quotes, notes,
rationales, actors, event data, even ids) goes through :func:`esc` before it reaches
HTML, so a claim containing ``<script>`` shows as text. Styles are inline (no ``<style>``
element, no scripts), so the HTML looks the same in Jupyter, VS Code, GitHub's notebook
viewer and the self-contained report.
"""

from __future__ import annotations

import colorsys
import html
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Optional

from ... import model as m
from ...vocabulary import RELIABILITY_GRADES
from .palette import GRADE_COLOURS, GREY, HIGHLIGHT, STANCE_COLOURS, STATUS_COLOURS

__all__ = [
    "BOX",
    "MONO",
    "MUTED",
    "esc",
    "short_hash",
    "clip",
    "when",
    "rating_colour",
    "badge",
    "rating_badge",
    "status_badge",
    "stance_badge",
    "grade_badge",
    "code",
    "link",
    "section",
    "quote_html",
    "table",
    "name_of",
    "who_html",
    "who_text",
    "number_text",
    "interval_bar",
]

FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif"
BOX = (
    f"{FONT};max-width:780px;border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;"
    "margin:6px 0;background:#ffffff;color:#1f2328;line-height:1.45;font-size:14px"
)
MUTED = "color:#59636e"
MONO = "font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px"


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
    meaning = RELIABILITY_GRADES.get(grade, "")
    colour = GRADE_COLOURS.get(grade, GREY)
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


def name_of(names: Optional[Mapping[str, str]], source_id: Optional[str]) -> Optional[str]:
    """The name of source `source_id` in `names` (source id -> name), or None."""
    return names.get(source_id) if names and source_id else None


def who_html(names: Optional[Mapping[str, str]], source_id: Optional[str]) -> str:
    """A source's name (its id as a tooltip), or its id when the name is not known."""
    if not source_id:
        return f'<span style="{MUTED}">unknown</span>'
    name = name_of(names, source_id)
    if name is None:
        return code(source_id)
    return f'<strong title="{esc(source_id)}">{esc(name)}</strong>'


def who_text(names: Optional[Mapping[str, str]], source_id: Optional[str]) -> str:
    """``Reuters (src_…)``, or the id alone when the name is not known."""
    name = name_of(names, source_id)
    return f"{name} ({source_id})" if name else (source_id or "unknown")


def number_text(value: Optional[float]) -> str:
    """``28,500``, ``0.5`` or ``?`` for a missing number."""
    if value is None:
        return "?"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"


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
