"""Corrections from Python and the command line, on both stores: retracting a claim,
unlinking evidence, correcting a claim's text or claimant, merging sources, and sources
found by name. Each is an event with its reason, shown in the history and on the claim card;
exports and the report leave retracted claims out; bad input writes nothing."""

from __future__ import annotations

import json

import claimledger as cl
import pytest
from claimledger.cli import main


def refused(wb, error, call, *args, **kwargs):
    """Runs a write that must be refused with `error`; nothing is written. Returns it."""
    before = wb.event_count()
    with pytest.raises(error) as caught:
        call(*args, **kwargs)
    assert wb.event_count() == before
    return caught.value


def test_a_retracted_claim_is_listed_but_not_exported_or_reported(desk, tmp_path):
    wb = desk.wb
    wb.set_status(desk.troops, "published")
    assert len(wb.export_claimreviews()) == 1
    error = refused(wb, cl.InvalidInputError, wb.retract, desk.troops, reason=" ")
    assert "reason" in str(error)
    claim = wb.retract(desk.troops, reason="The article was corrected.")
    assert claim.status == "retracted"
    last = wb.history(desk.troops)[-1]
    assert last.type == "claim.retracted"
    assert last.data["reason"] == "The article was corrected."
    assert last.data["from"] == "published"

    assert desk.troops in [c.id for c in wb.claims()]
    assert [c.id for c in wb.claims(status="retracted")] == [desk.troops]
    assert wb.export_claimreviews() == []
    assert wb.export_claimreviews(status=None) == []
    assert len(wb.export_claimreviews(status=None, include_retracted=True)) == 1
    with pytest.raises(cl.InvalidInputError, match="include_retracted"):
        wb.export_claimreview(desk.troops)
    report = wb.report(tmp_path / "report.html", cards="all").read_text(encoding="utf-8")
    assert f'data-claim="{desk.troops}"' not in report
    assert "1 retracted claim(s) left out" in report

    # Published again only through reopening, on purpose.
    refused(wb, cl.InvalidInputError, wb.set_status, desk.troops, "published")
    refused(wb, cl.InvalidInputError, wb.set_verdict, desk.troops, "false", rationale="x")
    assert wb.set_status(desk.troops, "in-progress").status == "in-progress"
    assert wb.set_status(desk.troops, "published").status == "published"
    assert wb.verify().ok


def test_unlinked_evidence_no_longer_counts(desk):
    wb = desk.wb
    refused(wb, cl.NotFoundError, wb.unlink_evidence, "evd_0000000000000000", reason="x")
    evidence = wb.unlink_evidence(desk.evidence, reason="Another year's figure.")
    assert evidence.unlinked == "Another year's figure."
    assert wb.evidence(desk.troops) == []
    assert wb.claim(desk.troops).verdict.evidence == (desk.evidence,)  # the verdict keeps it
    error = refused(
        wb,
        cl.InvalidInputError,
        wb.set_verdict,
        desk.troops,
        "true",
        rationale="again",
        evidence=[desk.evidence],
    )
    assert "unlinked" in str(error)
    assert [e.type for e in wb.history(desk.evidence)][-1] == "evidence.unlinked"
    assert wb.verify().ok


def test_a_correction_keeps_the_old_text_and_the_searches_follow_the_new(desk):
    wb = desk.wb
    old = wb.claim(desk.troops).text
    refused(wb, cl.InvalidInputError, wb.correct_claim, desk.troops, reason="nothing given")
    claim = wb.correct_claim(
        desk.troops,
        text="More than 3,000 North Korean soldiers had arrived by October.",
        reason="The claim was about the soldiers.",
    )
    assert claim.text.startswith("More than 3,000")
    assert [q.value for q in claim.quantities] == [3000]
    # Its quote was given explicitly ("approximately 28,500 troops"): it stays.
    assert claim.appearances[0].exact == "approximately 28,500 troops"
    event = wb.history(desk.troops)[-1]
    assert event.type == "claim.corrected"
    assert event.data["from"]["text"] == old
    assert [h.claim.id for h in wb.search("soldiers arrived")] == [desk.troops]
    assert wb.search("US troops South Korea") == []
    assert wb.similar(claim.text, k=1)[0].claim.id == desk.troops
    assert wb.verify().ok


def test_a_corrected_claim_is_still_found_by_its_context(wb):
    claim = wb.add_claim("The dam held 18 cubic kilometres.", context="Kakhovka reservoir report")
    assert [h.claim.id for h in wb.search("kakhovka")] == [claim.id]
    wb.correct_claim(claim.id, text="The reservoir held 18 cubic kilometres.", reason="wording")
    assert [h.claim.id for h in wb.search("Kakhovka")] == [claim.id]
    assert [h.claim.id for h in wb.search("kakhovka HELD")] == [claim.id]
    assert wb.search("kakhovka dam") == []  # the old text's word is no longer there


def test_hits_read_together_show_each_claims_own_last_correction(wb):
    dam = wb.add_claim("The dam held 18 cubic kilometres of water.", context="reservoir")
    canal = wb.add_claim("The canal carried 3 cubic kilometres of water.", context="reservoir")
    well = wb.add_claim("The old well gave 40 litres of water a day.", context="reservoir")
    wb.correct_claim(dam.id, text="The dam held 19 cubic kilometres of water.", reason="figure")
    wb.correct_claim(dam.id, text="The dam held 18.2 cubic kilometres of water.", reason="again")
    wb.correct_claim(canal.id, text="The canal carried 4 cubic kilometres of water.", reason="x")
    shown = {h.claim.id: h.claim.text for h in wb.search("reservoir")}
    assert shown == {
        dam.id: "The dam held 18.2 cubic kilometres of water.",
        canal.id: "The canal carried 4 cubic kilometres of water.",
        well.id: "The old well gave 40 litres of water a day.",
    }
    near = {h.claim.id: h.claim.text for h in wb.similar("The dam held 18.2 cubic kilometres.")}
    assert near[dam.id] == shown[dam.id]


