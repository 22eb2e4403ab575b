"""A desk made on a server by the core of desk version 2 (runs of Chinese characters as one
term) opens with this core: the upgrade writes the search rows and buckets of the claims and
snapshots holding Chinese and Japanese characters, in one transaction under the desk's lock, and
leaves the events as they were; the desk then verifies, and finds words inside runs of
characters as a ledger file of the same events does.

tests/data/pg_desk_v2.sql was written by the version-2 core (make_pg_desk_v2.py beside it): what
pg_dump printed of the desk's schema: a Chinese article, four claims in Chinese and Japanese, one
in English. Each test loads it under a desk name of its own.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import claimledger as cl
import pytest
from conftest import assert_searched_as_a_file, desk_rows, load_desk_dump, upgraded_desk

TROOPS = "美国在韩国驻扎约28500名士兵。"
QUERIES = ["士兵", "28500", "纪念日", "国防开支", "物価", "东京", "unemployment", "首尔"]
_names = itertools.count(1)


@pytest.fixture
def v2_desk(pg_server) -> tuple[str, str]:
    """(URL, schema) of a copy of the version-2 desk loaded into the suite's server."""
    name = f"v2copy{next(_names)}"
    return load_desk_dump(pg_server, "pg_desk_v2.sql", "claimledger_v2fixture", name)


def test_the_fixture_is_a_version_2_desk_whose_terms_are_runs_of_characters(pg_server, v2_desk):
    _, schema = v2_desk
    assert desk_rows(pg_server, schema, "SELECT version FROM desk") == ["2"]
    holding = "SELECT count(*) FROM claims_search WHERE terms @@ '士'::tsquery"
    assert desk_rows(pg_server, schema, holding) == ["0"]


def test_a_version_2_desk_opens_upgrades_and_finds_words_inside_runs(
    pg_server, v2_desk, tmp_path: Path
):
    url, schema = v2_desk
    english = "SELECT terms, length, buckets FROM claims_search x JOIN claims c ON c.seq = x.claim "
    english += "WHERE c.text LIKE 'Unemployment%'"
    english_before = desk_rows(pg_server, schema, english)
    # Verified on opening: terms, token totals and buckets as this core makes them.
    with upgraded_desk(pg_server, url, schema) as wb:
        assert desk_rows(pg_server, schema, english) == english_before  # nothing else re-read
        assert [h.claim.text for h in wb.search("士兵")] == [TROOPS]
        [document] = wb.search_snapshots("将军")
        assert "[将军]" in document.snippet
        [first, *_] = wb.similar("美国在韩国驻扎了约28500名士兵", k=3)
        assert first.claim.text == TROOPS
        # The same hits, scores and snippets as a ledger file holding the same events.
        assert all(wb.search(query) for query in QUERIES)
        assert_searched_as_a_file(wb, tmp_path, QUERIES)
    with cl.open(url, create=False) as wb:  # opened again: nothing left to upgrade
        assert wb.verify().ok
        assert len(wb.claims()) == 5
