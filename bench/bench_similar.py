"""Checked before? ``similar()`` and ``search()`` against a rapidfuzz brute-force scan.

What it measures
    1. Recall (``--part recall``). The haystack is every distinct FEVER dev claim
       (``--fever``, ``fever_labelled_dev.json``) and LIAR statement (``--liar-dir``,
       train/valid/test TSV), about 32,400 claims, added with ``wb.add_claims`` to a fresh
       ledger. A seeded sample of them (``--sample``, 1,000) gets one reworded variant
       each, made by 2-3 of these rules (written for this benchmark, applied in a random
       order):
         synonym   up to two words or phrases from a small table ("film" -> "movie",
                   "more than" -> "over", "says" -> "claims");
         reorder   a trailing phrase moved to the front ("X was born in 1970." ->
                   "In 1970, X was born"), or the two halves around a comma swapped;
         number    another format of a number: 28,500 / 28500 / 28.5 thousand,
                   1,200,000 / 1.2 million, 45% / 45 percent, two / 2;
         drop      one word left out (two in claims of 12 words or more; only in claims of
                   6 words or more);
         case      lower case, no final full stop or quotes.
       Each variant is a query: recall@5 is the share of queries whose source claim is
       among the 5 results, top-1 precision the share whose first result is the source.
       The same queries go to ``wb.similar(text, k=5)`` and to rapidfuzz
       (``process.extract(query, choices, scorer=..., limit=5)`` over the same texts,
       preprocessed once with ``utils.default_process``) for each scorer of
       ``--scorers``; per-rule breakdown for both.
    2. Latency (``--part latency``) on a ledger of ``--claims`` claims (1,000,000): the
       real claims above plus generated ones (a word-level Markov chain trained on them;
       6-30 words; distinct; none shares five consecutive words with a real claim, so
       the real claim stays the one right answer for its variants). The ledger is built
       once with ``wb.add_claims`` in batches of 10,000 and cached under
       ``build/bench/`` keyed by size, seed and a fingerprint of the LSH bucket keys
       the installed core computes (a core that writes other keys rebuilds it). Then,
       in one process, after reading the ledger file through once (so that it starts in
       memory, as rapidfuzz's texts do):
       ``wb.similar(q, k=5)`` for ``--queries`` queries (1,000: 70% variants of real
       claims, made as above, 30% unrelated: sentences of the project's sample documents
       and generated sentences not in the ledger), median and p99 latency, and the core
       call alone (``wb._core.similar``, ids and scores, no claim objects); ``wb.search``
       for 500 typical queries (1-3 words of a real claim), median and p99 (and the core
       call alone); wall time (``perf_counter``) and CPU time (``process_time``) of
       each call. In another process rapidfuzz scans all claims for each of
       ``--rapidfuzz-queries`` (200) of the same queries (150 variants, 50 unrelated), with
       the scorer given by ``--rapidfuzz-scorer``; the speed ratio is rapidfuzz's median
       over ``similar``'s median on those same queries, and recall@5 of both is
       measured on the variants among them.
       Index build (``--part latency`` with the ``lsh_build`` helper, built by ``make
       bench``): the time to compute the LSH bucket keys of every claim text in the
       ledger (``LshBuckets``), sort them and write them into an empty table of
       ``claim_lsh``'s layout in a fresh file, one transaction. It excludes everything
       else ``add_claims`` does; the load's own time is shown beside it.

Targets (issue 7): recall@5 >= 0.9 (top-1 precision reported); at 1,000,000 claims
``similar`` median < 2 ms and p99 < 10 ms, ``search`` median < 5 ms, index build < 60 s,
and ``similar`` at least 50x faster than the rapidfuzz scan at equal or better recall.
Each is printed with "met" or "NOT met"; a timing never fails the run.

Reproduce (after ``make venv`` and ``.venv/bin/pip install -q '.[bench]'``; the data
under ``../shared/data``; a missing data set stops the run with a message):
    .venv/bin/python bench/bench_similar.py --part recall
    .venv/bin/python bench/bench_similar.py --part latency --claims 1000000
    .venv/bin/python bench/bench_similar.py --claims 50000 --sample 200   # smoke, ~1 min
    .venv/bin/python bench/bench_similar.py --claims 50000 --sample 200 --json
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import platform
import random
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterator, Optional

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = ROOT.parent / "shared" / "data"
DEFAULT_FEVER = DATA / "fever" / "fever_labelled_dev.json"
DEFAULT_LIAR_DIR = DATA / "liar"
LIAR_FILES = ("train.tsv", "valid.tsv", "test.tsv")
CACHE = ROOT / "build" / "bench"
LSH_BUILD = ROOT / "build" / "bench" / "lsh_build"
SAMPLE_DOCS = ROOT / "python" / "claimledger" / "data"
BATCH = 10_000
K = 5

TARGET_RECALL = 0.9
TARGET_SIMILAR_MEDIAN_MS = 2.0
TARGET_SIMILAR_P99_MS = 10.0
TARGET_SEARCH_MEDIAN_MS = 5.0
TARGET_BUILD_S = 60.0
TARGET_SPEEDUP = 50.0

# ---------------------------------------------------------------------------------------
# The real claims


def real_claims(fever: Path, liar_dir: Path) -> list[tuple[str, str]]:
    """(ref, text) of every distinct FEVER dev claim and LIAR statement, in file order."""
    missing = [str(p) for p in [fever] + [liar_dir / f for f in LIAR_FILES] if not p.is_file()]
    if missing:
        raise SystemExit(
            "bench_similar: the evaluation data is missing: "
            + ", ".join(missing)
            + " (give --fever and --liar-dir: FEVER's fever_labelled_dev.json and LIAR's "
            "train/valid/test TSV files)"
        )
    seen: set[str] = set()
    out: list[tuple[str, str]] = []

    def add(ref: str, text: str) -> None:
        text = " ".join(text.split())
        if text and text not in seen:
            seen.add(text)
            out.append((ref, text))

    for record in json.loads(fever.read_text(encoding="utf-8")):
        add(f"fever:{record['id']}", record["claim"])
    for name in LIAR_FILES:
        with open(liar_dir / name, encoding="utf-8", newline="") as f:
            for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) >= 3:
                    add(f"liar:{row[0]}", row[2])
    return out


# ---------------------------------------------------------------------------------------
# Rule-based variants

SYNONYMS = {
    "film": "movie", "movie": "film", "films": "movies", "movies": "films",
    "actor": "performer", "actress": "performer", "singer": "vocalist",
    "company": "firm", "country": "nation", "city": "town", "won": "received",
    "award": "prize", "awards": "prizes", "released": "issued", "created": "made",
    "wrote": "authored", "written": "authored", "american": "US", "president": "leader",
    "government": "administration", "percent": "per cent", "people": "persons",
    "children": "kids", "increased": "rose", "rose": "increased", "decreased": "fell",
    "cut": "reduced", "spent": "paid", "jobs": "positions", "taxes": "levies",
    "started": "began", "began": "started", "largest": "biggest", "biggest": "largest",
    "big": "large", "small": "little", "television": "TV", "tv": "television",
    "album": "record", "song": "track", "band": "group", "war": "conflict",
    "played": "performed", "starred": "appeared", "appeared": "featured",
    "received": "got", "located": "situated", "known": "famous", "died": "passed away",
    "worked": "served", "money": "funds", "says": "claims", "said": "stated",
    "about": "roughly", "nearly": "almost", "only": "just", "never": "not once",
    "more than": "over", "less than": "under", "united states": "America",
    "health care": "healthcare", "obamacare": "the Affordable Care Act",
    "part": "portion", "member": "participant", "show": "program",
    "series": "show", "directed": "helmed", "produced": "made", "included": "contained",
    "voted": "cast votes",
}  # fmt: skip
PREPOSITIONS = {"in", "on", "at", "during", "since", "after", "before", "by", "for", "from"}
NUMBER_WORDS = {
    "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10",
}  # fmt: skip
DIGIT_WORDS = {v: k for k, v in NUMBER_WORDS.items()}
NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d{4,})(?![\w,]|\.\d)")
PERCENT = re.compile(r"(\d+(?:\.\d+)?)(%| percent)")


def _match_case(replacement: str, original: str) -> str:
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def rule_synonym(text: str, rng: random.Random) -> Optional[str]:
    spots = []
    for phrase in SYNONYMS:
        for m in re.finditer(r"\b" + re.escape(phrase) + r"\b", text, flags=re.IGNORECASE):
            spots.append((m.start(), m.end(), phrase))
    if not spots:
        return None
    chosen = sorted(rng.sample(spots, min(2, len(spots))), reverse=True)
    last = len(text) + 1
    for start, end, phrase in chosen:
        if end > last:  # overlapping spots: keep the later one only
            continue
        text = text[:start] + _match_case(SYNONYMS[phrase], text[start:end]) + text[end:]
        last = start
    return text


def rule_reorder(text: str, rng: random.Random) -> Optional[str]:
    body = text.rstrip(".!? ")
    words = body.split()
    if ", " in body:
        left, right = body.split(", ", 1)
        if len(left.split()) >= 3 and len(right.split()) >= 3:
            return f"{right[:1].upper()}{right[1:]}, {left[:1].lower()}{left[1:]}"
    spots = [i for i, w in enumerate(words) if i >= 2 and w.lower() in PREPOSITIONS]
    if not spots or len(words) - spots[-1] < 2:
        return None
    i = rng.choice(spots)
    phrase, rest = " ".join(words[i:]), " ".join(words[:i])
    return f"{phrase[:1].upper()}{phrase[1:]}, {rest}"


def _number_format(digits: str, rng: random.Random) -> Optional[str]:
    n = int(digits.replace(",", ""))
    if "," not in digits and 1000 <= n <= 2100:
        return None  # a year: another format would change what it says
    choices = [f"{n:,}", str(n)]
    for scale, word in ((1_000_000_000, "billion"), (1_000_000, "million"), (1000, "thousand")):
        if n >= scale and n % (scale // 10) == 0:
            choices.append(f"{n / scale:g} {word}")
            break
    choices = [c for c in choices if c != digits]
    return rng.choice(choices) if choices else None


def rule_number(text: str, rng: random.Random) -> Optional[str]:
    edits: list[tuple[int, int, str]] = []
    for m in NUMBER.finditer(text):
        new = _number_format(m.group(1), rng)
        if new:
            edits.append((m.start(1), m.end(1), new))
    for m in PERCENT.finditer(text):
        edits.append((m.start(2), m.end(2), " percent" if m.group(2) == "%" else "%"))
    for m in re.finditer(r"\b(two|three|four|five|six|seven|eight|nine|ten|[2-9])\b", text):
        word = m.group(1)
        edits.append((m.start(), m.end(), NUMBER_WORDS.get(word) or DIGIT_WORDS[word]))
    if not edits:
        return None
    start, end, new = rng.choice(edits)
    return text[:start] + new + text[end:]


def rule_drop(text: str, rng: random.Random) -> Optional[str]:
    words = text.split()
    if len(words) < 6:
        return None
    for _ in range(1 if len(words) < 12 else 2):
        del words[rng.randrange(1, len(words))]
    return " ".join(words)


def rule_case(text: str, rng: random.Random) -> Optional[str]:
    out = text.lower().rstrip(".").replace('"', "")
    return out if out != text else None


RULES: dict[str, Callable[[str, random.Random], Optional[str]]] = {
    "synonym": rule_synonym,
    "reorder": rule_reorder,
    "number": rule_number,
    "drop": rule_drop,
    "case": rule_case,
}


def variant(text: str, rng: random.Random) -> tuple[str, list[str]]:
    """A reworded `text` made by 2-3 rules (fewer when fewer apply), and their names."""
    names = list(RULES)
    rng.shuffle(names)
    wanted = rng.choice((2, 3))
    applied: list[str] = []
    out = text
    for name in names:
        if len(applied) == wanted:
            break
        new = RULES[name](out, rng)
        if new and new != out:
            out, applied = new, applied + [name]
    return out, applied


# ---------------------------------------------------------------------------------------
# Generated claims and unrelated queries


class Markov:
    """A word-level Markov chain (one word of context) over the real claims."""

    def __init__(self, texts: list[str]) -> None:
        self.next: dict[str, list[str]] = defaultdict(list)
        self.grams: set[tuple[str, ...]] = set()
        for text in texts:
            words = text.split()
            self.grams.update(tuple(words[i : i + 5]) for i in range(len(words) - 4))
            for a, b in zip([""] + words, words + [""]):
                self.next[a].append(b)

    def sentences(self, rng: random.Random, exclude: set[str]) -> Iterator[str]:
        """Distinct sentences of 6-30 words sharing no five consecutive words with a real
        claim and not in `exclude` (which grows with what is yielded)."""
        choice, nxt, grams = rng.choice, self.next, self.grams
        while True:
            words, word = [], choice(nxt[""])
            while word and len(words) < 31:
                words.append(word)
                word = choice(nxt[word])
            if not 6 <= len(words) <= 30:
                continue
            if any(tuple(words[i : i + 5]) in grams for i in range(len(words) - 4)):
                continue
            text = " ".join(words)
            if text not in exclude:
                exclude.add(text)
                yield text


def sample_doc_sentences() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLE_DOCS.glob("*.txt")))
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(text.split()))
    return [p for p in parts if len(p.split()) >= 5]


# ---------------------------------------------------------------------------------------
# Helpers


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def _latency(times: list[float]) -> dict:
    ms = [t * 1000 for t in times]
    return {
        "queries": len(ms),
        "median_ms": statistics.median(ms),
        "p99_ms": _percentile(ms, 0.99),
        "max_ms": max(ms),
        "mean_ms": statistics.fmean(ms),
    }


def _scores(found: list[list[str]], targets: list[str]) -> dict:
    n = len(targets)
    top1 = sum(1 for f, t in zip(found, targets) if f[:1] == [t])
    at_k = sum(1 for f, t in zip(found, targets) if t in f[:K])
    return {"queries": n, "recall_at_5": at_k / n if n else None, "top1": top1 / n if n else None}


def _by_rule(found: list[list[str]], queries: list[dict]) -> dict:
    out = {}
    for rule in RULES:
        picked = [(f, q["target"]) for f, q in zip(found, queries) if rule in q["rules"]]
        out[rule] = _scores([f for f, _ in picked], [t for _, t in picked])
    return out


PROBES = [
    "About 28,500 US troops are stationed in South Korea.",
    "Colin Kaepernick became a starting quarterback in the 49ers 63rd season.",
    "Says the unemployment rate doubled to 10 percent in 2009.",
]


def _lsh_key() -> str:
    """A fingerprint of the LSH bucket keys the installed core writes: a cached ledger
    built by a core that computes other keys (stale rows) is not reused."""
    import claimledger as cl

    with tempfile.TemporaryDirectory(prefix="claimledger-bench-similar-") as directory:
        path = Path(directory) / "probe.ledger"
        with cl.open(path) as wb:
            wb.add_claims([{"text": t} for t in PROBES])
        with sqlite3.connect(path) as db:
            # Both tables of buckets (schema version 9 keeps a small batch's in the second).
            rows = db.execute(
                "SELECT bucket FROM claim_lsh UNION ALL SELECT bucket FROM claim_lsh_recent "
                "ORDER BY bucket"
            ).fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:12]


def _read_claims(path: Path) -> list[tuple[str, str, Optional[str]]]:
    """(id, text, ref) of every claim in the ledger, read straight from its file."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return db.execute("SELECT id, text, ref FROM claims ORDER BY rowid").fetchall()


