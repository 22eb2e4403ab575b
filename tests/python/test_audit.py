"""The audit trail: history, as-of views, and proof that nothing committed is lost when a
writer is killed at random moments or when several processes write at once; on both stores
(a file, a desk on the PostgreSQL server)."""

from __future__ import annotations

import datetime as dt
import json
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import claimledger as cl
import pytest

ARTICLE = "The United States keeps approximately 28,500 troops in South Korea."


def build(wb):
    outlet = wb.add_source("Courier", kind="outlet")
    snap = wb.add_snapshot(ARTICLE)
    claim = wb.add_claim(
        "About 28,500 US troops are in South Korea.",
        claimant=outlet,
        appears_in=snap,
        quote="approximately 28,500 troops",
    )
    ev = wb.link_evidence(claim, snap, quote="28,500 troops", stance="supports")
    wb.set_verdict(claim, "mixed", rationale="first look")
    wb.actor = "bob"
    wb.set_verdict(claim, "true", rationale="revised after the fact sheet", evidence=[ev])
    wb.set_status(claim, "published")
    wb.rate_source(outlet, "B", rationale="usually reliable")
    return outlet, snap, claim, ev


def test_history_of_a_claim_shows_who_changed_what_and_when(location):
    with cl.open(location, actor="alice") as wb:
        _, _, claim, _ = build(wb)
        history = wb.history(claim)
    assert [e.type for e in history] == [
        "claim.added",
        "evidence.linked",
        "verdict.set",
        "verdict.set",
        "status.set",
    ]
    assert [e.actor for e in history] == ["alice", "alice", "alice", "bob", "bob"]
    verdicts = [e.data["rating"] for e in history if e.type == "verdict.set"]
    assert verdicts == ["mixed", "true"]
    assert history[3].data["rationale"] == "revised after the fact sheet"
    assert [e.seq for e in history] == sorted(e.seq for e in history)
    assert all(e.at.endswith("Z") and len(e.at) == 27 for e in history)


def test_history_of_a_source_includes_its_ratings_and_claims(location):
    with cl.open(location) as wb:
        outlet, _, _, _ = build(wb)
        types = [e.type for e in wb.history(outlet)]
    assert types == ["source.added", "claim.added", "source.rated"]


def test_history_as_a_dataframe(location):
    import pandas as pd  # in the test extra: a missing pandas fails, never skips

    with cl.open(location) as wb:
        _, _, claim, _ = build(wb)
        frame = wb.history_frame(claim)
    assert list(frame.columns) == ["seq", "at", "actor", "type", "data", "prev", "hash"]
    assert len(frame) == 5
    assert str(frame["at"].dtype).startswith("datetime64")
    assert frame["at"].dt.tz is not None
    assert frame.loc[3, "data"]["rating"] == "true"
    assert isinstance(frame, pd.DataFrame)


def test_history_of_an_unknown_id_is_not_found():
    with cl.open() as wb, pytest.raises(cl.NotFoundError, match=r"history\.not_found"):
        wb.history("clm_0000000000000000")


def test_as_of_a_seq_shows_the_desk_as_it_was(location):
    with cl.open(location) as wb:
        _, _, claim, _ = build(wb)
        first_verdict_seq = wb.verdicts(claim)[0].seq
        past = wb.as_of(first_verdict_seq)
        assert past.as_of_seq == first_verdict_seq
        assert past.claim(claim).verdict.rating == "mixed"
        assert past.claim(claim).status == "new"
        assert len(past.history(claim)) == 3
        assert past.claims(rating="true") == []
        assert past.verify().ok
        assert wb.claim(claim).verdict.rating == "true"  # the live desk is untouched
        assert wb.as_of(10_000).as_of_seq == wb.event_count()  # clamped to the end
        assert "read-only view" in repr(past)


def test_as_of_a_time(location):
    with cl.open(location) as wb:
        outlet = wb.add_source("Courier")
        time.sleep(0.01)
        middle = dt.datetime.now(dt.timezone.utc)
        time.sleep(0.01)
        wb.rate_source(outlet, "C", rationale="fairly reliable")
        assert wb.as_of(middle).source(outlet).reliability is None
        assert wb.as_of(middle.isoformat()).source(outlet).reliability is None
        assert wb.as_of(middle.replace(tzinfo=None)).source(outlet).reliability is None
        assert wb.as_of(dt.datetime.now(dt.timezone.utc)).source(outlet).reliability == "C"
        with pytest.raises(cl.InvalidInputError, match="did not exist yet"):
            wb.as_of("2001-01-01")
        with pytest.raises(cl.InvalidInputError, match=r"input\.date"):
            wb.as_of("last tuesday")
        with pytest.raises(cl.InvalidInputError):
            wb.as_of(0)


def test_writing_through_an_as_of_view_raises_and_writes_nothing(location):
    with cl.open(location) as wb:
        _, _snap, claim, _ = build(wb)
        past = wb.as_of(3)
        count = wb.event_count()
        for write in (
            lambda: past.add_source("X"),
            lambda: past.add_claim("A new claim."),
            lambda: past.add_snapshot("new text"),
            lambda: past.set_verdict(claim, "false", rationale="no"),
            lambda: past.rebuild(),
        ):
            with pytest.raises(cl.ReadOnlyError, match="read-only view"):
                write()
        assert wb.event_count() == count


