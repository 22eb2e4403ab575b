"""A desk on the PostgreSQL server under many writers and faults (issue 16): real processes
over TCP against the suite's throwaway server, no mocks.

- 8 writer processes add 300 claims each, one `add_claim` a call, while a reader process
  verifies in a loop: one chain of exactly the committed events, every reported claim there,
  every verify ok.
- 30 writers killed with SIGKILL at random moments: every claim a writer reported is there,
  nothing of a transaction that was cut off, verify ok.
- The server restarted under load: writers get StorageError claimledger.store.connection,
  carry on (the next call connects again, a claim retried by its ref is not added twice), and
  nothing committed is lost.
- A writer that finds the desk's write lock held past the busy timeout gets the same
  StorageError claimledger.store.busy as on a SQLite file, while readers go on reading.

The writers and the reader are this file run as a script (`python test_pg_concurrency.py
write|verify ...`); each prints one JSON line per claim committed (right after `add_claim`
returned) or per verify, flushed at once, so that a line written before a SIGKILL is kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import string
import subprocess
import sys
import threading
import time
from pathlib import Path

import claimledger as cl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import pg_server as throwaway_postgres  # tests/pg_server.py

HERE = Path(__file__).resolve()
GENESIS_PREV = "sha256:" + "0" * 64
RATING = "false"  # a rating of the default scale
# How long a writer goes on retrying a lost connection before it gives up (a restart takes
# a few seconds at most).
RECONNECT_PATIENCE_S = 60.0


# --- the processes: writers and a reader (this file run as a script) ----------------------


def claim_text(ref: str) -> str:
    """A claim text of its own for `ref` (words drawn from `ref`), so that no claim is a near
    duplicate of another and each has a number in it."""
    rng = random.Random(ref)
    words = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 9))) for _ in range(9)]
    return f"{' '.join(words).capitalize()} grew by {rng.randint(2, 9999):,} jobs."


def run_writer(url: str, name: str, count: int) -> None:
    """Adds claims `name`:0 .. `name`:count-1, one `add_claim` (with a verdict: two events,
    one transaction) a call, printing {"ref", "id", "seq"} once each is committed. A lost
    connection is printed as {"error", "ref"} and the same claim is tried again (by its ref,
    so that a commit whose answer was lost is not made twice)."""
    wb = None
    failing_since = None
    i = 0
    while i < count:
        ref = f"{name}:{i}"
        try:
            if wb is None:
                wb = cl.open(url, actor=name, create=False)
            claim = wb.add_claim(
                claim_text(ref),
                ref=ref,
                tags=[name],
                verdict={"rating": RATING, "rationale": f"checked by {name}"},
            )
        except cl.StorageError as error:
            now = time.monotonic()
            failing_since = failing_since or now
            if error.id != "claimledger.store.connection" or now - failing_since > (
                RECONNECT_PATIENCE_S
            ):
                raise
            print(json.dumps({"error": error.id, "ref": ref, "message": str(error)}), flush=True)
            time.sleep(0.05)
            continue
        failing_since = None
        print(json.dumps({"ref": ref, "id": claim.id, "seq": claim.seq}), flush=True)
        i += 1
    wb.close()


def run_reader(url: str, stop_file: str) -> None:
    """Verifies the desk again and again, printing {"ok", "events", "problems"} each time,
    until `stop_file` exists; the last verify starts after it appeared."""
    with cl.open(url, actor="reader", create=False) as wb:
        while True:
            stop = Path(stop_file).exists()
            report = wb.verify()
            problems = [[p.seq, p.kind, p.detail] for p in report.problems]
            print(
                json.dumps({"ok": report.ok, "events": report.events, "problems": problems}),
                flush=True,
            )
            if stop:
                return


# --- helpers of the tests ------------------------------------------------------------------


def tcp_url(pg_desk_url) -> str:
    """A new desk on the suite's server, over TCP with the superuser's password; created
    here (empty), so that the writers open it without creating it."""
    url = pg_desk_url(password=throwaway_postgres.SUPERUSER_PASSWORD, tcp=True)
    cl.open(url, actor="setup").close()
    return url


def spawn(folder: Path, label: str, *args: str) -> subprocess.Popen:
    """Starts this file as a script with `args`; its output goes to FOLDER/LABEL.out."""
    with (folder / f"{label}.out").open("wb") as out, (folder / f"{label}.err").open("wb") as err:
        return subprocess.Popen([sys.executable, str(HERE), *args], stdout=out, stderr=err)


def lines(folder: Path, label: str) -> list[dict]:
    """The complete JSON lines a process printed (a line cut off by a SIGKILL is left out)."""
    text = (folder / f"{label}.out").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines(keepends=True) if line.endswith("\n")]


def wait_all(processes: dict[str, subprocess.Popen], folder: Path, timeout: float) -> None:
    """Waits for every process to end with status 0; shows the stderr of one that did not."""
    deadline = time.monotonic() + timeout
    for label, process in processes.items():
        try:
            status = process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            for other in processes.values():
                other.kill()
            pytest.fail(f"{label} did not finish in {timeout:.0f} s")
        err = (folder / f"{label}.err").read_text(encoding="utf-8", errors="replace")
        assert status == 0, f"{label} exited with {status}:\n{err[-3000:]}"


def committed(folder: Path, label: str) -> list[dict]:
    return [line for line in lines(folder, label) if "id" in line]


def check_chain(wb) -> list:
    """Asserts one linear chain: seq 1..N without a gap, each prev the hash of the event
    before, each hash the SHA-256 of the event's canonical JSON. Returns the events."""
    events = wb.events()
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert events[0].prev == GENESIS_PREV
    for before, event in zip(events, events[1:]):
        assert event.prev == before.hash, f"event {event.seq} does not follow {before.seq}"
    for event in events:
        digest = hashlib.sha256(event.canonical().encode("utf-8")).hexdigest()
        assert event.hash == "sha256:" + digest, f"event {event.seq}"
    return events


