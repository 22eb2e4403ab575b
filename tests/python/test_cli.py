"""The claimledger command line: each verb through cli.main() (output and exit status),
the installed program in a subprocess, one-line errors on stderr, and --help with an
example for every command; on both stores (a ledger file, a desk on the PostgreSQL server).
``copy`` between the stores is here too."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import claimledger as cl
import pytest
from claimledger.cli import main

ARTICLE = (
    "Seoul, 21 October 2024 — The United States keeps approximately 28,500 troops in "
    "South Korea. Retired general Chun In-bum (전인범) spoke.\n"
)
FACTSHEET = "Approximately 28,500 U.S. service members are stationed in the Republic of Korea.\n"


def run(capsys, *argv):
    """Runs the CLI in this process; returns (exit status, stdout, stderr)."""
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def ok(capsys, *argv) -> str:
    status, out, err = run(capsys, *argv)
    assert status == 0, err
    assert err == ""
    return out.strip()


def assert_one_line_error(status, err):
    assert status != 0
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("claimledger: ")


@pytest.fixture
def cli_desk(tmp_path, location, capsys):
    """A desk built entirely through the CLI; returns a dict of paths and ids."""
    ledger = location
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = ok(capsys, "init", ledger, "--actor", "alice")
    assert "created" in out
    assert str(ledger) in out
    reuters = ok(
        capsys,
        "add-source",
        ledger,
        "Reuters",
        "--kind",
        "outlet",
        "--url",
        "https://www.reuters.com",
        "--actor",
        "alice",
    )
    chun = ok(
        capsys,
        "add-source",
        ledger,
        "Chun In-bum",
        "--kind",
        "person",
        "--affiliation",
        "ROK Army (retired)",
        "--actor",
        "alice",
    )
    snapshot = ok(
        capsys,
        "add-snapshot",
        ledger,
        article,
        "--publisher",
        reuters,
        "--title",
        "Troops",
        "--published",
        "2024-10-21",
        "--actor",
        "alice",
    )
    claim = ok(
        capsys,
        "add-claim",
        ledger,
        "About 28,500 US troops are in South Korea.",
        "--claimant",
        reuters,
        "--appears-in",
        snapshot,
        "--quote",
        "approximately 28,500 troops",
        "--tag",
        "military",
        "--tag",
        "usfk",
        "--actor",
        "alice",
    )
    return {
        "ledger": ledger,
        "article": article,
        "reuters": reuters,
        "chun": chun,
        "snapshot": snapshot,
        "claim": claim,
        "dir": tmp_path,
    }


def test_init_add_commands_print_ids_that_the_library_sees(cli_desk):
    d = cli_desk
    with cl.open(d["ledger"], actor="test") as wb:
        assert wb.source(d["reuters"]).url == "https://www.reuters.com"
        assert wb.source(d["chun"]).kind == "person"
        snap = wb.snapshot(d["snapshot"])
        assert wb.snapshot_bytes(snap) == d["article"].read_bytes()
        assert (snap.publisher, snap.title, snap.published) == (
            d["reuters"],
            "Troops",
            "2024-10-21",
        )
        claim = wb.claim(d["claim"])
        assert claim.claimant == d["reuters"]
        assert claim.appearances[0].exact == "approximately 28,500 troops"
        assert set(claim.tags) == {"military", "usfk"}
        assert claim.quantities[0].value == 28500
        assert {e.actor for e in wb.events()} == {"alice"}


def test_init_on_an_existing_ledger_opens_it(cli_desk, capsys):
    out = ok(capsys, "init", cli_desk["ledger"], "--scale", "politifact")
    assert "opened existing" in out
    assert "scale default" in out


def test_init_with_a_scale(new_location, capsys):
    ledger = new_location("pf.ledger")
    out = ok(capsys, "init", ledger, "--scale", "politifact")
    assert "scale politifact" in out
    with cl.open(ledger) as wb:
        assert wb.scale == "politifact"
        assert out.endswith(f"identity {wb.identity})")


def test_add_snapshot_from_standard_input(cli_desk, capsys, monkeypatch):
    data = FACTSHEET.encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    snapshot = ok(capsys, "add-snapshot", cli_desk["ledger"], "-", "--actor", "bob")
    with cl.open(cli_desk["ledger"]) as wb:
        assert wb.snapshot_bytes(snapshot) == data
        assert wb.snapshot(snapshot).actor == "bob"


def test_review_verbs(cli_desk, capsys):
    d = cli_desk
    (d["dir"] / "factsheet.txt").write_text(FACTSHEET, encoding="utf-8")
    factsheet = ok(capsys, "add-snapshot", d["ledger"], d["dir"] / "factsheet.txt")
    evidence = ok(
        capsys,
        "link-evidence",
        d["ledger"],
        d["claim"],
        factsheet,
        "--quote",
        "Approximately 28,500 U.S. service members",
        "--stance",
        "supports",
        "--note",
        "Same figure.",
        "--actor",
        "bob",
    )
    assert evidence.startswith("evd_")
    ok(
        capsys,
        "set-verdict",
        d["ledger"],
        d["claim"],
        "true",
        "--rationale",
        "USFK agrees.",
        "--evidence",
        evidence,
        "--actor",
        "bob",
    )
    ok(capsys, "set-status", d["ledger"], d["claim"], "published", "--actor", "bob")
    ok(
        capsys,
        "rate-source",
        d["ledger"],
        d["reuters"],
        "B",
        "--rationale",
        "Usually.",
        "--actor",
        "bob",
    )
    with cl.open(d["ledger"]) as wb:
        (linked,) = wb.evidence(d["claim"])
        assert (linked.id, linked.stance, linked.note) == (evidence, "supports", "Same figure.")
        claim = wb.claim(d["claim"])
        assert claim.status == "published"
        assert claim.verdict.rating == "true"
        assert claim.verdict.evidence == (evidence,)
        assert claim.verdict.actor == "bob"
        assert wb.source(d["reuters"]).reliability == "B"
        assert wb.verify().ok


def test_claims_as_text_and_json(cli_desk, capsys):
    d = cli_desk
    ok(capsys, "set-verdict", d["ledger"], d["claim"], "mostly-true", "--rationale", "r")
    other = ok(capsys, "add-claim", d["ledger"], "Chun In-bum spoke.", "--claimant", d["chun"])
    text = ok(capsys, "claims", d["ledger"])
    lines = text.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(d["claim"])
    assert "mostly-true" in lines[0]
    assert "About 28,500 US troops are in South Korea." in lines[0]
    assert lines[1].startswith(other)
    assert "new" in lines[1]
    listed = json.loads(ok(capsys, "claims", d["ledger"], "--json"))
    assert [c["id"] for c in listed] == [d["claim"], other]
    assert listed[0]["verdict"]["rating"] == "mostly-true"
    assert listed[0]["quantities"][0]["value"] == 28500
    assert listed[0]["appearances"][0]["exact"] == "approximately 28,500 troops"
    only = json.loads(ok(capsys, "claims", d["ledger"], "--json", "--claimant", d["chun"]))
    assert [c["id"] for c in only] == [other]
    assert json.loads(ok(capsys, "claims", d["ledger"], "--json", "--rating", "false")) == []
    assert len(json.loads(ok(capsys, "claims", d["ledger"], "--json", "--limit", "1"))) == 1
    tagged = json.loads(ok(capsys, "claims", d["ledger"], "--json", "--tag", "usfk"))
    assert [c["id"] for c in tagged] == [d["claim"]]


def test_history_as_text_and_json(cli_desk, capsys):
    d = cli_desk
    ok(capsys, "set-verdict", d["ledger"], d["claim"], "true", "--rationale", "r", "--actor", "bob")
    text = ok(capsys, "history", d["ledger"], d["claim"])
    assert [line.split()[3] for line in text.splitlines()] == ["claim.added", "verdict.set"]
    events = json.loads(ok(capsys, "history", d["ledger"], d["claim"], "--json"))
    assert [e["type"] for e in events] == ["claim.added", "verdict.set"]
    assert [e["actor"] for e in events] == ["alice", "bob"]
    with cl.open(d["ledger"]) as wb:
        assert [e["hash"] for e in events] == [e.hash for e in wb.history(d["claim"])]
    for event in events:
        assert {"seq", "type", "at", "actor", "data", "prev", "hash"} <= set(event)


def test_checkpoint_and_verify_against_it(cli_desk, capsys):
    d = cli_desk
    head = d["dir"] / "head.json"
    assert ok(capsys, "checkpoint", d["ledger"], "-o", head) == ""
    saved = cl.Checkpoint.from_json(head.read_text(encoding="utf-8"))
    with cl.open(d["ledger"]) as wb:
        assert saved == wb.checkpoint()
    printed = cl.Checkpoint.from_json(ok(capsys, "checkpoint", d["ledger"]))
    assert printed == saved
    out = ok(capsys, "verify", d["ledger"])
    assert out == f"{d['ledger']}: {saved.seq} events checked: ok"
    ok(capsys, "add-source", d["ledger"], "AFP")
    out = ok(capsys, "verify", d["ledger"], "--against", head)
    assert out.endswith(": ok")
    report = json.loads(ok(capsys, "verify", d["ledger"], "--json"))
    assert report["ok"] is True
    assert report["events"] == saved.seq + 1


def test_verify_exits_1_when_the_history_differs_from_a_checkpoint(cli_desk, capsys):
    d = cli_desk
    with cl.open(d["ledger"]) as wb:
        checkpoint = wb.checkpoint()
    forged = d["dir"] / "forged.json"
    forged.write_text(
        json.dumps({**json.loads(checkpoint.to_json()), "hash": "sha256:" + "1" * 64}),
        encoding="utf-8",
    )
    status, out, _ = run(capsys, "verify", d["ledger"], "--against", forged)
    assert status == 1
    assert "problem" in out


def test_verify_exits_1_on_a_tampered_ledger(cli_desk, capsys, edit_ledger):
    d = cli_desk
    edit_ledger(d["ledger"], "UPDATE events SET actor = 'mallory' WHERE seq = 2")
    status, out, _ = run(capsys, "verify", d["ledger"])
    assert status == 1
    assert "hash-mismatch" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["set-verdict", "{ledger}", "clm_0000000000000000", "true", "--rationale", "r"],
        ["history", "{ledger}", "clm_0000000000000000"],
        ["set-status", "{ledger}", "{claim}", "finished"],
        ["add-claim", "{ledger}", "x", "--appears-in", "{snapshot}", "--quote", "not in it"],
        ["claims", "{notes}"],
        ["claims", "{dir}/missing.ledger"],
        ["verify", "{ledger}", "--against", "{dir}/no-such-checkpoint.json"],
        ["add-snapshot", "{ledger}", "{dir}/no-such-document.txt"],
    ],
)
def test_errors_exit_non_zero_with_one_line_on_stderr(cli_desk, capsys, argv):
    d = dict(cli_desk)
    d["notes"] = d["dir"] / "notes.txt"
    d["notes"].write_text("not a ledger\n", encoding="utf-8")
    with cl.open(d["ledger"]) as wb:
        before = wb.event_count()
    status, out, err = run(capsys, *[a.format(**d) for a in argv])
    assert_one_line_error(status, err)
    assert out == ""
    assert d["notes"].read_text(encoding="utf-8") == "not a ledger\n"
    assert not (d["dir"] / "missing.ledger").exists()
    with cl.open(d["ledger"]) as wb:
        assert wb.event_count() == before


def test_an_unknown_claim_id_names_it(cli_desk, capsys):
    status, _, err = run(
        capsys, "set-status", cli_desk["ledger"], "clm_0000000000000000", "in-progress"
    )
    assert_one_line_error(status, err)
    assert "[claimledger.claim.not_found]" in err
    assert "clm_0000000000000000" in err


# --- the installed program, in a subprocess -----------------------------------------------


def program() -> list:
    script = Path(sys.executable).with_name("claimledger")
    return [str(script)] if script.exists() else [sys.executable, "-m", "claimledger"]


def shell(*argv, stdin: bytes = b"", cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*program(), *map(str, argv)],
        input=stdin,
        capture_output=True,
        check=False,
        cwd=cwd,
        timeout=120,
    )


def test_the_installed_program_is_on_hand():
    assert Path(sys.executable).with_name("claimledger").exists()


def test_program_exit_codes_end_to_end(tmp_path, location):
    ledger = location
    assert shell("init", ledger, "--actor", "alice").returncode == 0
    snap = shell("add-snapshot", ledger, "-", "--actor", "alice", stdin=ARTICLE.encode())
    assert snap.returncode == 0, snap.stderr
    snapshot = snap.stdout.decode().strip()
    claim = shell(
        "add-claim",
        ledger,
        "About 28,500 troops.",
        "--appears-in",
        snapshot,
        "--quote",
        "approximately 28,500 troops",
        "--actor",
        "alice",
    )
    assert claim.returncode == 0, claim.stderr
    claim_id = claim.stdout.decode().strip()
    head = tmp_path / "head.json"
    assert shell("checkpoint", ledger, "-o", head).returncode == 0
    verified = shell("verify", ledger, "--against", head)
    assert verified.returncode == 0
    assert b": ok" in verified.stdout
    listed = json.loads(shell("claims", ledger, "--json").stdout)
    assert [c["id"] for c in listed] == [claim_id]

    failed = shell("set-verdict", ledger, claim_id, "pants-fire", "--rationale", "r")
    assert failed.returncode != 0
    lines = failed.stderr.decode().strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("claimledger: ")
    assert "unknown_rating" in lines[0]
    assert "mostly-true" in lines[0]

    (tmp_path / "notes.txt").write_text("not a ledger\n")
    failed = shell("verify", tmp_path / "notes.txt")
    assert failed.returncode != 0
    assert failed.stderr.decode().startswith("claimledger: ")
    assert len(failed.stderr.decode().strip().splitlines()) == 1

    usage = shell()
    assert usage.returncode != 0
    assert shell("--help").returncode == 0
    assert b"example" in shell("verify", "--help").stdout


def test_python_dash_m_runs_the_same_program(location):
    result = subprocess.run(
        [sys.executable, "-m", "claimledger", "init", str(location), "--actor", "alice"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert b"created ledger" in result.stdout
    with cl.open(location) as wb:
        assert wb.events()[0].actor == "alice"
