"""A desk on a PostgreSQL server: bulk load, concurrent writers and verify(), in one run.

What it measures
    1. Bulk load: the synthetic set of bench_load.py (``--claims`` N, default 1,000,000, in
       batches of ``--batch`` 10,000, about 5,000 claimants; the same generator, records and
       load code, imported from bench_load.py) loaded three ways, each in its own
       subprocess: into a new desk on the PostgreSQL server, into a new SQLite ledger file,
       and by bench_load.py's peer (``sqlite-utils`` + ``hashlib``, WAL, synchronous=FULL).
       Claims per second leave out the generator's own time, as in bench_load.py. CPU is the
       loading process's own (``getrusage``) and, for PostgreSQL, the server's: the CPU time
       of the postmaster and of every process it started (backends, WAL writer,
       checkpointer), read from /proc before and after.
    2. Concurrent writers: 1, 2, 4 and 8 processes (``--writers``) on a new desk each, each
       adding claims one ``wb.add_claim`` a call (a synthetic record with claimant, tags,
       date, context and a verdict: two events, one transaction) for ``--seconds`` (15),
       after 5 warm-up calls each and a common start. Total claims per second (all writers'
       claims over the time from the start to the last writer's end) and the p50/p99 of one
       call's latency over every call of every writer. The same on a SQLite file, for
       reference. ``--writers-desk N`` starts each round's desk with N claims of the
       synthetic set (added in batches beforehand, not timed): a grown desk, whose crowded
       near-duplicate buckets an empty one does not have. ``--writer-texts LIAR_DIR`` gives
       the writers' claims the texts of LIAR's statements (real claims, whose words are as
       varied as a desk's) in place of the synthetic ones, which are made of a few dozen
       words, so that each near-duplicate bucket and each rare word holds many claims.
    3. verify(): ``wb.verify()`` (everything: chain, contents, tables, search indexes) on
       the desk and the file loaded in 1, in events per second, in a process of its own.

The server
    By default a throwaway server of its own (tests/pg_server.py: ``initdb`` in a temporary
    folder, listening on 127.0.0.1 and a Unix socket, removed at the end; the loads connect
    over TCP with a password), with these settings changed by ALTER SYSTEM and a restart:
    ``shared_buffers = 1GB`` (initdb's 128MB holds little of a 1,000,000-claim desk),
    ``max_wal_size = 8GB`` and ``checkpoint_timeout = 30min`` (with 1GB a load of that size
    checkpoints every few seconds, each writing every changed page again), ``wal_buffers =
    64MB`` (the default, 16MB with 1GB of shared buffers, fills during a batch's COPY, and the
    backend then writes the WAL out itself instead of the WAL writer beside it). Never
    ``fsync = off`` or ``synchronous_commit = off``: every commit is on disk before it
    returns. ``--untuned`` keeps initdb's settings. ``--url postgresql://USER:PW@HOST:PORT/DB``
    uses a server of yours instead: the run makes desks named ``bench<pid>_...`` there and
    leaves them; the server's CPU is not measured then.

Targets (issue 16, "Performance"): the PostgreSQL load at least 1x the peer's claims/s;
with 8 writers, total claims/s at least that of 1 writer (no collapse under contention) and
p99 of one ``add_claim`` at most 50 ms. Each is printed with "met" or "NOT met"; a timing
never fails the run (exit status 0 unless something is broken: a wrong count, a failed
verify).

Reproduce (after ``make venv`` and ``.venv/bin/pip install -q '.[bench]'``; PostgreSQL's
server programs from Debian's ``postgresql`` package, as ``make test`` installs them):
    .venv/bin/python bench/bench_server.py                              # 1,000,000 claims
    .venv/bin/python bench/bench_server.py --claims 20000 --seconds 5   # smoke run, ~2 min
    .venv/bin/python bench/bench_server.py --claims 20000 --json        # the same as JSON
    .venv/bin/python bench/bench_server.py --skip-load --writers-desk 20000  # writers, grown desk
    .venv/bin/python bench/bench_server.py --skip-load --writer-texts ../shared/data/liar
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterator, Optional

import bench_load as load

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import pg_server as throwaway_postgres  # tests/pg_server.py

WRITER_LEVELS = (1, 2, 4, 8)
WARM_UP_CALLS = 5
TUNING = {
    "shared_buffers": "1GB",
    "max_wal_size": "8GB",
    "checkpoint_timeout": "30min",
    "wal_buffers": "64MB",
}
TARGET_LOAD_RATIO = 1.0
TARGET_P99_MS = 50.0


# --- CPU of the server's processes ---------------------------------------------------------


def server_cpu_reader(postmaster: int) -> Callable[[], float]:
    """A function giving the CPU seconds used so far by the server: the postmaster (with the
    children it has reaped) and each process it started that is still running."""
    ticks = os.sysconf("SC_CLK_TCK")

    def read() -> float:
        total = 0
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat") as stream:
                    stat = stream.read()
            except OSError:  # ended meanwhile
                continue
            fields = stat[stat.rindex(")") + 2 :].split()  # from field 3 (state) on
            ppid, times = int(fields[1]), [int(f) for f in fields[11:15]]
            if int(entry.name) == postmaster:
                total += sum(times)  # utime, stime, cutime, cstime
            elif ppid == postmaster:
                total += times[0] + times[1]
        return total / ticks

    return read


def _other_cpu(job: dict) -> Optional[Callable[[], float]]:
    """The server's CPU reader for a job on the server (when it is this machine's)."""
    on_server = str(job.get("location", "")).startswith("postgresql://")
    return server_cpu_reader(job["postmaster"]) if on_server and job.get("postmaster") else None


# --- the workers (each in a process of its own) ---------------------------------------------


def _load_args(job: dict) -> argparse.Namespace:
    return argparse.Namespace(**{k: job[k] for k in ("claims", "batch", "seed", "claimants")})


def work_load(job: dict) -> dict:
    """One bulk load: bench_load.py's claimledger load into job["location"] (a URL or a file
    path) or its peer (job["location"] None, into job["dir"])."""
    directory = Path(job["dir"])
    if job["system"] == "peer":
        return load.peer_synthetic(_load_args(job), directory)
    location = job["location"]
    if not location.startswith("postgresql://"):
        return load.claimledger_synthetic(_load_args(job), Path(location).parent)
    return load.claimledger_synthetic(
        _load_args(job), directory, location=location, other_cpu=_other_cpu(job)
    )


def work_verify(job: dict) -> dict:
    import claimledger as cl

    other_cpu = _other_cpu(job)
    with cl.open(job["location"], actor=load.ACTOR, create=False) as wb:
        other = other_cpu() if other_cpu else 0.0
        cpu, start = load._cpu_s(), time.perf_counter()
        report = wb.verify()
        seconds, cpu = time.perf_counter() - start, load._cpu_s() - cpu
        other = other_cpu() - other if other_cpu else None
    if not report.ok:
        raise RuntimeError(f"verify() found problems: {report.problems[:5]}")
    return {
        "events": report.events,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "other_cpu_seconds": other,
        "peak_rss_mb": load._peak_rss_mb(),
    }


def work_writer(job: dict) -> dict:
    """One of the concurrent writers: warms up, says "ready", waits for the start time (a
    line on stdin), then adds claims one call at a time until the end time."""
    import warnings

    import claimledger as cl

    # Near duplicates are still looked for (that is part of add_claim); only not printed.
    warnings.simplefilter("ignore", cl.NearDuplicateWarning)
    number = job["number"]
    wb = cl.open(job["location"], actor=f"writer{number}", create=False)
    sources = {s.ref: s.id for s in wb.sources()}  # the claimants, added beforehand
    records = load.synthetic_batches(1 << 62, 1, job["seed"] + 1000 + number, job["claimants"])
    texts = writer_texts(job["writer_texts"], number, job["writers"])

    def add_one() -> float:
        r = next(records)[0]
        if texts is not None:
            r["text"] = next(texts)
        record = load.claim_record(r, sources[load.source_record(r["claimant"])["ref"]])
        record["ref"] = f"writer{number}:{r['ref']}"
        start = time.perf_counter()
        wb.add_claim(**record)
        return time.perf_counter() - start

    for _ in range(WARM_UP_CALLS):
        add_one()
    print("ready", flush=True)
    start_at = float(sys.stdin.readline())
    time.sleep(max(0.0, start_at - time.time()))
    end_at = start_at + job["seconds"]
    cpu = load._cpu_s()
    latencies = []
    while time.time() < end_at:
        latencies.append(add_one())
    finished = time.time()
    cpu = load._cpu_s() - cpu
    wb.close()
    return {"latencies": latencies, "finished": finished, "cpu_seconds": cpu}


def writer_texts(liar_dir: Optional[str], number: int, writers: int) -> Optional[Iterator[str]]:
    """The texts of writer `number` of `writers` with --writer-texts: every writers-th statement
    of LIAR's three files from the number-th, then all of them again with " (again N)" added,
    so that no two claims of a round have the same text; None without --writer-texts."""
    if liar_dir is None:
        return None
    statements = [
        claim["text"]
        for file in load._liar_files(Path(liar_dir))
        for _, claim in load._peer_liar_rows(file, "")
    ][number::writers]
    return itertools.chain(
        statements,
        (f"{text} (again {n})" for n in itertools.count(1) for text in statements),
    )


WORKERS = {"load": work_load, "verify": work_verify, "writer": work_writer}


def _worker_command(kind: str, job: dict) -> list[str]:
    return [sys.executable, os.path.abspath(__file__), "--worker", kind, "--job", json.dumps(job)]


def run_worker(kind: str, job: dict) -> dict:
    done = subprocess.run(_worker_command(kind, job), check=False, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"bench_server: the {kind} worker failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the parts of the run --------------------------------------------------------------------


def bulk_load(args: argparse.Namespace, places: dict, base: dict) -> dict:
    runs = {}
    for name, location in (
        ("postgresql", places["pg_load"]),
        ("sqlite", places["sqlite_load"]),
        ("peer", None),
    ):
        job = dict(base, system=name, location=location, dir=str(places["dir"]))
        runs[name] = run_worker("load", job)
        if runs[name]["claims"] != args.claims:
            raise SystemExit(f"bench_server: the {name} load added {runs[name]['claims']} claims")
        log(f"load into {name}: {runs[name]['seconds']:.1f} s")
    peer_rate = args.claims / runs["peer"]["seconds"]
    for run in runs.values():
        run["claims_per_s"] = args.claims / run["seconds"]
        run["ratio"] = run["claims_per_s"] / peer_rate
    return runs


def verify_both(places: dict, base: dict) -> dict:
    runs = {}
    for name, location in (("postgresql", places["pg_load"]), ("sqlite", places["sqlite_load"])):
        runs[name] = run_worker("verify", dict(base, location=location))
        runs[name]["events_per_s"] = runs[name]["events"] / runs[name]["seconds"]
        log(f"verify on {name}: {runs[name]['seconds']:.1f} s")
    if runs["postgresql"]["events"] != runs["sqlite"]["events"]:
        raise SystemExit("bench_server: the two desks hold different numbers of events")
    runs["postgresql"]["ratio"] = (
        runs["postgresql"]["events_per_s"] / runs["sqlite"]["events_per_s"]
    )
    runs["sqlite"]["ratio"] = 1.0
    return runs


def new_writers_desk(args: argparse.Namespace, location: str) -> None:
    """Creates the desk of a writers' round at `location`, with the synthetic claimants and
    --writers-desk claims of the synthetic set (in batches of --batch)."""
    import claimledger as cl

    with cl.open(location, actor=load.ACTOR, scale="politifact") as wb:
        ids = wb.add_sources(load.source_record(n) for n in range(args.claimants))
        if args.writers_desk:
            for batch in load.synthetic_batches(
                args.writers_desk, args.batch, args.seed, args.claimants
            ):
                wb.add_claims(load.claim_record(r, ids[r["claimant"]]) for r in batch)


def writers_round(args: argparse.Namespace, location: str, count: int, base: dict) -> dict:
    """`count` writer processes on the desk at `location`; their pooled figures."""
    job = dict(base, location=location, seconds=args.seconds, writers=count)
    processes = [
        subprocess.Popen(
            _worker_command("writer", dict(job, number=n)),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(count)
    ]
    for process in processes:
        if process.stdout.readline().strip() != "ready":
            raise SystemExit(f"bench_server: a writer failed to start (exit {process.wait()})")
    start_at = time.time() + 0.5
    for process in processes:
        process.stdin.write(f"{start_at!r}\n")
        process.stdin.flush()
    results = []
    for process in processes:
        out, _ = process.communicate()
        if process.returncode != 0:
            raise SystemExit(f"bench_server: a writer failed (exit {process.returncode})")
        results.append(json.loads(out.strip().splitlines()[-1]))
    latencies = [x for r in results for x in r["latencies"]]
    seconds = max(r["finished"] for r in results) - start_at
    return {
        "writers": count,
        "claims": len(latencies),
        "seconds": seconds,
        "claims_per_s": len(latencies) / seconds,
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * load._percentile(latencies, 0.99),
        "max_ms": 1000 * max(latencies),
        "writer_cpu_seconds": sum(r["cpu_seconds"] for r in results),
    }


def concurrent_writers(args: argparse.Namespace, places: dict, base: dict) -> dict:
    rounds: dict[str, list[dict]] = {}
    for store in args.writer_stores:
        rounds[store] = []
        for count in args.writers:
            if store == "postgresql":
                location = places["pg_url"](f"w{count}")
            else:
                location = str(places["dir"] / f"writers{count}.ledger")
            new_writers_desk(args, location)
            other_cpu = _other_cpu(dict(base, location=location))
            other = other_cpu() if other_cpu else 0.0
            result = writers_round(args, location, count, base)
            result["server_cpu_seconds"] = other_cpu() - other if other_cpu else None
            rounds[store].append(result)
            log(
                f"{count} writer(s) on {store}: {result['claims_per_s']:.0f} claims/s, "
                f"p99 {result['p99_ms']:.1f} ms"
            )
        first = rounds[store][0]["claims_per_s"]
        for result in rounds[store]:
            result["vs_first"] = result["claims_per_s"] / first
    return rounds


# --- where the time goes (--profile) ---------------------------------------------------------

_LOGGED = re.compile(r"duration: ([0-9.]+) ms  (statement|execute|parse|bind)[^:]*: (.*)")
_OURS = ("ALTER SYSTEM", "SELECT pg_reload_conf")  # the profiler's own statements


def statement_times(log_text: str) -> dict[str, list]:
    """[calls, seconds] of each statement in the server's log (log_min_duration_statement =
    0): a COPY by its table, a prepared statement's parse and bind apart from its execution."""
    totals: dict[str, list] = {}
    for line in log_text.splitlines():
        found = _LOGGED.search(line)
        if not found or found[3].startswith(_OURS):
            continue
        sql = found[3].split("(")[0] + "FROM STDIN" if found[3].startswith("COPY ") else found[3]
        key = f"({found[2]}) {sql}" if found[2] in ("parse", "bind") else sql
        entry = totals.setdefault(key, [0, 0.0])
        entry[0] += 1
        entry[1] += float(found[1]) / 1000
    return totals


