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
        merged = a.history(claim)[-1]
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
    assert f"conflict {claim}" in out
    missing = new_location("missing.ledger")
    assert cli_main(["merge", str(a_path), str(missing)]) == 1
    assert "claimledger:" in capsys.readouterr().err
    assert not ledger_exists(missing)  # merging never creates the other desk