def check_desk(url: str) -> tuple[list, dict]:
    """Checks the desk as a whole: verify ok, one chain, and every claim added with its
    verdict in one transaction (claim.added at seq s, verdict.set of that claim at s + 1,
    nothing else). Returns the events and the claims by ref."""
    with cl.open(url, actor="auditor", create=False) as wb:
        report = wb.verify()
        assert report.ok, report.problems
        events = check_chain(wb)
        claims = {c.ref: c for c in wb.claims()}
        assert len(claims) == len(wb.claims()), "a ref added twice"
    assert report.events == len(events)
    assert events[0].type == "ledger.created"
    body = events[1:]
    assert len(body) == 2 * len(claims), [e.type for e in body[:10]]
    by_id = {c.id: c for c in claims.values()}
    for added, verdict in zip(body[::2], body[1::2]):
        assert added.type == "claim.added", added
        claim = by_id[claims[added.data["ref"]].id]
        assert claim.seq == added.seq
        assert verdict.type == "verdict.set"
        assert verdict.data["claim"] == claim.id
        assert claim.verdict is not None
        assert claim.verdict.rating == RATING
    return events, claims


def check_reported(reported: list[dict], claims: dict) -> None:
    """Every claim a writer reported committed is there, with the id and seq it was given."""
    for line in reported:
        claim = claims.get(line["ref"])
        assert claim is not None, f"claim {line['ref']} was reported committed but is missing"
        assert (claim.id, claim.seq) == (line["id"], line["seq"]), line


# --- the tests ------------------------------------------------------------------------------


def test_eight_writers_and_a_verifying_reader_keep_one_chain(pg_desk_url, tmp_path):
    writers, per_writer = 8, 300
    url = tcp_url(pg_desk_url)
    stop = tmp_path / "stop"
    reader = spawn(tmp_path, "reader", "verify", url, str(stop))
    processes = {
        f"w{n}": spawn(tmp_path, f"w{n}", "write", url, f"w{n}", str(per_writer))
        for n in range(writers)
    }
    wait_all(processes, tmp_path, timeout=240)
    stop.touch()
    wait_all({"reader": reader}, tmp_path, timeout=120)

    events, claims = check_desk(url)
    reported = [line for n in range(writers) for line in lines(tmp_path, f"w{n}")]
    assert all("id" in line for line in reported), "a writer met an error"
    assert len(reported) == writers * per_writer
    check_reported(reported, claims)
    # Exactly the committed events: the genesis, then two for each reported claim.
    assert len(claims) == writers * per_writer
    assert len(events) == 1 + 2 * writers * per_writer
    # The seqs the writers were given are the claims' events, each once.
    assert sorted(line["seq"] for line in reported) == [e.seq for e in events[1::2]]

    verifies = lines(tmp_path, "reader")
    assert all(v["ok"] and not v["problems"] for v in verifies), [
        v for v in verifies if not v["ok"]
    ][:3]
    counts = [v["events"] for v in verifies]
    assert counts == sorted(counts), "a verify saw fewer events than one before it"
    assert counts[-1] == len(events)
    assert any(1 < c < len(events) for c in counts), f"no verify ran during the writes: {counts}"


