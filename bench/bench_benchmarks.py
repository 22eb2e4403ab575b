"""claimledger on the research field's public benchmarks, next to baselines run here.

Two tasks, each measured on held-out data only (everything claimledger fits or chooses was
fitted or chosen on the training and development splits: bench/fit_candidates.py):

ClaimBuster (Arslan et al., ICWSM 2020; doi:10.5281/zenodo.3609356), the 3xNCS set: 11,056
sentences of US presidential debates, 2,764 check-worthy factual sentences (label 1) and
three times as many others (label 0). The set carries no debate names, but its sentence ids
run through the transcripts in order, so the sentences sorted by id are cut into 33 blocks
of consecutive sentences (about 335 each, as many blocks as the dataset has debates), here
called debates: block i is training when i % 3 == 0, development when 1, test when 2 (11
blocks, 3,685 sentences). claimledger reads each test debate as one transcript (its
sentences joined by spaces, stored as one snapshot) and `wb.candidates()` scores it; a
sentence gets the score of the candidate that holds its first character. Reported: ROC-AUC,
average precision and the precision of the 10 best sentences of each debate, averaged.
Baseline: TF-IDF (words and word pairs) + logistic regression fit on the training and
development debates (scikit-learn; C chosen on the development debates).

CLEF CheckThat! Task 2A English ("detect previously fact-checked claims in tweets"): 14,231
Snopes fact-checks (vclaim, title, subtitle) as the desk's claims; tweets as queries. 2022
test: 209 tweets; 2021 test: 202 tweets (the 2022 release's dev-test set, which is the 2021
test set; searched here among the 2022 release's 14,231 fact-checks, a few hundred more than
2021's). Each fact-check is stored as a desk stores it: its claim as the claim's text and its
title as the claim's context (`add_claims(..., "context": title)`); `wb.similar(tweet,
k=5)` ranks them. Reported: MAP@5 as the lab's scorer computes it (the precision at each
relevant fact-check within the first 5, summed, over the number of relevant ones), and the
share of tweets whose first hit is right; and the near-duplicate warning: how many tweets have
a best hit scoring cl.NEAR_DUPLICATE or more, and how many of those best hits are right.
Baseline: Okapi BM25 (k1 1.2, b 0.75; written here) over the same claim and title text.

Published figures are printed beside: the lab's own BM25 baselines and best systems, and the
ClaimBuster paper's figures.

Data: `--data DIR` (default ../shared/data/benchmarks) holds

    claimbuster/3xNCS.json                 the Zenodo release's file as it is
    checkthat2022/vclaims.jsonl            the release's vclaims/*.json, one object a line
                                           (or checkthat2022/vclaims/ as released)
    checkthat2022/CT2022-Task2A-EN-Train-Dev_Queries.tsv, CT2022-Task2A-EN-Dev_QRELs.tsv,
    checkthat2022/CT2022-Task2A-EN-Dev-Test_Queries.tsv, CT2022-Task2A-EN-Dev-Test_QRELs.tsv,
    checkthat2022/test_TEST.tsv (the test tweets), CT2022-Task2A-EN-Test_Qrels_gold.tsv

bench/README.md ("Benchmarks of the field") says where each comes from.

    .venv/bin/python bench/bench_benchmarks.py --data DIR            # about 2 minutes
    .venv/bin/python bench/bench_benchmarks.py --data DIR --task claimbuster
    .venv/bin/python bench/bench_benchmarks.py --data DIR --task checkthat \
        --location 'postgresql://USER@HOST/DB?desk=checkthat'      # the same on a server
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import time
from collections import Counter, defaultdict

import claimledger as cl

BLOCKS = 33
PUBLISHED = {
    "claimbuster": [
        ("open LLM zero-shot, macro-F1", "0.80"),
        ("fine-tuned transformer, macro-F1", "0.90"),
    ],
    "checkthat2022": [
        ("organisers' BM25 baseline, MAP@5", "0.8179"),
        ("best systems, MAP@5", "about 0.95"),
    ],
    "checkthat2021": [
        ("organisers' BM25 baseline, MAP@5", "0.761"),
        ("best system, MAP@5", "0.883"),
    ],
}


def fail(message: str) -> None:
    print(message, file=sys.stderr)
    sys.exit(2)


def need(path: str) -> str:
    if not os.path.exists(path):
        fail(f"missing benchmark file {path}: see bench/README.md, 'Benchmarks of the field'")
    return path


# --- ClaimBuster -------------------------------------------------------------------------


def claimbuster_debates(data: str) -> list[list[dict]]:
    with open(need(os.path.join(data, "claimbuster", "3xNCS.json")), encoding="utf-8") as f:
        rows = sorted(json.load(f), key=lambda r: r["sentence_id"])
    size = len(rows) / BLOCKS
    return [rows[round(i * size) : round((i + 1) * size)] for i in range(BLOCKS)]


def split(debates: list, part: str) -> list:
    wanted = {"train": 0, "dev": 1, "test": 2}[part]
    return [d for i, d in enumerate(debates) if i % 3 == wanted]


def transcript_candidates(wb, debate: list[dict]) -> list:
    """The candidate of each of the debate's sentences, the debate read as one transcript by
    wb.candidates(): the candidate holding the sentence's first character (None if none)."""
    starts, parts, at = [], [], 0
    for row in debate:
        text = " ".join(row["text"].split())
        starts.append(at)
        parts.append(text)
        at += len(text) + 1
    snapshot = wb.add_snapshot(" ".join(parts))
    found = sorted(wb.candidates(snapshot.hash), key=lambda c: c.start)
    out, j = [], 0
    for start in starts:
        while j + 1 < len(found) and found[j + 1].start <= start:
            j += 1
        out.append(found[j] if found and found[j].start <= start else None)
    return out


