"""Check-worthy candidates from Python and the command line: ranking of the demo article,
code-point spans, add_claim from a candidate, and errors for unknown or non-text snapshots."""

from __future__ import annotations

import dataclasses
import gc
import json
import random
import re
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
    assert "quantity" in troops.features
    assert "date" in war.features
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


def test_cli_candidates(capsys, demo_article, new_location):
    path = new_location("desk.ledger")
    with cl.open(path, actor="alice") as wb:
        snap = wb.add_snapshot(demo_article).hash
    assert main(["candidates", str(path), snap, "--limit", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 4  # two candidates, each with a line of features
    assert out[0].startswith(("0.", "1."))
    assert re.search(r"(quantity|date)\+\d\.\d{3}", out[1])
    assert main(["candidates", str(path), snap, "--json", "--limit", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 3
    assert set(data[0]) >= {"text", "start", "end", "score", "features", "quantities"}
    assert demo_article[data[0]["start"] : data[0]["end"]] == data[0]["text"]
    status = main(["candidates", str(path), "xxh3-128:" + "0" * 32])
    err = capsys.readouterr().err.strip().splitlines()
    assert status != 0
    assert len(err) == 1
    assert err[0].startswith("claimledger: ")


# The sentence features (claimledger.Candidate); the rest of a candidate's features are cue
# words, named "word:" and the word.
SENTENCE_FEATURES = {
    "quantity",
    "count",
    "date",
    "comparison",
    "change",
    "record",
    "attribution",
    "named",
    "hedge",
    "opinion",
    "question",
    "promise",
    "short",
}


def _generated_article(seed: int = 11) -> str:
    """Paragraphs of sentences with every feature, abbreviations, initials, typographic
    quotes and spaces, and characters of two, three and four bytes in UTF-8."""
    rng = random.Random(seed)
    who = ["Dr. Ana Ruiz", "Gen. Paul LaCamera", "J. R. Miller", "Chun In-bum (전인범)", "Zoë Côté"]
    where = ["the U.S.", "Zürich", "South Korea", "the E.U.", "Ōsaka 🇯🇵"]
    amount = [
        "about 28,500 troops",
        "$1.2 billion",
        "12%",
        "between 40 and 80 people",
        "hundreds of thousands of votes",
        "two leaders",
        "28\u202f500 homes",
        "a quarter",
    ]
    sentences = [
        "{w} said {p} had {a} in {y}.",
        "According to officials, {a} were counted in {p} from 1950 to 1953.",
        "The budget rose to {a} on 21 October {y}, more than in the 1990s.",
        "It was the largest increase since {y}, the ministry reported.",
        "Critics described the plan as \u201ca theatrical gesture.\u201d",
        "I think this is a remarkable moment for {p}.",
        "Prices might fall, perhaps by {a}, analysts said\u2026",
        "Will {p} ever recover?",
        "\u00abIs it true?\u00bb",
        "The U.S. Army deployed {a} near the border at 10:30 a.m. Tuesday.",
        "Exports doubled\u00a0compared with {y} \u2014 a record.",
        "they met in May.",
    ]
    paragraphs = []
    for _ in range(60):
        paragraph = " ".join(
            rng.choice(sentences).format(
                w=rng.choice(who),
                p=rng.choice(where),
                a=rng.choice(amount),
                y=rng.randint(1950, 2025),
            )
            for _ in range(rng.randint(1, 6))
        )
        paragraphs.append(paragraph)
    return "\n\n".join(paragraphs) + "\nNo full stop at the end"


def test_generated_text_keeps_every_property(wb):
    text = _generated_article()
    snap = wb.add_snapshot(text)
    every = wb.candidates(snap)
    assert gc.isenabled()
    assert len(every) > 100
    found = set().union(*(c.features for c in every))
    assert SENTENCE_FEATURES - {"record", "promise"} <= found
    assert all(name in SENTENCE_FEATURES or name.startswith("word:") for name in found)
    weights: dict[str, float] = {}
    scores: dict[frozenset, float] = {}
    by_place = sorted(every, key=lambda c: c.start)
    previous_end = 0
    for c in by_place:
        assert isinstance(c, cl.Candidate)
        assert type(c.start) is int
        assert type(c.end) is int
        assert type(c.score) is float
        assert previous_end <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == c.text == c.text.strip()
        previous_end = c.end
        assert c.snapshot == snap.hash
        # Each feature weighs the same in every sentence, in whole thousandths.
        for name, weight in c.features.items():
            assert weights.setdefault(name, weight) == weight
            assert weight * 1000 == round(weight * 1000)
        # The same features give exactly the same score (an integer sum, no float dust).
        assert scores.setdefault(frozenset(c.features), c.score) == c.score
        assert 0.0 < c.score < 1.0
        # The quantities are those the parser finds in the sentence alone.
        want = tuple(cl.model.quantity_from_core(q) for q in cl._core.parse_quantities(c.text))
        assert c.quantities == want
        assert all(isinstance(q, cl.Quantity) and q.text in c.text for q in c.quantities)
    assert by_place[-1].text == "No full stop at the end"
    # The score is the logistic function of the bias plus the features' weights: a larger
    # sum never scores lower.
    by_sum = sorted(every, key=lambda c: sum(c.features.values()))
    assert [c.score for c in by_sum] == sorted(c.score for c in every)
    assert len(scores) < len(every)  # some sentences share their features and tie exactly
    # Best first, ties in document order.
    assert every == sorted(by_place, key=lambda c: (-c.score, c.start))
    assert wb.candidates(snap, min_score=0.3) == [c for c in every if c.score >= 0.3]
    assert wb.candidates(snap, limit=5) == every[:5]
    with pytest.raises(dataclasses.FrozenInstanceError):
        every[0].score = 1.0  # type: ignore[misc]


def test_garbage_collector_is_left_as_it_was(wb):
    snap = wb.add_snapshot(ARTICLE)
    gc.disable()
    try:
        wb.candidates(snap)
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(cl.NotFoundError):
        wb.candidates("xxh3-128:" + "0" * 32)
    assert gc.isenabled()


TRANSCRIPT = (
    "HOLT: Good evening from Hofstra University.\n"
    "TRUMP: We lost 70,000 factories in 2015. Nobody talks about it.\n"
    "CLINTON: I think that is wrong. Unemployment fell to 4.9 percent last year.\n"
)


def test_transcript_speakers_and_claimants(wb):
    trump = wb.add_source("Trump", kind="person")
    paper = wb.add_source("Meridian Courier", kind="outlet")
    snap = wb.add_snapshot(TRANSCRIPT, publisher=paper)
    found = wb.candidates(snap)
    assert not any(c.text.startswith(("HOLT", "TRUMP", "CLINTON")) for c in found)
    factories = _containing(found, "70,000 factories")
    assert factories.text == "We lost 70,000 factories in 2015."
    assert factories.speaker == factories.said_by == "TRUMP"
    assert "named" not in factories.features  # the label is not a named thing
    # The speaker is a source of the desk (names compare ignoring case): the claimant.
    assert wb.add_claim(factories).claimant == trump.id
    # A speaker the desk does not know: no claimant, and a suggestion naming the speaker.
    unemployment = _containing(found, "4.9 percent")
    assert unemployment.speaker == "CLINTON"
    with pytest.warns(cl.ClaimantSuggestion, match="CLINTON"):
        claim = wb.add_claim(unemployment)
    assert claim.claimant is None
    # An explicit claimant wins.
    assert wb.add_claim(unemployment, claimant=paper).claimant == paper.id


def test_adopted_candidate_claimant_is_the_publisher_unless_named(wb, recwarn):
    paper = wb.add_source("Meridian Courier", kind="outlet")
    chun = wb.add_source("Chun In-bum", kind="person")
    snap = wb.add_snapshot(
        "The United States keeps 28,500 troops in South Korea.\n\n"
        "Chun In-bum said the drills were larger than last year.\n\n"
        "Share this article\n\nBy Jane Doe\n",
        publisher=paper,
    )
    found = wb.candidates(snap)
    assert [c.text for c in sorted(found, key=lambda c: c.start)] == [
        "The United States keeps 28,500 troops in South Korea.",
        "Chun In-bum said the drills were larger than last year.",
    ]
    troops = _containing(found, "28,500 troops")
    assert troops.said_by is None
    assert troops.speaker is None
    assert wb.add_claim(troops).claimant == paper.id
    drills = _containing(found, "drills")
    assert drills.said_by == "Chun In-bum"
    assert wb.add_claim(drills).claimant == chun.id
    assert not [w for w in recwarn if issubclass(w.category, cl.ClaimantSuggestion)]
    # Without a publisher, a sentence that names no one has no claimant.
    bare = wb.add_snapshot("The bridge cost $40 million in 2019.")
    (bridge,) = wb.candidates(bare)
    assert wb.add_claim(bridge).claimant is None
