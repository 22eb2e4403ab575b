"""Shared fixtures: a fresh ledger per test (`wb`) and a small fact-check desk on it
(`desk`) with sources, two snapshots, claims, evidence, a verdict and a source rating; and a
throwaway PostgreSQL server for the whole session (`pg_server`, tests/pg_server.py) with a
fresh desk on it per call of `pg_desk_url`.

Every test that uses a ledger's location (`location`, `new_location`, `wb`, `desk`,
`tamper`) runs twice, on each store (`store`: "file", a SQLite ledger file, and
"postgresql", a desk on the suite's server), with the same assertions. A test about SQLite
files themselves is marked ``@pytest.mark.file_only(reason)`` and runs on the file store
only; a test that parametrizes `store` itself chooses its own."""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import json
import os
import re
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Union

import claimledger as cl
import pytest
from claimledger.files import desk_name

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


#: The stores a ledger test runs on.
STORES = ("file", "postgresql")

#: Where a ledger is: a file path or a postgresql:// URL.
Location = Union[Path, str]


def _parametrized_names(marker) -> set:
    names = marker.args[0] if marker.args else marker.kwargs.get("argnames", ())
    if isinstance(names, str):
        names = names.split(",")
    return {name.strip() for name in names}


def pytest_generate_tests(metafunc):
    """Runs each test that uses `store` (through `location`, `wb`, `desk` ...) on every store,
    or on the file store only when it is marked file_only."""
    if "store" not in metafunc.fixturenames:
        return
    if any(
        "store" in _parametrized_names(m) for m in metafunc.definition.iter_markers("parametrize")
    ):
        return  # the test chooses its stores itself
    stores = ["file"] if metafunc.definition.get_closest_marker("file_only") else list(STORES)
    metafunc.parametrize("store", stores)


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    """Where a test's ledger file lives (it does not exist yet); on the file store, the same
    place as `location`."""
    return tmp_path / "desk.ledger"


@pytest.fixture
def new_location(request, store: str, tmp_path: Path):
    """new_location(name=None) -> where a new ledger goes on the test's store (nothing is
    created): the file tmp_path/name (a new name when none is given), or the URL of a new desk
    on the suite's PostgreSQL server."""
    if store == "file":
        numbers = itertools.count(2)
        return lambda name=None: tmp_path / (name or f"ledger-{next(numbers)}.ledger")
    desk_urls = request.getfixturevalue("pg_desk_url")
    return lambda name=None: desk_urls()


@pytest.fixture
def location(new_location) -> Location:
    """Where the test's ledger goes (not created yet): `ledger_path` on the file store, a
    new desk's URL on the server."""
    return new_location("desk.ledger")


@pytest.fixture
def wb(location: Location):
    """A fresh ledger on the test's store, actor "alice"; closed after the test."""
    workbench = cl.open(location, actor="alice")
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


def data_copy(name: str, folder: Path) -> Path:
    """A copy in `folder` of the ledger file `name` of tests/data (a test changes its copy)."""
    copy = folder / name
    shutil.copyfile(REPO / "tests" / "data" / name, copy)
    return copy