def transcript_scores(wb, debate: list[dict]) -> list[float]:
    """Scores the debate's sentences read as one transcript by wb.candidates()."""
    return [0.0 if c is None else c.score for c in transcript_candidates(wb, debate)]


def precision_at(labels: list[int], scores: list[float], k: int) -> float:
    # Ties broken by position, as candidates() keeps document order among equal scores.
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:k]
    return sum(labels[i] for i in order) / k


def ranking_figures(debates: list[list[dict]], scores: list[list[float]], cut: float) -> dict:
    """ROC-AUC, average precision, P@10 per debate, and the precision and recall of the
    sentences scoring `cut` or more (the documented default cut: 0.5 for candidates(), a
    probability of 0.5 for the baseline)."""
    from sklearn.metrics import average_precision_score, roc_auc_score

    labels = [[r["label"] for r in d] for d in debates]
    flat_labels = [x for d in labels for x in d]
    flat_scores = [x for d in scores for x in d]
    kept = [lab for lab, s in zip(flat_labels, flat_scores) if s >= cut]
    return {
        "ROC-AUC": roc_auc_score(flat_labels, flat_scores),
        "AP": average_precision_score(flat_labels, flat_scores),
        "P@10 per debate": sum(precision_at(lab, s, 10) for lab, s in zip(labels, scores))
        / len(debates),
        "P at cut": sum(kept) / len(kept) if kept else 0.0,
        "R at cut": sum(kept) / sum(flat_labels),
    }


def tfidf_logistic(train: list[list[dict]], dev: list[list[dict]], test: list[list[dict]]):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    def texts(debates):
        return [r["text"] for d in debates for r in d]

    def labels(debates):
        return [r["label"] for d in debates for r in d]

    best = None
    for c in (0.3, 1.0, 3.0, 10.0):
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        model = LogisticRegression(C=c, max_iter=2000)
        model.fit(vectorizer.fit_transform(texts(train)), labels(train))
        auc = roc_auc_score(labels(dev), model.decision_function(vectorizer.transform(texts(dev))))
        if best is None or auc > best[0]:
            best = (auc, c)
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    model = LogisticRegression(C=best[1], max_iter=2000)
    model.fit(vectorizer.fit_transform(texts(train + dev)), labels(train + dev))
    return [
        list(model.decision_function(vectorizer.transform([r["text"] for r in d]))) for d in test
    ]


def run_claimbuster(data: str) -> list[tuple]:
    debates = claimbuster_debates(data)
    train, dev, test = split(debates, "train"), split(debates, "dev"), split(debates, "test")
    start = time.perf_counter()
    with cl.open(":memory:", actor="bench") as wb:
        ours = [transcript_scores(wb, d) for d in test]
    elapsed = time.perf_counter() - start
    rows = [
        (
            "claimledger candidates()",
            ranking_figures(test, ours, cl.CHECK_WORTHY_SCORE),
            f"{elapsed:.1f} s",
        )
    ]
    start = time.perf_counter()
    base = tfidf_logistic(train, dev, test)
    rows.append(
        (
            "TF-IDF + logistic regression",
            ranking_figures(test, base, 0.0),
            f"{time.perf_counter() - start:.1f} s",
        )
    )
    share = sum(r["label"] for d in test for r in d) / sum(len(d) for d in test)
    print(
        f"ClaimBuster 3xNCS: {len(test)} test debates, {sum(len(d) for d in test):,} sentences, "
        f"{share:.1%} check-worthy"
    )
    return rows


