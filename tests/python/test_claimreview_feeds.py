"""ClaimReview feeds (claimledger.interop.claimreview.documents and importing): the
DataFeed of the Fact Check Markup Tool and Data Commons, JSON Lines, a page's blocks, the
same reviews whether a file is read whole or streamed, memory that does not grow with a
streamed file, and the command line's --errors skip and empty exports."""

from __future__ import annotations

import json
import tracemalloc

import claimledger as cl
import pytest
from claimledger.cli import main


def feed_item(i: int, word: str = "False") -> dict:
    return {
        "@type": "DataFeedItem",
        "dateCreated": "2024-01-02T03:04:05.123456+00:00",
        "item": [
            {
                "@context": "http://schema.org",
                "@type": "ClaimReview",
                "author": {"@type": "Organization", "name": f"Desk {i % 7}"},
                "claimReviewed": f"Claim number {i} about the harbour tolls.",
                "datePublished": "2024-01-02",
                "itemReviewed": {
                    "@type": "Claim",
                    "author": {"@type": "Person", "name": f"Speaker {i % 11}"},
                    "appearance": [{"@type": "CreativeWork", "url": f"https://s.example/{i}"}],
                },
                "reviewRating": {"@type": "Rating", "alternateName": word},
                "url": f"https://checks.example/{i}",
            }
        ],
    }


def write_feed(path, n: int, words=None) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write('{"@context": "http://schema.org", "@type": "DataFeed", "dataFeedElement": [\n')
        for i in range(n):
            word = words[i] if words else "False"
            out.write(
                ("," if i else "") + json.dumps(feed_item(i, word), ensure_ascii=False) + "\n"
            )
        out.write('], "dateModified": "2024-01-03T00:00:00Z"}\n')


@pytest.mark.parametrize("stream", [False, True])
def test_a_data_feed_imports_whole_or_streamed_alike(tmp_path, stream):
    path = tmp_path / "feed.json"
    write_feed(path, 30)
    with cl.open(tmp_path / "d.ledger") as wb:
        result = wb.import_claimreview(path, stream=stream, batch_size=7)
        assert len(result.added) == 30
        paths = [wb.claim(c).provenance.get("feed_path", wb.claim(c).provenance["path"])
                 for c in result.claims]  # fmt: skip
        assert paths[3] == "$.dataFeedElement[3].item[0]"
        assert len(result.snapshots) == (5 if stream else 1)
        again = wb.import_claimreview(path, stream=not stream)
        assert again.added == ()  # the same reviews, whichever way they were read
        assert len(again.existing) == 30
        exported = wb.export_claimreviews(status="published-elsewhere")
        assert [r["url"] for r in exported][:2] == [
            "https://checks.example/0",
            "https://checks.example/1",
        ]
        assert wb.verify().ok


def test_a_streamed_feed_names_every_unknown_word_and_writes_nothing(tmp_path):
    path = tmp_path / "feed.json"
    write_feed(path, 20, ["False"] * 10 + ["Zombie"] * 7 + ["Cherry"] * 3)
    with cl.open(tmp_path / "d.ledger") as wb:
        count = wb.event_count()
        with pytest.raises(cl.InvalidInputError) as caught:
            wb.import_claimreview(path, stream=True)
        assert caught.value.unknown_ratings == {"Zombie": 7, "Cherry": 3}
        assert wb.event_count() == count
        result = wb.import_claimreview(path, stream=True, errors="skip")
        assert len(result.added) == 10
        assert len(result.skipped) == 10
        assert result.skipped[0][0] == "$.dataFeedElement[10].item[0]"


def test_json_lines_stream(tmp_path):
    path = tmp_path / "reviews.jsonl"
    lines = [json.dumps(feed_item(i)["item"][0]) for i in range(5)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with cl.open(tmp_path / "d.ledger") as wb:
        result = wb.import_claimreview(path, stream=True)
        assert [wb.claim(c).provenance["feed_path"] for c in result.claims][:2] == ["$[0]", "$[1]"]


def peak_python_memory(tmp_path, n: int) -> int:
    path = tmp_path / f"feed{n}.json"
    write_feed(path, n)
    with cl.open(tmp_path / f"m{n}.ledger") as wb:
        tracemalloc.start()
        wb.import_claimreview(path, stream=True, batch_size=200)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def test_memory_does_not_grow_with_a_streamed_feed(tmp_path):
    """The Python side's peak while streaming 4x the reviews stays about the same (the
    batch, not the file, is held; bench/bench_claimreview_stream.py measures the process)."""
    small = peak_python_memory(tmp_path, 600)
    large = peak_python_memory(tmp_path, 2400)
    assert large < small * 1.6, (small, large)


def run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_errors_skip_and_an_export_with_nothing_to_write(tmp_path, capsys):
    path = tmp_path / "feed.json"
    write_feed(path, 4, ["False", "Zombie", "True", "False"])
    ledger = tmp_path / "c.ledger"
    status, _, err = run(capsys, "import", ledger, path, "--format", "claimreview")
    assert status == 1
    assert "Zombie" in err
    status, out, err = run(
        capsys, "import", ledger, path, "--format", "claimreview", "--errors", "skip"
    )
    assert status == 0, err
    assert "3 claim(s) imported" in out
    assert "skipped $.dataFeedElement[1].item[0]" in out
    status, out, err = run(capsys, "export", ledger, "--format", "claimreview")
    assert status == 1
    assert "--status published-elsewhere would write 3" in err
    status, out, err = run(
        capsys, "export", ledger, "--format", "claimreview", "--status", "published-elsewhere"
    )
    assert status == 0, err
    assert len(json.loads(out)) == 3
