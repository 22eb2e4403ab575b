"""Loading fact-check data: claimledger against sqlite-utils + hashlib, in one run.

What it measures
    1. LIAR: the full LIAR set (train, valid and test TSV, 12,836 statements) loaded into a
       fresh ledger *file* with ``claimledger.interop.datasets.load_liar`` (politifact scale):
       speakers become person sources, each statement a claim with its subjects as tags,
       its context, provenance and its label as a verdict. Skipped, with a message, when
       ``--liar-dir`` does not hold the three files.
    2. Synthetic: N claims (default 1,000,000; ``--claims``) from a deterministic,
       streaming generator: about 5,000 claimants (a few prolific, most occasional), 0-3
       tags, a politifact verdict, a date and a context each, texts of about 15 words with
       numbers in them. claimledger adds them batch by batch (``--batch``, 10,000): the
       batch's new claimants with ``wb.add_sources`` (each with a ``ref``), then the claims
       with ``wb.add_claims`` (records with claimant, tags, ref and verdict), one
       transaction per call. The generator yields one batch at a time: no list of N.
    3. Claims per second of each system and its PEAK MEMORY: every load runs in its own
       subprocess, whose ``getrusage(RUSAGE_SELF).ru_maxrss`` is its own (interpreter and
       imports included). For the synthetic set the time spent in the shared record
       generator is excluded from claims/s (it is the same for both; the wall time is
       shown too). For LIAR the whole load counts: reading, parsing, writing.
    4. On the synthetic claimledger ledger, right after the load (same process):
       ``wb.track_record(source)`` for 200 sources picked at random (median, p99 and max
       of ``time.perf_counter`` latencies; also the most prolific source alone) and one
       ``wb.sources_report()`` over every source (a pandas DataFrame when pandas is
       installed, a list of dicts otherwise: the output says which); ``wb.claim(id)`` for 200
       claims picked at random, and 20 ``wb.add_claim`` calls one at a time (median, p99, max).

The peer
    "sqlite-utils": what a notebook user would pick, the ``sqlite-utils`` library with
    ``hashlib`` for the hashes, doing the same logical work on a file in WAL mode with
    ``synchronous=FULL`` (as claimledger): a ``speakers`` table upserted by slug
    (``upsert_all``, new speakers only, as claimledger adds only new sources), ``claims``,
    ``claim_tags`` and ``verdicts`` written with ``insert_all(batch_size=...)``, one
    transaction (``db.atomic()``) per batch. Every speaker, claim and verdict record
    carries the SHA-256 of the canonical JSON (``json.dumps(sort_keys=True,
    separators=(",", ":"), ensure_ascii=False)``) of ``{seq, prev, type, at, actor,
    data}``, chained to the record before, as claimledger's events are (claimledger
    hashes the same three kinds of event). Indexes: claims by speaker and by ref (unique),
    tags by tag, verdicts by claim. For LIAR it parses the same TSV rows (14 columns,
    known labels), hashes the file for the provenance as ``load_liar`` does, and writes
    the same rows in batches of 5,000 (``load_liar``'s default). The peer does LESS work:
    it does not parse quantities, check UTF-8, look up refs before inserting or keep a
    full-text index. Both read each LIAR file once (``load_liar`` keeps the rows of a file of
    up to 8 MB from its check for the writing). Its peak memory includes pandas and numpy,
    which ``sqlite_utils`` imports.

Targets (issue 20, which took over issue 4's): at least 1.5x the peer's claims/s (stretch:
3x), on the synthetic set and on LIAR; peak memory under 300 MB for 1,000,000 claims; the
ledger file no more than 1.5x the peer's; ``track_record`` for one source under 5 ms and
``sources_report`` under 2 s at that size (issue 4's, which must hold). Each figure is
printed next to its target with "met" or "NOT met". A timing never fails the run: the exit
status is 0 unless something is broken (an import, a wrong count).

The floor
    ``load_floor`` (bench/load_floor.cpp, built by ``make bench``): the SQLite writes of the
    same synthetic load and the SHA-256 of each event, nothing else, into a file the core
    created (its schema and settings), in transactions of ``--batch`` claims like the load.
    Variants (``--floor-variants``, default all): ``layout`` (every row the core wrote at
    schema version 7; version 8 keys a claim's rows by integers, version 9 keeps the buckets of
    recent claims in a table of their own),
    ``nolsh`` (without the 16 near-duplicate rows a claim), ``intkeys`` (nolsh with tags,
    verdicts and event references keyed by integers, a layout the core does not have) and
    ``minimal`` (the two events, the claim row and the verdict row, no other index). Printed
    next to the time the whole load would have to take for the target (the peer's / 1.5).
    Skipped with a message when the binary is missing.

Reproduce (after ``make venv`` and ``.venv/bin/pip install -q '.[bench]'``):
    .venv/bin/python bench/bench_load.py --claims 1000000
    .venv/bin/python bench/bench_load.py --claims 20000          # quick smoke run
    .venv/bin/python bench/bench_load.py --claims 20000 --json   # the same as JSON
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import hashlib
import json
import math
import os
import platform
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterator, Optional

HERE = Path(__file__).resolve().parent
DEFAULT_LIAR_DIR = HERE.parent.parent / "shared" / "data" / "liar"
DEFAULT_FLOOR = HERE.parent / "build" / "bench" / "load_floor"
FLOOR_VARIANTS = ("layout", "nolsh", "intkeys", "minimal")
LIAR_FILES = ("train.tsv", "valid.tsv", "test.tsv")
LIAR_LABELS = ("true", "mostly-true", "half-true", "barely-true", "false", "pants-fire")
LIAR_COUNTS = (
    "barely_true_count",
    "false_count",
    "half_true_count",
    "mostly_true_count",
    "pants_on_fire_count",
)
LIAR_BATCH = 5000  # load_liar's default batch size
ACTOR = "bench"
GENESIS_PREV = "sha256:" + "0" * 64
TRACK_RECORD_SAMPLES = 200
CLAIM_SAMPLES = 200  # claims read one by one (wb.claim) after the load
ADD_CLAIM_SAMPLES = 20  # claims added one call at a time after the load

TARGET_RATIO = 1.5
TARGET_FILE_RATIO = 1.5
TARGET_RSS_MB = 300.0
TARGET_RSS_CLAIMS = 1_000_000
TARGET_TRACK_RECORD_MS = 5.0
TARGET_REPORT_S = 2.0


# --- the synthetic records (the same for both systems) -------------------------------------

# fmt: off
_FIRST = ["Alex", "Maria", "John", "Linda", "Omar", "Mei", "Carlos", "Fatima", "Peter", "Anna",
          "Raj", "Sofia", "David", "Grace", "Ivan", "Chloe", "Samuel", "Nadia", "Tom", "Elena",
          "Kofi", "Laura", "Hiro", "Zoe", "Ahmed"]
_LAST = ["Smith", "Garcia", "Kim", "Nguyen", "Brown", "Okafor", "Rossi", "Schmidt", "Silva",
         "Cohen", "Patel", "Dubois", "Novak", "Jensen", "Tanaka", "Murphy", "Haddad", "Walker",
         "Lopez", "Ivanova", "Mensah", "Clark", "Moreau", "Singh", "Baker"]
_JOBS = ["Senator", "Governor", "State representative", "Mayor", "Columnist", "Activist",
         "Radio host", "Candidate", "Party chair", "Business leader"]
_STATES = ["Texas", "Florida", "Ohio", "New York", "California", "Wisconsin", "Georgia",
           "Virginia", "Oregon", "Arizona", ""]
_PARTIES = ["democrat", "republican", "independent", "none"]
_SUBJECTS = ["The governor", "Our state", "The city council", "The federal government",
             "My opponent", "The administration", "Congress", "The school board",
             "Last year the county", "The new law"]
_VERBS = ["cut", "added", "spent", "lost", "created", "approved", "raised", "wasted", "moved",
          "doubled"]
_QUALIFIERS = ["about", "nearly", "more than", "over", "almost", "at least", "roughly", ""]
_UNITS = ["jobs", "teachers", "dollars in taxes", "people", "acres of parkland",
          "police officers", "students", "homes", "nurses", "miles of road"]
_PLACES = ["across the state", "in the last decade", "since 2009", "in rural counties",
           "this year", "during the recession", "in our district", "along the border"]
_TAGS = ["economy", "taxes", "education", "health-care", "immigration", "jobs", "energy",
         "crime", "state-budget", "elections", "environment", "transportation", "guns",
         "housing", "federal-budget", "abortion", "military", "candidates-biography",
         "legal-issues", "city-government"]
_CONTEXTS = ["a speech", "a TV ad", "a debate", "a news release", "a tweet", "an interview",
             "a campaign mailer", "a Facebook post", "a press conference"]
# fmt: on


def speaker(n: int) -> dict:
    """The n-th synthetic speaker: slug, name, job, state, party (a pure function of n)."""
    first, last = _FIRST[n % len(_FIRST)], _LAST[(n // len(_FIRST)) % len(_LAST)]
    name = f"{first} {last}" + (f" {n}" if n >= len(_FIRST) * len(_LAST) else "")
    return {
        "slug": name.lower().replace(" ", "-"),
        "name": name,
        "job": _JOBS[n % len(_JOBS)],
        "state": _STATES[n % len(_STATES)],
        "party": _PARTIES[n % len(_PARTIES)],
    }


def _number(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.4:
        return f"{rng.randint(1, 999) * 100 + rng.choice([0, 0, 50]):,}"  # 28,500
    if kind < 0.6:
        return str(rng.randint(2, 99))
    if kind < 0.8:
        return f"{rng.randint(1, 9)}.{rng.randint(1, 9)} million"
    return f"{rng.randint(10, 900)} thousand"


def synthetic_batches(count: int, batch: int, seed: int, claimants: int) -> Iterator[list[dict]]:
    """`count` claim records, `batch` at a time, generated as they are asked for.

    Each record: ref, text (about 15 words with numbers, distinct), claimant (a speaker
    number; skewed: speaker k is drawn with a density falling as 1/sqrt(k), so a few
    speakers make thousands of claims and most make a few dozen), tags (0-3), date,
    context and a politifact rating."""
    rng = random.Random(seed)
    done = 0
    while done < count:
        records = []
        for i in range(done, min(done + batch, count)):
            text = (
                f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} "
                f"{rng.choice(_QUALIFIERS)} {_number(rng)} {rng.choice(_UNITS)} "
                f"{rng.choice(_PLACES)}, up {rng.randint(1, 60)}% on {rng.randint(1990, 2016)}"
                f" (claim {i})."
            ).replace("  ", " ")
            records.append(
                {
                    "ref": f"syn:{i}",
                    "text": text,
                    "claimant": int(claimants * rng.random() ** 2),
                    "tags": rng.sample(_TAGS, rng.randint(0, 3)),
                    "date": f"{rng.randint(2007, 2024)}-{rng.randint(1, 12):02d}-"
                    f"{rng.randint(1, 28):02d}",
                    "context": rng.choice(_CONTEXTS),
                    "rating": rng.choice(LIAR_LABELS),
                }
            )
        done += len(records)
        yield records


# --- helpers -----------------------------------------------------------------------------


def _peak_rss_mb() -> float:
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return kib / (1024 * 1024) if sys.platform == "darwin" else kib / 1024


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _file_mb(path: Path) -> float:
    return (
        sum(os.path.getsize(f"{path}{s}") for s in ("", "-wal") if os.path.exists(f"{path}{s}"))
        / 1e6
    )


def _timed(batches: Iterator[list[dict]]) -> tuple[Iterator[list[dict]], list[float]]:
    """Wraps a batch iterator, adding the seconds spent in it to the returned cell."""
    spent = [0.0]

    def gen() -> Iterator[list[dict]]:
        it = iter(batches)
        while True:
            t = time.perf_counter()
            try:
                item = next(it)
            except StopIteration:
                spent[0] += time.perf_counter() - t
                return
            spent[0] += time.perf_counter() - t
            yield item

    return gen(), spent


def _liar_files(liar_dir: Path) -> Optional[list[Path]]:
    files = [liar_dir / name for name in LIAR_FILES]
    return files if all(f.is_file() for f in files) else None


def _percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share in 0..1) of `values`: with 200 values, p99 is
    the second largest."""
    ordered = sorted(values)
    rank = math.ceil(share * len(ordered) - 1e-9)
    return ordered[min(max(rank, 1), len(ordered)) - 1]