def profiled(server: throwaway_postgres.Server, run: Callable[[], dict]) -> dict:
    """run() with every statement's duration logged by the server; its result gains
    "statements" (statement_times)."""
    log_file = Path(server.folder) / "server.log"
    settings = {"log_min_duration_statement": "0", "log_parameter_max_length": "0"}
    for name, value in settings.items():
        server.psql(f"ALTER SYSTEM SET {name} = {value}")
    server.psql("SELECT pg_reload_conf()")
    time.sleep(1)  # the server's processes read their settings again
    start = log_file.stat().st_size
    try:
        outcome = run()
    finally:
        for name in settings:
            server.psql(f"ALTER SYSTEM RESET {name}")
        server.psql("SELECT pg_reload_conf()")
    with log_file.open("rb") as stream:
        stream.seek(start)
        outcome["statements"] = statement_times(stream.read().decode("utf-8", "replace"))
    return outcome


def profile(args: argparse.Namespace, server, places: dict, base: dict) -> dict:
    """The load of --claims into a new desk, then one writer for --seconds, each with every
    statement's duration from the server's log."""
    job = dict(base, system="postgresql", location=places["pg_load"], dir=str(places["dir"]))
    loaded = profiled(server, lambda: run_worker("load", job))
    log(f"profiled load: {loaded['seconds']:.1f} s")
    location = places["pg_url"]("profile")
    new_writers_desk(args, location)
    writer = profiled(server, lambda: writers_round(args, location, 1, base))
    writer["calls"] = writer["claims"] + WARM_UP_CALLS
    log(f"profiled writer: {writer['claims']} claims")
    return {"load": loaded, "writer": writer}


