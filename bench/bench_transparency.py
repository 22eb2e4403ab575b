"""Benchmark: the desk's Merkle tree (issue 17) on a large ledger, with its peers in one run.

- building the tree for an existing desk (the upgrade of a version-4 file, which had no
  tree): ``cl.open`` of a copy of the ledger with its tree removed and its schema version
  set back to 4, minus ``cl.open`` of the ledger itself (what opening costs anyway); next
  to the floor ``verify_floor`` (bench/verify_floor.cpp), a C++ loop that reads every event
  row and SHA-256s its canonical bytes once. Target: at most 1.5x the floor;
- an inclusion proof (``wb.prove(seq, checkpoint)``, random events under the head) and a
  consistency proof (``wb.prove_consistency(old, new)``, random pairs of the checkpoints
  signed while the ledger grew) from a warm desk: median at most 1 ms, p99 at most 5 ms;
- ``verify()``: its time, and the share of it the tree check takes, measured as the extra
  time ``verify_floor --tree`` (the same loop, also hashing each leaf and the interior nodes
  and reading the stored subtrees) needs over ``verify_floor``: a single-thread upper bound
  of what the tree adds (verify() checks the two halves of the events on two threads).
  Target: verify() at most 15% slower than it would be without the tree;
- storage: the bytes of the ``tree_nodes`` table (SQLite's dbstat) per event. Target: at
  most 70.

Reproduce (after ``make venv``; the floor is built by
``cmake -S . -B build/bench -DCLAIMLEDGER_BENCH=ON && cmake --build build/bench``):
``.venv/bin/python bench/bench_transparency.py --events 1000000``
(``--ledger PATH`` keeps the ledger and its checkpoints for a second run). Timings are
printed, never asserted. Each measured open, proof series and verify runs in a fresh process.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import claimledger as cl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_verify import build_ledger  # noqa: E402

#: The ledger grows in this many steps; a checkpoint is signed after each.
STEPS = 20


def grow(path: Path, events: int, signer: str) -> list[str]:
    """Builds the ledger in STEPS steps, signing a checkpoint after each: their texts."""
    checkpoints = []
    for step in range(1, STEPS + 1):
        build_ledger(path, max(2, events * step // STEPS), seed=step)
        with cl.open(path, actor="bench") as wb:
            checkpoints.append(wb.sign_checkpoint(signer).text)
    return checkpoints


def floor(path: Path, tree: bool) -> dict:
    program = HERE.parent / "build" / "bench" / "verify_floor"
    command = [str(program), str(path)] + (["--tree"] if tree else [])
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def without_tree(path: Path, copy: Path) -> None:
    """`copy`: the ledger as schema version 4 wrote it (no tree_nodes table)."""
    shutil.copyfile(path, copy)
    db = sqlite3.connect(copy)
    db.execute("DROP TABLE tree_nodes")
    db.execute("PRAGMA user_version = 4")
    db.commit()
    db.close()


def in_child(*args: str) -> dict:
    """Runs this script's `child` mode in a fresh process: its JSON answer."""
    command = [sys.executable, __file__, "--child", *args]
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def child(mode: str, path: str, extra: list[str]) -> dict:
    if mode == "open":
        start = time.perf_counter()
        wb = cl.open(path, actor="bench")
        seconds = time.perf_counter() - start
        events = wb.event_count()
        wb.close()
        return {"seconds": seconds, "events": events}
    if mode == "verify":
        with cl.open(path, actor="bench") as wb:
            start = time.perf_counter()
            report = wb.verify()
            return {"seconds": time.perf_counter() - start, "ok": report.ok}
    if mode == "proofs":
        checkpoints = json.loads(Path(extra[0]).read_text(encoding="utf-8"))
        samples = int(extra[1])
        rng = random.Random(11)
        head = checkpoints[-1]
        size = int(head.split("\n")[1])
        with cl.open(path, actor="bench", create=False) as wb:
            for _ in range(50):  # warm: the pages the proofs read are in the cache
                wb.prove(rng.randint(1, size), head)
            times: dict[str, list[float]] = {}
            for _ in range(samples):
                seq = rng.randint(1, size)
                timed(times, "inclusion", wb.prove, seq, head)
            for _ in range(samples):
                old, new = sorted(rng.sample(range(len(checkpoints)), 2))
                timed(
                    times, "consistency", wb.prove_consistency, checkpoints[old], checkpoints[new]
                )
        return times
    if mode == "root":
        with cl.open(path, actor="bench", create=False) as wb:
            signer, _ = cl.generate_key("bench.example/root")
            return {"root": wb.sign_checkpoint(signer).root}
    raise SystemExit(f"unknown child mode {mode}")


