"""Bundles from Python: a desk moved to another ledger is the identical chain, on either
store (a bundle exported from a file desk is imported into a desk on the PostgreSQL server,
and back), and a bundle with any altered line is refused with the line named and nothing
written."""

from __future__ import annotations

import json

import claimledger as cl
import pytest
from claimledger.demo import build_demo
from claimledger.files import ledger_exists


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bundle")
    ledger = build_demo(folder / "demo", say=None)
    with cl.open(ledger) as wb:
        head = wb.export_bundle(folder / "desk.jsonl")
        events = [e.hash for e in wb.events()]
        claims = {c.id: (c.text, c.verdict.rating if c.verdict else None) for c in wb.claims()}
    return folder / "desk.jsonl", head, events, claims


def test_a_bundle_reproduces_the_identical_chain(exported, location):
    bundle, head, events, claims = exported  # from a ledger file
    with cl.open(location, actor="bob") as copy:
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
def test_an_altered_line_is_refused_and_nothing_is_written(
    exported, tmp_path, location, line_index
):
    bundle, *_ = exported
    lines = bundle.read_text(encoding="utf-8").splitlines()
    number = line_index % len(lines) + 1
    lines[line_index] = lines[line_index].replace("a", "b", 1)
    altered = tmp_path / "altered.jsonl"
    altered.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with cl.open(location) as target:
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


def test_bundles_from_the_command_line(exported, tmp_path, new_location, capsys):
    from claimledger.cli import main

    _, _head, events, _ = exported
    ledger, copy_location, never = new_location(), new_location(), new_location()
    with cl.open(ledger) as wb:
        wb.import_bundle(exported[0])
    out = tmp_path / "out.jsonl"
    assert main(["export", str(ledger), "--format", "bundle", "-o", str(out)]) == 0
    assert out.read_bytes() == exported[0].read_bytes()  # the same bytes from either store
    assert main(["import", str(copy_location), str(out), "--format", "bundle"]) == 0
    with cl.open(copy_location) as copy:
        assert [e.hash for e in copy.events()] == events
    broken = tmp_path / "broken.jsonl"
    broken.write_text(out.read_text().replace('"alice"', '"mallory"', 1))
    capsys.readouterr()
    assert main(["import", str(never), str(broken), "--format", "bundle"]) == 1
    assert "line " in capsys.readouterr().err
    assert not ledger_exists(never)  # the new ledger the failed import made is removed


@pytest.mark.parametrize("store", ["postgresql"])
def test_a_desk_moved_to_the_server_and_back_keeps_its_identity_and_head(
    exported, tmp_path, location
):
    bundle, head, events, claims = exported  # a file desk's bundle
    with cl.open(location, actor="bob") as desk:  # a desk on the server
        assert desk.import_bundle(bundle) == head
        assert desk.verify(against=head).ok
        desk.export_bundle(tmp_path / "from-server.jsonl")
    assert (tmp_path / "from-server.jsonl").read_bytes() == bundle.read_bytes()
    with cl.open(tmp_path / "back.ledger", actor="carol") as back:  # and a file again
        assert back.import_bundle(tmp_path / "from-server.jsonl") == head
        assert back.identity == head.ledger
        assert back.checkpoint() == head
        assert [e.hash for e in back.events()] == events
        assert {
            c.id: (c.text, c.verdict.rating if c.verdict else None) for c in back.claims()
        } == claims
        assert back.verify(against=head).ok
