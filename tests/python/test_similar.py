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


def test_similar_from_the_command_line(desk, capsys):
    wb, troops, _ = desk
    assert cli_main(["similar", wb.path, "US troops in South Korea 28500", "-k", "2"]) == 0
    assert troops.id in capsys.readouterr().out.splitlines()[0]
