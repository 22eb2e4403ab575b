"""Check-worthy candidates from Python and the command line: ranking of the demo article,
code-point spans, add_claim from a candidate, and errors for unknown or non-text snapshots."""

from __future__ import annotations

import json
from importlib import resources

import claimledger as cl
import pytest
from claimledger.cli import main

# Non-ASCII characters (a dash, Hangul, guillemets, an emoji outside the BMP) make code-point
# offsets differ from byte offsets.
ARTICLE = (
    "Seoul, 21 October 2024 — The United States keeps approximately 28,500 troops in "
    "South Korea, a figure unchanged for years. 🇰🇷 Retired general Chun In-bum (전인범) "
    "called the deployment of North Korean soldiers to Russia «a significant escalation».\n"
    "Officials in Seoul said more than 3,000 North Korean soldiers had arrived by October.\n"
)


@pytest.fixture
def demo_article() -> str:
    return resources.files("claimledger").joinpath("data/article.txt").read_text("utf-8")


def _containing(found, words: str) -> cl.Candidate:
    return next(c for c in found if words in c.text)


def test_demo_article_facts_rank_above_opinion(wb, demo_article):
    snap = wb.add_snapshot(demo_article)
    found = wb.candidates(snap)
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
    troops = _containing(found, "approximately 28,500 troops")
    war = _containing(found, "from 1950 to 1953")
    opinion = _containing(found, "almost theatrical")
    assert "quantity" in troops.features and "date" in war.features
    assert opinion.features["opinion"] < 0
    assert found.index(troops) < found.index(opinion)
    assert found.index(war) < found.index(opinion)
    for c in found:
        assert demo_article[c.start : c.end] == c.text
        assert 0.0 <= c.score <= 1.0
        assert c.snapshot == snap.hash
    assert troops.quantities[0].value == 28500.0


def test_spans_count_code_points(wb):
    snap = wb.add_snapshot(ARTICLE)  # a dash, guillemets, Hangul and an emoji
    found = wb.candidates(snap.hash)
    assert len(found) == 3
    for c in found:
        assert ARTICLE[c.start : c.end] == c.text
    chun = _containing(found, "전인범")
    assert chun.text.startswith("🇰🇷 Retired general")
    assert "named" in chun.features


def test_min_score_and_limit(wb, demo_article):
    snap = wb.add_snapshot(demo_article)
    every = wb.candidates(snap)
    top = wb.candidates(snap, limit=3)
    assert top == every[:3]
    assert all(c.score >= 0.5 for c in wb.candidates(snap, min_score=0.5))
    assert wb.candidates(snap, limit=0) == []
    with pytest.raises(cl.InvalidInputError):
        wb.candidates(snap, limit=-1)


def test_add_claim_from_a_candidate(wb, demo_article):
    snap = wb.add_snapshot(demo_article)
    troops = _containing(wb.candidates(snap), "approximately 28,500 troops")
    claim = wb.add_claim(troops)
    assert claim.text == troops.text
    (quote,) = claim.appearances
    assert quote.snapshot == snap.hash
    assert quote.exact == troops.text
    assert (quote.start, quote.end) == (troops.start, troops.end)
    assert claim.quantities[0].value == 28500.0
    again = wb.add_claim(troops, appears_in=snap, tags=["troops"])
    assert again.appearances[0].exact == troops.text


def test_unknown_snapshot_is_not_found(wb):
    before = wb.event_count()
    with pytest.raises(cl.NotFoundError, match="no snapshot"):
        wb.candidates("xxh3-128:" + "0" * 32)
    assert wb.event_count() == before


def test_non_utf8_snapshot_is_refused_clearly(wb):
    snap = wb.add_snapshot(b"Caf\xe9 prices rose 5%.")
    before = wb.event_count()
    with pytest.raises((cl.AnchorError, cl.InvalidInputError), match="not UTF-8 text"):
        wb.candidates(snap)
    assert wb.event_count() == before


def test_empty_text_has_no_candidates(wb):
    assert wb.candidates(wb.add_snapshot(" \n\n ")) == []


def test_cli_candidates(tmp_path, capsys, demo_article):
    path = tmp_path / "desk.ledger"
    with cl.open(path, actor="alice") as wb:
        snap = wb.add_snapshot(demo_article).hash
    assert main(["candidates", str(path), snap, "--limit", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 4  # two candidates, each with a line of features
    assert out[0].startswith(("0.", "1."))
    assert "quantity+0.30" in out[1] or "date+0.15" in out[1]
    assert main(["candidates", str(path), snap, "--json", "--limit", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 3
    assert set(data[0]) >= {"text", "start", "end", "score", "features", "quantities"}
    assert demo_article[data[0]["start"] : data[0]["end"]] == data[0]["text"]
    status = main(["candidates", str(path), "xxh3-128:" + "0" * 32])
    err = capsys.readouterr().err.strip().splitlines()
    assert status != 0 and len(err) == 1 and err[0].startswith("claimledger: ")
