"""matplotlib figures of a desk: verdicts by rating, a source's track record over time,
a claim's timeline. ``wb.plot_verdicts()``, ``wb.plot_track_record(source)`` and
``wb.plot_timeline(claim)`` delegate here.

Each function returns a :class:`matplotlib.figure.Figure` (shown inline in a notebook;
``fig.savefig("verdicts.png")`` elsewhere), or draws on the ``ax`` you pass and returns
its figure. Figures are made without pyplot, so they do not pile up in pyplot's state
and a notebook shows each once. matplotlib is optional: without it these functions raise
ImportError saying what to install.
"""

from __future__ import annotations

import datetime as _dt
import importlib
import math
import sys
from typing import Any, Optional

from .display.html import clip, rating_colour
from .display.palette import EVENT_COLOURS, EVENT_LABELS, GREY
from .scores import workbench_scorer

__all__ = [
    "require_matplotlib",
    "plot_verdicts",
    "plot_track_record",
    "plot_timeline",
    "beta_interval",
]


def require_matplotlib():
    """The matplotlib.figure module, or ImportError saying how to install matplotlib."""
    try:
        import matplotlib
        import matplotlib.figure
    except ImportError:
        raise ImportError(
            "this needs matplotlib, which is optional: pip install 'claimledger[notebook]' "
            "(or pip install matplotlib)"
        ) from None
    _enable_notebook_display(matplotlib)
    return matplotlib.figure


def _enable_notebook_display(matplotlib: Any) -> None:
    """In a Jupyter kernel using the inline backend, makes sure the backend is loaded: it
    registers the PNG display of figures when first imported, and figures made without
    pyplot would otherwise show as text. Elsewhere does nothing."""
    ipython = sys.modules.get("IPython")
    if ipython is None or getattr(ipython, "get_ipython", lambda: None)() is None:
        return
    backend = str(dict.get(matplotlib.rcParams, "backend", ""))  # without resolving it
    if backend in ("inline", "module://matplotlib_inline.backend_inline"):
        importlib.import_module("matplotlib_inline.backend_inline")


def _figure(ax: Any = None, size: tuple = (7.0, 3.6)):
    """(figure, axes): `ax`'s, or a new figure's single axes."""
    figure_module = require_matplotlib()
    if ax is not None:
        return ax.figure, ax
    fig = figure_module.Figure(figsize=size, layout="constrained")
    return fig, fig.add_subplot()