# --- crashes ---------------------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys, claimledger as cl
    wb = cl.open(sys.argv[1], actor="writer")
    n = 0
    while True:
        n += 1
        if n % 3:
            ids = [wb.add_claim(f"claim {n} from the crash test").id]
        else:
            ids = wb.add_claims([{"text": f"batch {n} item {i}"} for i in range(40)])
        print(" ".join(ids), flush=True)   # reported only after the commit returned
    """
)


# A writer of large batches: each commit leaves more than 1,000 pages in a file's write-ahead
# log, so that its copy into the file runs on the store's own thread (WalCheckpointer) while
# the next batch is written, and the kills land during copies.
LARGE_BATCH_WRITER = textwrap.dedent(
    """
    import sys, claimledger as cl
    wb = cl.open(sys.argv[1], actor="writer")
    n = 0
    while True:
        n += 1
        ids = wb.add_claims(
            [{"text": f"Large batch {n}, claim {i}: {i * 37 % 1000} new jobs in {1990 + i % 30}.",
              "context": f"Said at meeting {n}.{i} of the crash test."} for i in range(3000)]
        )
        print(" ".join(ids), flush=True)   # reported only after the commit returned
    """
)


def _kill_writers_at_random_moments(
    script: Path, location, rounds: int, longest_wait: float, seed: int
) -> tuple[list[str], int]:
    """Starts `script` on `location` `rounds` times, each killed with SIGKILL at a random moment
    after its first commit; after each kill, verify() is ok and every claim it reported is
    there. Returns the reported ids and the largest write-ahead log a killed writer left."""
    rng = random.Random(seed)
    committed: list[str] = []
    largest_log = 0
    for _ in range(rounds):
        writer = subprocess.Popen(
            [sys.executable, str(script), str(location)], stdout=subprocess.PIPE, text=True
        )
        # Wait for the writer to be running, then kill it at a random moment.
        first = writer.stdout.readline()
        time.sleep(rng.uniform(0.0, longest_wait))
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate()
        assert writer.returncode == -signal.SIGKILL
        for line in (first + out).splitlines():
            committed.extend(line.split())
        log = Path(f"{location}-wal")
        if isinstance(location, Path) and log.exists():
            largest_log = max(largest_log, log.stat().st_size)
        with cl.open(location, actor="checker") as wb:
            report = wb.verify()
            assert report.ok, report.problems
            stored = {c.id for c in wb.claims()}
        missing = [c for c in committed if c not in stored]
        assert not missing, f"{len(missing)} committed claims lost"
    return committed, largest_log


def test_sigkill_at_random_moments_loses_nothing_committed(tmp_path, location):
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    committed, _ = _kill_writers_at_random_moments(script, location, 50, 0.08, 20261128)
    assert len(committed) > 50


def test_sigkill_during_large_batches_loses_nothing_committed(tmp_path, ledger_path):
    script = tmp_path / "writer.py"
    script.write_text(LARGE_BATCH_WRITER)
    committed, largest_log = _kill_writers_at_random_moments(script, ledger_path, 6, 1.5, 20261206)
    assert len(committed) >= 6 * 3000
    # The batches were large enough for their logs to be copied on the store's thread.
    assert largest_log > 1000 * 4096


# --- several processes --------------------------------------------------------------------

APPENDER = textwrap.dedent(
    """
    import sys, claimledger as cl
    wb = cl.open(sys.argv[1], actor=sys.argv[2])
    ids = [wb.add_claim(f"{sys.argv[2]} claim {i}").id for i in range(int(sys.argv[3]))]
    print("\\n".join(ids))
    """
)

READER = textwrap.dedent(
    """
    import sys, json, claimledger as cl
    wb = cl.open(sys.argv[1], actor="reader")
    checks, last, broken = 0, 0, []
    while True:
        report = wb.verify()
        if not report.ok:
            broken.append([p.kind for p in report.problems])
        if report.events < last:
            broken.append(["went backwards"])
        last = report.events
        checks += 1
        if report.events >= int(sys.argv[2]):
            break
    print(json.dumps({"checks": checks, "broken": broken}))
    """
)


def test_four_writers_and_a_reader_keep_one_linear_chain(tmp_path, location):
    cl.open(location).close()  # create it first so every process opens the same ledger
    (tmp_path / "appender.py").write_text(APPENDER)
    (tmp_path / "reader.py").write_text(READER)
    per_writer = 500
    total_events = 1 + 4 * per_writer
    reader = subprocess.Popen(
        [sys.executable, str(tmp_path / "reader.py"), str(location), str(total_events)],
        stdout=subprocess.PIPE,
        text=True,
    )
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                str(tmp_path / "appender.py"),
                str(location),
                f"w{k}",
                str(per_writer),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        for k in range(4)
    ]
    ids = []
    for w in writers:
        out, _ = w.communicate(timeout=600)
        assert w.returncode == 0
        ids.extend(out.split())
    reader_out, _ = reader.communicate(timeout=600)
    reader_result = json.loads(reader_out)
    assert reader_result["broken"] == []
    assert reader_result["checks"] >= 2

    assert len(ids) == len(set(ids)) == 4 * per_writer
    with cl.open(location) as wb:
        events = wb.events()
        assert [e.seq for e in events] == list(range(1, total_events + 1))
        for before, after in zip(events, events[1:]):
            assert after.prev == before.hash  # one chain, no fork
        assert {c.id for c in wb.claims()} == set(ids)
        assert wb.verify().ok
        actors = {e.actor for e in events[1:]}
        assert actors == {"w0", "w1", "w2", "w3"}


def test_the_file_is_a_plain_sqlite_database_in_wal_mode(tmp_path):
    import sqlite3

    path = tmp_path / "d.ledger"
    cl.open(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA application_id").fetchone()[0] == 0x434C4447
    db.close()
    assert Path(path).stat().st_size > 0
