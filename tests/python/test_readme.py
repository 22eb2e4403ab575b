"""README.md's Python examples run as written (in a temporary folder), print what their
comments say, and its canonical-JSON expression gives each event's hash, so the README
cannot drift from the package."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import claimledger as cl
import pytest
from readme_blocks import is_expression, promised_output, python_blocks  # tests/


@pytest.fixture(scope="module")
def readme(repo) -> str:
    return (repo / "README.md").read_text(encoding="utf-8")


def test_readme_has_python_examples(readme):
    blocks = python_blocks(readme)
    sessions = [b for b in blocks if not is_expression(b)]
    assert sessions, "README.md should show a Python session"
    assert any("cl.open(" in b for b in sessions)


def test_readme_python_runs_as_written(readme, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace: dict = {"__name__": "__readme__"}
    ran = 0
    for code in python_blocks(readme):
        if is_expression(code):
            continue  # a formula, checked against real events below
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README.md", "exec"), namespace)
        assert out.getvalue().splitlines() == promised_output(code)
        ran += 1
    assert ran >= 1


def test_readme_session_leaves_a_verified_ledger(readme, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for code in python_blocks(readme):
        if not is_expression(code):
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(code, "README.md", "exec"), {"__name__": "__readme__"})
    ledgers = sorted(tmp_path.glob("*.ledger"))
    assert ledgers, "the README session should write a ledger file"
    with cl.open(ledgers[0], create=False) as wb:
        assert wb.verify().ok
        assert wb.claims()[0].status == "published"


def test_readme_canonical_json_expression_gives_every_event_hash(readme, desk):
    formulas = [b.strip() for b in python_blocks(readme) if is_expression(b)]
    assert formulas, "README.md should give the canonical JSON rule as a Python expression"
    events = desk.wb.events()
    for formula in formulas:
        for event in events:
            body = {k: getattr(event, k) for k in ("seq", "prev", "type", "at", "actor", "data")}
            text = eval(formula, {"json": json, "event": body})
            assert "sha256:" + hashlib.sha256(text.encode()).hexdigest() == event.hash


def test_readme_error_id_example_is_real(readme, desk):
    assert "[claimledger.anchor.not_found]" in readme
    with pytest.raises(cl.AnchorError) as caught:
        desk.wb.add_claim("A claim.", appears_in=desk.article, quote="not in the article")
    assert caught.value.id == "claimledger.anchor.not_found"


def test_readme_default_scale_is_the_real_one(readme):
    match = re.search(r"default\s+verdict scale is `([^`]+)`", readme)
    assert match
    documented = [r.strip() for r in match.group(1).split(",")]
    assert cl.open(actor="alice").ratings == documented


def test_readme_publishing_commands_run_as_written(readme, tmp_path, repo):
    """The command-line steps of "Publishing verifiable verdicts", every block in order, on
    the demo desk (CLAIM replaced by its first claim, old.checkpoint by an earlier signed
    checkpoint): the desk's, then the reader's check with the Go checker and sha256sum,
    whose outputs must agree with the review."""
    section = readme.split("## Publishing verifiable verdicts", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^```sh\n(.*?)^```", section, re.DOTALL | re.MULTILINE)
    assert len(blocks) == 3
    bin_dir = Path(sys.executable).parent
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "GOCACHE": str(tmp_path / "gocache"),
        "GOFLAGS": "",
    }
    run = functools.partial(
        subprocess.run, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert run("claimledger demo --dir demo").returncode == 0
    claim = json.loads(run("claimledger claims demo/desk.ledger --json").stdout)[0]["id"]
    checker = Path("tests", "go", "c2spcheck")  # the reader's copy of the Go program
    shutil.copytree(repo / checker, tmp_path / checker)
    outputs = {}
    for line in "".join(blocks).splitlines():
        command = line.split("  #", 1)[0].replace("CLAIM", claim)
        done = run(command)
        assert done.returncode == 0, (command, done.stdout, done.stderr)
        outputs[line.split("  #", 1)[0]] = done.stdout
        if (
            "checkpoint demo/desk.ledger --sign" in command
            and not (tmp_path / "old.checkpoint").exists()
        ):
            shutil.copy(tmp_path / "head.checkpoint", tmp_path / "old.checkpoint")
    assert (tmp_path / "proof.txt").exists()
    # what the reader saw agrees with the review
    [review] = [
        r
        for r in json.loads((tmp_path / "reviews.json").read_text(encoding="utf-8"))
        if r["url"].endswith(claim)
    ]
    found = lambda prefix: next(v for k, v in outputs.items() if k.startswith(prefix))  # noqa: E731
    documents = {
        line.split()[0] for line in found("sha256sum published/CLAIM/document").splitlines()
    }
    logged = set(re.findall(r"sha256:([0-9a-f]{64})", found("grep -ho '\"sha256")))
    assert documents
    assert documents == logged
    rationale = json.loads("{" + found("grep -o '\"rationale").strip() + "}")["rationale"]
    assert rationale == review["reviewBody"]
    manifest_hash = found("sha256sum published/CLAIM/receipts.json").split()[0]
    assert review["associatedMedia"][0]["sha256"] == manifest_hash
    link = f"https://news.example/receipts/{claim}/receipts.json"
    assert review["associatedMedia"][0]["contentUrl"] == link


def test_readme_team_commands_run_as_written(readme, tmp_path, pg_server):
    """The command-line steps of "A desk for a team" against the suite's own server: the demo
    desk copied to a new desk, a writer and an auditor given access, the writer lists the
    claims, the auditor verifies and copies the desk back into a file, which verifies with
    the demo's head. The README's users and URL are mapped onto the server's roles."""
    section = readme.split("## A desk for a team", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"^```sh\n(.*?)^```", section, re.DOTALL | re.MULTILINE).group(1)
    desk = f"readme{os.getpid()}"
    urls = {"editor": pg_server.url(desk=desk)}
    roles = {}
    for user in ("alice", "auditor"):
        roles[user], password = f"{user}_{desk}", f"secret-{user}"
        pg_server.psql(f"CREATE ROLE {roles[user]} LOGIN PASSWORD '{password}'")
        urls[user] = pg_server.url(user=roles[user], password=password, tcp=True, desk=desk)
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    run = functools.partial(
        subprocess.run, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert run("claimledger demo --dir demo").returncode == 0
    said = []
    for line in block.splitlines():
        command = re.sub(
            r"'postgresql://(\w+)@db\.example:5432/newsroom\?desk=korea'",
            lambda m: f"'{urls[m.group(1)]}'",
            line,
        )
        command = re.sub(r"--(writer|auditor) (\w+)$", lambda m: f"--{m[1]} {roles[m[2]]}", command)
        done = run(command)
        assert done.returncode == 0, (command, done.stderr)
        said.append(done.stdout)
    claims = json.loads(run("claimledger claims demo/desk.ledger --json").stdout)
    assert all(claim["id"] in said[3] for claim in claims)
    for password in ("secret-alice", "secret-auditor"):
        assert password not in "".join(said)
    with cl.open(tmp_path / "demo/desk.ledger", create=False) as demo:
        head, identity = demo.checkpoint(), demo.identity
    with cl.open(tmp_path / "archive.ledger", create=False) as archive:
        assert archive.identity == identity
        assert archive.verify(against=head).ok


def test_readme_lists_every_command(readme):
    from claimledger.cli.main import COMMANDS

    section = readme.split("## Command line", 1)[1].split("\n## ", 1)[0]
    listed = re.search(r"`claimledger (.*?)`", section, re.DOTALL).group(1)
    assert [name.strip() for name in listed.split("|")] == [c.name for c in COMMANDS]