def print_profile(result: dict) -> None:
    loaded, writer = result["profile"]["load"], result["profile"]["writer"]
    for title, run, per, unit in (
        (
            f"where the load's time goes: {loaded['claims']:,} claims in "
            f"{loaded['seconds']:.1f} s, CPU {_cpu_text(loaded)} s; the server's time "
            "per statement (log_min_duration_statement = 0)",
            loaded,
            1,
            "s",
        ),
        (
            f"where one add_claim's time goes: 1 writer, {writer['calls']:,} calls (with "
            f"{WARM_UP_CALLS} warm-up calls), p50 {writer['p50_ms']:.1f} ms, p99 "
            f"{writer['p99_ms']:.1f} ms; CPU per call: writer "
            f"{1000 * writer['writer_cpu_seconds'] / writer['calls']:.2f} ms; the server's "
            "time per statement",
            writer,
            writer["calls"],
            "ms",
        ),
    ):
        print(title)
        scale = 1.0 if unit == "s" else 1000.0
        print(f"  {'calls':>9} {unit + ' in all' if unit == 's' else 'ms a call':>9}  statement")
        rows = sorted(run["statements"].items(), key=lambda kv: -kv[1][1])
        for sql, (calls, seconds) in rows[:25]:
            print(f"  {calls / per:>9,.2f} {scale * seconds / per:>9.3f}  {sql[:110]}")
        total = sum(seconds for _, seconds in run["statements"].values())
        print(f"  {'':>9} {scale * total / per:>9.3f}  all statements")
        whole = run["seconds"] / (run["claims"] if unit == "ms" else 1)
        print(f"  {'':>9} {scale * whole:>9.3f}  the whole (wall time; the rest is the client)")


