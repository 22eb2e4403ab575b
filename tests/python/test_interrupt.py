"""Ctrl-C during a long load: a real SIGINT sent to a process loading a dataset (through the
Python API and through the command line) stops it after the batch in progress. The ledger
verifies and holds whole batches only, the process says how many records were committed and
that running the same command again resumes, and running it again completes the load
without a duplicate."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Optional

import claimledger as cl

PACKAGE_ROOT = str(Path(cl.__file__).resolve().parents[1])
ROWS = 12000
BATCH = 300
SPEAKERS = 40

LOAD_SCRIPT = textwrap.dedent(
    """
    import sys
    import claimledger as cl
    from claimledger.interop.datasets import load_liar

    location, path, batch = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with cl.open(location, actor="loader", scale="politifact") as wb:
        try:
            report = load_liar(wb, path, batch_size=batch, progress=False)
        except cl.Interrupted as stopped:
            print(stopped.committed)
            print(stopped, file=sys.stderr)
            sys.exit(130)
    print(report.added_claims, report.existing_claims)
    """
)


def write_liar(path: Path) -> Path:
    """A LIAR-format file of ROWS statements by SPEAKERS speakers, written for this test."""
    labels = ("true", "mostly-true", "half-true", "barely-true", "false", "pants-fire")
    with path.open("w", encoding="utf-8") as out:
        for i in range(ROWS):
            speaker = f"speaker-{i % SPEAKERS}"
            statement = (
                f"Statement {i} says that {i * 7 % 9973} jobs were added in county "
                f"{i % 211} between {2000 + i % 20} and {2001 + i % 20}."
            )
            row = [
                f"{i}.json",
                labels[i % len(labels)],
                statement,
                "jobs,economy",
                speaker,
                "Mayor",
                "Ohio",
                "independent",
                "1",
                "0",
                "2",
                "0",
                "1",
                "a town hall",
            ]
            out.write("\t".join(row) + "\n")
    return path


def claim_count(location, wait: float = 0.0) -> int:
    """The claims in the ledger at `location` now: 0 while it does not exist yet, or when it
    cannot be read (the writer creating or committing) for `wait` seconds of retrying."""
    deadline = time.monotonic() + wait
    while True:
        try:
            with cl.open(location, read_only=True) as wb:
                return len(wb.claims())
        except cl.NotFoundError:
            return 0
        except cl.StorageError:
            if time.monotonic() >= deadline:
                return 0
            time.sleep(0.01)


def _default_sigint() -> None:
    """In the child before it runs: SIGINT acts as a terminal's Ctrl-C does. A test runner's
    worker (pytest-xdist's) may ignore SIGINT, and a child inherits that, in which case Python
    never raises KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def interrupt_after_a_batch(
    command: list[str], location, stdin: Optional[Path] = None, batch: int = BATCH
) -> tuple[int, str, str, int]:
    """Runs `command` (reading `stdin`), sends it SIGINT once at least one batch is
    committed; returns its exit status, stdout, stderr and the claims committed as seen right
    after the signal (at least those of the batches finished when it came)."""
    env = dict(os.environ, PYTHONPATH=PACKAGE_ROOT)
    with Path(stdin or os.devnull).open("rb") as source:
        process = subprocess.Popen(
            command,
            env=env,
            stdin=source,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            preexec_fn=_default_sigint,
        )
    try:
        deadline = time.monotonic() + 300
        seen = 0
        while seen < batch and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
            seen = claim_count(location)
        assert process.poll() is None, "the load ended before it could be interrupted"
        process.send_signal(signal.SIGINT)
        # Counted after the signal: the count before it may predate the last commit. A count
        # taken later (the ledger busy for a moment) only loosens the bound checked below.
        seen = claim_count(location, wait=60)
        out, err = process.communicate(timeout=300)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return process.returncode, out.decode(), err.decode(), seen


def check_whole_batches_and_resume(
    location,
    command,
    out_committed: int,
    seen: int,
    stdin: Optional[Path] = None,
    batch: int = BATCH,
    rows: int = ROWS,
):
    with cl.open(location, read_only=True) as wb:
        assert wb.verify().ok
        claims = wb.claims()
    committed = len(claims)
    assert committed % batch == 0  # whole batches only
    # Interrupted after a batch: only the batch in progress when the signal came was added.
    assert batch <= seen <= committed <= seen + batch
    assert committed < rows
    assert out_committed == committed
    env = dict(os.environ, PYTHONPATH=PACKAGE_ROOT)
    with Path(stdin or os.devnull).open("rb") as source:
        again = subprocess.run(command, env=env, stdin=source, capture_output=True, timeout=600)
    assert again.returncode == 0, again.stderr
    with cl.open(location, read_only=True) as wb:
        assert wb.verify().ok
        refs = [c.ref for c in wb.claims()]
    assert len(refs) == rows
    assert len(set(refs)) == rows  # no duplicates
    return again.stdout.decode()


def committed_in(line: str, what: str) -> int:
    """The count in the Interrupted message's "N <what> of this run were committed"."""
    return int(line.split(f" {what} of this run")[0].rsplit(" ", 1)[1].replace(",", ""))


def test_ctrl_c_stops_a_python_load_after_a_batch_and_running_again_resumes(new_location, tmp_path):
    location = new_location("liar.ledger")
    data = write_liar(tmp_path / "big.tsv")
    command = [sys.executable, "-c", LOAD_SCRIPT, str(location), str(data), str(BATCH)]
    status, out, err, seen = interrupt_after_a_batch(command, location)
    assert status == 130, err
    assert "[claimledger.interrupted] loading big.tsv was interrupted (Ctrl-C)" in err
    assert "run the same command again to resume" in err
    committed = int(out.strip())
    assert f"{committed:,} claims of this run were committed" in err
    again = check_whole_batches_and_resume(location, command, committed, seen)
    added, existing = map(int, again.split())
    assert (added, existing) == (ROWS - committed, committed)


def test_ctrl_c_stops_the_cli_import_with_one_line(new_location, tmp_path):
    location = new_location("liar.ledger")
    data = write_liar(tmp_path / "big.tsv")
    command = [
        sys.executable,
        "-m",
        "claimledger",
        "import",
        str(location),
        str(data),
        "--format",
        "liar",
        "--batch-size",
        str(BATCH),
    ]
    status, _, err, seen = interrupt_after_a_batch(command, location)
    assert status == 130
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("claimledger: [claimledger.interrupted] loading big.tsv")
    assert "run the same command again to resume" in lines[0]
    committed = committed_in(lines[0], "claims")
    again = check_whole_batches_and_resume(location, command, committed, seen)
    assert f"{ROWS - committed:,} claims added, {committed:,} already there" in again


def write_reviews(path: Path, count: int) -> Path:
    """A JSON Lines feed of `count` ClaimReviews, written for this test."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            review = {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": f"https://checks.example.org/{i}",
                "datePublished": "2024-05-01",
                "author": {"@type": "Organization", "name": "Example Checks"},
                "claimReviewed": f"Claim {i}: the bridge carried {i * 13 % 997} cars a day.",
                "itemReviewed": {
                    "@type": "Claim",
                    "author": {"@type": "Person", "name": f"Speaker {i % 20}"},
                },
                "reviewRating": {"@type": "Rating", "alternateName": "False"},
            }
            out.write(json.dumps(review) + "\n")
    return path


def test_ctrl_c_stops_a_streamed_claimreview_import_after_a_batch(new_location, tmp_path):
    location = new_location("reviews.ledger")
    reviews, batch = 3000, 100
    feed = write_reviews(tmp_path / "feed.jsonl", reviews)
    command = [sys.executable, "-m", "claimledger", "import", str(location), "-"]
    command += ["--format", "claimreview", "--batch-size", str(batch)]
    status, _, err, seen = interrupt_after_a_batch(command, location, feed, batch)
    assert status == 130
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "[claimledger.interrupted] importing <stdin> was interrupted" in lines[0]
    assert "run the same command again to resume" in lines[0]
    committed = committed_in(lines[0], "reviews")
    again = check_whole_batches_and_resume(location, command, committed, seen, feed, batch, reviews)
    assert f"{reviews - committed} claim(s) imported, {committed} already there" in again