def test_writers_killed_at_random_moments_lose_nothing_committed(pg_server, pg_desk_url, tmp_path):
    url = tcp_url(pg_desk_url)
    seed = int.from_bytes(os.urandom(4), "little")
    rng = random.Random(seed)
    log = Path(pg_server.folder) / "server.log"
    log_start = log.stat().st_size
    killed = []
    for wave in range(3):  # 10 writers at a time, 30 in all
        labels = [f"k{wave}_{n}" for n in range(10)]
        running = {label: spawn(tmp_path, label, "write", url, label, "100000") for label in labels}
        kill_at: dict[str, float] = {}
        deadline = time.monotonic() + 120
        while running:
            assert time.monotonic() < deadline, f"writers did not start (seed {seed})"
            now = time.monotonic()
            for label, process in list(running.items()):
                assert process.poll() is None, (
                    f"{label} ended before it was killed (seed {seed}): "
                    + (tmp_path / f"{label}.err").read_text(errors="replace")[-2000:]
                )
                if label not in kill_at:
                    if (tmp_path / f"{label}.out").stat().st_size > 0:  # it is writing
                        kill_at[label] = now + rng.uniform(0.0, 1.5)
                elif now >= kill_at[label]:
                    process.send_signal(signal.SIGKILL)
                    assert process.wait(timeout=30) == -signal.SIGKILL
                    killed.append(label)
                    del running[label]
            time.sleep(0.005)
    assert len(killed) == 30

    _, claims = check_desk(url)
    for label in killed:
        reported = committed(tmp_path, label)
        assert all("id" in line for line in lines(tmp_path, label)), f"{label} met an error"
        assert [line["ref"] for line in reported] == [f"{label}:{i}" for i in range(len(reported))]
        check_reported(reported, claims)
        # What is there of a writer: what it reported, and at most the claim it was adding
        # when it was killed (committed, not yet reported).
        there = sorted(int(ref.split(":")[1]) for ref in claims if ref.split(":")[0] == label)
        assert there in (list(range(len(reported))), list(range(len(reported) + 1))), (
            f"{label} reported {len(reported)} claims, the desk holds {there[-3:]}... (seed {seed})"
        )
    assert set(claims) <= {f"{label}:{i}" for label in killed for i in range(100000)}
    # The server saw clients vanish inside a transaction and rolled each back.
    with log.open("rb") as stream:
        stream.seek(log_start)
        said = stream.read().decode("utf-8", errors="replace")
    cut = said.count("unexpected EOF on client connection with an open transaction")
    assert cut >= 1, f"no writer was killed inside a transaction (seed {seed})"


def test_a_server_restart_under_load_loses_nothing_committed(pg_server, pg_desk_url, tmp_path):
    writers, per_writer = 4, 150
    url = tcp_url(pg_desk_url)
    labels = [f"r{n}" for n in range(writers)]
    processes = {
        label: spawn(tmp_path, label, "write", url, label, str(per_writer)) for label in labels
    }
    deadline = time.monotonic() + 120
    while not all(len(committed(tmp_path, label)) >= 10 for label in labels):
        assert time.monotonic() < deadline, "the writers did not start"
        assert all(p.poll() is None for p in processes.values()), "a writer ended early"
        time.sleep(0.02)
    before_restart = {label: committed(tmp_path, label) for label in labels}
    pg_server.restart()
    wait_all(processes, tmp_path, timeout=240)

    _, claims = check_desk(url)
    errors = []
    for label in labels:
        output = lines(tmp_path, label)
        errors += [line for line in output if "error" in line]
        reported = [line for line in output if "id" in line]
        # Each writer carried on to its last claim: every ref once, in order.
        assert [line["ref"] for line in reported] == [f"{label}:{i}" for i in range(per_writer)]
        check_reported(before_restart[label] + reported, claims)
    assert len(claims) == writers * per_writer  # a claim retried after a lost answer: once
    # Clients noticed the restart: a StorageError naming the connection, never the password.
    assert errors, "no writer noticed the restart"
    assert {e["error"] for e in errors} == {"claimledger.store.connection"}
    for e in errors:
        assert throwaway_postgres.SUPERUSER_PASSWORD not in e["message"]
        assert f"127.0.0.1:{pg_server.port}" in e["message"]


