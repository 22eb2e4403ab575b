"""Bulk-adding claims: claimledger's ``wb.add_claims`` against a plain-Python baseline.

What it measures
    The time to add N claims (default 100,000) in batches of B (default 10,000) to a fresh
    ledger *file* in a temporary directory, through the public ``wb.add_claims(records)``:
    per claim one ``claim.added`` event (canonical JSON hashed with SHA-256, chained to the
    event before, holding the quantities that the C++ parser finds in the text), the event
    row, and the projection rows (``claims``, ``claim_tags``, ``event_refs``, and whatever
    else the core keeps per claim: today the full-text index and the near-duplicate LSH
    buckets), one transaction per batch, WAL mode, ``synchronous=FULL``. Then
    ``wb.verify()`` on the result: every hash, every link, and a replay of every event
    compared with the stored tables (its events/s is printed too).

The peer
    "baseline": the same logical work in plain Python with only the standard library
    (``sqlite3``, ``hashlib``, ``json``): the same event dicts, the same canonical JSON
    (``json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)``), SHA-256,
    the same rows in ``events``, ``claims``, ``claim_tags`` and ``event_refs`` with the
    core's schema and indexes, WAL, ``synchronous=FULL``, one transaction per batch. It
    does LESS work: it does not parse quantities (its events hold ``[]``), does not check
    UTF-8, and writes none of the other tables the core fills per claim. Each run checks that the
    baseline still mirrors the core (schema of the shared tables, keys of the event data,
    tables only the core writes) and prints a note when it does not.

Both systems get the same deterministic records (``random.Random(seed)``: claim texts with
numbers such as "about 28,500 troops", five claimants added first with ``add_sources``,
0-3 tags each), and each runs in its own subprocess so that its peak RSS
(``getrusage(RUSAGE_SELF).ru_maxrss``) is its own. The ratio is claimledger's claims/s over
the baseline's (above 1: claimledger is faster). ``--repeat K`` runs each system K times,
alternating, and reports the median. ``--profile`` adds a time split of claimledger's run
(the Python part of ``add_claims`` vs the C++ call) and a few variants.

A timing never fails the run: the exit status is 0 unless something is broken (an
import, a wrong count, a ledger that does not verify).

Reproduce:  make bench
       or:  .venv/bin/python bench/bench_bulk_add.py --claims 100000 --repeat 3
            .venv/bin/python bench/bench_bulk_add.py --claims 2000 --json   # smoke test
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import hashlib
import json
import os
import platform
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time

ACTOR = "bench"
GENESIS_PREV = "sha256:" + "0" * 64

# --- the records (the same for both systems) ---------------------------------------------

_QUALIFIERS = [
    "about",
    "approximately",
    "nearly",
    "more than",
    "over",
    "almost",
    "at least",
    "fewer than",
    "roughly",
    "some",
    "",
]
_UNITS = [
    "troops",
    "jobs",
    "people",
    "households",
    "vaccines",
    "homes",
    "cases",
    "teachers",
    "refugees",
    "migrants",
    "students",
    "deaths",
    "tonnes of grain",
    "barrels a day",
]
_SUBJECTS = [
    "The government",
    "The army",
    "The ministry",
    "Our administration",
    "The city",
    "The opposition",
    "The agency",
    "The company",
    "Last year the state",
    "The new programme",
    "The region",
]
_VERBS = [
    "deployed",
    "created",
    "lost",
    "vaccinated",
    "built",
    "recorded",
    "hired",
    "resettled",
    "moved",
    "cut",
    "exported",
    "funded",
]
_PLACES = [
    "in the north",
    "along the border",
    "in Korea",
    "in the capital",
    "abroad",
    "in rural areas",
    "since 2019",
    "in the last quarter",
    "this year",
    "in 2023",
    "across the country",
    "in the south-east",
]
_TAGS = [
    "economy",
    "defence",
    "health",
    "migration",
    "education",
    "energy",
    "crime",
    "housing",
    "climate",
    "budget",
]
_CLAIMANTS = [
    {"name": "Chun In-bum", "kind": "person"},
    {"name": "Reuters", "kind": "outlet", "url": "https://www.reuters.com"},
    {"name": "Ministry of Finance", "kind": "organisation"},
    {"name": "Jane Doe", "kind": "person", "affiliation": "Party A"},
    {"name": "National Statistics Office", "kind": "official-record"},
]


def _number(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.45:
        return f"{rng.randint(1, 999) * 100 + rng.choice([0, 0, 50]):,}"  # 28,500
    if kind < 0.65:
        return f"{rng.randint(1, 99)}"
    if kind < 0.80:
        return f"{rng.randint(1, 9)}.{rng.randint(1, 9)} million"
    if kind < 0.90:
        return f"{rng.randint(2, 9)} hundred"
    return f"{rng.randint(10, 900)} thousand"


def make_claims(count: int, seed: int) -> list[dict]:
    """`count` claim records with the claimant as an index into _CLAIMANTS."""
    rng = random.Random(seed)
    records = []
    for i in range(count):
        qualifier = rng.choice(_QUALIFIERS)
        amount = f"{qualifier} {_number(rng)}".strip()
        text = (
            f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {amount} "
            f"{rng.choice(_UNITS)} {rng.choice(_PLACES)}"
        )
        if rng.random() < 0.3:
            text += f", up {rng.randint(1, 60)}% on {rng.randint(1990, 2023)}"
        text += f" (#{i})."  # every claim distinct
        tags = rng.sample(_TAGS, rng.randint(0, 3))
        records.append({"text": text, "claimant": rng.randrange(len(_CLAIMANTS)), "tags": tags})
    return records


def _with_claimants(records: list[dict], source_ids: list[str]) -> list[dict]:
    return [dict(r, claimant=source_ids[r["claimant"]]) for r in records]


def _batches(records: list, size: int):
    for start in range(0, len(records), size):
        yield records[start : start + size]


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_rss_mb() -> float:
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return kib / (1024 * 1024) if sys.platform == "darwin" else kib / 1024


# --- claimledger ---------------------------------------------------------------------------


def run_claimledger(args: argparse.Namespace, directory: str) -> dict:
    import claimledger as cl

    path = os.path.join(directory, "bench.ledger")
    wb = cl.open(path, actor=ACTOR)
    source_ids = wb.add_sources(_CLAIMANTS)
    records = _with_claimants(make_claims(args.claims, args.seed), source_ids)
    setup_rss = _peak_rss_mb()

    added = 0
    cpu, start = _cpu_s(), time.perf_counter()
    for batch in _batches(records, args.batch):
        added += len(wb.add_claims(batch))
    seconds, cpu = time.perf_counter() - start, _cpu_s() - cpu
    add_rss = _peak_rss_mb()
    if added != args.claims:
        raise RuntimeError(f"claimledger added {added} claims, expected {args.claims}")

    start = time.perf_counter()
    report = wb.verify()
    verify_seconds = time.perf_counter() - start
    if not report.ok:
        raise RuntimeError(f"the ledger does not verify: {report.problems[:3]}")
    sample = wb.claims(limit=1)[0]
    result = {
        "system": "claimledger",
        "claims": added,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "setup_rss_mb": setup_rss,
        "peak_rss_mb": add_rss,
        "verify": {
            "ok": report.ok,
            "events": report.events,
            "seconds": verify_seconds,
            "peak_rss_mb": _peak_rss_mb(),
        },
        "quantities_in_first_claim": len(sample.quantities),
        "file_mb": _file_mb(path),
    }
    wb.close()
    result["schema"] = _schema_of(path)
    result["claim_data_keys"] = _claim_data_keys(path)
    result["tables_written"] = _filled_tables(path)
    return result


def profile_claimledger(args: argparse.Namespace, directory: str) -> dict:
    """Splits add_claims into its Python part and its C++ call, and times variants."""
    import claimledger as cl

    def fresh(name: str):
        wb = cl.open(os.path.join(directory, name) if name != ":memory:" else name, actor=ACTOR)
        return wb, wb.add_sources(_CLAIMANTS)

    base = make_claims(args.claims, args.seed)
    out = {}

    # 1. The public call, split: Workbench.add_claims's Python part (record checks, the
    #    binding's NewClaim objects) vs the C++ call it makes (GIL released), timed by a
    #    thin proxy around the binding object.
    #    (The proxy replaces a private attribute; if that is gone, the split is skipped.)
    wb, ids = fresh("split.ledger")
    records = _with_claimants(base, ids)
    if getattr(wb, "_wb", None) is not None:
        proxy = _TimedCore(wb._wb)
        wb._wb = proxy
        start = time.perf_counter()
        for batch in _batches(records, args.batch):
            wb.add_claims(batch)
        total = time.perf_counter() - start
        out["python_conversion_s"] = total - proxy.seconds
        out["cpp_call_s"] = proxy.seconds
        wb._wb = proxy.core
    wb.close()

    # 2. Variants of the C++ work (each on a fresh ledger, through the public call).
    def timed(
        name: str, recs: list[dict], target: str = "variant.ledger", batch_size: int = args.batch
    ) -> None:
        wbv, vids = fresh(target)
        recs = [
            dict(r, claimant=vids[r["claimant"]]) if isinstance(r.get("claimant"), int) else r
            for r in recs
        ]
        t = time.perf_counter()
        for batch in _batches(recs, batch_size):
            wbv.add_claims(batch)
        out[name] = time.perf_counter() - t
        wbv.close()
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.remove(os.path.join(directory, target + suffix))

    timed("in_memory_s", base, ":memory:")
    timed("no_numbers_s", [dict(r, text=r["text"].translate(_NO_DIGITS)) for r in base])
    timed("no_tags_no_claimant_s", [{"text": r["text"]} for r in base])
    if args.batch != 1000:
        timed("batch_1000_s", base, batch_size=1000)

    # 3. The baseline inserting claim by claim as the core does (not table by table), with
    #    SQLite's default page cache (2 MB) and with a 64 MB one.
    for name, cache_kib in (
        ("baseline_row_by_row_s", 0),
        ("baseline_row_by_row_cache64mb_s", 65536),
    ):
        path = os.path.join(directory, f"{name}.sqlite")
        ledger = _BaselineLedger(path, cache_kib=cache_kib)
        recs = _with_claimants(base, ledger.add_sources(_CLAIMANTS))
        t = time.perf_counter()
        for batch in _batches(recs, args.batch):
            ledger.add_claims(batch, row_by_row=True)
        out[name] = time.perf_counter() - t
        ledger.db.close()
    return out


class _TimedCore:
    """Forwards to the binding's Workbench, timing its add_claims calls."""

    def __init__(self, core) -> None:
        self.core = core
        self.seconds = 0.0

    def add_claims(self, batch):
        start = time.perf_counter()
        try:
            return self.core.add_claims(batch)
        finally:
            self.seconds += time.perf_counter() - start

    def __getattr__(self, name: str):
        return getattr(self.core, name)


