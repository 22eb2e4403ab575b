"""Quotes that move: tolerant anchoring in link_evidence/add_claim, and wb.reanchor(old, new)
after a source edited its article, through the public API and the command line."""

from __future__ import annotations

import json

import claimledger as cl
import pytest
from claimledger.cli import main

OLD = (
    "Seoul, 21 October 2024 — The United States keeps approximately 28,500 troops in South "
    "Korea, a legacy of the 1950–1953 Korean War. Officials said the number would not change. "
    "Retired general Chun In-bum called it “a significant escalation”.\n"
)
# The source's edit: a new first line, the figure changed, a sentence dropped, a dash
# typed differently. Everything else stays.
NEW = (
    "UPDATED with the new figure.\n"
    "Seoul, 21 October 2024 — The United States keeps approximately 28,000 troops in South "
    "Korea, a legacy of the 1950-1953 Korean War. "
    "Retired general Chun In-bum called it “a significant escalation”.\n"
)


@pytest.fixture
def edited(wb):
    old = wb.add_snapshot(OLD, url="https://example.org/troops")
    new = wb.add_snapshot(NEW, url="https://example.org/troops")
    troops = wb.add_claim(
        "The US keeps approximately 28,500 troops in South Korea.",
        appears_in=old,
        quote="approximately 28,500 troops",
    )
    escalation = wb.add_claim(
        "The deployment is a significant escalation.",
        appears_in=old,
        quote='"a significant escalation"',  # typed with straight quotes
    )
    war = wb.link_evidence(escalation, old, quote="the 1950-1953 Korean War", stance="context")
    officials = wb.link_evidence(
        troops, old, quote="officials said the number", stance="supports", match_case=False
    )
    wb.set_verdict(troops, "true", rationale="Officials confirmed it.", evidence=[officials])
    return wb, old, new, troops, escalation, war, officials


def test_typed_quotes_anchor_to_the_snapshots_own_text(edited):
    wb, old, _, _, escalation, war, officials = edited
    assert wb.claim(escalation).appearances[0].exact == "“a significant escalation”"
    assert wb.evidence(escalation)[0].quote.exact == "the 1950–1953 Korean War"  # en dash
    officials_quote = next(e for e in wb.evidence(officials.claim) if e.id == officials.id).quote
    assert officials_quote.exact == "Officials said the number"
    text = wb.snapshot_text(old)
    assert text[officials_quote.start : officials_quote.end] == officials_quote.exact
    assert war.quote.snapshot == old.hash


def test_case_is_ignored_only_when_asked(edited):
    wb, old, _, troops, *_ = edited
    before = wb.event_count()
    with pytest.raises(cl.AnchorError) as caught:
        wb.link_evidence(troops, old, quote="OFFICIALS SAID", stance="supports")
    assert caught.value.id == "claimledger.anchor.not_found"
    assert "different capital letters" in str(caught.value)
    assert wb.event_count() == before
    found = wb.link_evidence(
        troops, old, quote="OFFICIALS SAID", stance="supports", match_case=False
    )
    assert found.quote.exact == "Officials said"
    claim = wb.add_claim("x", appears_in=old, quote="KOREAN WAR", match_case=False)
    assert claim.appearances[0].exact == "Korean War"


def test_an_ambiguous_quote_is_refused_until_prefix_or_suffix_picks_one(wb):
    snap = wb.add_snapshot("In 2018: 28,500 troops. In 2024: 28,500 troops.")
    claim = wb.add_claim("About 28,500 troops.")
    before = wb.event_count()
    with pytest.raises(cl.AnchorError) as caught:
        wb.link_evidence(claim, snap, quote="28,500 troops", stance="supports")
    assert caught.value.id == "claimledger.anchor.ambiguous"
    assert "2 times (at code points 9, 33)" in str(caught.value)
    assert wb.event_count() == before
    by_prefix = wb.link_evidence(
        claim, snap, quote="28,500 troops", stance="supports", prefix="In 2024: "
    )
    assert by_prefix.quote.start == 33
    by_suffix = wb.link_evidence(
        claim, snap, quote="28,500 troops", stance="supports", suffix=". In"
    )
    assert by_suffix.quote.start == 9