def _rapidfuzz_scorer(name: str):
    from rapidfuzz import fuzz

    return getattr(fuzz, name)


# ---------------------------------------------------------------------------------------
# Workers (each in its own process)


def worker_recall_claimledger(args: argparse.Namespace) -> dict:
    import claimledger as cl

    spec = json.loads(Path(args.spec).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="claimledger-bench-similar-") as directory:
        wb = cl.open(Path(directory) / "recall.ledger", scale="fever")
        start = time.perf_counter()
        ids: list[str] = []
        records = [{"text": t} for t in spec["haystack"]]
        for i in range(0, len(records), BATCH):
            ids += wb.add_claims(records[i : i + BATCH])
        load_s = time.perf_counter() - start
        found, times = [], []
        for q in spec["queries"]:
            start = time.perf_counter()
            hits = wb._core.similar(q["text"], K)
            times.append(time.perf_counter() - start)
            found.append([h.claim for h in hits])
        wb.close()
    index = {claim_id: i for i, claim_id in enumerate(ids)}
    found_rows = [[index[c] for c in f] for f in found]
    return {"load_s": load_s, "found": found_rows, "latency": _latency(times)}


def worker_recall_rapidfuzz(args: argparse.Namespace) -> dict:
    from rapidfuzz import process, utils

    spec = json.loads(Path(args.spec).read_text(encoding="utf-8"))
    choices = [utils.default_process(t) for t in spec["haystack"]]
    out = {}
    for name in args.scorers.split(","):
        scorer = _rapidfuzz_scorer(name)
        found, times = [], []
        for q in spec["queries"]:
            query = utils.default_process(q["text"])
            start = time.perf_counter()
            hits = process.extract(query, choices, scorer=scorer, processor=None, limit=K)
            times.append(time.perf_counter() - start)
            found.append([h[2] for h in hits])
        out[name] = {"found": found, "latency": _latency(times)}
    return out


