"""Rating scales, source reliability, evidence credibility and track records."""

from __future__ import annotations

import math

import claimledger as cl
import pytest
from claimledger.files import ledger_exists


def test_builtin_scales_have_the_documented_ratings():
    labels = {
        name: [r["label"] for r in cl.scales.scale_ratings(name)]
        for name in cl.scales.BUILTIN_SCALES
    }
    assert labels["default"] == [
        "true",
        "mostly-true",
        "mixed",
        "mostly-false",
        "false",
        "unproven",
        "misleading",
    ]
    assert labels["politifact"] == [
        "true",
        "mostly-true",
        "half-true",
        "barely-true",
        "false",
        "pants-fire",
    ]
    assert labels["fever"] == ["supports", "refutes", "not-enough-info"]
    assert labels["claimskg"] == ["true", "mixture", "false", "other"]
    assert cl.truth_score("politifact", "half-true") == pytest.approx(0.6)
    assert cl.truth_score("default", "mostly-true") == pytest.approx(0.75)
    assert cl.truth_score("fever", "not-enough-info") is None
    with pytest.raises(cl.InvalidInputError, match="accepted: true, mostly-true"):
        cl.truth_score("politifact", "pants-on-fire")


def test_a_custom_scale_is_fixed_in_the_ledger(new_location):
    scale = [("correct", 0), ("partly correct", 1), ("wrong", 2), ("no evidence", None)]
    path = new_location("custom.ledger")
    with cl.open(path, scale=scale) as wb:
        assert wb.ratings == ["correct", "partly correct", "wrong", "no evidence"]
        claim = wb.add_claim("The bridge opened in 1932.")
        wb.set_verdict(claim, "partly correct", rationale="it opened in 1933")
        with pytest.raises(cl.InvalidInputError, match="accepted: correct, partly correct"):
            wb.set_verdict(claim, "true", rationale="not on this scale")
    with pytest.raises(cl.InvalidInputError, match='scale is "custom"'):
        cl.open(path, scale="politifact")  # an existing ledger keeps its scale
    with cl.open(path, scale=scale) as wb:  # the same scale again is its own
        assert wb.scale == "custom"
    with cl.open(path) as wb:
        assert wb.scale == "custom"
        assert wb.claim(claim).verdict.rating == "partly correct"
    named = {
        "name": "newsroom",
        "ratings": [{"label": "yes", "rank": 0}, {"label": "no", "rank": 1}],
    }
    assert cl.open(scale=named).scale == "newsroom"
    assert cl.truth_score(scale, "partly correct") == pytest.approx(0.5)


@pytest.mark.parametrize(
    "bad",
    [
        [],
        [("a", 0), ("a", 1)],
        [("a", -1)],
        [("", 0)],
        ["just a label"],
    ],
)
def test_a_bad_custom_scale_is_refused_before_anything_is_written(bad, new_location):
    path = new_location("never.ledger")
    with pytest.raises(cl.InvalidInputError, match="scale"):
        cl.open(path, scale=bad)
    assert not ledger_exists(path)


def test_mappings_between_scales_say_when_they_lose_information():
    mapping = {x.source_label: x for x in cl.map_scale("politifact", "default")}
    assert mapping["pants-fire"].target_label == "false"
    assert mapping["true"].target_label == "true"
    assert all(x.lossy for x in mapping.values())  # six truth levels onto five
    identity = cl.map_scale("default", "default")
    assert all(x.target_label == x.source_label and not x.lossy for x in identity)
    fever = {x.source_label: x for x in cl.map_scale("fever", "default")}
    assert fever["supports"].target_label == "true"
    assert fever["not-enough-info"].target_label is None
    assert fever["not-enough-info"].lossy
    assert fever["not-enough-info"].note


def test_claimreview_ratings():
    assert cl.claimreview_rating("politifact", "pants-fire") == {
        "@type": "Rating",
        "ratingValue": 1,
        "bestRating": 6,
        "worstRating": 1,
        "alternateName": "pants-fire",
    }
    assert cl.claimreview_rating("politifact", "true")["ratingValue"] == 6
    unproven = cl.claimreview_rating("default", "unproven")
    assert "ratingValue" not in unproven
    assert unproven["alternateName"] == "unproven"


def test_source_reliability_history_is_auditable():
    with cl.open(actor="alice") as wb:
        source = wb.add_source("Wire service")
        wb.rate_source(source, "C", rationale="new to us")
        wb.actor = "bob"
        wb.rate_source(source, "B", rationale="two years without a correction")
        assert wb.source(source).reliability == "B"
        ratings = wb.source_ratings(source)
        assert [(r.grade, r.actor) for r in ratings] == [("C", "alice"), ("B", "bob")]
        assert [e.type for e in wb.history(source)] == [
            "source.added",
            "source.rated",
            "source.rated",
        ]
        with pytest.raises(cl.InvalidInputError, match="A \\(completely reliable\\)"):
            wb.rate_source(source, "G", rationale="no such grade")


def test_evidence_carries_an_admiralty_credibility():
    with cl.open() as wb:
        snap = wb.add_snapshot("The ministry said 1,500 soldiers arrived.")
        claim = wb.add_claim("1,500 soldiers arrived.")
        ev = wb.link_evidence(
            claim, snap, quote="1,500 soldiers arrived", stance="supports", credibility="2"
        )
        assert ev.credibility == "2"
        assert wb.evidence(claim)[0].credibility == "2"
        count = wb.event_count()
        with pytest.raises(cl.InvalidInputError, match="accepted: 1, 2, 3, 4, 5, 6"):
            wb.link_evidence(claim, snap, quote="1,500", stance="supports", credibility="7")
        assert wb.event_count() == count