def test_reanchor_reports_every_quote(edited):
    wb, old, new, troops, escalation, war, officials = edited
    before = wb.event_count()
    report = wb.reanchor(old, new)
    assert wb.event_count() == before  # reads only
    assert isinstance(report, cl.ReanchorReport)
    assert (report.old, report.new) == (old.hash, new.hash)
    assert report.old_url == report.new_url == "https://example.org/troops"
    by_what = {q.evidence or q.claim: q for q in report.quotes}
    # In the order of their old position.
    assert [q.status for q in report.quotes] == ["changed", "moved", "orphaned", "moved"]
    assert [q.old.start for q in report.quotes] == sorted(q.old.start for q in report.quotes)

    number = by_what[troops.id]  # the claim's own quote: the figure was edited
    assert number.status == "changed"  # never exact or moved
    assert number.new.exact == "approximately 28,000 troops"
    assert NEW[number.new.start : number.new.end] == number.new.exact
    assert number.new.snapshot == new.hash
    assert number.old.exact == "approximately 28,500 troops"
    assert number.score == pytest.approx(1 - 1 / 27)

    moved = by_what[war.id]  # same words (dash typed differently), later in the text
    assert moved.status == "moved"
    assert moved.new.exact == "the 1950-1953 Korean War"
    assert moved.score == 1.0

    gone = by_what[officials.id]
    assert gone.status == "orphaned"
    assert gone.new is None
    assert "not found" in gone.detail

    same = by_what[escalation.id]
    assert same.status == "moved"  # a line was added above it
    assert report.counts == {"exact": 0, "moved": 2, "changed": 1, "orphaned": 1}


def test_reanchor_lists_the_claims_that_need_review(edited):
    wb, old, new, troops, _escalation, _war, officials = edited
    report = wb.reanchor(old, new)
    assert [r.claim for r in report.needs_review] == [troops.id]
    review = report.needs_review[0]
    assert review.rating == "true"
    assert review.appearance is True
    assert review.evidence == (officials.id,)
    assert review.verdict_cites is True


def test_reanchor_of_a_snapshot_against_itself_is_all_exact(edited):
    wb, old, *_ = edited
    report = wb.reanchor(old, old)
    assert {q.status for q in report.quotes} == {"exact"}
    assert report.needs_review == ()


def test_reanchor_errors(edited):
    wb, old, new, *_ = edited
    with pytest.raises(cl.NotFoundError) as caught:
        wb.reanchor("xxh3-128:" + "0" * 32, new)
    assert caught.value.id == "claimledger.snapshot.not_found"
    binary = wb.add_snapshot(b"\xff\xfe\x00\x01")
    with pytest.raises(cl.AnchorError) as caught:
        wb.reanchor(old, binary)
    assert caught.value.id == "claimledger.anchor.not_text"
    assert "not UTF-8 text" in str(caught.value)


def test_reanchor_frame_and_display(edited):
    wb, old, new, *_ = edited
    report = wb.reanchor(old, new)
    frame = report.frame()
    assert list(frame["status"]) == [q.status for q in report.quotes]
    assert list(frame["status"].cat.categories) == ["exact", "moved", "changed", "orphaned"]
    orphan = frame[frame["status"] == "orphaned"].iloc[0]
    assert orphan["new_start"] is not None
    assert str(orphan["new_start"]) == "<NA>"
    assert frame["needs_review"].sum() == 2
    html = report._repr_html_()
    assert html.count('data-status="changed"') == 1
    assert "1 claim(s) need review" in html
    assert "approximately 28,000 troops" in html
    assert repr(report) == (
        "<ReanchorReport 4 quotes: 2 moved, 1 changed, 1 orphaned; 1 claims need review>"
    )


def test_cli_reanchor_prints_statuses_and_exits_1_when_review_is_needed(edited, location, capsys):
    wb, old, new, troops, *_ = edited
    wb.close()
    path = location
    status = main(["reanchor", str(path), old.hash, new.hash])
    out, err = capsys.readouterr()
    assert status == 1
    assert err == ""
    assert "4 quote(s): 2 moved, 1 changed, 1 orphaned" in out
    assert '"approximately 28,000 troops" (similarity 0.96)' in out
    assert f"{troops.id}  true" in out

    status = main(["reanchor", str(path), old.hash, new.hash, "--json"])
    data = json.loads(capsys.readouterr().out)
    assert status == 1
    assert [q["status"] for q in data["quotes"]] == ["changed", "moved", "orphaned", "moved"]
    assert data["quotes"][0]["new"]["exact"] == "approximately 28,000 troops"
    assert data["needs_review"][0]["claim"] == troops.id

    assert main(["reanchor", str(path), old.hash, old.hash]) == 0
    status = main(["reanchor", str(path), old.hash, "xxh3-128:" + "0" * 32])
    out, err = capsys.readouterr()
    assert status == 1
    assert err.startswith("claimledger: [claimledger.snapshot.not_found]")