def worker_build(args: argparse.Namespace) -> dict:
    import claimledger as cl

    real = real_claims(args.fever, args.liar_dir)
    path = Path(args.ledger)
    tmp = path.with_suffix(".partial")
    for p in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
        p.unlink(missing_ok=True)
    wb = cl.open(tmp, scale="politifact")
    rng = random.Random(args.seed)
    generated = Markov([t for _, t in real]).sentences(rng, {t for _, t in real})
    records: Iterator[dict] = (
        {"text": t, "ref": r} for r, t in real[: args.claims]
    )  # the real claims first, then generated ones
    added, load_s, gen_s = 0, 0.0, 0.0
    while added < args.claims:
        start = time.perf_counter()
        batch = []
        while len(batch) < BATCH and added + len(batch) < args.claims:
            record = next(records, None)
            batch.append(record if record else {"text": next(generated)})
        gen_s += time.perf_counter() - start
        start = time.perf_counter()
        wb.add_claims(batch)
        load_s += time.perf_counter() - start
        added += len(batch)
    wb.close()
    os.replace(tmp, path)
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    info = {"claims": added, "load_s": load_s, "generate_s": gen_s, "peak_rss_mb": _peak_rss_mb()}
    Path(str(path) + ".json").write_text(json.dumps(info), encoding="utf-8")
    return info


