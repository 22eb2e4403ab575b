"""Checked before? Near-duplicate matching of claims, and the warning on add_claim."""

from __future__ import annotations

import warnings

import claimledger as cl
import pytest
from claimledger.cli import main as cli_main

TOPICS = ["budget", "vaccine", "border", "tariff", "harvest", "election", "pension"]


@pytest.fixture
def desk(new_location):
    wb = cl.open(new_location("similar.ledger"))
    wb.add_claims(
        [{"text": f"The {TOPICS[i % 7]} grew {i} percent in district {i // 7}"} for i in range(700)]
    )
    troops = wb.add_claim(
        "About 28,500 US troops are stationed in South Korea.",
        verdict={"rating": "true", "rationale": "fact sheet"},
    )
    famine = wb.add_claim("The famine of the 1990s killed hundreds of thousands.")
    yield wb, troops, famine
    wb.close()


@pytest.mark.parametrize(
    "variant",
    [
        "South Korea hosts about 28500 US troops",  # reordered, number format
        "Roughly 28,500 American troops are stationed in South Korea",  # synonyms
        "28,500 US troops stationed in Korea",  # dropped words
    ],
)
def test_reworded_claims_are_found_first(desk, variant):
    wb, troops, _ = desk
    hits = wb.similar(variant, k=5)
    assert hits[0].claim.id == troops.id
    assert hits[0].claim.verdict.rating == "true"
    assert 0 < hits[0].score <= 1
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_unrelated_text_finds_nothing_close(desk):
    wb, *_ = desk
    assert all(h.score < 0.3 for h in wb.similar("Quantum chromodynamics on a lattice"))
    with pytest.raises(cl.InvalidInputError):
        wb.similar("   ")


def test_add_claim_warns_about_a_checked_near_duplicate(desk):
    wb, troops, _famine = desk
    with pytest.warns(cl.NearDuplicateWarning, match=troops.id):
        added = wb.add_claim("About 28,500 US troops are based in South Korea.")
    assert wb.claim(added.id).text.endswith("based in South Korea.")  # warned, not refused
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no verdict yet on the famine claim: no warning
        wb.add_claim("The 1990s famine killed hundreds of thousands.")


def test_a_rare_shared_word_outweighs_common_ones(new_location):
    # Every filler claim holds "government", "said" and "failed"; one claim holds "teleprompter".
    wb = cl.open(new_location("rare.ledger"))
    wb.add_claims(
        [
            {"text": f"The government said the {t} plan failed in {y}"}
            for t in TOPICS
            for y in range(1990, 2010)
        ]
    )
    teleprompter = wb.add_claim("A teleprompter broke down during the speech")
    hits = wb.similar("The government said the teleprompter failed", k=3)
    assert hits[0].claim.id == teleprompter.id
    assert hits[0].score > 2 * hits[1].score


def test_a_claim_inside_a_longer_post_is_found_and_warned_about(desk):
    wb, troops, _ = desk
    post = (
        "BREAKING \U0001f6a8 \u201cAbout 28,500 US troops are stationed in South Korea\u201d "
        "\u2014 share before they delete this! https://t.co/x1Yz9Qw"
    )
    hits = wb.similar(post, k=3)
    assert hits[0].claim.id == troops.id
    assert hits[0].score >= cl.NEAR_DUPLICATE
    with pytest.warns(cl.NearDuplicateWarning, match=troops.id):
        wb.add_claim(post)


def test_a_claims_context_is_compared_and_searched(new_location):
    wb = cl.open(new_location("context.ledger"))
    wb.add_claims([{"text": f"A viral video shows a snake in the {t} story"} for t in TOPICS])
    anaconda = wb.add_claim(
        "A viral video shows a huge snake swimming across a river.",
        context="Does a video show a 10-meter-long anaconda in Brazil?",
    )
    wb.add_claim("A viral video shows a huge snake swimming in a river in India.")
    hits = wb.similar("Footage of a 10 meter anaconda crossing a river in Brazil", k=2)
    assert hits[0].claim.id == anaconda.id
    assert [h.claim.id for h in wb.search("anaconda")] == [anaconda.id]


def test_similar_from_the_command_line(desk, capsys):
    wb, troops, _ = desk
    assert cli_main(["similar", wb.path, "US troops in South Korea 28500", "-k", "2"]) == 0
    assert troops.id in capsys.readouterr().out.splitlines()[0]