def test_add_claim_picks_one_place_of_an_ambiguous_quote_with_prefix_or_suffix(wb):
    snap = wb.add_snapshot("In 2018: 28,500 troops. In 2024: 28,500 troops.")
    before = wb.event_count()
    with pytest.raises(cl.AnchorError) as caught:
        wb.add_claim("About 28,500 troops.", appears_in=snap, quote="28,500 troops")
    assert caught.value.id == "claimledger.anchor.ambiguous"
    assert "(prefix)" in str(caught.value)
    assert "(suffix)" in str(caught.value)
    assert wb.event_count() == before
    late = wb.add_claim("Still 28,500.", appears_in=snap, quote="28,500 troops", prefix="2024: ")
    early = wb.add_claim("Then 28,500.", appears_in=snap, quote="28,500 troops", suffix=". In")
    assert (late.appearances[0].start, early.appearances[0].start) == (33, 9)
    (batch,) = wb.add_claims(
        [{"text": "Once 28,500.", "appears_in": snap, "quote": "28,500 troops", "suffix": ". In"}]
    )
    assert wb.claim(batch).appearances[0].start == 9
    with pytest.raises(cl.InvalidInputError, match="needs appears_in"):
        wb.add_claim("No snapshot.", prefix="In 2024: ")


def test_without_a_quote_the_error_says_the_claims_text_was_looked_for(wb):
    snap = wb.add_snapshot("In 2018: 28,500 troops. In 2024: 28,500 troops.")
    with pytest.raises(cl.AnchorError) as missing:
        wb.add_claim("About 30,000 troops.", appears_in=snap)
    assert missing.value.id == "claimledger.anchor.not_found"
    assert "no quote was given, so the claim's text itself was looked for" in str(missing.value)
    with pytest.raises(cl.AnchorError) as twice:
        wb.add_claim("28,500 troops", appears_in=snap)
    assert twice.value.id == "claimledger.anchor.ambiguous"
    assert "the claim's text itself was looked for" in str(twice.value)
    with pytest.raises(cl.AnchorError) as quoted:
        wb.add_claim("About 30,000 troops.", appears_in=snap, quote="30,000 troops")
    assert "looked for" not in str(quoted.value)  # a quote given is named as the quote


def test_cli_link_evidence_and_add_claim_take_case_and_context_options(tmp_path, location, capsys):
    ledger = location
    doc = tmp_path / "doc.txt"
    doc.write_text("In 2018: 28,500 Troops. In 2024: 28,500 TROOPS.", encoding="utf-8")
    assert main(["init", str(ledger)]) == 0
    assert main(["add-snapshot", str(ledger), str(doc)]) == 0
    snap = capsys.readouterr().out.split()[-1]
    argv = ["add-claim", str(ledger), "About 28,500 troops.", "--appears-in", snap]
    assert main([*argv, "--quote", "in 2018"]) == 1  # case counts by default
    assert "different capital letters" in capsys.readouterr().err
    assert main([*argv, "--quote", "in 2018", "--ignore-case"]) == 0
    claim = capsys.readouterr().out.strip()
    assert main([*argv, "--quote", "28,500 troops", "--ignore-case"]) == 1
    assert "[claimledger.anchor.ambiguous]" in capsys.readouterr().err
    assert main([*argv, "--quote", "28,500 troops", "--ignore-case", "--suffix", ". In"]) == 0
    early = capsys.readouterr().out.strip()
    link = ["link-evidence", str(ledger), claim, snap, "--stance", "supports"]
    assert main([*link, "--quote", "28,500 troops", "--ignore-case"]) == 1
    assert "[claimledger.anchor.ambiguous]" in capsys.readouterr().err
    assert main([*link, "--quote", "28,500 troops", "--ignore-case", "--prefix", "2024: "]) == 0
    evidence = capsys.readouterr().out.strip()
    with cl.open(ledger) as wb:
        assert wb.claim(claim).appearances[0].exact == "In 2018"
        assert wb.claim(early).appearances[0].exact == "28,500 Troops"
        (linked,) = wb.evidence(claim)
        assert linked.id == evidence
        assert linked.quote.exact == "28,500 TROOPS"