def _latency_summary(latencies: list[float]) -> dict:
    """The count, median, p99 and max of `latencies` (seconds), in milliseconds."""
    return {
        "samples": len(latencies),
        "median_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * _percentile(latencies, 0.99),
        "max_ms": 1000 * max(latencies),
    }


def _count_claims(path: Path) -> int:
    """The rows of the claims table, read with sqlite3 after the system closed the file."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute("SELECT count(*) FROM claims").fetchone()[0]
    finally:
        db.close()


# --- claimledger ---------------------------------------------------------------------------


def claimledger_liar(args: argparse.Namespace, directory: Path) -> dict:
    import claimledger as cl
    from claimledger.interop.datasets import load_liar

    files = _liar_files(args.liar_dir)
    assert files is not None
    path = directory / "liar.ledger"
    cpu, start = _cpu_s(), time.perf_counter()
    added = sources = 0
    with cl.open(path, actor=ACTOR, scale="politifact") as wb:
        for file in files:
            report = load_liar(wb, file, progress=False)
            added += report.added_claims
            sources += report.added_sources
        seconds, cpu = time.perf_counter() - start, _cpu_s() - cpu
        peak = _peak_rss_mb()
        events = wb.event_count()
    return {
        "system": "claimledger",
        "claims": added,
        "claims_in_store": _count_claims(path),
        "sources": sources,
        "events": events,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "peak_rss_mb": peak,
        "file_mb": _file_mb(path),
    }


def source_record(n: int) -> dict:
    """Synthetic speaker n as a record of ``wb.add_sources`` (with its ref)."""
    s = speaker(n)
    return {
        "name": s["name"],
        "kind": "person",
        "ref": "syn:speaker:" + s["slug"],
        "attributes": {k: s[k] for k in ("job", "state", "party", "slug") if s[k]},
    }


def claim_record(r: dict, claimant: str) -> dict:
    """Synthetic record `r` as a record of ``wb.add_claims`` (the keywords of
    ``wb.add_claim``), said by source id `claimant`, with its verdict."""
    return {
        "text": r["text"],
        "claimant": claimant,
        "tags": r["tags"],
        "date": r["date"],
        "context": r["context"],
        "ref": r["ref"],
        "verdict": {"rating": r["rating"], "rationale": "synthetic: " + r["rating"]},
    }


def claimledger_synthetic(
    args: argparse.Namespace,
    directory: Path,
    location: Optional[str] = None,
    other_cpu: Optional[Callable[[], float]] = None,
) -> dict:
    """The synthetic load into a new ledger file in `directory`, or into the ledger at
    `location` (a postgresql:// URL: bench_server.py). `other_cpu`, when given, reads the
    CPU seconds of another process the load uses (the database server), reported as
    ``other_cpu_seconds``."""
    import claimledger as cl

    path = location or directory / "synthetic.ledger"
    batches, gen_s = _timed(synthetic_batches(args.claims, args.batch, args.seed, args.claimants))
    source_ids: dict[int, str] = {}  # speaker number -> source id, for those added so far
    read_back: list[str] = []  # ids of claims to read one by one after the load
    added = 0
    other = other_cpu() if other_cpu else 0.0
    cpu, start = _cpu_s(), time.perf_counter()
    wb = cl.open(path, actor=ACTOR, scale="politifact")
    try:
        for batch in batches:
            new = sorted({r["claimant"] for r in batch} - source_ids.keys())
            if new:
                source_ids.update(zip(new, wb.add_sources(source_record(n) for n in new)))
            ids = wb.add_claims(claim_record(r, source_ids[r["claimant"]]) for r in batch)
            added += len(ids)
            read_back.extend(ids[:: max(1, len(ids) // 10)])  # claims from every batch
        wall, cpu = time.perf_counter() - start, _cpu_s() - cpu
        other = other_cpu() - other if other_cpu else None
        load_rss = _peak_rss_mb()
        events = wb.event_count()
        if added != args.claims:
            raise RuntimeError(f"claimledger added {added} claims, expected {args.claims}")

        # Queries on the loaded ledger.
        sources = [s.id for s in wb.sources()]
        rng = random.Random(args.seed + 1)
        sample = rng.sample(sources, min(TRACK_RECORD_SAMPLES, len(sources)))
        latencies = []
        for source_id in sample:
            t = time.perf_counter()
            wb.track_record(source_id)
            latencies.append(time.perf_counter() - t)
        claim_latencies = []
        for claim_id in rng.sample(read_back, min(CLAIM_SAMPLES, len(read_back))):
            t = time.perf_counter()
            wb.claim(claim_id)
            claim_latencies.append(time.perf_counter() - t)
        add_latencies = []
        for k in range(ADD_CLAIM_SAMPLES):  # one call each, as a fact-checker adds a claim
            t = time.perf_counter()
            wb.add_claim(f"A claim added one at a time after the load, number {k}.")
            add_latencies.append(time.perf_counter() - t)
        prolific = source_ids[0]  # speaker 0 is the most prolific (the skew favours low k)
        t = time.perf_counter()
        record = wb.track_record(prolific)
        prolific_s = time.perf_counter() - t
        t = time.perf_counter()
        with contextlib.suppress(ImportError):  # as in a notebook: imported beforehand
            import pandas  # noqa: F401
        pandas_import_s = time.perf_counter() - t
        t = time.perf_counter()
        report = wb.sources_report()
        report_s = time.perf_counter() - t
        if type(report).__name__ == "DataFrame":
            report_kind = f"pandas {sys.modules['pandas'].__version__} DataFrame"
        else:
            report_kind = "list of dicts (pandas not installed)"
        report_rows = len(report)
    finally:
        wb.close()
    return {
        "system": "claimledger",
        "claims": added,
        "events": events,
        "sources": len(source_ids),
        "seconds": wall - gen_s[0],
        "wall_seconds": wall,
        "generator_seconds": gen_s[0],
        "cpu_seconds": cpu,
        "other_cpu_seconds": other,
        "peak_rss_mb": load_rss,
        "peak_rss_after_queries_mb": _peak_rss_mb(),
        "file_mb": None if location else _file_mb(path),
        "track_record": {
            "samples": len(latencies),
            "median_ms": 1000 * statistics.median(latencies),
            "p99_ms": 1000 * _percentile(latencies, 0.99),
            "max_ms": 1000 * max(latencies),
            "prolific_ms": 1000 * prolific_s,
            "prolific_verdicts": record.verdicts,
        },
        "claim": _latency_summary(claim_latencies),
        "add_claim": _latency_summary(add_latencies),
        "sources_report": {
            "seconds": report_s,
            "rows": report_rows,
            "returns": report_kind,
            "pandas_import_seconds": pandas_import_s,
        },
    }


# --- the peer: sqlite-utils + hashlib ---------------------------------------------------------


class _PeerStore:
    """sqlite-utils tables with every record SHA-256 hash-chained to the one before."""

    def __init__(self, path: Path) -> None:
        import sqlite_utils

        self.db = sqlite_utils.Database(path)
        self.db.enable_wal()
        self.db.execute("PRAGMA synchronous=FULL")
        self.db["speakers"].create(
            {"slug": str, "name": str, "kind": str, "attributes": str, "seq": int, "hash": str},
            pk="slug",
        )
        self.db["claims"].create(
            {
                "id": str,
                "ref": str,
                "text": str,
                "speaker": str,
                "date": str,
                "context": str,
                "provenance": str,
                "at": str,
                "seq": int,
                "prev": str,
                "hash": str,
            },
            pk="id",
        )
        self.db["claim_tags"].create({"claim": str, "tag": str}, pk=("claim", "tag"))
        self.db["verdicts"].create(
            {
                "seq": int,
                "claim": str,
                "rating": str,
                "rationale": str,
                "at": str,
                "prev": str,
                "hash": str,
            },
            pk="seq",
        )
        self.db["claims"].create_index(["speaker"])
        self.db["claims"].create_index(["ref"], unique=True)
        self.db["claim_tags"].create_index(["tag"])
        self.db["verdicts"].create_index(["claim"])
        self.seq, self.prev = 0, GENESIS_PREV
        self.known: set[str] = set()  # speaker slugs written so far

    def _chain(self, type_: str, data: dict) -> tuple[int, str, str, str]:
        """Appends a record to the chain: (seq, prev, at, hash)."""
        self.seq += 1
        at = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        event = {
            "seq": self.seq,
            "prev": self.prev,
            "type": type_,
            "at": at,
            "actor": ACTOR,
            "data": data,
        }
        text = json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        digest = "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
        prev, self.prev = self.prev, digest
        return self.seq, prev, at, digest

    def write(self, speakers: list[dict], claims: list[dict]) -> int:
        """One transaction: the speakers not written yet (upsert by slug), then each claim
        with its tags and verdict. `speakers` hold slug, name and attributes; `claims`
        hold ref, text, speaker (slug or None), tags, date, context, provenance, rating,
        rationale. Returns the number of claims written."""
        speaker_rows, claim_rows, tag_rows, verdict_rows = [], [], [], []
        for s in speakers:
            if s["slug"] in self.known:
                continue
            self.known.add(s["slug"])
            data = {
                "name": s["name"],
                "kind": "person",
                "ref": s["slug"],
                "attributes": s["attributes"],
            }
            seq, _, _, digest = self._chain("source.added", data)
            speaker_rows.append(
                {
                    "slug": s["slug"],
                    "name": s["name"],
                    "kind": "person",
                    "attributes": json.dumps(s["attributes"], sort_keys=True),
                    "seq": seq,
                    "hash": digest,
                }
            )
        for c in claims:
            tags = sorted(set(c["tags"]))
            data = {
                "text": c["text"],
                "claimant": c["speaker"],
                "tags": tags,
                "date": c["date"],
                "context": c["context"],
                "ref": c["ref"],
                "provenance": c["provenance"],
            }
            seq, prev, at, digest = self._chain("claim.added", data)
            claim_id = "clm_" + digest[7:23]
            claim_rows.append(
                {
                    "id": claim_id,
                    "ref": c["ref"],
                    "text": c["text"],
                    "speaker": c["speaker"],
                    "date": c["date"],
                    "context": c["context"],
                    "provenance": _json_or_none(c["provenance"]),
                    "at": at,
                    "seq": seq,
                    "prev": prev,
                    "hash": digest,
                }
            )
            tag_rows.extend({"claim": claim_id, "tag": t} for t in tags)
            data = {"claim": claim_id, "rating": c["rating"], "rationale": c["rationale"]}
            seq, prev, at, digest = self._chain("verdict.set", data)
            verdict_rows.append(
                {
                    "seq": seq,
                    "claim": claim_id,
                    "rating": c["rating"],
                    "rationale": c["rationale"],
                    "at": at,
                    "prev": prev,
                    "hash": digest,
                }
            )
        with self.db.atomic():
            if speaker_rows:
                self.db["speakers"].upsert_all(speaker_rows, pk="slug", batch_size=10_000)
            self.db["claims"].insert_all(claim_rows, batch_size=10_000)
            if tag_rows:
                self.db["claim_tags"].insert_all(tag_rows, batch_size=10_000)
            self.db["verdicts"].insert_all(verdict_rows, batch_size=10_000)
        return len(claim_rows)

    def count(self, table: str) -> int:
        return self.db[table].count


def _json_or_none(value: Optional[dict]) -> Optional[str]:
    return json.dumps(value, sort_keys=True, ensure_ascii=False) if value else None


def _speaker_name(slug: str) -> str:
    words = [w for w in slug.replace("_", "-").split("-") if w]
    return " ".join(w[:1].upper() + w[1:] if w.islower() else w for w in words) or slug


def _peer_liar_rows(file: Path, file_hash: str) -> Iterator[tuple[Optional[dict], dict]]:
    with open(file, encoding="utf-8", newline="") as stream:
        for line, raw in enumerate(stream, 1):
            raw = raw.rstrip("\r\n")
            if not raw.strip():
                continue
            cols = [c.strip() for c in raw.split("\t")]
            if len(cols) != 14 or cols[1].lower() not in LIAR_LABELS or not cols[2]:
                continue  # a malformed row (LIAR has none)
            statement_id, label, statement, subjects, slug, job, state, party = cols[:8]
            label = label.lower()
            provenance = {
                "dataset": "liar",
                "file": file.name,
                "file_hash": file_hash,
                "line": line,
                "id": statement_id,
            }
            for name, value in zip(LIAR_COUNTS, cols[8:13]):
                if value:
                    provenance[name] = int(float(value))
            who = None
            if slug:
                attributes = {"job": job, "state": state, "party": party, "slug": slug}
                who = {
                    "slug": slug,
                    "name": _speaker_name(slug),
                    "attributes": {k: v for k, v in attributes.items() if v},
                }
            claim = {
                "ref": "liar:" + statement_id,
                "text": statement,
                "speaker": slug or None,
                "tags": list(dict.fromkeys(s.strip() for s in subjects.split(",") if s.strip())),
                "date": None,
                "context": cols[13] or None,
                "provenance": provenance,
                "rating": label,
                "rationale": f"LIAR label: {label}",
            }
            yield who, claim


def peer_liar(args: argparse.Namespace, directory: Path) -> dict:
    files = _liar_files(args.liar_dir)
    assert files is not None
    path = directory / "liar-peer.sqlite"
    cpu, start = _cpu_s(), time.perf_counter()
    store = _PeerStore(path)
    added = 0
    for file in files:
        hasher = hashlib.sha256()
        with open(file, "rb") as stream:
            for chunk in iter(lambda: stream.read(1 << 18), b""):
                hasher.update(chunk)
        file_hash = "sha256:" + hasher.hexdigest()
        speakers, claims = [], []
        for who, claim in _peer_liar_rows(file, file_hash):
            if who is not None:
                speakers.append(who)
            claims.append(claim)
            if len(claims) >= LIAR_BATCH:
                added += store.write(speakers, claims)
                speakers, claims = [], []
        if claims:
            added += store.write(speakers, claims)
    seconds, cpu = time.perf_counter() - start, _cpu_s() - cpu
    result = {
        "system": "sqlite-utils",
        "claims": added,
        "claims_in_store": store.count("claims"),
        "sources": store.count("speakers"),
        "events": store.seq,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "peak_rss_mb": _peak_rss_mb(),
        "file_mb": _file_mb(path),
    }
    store.db.close()
    return result


def peer_synthetic(args: argparse.Namespace, directory: Path) -> dict:
    path = directory / "synthetic-peer.sqlite"
    batches, gen_s = _timed(synthetic_batches(args.claims, args.batch, args.seed, args.claimants))
    added = 0
    cpu, start = _cpu_s(), time.perf_counter()
    store = _PeerStore(path)
    slugs: dict[int, str] = {}  # speaker number -> slug, for those written so far
    for batch in batches:
        speakers = []
        for n in sorted({r["claimant"] for r in batch} - slugs.keys()):
            s = speaker(n)
            slugs[n] = s["slug"]
            attributes = {k: s[k] for k in ("job", "state", "party", "slug") if s[k]}
            speakers.append({"slug": s["slug"], "name": s["name"], "attributes": attributes})
        claims = [
            {
                "ref": r["ref"],
                "text": r["text"],
                "speaker": slugs[r["claimant"]],
                "tags": r["tags"],
                "date": r["date"],
                "context": r["context"],
                "provenance": None,
                "rating": r["rating"],
                "rationale": "synthetic: " + r["rating"],
            }
            for r in batch
        ]
        added += store.write(speakers, claims)
    wall, cpu = time.perf_counter() - start, _cpu_s() - cpu
    if added != args.claims or store.count("claims") != args.claims:
        raise RuntimeError(f"sqlite-utils added {added} claims, expected {args.claims}")
    result = {
        "system": "sqlite-utils",
        "claims": added,
        "events": store.seq,
        "sources": store.count("speakers"),
        "seconds": wall - gen_s[0],
        "wall_seconds": wall,
        "generator_seconds": gen_s[0],
        "cpu_seconds": cpu,
        "peak_rss_mb": _peak_rss_mb(),
        "file_mb": _file_mb(path),
    }
    store.db.close()
    return result


# --- driver --------------------------------------------------------------------------------

WORKERS = {
    "claimledger-liar": claimledger_liar,
    "claimledger-synthetic": claimledger_synthetic,
    "peer-liar": peer_liar,
    "peer-synthetic": peer_synthetic,
}


def _run_worker(name: str, args: argparse.Namespace) -> dict:
    command = [
        sys.executable,
        os.path.abspath(__file__),
        "--worker",
        name,
        "--claims",
        str(args.claims),
        "--batch",
        str(args.batch),
        "--seed",
        str(args.seed),
        "--claimants",
        str(args.claimants),
        "--liar-dir",
        str(args.liar_dir),
    ]
    if args.dir:
        command += ["--dir", str(args.dir)]
    done = subprocess.run(command, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"bench_load: the {name} run failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _worker(args: argparse.Namespace) -> None:
    if args.dir:
        directory = Path(args.dir) / f"load-{args.worker}-{os.getpid()}"
        directory.mkdir(parents=True)
        result = WORKERS[args.worker](args, directory)
    else:
        with tempfile.TemporaryDirectory(prefix="claimledger-bench-load-") as name:
            result = WORKERS[args.worker](args, Path(name))
    print(json.dumps(result))


def _run_rounds(args: argparse.Namespace, part: str, count: int) -> tuple[dict, dict, list[dict]]:
    """`count` runs of claimledger's and the peer's `part` load ("liar" or "synthetic"),
    alternating which goes first, so that a machine whose pace drifts slows both alike.
    Returns each system's run of median seconds and every round's seconds and ratio."""
    runs: dict[str, list[dict]] = {"claimledger": [], "peer": []}
    rounds = []
    for number in range(count):
        order = ["claimledger", "peer"] if number % 2 == 0 else ["peer", "claimledger"]
        done = {system: _run_worker(f"{system}-{part}", args) for system in order}
        for system, run in done.items():
            runs[system].append(run)
        cl, peer = done["claimledger"], done["peer"]
        rounds.append(
            {
                "claimledger_seconds": cl["seconds"],
                "peer_seconds": peer["seconds"],
                "ratio": peer["seconds"] / cl["seconds"] if cl["seconds"] > 0 else float("nan"),
            }
        )
    median = {
        system: sorted(each, key=lambda run: run["seconds"])[(len(each) - 1) // 2]
        for system, each in runs.items()
    }
    return median["claimledger"], median["peer"], rounds


def _run_floor(args: argparse.Namespace, variant: str) -> dict:
    """One run of the load floor (bench/load_floor.cpp) in a scratch directory."""
    with tempfile.TemporaryDirectory(prefix="claimledger-load-floor-", dir=args.dir) as name:
        ledger = str(Path(name) / "floor.ledger")
        command = [str(args.floor), ledger, str(args.claims), variant, str(args.batch)]
        done = subprocess.run(command, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"bench_load: the load floor ({variant}) failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _rates(cl: dict, peer: dict) -> float:
    for r in (cl, peer):
        r["claims_per_s"] = r["claims"] / r["seconds"] if r["seconds"] > 0 else float("inf")
    return cl["claims_per_s"] / peer["claims_per_s"] if peer["claims_per_s"] else float("nan")


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def print_targets(title: str, rows: list[dict]) -> None:
    """Prints target rows ({figure, value, target, met}) under `title`, one a line."""
    if not rows:
        return
    print(title)
    width = max(len(t["figure"]) for t in rows)
    for t in rows:
        print(
            f"  {t['figure']:<{width}}  {t['value']:>10}  target {t['target']:<9} "
            f"{_verdict(t['met'])}"
        )


def _targets(result: dict) -> list[dict]:
    rows = []
    for part in ("liar", "synthetic"):
        if part in result:
            ratio = result[part]["ratio"]
            rows.append(
                {
                    "figure": f"{part}: claims/s, claimledger / sqlite-utils",
                    "value": f"{ratio:.2f}x",
                    "target": f">= {TARGET_RATIO:g}x",
                    "met": ratio >= TARGET_RATIO,
                }
            )
    if "synthetic" in result:
        cl = result["synthetic"]["results"][0]
        n = cl["claims"]
        note = "" if n >= TARGET_RSS_CLAIMS else f" (at {n:,} claims; target is for 1,000,000)"
        rows.append(
            {
                "figure": "synthetic: claimledger peak RSS" + note,
                "value": f"{cl['peak_rss_mb']:.0f} MB",
                "target": f"< {TARGET_RSS_MB:g} MB",
                "met": cl["peak_rss_mb"] < TARGET_RSS_MB,
            }
        )
        peer = result["synthetic"]["results"][1]
        file_ratio = cl["file_mb"] / peer["file_mb"]
        rows.append(
            {
                "figure": "synthetic: ledger file / the peer's file" + note,
                "value": f"{file_ratio:.2f}x",
                "target": f"<= {TARGET_FILE_RATIO:g}x",
                "met": file_ratio <= TARGET_FILE_RATIO,
            }
        )
        tr = cl["track_record"]
        for key, label in (("median_ms", "median"), ("p99_ms", "p99")):
            rows.append(
                {
                    "figure": f"track_record, {label} of {tr['samples']} sources" + note,
                    "value": f"{tr[key]:.2f} ms",
                    "target": f"< {TARGET_TRACK_RECORD_MS:g} ms",
                    "met": tr[key] < TARGET_TRACK_RECORD_MS,
                }
            )
        rep = cl["sources_report"]
        rows.append(
            {
                "figure": f"sources_report ({rep['rows']:,} sources)" + note,
                "value": f"{rep['seconds']:.2f} s",
                "target": f"< {TARGET_REPORT_S:g} s",
                "met": rep["seconds"] < TARGET_REPORT_S,
            }
        )
    return rows


def _print_table(title: str, cl: dict, peer: dict, ratio: float, rounds: list[dict]) -> None:
    print(title)
    print(
        f"  {'system':<13} {'claims':>10} {'events':>10} {'seconds':>8} {'wall s':>7} "
        f"{'CPU s':>7} {'claims/s':>9} {'ratio':>6} {'peak RSS':>9} {'file':>8}"
    )
    for r in (cl, peer):
        print(
            f"  {r['system']:<13} {r['claims']:>10,} {r['events']:>10,} {r['seconds']:>8.2f} "
            f"{r.get('wall_seconds', r['seconds']):>7.2f} {r['cpu_seconds']:>7.2f} "
            f"{r['claims_per_s']:>9,.0f} {r['claims_per_s'] / peer['claims_per_s']:>6.2f} "
            f"{r['peak_rss_mb']:>6.0f} MB {r['file_mb']:>5.0f} MB"
        )
    print(f"  ratio claimledger / sqlite-utils: {ratio:.2f}x (above 1: claimledger is faster)")
    if len(rounds) > 1:
        each = ", ".join(
            f"{r['claimledger_seconds']:.2f} s / {r['peer_seconds']:.2f} s = {r['ratio']:.2f}x"
            for r in rounds
        )
        print(f"  {len(rounds)} rounds (the tables show each system's median run): {each}")


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000, help="synthetic claims (1000000)")
    parser.add_argument("--batch", type=int, default=10_000, help="synthetic claims per batch")
    parser.add_argument("--claimants", type=int, default=5_000, help="synthetic claimants (5000)")
    parser.add_argument("--seed", type=int, default=20241021, help="seed of the generator")
    parser.add_argument(
        "--liar-dir",
        type=Path,
        default=DEFAULT_LIAR_DIR,
        help=f"directory with LIAR's {', '.join(LIAR_FILES)} (default {DEFAULT_LIAR_DIR})",
    )
    parser.add_argument("--skip-liar", action="store_true", help="only the synthetic set")
    parser.add_argument("--skip-synthetic", action="store_true", help="only LIAR")
    parser.add_argument(
        "--dir",
        type=Path,
        default=None,
        help="keep the ledgers and peer files under this directory (default: a temporary "
        "directory, removed)",
    )
    parser.add_argument(
        "--floor",
        type=Path,
        default=DEFAULT_FLOOR,
        help=f"the load_floor binary (default {DEFAULT_FLOOR.relative_to(HERE.parent)}, built "
        "by make bench); skipped when missing",
    )
    parser.add_argument(
        "--floor-variants",
        default=",".join(FLOOR_VARIANTS),
        help=f"comma-separated floor variants to run, of {', '.join(FLOOR_VARIANTS)} "
        "(default all; empty: none)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="runs of the synthetic load, alternating which system goes first; the tables "
        "show each system's median run (default 1)",
    )
    parser.add_argument(
        "--liar-rounds",
        type=int,
        default=5,
        help="runs of the LIAR load, alternating likewise (default 5: a load of about a "
        "second moves with the machine's pace from one run to the next)",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if min(args.claims, args.batch, args.claimants, args.rounds, args.liar_rounds) < 1:
        parser.error("--claims, --batch, --claimants, --rounds and --liar-rounds must be positive")
    variants = [v for v in args.floor_variants.split(",") if v]
    unknown = sorted(set(variants) - set(FLOOR_VARIANTS))
    if unknown:
        parser.error(
            f"unknown floor variant(s) {', '.join(unknown)}; use {', '.join(FLOOR_VARIANTS)}"
        )
    if args.worker:
        _worker(args)
        return 0

    result: dict = {
        "benchmark": "load",
        "date": datetime.date.today().isoformat(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "system": platform.system(),
        },
        "note": "the peer does less work: no quantities parsed, no UTF-8 check, no ref "
        "lookups, no full-text index; its peak RSS includes pandas, which sqlite_utils "
        "imports",
    }
    messages = []
    if not args.skip_liar:
        if _liar_files(args.liar_dir) is None:
            messages.append(
                f"LIAR skipped: {args.liar_dir} does not hold {', '.join(LIAR_FILES)} "
                "(pass --liar-dir)"
            )
        else:
            cl, peer, rounds = _run_rounds(args, "liar", args.liar_rounds)
            ratio = _rates(cl, peer)
            result["liar"] = {
                "dir": str(args.liar_dir),
                "results": [cl, peer],
                "ratio": ratio,
                "rounds": rounds,
            }
    if not args.skip_synthetic:
        cl, peer, rounds = _run_rounds(args, "synthetic", args.rounds)
        ratio = _rates(cl, peer)
        result["synthetic"] = {
            "claims": args.claims,
            "batch": args.batch,
            "claimants": args.claimants,
            "seed": args.seed,
            "results": [cl, peer],
            "ratio": ratio,
            "rounds": rounds,
        }
        if variants and not args.floor.exists():
            messages.append(f"load floor skipped: no {args.floor} (make bench builds it)")
        elif variants:
            result["synthetic"]["floor"] = [_run_floor(args, v) for v in variants]
    result["targets"] = _targets(result)
    result["messages"] = messages

    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for message in messages:
        print(message)
    if "liar" in result:
        cl, peer = result["liar"]["results"]
        _print_table(
            f"LIAR ({', '.join(LIAR_FILES)}): whole load, file to committed ledger",
            cl,
            peer,
            result["liar"]["ratio"],
            result["liar"]["rounds"],
        )
    if "synthetic" in result:
        s = result["synthetic"]
        cl, peer = s["results"]
        _print_table(
            f"synthetic: {s['claims']:,} claims in batches of {s['batch']:,}, "
            f"{cl['sources']:,} claimants; seconds exclude the shared generator "
            f"({cl['generator_seconds']:.1f} s)",
            cl,
            peer,
            s["ratio"],
            s["rounds"],
        )
        tr, rep = cl["track_record"], cl["sources_report"]
        print(
            f"  track_record: {tr['samples']} random sources, median {tr['median_ms']:.2f} ms, "
            f"p99 {tr['p99_ms']:.2f} ms, max {tr['max_ms']:.2f} ms; the most prolific source "
            f"({tr['prolific_verdicts']:,} verdicts) {tr['prolific_ms']:.2f} ms"
        )
        for key, what in (("claim", "wb.claim(id) of random claims"), ("add_claim", "add_claim")):
            lat = cl[key]
            print(
                f"  {what}: {lat['samples']} calls, median {lat['median_ms']:.2f} ms, "
                f"p99 {lat['p99_ms']:.2f} ms, max {lat['max_ms']:.2f} ms"
            )
        print(
            f"  sources_report: {rep['rows']:,} rows in {rep['seconds']:.2f} s, returns a "
            f"{rep['returns']} (importing pandas first: {rep['pandas_import_seconds']:.2f} s, "
            f"not counted); peak RSS after the queries {cl['peak_rss_after_queries_mb']:.0f} MB"
        )
        if "floor" in s:
            budget = peer["seconds"] / TARGET_RATIO
            print(
                f"  load floor (SQLite writes and SHA-256 only, {s['claims']:,} claims); "
                f"{TARGET_RATIO:g}x the peer means the whole load in {budget:.1f} s:"
            )
            for f in s["floor"]:
                print(
                    f"    {f['variant']:<8} {f['seconds']:>8.2f} s  "
                    f"{f['claims'] / f['seconds']:>9,.0f} claims/s  "
                    f"{f['seconds'] / budget:>5.2f}x the time allowed"
                )
    print(f"note: {result['note']}")
    print_targets("targets (issues 20 and 4):", result["targets"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
