"""Fits the weights of candidates() on ClaimBuster's training debates and writes them as C++.

The check-worthiness score of a sentence (core/include/claimledger/candidates.h) is a
logistic model over the sentence features that the core finds ("quantity", "date", "change",
"opinion", ...) and a short list of cue words. This script fits it:

1. the ClaimBuster 3xNCS debates are cut as bench_benchmarks.py cuts them (33 blocks of
   consecutive sentence ids; block i is training when i % 3 == 0, development when 1, test
   when 2: the test debates are never read here);
2. each training and development debate is read as one transcript by the installed core's
   `wb.candidates()`, which gives each sentence's features (the fitted weights do not change
   which features are found);
3. the words of the sentences (lower case, letters only, in at least --min-df training
   sentences) are the candidate cue words;
4. a logistic regression (scikit-learn, L2-regularised) is fit on the training debates for
   each C of a small grid, and the C with the best ROC-AUC on the development debates is
   kept; the model is then fit again on training and development debates with that C;
5. the weights, in thousandths, are written to core/src/text/candidate_model.cpp (words with
   a weight under 0.05 in size are left out).

    .venv/bin/python bench/fit_candidates.py --data DIR      # then rebuild the core

Needs scikit-learn (the `bench` extra).
"""

from __future__ import annotations

import argparse
import os
import re

import bench_benchmarks as bb
import claimledger as cl

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT = os.path.join(HERE, "..", "core", "src", "text", "candidate_model.cpp")
FEATURES = [
    "quantity",
    "count",
    "date",
    "comparison",
    "change",
    "record",
    "attribution",
    "named",
    "hedge",
    "opinion",
    "question",
    "promise",
    "short",
]
WORD = re.compile(r"[A-Za-z]+")


def sentence_features(wb, debate: list[dict]) -> list[set[str]]:
    """The sentence features the core finds for each sentence of a debate read whole."""
    return [
        set() if c is None else {n for n in c.features if not n.startswith("word:")}
        for c in bb.transcript_candidates(wb, debate)
    ]


def words_of(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text) if len(w) <= 16}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=os.path.join("..", "shared", "data", "benchmarks"))
    parser.add_argument("--min-df", type=int, default=3)
    parser.add_argument("--output", default=OUTPUT)
    args = parser.parse_args()

    from scipy.sparse import lil_matrix
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    debates = bb.claimbuster_debates(args.data)
    train, dev = bb.split(debates, "train"), bb.split(debates, "dev")
    with cl.open(":memory:", actor="fit") as wb:
        train_features = [f for d in train for f in sentence_features(wb, d)]
        dev_features = [f for d in dev for f in sentence_features(wb, d)]
    train_rows = [r for d in train for r in d]
    dev_rows = [r for d in dev for r in d]

    df: dict[str, int] = {}
    for r in train_rows:
        for w in words_of(r["text"]):
            df[w] = df.get(w, 0) + 1
    vocabulary = sorted(w for w, c in df.items() if c >= args.min_df)
    column = {name: i for i, name in enumerate(FEATURES + ["w:" + w for w in vocabulary])}

    def matrix(rows, features):
        x = lil_matrix((len(rows), len(column)))
        for i, (r, names) in enumerate(zip(rows, features)):
            for name in names:
                x[i, column[name]] = 1
            for w in words_of(r["text"]):
                if "w:" + w in column:
                    x[i, column["w:" + w]] = 1
        return x.tocsr()

    x_train, y_train = matrix(train_rows, train_features), [r["label"] for r in train_rows]
    x_dev, y_dev = matrix(dev_rows, dev_features), [r["label"] for r in dev_rows]
    best = None
    for c in (0.1, 0.3, 1.0, 3.0):
        model = LogisticRegression(C=c, max_iter=5000)
        model.fit(x_train, y_train)
        auc = roc_auc_score(y_dev, model.decision_function(x_dev))
        cues = sum(1 for w in model.coef_[0][len(FEATURES) :] if abs(w) >= 0.05)
        print(f"C={c}: development ROC-AUC {auc:.4f}, {cues} cue words")
        if best is None or auc > best[0]:
            best = (auc, c)
    from scipy.sparse import vstack

    model = LogisticRegression(C=best[1], max_iter=5000)
    model.fit(vstack([x_train, x_dev]), y_train + y_dev)
    coef = model.coef_[0]
    points = [round(w * 1000) for w in coef[: len(FEATURES)]]
    cues = sorted(
        (w, round(coef[column["w:" + w]] * 1000))
        for w in vocabulary
        if abs(coef[column["w:" + w]]) >= 0.05
    )
    bias = round(model.intercept_[0] * 1000)
    print(
        f"chosen C={best[1]} (development ROC-AUC {best[0]:.4f}); bias {bias}; "
        + ", ".join(f"{n} {p}" for n, p in zip(FEATURES, points))
        + f"; {len(cues)} cue words"
    )
    write(args.output, bias, points, cues, best[1], len(train), len(dev))


def write(
    path: str,
    bias: int,
    points: list[int],
    cues: list[tuple[str, int]],
    c: float,
    train: int,
    dev: int,
) -> None:
    lines = [
        "// Generated by bench/fit_candidates.py; do not edit: run it again (bench/README.md,",
        f"// 'Candidates on ClaimBuster'). Logistic regression (L2), C={c}, fit on the",
        f"// {train} training and {dev} development debates of ClaimBuster 3xNCS; weights in",
        "// thousandths (candidate_model.h).",
        '#include "text/candidate_model.h"',
        "",
        "namespace claimledger {",
        "",
        "const CandidateModel& FittedCandidateModel() {",
        "  static constexpr CueWord kCues[] = {",
    ]
    lines += [f'      {{"{w}", "word:{w}", {p}}},' for w, p in cues]
    lines += [
        "  };",
        "  static constexpr CandidateModel kModel = {",
        f"      {bias},",
        "      {" + ", ".join(str(p) for p in points) + "},",
        "      kCues,",
        "      sizeof kCues / sizeof kCues[0]};",
        "  return kModel;",
        "}",
        "",
        "}  // namespace claimledger",
        "",
    ]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