_NO_DIGITS = str.maketrans("0123456789%", "abcdefghijp")


# --- the baseline --------------------------------------------------------------------------

# The core's schema (kLogSchema and the projection tables a claim touches, with their
# indexes), so that the baseline pays for the same B-trees.
_BASELINE_SCHEMA = """
CREATE TABLE events(
  seq INTEGER PRIMARY KEY, prev TEXT NOT NULL, type TEXT NOT NULL, at TEXT NOT NULL,
  actor TEXT NOT NULL, data TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX events_at ON events(at);
CREATE TABLE contents(hash TEXT PRIMARY KEY, bytes BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE event_refs(entity TEXT NOT NULL, seq INTEGER NOT NULL,
  PRIMARY KEY(entity, seq)) WITHOUT ROWID;
CREATE TABLE sources(
  id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, url TEXT, affiliation TEXT,
  reliability TEXT, reliability_at TEXT, ref TEXT, attributes TEXT NOT NULL,
  seq INTEGER NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL);
CREATE INDEX sources_ref ON sources(ref) WHERE ref IS NOT NULL;
CREATE TABLE claims(
  id TEXT PRIMARY KEY, text TEXT NOT NULL, claimant TEXT, status TEXT NOT NULL, rating TEXT,
  date TEXT, context TEXT, ref TEXT, status_at TEXT NOT NULL,
  seq INTEGER NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL, year INTEGER,
  verdict_seq INTEGER);
CREATE INDEX claims_claimant ON claims(claimant, rating, year);
CREATE INDEX claims_ref ON claims(ref) WHERE ref IS NOT NULL;
CREATE TABLE claim_tags(claim TEXT NOT NULL, tag TEXT NOT NULL,
  PRIMARY KEY(claim, tag)) WITHOUT ROWID;
"""
# The tables a claim touches; each run reports their schema so that a core that has moved
# on from the baseline's copy above is noticed (printed as a note, never a failure).
_CLAIM_TABLES = ("events", "event_refs", "sources", "claims", "claim_tags")