# --- the server ------------------------------------------------------------------------------


def start_server(args: argparse.Namespace, folder: Path) -> throwaway_postgres.Server:
    server = throwaway_postgres.Server(folder / "postgres")
    server.start()
    if not args.untuned:
        for name, value in TUNING.items():
            server.psql(f"ALTER SYSTEM SET {name} = '{value}'")
        server.restart()
    return server


def server_settings(server: Optional[throwaway_postgres.Server]) -> dict:
    if server is None:
        return {}
    names = [*TUNING, "fsync", "synchronous_commit", "wal_level", "server_version"]
    quoted = ", ".join(f"'{n}'" for n in names)
    rows = server.psql(
        f"SELECT name, current_setting(name) FROM pg_settings WHERE name IN ({quoted}) ORDER BY 1"
    )
    return dict(row.split("|", 1) for row in rows.splitlines())


# --- output ----------------------------------------------------------------------------------


def log(message: str) -> None:
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def targets(result: dict) -> list[dict]:
    rows = []
    if "load" in result:
        ratio = result["load"]["postgresql"]["ratio"]
        rows.append(
            {
                "figure": f"load ({result['claims']:,} claims): PostgreSQL / sqlite-utils claims/s",
                "value": f"{ratio:.2f}x",
                "target": f">= {TARGET_LOAD_RATIO:g}x",
                "met": ratio >= TARGET_LOAD_RATIO,
            }
        )
    pg = result.get("writers", {}).get("postgresql", [])
    if len(pg) > 1:
        last = pg[-1]
        rows.append(
            {
                "figure": f"{last['writers']} writers / {pg[0]['writers']} writer, total claims/s",
                "value": f"{last['vs_first']:.2f}x",
                "target": ">= 1x",
                "met": last["vs_first"] >= 1.0,
            }
        )
    for r in pg:
        rows.append(
            {
                "figure": f"p99 of one add_claim, {r['writers']} writer(s)",
                "value": f"{r['p99_ms']:.1f} ms",
                "target": f"<= {TARGET_P99_MS:g} ms",
                "met": r["p99_ms"] <= TARGET_P99_MS,
            }
        )
    return rows


