"""wb.compare_quantities(claim): a claim's figures set beside those quoted in its evidence,
on the demo desk and on hand-made desks, and the claim card that shows them."""

from __future__ import annotations

import claimledger as cl
import pytest
from claimledger.demo import build_demo

DEMO_LINES: list[str] = []


@pytest.fixture(scope="module")
def demo_wb(tmp_path_factory):
    DEMO_LINES.clear()
    path = build_demo(tmp_path_factory.mktemp("demo"), say=DEMO_LINES.append)
    with cl.open(path, actor="test", create=False) as wb:
        yield wb


def claim_starting(wb, words: str) -> cl.Claim:
    (found,) = [c for c in wb.claims() if c.text.startswith(words)]
    return found


def test_the_demo_troops_claim_equals_the_fact_sheets_figure(demo_wb):
    claim = claim_starting(demo_wb, "About 28,500 US troops")
    events = demo_wb.event_count()
    (comparison,) = demo_wb.compare_quantities(claim.id)
    assert isinstance(comparison, cl.QuantityComparison)
    assert comparison.claimed == claim.quantities[0]
    assert comparison.claimed.text == "About 28,500 US troops"
    assert comparison.found.text == "Approximately 28,500 U.S. service members"
    assert (comparison.outcome, comparison.difference, comparison.relative) == ("equal", 0, None)
    assert comparison.note == "troops ~ service members"
    (evidence,) = [e for e in demo_wb.evidence(claim.id) if e.id == comparison.evidence]
    assert evidence.stance == comparison.stance == "supports"
    assert "28,500" in evidence.quote.exact
    assert demo_wb.event_count() == events  # reads only


def test_the_demo_summary_says_how_each_figure_stands(demo_wb):
    troops = DEMO_LINES.index("      quantity: 'About 28,500 US troops' -> 28,500 troops about")
    assert DEMO_LINES[troops + 1].strip() == (
        "equal beside 'Approximately 28,500 U.S. service members' (supports evidence)"
    )
    assert "      quantity: 'June 2024' -> 2024-06-01–2024-06-30 date" in DEMO_LINES


def test_the_demo_dates_and_ranges_stand_within_or_overlap(demo_wb):
    visit = demo_wb.compare_quantities(claim_starting(demo_wb, "Vladimir Putin visited").id)
    assert [(c.claimed.text, c.found.text, c.outcome, c.unit) for c in visit] == [
        ("June 2024", "19 June 2024", "within", "days")
    ]
    recognition = demo_wb.compare_quantities(claim_starting(demo_wb, "Moscow established").id)
    assert [(c.found.text, c.outcome, c.unit) for c in recognition] == [
        ("30 September 1990", "within", "years")
    ]
    war = demo_wb.compare_quantities(claim_starting(demo_wb, "The Korean War lasted").id)
    assert [c.found.text for c in war] == ["25 June 1950", "27 July 1953", "27 July 1953"]
    assert {c.outcome for c in war} == {"within"}
    famine = demo_wb.compare_quantities(claim_starting(demo_wb, "The North Korean famine").id)
    outcomes = {c.found.text: c.outcome for c in famine if c.claimed.unit == "people"}
    assert outcomes == {
        "from several hundred thousand to several million": "overlaps",
        "a few hundred thousand to about one million": "overlaps",
    }


def test_the_demo_claim_card_shows_the_comparison(demo_wb):
    claim = claim_starting(demo_wb, "About 28,500 US troops")
    card = demo_wb.claim_card(claim.id)
    text = repr(card)
    line = next(line for line in text.splitlines() if line.strip().startswith("equal:"))
    assert '"Approximately 28,500 U.S. service members"' in line
    assert "supports" in line
    assert "troops ~ service members" in line
    html = card._repr_html_()
    (comparison,) = demo_wb.compare_quantities(claim.id)
    assert f'class="cl-comparison" data-outcome="equal" data-quoted-in="{comparison.evidence}"' in (
        html
    )
    # A claim without quantities shows no comparison.
    training = demo_wb.claim_card(claim_starting(demo_wb, "North Korean soldiers").id)
    assert "cl-comparison" not in training._repr_html_()


def test_off_by_how_much(wb):
    snap = wb.add_snapshot("A later count by the ministry found 35,000 troops in the country.")
    claim = wb.add_claim("About 28,500 US troops are in South Korea.")
    evidence = wb.link_evidence(claim.id, snap.hash, quote="35,000 troops", stance="refutes")
    (comparison,) = wb.compare_quantities(claim.id)
    assert comparison.outcome == "off"
    assert comparison.difference == 6_500
    assert comparison.relative == pytest.approx(6_500 / 28_500)
    assert (comparison.unit, comparison.evidence, comparison.stance) == (
        "troops",
        evidence.id,
        "refutes",
    )
    text = repr(wb.claim_card(claim.id))
    assert 'off by +6,500 troops (+22.8%): "35,000 troops" (refutes ' in text


@pytest.mark.parametrize(
    ("claim", "evidence", "outcome"),
    [
        ("More than 3,000 homicides were recorded.", "Police recorded 3,412 homicides.", "within"),
        ("More than 3,000 homicides were recorded.", "Police recorded 2,900 homicides.", "off"),
        ("Up to 40% of voters stayed home.", "Data show 38 per cent stayed home.", "within"),
        ("Nearly 2,000 deaths were reported.", "Officials reported 2,100 deaths.", "off"),
        ("Roughly two-thirds backed the plan.", "The plan won 64% support.", "within"),
        ("Between 10 and 20 ships were seen.", "Satellites showed 25 ships.", "off"),
        ("The treaty was signed in 1990.", "It was signed on 30 September 1990.", "within"),
    ],
)
def test_the_claims_own_qualifier_decides(wb, claim, evidence, outcome):
    snap = wb.add_snapshot(evidence)
    added = wb.add_claim(claim)
    wb.link_evidence(added.id, snap.hash, quote=evidence, stance="context")
    (comparison,) = wb.compare_quantities(added.id)
    assert comparison.outcome == outcome


def test_no_comparable_figure_gives_nothing(wb):
    snap = wb.add_snapshot("The fund received EUR 2 billion.")
    claim = wb.add_claim("The fund received $2bn.")
    assert wb.compare_quantities(claim.id) == []
    wb.link_evidence(claim.id, snap.hash, quote="EUR 2 billion", stance="supports")
    assert wb.compare_quantities(claim.id) == []  # currencies match only themselves
    assert "no figure in its evidence to compare" in wb.claim_card(claim.id)._repr_html_()


def test_unknown_or_malformed_claims_are_refused(wb):
    with pytest.raises(cl.NotFoundError):
        wb.compare_quantities("clm_0000000000000000")
    with pytest.raises(cl.InvalidInputError, match="claim"):
        wb.compare_quantities(42)