def test_a_claim_quoted_as_its_own_text_is_re_anchored_or_refused(wb):
    text = "Officials said 3,000 soldiers arrived. Others said 4,000 soldiers arrived."
    snap = wb.add_snapshot(text)
    claim = wb.add_claim("Officials said 3,000 soldiers arrived.", appears_in=snap.hash)
    with pytest.raises(cl.AnchorError, match="quote="):
        wb.correct_claim(claim.id, text="About 3,500 soldiers arrived.", reason="figure")
    moved = wb.correct_claim(claim.id, text="Others said 4,000 soldiers arrived.", reason="who")
    assert moved.appearances[0].exact == "Others said 4,000 soldiers arrived."
    kept = wb.correct_claim(
        claim.id,
        text="About 3,500 soldiers arrived.",
        quote="Officials said 3,000 soldiers arrived.",
        reason="paraphrase",
    )
    assert kept.appearances[0].exact == "Officials said 3,000 soldiers arrived."


def test_merged_sources_share_claims_ratings_and_track_record(desk):
    wb = desk.wb
    twin = wb.add_source("Reuters News", kind="outlet")
    claim = wb.add_claim("Reuters says 3,000 soldiers arrived.", claimant=twin.id)
    wb.set_verdict(claim.id, "false", rationale="wrong")
    refused(wb, cl.InvalidInputError, wb.merge_sources, twin, twin, reason="same")
    alias = wb.merge_sources(twin, "reuters", reason="The same agency.")
    assert alias.alias_of == desk.reuters
    assert wb.source(twin.id).alias_of == desk.reuters
    for either in (desk.reuters, twin.id):
        assert {c.id for c in wb.claims(claimant=either)} == {desk.troops, claim.id}
        assert wb.track_record(either).verdicts == 2
    report = wb.sources_report(sort_by="name")
    rows = report.to_dict("records") if hasattr(report, "to_dict") else report
    assert twin.id not in [r["id"] for r in rows]
    refused(wb, cl.InvalidInputError, wb.merge_sources, desk.chun, twin, reason="chain")
    assert wb.verify().ok


def test_a_source_is_found_by_a_unique_name(desk):
    wb = desk.wb
    assert wb.source("chun in-bum").id == desk.chun
    assert [s.id for s in wb.sources(name="CHUN IN-BUM")] == [desk.chun]
    claim = wb.add_claim("A new claim by name.", claimant="Chun In-bum")
    assert claim.claimant == desk.chun
    assert [c.id for c in wb.claims(claimant="Chun In-bum")] == [desk.escalation, claim.id]
    other = wb.add_source("Chun In-bum", kind="organisation")
    with pytest.raises(cl.InvalidInputError) as ambiguous:
        wb.claims(claimant="Chun In-bum")
    assert desk.chun in str(ambiguous.value)
    assert other.id in str(ambiguous.value)
    with pytest.raises(cl.NotFoundError) as unknown:
        wb.source("Chun")
    assert desk.chun in str(unknown.value)


def test_corrections_show_in_history_and_on_the_card(desk):
    wb = desk.wb
    wb.retract(desk.escalation, reason="An opinion, not a checkable claim.")
    card = wb.claim_card(desk.escalation)
    assert "An opinion, not a checkable claim." in card._repr_html_()
    assert "claim retracted" in repr(card)
    assert "An opinion, not a checkable claim." in repr(wb.history_view(desk.escalation))


def test_the_command_line_corrects_with_a_reason(desk, location, capsys):
    def run(*argv):
        status = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return status, out, err

    with pytest.raises(SystemExit):  # argparse: --reason is required
        run("retract", location, desk.escalation)
    assert "--reason" in capsys.readouterr().err
    status, out, err = run("retract", location, desk.escalation, "--reason", "Opinion.")
    assert status == 0, err
    assert out.strip() == f"{desk.escalation} retracted"
    status, out, err = run("unlink", location, desk.evidence, "--reason", "Old", "--json")
    assert status == 0, err
    assert json.loads(out)["unlinked"] == "Old"
    status, out, err = run(
        "correct", location, desk.troops, "--claimant", "chun in-bum", "--reason", "Misread."
    )
    assert status == 0, err
    twin = desk.wb.add_source("USFK", kind="official-record")
    status, out, err = run("merge-sources", location, twin.id, desk.usfk, "--reason", "Same.")
    assert status == 0, err
    assert out.strip() == f"{twin.id} is an alias of {desk.usfk}"
    status, out, err = run("merge-sources", location, desk.usfk, desk.usfk, "--reason", "x")
    assert status != 0
    assert len(err.strip().splitlines()) == 1
    status, out, err = run("history", location, desk.troops)
    assert "Misread." in out
    assert desk.wb.claim(desk.troops).claimant == desk.chun


def test_the_command_line_export_leaves_retracted_claims_out_unless_asked(desk, location, capsys):
    desk.wb.retract(desk.troops, reason="The figure was another year's.")
    argv = ["export", str(location), "--format", "claimreview", "--status", "all"]
    assert main(argv) != 0
    assert "nothing to export" in capsys.readouterr().err
    assert main([*argv, "--include-retracted"]) == 0
    reviews = json.loads(capsys.readouterr().out)
    assert [r["claimReviewed"] for r in reviews] == [desk.wb.claim(desk.troops).text]
