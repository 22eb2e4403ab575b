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


def test_init_on_an_existing_ledger_opens_it(cli_desk, capsys, stored_state):
    for scale in ((), ("--scale", "default")):
        out = ok(capsys, "init", cli_desk["ledger"], *scale)
        assert "opened existing" in out
        assert "scale default" in out
    before = stored_state(cli_desk["ledger"])
    status, _, err = run(capsys, "init", cli_desk["ledger"], "--scale", "politifact")
    assert_one_line_error(status, err)
    assert "claimledger.scale.fixed" in err
    assert 'rating scale is "default"' in err
    assert stored_state(cli_desk["ledger"]) == before


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


#: A rationale longer than any one line, with a paragraph break.
LONG_RATIONALE = (
    "USFK's own fact sheet gives approximately 28,500 service members, the figure the article "
    "uses; the Pentagon's quarterly personnel report for September agrees within a few hundred, "
    "which is the usual rotation noise.\nRated true: the number and the place are right."
)


def test_history_as_text_shows_each_change_and_its_rationale_in_full(cli_desk, capsys):
    d = cli_desk
    ok(capsys, "set-verdict", d["ledger"], d["claim"], "false", "--rationale", "first look")
    ok(
        capsys,
        *("set-verdict", d["ledger"], d["claim"], "true", "--rationale", LONG_RATIONALE),
        *("--actor", "bob"),
    )
    text = ok(capsys, "history", d["ledger"], d["claim"])
    lines = text.splitlines()
    heads = [line for line in lines if not line.startswith(" " * 9)]
    assert len(heads) == 3
    assert "claim added" in heads[0]
    flat = " ".join(text.split())
    assert '"About 28,500 US troops are in South Korea." claimed by Reuters' in flat  # by name
    assert heads[1].startswith("*")
    assert "first verdict: false" in heads[1]
    assert heads[2].startswith("*")
    assert "verdict changed: false → true" in heads[2]
    assert " bob " in heads[2]
    assert "{" not in text  # no raw JSON
    # Every word of the rationale is there, wrapped and indented under its event.
    shown = " ".join(line.strip() for line in lines[lines.index(heads[2]) + 1 :])
    assert shown == " ".join(LONG_RATIONALE.split())
    assert max(len(line) for line in lines) <= 100


def test_history_as_json(cli_desk, capsys):
    d = cli_desk
    ok(capsys, "set-verdict", d["ledger"], d["claim"], "true", "--rationale", "r", "--actor", "bob")
    events = json.loads(ok(capsys, "history", d["ledger"], d["claim"], "--json"))
    assert [e["type"] for e in events] == ["claim.added", "verdict.set"]
    assert [e["actor"] for e in events] == ["alice", "bob"]
    with cl.open(d["ledger"]) as wb:
        assert [e["hash"] for e in events] == [e.hash for e in wb.history(d["claim"])]
    for event in events:
        assert {"seq", "type", "at", "actor", "data", "prev", "hash"} <= set(event)


def test_claim_and_show_print_the_card(cli_desk, capsys):
    d = cli_desk
    ok(capsys, "set-verdict", d["ledger"], d["claim"], "true", "--rationale", "USFK agrees.")
    card = ok(capsys, "claim", d["ledger"], d["claim"])
    assert card.startswith(f"Claim {d['claim']}  [true] [new]")
    assert "About 28,500 US troops are in South Korea." in card
    assert "claimed by Reuters" in card
    assert "USFK agrees." in card
    assert ok(capsys, "show", d["ledger"], d["claim"]) == card
    shown = json.loads(ok(capsys, "claim", d["ledger"], d["claim"], "--json"))
    assert shown["claim"]["id"] == d["claim"]
    assert [v["rating"] for v in shown["verdicts"]] == ["true"]
    source = ok(capsys, "show", d["ledger"], d["reuters"])
    assert source.startswith(f'<Source {d["reuters"]} "Reuters" (outlet, not rated)>')
    assert "TrackRecord" in source
    snapshot = ok(capsys, "show", d["ledger"], d["snapshot"])
    assert snapshot.splitlines()[0] == f"Snapshot {d['snapshot']}"
    assert "publisher  Reuters" in snapshot
    assert "published  2024-10-21" in snapshot
    as_json = json.loads(ok(capsys, "show", d["ledger"], d["snapshot"], "--json"))
    assert as_json["hash"] == d["snapshot"]
    status, _, err = run(capsys, "show", d["ledger"], "evd_0000000000000000")
    assert_one_line_error(status, err)
    assert "evd_0000000000000000" in err