def ledger_file_rows(path: Path, sql: str) -> list[tuple]:
    """The rows `sql` reads from ledger file `path`, opened read-only with SQLite (the
    fixtures of older schema versions are read so, before and after an upgrade)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return db.execute(sql).fetchall()


# The schema version this core writes (core/src/store/sqlite/schema.h): every older file opened
# for writing is upgraded to it.
SCHEMA_VERSION = 11


def user_version(path: Path) -> int:
    """The schema version of ledger file `path` (PRAGMA user_version)."""
    return ledger_file_rows(path, "PRAGMA user_version")[0][0]


def event_rows(path: Path) -> list[tuple]:
    """Every event of ledger file `path` as stored, in order."""
    return ledger_file_rows(
        path, "SELECT seq, prev, type, at, actor, data, hash FROM events ORDER BY seq"
    )


@contextlib.contextmanager
def opened_read_only_unchanged(path: Path, version: int):
    """Opens ledger file `path` of schema `version` read-only (yields the workbench): it
    verifies as it is, and is still of that version, byte for byte, when closed."""
    before = path.read_bytes()
    with cl.open(path, read_only=True) as wb:
        report = wb.verify()
        assert report.ok, report.problems
        yield wb
    assert user_version(path) == version
    assert path.read_bytes() == before


def assert_one_index_problem(path: Path, index: str, claim: str) -> None:
    """verify() of ledger `path` reports exactly one problem: search index `index`, naming
    claim `claim`."""
    with cl.open(path, create=False) as wb:
        report = wb.verify()
    assert not report.ok
    assert [p.kind for p in report.problems] == ["projection-mismatch"]
    assert index in report.problems[0].detail
    assert claim in report.problems[0].detail


def found_texts(wb, query: str) -> list[str]:
    """The texts of the claims `wb.search(query)` finds, best first."""
    return [hit.claim.text for hit in wb.search(query)]


def load_desk_dump(pg_server, dump: str, dump_schema: str, name: str) -> tuple[str, str]:
    """(URL, schema) of desk `name`, loaded into the suite's server from a fixture of
    tests/data that pg_dump printed of the desk schema `dump_schema`."""
    schema = "claimledger_" + name
    pg_server.psql((REPO / "tests" / "data" / dump).read_text().replace(dump_schema, schema))
    return pg_server.url(desk=name), schema


def desk_rows(pg_server, schema: str, sql: str) -> list[str]:
    """The rows `sql` reads in desk schema `schema`, as psql prints them."""
    return pg_server.psql(f'SET search_path = "{schema}"; {sql}').splitlines()


#: The desk version this core upgrades a desk on a server to.
DESK_VERSION = "6"


@contextlib.contextmanager
def upgraded_desk(pg_server, url: str, schema: str):
    """Opens the desk of an older version at `url` (schema `schema`) and yields it: it is then
    of DESK_VERSION, its events as they were, and it verifies."""
    events = "SELECT seq, prev, type, at, actor, data, hash FROM events ORDER BY seq"
    before = desk_rows(pg_server, schema, events)
    with cl.open(url, create=False, actor="carol") as wb:
        assert desk_rows(pg_server, schema, "SELECT version FROM desk") == [DESK_VERSION]
        assert desk_rows(pg_server, schema, events) == before  # the chain is untouched
        report = wb.verify()
        assert report.ok, report.problems
        yield wb


def recounted_terms(pg_server, schema: str) -> list[str]:
    """term|claims of every term the desk's search rows hold, counted from those rows."""
    return desk_rows(
        pg_server,
        schema,
        "SELECT u.lexeme, count(*) FROM claims_search x, unnest(x.terms) u WHERE x.all_terms "
        "GROUP BY 1 ORDER BY 1",
    )


def kept_terms(pg_server, schema: str) -> list[str]:
    """term|claims of every term claim_terms counts (a count of 0 left out)."""
    return desk_rows(
        pg_server, schema, "SELECT term, claims FROM claim_terms WHERE claims <> 0 ORDER BY 1"
    )


def assert_searched_as_a_file(wb, folder: Path, queries: list[str]) -> None:
    """Each query finds the same claims, with the same snippets and scores, in desk `wb` and in
    a ledger file of the same events (made in `folder` from the desk's bundle)."""
    bundle = folder / "desk.jsonl"
    wb.export_bundle(bundle)
    with cl.open(folder / "same.cldg") as same:
        same.import_bundle(bundle)
        for query in queries:
            ours, theirs = wb.search(query), same.search(query)
            assert [h.claim.id for h in ours] == [h.claim.id for h in theirs], query
            assert [h.snippet for h in ours] == [h.snippet for h in theirs], query
            for mine, other in zip(ours, theirs):
                assert mine.score == pytest.approx(other.score, rel=1e-9), query


def tampered_copy(source: Path, folder: Path, edit) -> Path:
    """A copy of ledger file `source` in `folder`, edited behind the ledger's back with SQLite:
    `edit` is an SQL statement or a function taking the sqlite3 connection."""
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


def desk_schema(url: str) -> str:
    """The schema of the desk that `url` names ("claimledger_" + its desk parameter)."""
    return "claimledger_" + desk_name(url)


