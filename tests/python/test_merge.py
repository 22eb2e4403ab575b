"""Merging desks from Python and the command line, on both stores: the other desk is a
ledger file or a desk on the PostgreSQL server (as is this one), or a bundle."""

from __future__ import annotations

import time

import claimledger as cl
from claimledger.cli import main as cli_main
from claimledger.files import ledger_exists


def two_desks(new_location, tmp_path):
    """Desk A starts a claim, desk B gets a copy as a bundle, both then rate it."""
    a_path, b_path = new_location("a.ledger"), new_location("b.ledger")
    with cl.open(a_path, actor="alice") as a:
        snap = a.add_snapshot("Seoul keeps approximately 28,500 troops.")
        claim = a.add_claim(
            "About 28,500 troops.", appears_in=snap, quote="approximately 28,500 troops"
        )
        a.export_bundle(tmp_path / "a.jsonl")
        with cl.open(b_path, actor="bob") as b:
            b.import_bundle(tmp_path / "a.jsonl")
            a.set_verdict(claim, "true", rationale="fact sheet")
            time.sleep(0.002)
            b.set_verdict(claim, "mixed", rationale="rotations vary")
            b.add_claim("Only on desk B.")
    return a_path, b_path, claim.id


def view(wb):
    return sorted(
        (c.id, c.text, c.verdict.rating if c.verdict else None, c.status) for c in wb.claims()
    )


def test_merge_keeps_provenance_and_lists_the_conflict(new_location, tmp_path):
    a_path, b_path, claim = two_desks(new_location, tmp_path)
    with cl.open(a_path, actor="alice") as a:
        report = a.merge(b_path)
        assert report.added == 2
        assert [(c.claim, c.local_rating, c.other_rating) for c in report.conflicts] == [
            (claim, "true", "mixed")
        ]
        verdicts = a.verdicts(claim)
        assert [(v.rating, v.actor) for v in verdicts] == [("true", "alice"), ("mixed", "bob")]
        merged = [e for e in a.history(claim) if e.type == "verdict.set"][-1]
        assert merged.data["origin"]["merged_by"] == "alice"
        assert merged.data["origin"]["hash"].startswith("sha256:")
        assert a.merge(b_path).added == 0  # twice adds nothing
        assert a.verify().ok


def test_both_directions_give_the_same_desk(new_location, tmp_path):
    a_path, b_path, _ = two_desks(new_location, tmp_path)
    with cl.open(a_path) as a:
        a.export_bundle(tmp_path / "a-before.jsonl")
        a.merge(b_path)
        merged_a = view(a)
    with cl.open(b_path) as b:
        b.merge(tmp_path / "a-before.jsonl")
        assert view(b) == merged_a


def test_merge_from_the_command_line(new_location, tmp_path, capsys):
    a_path, b_path, claim = two_desks(new_location, tmp_path)
    assert cli_main(["merge", str(a_path), str(b_path)]) == 0
    out = capsys.readouterr().out
    assert "2 events merged" in out
    assert f"conflict {claim}: here true (alice, " in out
    assert "fact sheet), there mixed (bob, " in out
    assert cli_main(["claims", str(a_path), "--conflict"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert claim in out
    assert "[conflict from a merge]" in out
    missing = new_location("missing.ledger")
    assert cli_main(["merge", str(a_path), str(missing)]) == 1
    assert "claimledger:" in capsys.readouterr().err
    assert not ledger_exists(missing)  # merging never creates the other desk


def test_a_published_claim_never_shows_a_verdict_nobody_approved(new_location, tmp_path):
    """Desk A publishes its verdict; desk B's later verdict, merged in, takes the claim back
    to in-progress and the conflict stays on it (card, filter, report) until a verdict is
    set after the merge."""
    a_path, b_path, claim = two_desks(new_location, tmp_path)
    with cl.open(a_path) as a:
        a.set_status(claim, "published")
    with cl.open(a_path, actor="alice") as a:
        report = a.merge(b_path)
        assert report.reopened == (claim,)
        (conflict,) = report.conflicts
        assert (conflict.local_rating, conflict.other_rating) == ("true", "mixed")
        assert (conflict.local_rationale, conflict.other_rationale) == (
            "fact sheet",
            "rotations vary",
        )
        assert (conflict.local_actor, conflict.other_actor) == ("alice", "bob")
        assert conflict.local_at < conflict.other_at
        shown = a.claim(claim)
        assert (shown.status, shown.verdict.rating) == ("in-progress", "mixed")
        assert shown.conflict == conflict
        assert [c.id for c in a.claims(conflict=True)] == [claim]
        assert a.claims(conflict=True, status="published") == []
        card = a.claim_card(claim)
        assert "Verdict conflict from a merge" in card._repr_html_()
        assert "conflict from a merge: here true (alice" in repr(card)
        report_html = a.report()
        assert "Verdict conflicts to decide (1)" in report_html
        # Deciding: a verdict after the merge; publishing approves it.
        a.set_verdict(claim, "mixed", rationale="agreed with bob")
        assert a.claim(claim).conflict is None
        assert a.claims(conflict=True) == []
        published = a.set_status(claim, "published")
        assert published.status == "published"
        assert "Verdict conflicts to decide" not in a.report()
        assert a.verify().ok


def test_a_later_verdict_moves_an_approved_claim_back_to_in_progress(wb):
    claim = wb.add_claim("Seoul keeps 28,500 troops.")
    first = wb.set_verdict(claim, "true", rationale="fact sheet")
    wb.set_status(claim, "reviewed")
    approval = wb.history(claim)[-1]
    assert approval.data["verdict"] == wb.events(first.seq, first.seq)[0].hash
    events = wb.event_count()
    wb.set_verdict(claim, "mostly-true", rationale="rotations vary")
    assert wb.event_count() == events + 2
    step_back = wb.history(claim)[-1]
    assert step_back.type == "status.set"
    assert step_back.data["from"] == "reviewed"
    assert step_back.data["reason"] == "a new verdict, not yet approved"
    assert wb.claim(claim).status == "in-progress"