def _schema_of(path: str) -> list[str]:
    """The CREATE statements of the tables a claim touches, whitespace normalised."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = db.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND tbl_name IN (%s)"
            % ",".join("?" * len(_CLAIM_TABLES)),
            _CLAIM_TABLES,
        ).fetchall()
    finally:
        db.close()
    return sorted(" ".join(sql.split()) for (sql,) in rows)


def _filled_tables(path: str) -> list[str]:
    """The tables that hold rows (a virtual table's shadow tables are left out)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
        virtual = [n for n, sql in tables if (sql or "").upper().startswith("CREATE VIRTUAL")]
        filled = []
        for name, _ in tables:
            if any(name.startswith(v + "_") for v in virtual):
                continue
            quoted = name.replace('"', '""')
            try:
                if db.execute(f'SELECT 1 FROM "{quoted}" LIMIT 1').fetchone():
                    filled.append(name)
            except sqlite3.Error:  # a virtual table this sqlite3 module cannot read
                filled.append(name)
    finally:
        db.close()
    return sorted(filled)


def _claim_data_keys(path: str) -> list[str]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = db.execute("SELECT data FROM events WHERE type = 'claim.added' LIMIT 1").fetchone()
    finally:
        db.close()
    return sorted(json.loads(row[0])) if row else []


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _utc_now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class _BaselineLedger:
    """A minimal hash-chained event log with claim projections, standard library only."""

    def __init__(self, path: str, cache_kib: int = 0) -> None:
        self.python_s = self.sql_s = 0.0  # time building rows vs inserting and committing
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        if cache_kib:
            self.db.execute(f"PRAGMA cache_size=-{cache_kib}")
        self.db.executescript(_BASELINE_SCHEMA)
        self._begin()
        self._append(
            "ledger.created", {"format": "claimledger", "version": 1, "nonce": os.urandom(16).hex()}
        )
        self.db.execute("COMMIT")

    def _begin(self) -> None:
        # Like the core: take the write lock, then read the head of the chain.
        self.db.execute("BEGIN IMMEDIATE")
        head = self.db.execute(
            "SELECT seq, hash, at FROM events ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        self.seq, self.prev, self.at = head if head else (0, GENESIS_PREV, "")
        self.events = []

    def _append(self, type_: str, data: dict) -> tuple:
        self.seq += 1
        self.at = max(_utc_now(), self.at)  # event times never go backwards
        event = {
            "seq": self.seq,
            "prev": self.prev,
            "type": type_,
            "at": self.at,
            "actor": ACTOR,
            "data": data,
        }
        digest = "sha256:" + hashlib.sha256(_canonical(event).encode("utf-8")).hexdigest()
        row = (self.seq, self.prev, type_, self.at, ACTOR, _canonical(data), digest)
        self.prev = digest
        self.db.execute("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)", row)
        return row

    def add_sources(self, records: list[dict]) -> list[str]:
        self._begin()
        ids = []
        for r in records:
            data = {
                "name": r["name"],
                "kind": r.get("kind", "outlet"),
                "url": r.get("url"),
                "affiliation": r.get("affiliation"),
                "ref": None,
                "attributes": {},
            }
            seq, _, _, at, _, _, digest = self._append("source.added", data)
            source_id = "src_" + digest[7:23]
            self.db.execute(
                "INSERT INTO sources(id, name, kind, url, affiliation, attributes, seq, at, actor)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    source_id,
                    data["name"],
                    data["kind"],
                    data["url"],
                    data["affiliation"],
                    "{}",
                    seq,
                    at,
                    ACTOR,
                ),
            )
            self.db.execute("INSERT INTO event_refs VALUES (?, ?)", (source_id, seq))
            ids.append(source_id)
        self.db.execute("COMMIT")
        return ids

    def add_claims(self, records: list[dict], row_by_row: bool = False) -> list[str]:
        """One transaction. Rows are inserted table by table with executemany at the end
        of the batch, or (`row_by_row`, as the core does it) claim by claim."""
        t0 = time.perf_counter()
        self._begin()
        try:
            known = {row[0] for row in self.db.execute("SELECT id FROM sources")}
            events, claims, tags, refs, ids = [], [], [], [], []
            seq, prev, last_at = self.seq, self.prev, self.at
            for r in records:
                text = r["text"].strip()
                claimant = r.get("claimant")
                if not text or (claimant is not None and claimant not in known):
                    raise ValueError(f"bad claim record {r!r}")
                clean_tags = sorted({t.strip() for t in r.get("tags") or ()})
                seq += 1
                last_at = max(_utc_now(), last_at)
                year = int(last_at[:4])  # claims.year: the records have no date
                data = {
                    "text": text,
                    "claimant": claimant,
                    "appears_in": None,
                    "tags": clean_tags,
                    "quantities": [],  # not parsed: the baseline does less work here
                    "date": None,
                    "context": None,
                    "ref": None,
                    "provenance": None,
                }
                event = {
                    "seq": seq,
                    "prev": prev,
                    "type": "claim.added",
                    "at": last_at,
                    "actor": ACTOR,
                    "data": data,
                }
                digest = "sha256:" + hashlib.sha256(_canonical(event).encode("utf-8")).hexdigest()
                claim_id = "clm_" + digest[7:23]
                events.append((seq, prev, "claim.added", last_at, ACTOR, _canonical(data), digest))
                claims.append(
                    (claim_id, text, claimant, "new", None, last_at, seq, last_at, ACTOR, year)
                )
                tags.extend((claim_id, tag) for tag in clean_tags)
                refs.append((claim_id, seq))
                if claimant is not None:
                    refs.append((claimant, seq))
                ids.append(claim_id)
                prev = digest
                if row_by_row:
                    self._insert(events, claims, tags, refs)
                    events, claims, tags, refs = [], [], [], []
            t1 = time.perf_counter()
            self._insert(events, claims, tags, refs)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.python_s += t1 - t0
        self.sql_s += time.perf_counter() - t1
        self.seq, self.prev, self.at = seq, prev, last_at
        return ids

    def _insert(self, events: list, claims: list, tags: list, refs: list) -> None:
        self.db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)", events)
        self.db.executemany(
            "INSERT INTO claims(id, text, claimant, status, rating, status_at, seq, at, actor,"
            " year) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            claims,
        )
        self.db.executemany("INSERT OR IGNORE INTO claim_tags VALUES (?, ?)", tags)
        self.db.executemany("INSERT OR IGNORE INTO event_refs VALUES (?, ?)", refs)

    def event_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM events").fetchone()[0]