class DeskEdits:
    """Edits of a desk on the suite's server behind the ledger's back, as the server's
    superuser with psql, the desk's append-only triggers disabled meanwhile: the calls the
    tamper cases make on sqlite3's connection (``execute(sql, params)`` with ``?``
    parameters, then ``fetchone()`` or ``fetchall()``), so that one edit serves both stores.
    Rows come back as text, with the values that are whole numbers as ints."""

    NUMBER = re.compile(r"-?[0-9]+")

    def __init__(self, server, url: str) -> None:
        self.server, self.schema = server, desk_schema(url)
        self._rows: list = []

    def __enter__(self) -> DeskEdits:
        self.sql(
            "ALTER TABLE events DISABLE TRIGGER USER; ALTER TABLE contents DISABLE TRIGGER USER"
        )
        return self

    def __exit__(self, *exc) -> None:
        self.sql("ALTER TABLE events ENABLE TRIGGER USER; ALTER TABLE contents ENABLE TRIGGER USER")

    def sql(self, sql: str) -> str:
        """Runs `sql` in the desk's schema; returns what psql printed."""
        return self.server.psql(f'SET search_path = "{self.schema}"; {sql}')

    @staticmethod
    def literal(value) -> str:
        if value is None:
            return "NULL"
        if isinstance(value, int):
            return str(value)
        return "'" + str(value).replace("'", "''") + "'"

    def execute(self, sql: str, params=()) -> DeskEdits:
        values = iter(params)
        sql = re.sub(r"\?", lambda _: self.literal(next(values)), sql)
        if sql.lstrip().upper().startswith("SELECT"):
            text = self.sql(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)")
            self._rows = [
                tuple(int(v) if self.NUMBER.fullmatch(v) else v for v in row)
                for row in csv.reader(io.StringIO(text))
            ]
        else:
            self.sql(sql)
            self._rows = []
        return self

    def fetchone(self):
        return self._rows[0] if self._rows else None

    def fetchall(self) -> list:
        return list(self._rows)


def copy_desk(source: Location, target: Location) -> None:
    """Copies ledger `source` to the new ledger `target` (any two stores), through a bundle."""
    with tempfile.TemporaryDirectory() as folder:
        bundle = Path(folder) / "copy.jsonl"
        with cl.open(source, create=False) as original:
            original.export_bundle(bundle)
        with cl.open(target) as copy:
            copy.import_bundle(bundle)


@pytest.fixture
def tamper(request, store: str, tmp_path: Path, new_location):
    """tamper(source, edit) -> the location of an edited copy of ledger `source`, on the test's
    store: a file edited with SQLite, or a desk edited by the server's superuser (DeskEdits).
    `edit` is an SQL statement or a function taking the connection (sqlite3's or DeskEdits)."""
    if store == "file":
        return lambda source, edit: tampered_copy(source, tmp_path, edit)
    server = request.getfixturevalue("pg_server")

    def tampered_desk(source: Location, edit) -> str:
        url = new_location()
        copy_desk(source, url)
        with DeskEdits(server, url) as db:
            edit(db) if callable(edit) else db.execute(edit)
        return url

    return tampered_desk


@pytest.fixture
def edit_ledger(request, store: str):
    """edit_ledger(location, sql) runs `sql` on a ledger's own database behind its back: the
    file with SQLite, or the desk as the server's superuser (DeskEdits)."""
    if store == "file":

        def edit_file(path: Location, sql: str) -> None:
            db = sqlite3.connect(path)
            db.execute(sql)
            db.commit()
            db.close()

        return edit_file
    server = request.getfixturevalue("pg_server")

    def edit_desk(url: str, sql: str) -> None:
        with DeskEdits(server, url) as db:
            db.execute(sql)

    return edit_desk


@pytest.fixture
def stored_state(request, store: str):
    """stored_state(location) -> everything stored of a ledger, to compare before and after:
    the file's bytes, or the desk's rows as pg_dump writes them."""
    if store == "file":
        return lambda path: Path(path).read_bytes()
    server = request.getfixturevalue("pg_server")
    return lambda url: server.dump(desk_schema(url))


#: A file system in memory, when the machine has one: the suite makes hundreds of desks, each
#: some eighty small files, which some disks create and delete slowly (ext4 with discard: a
#: quarter of a second a desk, and a minute and a half to remove the cluster at the end).
MEMORY_FOLDER = Path("/dev/shm")


def _server_folder() -> Path:
    """A new folder for the suite's server: in memory when possible, else the system's
    temporary folder; either one the postgres user can reach when the tests run as root."""
    parent = MEMORY_FOLDER if MEMORY_FOLDER.is_dir() and os.access(MEMORY_FOLDER, os.W_OK) else None
    return Path(tempfile.mkdtemp(prefix="claimledger-pg-", dir=parent))


@pytest.fixture(scope="session")
def pg_server():
    """The suite's own PostgreSQL server, started once and stopped at the end (in a folder of
    its own, _server_folder). When it cannot start, every test that needs it fails with the
    reason (never skipped)."""
    server = throwaway_postgres.Server(_server_folder())
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