def _timed_pairs(calls: dict[str, Callable[[str], list]], texts: list[str]) -> dict:
    """Runs both calls on each text, in alternating order (so that neither always finds
    the pages the other just read), timing each: wall and CPU time, and the ids found."""
    out = {name: {"found": [], "times": [], "cpu": []} for name in calls}
    names = list(calls)
    for i, text in enumerate(texts):
        for name in names if i % 2 == 0 else names[::-1]:
            cpu_start, start = time.process_time(), time.perf_counter()
            found = calls[name](text)
            out[name]["times"].append(time.perf_counter() - start)
            out[name]["cpu"].append(time.process_time() - cpu_start)
            out[name]["found"].append(found)
    for r in out.values():
        r["latency"], r["cpu"] = _latency(r["times"]), _latency(r["cpu"])
        r["hits"] = sum(len(f) for f in r["found"])
    return out


def worker_latency_claimledger(args: argparse.Namespace) -> dict:
    import claimledger as cl

    spec = json.loads(Path(args.spec).read_text(encoding="utf-8"))
    # Both systems start with their data in memory, as on a desk in use: rapidfuzz holds
    # every text in RAM, so the ledger file is read through once (into the OS page cache).
    with open(args.ledger, "rb") as f:
        while f.read(1 << 24):
            pass
    wb = cl.open(args.ledger, create=False)
    for q in spec["queries"][:20]:
        wb.similar(q["text"], k=K)
    similar = {
        "similar": lambda text: [h.claim.id for h in wb.similar(text, k=K)],
        "similar_core": lambda text: [h.claim for h in wb._core.similar(text, K)],
    }
    search = {
        "search": lambda text: [h.claim.id for h in wb.search(text)],
        "search_core": lambda text: [
            h.claim for h in wb._core.search(text, None, None, None, None, 10, None, None, False)
        ],
    }
    out: dict = {}
    out.update(_timed_pairs(similar, [q["text"] for q in spec["queries"]]))
    out.update(_timed_pairs(search, spec["search"]))
    wb.close()
    out["peak_rss_mb"] = _peak_rss_mb()
    return out