def _cpu_text(run: dict) -> str:
    other = run.get("other_cpu_seconds")
    if other is None:
        return f"{run['cpu_seconds']:.1f}"
    return f"{run['cpu_seconds'] + other:.1f} ({run['cpu_seconds']:.1f} + {other:.1f})"


def print_report(result: dict) -> None:
    print(f"claimledger on PostgreSQL, {result['date']}: {result['server']}")
    if result.get("settings"):
        print("  server settings: " + ", ".join(f"{k}={v}" for k, v in result["settings"].items()))
    if "load" in result:
        runs = result["load"]
        print(
            f"bulk load: {result['claims']:,} synthetic claims in batches of {result['batch']:,} "
            f"(bench_load.py's); seconds leave out the shared generator "
            f"({runs['postgresql']['generator_seconds']:.1f} s)"
        )
        print(
            f"  {'system':<28} {'seconds':>8} {'claims/s':>9} {'ratio':>6}  "
            f"{'CPU s (client + server)':<26} {'peak RSS':>8}"
        )
        names = {
            "postgresql": "claimledger, PostgreSQL",
            "sqlite": "claimledger, SQLite file",
            "peer": "sqlite-utils + hashlib",
        }
        for key, name in names.items():
            run = runs[key]
            print(
                f"  {name:<28} {run['seconds']:>8.1f} {run['claims_per_s']:>9,.0f} "
                f"{run['ratio']:>5.2f}x  {_cpu_text(run):<26} {run['peak_rss_mb']:>5.0f} MB"
            )
    for store, rounds in result.get("writers", {}).items():
        print(
            f"concurrent writers on {store}: one add_claim a call for {result['seconds']:g} s "
            f"after {WARM_UP_CALLS} warm-up calls each, a new desk of "
            f"{result['writers_desk']:,} claims each round, the texts "
            f"{result['writer_texts']}"
        )
        print(
            f"  {'writers':>7} {'claims':>7} {'claims/s':>9} {'vs 1':>5} {'p50 ms':>7} "
            f"{'p99 ms':>7} {'max ms':>7} {'CPU s (writers + server)':>25}"
        )
        for r in rounds:
            server = r["server_cpu_seconds"]
            cpu = f"{r['writer_cpu_seconds']:.1f}" + (
                f" + {server:.1f}" if server is not None else ""
            )
            print(
                f"  {r['writers']:>7} {r['claims']:>7,} {r['claims_per_s']:>9,.0f} "
                f"{r['vs_first']:>4.2f}x {r['p50_ms']:>7.1f} {r['p99_ms']:>7.1f} "
                f"{r['max_ms']:>7.1f} {cpu:>25}"
            )
    if "verify" in result:
        print("verify() of the loaded desk (chain, contents, tables, search indexes)")
        print(f"  {'store':<12} {'events':>10} {'seconds':>8} {'events/s':>9} {'ratio':>6}  CPU s")
        for store, run in result["verify"].items():
            print(
                f"  {store:<12} {run['events']:>10,} {run['seconds']:>8.1f} "
                f"{run['events_per_s']:>9,.0f} {run['ratio']:>5.2f}x  {_cpu_text(run)}"
            )
    load.print_targets("targets (issue 16):", result["targets"])


