"""A desk made before the Merkle tree (schema version 4) opens with this core: the upgrade
builds its tree from its events, and the desk then verifies, signs and proves like a new one.

tests/data/ledger_v4.cldg was written by the version-4 core (make_v4_ledger.py beside it);
each test works on a copy.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import claimledger as cl
import pytest
from conftest import REPO, SCHEMA_VERSION, data_copy, event_rows, ledger_file_rows, user_version

FIXTURE = REPO / "tests" / "data" / "ledger_v4.cldg"


def _leaf(row: tuple) -> bytes:
    """An event row's canonical JSON, written here with the standard library alone."""
    seq, prev, type_, at, actor, data, _ = row
    body = {"seq": seq, "prev": prev, "type": type_, "at": at, "actor": actor}
    body["data"] = json.loads(data)
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _root(leaves: list[bytes]) -> bytes:
    """RFC 6962 §2.1, recursively: the reference the stored tree must agree with."""
    if len(leaves) == 1:
        return hashlib.sha256(b"\x00" + leaves[0]).digest()
    split = 1
    while split * 2 < len(leaves):
        split *= 2
    return hashlib.sha256(b"\x01" + _root(leaves[:split]) + _root(leaves[split:])).digest()


@pytest.fixture
def v4_copy(tmp_path: Path) -> Path:
    return data_copy(FIXTURE.name, tmp_path)


def test_the_fixture_is_a_version_4_file_without_a_tree():
    assert user_version(FIXTURE) == 4
    tables = {name for (name,) in ledger_file_rows(FIXTURE, "SELECT name FROM sqlite_master")}
    assert "tree_nodes" not in tables
    assert "events" in tables


def test_a_version_4_desk_opens_builds_its_tree_verifies_and_proves(v4_copy: Path):
    before = event_rows(v4_copy)
    signer, verifier = cl.generate_key("news.example/v4-desk")
    with cl.open(v4_copy, create=False, actor="carol") as wb:
        assert user_version(v4_copy) == SCHEMA_VERSION
        assert event_rows(v4_copy) == before  # the chain is untouched: same rows, same hashes
        assert wb.verify().ok
        checkpoint = wb.sign_checkpoint(signer)
        assert checkpoint.size == len(before)
        assert base64.b64decode(checkpoint.root) == _root([_leaf(r) for r in before])
        for row in before:
            proof = wb.prove(row[0], checkpoint)
            assert cl.verify_receipt(proof, _leaf(row), verifier).index == row[0] - 1
        assert wb.verify(against=checkpoint, keys=[verifier]).ok
        published = wb.claims(status="published")[0]
        receipts = wb.receipt(published.id, checkpoint)
        assert {r.role for r in receipts} == {"claim", "verdict", "evidence", "snapshot"}
        for receipt in receipts:
            assert cl.verify_receipt(receipt.proof, receipt.leaf, verifier).index == receipt.seq - 1
        # the upgraded desk grows its tree with new events
        wb.add_source("A new source", kind="person")
        later = wb.sign_checkpoint(signer)
        assert wb.prove_consistency(checkpoint, later)
        assert wb.verify(against=later, keys=[verifier]).ok
