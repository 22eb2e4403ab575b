"""Benchmark: export a large ledger as a bundle and import it into a new ledger.

Measures events per second and the peak memory of each direction, each in its own
process (so ``ru_maxrss`` is that direction's alone), on the ledger that
bench/bench_verify.py builds (default 1,000,000 events). Import re-checks every line's
canonical form, hash, link and snapshot bytes and applies every event to the tables, so
it is compared with verify() on the same ledger, measured in the same run.

Reproduce: ``make bench`` or ``.venv/bin/python bench/bench_bundle.py --events 1000000``
(after ``make venv``). Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _worker(direction: str, ledger: Path, bundle: Path, target: Path) -> None:
    import claimledger as cl

    start = time.perf_counter()
    if direction == "export":
        with cl.open(ledger, create=False) as wb:
            head = wb.export_bundle(bundle)
    elif direction == "import":
        with cl.open(target) as wb:
            head = wb.import_bundle(bundle)
    else:
        with cl.open(ledger, create=False) as wb:
            report = wb.verify()
            assert report.ok
            head = wb.checkpoint()
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps({"events": head.seq, "seconds": seconds, "peak_mb": peak_mb, "hash": head.hash})
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=HERE.parent / "build" / "bench")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--ledger", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--bundle", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--target", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(args.worker, args.ledger, args.bundle, args.target)
        return

    args.dir.mkdir(parents=True, exist_ok=True)
    ledger = args.dir / f"verify-{args.events}.ledger"
    if not ledger.exists():  # the same ledger bench_verify.py measures
        sys.path.insert(0, str(HERE))
        from bench_verify import build_ledger

        build_ledger(ledger, args.events)
    bundle = args.dir / f"bundle-{args.events}.jsonl"
    target = args.dir / f"imported-{args.events}.ledger"
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)

    results = {}
    for direction in ("export", "import", "verify"):
        run = subprocess.run(
            [
                sys.executable,
                __file__,
                "--worker",
                direction,
                "--ledger",
                str(ledger),
                "--bundle",
                str(bundle),
                "--target",
                str(target),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        results[direction] = json.loads(run.stdout)
    assert results["export"]["hash"] == results["import"]["hash"], "the chain differs"
    results["bundle_mb"] = bundle.stat().st_size / 1e6
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"bundle of {results['export']['events']:,} events, {results['bundle_mb']:.0f} MB")
    print(f"{'direction':<34} {'seconds':>8} {'events/s':>10} {'peak MB':>8}")
    names = {
        "export": "export_bundle",
        "import": "import_bundle (checks + applies)",
        "verify": "verify() (same ledger, peer)",
    }
    for direction in ("export", "import", "verify"):
        r = results[direction]
        print(
            f"{names[direction]:<34} {r['seconds']:>8.2f} {r['events'] / r['seconds']:>10,.0f} "
            f"{r['peak_mb']:>8.0f}"
        )


if __name__ == "__main__":
    main()
