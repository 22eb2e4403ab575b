"""A ledger's files on disk (claimledger.files): removing a ledger removes its SQLite
companions too, and skips the ones that are not there."""

from __future__ import annotations

from claimledger.files import LEDGER_COMPANIONS, remove_ledger_files


def test_removing_a_ledger_removes_its_companions_and_nothing_else(tmp_path):
    ledger = tmp_path / "desk.ledger"
    files = [ledger, *(tmp_path / f"desk.ledger{suffix}" for suffix in LEDGER_COMPANIONS)]
    for path in files:
        path.write_bytes(b"x")
    neighbour = tmp_path / "desk.ledger.bak"
    neighbour.write_bytes(b"keep")
    remove_ledger_files(ledger)
    assert not any(path.exists() for path in files)
    assert neighbour.read_bytes() == b"keep"


def test_missing_files_are_skipped(tmp_path):
    ledger = tmp_path / "desk.ledger"
    (tmp_path / "desk.ledger-wal").write_bytes(b"x")
    remove_ledger_files(str(ledger))  # a str too; the ledger itself is missing
    assert list(tmp_path.iterdir()) == []
