"""Shared fixtures: a fresh file ledger per test (`wb`) and a small fact-check desk on it
(`desk`) with sources, two snapshots, claims, evidence, a verdict and a source rating; and a
throwaway PostgreSQL server for the whole session (`pg_server`, tests/pg_server.py) with a
fresh desk on it per call of `pg_desk_url`."""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import claimledger as cl
import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))
import pg_server as throwaway_postgres  # noqa: E402  (tests/pg_server.py)

# Written for these tests. The non-ASCII characters (dash, guillemets, Hangul, an emoji
# outside the BMP) make code-point offsets differ from byte and UTF-16 offsets.
ARTICLE = (
    "Seoul, 21 October 2024 — The United States keeps approximately 28,500 troops in "
    "South Korea, a figure unchanged for years. 🇰🇷 Retired general Chun In-bum (전인범) "
    "called the deployment of North Korean soldiers to Russia «a significant escalation».\n"
    "Officials in Seoul said more than 3,000 North Korean soldiers had arrived by October.\n"
)

FACTSHEET = (
    "United States Forces Korea — fact sheet\n"
    "Approximately 28,500 U.S. service members are stationed in the Republic of Korea.\n"
    "The command was established in 1957.\n"
)


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    """Where a test's ledger file lives (it does not exist yet)."""
    return tmp_path / "desk.ledger"


@pytest.fixture
def wb(ledger_path: Path):
    """A fresh file ledger, actor "alice"; closed after the test."""
    workbench = cl.open(ledger_path, actor="alice")
    yield workbench
    workbench.close()


@pytest.fixture
def desk(wb):
    """A small desk on `wb`; returns a namespace of the ids and objects made."""
    reuters = wb.add_source("Reuters", kind="outlet", url="https://www.reuters.com")
    chun = wb.add_source("Chun In-bum", kind="person", affiliation="ROK Army (retired)")
    usfk = wb.add_source("United States Forces Korea", kind="official-record")
    article = wb.add_snapshot(
        ARTICLE,
        url="https://example.org/a",
        title="Troops",
        publisher=reuters.id,
        published="2024-10-21",
    )
    factsheet = wb.add_snapshot(FACTSHEET.encode("utf-8"), publisher=usfk.id)
    troops = wb.add_claim(
        "About 28,500 US troops are in South Korea.",
        claimant=reuters.id,
        appears_in=article.hash,
        quote="approximately 28,500 troops",
        tags=["military", "usfk"],
    )
    escalation = wb.add_claim(
        "The deployment is a significant escalation.",
        claimant=chun.id,
        appears_in=article.hash,
        quote="a significant escalation",
        tags=["military"],
    )
    evidence = wb.link_evidence(
        troops.id,
        factsheet.hash,
        stance="supports",
        quote="Approximately 28,500 U.S. service members",
        note="The command's own figure.",
    )
    verdict = wb.set_verdict(
        troops.id, "true", rationale="USFK gives the same figure.", evidence=[evidence.id]
    )
    rating = wb.rate_source(reuters.id, "B", rationale="Usually reliable.")
    return SimpleNamespace(
        wb=wb,
        reuters=reuters.id,
        chun=chun.id,
        usfk=usfk.id,
        article=article.hash,
        factsheet=factsheet.hash,
        troops=troops.id,
        escalation=escalation.id,
        evidence=evidence.id,
        verdict=verdict,
        rating=rating,
        article_text=ARTICLE,
        factsheet_text=FACTSHEET,
    )


def _state(workbench) -> dict:
    """Everything a reader can see in a ledger, to compare before and after."""
    claims = workbench.claims()
    return {
        "events": [e.hash for e in workbench.events()],
        "sources": workbench.sources(),
        "snapshots": workbench.snapshots(),
        "claims": claims,
        "evidence": {c.id: workbench.evidence(c.id) for c in claims},
        "verdicts": {c.id: workbench.verdicts(c.id) for c in claims},
    }


@pytest.fixture
def ledger_state():
    """A function giving everything a reader sees in a ledger (events, sources, snapshots,
    claims with their evidence and verdicts), to compare before and after."""
    return _state


@pytest.fixture(scope="session")
def golden() -> dict:
    """The golden vectors of tests/data/golden.json (shared with the C++ tests)."""
    return json.loads((REPO / "tests" / "data" / "golden.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def repo() -> Path:
    """The repository's root folder."""
    return REPO


def tampered_copy(source: Path, folder: Path, edit) -> Path:
    """A copy of ledger `source` in `folder`, edited behind the ledger's back with SQLite:
    `edit` is an SQL statement or a function taking the sqlite3 connection."""
    import shutil
    import sqlite3

    path = folder / "tampered.ledger"
    shutil.copyfile(source, path)
    db = sqlite3.connect(path)
    if callable(edit):
        edit(db)
    else:
        db.execute(edit)
    db.commit()
    db.close()
    return path


@pytest.fixture
def tamper(tmp_path: Path):
    """tamper(source, edit) -> the path of an edited copy of ledger `source`."""
    return lambda source, edit: tampered_copy(source, tmp_path, edit)


@pytest.fixture(scope="session")
def pg_server():
    """The suite's own PostgreSQL server, started once and stopped at the end (in a folder of
    its own under the system's temporary folder, which the postgres user can reach when the
    tests run as root). When it cannot start, every test that needs it fails with the reason
    (never skipped)."""
    server = throwaway_postgres.Server()
    try:
        server.start()
    except throwaway_postgres.ServerError as error:
        pytest.fail(f"the throwaway PostgreSQL server did not start: {error}", pytrace=False)
    yield server
    server.stop()


_desk_numbers = itertools.count(1)


@pytest.fixture
def pg_desk_url(pg_server):
    """pg_desk_url() -> the URL of a new desk name on the suite's server (over its Unix
    socket, as the superuser), a different one at each call; pass user/password/tcp to
    pg_server.url for others."""
    return lambda **kwargs: pg_server.url(desk=f"t{next(_desk_numbers)}", **kwargs)