def timed(times: dict[str, list[float]], kind: str, call, *args) -> None:
    """Appends the wall and the CPU seconds of `call(*args)` to times[kind] and
    times[kind + "_cpu"]: on a busy machine a call's wall time includes waiting for a core."""
    start, cpu = time.perf_counter(), time.thread_time()
    call(*args)
    times.setdefault(f"{kind}_cpu", []).append(time.thread_time() - cpu)
    times.setdefault(kind, []).append(time.perf_counter() - start)


def tree_bytes(path: Path) -> int:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    (pages,) = db.execute("SELECT sum(pgsize) FROM dbstat WHERE name = 'tree_nodes'").fetchone()
    db.close()
    return int(pages or 0)


def ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=1000, help="proofs of each kind timed")
    parser.add_argument("--ledger", help="build (or reuse) the ledger here; default: temporary")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1], args.child[2:])))
        return

    with tempfile.TemporaryDirectory(prefix="bench_transparency_") as scratch:
        path = Path(args.ledger) if args.ledger else Path(scratch) / "desk.ledger"
        saved = path.with_suffix(".checkpoints.json")
        if path.exists() and saved.exists():
            checkpoints = json.loads(saved.read_text(encoding="utf-8"))
            print(f"reusing {path} and its {len(checkpoints)} checkpoints")
        else:
            signer, _ = cl.generate_key("bench.example/desk")
            start = time.perf_counter()
            checkpoints = grow(path, args.events, signer)
            saved.write_text(json.dumps(checkpoints), encoding="utf-8")
            print(f"built {path.name}: {time.perf_counter() - start:.1f} s")
        events = in_child("open", str(path))["events"]

        plain = floor(path, tree=False)
        with_tree = floor(path, tree=True)
        copy = Path(scratch) / "version4.ledger"
        without_tree(path, copy)
        upgrade = in_child("open", str(copy))
        opened = in_child("open", str(path))
        build = upgrade["seconds"] - opened["seconds"]
        root_after = in_child("root", str(copy))["root"]
        root_before = in_child("root", str(path))["root"]
        proofs = in_child("proofs", str(path), str(saved), str(args.samples))
        verified = in_child("verify", str(path))
        stored = tree_bytes(path)

        tree_cost = max(0.0, with_tree["seconds"] - plain["seconds"])
        share = tree_cost / max(1e-9, verified["seconds"] - tree_cost)
        print(f"events: {events:,}; checkpoints signed while it grew: {len(checkpoints)}")
        print(
            f"tree build (upgrade from version 4): {build:.2f} s (open of the version-4 copy "
            f"{upgrade['seconds']:.2f} s - open of the ledger {opened['seconds']:.2f} s); "
            f"floor (read + SHA-256 each event) {plain['seconds']:.2f} s; "
            f"ratio {build / plain['seconds']:.2f} (target <= 1.5); same root as before: "
            f"{root_after == root_before}"
        )
        for kind in ("inclusion", "consistency"):
            times, cpu = proofs[kind], proofs[f"{kind}_cpu"]
            print(
                f"{kind} proof: median {1000 * statistics.median(times):.3f} ms, "
                f"p99 {ms(times, 0.99):.3f} ms over {len(times)} (targets 1 ms, 5 ms); "
                f"CPU time median {1000 * statistics.median(cpu):.3f} ms, "
                f"p99 {ms(cpu, 0.99):.3f} ms"
            )
        print(
            f"verify(): {verified['seconds']:.2f} s (ok {verified['ok']}); the tree check's "
            f"cost at most {tree_cost:.2f} s (floor --tree {with_tree['seconds']:.2f} s - "
            f"floor {plain['seconds']:.2f} s): verify() at most {100 * share:.1f}% slower "
            "than without the tree (target <= 15%)"
        )
        print(
            f"storage: tree_nodes {stored:,} bytes, {stored / events:.1f} bytes/event "
            "(target <= 70)"
        )


if __name__ == "__main__":
    main()