def run_baseline(args: argparse.Namespace, directory: str) -> dict:
    path = os.path.join(directory, "baseline.sqlite")
    ledger = _BaselineLedger(path)
    source_ids = ledger.add_sources(_CLAIMANTS)
    records = _with_claimants(make_claims(args.claims, args.seed), source_ids)
    setup_rss = _peak_rss_mb()

    added = 0
    cpu, start = _cpu_s(), time.perf_counter()
    for batch in _batches(records, args.batch):
        added += len(ledger.add_claims(batch))
    seconds, cpu = time.perf_counter() - start, _cpu_s() - cpu
    expected_events = 1 + len(_CLAIMANTS) + args.claims
    if added != args.claims or ledger.event_count() != expected_events:
        raise RuntimeError(f"baseline added {added} claims, expected {args.claims}")
    ledger.db.close()
    return {
        "schema": _schema_of(path),
        "claim_data_keys": _claim_data_keys(path),
        "tables_written": _filled_tables(path),
        "system": "baseline",
        "claims": added,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "setup_rss_mb": setup_rss,
        "peak_rss_mb": _peak_rss_mb(),
        "python_s": ledger.python_s,
        "sqlite_s": ledger.sql_s,
        "file_mb": _file_mb(path),
    }


def _file_mb(path: str) -> float:
    size = sum(os.path.getsize(path + s) for s in ("", "-wal") if os.path.exists(path + s))
    return size / 1e6