def test_snapshots_and_evidence_list_what_was_captured_and_linked(cli_desk, capsys):
    d = cli_desk
    (d["dir"] / "factsheet.txt").write_text(FACTSHEET, encoding="utf-8")
    factsheet = ok(capsys, "add-snapshot", d["ledger"], d["dir"] / "factsheet.txt")
    lines = ok(capsys, "snapshots", d["ledger"]).splitlines()
    assert [line.split()[0] for line in lines] == [d["snapshot"], factsheet]
    assert "2024-10-21" in lines[0]
    assert "Troops" in lines[0]
    listed = json.loads(ok(capsys, "snapshots", d["ledger"], "--json"))
    assert [s["hash"] for s in listed] == [d["snapshot"], factsheet]
    assert ok(capsys, "evidence", d["ledger"], d["claim"]) == ""
    linked = json.loads(
        ok(
            capsys,
            *("link-evidence", d["ledger"], d["claim"], factsheet),
            *("--quote", "Approximately 28,500 U.S. service members", "--stance", "supports"),
            *("--credibility", "2", "--note", "Same figure.", "--json"),
        )
    )
    assert linked["id"].startswith("evd_")
    assert linked["credibility"] == "2"
    assert linked["quote"]["snapshot"] == factsheet
    text = ok(capsys, "evidence", d["ledger"], d["claim"])
    assert text.startswith(f"{linked['id']}  supports")
    assert '"Approximately 28,500 U.S. service members"' in text
    assert "credibility 2" in text
    assert "note: Same figure." in text
    assert json.loads(ok(capsys, "evidence", d["ledger"], d["claim"], "--json")) == [linked]
    assert ok(capsys, "show", d["ledger"], linked["id"]) == text
    with cl.open(d["ledger"]) as wb:
        assert wb.evidence(d["claim"])[0].credibility == "2"


def test_link_evidence_refuses_a_credibility_off_the_scale(cli_desk, capsys):
    d = cli_desk
    with pytest.raises(SystemExit) as refused:
        main(
            [
                *("link-evidence", str(d["ledger"]), d["claim"], d["snapshot"]),
                *("--quote", "troops", "--stance", "supports", "--credibility", "7"),
            ]
        )
    assert refused.value.code == 2
    assert "--credibility: invalid choice: '7'" in capsys.readouterr().err
    with cl.open(d["ledger"]) as wb:
        assert wb.evidence(d["claim"]) == []


def test_writing_commands_print_what_they_recorded_as_json(cli_desk, capsys):
    d = cli_desk
    ledger = d["ledger"]
    source = json.loads(
        ok(capsys, "add-source", ledger, "USFK", "--kind", "organisation", "--json")
    )
    assert (source["name"], source["kind"]) == ("USFK", "organisation")
    assert source["id"].startswith("src_")
    claim = json.loads(
        ok(
            capsys,
            *("add-claim", ledger, "US troops in Korea number 28,500.", "--claimant", source["id"]),
            *("--date", "2024-10-21", "--context", "a briefing", "--json"),
        )
    )
    assert (claim["date"], claim["context"], claim["claimant"]) == (
        "2024-10-21",
        "a briefing",
        source["id"],
    )
    verdict = json.loads(
        ok(capsys, "set-verdict", ledger, claim["id"], "true", "--rationale", "ok", "--json")
    )
    assert (verdict["claim"], verdict["rating"], verdict["rationale"]) == (
        claim["id"],
        "true",
        "ok",
    )
    status = json.loads(ok(capsys, "set-status", ledger, claim["id"], "reviewed", "--json"))
    assert (status["id"], status["status"]) == (claim["id"], "reviewed")
    rating = json.loads(
        ok(capsys, "rate-source", ledger, source["id"], "A", "--rationale", "official", "--json")
    )
    assert (rating["source"], rating["grade"]) == (source["id"], "A")
    (d["dir"] / "f.txt").write_text(FACTSHEET, encoding="utf-8")
    snapshot = json.loads(ok(capsys, "add-snapshot", ledger, d["dir"] / "f.txt", "--json"))
    assert snapshot["size"] == len(FACTSHEET.encode("utf-8"))
    settings = json.loads(ok(capsys, "init", d["dir"] / "new.ledger", "--json"))
    assert settings["created"] is True
    assert settings["scale"] == "default"
    with cl.open(ledger) as wb:
        assert wb.claim(claim["id"]).date == "2024-10-21"
        assert wb.snapshot(snapshot["hash"]).sha256 == snapshot["sha256"]
        assert settings["identity"] != wb.identity


def test_add_claim_refuses_a_date_that_is_not_one(cli_desk, capsys):
    d = cli_desk
    with cl.open(d["ledger"]) as wb:
        before = wb.event_count()
    status, _, err = run(capsys, "add-claim", d["ledger"], "Some claim.", "--date", "yesterday")
    assert_one_line_error(status, err)
    assert "yesterday" in err
    with cl.open(d["ledger"]) as wb:
        assert wb.event_count() == before


def test_verify_names_the_column_and_gives_no_seq_for_a_table(cli_desk, capsys, edit_ledger):
    d = cli_desk
    edit_ledger(d["ledger"], "UPDATE claims SET text = 'About 2,850 US troops are in South Korea.'")
    status, out, _ = run(capsys, "verify", d["ledger"])
    assert status == 1
    (problem,) = [line for line in out.splitlines() if "projection-mismatch" in line]
    assert f"claims row {d['claim']} differs from what the events say: column text" in problem
    # The ledger's location (a temporary folder's random name) may itself hold "seq".
    assert "seq" not in out.replace(str(d["ledger"]), "")
    assert "claimledger rebuild" in out
    with cl.open(d["ledger"]) as wb:
        assert "seq 0" not in repr(wb.verify())


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