def integer_axis(axis: Any) -> None:
    """Ticks at whole numbers only on `axis` (``ax.yaxis``), for counts: no 0.5 claims."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))


def plot_verdicts(wb: Any, *, ax: Any = None, title: Optional[str] = None, **filters: Any):
    """A bar for each rating of the ledger's scale: how many claims (matching `filters`,
    as for ``wb.claims``) have it as their current verdict, plus claims without one.
    Bars are coloured like the verdict badges, red (false) to green (true), grey off
    the truth axis."""
    fig, ax = _figure(ax)
    score = workbench_scorer(wb)
    counts = dict.fromkeys(wb.ratings, 0)
    unrated = 0
    claims = wb.claims(**filters)
    for claim in claims:
        if claim.verdict is None:
            unrated += 1
        else:
            counts[claim.verdict.rating] = counts.get(claim.verdict.rating, 0) + 1
    labels = list(counts)
    values = [counts[label] for label in labels]
    colours = [rating_colour(score(label)) for label in labels]
    if unrated:
        labels.append("no verdict")
        values.append(unrated)
        colours.append("#d0d7de")
    bars = ax.bar(labels, values, color=colours)
    ax.bar_label(bars, padding=2)
    ax.set_ylabel("claims")
    integer_axis(ax.yaxis)
    ax.set_title(title or f"Current verdicts ({len(claims):,} claims)")
    ax.tick_params(axis="x", labelrotation=30)
    ax.set_ylim(0, max([*values, 1]) * 1.15)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


# --- the Beta interval of one year ----------------------------------------------------------


def _betacf(a: float, b: float, x: float) -> float:
    """The continued fraction of the regularised incomplete beta function (modified
    Lentz's method)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for i in range(1, 300):
        i2 = 2 * i
        aa = i * (b - i) * x / ((qam + i2) * (a + i2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + i) * (qab + i) * x / ((a + i2) * (qap + i2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        step = d * c
        h *= step
        if abs(step - 1.0) < 1e-15:
            break
    return h


def _beta_cdf(x: float, a: float, b: float) -> float:
    """P(X <= x) for X ~ Beta(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    front = math.exp(log_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def beta_interval(alpha: float, beta: float, level: float = 0.95) -> tuple[float, float]:
    """The central `level` interval of Beta(alpha, beta), by bisection on its CDF: the
    same interval the core gives a track record, computed for any alpha and beta."""
    tail = (1.0 - level) / 2.0

    def quantile(p: float) -> float:
        lo, hi = 0.0, 1.0
        for _ in range(80):
            mid = (lo + hi) / 2.0
            if _beta_cdf(mid, alpha, beta) < p:
                lo = mid
            else:
                hi = mid
        return (lo + hi) / 2.0

    return quantile(tail), quantile(1.0 - tail)


def year_interval(year: Any) -> tuple[float, float]:
    """The 95% interval of one year's score (a :class:`~claimledger.YearScore`): with the
    prior Beta(1, 1), the year's posterior has alpha + beta = rated + 2 and mean score."""
    total = year.rated + 2.0
    return beta_interval(year.score * total, (1.0 - year.score) * total)


def plot_track_record(wb: Any, source: Any, *, ax: Any = None, title: Optional[str] = None):
    """A source's truth score by year (the year of each claim's date: as given, else its
    snapshot's published or retrieved date, else when it was recorded) with each year's
    95% interval, over the overall score and its interval as a band. Few verdicts give a
    wide interval, so a thin year cannot look extreme."""
    fig, ax = _figure(ax)
    found = wb.source(source)
    record = wb.track_record(found.id)
    ax.set_ylim(-0.02, 1.02)
    ax.set_ylabel("truth score (1 = true)")
    ax.set_title(title or f"Track record: {found.name}")
    ax.spines[["top", "right"]].set_visible(False)
    years = [y for y in record.by_year if y.rated]
    if not years:
        ax.text(
            0.5,
            0.5,
            "no verdicts on the true-to-false axis yet",
            ha="center",
            va="center",
            transform=ax.transAxes,
            color="#59636e",
        )
        ax.set_xticks([])
        return fig
    xs = [y.year for y in years]
    scores = [y.score for y in years]
    intervals = [year_interval(y) for y in years]
    lower = [s - lo for s, (lo, _) in zip(scores, intervals)]
    upper = [hi - s for s, (_, hi) in zip(scores, intervals)]
    span = (min(xs) - 0.5, max(xs) + 0.5)
    ax.axhspan(record.low, record.high, color="#0969da", alpha=0.10, lw=0)
    ax.axhline(
        record.score,
        color="#0969da",
        lw=1,
        ls="--",
        label=f"overall {record.score:.2f} [{record.low:.2f}, {record.high:.2f}]",
    )
    ax.errorbar(
        xs,
        scores,
        yerr=[lower, upper],
        fmt="o",
        color="#1f2328",
        ecolor="#59636e",
        capsize=3,
        label="score by year (95% interval)",
    )
    for x, s, y in zip(xs, scores, years):
        ax.annotate(
            f"n={y.rated}",
            (x, s),
            textcoords="offset points",
            xytext=(6, 4),
            fontsize=8,
            color="#59636e",
        )
    ax.set_xlim(*span)
    ax.set_xticks(xs)
    ax.set_xticklabels([str(x) for x in xs], rotation=45 if len(xs) > 8 else 0)
    ax.set_xlabel("year the claim was made")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.28), ncol=2, fontsize=8, frameon=False)
    return fig


def _parse_time(at: str) -> _dt.datetime:
    return _dt.datetime.fromisoformat(at.replace("Z", "+00:00"))


#: The lanes of a claim's timeline, top to bottom: event types of the vocabulary (the tests
#: check); other types a history holds get lanes below them.
LANES = ("claim.added", "evidence.linked", "verdict.set", "status.set")


def plot_timeline(
    wb: Any, claim: Any, *, ax: Any = None, title: Optional[str] = None, spacing: str = "auto"
):
    """A claim's history as points on lanes (added, evidence, verdicts, status), verdicts
    coloured like their badges and labelled with the rating, status changes with the
    new status. ``spacing="time"`` places events at their times, ``"even"`` one step
    apart in order (readable for a history recorded within minutes); ``"auto"`` (the
    default) is "even" when the whole history took less than an hour, else "time"."""
    if spacing not in ("auto", "time", "even"):
        raise ValueError(f"spacing must be 'auto', 'time' or 'even', not {spacing!r}")
    fig, ax = _figure(ax, size=(7.5, 3.0))
    found = wb.claim(claim)
    events = wb.history(found.id)
    score = workbench_scorer(wb)
    lanes = list(LANES) + sorted({e.type for e in events} - set(LANES))
    times = [_parse_time(e.at) for e in events]
    if spacing == "auto":
        took = (times[-1] - times[0]).total_seconds() if times else 0.0
        spacing = "even" if took < 3600 else "time"
    xs = times if spacing == "time" else list(range(len(events)))
    labelled: dict = {}  # lane -> labels so far, to put every other one below the point
    for x, e in zip(xs, events):
        y = lanes.index(e.type)
        label, colour = None, EVENT_COLOURS.get(e.type, GREY)
        if e.type == "verdict.set":
            rating = e.data.get("rating", "")
            colour = rating_colour(score(rating))
            label = rating
        elif e.type == "status.set":
            label = e.data.get("status", "")
        ax.scatter([x], [y], s=60, color=colour, zorder=3, edgecolors="white", linewidths=0.8)
        if label:
            below = labelled.get(y, 0) % 2 == 1
            labelled[y] = labelled.get(y, 0) + 1
            ax.annotate(
                label,
                (x, y),
                textcoords="offset points",
                xytext=(0, -14 if below else 8),
                ha="center",
                fontsize=8,
                color="#1f2328",
            )
    ax.set_yticks(range(len(lanes)))
    ax.set_yticklabels([EVENT_LABELS.get(t, t) for t in lanes])
    ax.set_ylim(-0.6, len(lanes) - 0.4)
    ax.grid(axis="y", color="#eaeef2", zorder=0)
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.set_title(title or f"History of {found.id}: {clip(found.text, 48)}", fontsize=10)
    if spacing == "even":
        ax.set_xticks(xs)
        ax.set_xticklabels([str(e.seq) for e in events], fontsize=8)
        ax.set_xlabel("event (seq), in order")
    else:
        import matplotlib.dates as mdates

        locator = mdates.AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.set_xlabel("time (UTC)")
    return fig
