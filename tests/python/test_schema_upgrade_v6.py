"""A desk made before Chinese and Japanese characters were words of their own (schema version
6) opens with this core: the upgrade indexes the claims and snapshots that hold such characters
again, makes their near-duplicate buckets again, and leaves the events as they were; opened
read-only, the file stays as it is and is verified as its own indexes say.

tests/data/ledger_v6.cldg was written by the version-6 core (make_v6_ledger.py beside it): a
Chinese article, four claims in Chinese and Japanese (two with a Chinese context) and one in
English. Each test works on a copy.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import claimledger as cl
import pytest
from conftest import (
    REPO,
    SCHEMA_VERSION,
    assert_one_index_problem,
    data_copy,
    event_rows,
    found_texts,
    ledger_file_rows,
    opened_read_only_unchanged,
    user_version,
)

FIXTURE = REPO / "tests" / "data" / "ledger_v6.cldg"
TROOPS = "美国在韩国驻扎约28500名士兵。"  # "the US stations about 28,500 soldiers in South Korea"
UNEMPLOYMENT = "Unemployment fell to 3.9% in June 2024."


@pytest.fixture
def v6_copy(tmp_path: Path) -> Path:
    return data_copy(FIXTURE.name, tmp_path)


def test_the_fixture_is_a_version_6_file_whose_index_holds_runs_of_characters():
    assert user_version(FIXTURE) == 6
    names = {name for (name,) in ledger_file_rows(FIXTURE, "SELECT name FROM sqlite_master")}
    assert "claim_parted_texts" not in names
    with cl.open(FIXTURE, read_only=True) as wb:
        # The index of version 6 holds "美国在韩国驻扎约28500名士兵" as one word.
        assert found_texts(wb, "士兵") == []


def test_a_version_6_desk_opens_upgrades_and_finds_words_inside_runs(v6_copy: Path):
    before = event_rows(v6_copy)
    with cl.open(v6_copy, create=False, actor="carol") as wb:
        assert user_version(v6_copy) == SCHEMA_VERSION
        assert event_rows(v6_copy) == before  # the chain is untouched: same rows, same hashes
        report = wb.verify()
        assert report.ok, report.problems
        assert found_texts(wb, "士兵") == [TROOPS]
        assert found_texts(wb, "纪念日") == [TROOPS]  # a word of its context
        assert found_texts(wb, "国防开支") == ["去年国防开支增长了4.2%。"]
        assert found_texts(wb, "物価") == ["東京の物価は昨年3%上昇した。"]
        assert found_texts(wb, "unemployment") == [UNEMPLOYMENT]
        [document] = wb.search_snapshots("将军")
        assert "[将军]" in document.snippet
        # The buckets are those of characters side by side: a reworded claim is found first.
        [first, *_] = wb.similar("美国在韩国驻扎了约28500名士兵", k=3)
        assert first.claim.text == TROOPS
        assert first.score >= cl.NEAR_DUPLICATE
        # New claims are indexed the same way; rebuild() makes the same indexes again.
        wb.add_claim("首尔的房价上涨了百分之五。", context="市场报告")
        assert found_texts(wb, "房价") == ["首尔的房价上涨了百分之五。"]
        wb.rebuild()
        assert found_texts(wb, "房价") == ["首尔的房价上涨了百分之五。"]
        assert found_texts(wb, "士兵") == [TROOPS]
        assert wb.verify().ok
    with cl.open(v6_copy, create=False) as wb:  # opened again: nothing left to upgrade
        assert user_version(v6_copy) == SCHEMA_VERSION
        assert wb.verify().ok


def test_a_version_6_desk_opened_read_only_is_not_upgraded_and_verifies(v6_copy: Path):
    with opened_read_only_unchanged(v6_copy, 6) as wb:
        assert found_texts(wb, "unemployment") == [UNEMPLOYMENT]


def test_verify_reports_an_edited_searchable_text(v6_copy: Path):
    with cl.open(v6_copy, create=False) as wb:
        troops = wb.search("士兵")[0].claim.id
    with sqlite3.connect(v6_copy) as db:
        # The view then gives the index another text than the claim's (snippets would lie).
        db.execute(
            "UPDATE claim_parted_texts SET text = '伪造' "
            "WHERE claim = (SELECT rowid FROM claims WHERE id = ?)",
            (troops,),
        )
    assert_one_index_problem(v6_copy, "claim_parted_texts", troops)
