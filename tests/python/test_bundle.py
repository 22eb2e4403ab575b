"""Bundles from Python: a desk moved to another file is the identical chain, and a bundle
with any altered line is refused with the line named and nothing written."""

from __future__ import annotations

import json

import claimledger as cl
import pytest
from claimledger.demo import build_demo


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bundle")
    ledger = build_demo(folder / "demo", say=None)
    with cl.open(ledger) as wb:
        head = wb.export_bundle(folder / "desk.jsonl")
        events = [e.hash for e in wb.events()]
        claims = {c.id: (c.text, c.verdict.rating if c.verdict else None) for c in wb.claims()}
    return folder / "desk.jsonl", head, events, claims


def test_a_bundle_reproduces_the_identical_chain(exported, tmp_path):
    bundle, head, events, claims = exported
    with cl.open(tmp_path / "copy.ledger", actor="bob") as copy:
        assert copy.import_bundle(bundle) == head
        assert copy.identity == head.ledger
        assert [e.hash for e in copy.events()] == events
        assert {
            c.id: (c.text, c.verdict.rating if c.verdict else None) for c in copy.claims()
        } == claims
        assert copy.verify(against=head).ok


def test_the_bundle_is_json_lines_with_a_final_checkpoint(exported):
    bundle, head, events, _ = exported
    lines = [json.loads(line) for line in bundle.read_text(encoding="utf-8").splitlines()]
    assert lines[0] == {"bundle": "claimledger", "ledger": head.ledger, "version": 1}
    assert [line["hash"] for line in lines[1:-1]] == events
    assert lines[-1] == {
        "checkpoint": {"ledger": head.ledger, "seq": head.seq, "hash": head.hash, "at": head.at}
    }
    snapshots = [line for line in lines[1:-1] if line["event"]["type"] == "snapshot.added"]
    assert snapshots
    assert all("content" in line for line in snapshots)


@pytest.mark.parametrize("line_index", [1, 5, 20, -2, -1])
def test_an_altered_line_is_refused_and_nothing_is_written(exported, tmp_path, line_index):
    bundle, *_ = exported
    lines = bundle.read_text(encoding="utf-8").splitlines()
    number = line_index % len(lines) + 1
    lines[line_index] = lines[line_index].replace("a", "b", 1)
    altered = tmp_path / "altered.jsonl"
    altered.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with cl.open(tmp_path / "target.ledger") as target:
        with pytest.raises(cl.IntegrityError, match=f"line {number}:"):
            target.import_bundle(altered)
        assert target.event_count() == 1
        assert target.verify().ok


def test_a_ledger_with_history_does_not_take_a_bundle(exported):
    bundle, *_ = exported
    with cl.open() as wb:
        wb.add_source("Someone")
        with pytest.raises(cl.InvalidInputError, match=r"bundle\.not_empty"):
            wb.import_bundle(bundle)
        assert wb.event_count() == 2


def test_a_missing_bundle_is_not_found(tmp_path):
    with cl.open() as wb, pytest.raises(cl.NotFoundError):
        wb.import_bundle(tmp_path / "nowhere.jsonl")


def test_bundles_from_the_command_line(exported, tmp_path, capsys):
    from claimledger.cli import main

    _, _head, events, _ = exported
    ledger = tmp_path / "source.ledger"
    with cl.open(ledger) as wb:
        wb.import_bundle(exported[0])
    out = tmp_path / "out.jsonl"
    assert main(["export", str(ledger), "--format", "bundle", "-o", str(out)]) == 0
    assert out.read_bytes() == exported[0].read_bytes()
    assert main(["import", str(tmp_path / "copy.ledger"), str(out), "--format", "bundle"]) == 0
    with cl.open(tmp_path / "copy.ledger") as copy:
        assert [e.hash for e in copy.events()] == events
    broken = tmp_path / "broken.jsonl"
    broken.write_text(out.read_text().replace('"alice"', '"mallory"', 1))
    capsys.readouterr()
    assert main(["import", str(tmp_path / "never.ledger"), str(broken), "--format", "bundle"]) == 1
    assert "line " in capsys.readouterr().err
    assert not (tmp_path / "never.ledger").exists()
