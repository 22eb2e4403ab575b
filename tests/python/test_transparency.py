"""Verdicts a reader can check: the fixed key's checkpoint and receipt (tests/data), every
inclusion and consistency proof of a desk of up to 64 events checked by claimledger and by
Go's golang.org/x/mod/sumdb packages (tests/go/c2spcheck), every byte of a checkpoint, proof
and leaf changed, bad input refused, forks and truncations caught, the command line's
receipts checked where only they, the leaf and the key are."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import claimledger as cl
import pytest
from conftest import REPO

VECTORS = json.loads((REPO / "tests" / "data" / "transparency.json").read_text(encoding="utf-8"))
GO_ENV = {"GO111MODULE": "off", "GOPATH": "/usr/share/gocode", "GOFLAGS": ""}


@pytest.fixture(scope="module")
def go_check(tmp_path_factory) -> Path:
    """The Go checker, built offline against Debian's golang-golang-x-mod-dev (make
    deps-test installs it); never skipped."""
    out = tmp_path_factory.mktemp("go") / "c2spcheck"
    env = {**os.environ, **GO_ENV, "GOCACHE": str(out.parent / "cache")}
    subprocess.run(
        ["go", "build", "-o", str(out), "./tests/go/c2spcheck"], cwd=REPO, env=env, check=True
    )
    return out


def go(checker: Path, *args: object) -> subprocess.CompletedProcess:
    return subprocess.run([str(checker), *map(str, args)], capture_output=True, text=True)


def test_fixed_key_checkpoint_and_receipt():
    checkpoint = cl.verify_checkpoint(VECTORS["checkpoint"], [VECTORS["verifier"]])
    assert (checkpoint.origin, checkpoint.size, checkpoint.root) == (
        VECTORS["origin"],
        VECTORS["size"],
        VECTORS["root"],
    )
    leaf = __import__("base64").b64decode(VECTORS["leaf"])
    assert cl.verify_receipt(VECTORS["receipt"], leaf, VECTORS["verifier"]).index == 5


def test_every_changed_byte_of_a_checkpoint_receipt_or_leaf_is_refused():
    leaf = __import__("base64").b64decode(VECTORS["leaf"])
    keys = [VECTORS["verifier"]]
    for text, check in (
        (VECTORS["checkpoint"], lambda t: cl.verify_checkpoint(t, keys)),
        (VECTORS["receipt"], lambda t: cl.verify_receipt(t, leaf, keys)),
    ):
        data = text.encode()
        for i in range(len(data)):
            changed = bytearray(data)
            changed[i] ^= 0x01
            with pytest.raises(cl.Error):
                check(changed.decode("utf-8", errors="replace"))
    for i in range(len(leaf)):
        changed = bytearray(leaf)
        changed[i] ^= 0x01
        with pytest.raises(cl.IntegrityError, match=r"proof\.mismatch"):
            cl.verify_receipt(VECTORS["receipt"], bytes(changed), keys)


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    """A desk grown to 64 events, signed at every size: (workbench, checkpoints by size,
    verifier key)."""
    signer, verifier = cl.generate_key("news.example/test-desk")
    path = tmp_path_factory.mktemp("desk") / "desk.ledger"
    wb = cl.open(path, actor="alice", origin="news.example/test-desk")
    checkpoints = {1: wb.sign_checkpoint(signer)}
    while wb.event_count() < 64:
        wb.add_source(f"Source {wb.event_count()}", kind="person")
        checkpoints[wb.event_count()] = wb.sign_checkpoint(signer)
    yield wb, checkpoints, verifier
    wb.close()


def leaf_of(event: cl.Event) -> bytes:
    body = {k: getattr(event, k) for k in ("seq", "prev", "type", "at", "actor", "data")}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def test_every_proof_up_to_64_events_checks_here_and_with_go(grown, go_check, tmp_path):
    wb, checkpoints, verifier = grown
    leaves = {e.seq: leaf_of(e) for e in wb.events()}
    key = tmp_path / "key.pub"
    key.write_text(verifier)
    for size, checkpoint in checkpoints.items():
        cp = tmp_path / f"cp{size}"
        cp.write_text(checkpoint.text)
        for seq in range(1, size + 1):
            proof = wb.prove(seq, checkpoint)
            assert cl.verify_receipt(proof, leaves[seq], verifier).index == seq - 1
            if seq in (1, size) or size in (17, 64):
                (tmp_path / "p").write_text(proof)
                (tmp_path / "l").write_bytes(leaves[seq])
                result = go(go_check, "receipt", tmp_path / "p", tmp_path / "l", key)
                assert result.returncode == 0, result.stdout
        for old in range(1, size + 1):
            consistency = wb.prove_consistency(checkpoints[old], checkpoint)
            if size in (33, 64) or old in (1, size - 1):
                (tmp_path / "c").write_text(consistency)
                result = go(go_check, "consistency", tmp_path / f"cp{old}", cp, tmp_path / "c", key)
                assert result.returncode == 0, result.stdout


def test_bad_input_is_refused_clearly(grown):
    wb, checkpoints, verifier = grown
    head = checkpoints[64]
    _, stranger = cl.generate_key("someone.example/else")
    with pytest.raises(cl.IntegrityError, match="no signature by a given verifier key"):
        cl.verify_checkpoint(head, [stranger])
    with pytest.raises(cl.InvalidInputError, match="not in the checkpoint's tree"):
        wb.prove(65, head)
    with pytest.raises(cl.InvalidInputError, match="not in the checkpoint's tree"):
        wb.prove(0, head)
    other = cl.open(actor="bob", origin="news.example/other")
    with pytest.raises(cl.InvalidInputError, match="origin"):
        other.prove(1, head)
    with pytest.raises(cl.InvalidInputError, match=r"key\.malformed"):
        cl.verify_checkpoint(head, [verifier[:-4]])
    with pytest.raises(cl.InvalidInputError, match="signer key"):
        cl.verify_checkpoint(head, ["PRIVATE+KEY+a+00000000+AAAA"])
    with pytest.raises(cl.InvalidInputError, match="base64 of 32 bytes"):
        cl.verify_checkpoint(head.text.replace(head.root, head.root[:-4]), [verifier])
    with pytest.raises(cl.InvalidInputError):
        cl.open(actor="a", origin="has space")
    with pytest.raises(cl.InvalidInputError, match="fixed when it was created"):
        cl.open(wb.path, origin="news.example/renamed")
    with pytest.raises(cl.InvalidInputError, match="two logs"):
        wb.prove_consistency(checkpoints[10], other.sign_checkpoint(cl.generate_key("x")[0]))


def test_signer_keys_never_show_in_a_repr():
    signer, verifier = cl.generate_key("news.example/desk")
    # PRIVATE+KEY+<name>+<key hash>+<base64 key>: a name holds no "+", base64 may.
    secret = signer.split("+", 4)[4]
    assert len(secret) >= 44
    assert secret not in repr(signer)
    assert secret not in repr((signer, verifier))
    assert signer.startswith("PRIVATE+KEY+news.example/desk+")


def test_a_rewritten_or_truncated_history_fails_against_a_signed_checkpoint(tmp_path):
    signer, verifier = cl.generate_key("news.example/desk")
    path = tmp_path / "desk.ledger"
    with cl.open(path, actor="alice") as wb:
        for i in range(40):
            wb.add_source(f"Source {i}", kind="person")
        checkpoint = wb.sign_checkpoint(signer)
        assert wb.verify(against=checkpoint).ok
        assert wb.verify(against=checkpoint.text, keys=[verifier]).ok
        report = wb.verify(against=checkpoint.text, keys=[cl.generate_key("x")[1]])
        assert [p.kind for p in report.problems] == ["checkpoint-mismatch"]
    # Another desk of the same origin at the same size: a forked history.
    forked = cl.open(tmp_path / "forked.ledger", actor="mallory", origin=checkpoint.origin)
    while forked.event_count() < 41:  # distinct names: adding one source again adds nothing
        forked.add_source(f"Forged {forked.event_count()}", kind="person")
    report = forked.verify(against=checkpoint, keys=[verifier])
    assert any("rewritten" in p.detail for p in report.problems)
    with pytest.raises(cl.IntegrityError, match="forked"):
        forked.prove(3, checkpoint)
    # The last events removed (and the tree with them): truncated.
    copy = tmp_path / "copy.ledger"
    shutil.copy(path, copy)
    with sqlite3.connect(copy) as db:
        db.execute("DELETE FROM events WHERE seq > 30")
    report = cl.open(copy, create=False).verify(against=checkpoint, keys=[verifier])
    assert any("truncated" in p.detail for p in report.problems)


def test_verify_and_rebuild_find_and_mend_a_damaged_tree(tmp_path):
    path = tmp_path / "desk.ledger"
    with cl.open(path, actor="alice") as wb:
        for i in range(70):
            wb.add_source(f"Source {i}", kind="person")
    with sqlite3.connect(path) as db:
        db.execute("UPDATE tree_nodes SET hash = zeroblob(32) WHERE level = 5")
    with cl.open(path, create=False) as wb:
        report = wb.verify()
        assert {p.kind for p in report.problems} == {"tree-mismatch"}
        wb.rebuild()
        assert wb.verify().ok
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM tree_nodes")
    with cl.open(path, create=False) as wb:
        assert "holds none" in wb.verify().problems[0].detail
        wb.add_source("One more", kind="person")  # writes the whole tree again first
        assert wb.verify().ok


def test_the_version_1_fixture_gets_its_tree_on_upgrade(tmp_path):
    copy = tmp_path / "old.cldg"
    shutil.copyfile(REPO / "tests" / "data" / "ledger_v1.cldg", copy)
    signer, verifier = cl.generate_key("news.example/old")
    with cl.open(copy, create=False) as wb:
        with sqlite3.connect(copy) as db:
            assert db.execute("SELECT count(*) FROM tree_nodes").fetchone()[0] > 0
        checkpoint = wb.sign_checkpoint(signer)
        event = wb.events()[-1]
        proof = wb.prove(event.seq, checkpoint)
        assert cl.verify_receipt(proof, leaf_of(event), verifier).index == event.seq - 1


def test_cli_receipts_check_where_only_they_the_leaf_and_the_key_are(tmp_path, go_check):
    claimledger = Path(sys.executable).with_name("claimledger")
    run = lambda *a, **kw: subprocess.run(  # noqa: E731
        [str(claimledger), *map(str, a)], capture_output=True, text=True, cwd=tmp_path, **kw
    )
    assert run("demo", "--dir", "demo").returncode == 0
    made = run("keygen", "news.example/korea-desk", "--out", "desk.key")
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "desk.key").stat().st_mode & 0o777 == 0o600
    (tmp_path / "desk.pub").write_text(made.stdout)
    assert (
        run("checkpoint", "demo/desk.ledger", "--sign", "desk.key", "-o", "head.cp").returncode == 0
    )
    claim = json.loads(run("claims", "demo/desk.ledger", "--json").stdout)[0]["id"]
    made = run("receipt", "demo/desk.ledger", claim, "--checkpoint", "head.cp", "-o", "rc")
    assert made.returncode == 0, made.stderr
    manifest = json.loads((tmp_path / "rc" / "receipts.json").read_text())
    assert {"claim", "verdict", "snapshot"} <= {entry["role"] for entry in manifest}
    reader = tmp_path / "reader"
    reader.mkdir()
    verdict = next(e for e in manifest if e["role"] == "verdict")
    for name in (verdict["proof"], verdict["leaf"]):
        shutil.copy(tmp_path / "rc" / name, reader / name)
    shutil.copy(tmp_path / "desk.pub", reader / "desk.pub")
    checked = subprocess.run(
        [
            str(claimledger),
            "verify-receipt",
            verdict["proof"],
            verdict["leaf"],
            "--key",
            "desk.pub",
        ],
        capture_output=True,
        text=True,
        cwd=reader,
    )
    assert checked.returncode == 0, checked.stderr
    assert (
        go(
            go_check,
            "receipt",
            reader / verdict["proof"],
            reader / verdict["leaf"],
            reader / "desk.pub",
        ).returncode
        == 0
    )
    leaf = reader / verdict["leaf"]
    leaf.write_bytes(leaf.read_bytes().replace(b'"rating":"', b'"rating":"x'))
    refused = subprocess.run(
        [
            str(claimledger),
            "verify-receipt",
            verdict["proof"],
            verdict["leaf"],
            "--key",
            "desk.pub",
        ],
        capture_output=True,
        text=True,
        cwd=reader,
    )
    assert refused.returncode == 1
    assert "proof.mismatch" in refused.stderr
    snapshot = next(e for e in manifest if e["role"] == "snapshot")
    assert snapshot["sha256"].startswith("sha256:")