def desk_lock_key(url: str) -> tuple[int, int]:
    """The desk's advisory lock as pg_locks shows it (classid, objid): the 64-bit FNV-1a of
    "claimledger:" + the desk's schema (store/postgres/schema.cpp, DeskLockKey)."""
    schema = "claimledger_" + url.rsplit("desk=", 1)[1]
    key = 14695981039346656037
    for byte in ("claimledger:" + schema).encode():
        key = ((key ^ byte) * 1099511628211) % (1 << 64)
    return key >> 32, key & 0xFFFFFFFF


def test_a_writer_kept_waiting_gets_the_same_busy_error_as_on_sqlite(
    pg_server, pg_desk_url, tmp_path
):
    url = tcp_url(pg_desk_url)
    with cl.open(url, actor="alice", create=False) as wb:
        wb.add_claim("Before the lock, 12 claims were checked.", ref="before")
    # psql holds the desk's write lock in a long transaction, as a writer in the middle of a
    # long load would.
    classid, objid = desk_lock_key(url)
    key = ((classid << 32) | objid) - ((1 << 64) if classid >> 31 else 0)
    holder = subprocess.Popen(
        [
            str(pg_server.bindir / "psql"),
            "-X",
            "-q",
            "-h",
            str(pg_server.socket_dir),
            "-p",
            str(pg_server.port),
            "-U",
            "postgres",
            "-c",
            f"BEGIN; SELECT pg_advisory_xact_lock({key}); SELECT pg_sleep(300); COMMIT;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    # A SQLite file whose write lock another connection holds, for the same error there.
    path = tmp_path / "desk.ledger"
    cl.open(path, actor="alice").close()
    sqlite_holder = sqlite3.connect(path, isolation_level=None)
    try:
        held = (
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
            f"AND classid = {classid} AND objid = {objid}"
        )
        deadline = time.monotonic() + 30
        while pg_server.psql(held).strip() != "1":
            assert holder.poll() is None, holder.stderr.read().decode()
            assert time.monotonic() < deadline, "psql did not get the lock"
            time.sleep(0.05)
        sqlite_holder.execute("BEGIN IMMEDIATE")

        outcomes: dict[str, tuple[float, BaseException]] = {}

        def write(where: str, location) -> None:
            start = time.monotonic()
            try:
                with cl.open(location, actor="bob", create=False) as writer:
                    writer.add_claim("While locked, 7 claims waited.", ref="waiting")
            except BaseException as error:  # kept for the assertions below
                outcomes[where] = (time.monotonic() - start, error)

        threads = [
            threading.Thread(target=write, args=("postgres", url)),
            threading.Thread(target=write, args=("sqlite", path)),
        ]
        for thread in threads:
            thread.start()
        # Readers do not wait for writers: verify and reads go on meanwhile.
        with cl.open(url, actor="carol", create=False) as reader:
            assert reader.verify().ok
            assert [c.ref for c in reader.claims()] == ["before"]
        for thread in threads:
            thread.join(timeout=120)
            assert not thread.is_alive(), "a writer hung on a held lock"
    finally:
        # Its backend sleeps without looking at the client: end it on the server's side.
        pg_server.psql(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
            f"AND granted AND classid = {classid} AND objid = {objid}"
        )
        holder.kill()
        holder.wait()
        holder.stderr.close()
        sqlite_holder.close()

    pg_seconds, pg_error = outcomes["postgres"]
    sqlite_seconds, sqlite_error = outcomes["sqlite"]
    assert isinstance(sqlite_error, cl.StorageError)
    assert sqlite_error.id == "claimledger.store.busy"
    assert type(pg_error) is type(sqlite_error)
    assert pg_error.id == sqlite_error.id
    assert str(pg_error).startswith("[claimledger.store.busy]")
    assert throwaway_postgres.SUPERUSER_PASSWORD not in str(pg_error)
    # Both waited for the busy timeout (30 s by default) rather than failing at once.
    assert 25 <= pg_seconds < 60, pg_seconds
    assert 25 <= sqlite_seconds < 60, sqlite_seconds

    # With the lock released, the next call writes, and the desk holds nothing of the wait.
    with cl.open(url, actor="bob", create=False) as wb:
        assert [c.ref for c in wb.claims()] == ["before"]
        wb.add_claim("While locked, 7 claims waited.", ref="waiting")
        assert [c.ref for c in wb.claims()] == ["before", "waiting"]
        assert wb.verify().ok
        check_chain(wb)


if __name__ == "__main__":
    if sys.argv[1] == "write":
        run_writer(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif sys.argv[1] == "verify":
        run_reader(sys.argv[2], sys.argv[3])
    else:
        sys.exit(f"usage: {sys.argv[0]} write URL NAME COUNT | verify URL STOP_FILE")
