"""Check-worthy candidates: MB/s of article text through ``candidates()`` on one core.

What it measures
    One article text of ``--mb`` megabytes (default 20), written by this script: the
    project's sample documents (``python/claimledger/data/*.txt``: an article, a fact
    sheet, a history brief, a wire summary) interleaved with generated news sentences
    (seeded: amounts such as "about 28,500 troops", "$1.2 billion", "12%", dates and
    years, ranges, attributions, comparisons, hedges, opinion, questions, abbreviations
    and initials), in paragraphs. It is stored as one snapshot of a fresh ledger; then
    the snapshot's candidates are found ``--repeat`` times (default 3, the best run is
    reported, with the others):

    - ``core``: ``wb._core.candidates(hash)``, the C++ path the public method calls:
      reading the snapshot's bytes, the UTF-8 check, ``SplitSentences``, the word
      features, ``ParseQuantities`` on sentences that hold a number, the scores and the
      spans in code points (the GIL is released; one thread, so one core), then the
      binding's rows (tuples). Timed with Python's cyclic garbage collector paused, as
      the public method runs it. MB/s = text bytes / seconds.
    - ``public``: ``wb.candidates(hash)``, what a user calls: the same plus the
      ``Candidate`` and ``Quantity`` objects and the sort by score.

    Each row shows the best run's wall time and CPU time (``time.process_time``: the one
    busy thread) and MB/s from each; on a shared machine the wall time includes waiting
    for a core, so MB per CPU second is the steadier figure.

The peer
    ``plain Python``: a regular-expression sentence splitter (a full stop, "!" or "?",
    closing quotes, white space, then a capital or an opening quote), with no
    abbreviations, features or quantities: far less work, shown for scale.

Target (issue 7): at least 20 MB/s of article text on one core, for the C++ analysis: the
``core`` row (which also pays for handing every result to Python as tuples). The ``public``
row is reported beside it: what building a Python object for every sentence and every
number adds. A timing never fails the run.

Reproduce (after ``make venv``):
    .venv/bin/python bench/bench_candidates.py             # 20 MB, best of 3
    .venv/bin/python bench/bench_candidates.py --mb 1      # smoke run, about 2 s
    .venv/bin/python bench/bench_candidates.py --mb 1 --json
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import random
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "python" / "claimledger" / "data"
TARGET_MB_S = 20.0

PEOPLE = ["Kim Jong Un", "Gen. Paul LaCamera", "Dr. Ana Ruiz", "J. R. Miller", "Mr. Lee"]
PLACES = ["South Korea", "the U.S.", "Ukraine", "Brazil", "the E.U.", "Texas", "Ohio"]
UNITS = ["troops", "people", "jobs", "homes", "tonnes", "cases", "students", "votes"]
MONTHS = ["Jan.", "March", "October", "Dec.", "June"]


def _amount(rng: random.Random) -> str:
    n = rng.choice([rng.randint(2, 99), rng.randint(100, 999), rng.randint(1_000, 999_999)])
    return rng.choice(
        [
            f"{n:,}",
            f"about {n:,} {rng.choice(UNITS)}",
            f"${rng.randint(1, 99)}.{rng.randint(1, 9)} billion",
            f"{rng.randint(1, 60)}%",
            f"between {n} and {n * 2}",
            f"hundreds of thousands of {rng.choice(UNITS)}",
            f"{rng.choice(['two', 'three', 'seven'])} {rng.choice(UNITS)}",
        ]
    )


def _sentence(rng: random.Random) -> str:
    who, where = rng.choice(PEOPLE), rng.choice(PLACES)
    year = rng.randint(1950, 2025)
    return rng.choice(
        [
            f"{who} said {where} had {_amount(rng)} in {year}.",
            f"According to officials, {_amount(rng)} were counted in {where} from 1950 to 1953.",
            f"The budget rose to {_amount(rng)} on {rng.randint(1, 28)} {rng.choice(MONTHS)} "
            f"{year}, more than in the 1990s.",
            f"It was the largest increase since {year}, the ministry reported.",
            "Critics described the plan as a theatrical gesture.",
            f"I think this is a remarkable moment for {where}.",
            f"Prices might fall, perhaps by {_amount(rng)}, analysts said.",
            f"Will {where} ever recover?",
            f"The U.S. Army deployed {_amount(rng)} near the border at 10:30 a.m. Tuesday.",
            f"Some {rng.randint(10, 90)} per cent of voters in {where} backed the measure.",
        ]
    )


def article(megabytes: float, seed: int) -> str:
    """About `megabytes` MB of article text: sample documents and generated paragraphs."""
    rng = random.Random(seed)
    samples = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))]
    parts: list[str] = []
    size, target = 0, int(megabytes * 1_000_000)
    while size < target:
        for paragraph in (
            rng.choice(samples),
            " ".join(_sentence(rng) for _ in range(rng.randint(3, 8))),
        ):
            parts.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 2
    return "\n\n".join(parts)


SPLIT = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z])")


def plain_python_split(text: str) -> list[str]:
    return [s for s in (p.strip() for p in SPLIT.split(text)) if s]


def run(args: argparse.Namespace) -> dict:
    import claimledger as cl

    text = article(args.mb, args.seed)
    size = len(text.encode("utf-8"))
    with tempfile.TemporaryDirectory(prefix="claimledger-bench-candidates-") as directory:
        wb = cl.open(Path(directory) / "candidates.ledger")
        snapshot = wb.add_snapshot(text, title="bench article")
        rows = []

        def core() -> list:
            gc.disable()  # as wb.candidates() does around the same call
            try:
                return wb._core.candidates(snapshot.hash)
            finally:
                gc.enable()

        for name, call in (
            ("core", core),
            ("public", lambda: wb.candidates(snapshot.hash)),
            ("plain Python", lambda: plain_python_split(text)),
        ):
            times, cpus, count = [], [], 0
            for _ in range(args.repeat):
                cpu, start = time.process_time(), time.perf_counter()
                count = len(call())
                times.append(time.perf_counter() - start)
                cpus.append(time.process_time() - cpu)
            best = min(range(args.repeat), key=lambda i: times[i])
            rows.append(
                {
                    "system": name,
                    "sentences": count,
                    "seconds": times[best],
                    "cpu_seconds": cpus[best],
                    "runs": times,
                    "cpu_runs": cpus,
                    "mb_per_s": size / 1e6 / times[best],
                    "mb_per_cpu_s": size / 1e6 / min(cpus),
                }
            )
        wb.close()
    core, public = rows[0], rows[1]
    return {
        "benchmark": "candidates",
        "bytes": size,
        "seed": args.seed,
        "repeat": args.repeat,
        "python": platform.python_version(),
        "results": rows,
        "target": {
            "figure": "candidates() MB/s on one core (wall; per CPU second)",
            "target": f">= {TARGET_MB_S:g} MB/s",
            **{
                f"{row['system']}{suffix}": row[key]
                for row in (core, public)
                for suffix, key in (("", "mb_per_s"), ("_cpu", "mb_per_cpu_s"))
            },
            **{
                f"{row['system']}_met{suffix}": row[key] >= TARGET_MB_S
                for row in (core, public)
                for suffix, key in (("", "mb_per_s"), ("_cpu", "mb_per_cpu_s"))
            },
        },
    }


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=20.0, help="article size in MB (20)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per system; best is shown")
    parser.add_argument("--seed", type=int, default=20241021, help="seed of the generator")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if args.mb <= 0 or args.repeat < 1:
        parser.error("--mb and --repeat must be positive")
    result = run(args)
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"candidates over {result['bytes'] / 1e6:.1f} MB of article text, best of {args.repeat}")
    print(f"  {'system':<13} {'sentences':>10} {'seconds':>8} {'CPU s':>7} {'MB/s':>7} "
          f"{'MB/CPU s':>8}  runs (wall s)")  # fmt: skip
    for r in result["results"]:
        runs = ", ".join(f"{t:.2f}" for t in r["runs"])
        print(
            f"  {r['system']:<13} {r['sentences']:>10,} {r['seconds']:>8.3f} "
            f"{r['cpu_seconds']:>7.3f} {r['mb_per_s']:>7.1f} {r['mb_per_cpu_s']:>8.1f}  {runs}"
        )
    t = result["target"]
    print(
        f"target {t['target']}, core: {t['core']:.1f} MB/s "
        f"({'met' if t['core_met'] else 'NOT met'}); {t['core_cpu']:.1f} MB per "
        f"CPU second ({'met' if t['core_met_cpu'] else 'NOT met'})"
    )
    print(
        f"for reference, public (Python objects for every sentence and number): "
        f"{t['public']:.1f} MB/s, {t['public_cpu']:.1f} MB per CPU second"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