# --- driver -----------------------------------------------------------------------------------


def _levels(text: str) -> list[int]:
    levels = [int(n) for n in text.split(",") if n]
    if not levels or min(levels) < 1:
        raise argparse.ArgumentTypeError("a comma-separated list of positive numbers")
    return levels


def _stores(text: str) -> list[str]:
    stores = [s for s in text.split(",") if s]
    if not set(stores) <= {"postgresql", "sqlite"}:
        raise argparse.ArgumentTypeError("postgresql and/or sqlite, comma-separated")
    return stores


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000, help="claims loaded (1000000)")
    parser.add_argument("--batch", type=int, default=10_000, help="claims per load batch")
    parser.add_argument("--claimants", type=int, default=5_000, help="synthetic claimants")
    parser.add_argument("--seed", type=int, default=20241021, help="seed of the generator")
    parser.add_argument(
        "--writers", type=_levels, default=list(WRITER_LEVELS), help="writer counts (1,2,4,8)"
    )
    parser.add_argument(
        "--writer-stores",
        type=_stores,
        default=["postgresql", "sqlite"],
        help="stores of the writers' rounds (postgresql,sqlite)",
    )
    parser.add_argument("--seconds", type=float, default=15.0, help="length of a writers' round")
    parser.add_argument(
        "--writers-desk",
        type=int,
        default=0,
        help="claims of the synthetic set on each writers' desk before its round (0)",
    )
    parser.add_argument(
        "--writer-texts",
        type=Path,
        metavar="LIAR_DIR",
        help="the writers' claims take the texts of LIAR's statements (the three files in this "
        "folder) instead of the synthetic set's",
    )
    parser.add_argument("--skip-load", action="store_true", help="no bulk load (and no verify)")
    parser.add_argument("--skip-writers", action="store_true", help="no concurrent writers")
    parser.add_argument("--skip-verify", action="store_true", help="no verify()")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="only where the time goes: the load of --claims and one writer for --seconds, "
        "with every statement's duration from the server's log (own server only)",
    )
    parser.add_argument("--url", help="a server of yours: postgresql://USER:PW@HOST:PORT/DB")
    parser.add_argument("--untuned", action="store_true", help="keep initdb's server settings")
    parser.add_argument(
        "--dir", type=Path, help="where the files and the server go (default: a temporary folder)"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    parser.add_argument("--job", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(WORKERS[args.worker](json.loads(args.job))), flush=True)
        return 0
    if args.claims < 1 or args.batch < 1 or args.claimants < 1 or args.seconds <= 0:
        parser.error("--claims, --batch, --claimants and --seconds must be positive")
    if args.writers_desk < 0:
        parser.error("--writers-desk must be 0 or more")
    if args.writer_texts is not None and load._liar_files(args.writer_texts) is None:
        files = ", ".join(load.LIAR_FILES)
        parser.error(f"--writer-texts: {args.writer_texts} does not hold {files}")

    folder = Path(tempfile.mkdtemp(prefix="claimledger-bench-server-", dir=args.dir))
    folder.chmod(0o755)  # the server runs as the postgres user when this runs as root
    server = None
    try:
        if args.url:
            base_url, postmaster = args.url, None
        else:
            log("starting a throwaway PostgreSQL server")
            server = start_server(args, folder)
            password = throwaway_postgres.SUPERUSER_PASSWORD
            base_url = server.url(password=password, tcp=True)
            postmaster = int((server.data / "postmaster.pid").read_text().split()[0])
        prefix = f"bench{os.getpid()}_"
        places = {
            "dir": folder,
            "pg_url": lambda name: (
                base_url + ("&" if "?" in base_url else "?") + f"desk={prefix}{name}"
            ),
            "sqlite_load": str(folder / "sqlite" / "synthetic.ledger"),
        }
        places["pg_load"] = places["pg_url"]("load")
        (folder / "sqlite").mkdir()
        base = {
            "claims": args.claims,
            "batch": args.batch,
            "seed": args.seed,
            "claimants": args.claimants,
            "postmaster": postmaster,
            "writer_texts": str(args.writer_texts) if args.writer_texts else None,
        }
        result: dict = {
            "benchmark": "server",
            "date": datetime.date.today().isoformat(),
            "server": "a throwaway server (tests/pg_server.py)" if server else "--url",
            "settings": server_settings(server),
            "machine": {
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "sqlite": sqlite3.sqlite_version,
            },
            "claims": args.claims,
            "batch": args.batch,
            "seconds": args.seconds,
            "writers_desk": args.writers_desk,
            "writer_texts": "LIAR's statements" if args.writer_texts else "synthetic",
        }
        if args.profile:
            if server is None:
                parser.error("--profile needs the benchmark's own server (no --url)")
            result["profile"] = profile(args, server, places, base)
            args.skip_load = args.skip_writers = True
        if not args.skip_load:
            result["load"] = bulk_load(args, places, base)
            for peer_file in folder.glob("synthetic-peer.sqlite*"):
                peer_file.unlink()  # the peer's file is not read again
            if not args.skip_verify:
                result["verify"] = verify_both(places, base)
        if not args.skip_writers:
            result["writers"] = concurrent_writers(args, places, base)
        result["targets"] = targets(result)
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        print(json.dumps(result, indent=2))
    elif args.profile:
        print_profile(result)
    else:
        print_report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