# --- driver --------------------------------------------------------------------------------


def _worker(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="claimledger-bench-") as directory:
        if args.worker == "claimledger":
            result = run_claimledger(args, directory)
        elif args.worker == "baseline":
            result = run_baseline(args, directory)
        else:
            result = profile_claimledger(args, directory)
    print(json.dumps(result))


def _run_worker(system: str, args: argparse.Namespace) -> dict:
    command = [
        sys.executable,
        os.path.abspath(__file__),
        "--worker",
        system,
        "--claims",
        str(args.claims),
        "--batch",
        str(args.batch),
        "--seed",
        str(args.seed),
    ]
    done = subprocess.run(command, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"bench_bulk_add: the {system} run failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _median_run(runs: list[dict]) -> dict:
    ordered = sorted(runs, key=lambda r: r["seconds"])
    return dict(ordered[len(ordered) // 2], runs_seconds=[r["seconds"] for r in runs])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000, help="claims to add (100000)")
    parser.add_argument("--batch", type=int, default=10_000, help="claims per add_claims call")
    parser.add_argument("--seed", type=int, default=20241021, help="seed of the records")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each system; the median is reported (1)"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also split claimledger's time (Python vs C++) and time variants",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--worker", choices=["claimledger", "baseline", "profile"], help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.claims < 1 or args.batch < 1 or args.repeat < 1:
        parser.error("--claims, --batch and --repeat must be positive")
    if args.worker:
        _worker(args)
        return 0

    runs = {"claimledger": [], "baseline": []}
    for _ in range(args.repeat):  # alternate, so that drift hits both alike
        for system, system_runs in runs.items():
            system_runs.append(_run_worker(system, args))
    cl, base = _median_run(runs["claimledger"]), _median_run(runs["baseline"])
    for r in (cl, base):
        r["claims_per_s"] = r["claims"] / r["seconds"] if r["seconds"] > 0 else float("inf")
    ratio = cl["claims_per_s"] / base["claims_per_s"] if base["claims_per_s"] else float("nan")
    verify_runs = sorted((r["verify"] for r in runs["claimledger"]), key=lambda v: v["seconds"])
    verify = dict(
        verify_runs[len(verify_runs) // 2], runs_seconds=[v["seconds"] for v in verify_runs]
    )
    verify["events_per_s"] = verify["events"] / verify["seconds"] if verify["seconds"] else 0.0
    drift = sorted(set(cl.pop("schema")) ^ set(base.pop("schema")))
    cl_keys, base_keys = cl.pop("claim_data_keys"), base.pop("claim_data_keys")
    only_core = sorted(set(cl.pop("tables_written")) - set(base.pop("tables_written")))
    for r in runs["claimledger"] + runs["baseline"]:
        for key in ("schema", "claim_data_keys", "tables_written"):
            r.pop(key, None)
    result = {
        "benchmark": "bulk_add",
        "date": datetime.date.today().isoformat(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "system": platform.system(),
        },
        "claims": args.claims,
        "batch": args.batch,
        "seed": args.seed,
        "repeat": args.repeat,
        "results": [cl, base],
        "ratio_claimledger_over_baseline": ratio,
        "verify": verify,
        "note": "the baseline does less work: it does not parse quantities",
        "baseline_mirrors_core": {
            "schema": not drift,
            "schema_differences": drift,
            "claim_event_keys": cl_keys == base_keys,
            "tables_only_claimledger_writes": only_core,
        },
    }
    if args.profile:
        result["profile"] = _run_worker("profile", args)

    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(
        f"bulk add: {args.claims:,} claims in batches of {args.batch:,}, file ledger, "
        f"WAL, synchronous=FULL (median of {args.repeat} run(s))"
    )
    print(
        f"{'system':<12} {'claims':>9} {'seconds':>8} {'CPU s':>6} {'claims/s':>10} "
        f"{'ratio':>6} {'peak RSS':>9} {'file':>7}"
    )
    for r in (cl, base):
        print(
            f"{r['system']:<12} {r['claims']:>9,} {r['seconds']:>8.2f} {r['cpu_seconds']:>6.2f} "
            f"{r['claims_per_s']:>10,.0f} {r['claims_per_s'] / base['claims_per_s']:>6.2f} "
            f"{r['peak_rss_mb']:>6.0f} MB {r['file_mb']:>4.0f} MB"
        )
    print(f"ratio claimledger/baseline: {ratio:.2f} (above 1: claimledger is faster)")
    print(
        "note: the baseline does less work: it does not parse quantities (its events hold []); "
        f"claimledger parses them (e.g. {cl['quantities_in_first_claim']} in the first claim)"
    )
    if only_core:
        print("note: claimledger also writes tables the baseline does not: " + ", ".join(only_core))
    if drift or cl_keys != base_keys:
        print(
            "note: the core has moved on from the baseline's copy of its schema or event "
            "data; update _BASELINE_SCHEMA and the baseline's rows (--json lists the "
            "differences)"
        )
    print(
        f"verify: {verify['events']:,} events in {verify['seconds']:.2f} s = "
        f"{verify['events_per_s']:,.0f} events/s, ok={verify['ok']}, "
        f"peak RSS {verify['peak_rss_mb']:.0f} MB"
    )
    if args.profile:
        p = result["profile"]
        if "cpp_call_s" in p:
            total = p["python_conversion_s"] + p["cpp_call_s"]
            print(
                f"profile: Python part of add_claims {p['python_conversion_s']:.2f} s "
                f"({100 * p['python_conversion_s'] / total:.0f}%), "
                f"C++ call {p['cpp_call_s']:.2f} s ({100 * p['cpp_call_s'] / total:.0f}%)"
            )
        for key in (
            "in_memory_s",
            "no_numbers_s",
            "no_tags_no_claimant_s",
            "batch_1000_s",
            "baseline_row_by_row_s",
            "baseline_row_by_row_cache64mb_s",
        ):
            if key in p:
                print(f"  variant {key[:-2]:<32} {p[key]:6.2f} s")
        print(
            f"  baseline split: Python rows {base['python_s']:.2f} s, "
            f"SQLite inserts + commits {base['sqlite_s']:.2f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
