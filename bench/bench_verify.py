"""Benchmark: verify() on a large ledger, next to two peers measured in the same run.

- claimledger ``verify()``: every event hash and link, every snapshot's bytes, the
  projections rebuilt by replaying every event and compared with the stored tables
  (per-table digests; for a ledger file two threads each check and replay half of the
  events, then share the reading of the stored tables), and the search indexes checked
  against the texts they index; and ``verify(search_indexes=False)``, all but the last;
- the floor: ``verify_floor`` (bench/verify_floor.cpp), a C++ loop that only reads the
  event rows and SHA-256s their canonical text: no parsing, no replay;
- plain Python: the same rows read with ``sqlite3`` and re-hashed with ``json`` and
  ``hashlib``, as a notebook user would check a ledger by hand (hashes only, no replay).

Targets (issue 3): verify at least half the floor's speed and 5x plain Python.
Reproduce: ``make bench`` or, after ``make venv`` and building the floor with
``cmake -S . -B build/bench -DCLAIMLEDGER_BENCH=ON && cmake --build build/bench``:
``.venv/bin/python bench/bench_verify.py --events 1000000``
Timings are printed, never asserted. Wall seconds are what the ratios use; CPU seconds
(all threads) are printed beside them. verify() and the floor each run in a fresh process;
the plain-Python peer runs in this one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

import claimledger as cl

HERE = Path(__file__).resolve().parent
WORDS = [
    "troops",
    "army",
    "border",
    "famine",
    "treaty",
    "missile",
    "summit",
    "sanctions",
    "shells",
    "envoy",
    "parliament",
    "election",
    "budget",
    "tariff",
    "vaccine",
    "drought",
    "harvest",
    "refugees",
]


def build_ledger(path: Path, events: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with cl.open(path, actor="bench") as wb:
        sources = wb.add_sources([{"name": f"Speaker {i}", "kind": "person"} for i in range(50)])
        remaining = events - wb.event_count()
        while remaining > 0:
            batch = []
            for _ in range(min(20_000, remaining)):
                words = rng.sample(WORDS, 4)
                batch.append(
                    {
                        "text": f"About {rng.randint(2, 90)},{rng.randint(100, 999)} {words[0]} "
                        f"near the {words[1]} after the {words[2]} in {rng.randint(1950, 2024)}",
                        "claimant": rng.choice(sources),
                        "tags": rng.sample(WORDS, rng.randint(0, 2)),
                    }
                )
            wb.add_claims(batch)
            remaining -= len(batch)


def python_rehash(path: Path) -> tuple[int, float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    count = 0
    prev_hash = "sha256:" + "0" * 64
    for seq, prev, type_, at, actor, data, stored in db.execute(
        "SELECT seq, prev, type, at, actor, data, hash FROM events ORDER BY seq"
    ):
        event = {
            "seq": seq,
            "prev": prev,
            "type": type_,
            "at": at,
            "actor": actor,
            "data": json.loads(data),
        }
        text = json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        digest = "sha256:" + hashlib.sha256(text.encode()).hexdigest()
        if digest != stored or prev != prev_hash:
            raise SystemExit(f"python re-hash disagrees at seq {seq}")
        prev_hash = stored
        count += 1
    db.close()
    return count, time.perf_counter() - start, time.process_time() - cpu


def verify_worker(path: Path, search_indexes: bool) -> None:
    """Runs verify() once on `path` and prints events, wall and CPU seconds as JSON."""
    with cl.open(path, actor="bench") as wb:
        start, cpu = time.perf_counter(), time.process_time()
        report = wb.verify(search_indexes=search_indexes)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    if not report.ok:
        raise SystemExit(f"verify found problems: {report.problems[:5]}")
    print(json.dumps({"events": report.events, "seconds": seconds, "cpu_seconds": cpu}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=HERE.parent / "build" / "bench")
    parser.add_argument(
        "--floor", type=Path, default=HERE.parent / "build" / "bench" / "verify_floor"
    )
    parser.add_argument("--runs", type=int, default=1, help="rounds to run; medians are reported")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--verify-worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--without-search-indexes", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.verify_worker:
        verify_worker(args.verify_worker, not args.without_search_indexes)
        return

    args.dir.mkdir(parents=True, exist_ok=True)
    path = args.dir / f"verify-{args.events}.ledger"
    if not path.exists():
        start = time.perf_counter()
        build_ledger(path, args.events)
        print(f"built {path.name} in {time.perf_counter() - start:.1f} s")

    def children_cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    def claimledger_verify(*options: str) -> tuple[int, float, float]:
        # In a process of its own, like the floor: a fresh interpreter and heap each time.
        run = subprocess.run(
            [sys.executable, __file__, "--verify-worker", str(path), *options],
            capture_output=True,
            text=True,
            check=True,
        )
        measured = json.loads(run.stdout)
        return measured["events"], measured["seconds"], measured["cpu_seconds"]

    def floor() -> tuple[int, float, float]:
        cpu = children_cpu()
        run = subprocess.run(
            [str(args.floor), str(path)], capture_output=True, text=True, check=True
        )
        measured = json.loads(run.stdout)
        return measured["events"], measured["seconds"], children_cpu() - cpu

    peers = {
        "claimledger verify (hashes + contents + replay)": claimledger_verify,
        "  the same without the search indexes": lambda: claimledger_verify(
            "--without-search-indexes"
        ),
        "C++ floor (read + SHA-256 only)": floor,
        "plain Python (sqlite3 + json + hashlib)": lambda: python_rehash(path),
    }
    # Each round runs the three one after the other, so a busy moment of a shared machine
    # falls on all of them; each system's median over the rounds is reported.
    timings: dict[str, list[tuple[int, float, float]]] = {name: [] for name in peers}
    for _ in range(args.runs):
        for name, run in peers.items():
            timings[name].append(run())
    results = {
        name: (
            runs[0][0],
            statistics.median(s for _, s, _ in runs),
            statistics.median(c for _, _, c in runs),
        )
        for name, runs in timings.items()
    }

    rates = {name: events / seconds for name, (events, seconds, _) in results.items()}
    verify_rate = rates["claimledger verify (hashes + contents + replay)"]
    if args.json:
        print(
            json.dumps(
                {
                    name: {"events": e, "seconds": s, "cpu_seconds": c, "events_per_s": rates[name]}
                    for name, (e, s, c) in results.items()
                },
                indent=2,
            )
        )
        return
    print(
        f"{'system':<50} {'events':>10} {'seconds':>9} {'CPU s':>7} {'events/s':>11} "
        f"{'verify is':>10}"
    )
    for name, (events, seconds, cpu) in results.items():
        ratio = verify_rate / rates[name]
        print(
            f"{name:<50} {events:>10,} {seconds:>9.2f} {cpu:>7.2f} {rates[name]:>11,.0f} "
            f"{ratio:>9.2f}x"
        )


if __name__ == "__main__":
    main()
