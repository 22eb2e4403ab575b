"""matplotlib figures (Agg backend): verdicts by rating, a source's track record by year
with intervals, a claim's timeline. Each is a Figure whose marks match the ledger; without
matplotlib a clear message says what to install."""

from __future__ import annotations

import sys

import matplotlib

matplotlib.use("Agg")

import claimledger as cl
import pytest
from claimledger import vocabulary
from claimledger.notebook import display, plots
from matplotlib.colors import to_hex
from matplotlib.figure import Figure


@pytest.fixture
def speaker(wb):
    """A speaker with rated claims made in 2019 (3), 2020 (1) and 2021 (2)."""
    who = wb.add_source("A. Speaker", kind="person")
    records = [
        ("2019-02-01", "true"),
        ("2019-06-01", "mostly-true"),
        ("2019-09-01", "false"),
        ("2020-04-01", "false"),
        ("2021-01-15", "true"),
        ("2021-07-04", "unproven"),
        ("2021-08-04", "true"),
    ]
    wb.add_claims(
        {"text": f"Claim {i}.", "claimant": who.id, "date": date, "verdict": rating}
        for i, (date, rating) in enumerate(records)
    )
    return who.id


def bar_heights(fig: Figure) -> dict:
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_xticklabels()]
    return {label: patch.get_height() for label, patch in zip(labels, ax.patches)}


def test_plot_verdicts_counts_current_verdicts_by_rating(desk):
    wb = desk.wb
    wb.set_verdict(desk.escalation, "mixed", rationale="first look")
    wb.set_verdict(desk.escalation, "misleading", rationale="revised")  # only the latest counts
    wb.add_claim("Not yet checked.")
    fig = wb.plot_verdicts()
    assert isinstance(fig, Figure)
    heights = bar_heights(fig)
    assert list(heights)[: len(wb.ratings)] == wb.ratings
    assert heights["true"] == 1
    assert heights["misleading"] == 1
    assert heights["mixed"] == 0
    assert heights["no verdict"] == 1
    ax = fig.axes[0]
    colours = [to_hex(p.get_facecolor()) for p in ax.patches]
    assert colours[0] == display.rating_colour(1.0)  # true: green, like the badges
    assert colours[wb.ratings.index("false")] == display.rating_colour(0.0)
    assert colours[wb.ratings.index("misleading")] == display.GREY


def test_plot_verdicts_counts_on_whole_numbers(desk):
    fig = desk.wb.plot_verdicts()  # at most one claim a rating: matplotlib alone ticks 0.2 apart
    ticks = [t for t in fig.axes[0].get_yticks() if 0 <= t <= fig.axes[0].get_ylim()[1]]
    assert len(ticks) >= 2
    assert all(float(t).is_integer() for t in ticks), ticks


def test_plot_verdicts_takes_filters_and_an_axes(desk):
    import matplotlib.figure

    fig = matplotlib.figure.Figure()
    ax = fig.add_subplot()
    assert desk.wb.plot_verdicts(ax=ax, tag="usfk") is fig
    assert sum(bar_heights(fig).values()) == 1


def test_beta_interval_matches_the_cores_track_record_interval(wb, speaker):
    once = wb.add_source("Said one false thing", kind="person")
    wb.add_claim("A falsehood.", claimant=once, verdict="false")
    never = wb.add_source("Never rated", kind="person")
    for source in (speaker, once, never):
        record = wb.track_record(source)
        low, high = plots.beta_interval(record.alpha, record.beta)
        assert low == pytest.approx(record.low, abs=1e-6)
        assert high == pytest.approx(record.high, abs=1e-6)


def test_plot_track_record_shows_each_year_with_its_interval(wb, speaker):
    record = wb.track_record(speaker)
    assert [y.year for y in record.by_year] == [2019, 2020, 2021]
    fig = wb.plot_track_record(speaker)
    ax = fig.axes[0]
    (points,) = [line for line in ax.lines if line.get_marker() == "o"]
    assert list(points.get_xdata()) == [2019, 2020, 2021]
    assert list(points.get_ydata()) == pytest.approx([y.score for y in record.by_year])
    # the one-verdict year's interval is wider than the three-verdict year's
    intervals = {y.year: plots.year_interval(y) for y in record.by_year}
    width = {year: high - low for year, (low, high) in intervals.items()}
    assert width[2020] > width[2019]
    for y in record.by_year:
        low, high = intervals[y.year]
        assert low < y.score < high
    assert "A. Speaker" in ax.get_title()
    assert any(f"{record.score:.2f}" in t.get_text() for t in ax.get_legend().get_texts())


def test_plot_track_record_without_rated_verdicts_says_so(desk):
    fig = desk.wb.plot_track_record(desk.usfk)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "no verdicts on the true-to-false axis yet" in texts


def test_plot_timeline_has_a_point_per_event_verdicts_coloured_and_labelled(desk):
    wb = desk.wb
    wb.set_verdict(desk.troops, "mostly-false", rationale="second look")
    wb.set_status(desk.troops, "reviewed")
    fig = wb.plot_timeline(desk.troops)
    ax = fig.axes[0]
    history = wb.history(desk.troops)
    points = ax.collections
    assert len(points) == len(history)
    labels = [t.get_text() for t in ax.texts]
    assert labels == ["true", "mostly-false", "reviewed"]
    verdict_colours = [
        to_hex(c.get_facecolor()[0]) for c, e in zip(points, history) if e.type == "verdict.set"
    ]
    assert verdict_colours == [display.rating_colour(1.0), display.rating_colour(0.25)]
    # recorded within seconds: spaced evenly, labelled by seq
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(e.seq) for e in history]
    assert isinstance(wb.plot_timeline(desk.troops, spacing="time"), Figure)
    with pytest.raises(ValueError, match="spacing"):
        wb.plot_timeline(desk.troops, spacing="sideways")


def test_timeline_lanes_are_event_types_of_the_vocabulary():
    assert set(plots.LANES) <= set(vocabulary.EVENT_TYPES)


def test_figures_save_as_png(desk, tmp_path):
    for fig in (
        desk.wb.plot_verdicts(),
        desk.wb.plot_track_record(desk.reuters),
        desk.wb.plot_timeline(desk.troops),
    ):
        target = tmp_path / "figure.png"
        fig.savefig(target)
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_plots_say_what_to_install_without_matplotlib(desk, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(ImportError, match=r"pip install 'claimledger\[notebook\]'"):
        desk.wb.plot_verdicts()
    assert cl.open(actor="a").verify().ok  # the rest works