def test_track_record_matches_a_hand_computed_case():
    with cl.open() as wb:
        speaker = wb.add_source("Speaker", kind="person")
        other = wb.add_source("Other", kind="person")
        ratings = ["true", "true", "mostly-false", "unproven"]
        ids = wb.add_claims(
            [
                {
                    "text": f"Claim {i}",
                    "claimant": speaker,
                    "date": f"{2019 + i // 2}-03-01",
                    "verdict": rating,
                }
                for i, rating in enumerate(ratings)
            ]
        )
        wb.add_claim("Not by the speaker", claimant=other, verdict="false")
        record = wb.track_record(speaker)
        # successes 1 + 1 + 0.25, failures 0 + 0 + 0.75 -> Beta(3.25, 1.75)
        assert record.counts == {"true": 2, "mostly-false": 1, "unproven": 1}
        assert (record.verdicts, record.rated) == (4, 3)
        assert record.alpha == pytest.approx(3.25)
        assert record.beta == pytest.approx(1.75)
        assert record.score == pytest.approx(3.25 / 5)
        assert record.low < record.score < record.high
        assert record.prior == "Beta(1, 1)"
        assert [(y.year, y.rated) for y in record.by_year] == [(2019, 2), (2020, 1)]
        assert record.by_year[0].score == pytest.approx(3 / 4)
        # The current verdict counts, not the first one.
        wb.set_verdict(ids[0], "false", rationale="revised")
        assert wb.track_record(speaker).counts["false"] == 1


def test_few_claims_give_a_wide_interval_not_an_extreme_score():
    with cl.open() as wb:
        once = wb.add_source("Said it once", kind="person")
        often = wb.add_source("Said it often", kind="person")
        wb.add_claim("A", claimant=once, verdict="true")
        wb.add_claims([{"text": f"B{i}", "claimant": often, "verdict": "true"} for i in range(100)])
        a, b = wb.track_record(once), wb.track_record(often)
        assert a.score == pytest.approx(2 / 3)
        assert a.high - a.low > 0.7
        assert b.score > 0.98
        assert b.high - b.low < 0.05


def test_sources_report_sorts_by_score_or_volume():
    import pandas as pd  # in the test extra: a missing pandas fails, never skips

    with cl.open() as wb:
        liar = wb.add_source("Often wrong", kind="person")
        honest = wb.add_source("Usually right", kind="person")
        quiet = wb.add_source("Never checked", kind="person")
        wb.add_claims([{"text": f"W{i}", "claimant": liar, "verdict": "false"} for i in range(5)])
        wb.add_claims([{"text": f"R{i}", "claimant": honest, "verdict": "true"} for i in range(3)])
        report = wb.sources_report()
        assert isinstance(report, pd.DataFrame)
        assert list(report["name"]) == ["Usually right", "Often wrong", "Never checked"]
        assert math.isnan(report.loc[2, "score"]) or report.loc[2, "score"] is None
        by_volume = wb.sources_report(sort_by="volume")
        assert list(by_volume["verdicts"]) == [5, 3, 0]
        assert quiet.id in set(report["id"])
        with pytest.raises(cl.InvalidInputError, match="accepted: score, volume, name"):
            wb.sources_report(sort_by="colour")


def test_refs_make_adding_twice_add_nothing():
    with cl.open(scale="politifact") as wb:
        speaker = wb.add_source(
            "Jane Roe",
            kind="person",
            ref="liar:speaker:jane-roe",
            attributes={"state": "Ohio", "party": "none"},
        )
        again = wb.add_source("Jane Roe", kind="person", ref="liar:speaker:jane-roe")
        assert again.id == speaker.id
        assert again.attributes == {"party": "none", "state": "Ohio"}
        record = {
            "text": "Taxes doubled.",
            "claimant": speaker.id,
            "ref": "liar:1.json",
            "context": "a debate",
            "provenance": {"dataset": "liar", "line": 1},
            "verdict": {"rating": "false", "rationale": "they rose 3%"},
        }
        first = wb.add_claims([record])
        count = wb.event_count()
        assert wb.add_claims([record]) == first
        assert wb.event_count() == count
        claim = wb.claim(first[0])
        assert (claim.ref, claim.context, claim.provenance) == (
            "liar:1.json",
            "a debate",
            {"dataset": "liar", "line": 1},
        )
        with pytest.raises(cl.InvalidInputError, match="provenance"):
            wb.add_claim("x", provenance={"score": 1.5})
        assert wb.verify().ok


def test_provenance_and_attributes_are_recorded_alike_in_any_key_order_or_key_type():
    with cl.open() as wb:
        given = {"z": None, "line": 7, "é": "ü", "dataset": "liar"}
        one = wb.add_claim("Taxes doubled.", provenance=given)
        other = wb.add_claim("Taxes tripled.", provenance=dict(reversed(given.items())))
        mixed = wb.add_claim("Taxes fell.", provenance={2: "two", "a": 1})  # keys of two types
        source = wb.add_source("Jane Roe", kind="person", attributes={"state": "Ohio", "age": 52})
        for claim in (one, other):
            assert claim.provenance == given
            [added] = [e for e in wb.history(claim.id) if e.type == "claim.added"]
            assert list(added.data["provenance"]) == ["dataset", "line", "z", "é"]  # bytewise
        assert mixed.provenance == {"2": "two", "a": 1}
        assert list(source.attributes) == ["age", "state"]
        with pytest.raises(cl.InvalidInputError, match="must be text or an integer"):
            wb.add_claim("x", provenance={"nested": {"a": 1}})
        with pytest.raises(cl.InvalidInputError, match="must be text or an integer"):
            wb.add_source("Bob", attributes={"verified": True})
        assert wb.verify().ok
