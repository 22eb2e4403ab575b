"""Opening a ledger file written by an older core (schema version 1).

tests/data/ledger_v1.cldg was written by the version-1 core (see make_v1_ledger.py beside
it), together with what every query answered on it. A newer core upgrades the file when
it opens it for writing; after that every query must answer the same and verify() must
pass, and a read-only use of a version-1 file (merging from it) must still work.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sqlite3
from pathlib import Path

import claimledger as cl
import pytest
from conftest import REPO, SCHEMA_VERSION, user_version

DATA = REPO / "tests" / "data"


def _fixture_module():
    spec = importlib.util.spec_from_file_location("make_v1_ledger", DATA / "make_v1_ledger.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def v1_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "old.cldg"
    shutil.copyfile(DATA / "ledger_v1.cldg", copy)
    return copy


#: Fields that records gained after the fixture's answers were written: empty in a version-1
#: file (no merge conflicts, unlinked evidence or source aliases), and left out of the
#: comparison only when empty.
NEW_FIELDS = ("conflict", "unlinked", "alias_of")


def _without_new_empty_fields(value):
    if isinstance(value, list):
        return [_without_new_empty_fields(v) for v in value]
    if isinstance(value, dict):
        return {
            k: _without_new_empty_fields(v)
            for k, v in value.items()
            if not (k in NEW_FIELDS and v is None)
        }
    return value


def test_the_fixture_is_a_version_1_file():
    assert user_version(DATA / "ledger_v1.cldg") == 1


def test_an_upgraded_v1_ledger_answers_every_query_as_before(v1_copy: Path):
    expected = json.loads((DATA / "ledger_v1_answers.json").read_text(encoding="utf-8"))
    wb = cl.open(v1_copy, create=False)
    try:
        assert user_version(v1_copy) == SCHEMA_VERSION  # upgraded to the version this core writes
        report = wb.verify()
        assert report.ok, report.problems
        answers = _without_new_empty_fields(json.loads(json.dumps(_fixture_module().answers(wb))))
        assert answers.keys() == expected.keys()
        for key in expected:
            if key == "similar":
                # The claims found come from the file; their scores from the re-ranking
                # measure of the running core, which may have changed since version 1.
                found = [hit["claim"] for hit in answers[key]]
                assert found == [hit["claim"] for hit in expected[key]], key
            elif key == "search":
                # The same hits and snippets; BM25 counts a claim's context among its words
                # since version 6, so the score of a claim with a context is another.
                unscored = [{**hit, "score": None} for hit in answers[key]]
                assert unscored == [{**hit, "score": None} for hit in expected[key]], key
            else:
                assert answers[key] == expected[key], key
    finally:
        wb.close()


def test_an_upgraded_v1_ledger_takes_new_claims(v1_copy: Path):
    wb = cl.open(v1_copy, create=False)
    try:
        mayor = next(s for s in wb.sources() if s.name == "Mayor Bob")
        before = wb.track_record(mayor.id)
        # The near-duplicate index carried over: the old claim is found and named.
        with pytest.warns(cl.NearDuplicateWarning, match="clm_e1c344653d40e4c5"):
            claim = wb.add_claim(
                "The army deployed about 28,500 troops along the border in 2024.",
                claimant=mayor.id,
                tags=["border"],
                verdict="true",
            )
        assert wb.claim(claim.id).verdict.rating == "true"
        assert claim.id in [c.id for c in wb.claims(tag="border")]
        assert wb.track_record(mayor.id).verdicts == before.verdicts + 1
        assert claim.id in [hit.claim.id for hit in wb.similar(claim.text, k=5)]
        # The snapshots' texts were indexed for search by the upgrade (version 3).
        [hit] = wb.search_snapshots("unemployment")
        assert hit.snapshot.url == "https://example.org/news/1"
        assert wb.verify().ok
    finally:
        wb.close()


def test_a_v1_ledger_can_be_merged_from_without_upgrading_it(v1_copy: Path, tmp_path: Path):
    expected = json.loads((DATA / "ledger_v1_answers.json").read_text(encoding="utf-8"))
    wb = cl.open(tmp_path / "new.cldg", scale="politifact")
    try:
        report = wb.merge(v1_copy)
        assert report.added == expected["event_count"] - 1  # all but the other's genesis
        assert sorted(c.id for c in wb.claims()) == sorted(c["id"] for c in expected["claims"])
        assert wb.verify().ok
    finally:
        wb.close()
    assert user_version(v1_copy) == 1  # read only: the file was not upgraded


def _layout(path: Path) -> dict:
    """Every table and index of a ledger file: its columns, in order, and for an index its
    table, whether it is unique and its WHERE clause (as SQLite keeps it)."""
    layout = {}
    with sqlite3.connect(path) as db:
        objects = db.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master "
            "WHERE name NOT LIKE 'sqlite_%' AND type IN ('table', 'index')"
        ).fetchall()
        for kind, name, table, sql in objects:
            if kind == "table":
                columns = [
                    (c[1], c[2], c[3], c[5]) for c in db.execute(f"PRAGMA table_xinfo('{name}')")
                ]
            else:
                columns = [c[2] for c in db.execute(f"PRAGMA index_xinfo('{name}')") if c[5]]
                where = sql.split(" WHERE ", 1)[1] if sql and " WHERE " in sql else None
                columns = (table, columns, where)
            layout[(kind, name)] = columns
    return layout


def test_an_upgraded_v1_ledger_has_the_layout_of_a_new_one(v1_copy: Path, tmp_path: Path):
    cl.open(v1_copy, create=False).close()
    fresh = tmp_path / "new.cldg"
    cl.open(fresh).close()
    upgraded, new = _layout(v1_copy), _layout(fresh)
    assert upgraded.keys() == new.keys()
    for key in new:
        assert upgraded[key] == new[key], key
