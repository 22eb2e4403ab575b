"""Streaming a ClaimReview DataFeed: the peak memory of an import against the feed's size.

What it measures
    Generated DataFeeds in the shape of the Data Commons / Fact Check Markup Tool feed
    (``{"@type": "DataFeed", "dataFeedElement": [DataFeedItem, ...]}``, one ClaimReview per
    item, about 700 bytes each), of N and 4N reviews (default N = 5,000; ``--reviews``),
    each imported into a fresh ledger file with ``wb.import_claimreview(path, stream=True)``
    in its own subprocess, whose ``getrusage(RUSAGE_SELF).ru_maxrss`` is its peak resident
    memory (interpreter and imports included). Also the reviews per second of each import.

The peer
    The same feeds read whole (``stream=False``: ``json.load`` of the file, every review
    planned in memory), in their own subprocesses: what memory a whole-document import
    needs. The ratio of the peaks of 4N and N tells whether memory grows with the file.

Measured on a 2-core machine: streamed, 5,000 reviews (2.9 MB) peak at 65 MB, 20,000
(11.6 MB) at 112 MB and 60,000 (34.8 MB) at 116 MB: the growth up to about 20,000 reviews is
SQLite's page cache (``cache_size`` 64 MiB per connection), which then stays full; the
Python side stays flat (tests/python/test_claimreview_feeds.py). Read whole, 5,000 and
20,000 reviews peak at 97 MB and 278 MB. About 2,000 reviews a second either way.

Never fails on a timing; prints a table.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time


def write_feed(path: str, n: int) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"@context": "http://schema.org", "@type": "DataFeed", "dataFeedElement": [\n')
        for i in range(n):
            item = {
                "@type": "DataFeedItem",
                "dateCreated": "2024-01-02T03:04:05.123456+00:00",
                "item": [
                    {
                        "@context": "http://schema.org",
                        "@type": "ClaimReview",
                        "author": {"@type": "Organization", "name": f"Desk {i % 50}"},
                        "claimReviewed": f"Claim number {i}: the harbour tolls tripled since 2019.",
                        "datePublished": "2024-01-02",
                        "itemReviewed": {
                            "@type": "Claim",
                            "author": {"@type": "Person", "name": f"Speaker {i % 500}"},
                            "appearance": [
                                {"@type": "CreativeWork", "url": f"https://s.example/{i}"}
                            ],
                        },
                        "reviewRating": {"@type": "Rating", "alternateName": "Falso"},
                        "url": f"https://checks.example/{i}",
                    }
                ],
            }
            out.write(("," if i else "") + json.dumps(item) + "\n")
        out.write("]}\n")


def child(path: str, ledger: str, stream: bool) -> None:
    import pathlib

    import claimledger as cl

    started = time.perf_counter()
    with cl.open(ledger) as wb:
        result = wb.import_claimreview(pathlib.Path(path), stream=stream, batch_size=1000)
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"reviews": len(result.claims), "seconds": seconds, "peak_kib": peak_kib}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=5000)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.child[2] == "stream")
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (args.reviews, 4 * args.reviews):
            feed = os.path.join(tmp, f"feed{n}.json")
            write_feed(feed, n)
            size = os.path.getsize(feed)
            for mode in ("stream", "whole"):
                ledger = os.path.join(tmp, f"{mode}{n}.ledger")
                out = subprocess.run(
                    [sys.executable, __file__, "--child", feed, ledger, mode],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
                got = json.loads(out.strip().splitlines()[-1])
                rows.append((mode, n, size, got))
    print(f"{'mode':8} {'reviews':>9} {'feed MB':>8} {'peak MB':>8} {'reviews/s':>10}")
    for mode, n, size, got in rows:
        print(
            f"{mode:8} {n:>9,} {size / 1e6:>8.1f} {got['peak_kib'] / 1024:>8.1f} "
            f"{got['reviews'] / got['seconds']:>10,.0f}"
        )
    for mode in ("stream", "whole"):
        small, large = (r[3]["peak_kib"] for r in rows if r[0] == mode)
        print(f"{mode}: peak memory of 4x the reviews / of 1x: {large / small:.2f}")


if __name__ == "__main__":
    main()