def worker_latency_rapidfuzz(args: argparse.Namespace) -> dict:
    from rapidfuzz import process, utils

    spec = json.loads(Path(args.spec).read_text(encoding="utf-8"))
    start = time.perf_counter()
    rows = _read_claims(Path(args.ledger))
    ids = [r[0] for r in rows]
    read_s = time.perf_counter() - start
    start = time.perf_counter()
    choices = [utils.default_process(r[1]) for r in rows]
    del rows
    prepare_s = time.perf_counter() - start
    scorer = _rapidfuzz_scorer(args.rapidfuzz_scorer)
    found, times = [], []
    for q in spec["rapidfuzz_queries"]:
        query = utils.default_process(q["text"])
        start = time.perf_counter()
        hits = process.extract(query, choices, scorer=scorer, processor=None, limit=K)
        times.append(time.perf_counter() - start)
        found.append([ids[h[2]] for h in hits])
    return {
        "scorer": args.rapidfuzz_scorer,
        "read_s": read_s,
        "prepare_s": prepare_s,
        "found": found,
        "times": times,
        "latency": _latency(times),
        "peak_rss_mb": _peak_rss_mb(),
    }


WORKERS = {
    "recall-claimledger": worker_recall_claimledger,
    "recall-rapidfuzz": worker_recall_rapidfuzz,
    "build": worker_build,
    "latency-claimledger": worker_latency_claimledger,
    "latency-rapidfuzz": worker_latency_rapidfuzz,
}