# --- CheckThat! 2A -----------------------------------------------------------------------


def read_vclaims(data: str) -> list[dict]:
    path = os.path.join(data, "checkthat2022", "vclaims.jsonl")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    folder = need(os.path.join(data, "checkthat2022", "vclaims"))
    out = []
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            out.append(json.load(f))
    return out


def read_queries(path: str) -> dict[str, str]:
    queries = {}
    with open(need(path), encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            qid, text = line.rstrip("\n").split("\t", 1)
            if qid.lower() in {"iclaim_id", "tweet_id", "id"}:
                continue
            if text.startswith('"') and text.endswith('"'):
                text = text[1:-1].replace('""', '"')
            queries[qid] = text
    return queries


def read_qrels(path: str) -> dict[str, set[str]]:
    qrels: dict[str, set[str]] = defaultdict(set)
    with open(need(path), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 4 and parts[3] != "0":
                qrels[parts[0]].add(parts[2])
    return qrels


def checkthat_sets(data: str) -> dict[str, tuple[dict, dict]]:
    folder = os.path.join(data, "checkthat2022")
    train_dev = read_queries(os.path.join(folder, "CT2022-Task2A-EN-Train-Dev_Queries.tsv"))
    dev_qrels = read_qrels(os.path.join(folder, "CT2022-Task2A-EN-Dev_QRELs.tsv"))
    return {
        "dev": ({q: train_dev[q] for q in dev_qrels if q in train_dev}, dev_qrels),
        "test2021": (
            read_queries(os.path.join(folder, "CT2022-Task2A-EN-Dev-Test_Queries.tsv")),
            read_qrels(os.path.join(folder, "CT2022-Task2A-EN-Dev-Test_QRELs.tsv")),
        ),
        "test2022": (
            read_queries(os.path.join(folder, "test_TEST.tsv")),
            read_qrels(os.path.join(folder, "CT2022-Task2A-EN-Test_Qrels_gold.tsv")),
        ),
    }


def map_at(rankings: dict[str, list[str]], qrels: dict[str, set[str]], k: int = 5) -> float:
    total = 0.0
    for qid, relevant in qrels.items():
        found, precisions = 0, 0.0
        for i, doc in enumerate(rankings.get(qid, [])[:k]):
            if doc in relevant:
                found += 1
                precisions += found / (i + 1)
        total += precisions / len(relevant)
    return total / len(qrels)


def first_right(rankings: dict[str, list[str]], qrels: dict[str, set[str]]) -> float:
    return sum(bool(rankings.get(q)) and rankings[q][0] in rel for q, rel in qrels.items()) / len(
        qrels
    )


WORD = re.compile(r"[^\W_]+", re.UNICODE)


class BM25:
    """Okapi BM25 over lower-cased words (k1 1.2, b 0.75)."""

    def __init__(self, docs: dict[str, str], k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self.ids = list(docs)
        self.tf = [Counter(WORD.findall(docs[i].lower())) for i in self.ids]
        self.lengths = [sum(t.values()) for t in self.tf]
        self.average = sum(self.lengths) / len(self.lengths)
        df: Counter = Counter()
        for t in self.tf:
            df.update(t.keys())
        n = len(self.ids)
        self.idf = {w: math.log(1 + (n - c + 0.5) / (c + 0.5)) for w, c in df.items()}
        self.postings: dict[str, list[int]] = defaultdict(list)
        for i, t in enumerate(self.tf):
            for w in t:
                self.postings[w].append(i)

    def rank(self, query: str, k: int) -> list[str]:
        scores: dict[int, float] = defaultdict(float)
        for w in set(WORD.findall(query.lower())):
            idf = self.idf.get(w)
            if idf is None:
                continue
            for i in self.postings[w]:
                f = self.tf[i][w]
                norm = self.k1 * (1 - self.b + self.b * self.lengths[i] / self.average)
                scores[i] += idf * f * (self.k1 + 1) / (f + norm)
        best = sorted(scores, key=lambda i: (-scores[i], i))[:k]
        return [self.ids[i] for i in best]


def run_checkthat(data: str, parts: list[str], location: str) -> dict[str, list[tuple]]:
    vclaims = read_vclaims(data)
    sets = checkthat_sets(data)
    results: dict[str, list[tuple]] = {}
    warnings_line: dict[str, str] = {}
    start = time.perf_counter()
    with cl.open(location, actor="bench") as wb:
        if wb.claims(limit=1):
            raise SystemExit(f"bench_benchmarks: {location} holds claims already; give a new one")
        for i in range(0, len(vclaims), 5000):
            wb.add_claims(
                [
                    {"text": v["vclaim"], "context": v.get("title") or None, "ref": v["vclaim_id"]}
                    for v in vclaims[i : i + 5000]
                ]
            )
        by_id = {c.id: c.ref for c in wb.claims(limit=len(vclaims) + 1)}
        load = time.perf_counter() - start
        for part in parts:
            queries, qrels = sets[part]
            start = time.perf_counter()
            found = {q: wb.similar(t, k=5) for q, t in queries.items()}
            elapsed = (time.perf_counter() - start) / len(queries) * 1000
            ours = {q: [by_id[h.claim.id] for h in hits] for q, hits in found.items()}
            # The near-duplicate warning: the tweets whose best hit scores cl.NEAR_DUPLICATE or
            # more, and the share of those whose best hit is right.
            warned = [q for q, hits in found.items() if hits and hits[0].score >= cl.NEAR_DUPLICATE]
            right = sum(ours[q][0] in qrels.get(q, ()) for q in warned)
            results[part] = [
                (
                    "claimledger similar(k=5)",
                    {"MAP@5": map_at(ours, qrels), "first right": first_right(ours, qrels)},
                    f"{elapsed:.1f} ms a tweet",
                )
            ]
            warnings_line[part] = (
                f"near-duplicate warning (score >= {cl.NEAR_DUPLICATE}): {len(warned)} of "
                f"{len(queries)} tweets ({len(warned) / len(queries):.0%}), its best hit right for "
                f"{right} of them (precision {right / len(warned) if warned else 0:.3f})"
            )
    bm25 = BM25({v["vclaim_id"]: f"{v['vclaim']} {v.get('title') or ''}" for v in vclaims})
    for part in parts:
        queries, qrels = sets[part]
        start = time.perf_counter()
        base = {q: bm25.rank(t, 5) for q, t in queries.items()}
        elapsed = (time.perf_counter() - start) / len(queries) * 1000
        results[part].append(
            (
                "BM25 (claim + title)",
                {"MAP@5": map_at(base, qrels), "first right": first_right(base, qrels)},
                f"{elapsed:.1f} ms a tweet",
            )
        )
    where = "a PostgreSQL desk" if location.startswith("postgresql:") else location
    print(
        f"CheckThat! 2A English: {len(vclaims):,} fact-checks loaded into {where} in {load:.1f} s"
    )
    for part, line in warnings_line.items():
        print(f"{part}: {line}")
    return results


def table(title: str, rows: list[tuple], published: list[tuple]) -> None:
    names = list(rows[0][1])
    print(f"\n{title}\n")
    print("| system | " + " | ".join(names) + " | time |")
    print("| --- | " + " | ".join("---:" for _ in names) + " | ---: |")
    for system, figures, elapsed in rows:
        print(f"| {system} | " + " | ".join(f"{figures[n]:.3f}" for n in names) + f" | {elapsed} |")
    if published:
        print("\nPublished on this data: " + "; ".join(f"{s} {f}" for s, f in published) + ".")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=os.path.join("..", "shared", "data", "benchmarks"))
    parser.add_argument(
        "--task",
        choices=["all", "claimbuster", "checkthat"],
        default="all",
        help="which benchmark to run (default: all)",
    )
    parser.add_argument(
        "--dev",
        action="store_true",
        help="CheckThat!: report the development queries too (for choosing, not reporting)",
    )
    parser.add_argument(
        "--location",
        default=":memory:",
        help="CheckThat!: where the desk of fact-checks is made (default :memory:): a new ledger "
        "file, or the postgresql:// URL of a new desk (the same hits as in a file)",
    )
    args = parser.parse_args()
    if args.task in ("all", "claimbuster"):
        table(
            "ClaimBuster 3xNCS, test debates", run_claimbuster(args.data), PUBLISHED["claimbuster"]
        )
    if args.task in ("all", "checkthat"):
        parts = (["dev"] if args.dev else []) + ["test2022", "test2021"]
        results = run_checkthat(args.data, parts, args.location)
        for part in parts:
            title = {
                "dev": "CheckThat! 2022 2A English, development tweets",
                "test2022": "CheckThat! 2022 2A English, test tweets (209)",
                "test2021": "CheckThat! 2021 2A English, test tweets (202)",
            }[part]
            published = {
                "dev": [],
                "test2022": PUBLISHED["checkthat2022"],
                "test2021": PUBLISHED["checkthat2021"],
            }[part]
            table(title, results[part], published)


if __name__ == "__main__":
    main()
