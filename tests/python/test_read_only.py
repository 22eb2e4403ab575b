"""Opening a desk read-only: reads work, writes are refused and write nothing, a missing desk
is not created (the error says how to create one), an archived file on read-only media can
be read (and the command line's reading commands read it), and a desk's scale is fixed."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import claimledger as cl
import pytest
from claimledger.cli.main import main
from claimledger.files import ledger_exists

#: A process without the power to override file permissions: as root (the suite may run as
#: root), setpriv drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the child, so that a
#: 0444 file and a 0555 folder stop it as they stop any user.
WITHOUT_OVERRIDE = (
    [
        "setpriv",
        "--bounding-set=-dac_override,-dac_read_search",
        "--inh-caps=-dac_override,-dac_read_search",
    ]
    if os.geteuid() == 0
    else []
)

PACKAGE_ROOT = str(Path(cl.__file__).resolve().parents[1])


def run_python(script: str, cwd: Path) -> subprocess.CompletedProcess:
    """Runs `script` in a new Python without permission overrides; claimledger importable."""
    env = dict(os.environ, PYTHONPATH=PACKAGE_ROOT)
    return subprocess.run(
        [*WITHOUT_OVERRIDE, sys.executable, "-c", textwrap.dedent(script)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_cli(*argv: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=PACKAGE_ROOT)
    return subprocess.run(
        [*WITHOUT_OVERRIDE, sys.executable, "-m", "claimledger", *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_read_only_reads_and_refuses_every_write(desk, location, stored_state, tmp_path):
    desk.wb.close()
    before = stored_state(location)
    with cl.open(location, actor="bob", read_only=True) as wb:
        assert wb.claim(desk.troops).verdict.rating == "true"
        assert wb.verify().ok
        assert [h.claim.id for h in wb.search("troops")] == [desk.troops]
        writes = {
            "add_source": lambda: wb.add_source("AP"),
            "add_snapshot": lambda: wb.add_snapshot("New text."),
            "add_claim": lambda: wb.add_claim("A claim."),
            "add_claims": lambda: wb.add_claims([{"text": "A claim."}]),
            "link_evidence": lambda: wb.link_evidence(
                desk.escalation, desk.article, quote="a significant escalation", stance="context"
            ),
            "set_verdict": lambda: wb.set_verdict(desk.troops, "false", rationale="r"),
            "set_status": lambda: wb.set_status(desk.troops, "published"),
            "rate_source": lambda: wb.rate_source(desk.chun, "C", rationale="r"),
            "rebuild": wb.rebuild,
            "import_bundle": lambda: wb.import_bundle(tmp_path / "none.jsonl"),
        }
        for name, write in writes.items():
            with pytest.raises(cl.ReadOnlyError, match="opened read-only") as caught:
                write()
            assert caught.value.id == "claimledger.read_only", name
    assert stored_state(location) == before


def test_read_only_never_creates_and_says_how_to_create(new_location, store, tmp_path):
    missing = new_location("missing.ledger")
    for read_only, create in ((True, True), (False, False)):
        with pytest.raises(cl.NotFoundError) as caught:
            cl.open(missing, read_only=read_only, create=create)
        assert caught.value.id == "claimledger.store.missing"
        assert "claimledger init" in str(caught.value)
        assert "create=True" not in str(caught.value)
        assert not ledger_exists(missing)
    if store == "file":
        assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_cli_reading_commands_on_a_missing_ledger_say_how_to_create_one(
    new_location, capsys, tmp_path
):
    missing = new_location("missing.ledger")
    for argv in (["claims", missing], ["verify", missing], ["history", missing, "clm_0"]):
        assert main([str(a) for a in argv]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert "claimledger init" in err
        assert not ledger_exists(missing)


def test_a_desk_keeps_its_scale_and_says_which(new_location, stored_state):
    location = new_location("politifact.ledger")
    with cl.open(location, scale="politifact") as wb:
        wb.add_claim("A claim.")
    before = stored_state(location)
    for other in ("default", "fever", [("yes", 0), ("no", 1)]):
        with pytest.raises(cl.InvalidInputError) as caught:
            cl.open(location, scale=other)
        assert caught.value.id == "claimledger.scale.fixed"
        assert 'rating scale is "politifact"' in str(caught.value)
        assert "pants-fire" in str(caught.value)  # the desk's ratings are listed
    assert stored_state(location) == before
    with cl.open(location, scale="politifact") as wb, cl.open(location, read_only=True) as view:
        assert wb.scale == view.scale == "politifact"


@pytest.fixture
def archived(desk, tmp_path):
    """The desk's ledger file made an archive: the file 0444 in a folder 0555 (restored for
    the clean-up)."""
    desk.wb.close()
    folder = tmp_path / "archive"
    folder.mkdir()
    path = folder / "desk.ledger"
    with cl.open(tmp_path / "desk.ledger", read_only=True) as source:
        source.export_bundle(tmp_path / "desk.jsonl")
    with cl.open(path, actor="alice") as copy:
        copy.import_bundle(tmp_path / "desk.jsonl")
    assert sorted(p.name for p in folder.iterdir()) == ["desk.ledger"]  # no -wal, no -shm
    tmp_path.chmod(0o755)
    path.chmod(0o444)
    folder.chmod(0o555)
    yield path
    folder.chmod(0o755)
    path.chmod(0o644)


@pytest.mark.file_only("file permissions and read-only media are about files")
def test_an_archive_on_read_only_media_opens_read_only(archived, desk, store):
    probe = run_python(
        f"""
        import os, claimledger as cl
        try:
            open({str(archived) + "-probe"!r}, "w")
            print("writable")
        except OSError:
            print("cannot write")
        with cl.open({str(archived)!r}, read_only=True) as wb:
            print(wb.claim({desk.troops!r}).verdict.rating, wb.verify().ok, len(wb.claims()))
        try:
            cl.open({str(archived)!r})
        except cl.StorageError as error:
            print(error.id, "read-only" in str(error), "read_only=True" in str(error))
        print(sorted(os.listdir({str(archived.parent)!r})))
        """,
        archived.parent.parent,
    )
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.splitlines() == [
        "cannot write",  # the test is honest: this process cannot write there
        "true True 2",
        "claimledger.store.read_only True True",
        "['desk.ledger']",
    ]
    assert stat.S_IMODE(archived.stat().st_mode) == 0o444


@pytest.mark.file_only("file permissions and read-only media are about files")
def test_cli_reading_commands_work_on_an_archive(archived, desk, store):
    cwd = archived.parent.parent
    ledger = str(archived)
    out_dir = cwd / "out"
    out_dir.mkdir()
    out_dir.chmod(0o777)
    reading = [
        ["claims", ledger],
        ["claim", ledger, desk.troops],
        ["show", ledger, desk.troops],
        ["search", ledger, "troops"],
        ["history", ledger, desk.troops],
        ["sources", ledger],
        ["snapshots", ledger],
        ["evidence", ledger, desk.troops],
        ["verify", ledger],
        ["checkpoint", ledger],
        ["report", ledger, "-o", str(out_dir / "report.html")],
        ["export", ledger, "--format", "bundle", "-o", str(out_dir / "desk.jsonl")],
        ["export", ledger, "--format", "claimreview", "--status", "all"],
    ]
    for argv in reading:
        done = run_cli(*argv, cwd=cwd)
        assert done.returncode == 0, (argv, done.stderr)
    assert desk.troops in run_cli("claims", ledger, cwd=cwd).stdout
    refused = run_cli("add-source", ledger, "AP", cwd=cwd)
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1
    assert "read-only" in refused.stderr
    assert "not a claimledger ledger" not in refused.stderr
    assert sorted(p.name for p in archived.parent.iterdir()) == ["desk.ledger"]