def _run_worker(name: str, args: argparse.Namespace, **extra: str) -> dict:
    command = [sys.executable, os.path.abspath(__file__), "--worker", name]
    for key, value in (
        ("--fever", args.fever),
        ("--liar-dir", args.liar_dir),
        ("--seed", args.seed),
        ("--claims", args.claims),
        ("--scorers", args.scorers),
        ("--rapidfuzz-scorer", args.rapidfuzz_scorer),
        *((f"--{k}", v) for k, v in extra.items()),
    ):
        command += [key, str(value)]
    done = subprocess.run(command, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"bench_similar: the {name} run failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------------------
# The two parts


def part_recall(args: argparse.Namespace, directory: Path) -> dict:
    real = real_claims(args.fever, args.liar_dir)
    rng = random.Random(args.seed)
    queries = []
    for i in rng.sample(range(len(real)), min(args.sample, len(real))):
        text, rules = variant(real[i][1], rng)
        queries.append({"text": text, "rules": rules, "target": i, "source": real[i][1]})
    spec = directory / "recall.json"
    spec.write_text(
        json.dumps({"haystack": [t for _, t in real], "queries": queries}), encoding="utf-8"
    )
    targets = [q["target"] for q in queries]
    cl = _run_worker("recall-claimledger", args, spec=str(spec))
    rf = _run_worker("recall-rapidfuzz", args, spec=str(spec))
    systems = {"claimledger similar": {**_scores(cl["found"], targets), "latency": cl["latency"]}}
    rules = {"claimledger similar": _by_rule(cl["found"], queries)}
    for name, r in rf.items():
        systems[f"rapidfuzz {name}"] = {**_scores(r["found"], targets), "latency": r["latency"]}
        rules[f"rapidfuzz {name}"] = _by_rule(r["found"], queries)
    misses = [
        {"query": q["text"], "source": q["source"], "rules": q["rules"]}
        for f, q in zip(cl["found"], queries)
        if q["target"] not in f
    ]
    return {
        "haystack": len(real),
        "load_s": cl["load_s"],
        "rule_counts": {r: sum(r in q["rules"] for q in queries) for r in RULES},
        "systems": systems,
        "by_rule": rules,
        "misses_sample": misses[:15],
    }


def _ensure_ledger(args: argparse.Namespace) -> tuple[Path, dict]:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"similar-{args.claims}-{args.seed}-{_lsh_key()}.ledger"
    info_path = Path(str(path) + ".json")
    if path.exists() and info_path.exists():
        return path, {**json.loads(info_path.read_text(encoding="utf-8")), "cached": True}
    print(f"building {path.name} ({args.claims:,} claims; cached for later runs)", file=sys.stderr)
    return path, {**_run_worker("build", args, ledger=str(path)), "cached": False}


def _index_build(path: Path) -> Optional[dict]:
    if not LSH_BUILD.exists():
        return None
    done = subprocess.run([str(LSH_BUILD), str(path)], check=False, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        return None
    return json.loads(done.stdout)


def part_latency(args: argparse.Namespace, directory: Path) -> dict:
    path, build = _ensure_ledger(args)
    rows = _read_claims(path)
    by_ref = {ref: claim_id for claim_id, _, ref in rows if ref}
    real = [(ref, text) for ref, text in real_claims(args.fever, args.liar_dir) if ref in by_ref]
    rng = random.Random(args.seed + 1)
    near = round(args.queries * 0.7)
    queries = []
    for ref, text in rng.sample(real, min(near, len(real))):
        q, rules = variant(text, rng)
        queries.append({"text": q, "rules": rules, "target": by_ref[ref], "kind": "variant"})
    unrelated = sample_doc_sentences()
    rng.shuffle(unrelated)
    in_ledger = {text for _, text, _ in rows}
    del rows
    fresh = Markov([t for _, t in real]).sentences(random.Random(args.seed + 2), in_ledger)
    while len(queries) < args.queries:
        text = unrelated.pop() if unrelated else next(fresh)
        queries.append({"text": text, "rules": [], "target": None, "kind": "unrelated"})
    rng.shuffle(queries)
    words = [
        [w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)] for _, text in rng.sample(real, 500)
    ]
    search = [
        " ".join(rng.sample(ws, min(len(ws), rng.choice((1, 2, 2, 3))))) for ws in words if ws
    ]
    variants = [q for q in queries if q["kind"] == "variant"]
    others = [q for q in queries if q["kind"] == "unrelated"]
    n_rf = args.rapidfuzz_queries
    sample = variants[: round(n_rf * 0.75)] + others[: n_rf - round(n_rf * 0.75)]
    spec = directory / "latency.json"
    spec.write_text(
        json.dumps({"queries": queries, "search": search, "rapidfuzz_queries": sample}),
        encoding="utf-8",
    )
    cl = _run_worker("latency-claimledger", args, spec=str(spec), ledger=str(path))
    rf = _run_worker("latency-rapidfuzz", args, spec=str(spec), ledger=str(path))
    position = {id(q): i for i, q in enumerate(queries)}
    picked = [position[id(q)] for q in sample]
    # the same sampled queries, as claimledger answered and timed them
    sim = cl["similar"]
    sim_times = [sim["times"][i] for i in picked]
    sim_found = [sim["found"][i] for i in picked]
    sampled_variants = [i for i, q in enumerate(sample) if q["kind"] == "variant"]
    target = [sample[i]["target"] for i in sampled_variants]
    recall_sample = {
        "claimledger similar": _scores([sim_found[i] for i in sampled_variants], target),
        f"rapidfuzz {rf['scorer']}": _scores([rf["found"][i] for i in sampled_variants], target),
    }
    ratio = statistics.median(rf["times"]) / statistics.median(sim_times)
    all_targets = [q["target"] for q in variants]
    var_idx = [i for i, q in enumerate(queries) if q["kind"] == "variant"]
    return {
        "claims": build["claims"],
        "build": build,
        "index_build": _index_build(path),
        "similar": sim["latency"],
        "similar_by_kind": {
            kind: _latency([sim["times"][i] for i, q in enumerate(queries) if q["kind"] == kind])
            for kind in ("variant", "unrelated")
        },
        "similar_core": cl["similar_core"]["latency"],
        "cpu": {
            "similar": sim["cpu"],
            "similar_core": cl["similar_core"]["cpu"],
            "search": cl["search"]["cpu"],
            "search_core": cl["search_core"]["cpu"],
        },
        "similar_recall": _scores([sim["found"][i] for i in var_idx], all_targets),
        "similar_by_rule": _by_rule([sim["found"][i] for i in var_idx], variants),
        "search": {k: cl["search"][k] for k in ("latency", "cpu", "hits")},
        "search_core": {k: cl["search_core"][k] for k in ("latency", "cpu", "hits")},
        "search_queries_sample": search[:5],
        "rapidfuzz": {
            k: rf[k] for k in ("scorer", "read_s", "prepare_s", "latency", "peak_rss_mb")
        },
        "similar_on_rapidfuzz_sample": _latency(sim_times),
        "speedup": ratio,
        "recall_on_rapidfuzz_sample": recall_sample,
        "claimledger_peak_rss_mb": cl["peak_rss_mb"],
    }


# ---------------------------------------------------------------------------------------
# Report


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def _targets(result: dict) -> list[dict]:
    rows = []
    if "recall" in result:
        s = result["recall"]["systems"]["claimledger similar"]
        rows.append(("recall@5 of similar (FEVER+LIAR variants)", f"{s['recall_at_5']:.3f}",
                     f">= {TARGET_RECALL}", s["recall_at_5"] >= TARGET_RECALL))  # fmt: skip
    if "latency" in result:
        r = result["latency"]
        at = "" if r["claims"] >= 1_000_000 else f" (at {r['claims']:,} claims)"
        rows += [
            (f"similar median{at}", f"{r['similar']['median_ms']:.2f} ms",
             f"< {TARGET_SIMILAR_MEDIAN_MS:g} ms",
             r["similar"]["median_ms"] < TARGET_SIMILAR_MEDIAN_MS),
            (f"similar p99{at}", f"{r['similar']['p99_ms']:.2f} ms",
             f"< {TARGET_SIMILAR_P99_MS:g} ms", r["similar"]["p99_ms"] < TARGET_SIMILAR_P99_MS),
            (f"search median{at}", f"{r['search']['latency']['median_ms']:.2f} ms",
             f"< {TARGET_SEARCH_MEDIAN_MS:g} ms",
             r["search"]["latency"]["median_ms"] < TARGET_SEARCH_MEDIAN_MS),
        ]  # fmt: skip
        if r["index_build"]:
            total = r["index_build"]["seconds"]
            rows.append((f"index build{at}", f"{total:.1f} s", f"< {TARGET_BUILD_S:g} s",
                         total < TARGET_BUILD_S))  # fmt: skip
        rec = r["recall_on_rapidfuzz_sample"]
        mine, peer = (v["recall_at_5"] for v in rec.values())
        rows.append((f"similar vs rapidfuzz scan{at}", f"{r['speedup']:.0f}x, recall "
                     f"{mine:.2f} vs {peer:.2f}", f">= {TARGET_SPEEDUP:g}x at >= recall",
                     r["speedup"] >= TARGET_SPEEDUP and mine >= peer))  # fmt: skip
    return [{"figure": a, "value": b, "target": c, "met": d} for a, b, c, d in rows]


def _print(result: dict) -> None:
    if "recall" in result:
        r = result["recall"]
        print(f"recall: {r['haystack']:,} real claims (loaded in {r['load_s']:.1f} s), "
              f"{r['systems']['claimledger similar']['queries']:,} variants; rules used: "
              + ", ".join(f"{k} {v}" for k, v in r["rule_counts"].items()))  # fmt: skip
        print(f"  {'system':<32} {'recall@5':>8} {'top-1':>6} {'median ms':>9}  by rule (recall@5)")
        for name, s in r["systems"].items():
            rules = " ".join(
                f"{k} {v['recall_at_5']:.2f}" for k, v in r["by_rule"][name].items() if v["queries"]
            )
            print(f"  {name:<32} {s['recall_at_5']:>8.3f} {s['top1']:>6.3f} "
                  f"{s['latency']['median_ms']:>9.2f}  {rules}")  # fmt: skip
    if "latency" in result:
        r = result["latency"]
        b = r["build"]
        print(f"latency: ledger of {r['claims']:,} claims ({'cached' if b['cached'] else 'built'}"
              f"; add_claims took {b['load_s']:.0f} s)")  # fmt: skip
        if r["index_build"]:
            ib = r["index_build"]
            print(f"  index build: {ib['seconds']:.1f} s for {ib['rows']:,} bucket rows "
                  f"(read {ib['read_s']:.1f} s, LshBuckets {ib['compute_s']:.1f} s, sort "
                  f"{ib['sort_s']:.1f} s, write {ib['write_s']:.1f} s)")  # fmt: skip
        else:
            print("  index build: not measured (build the lsh_build helper: make bench)")
        for label, lat in (
            ("similar (public)", r["similar"]),
            ("  near-duplicate queries", r["similar_by_kind"]["variant"]),
            ("  unrelated queries", r["similar_by_kind"]["unrelated"]),
            ("similar (core call)", r["similar_core"]),
            ("search (public)", r["search"]["latency"]),
            ("search (core call)", r["search_core"]["latency"]),
            (f"rapidfuzz {r['rapidfuzz']['scorer']} scan", r["rapidfuzz"]["latency"]),
            ("similar on the same queries", r["similar_on_rapidfuzz_sample"]),
        ):
            print(f"  {label:<30} n={lat['queries']:<5} median {lat['median_ms']:9.2f} ms  "
                  f"p99 {lat['p99_ms']:9.2f} ms  max {lat['max_ms']:9.2f} ms")  # fmt: skip
        print("  CPU time per call (time.process_time; the wall times above include waiting "
              "for a core):")  # fmt: skip
        for label, lat in r["cpu"].items():
            print(f"    {label:<28} median {lat['median_ms']:9.2f} ms  p99 {lat['p99_ms']:9.2f} ms")
        sr = r["similar_recall"]
        print(f"  similar on all {sr['queries']} variant queries: recall@5 "
              f"{sr['recall_at_5']:.3f}, top-1 {sr['top1']:.3f}")  # fmt: skip
        for name, s in r["recall_on_rapidfuzz_sample"].items():
            print(f"  {name} on the {s['queries']} sampled variants: recall@5 "
                  f"{s['recall_at_5']:.3f}, top-1 {s['top1']:.3f}")  # fmt: skip
        print(f"  speed ratio (rapidfuzz median / similar median): {r['speedup']:.0f}x")
    print("targets:")
    for t in result["targets"]:
        print(f"  {t['figure']}: {t['value']} (target {t['target']}): {_verdict(t['met'])}")


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--part", choices=("recall", "latency", "both"), default="both")
    parser.add_argument("--fever", type=Path, default=DEFAULT_FEVER, help="FEVER dev JSON")
    parser.add_argument("--liar-dir", type=Path, default=DEFAULT_LIAR_DIR, help="LIAR TSVs")
    parser.add_argument("--sample", type=int, default=1000, help="recall: variants (1000)")
    parser.add_argument("--claims", type=int, default=1_000_000, help="latency: ledger size")
    parser.add_argument("--queries", type=int, default=1000, help="latency: similar queries")
    parser.add_argument("--rapidfuzz-queries", type=int, default=200, help="latency: scans")
    parser.add_argument(
        "--scorers",
        default="token_set_ratio,WRatio",
        help="recall: rapidfuzz.fuzz scorers to compare",
    )
    parser.add_argument(
        "--rapidfuzz-scorer", default="token_set_ratio", help="latency: the rapidfuzz scorer"
    )
    parser.add_argument("--seed", type=int, default=20241021, help="seed of samples and rules")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    parser.add_argument("--spec", help=argparse.SUPPRESS)
    parser.add_argument("--ledger", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.sample < 1 or args.claims < 1 or args.queries < 10 or args.rapidfuzz_queries < 2:
        parser.error("--sample and --claims must be positive, --queries at least 10")
    if args.worker:
        print(json.dumps(WORKERS[args.worker](args)))
        return 0
    result: dict = {
        "benchmark": "similar",
        "python": platform.python_version(),
        "seed": args.seed,
        "date": time.strftime("%Y-%m-%d"),
    }
    with tempfile.TemporaryDirectory(prefix="claimledger-bench-similar-") as name:
        if args.part in ("recall", "both"):
            result["recall"] = part_recall(args, Path(name))
        if args.part in ("latency", "both"):
            result["latency"] = part_latency(args, Path(name))
    result["targets"] = _targets(result)
    if args.json:
        print(json.dumps(result))
    else:
        _print(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
