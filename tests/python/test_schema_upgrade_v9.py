"""Desks made while a ledger file kept an index of its events' hashes (schema version 9) open with
this core: the upgrade drops the index and touches no event; a merge still knows which events a
desk holds (found by their times, which their hashes cover), so merging the same desk again adds
nothing, and a merge back skips the shared history and the events that came from the other side
(found by the original's hash and time). Opened
read-only, the file stays as it is.

tests/data/ledger_v9.cldg and ledger_v9_other.cldg were written by the version-9 core
(make_v9_ledger.py beside them): the other desk began as a copy of the first; each went on by
itself; the first then merged the other. Each test works on copies.
"""

from __future__ import annotations

from pathlib import Path

import claimledger as cl
import pytest
from conftest import (
    SCHEMA_VERSION,
    data_copy,
    event_rows,
    ledger_file_rows,
    opened_read_only_unchanged,
    user_version,
)

INDEX = "events_hash_prefix"


def indexes(path: Path) -> set[str]:
    return {name for (name,) in ledger_file_rows(path, "SELECT name FROM sqlite_master")}


@pytest.fixture
def desks(tmp_path: Path) -> tuple[Path, Path]:
    return data_copy("ledger_v9.cldg", tmp_path), data_copy("ledger_v9_other.cldg", tmp_path)


def test_the_fixtures_keep_the_index_of_hashes(desks):
    for path in desks:
        assert user_version(path) == 9
        assert INDEX in indexes(path)


def test_a_version_9_desk_opens_read_only_unchanged(desks):
    main, _ = desks
    with opened_read_only_unchanged(main, 9) as wb:
        assert len(wb.claims()) == 4  # three of its own, one merged from the other desk
        assert wb.events()[-1].type == "verdict.conflict"


def test_the_upgrade_drops_the_index_and_merges_still_skip_what_a_desk_holds(desks):
    main, other = desks
    events = event_rows(main)
    with cl.open(main, create=False, actor="alice") as wb:
        assert user_version(main) == SCHEMA_VERSION
        assert INDEX not in indexes(main)
        assert event_rows(main) == events  # the chain is untouched
        assert wb.verify().ok
        again = wb.merge(other)  # the other desk's events were merged before the upgrade
        # Everything but the other desk's genesis, which a merge compares instead.
        assert (again.added, again.skipped) == (0, len(event_rows(other)) - 1)
        assert event_rows(main) == events
    with cl.open(other, create=False, actor="bob") as wb:
        assert INDEX not in indexes(other)
        back = wb.merge(main)
        # The first desk's own claim and its record of the conflict come over; the shared
        # history is known by its hashes, and the events merged from here by the hashes they had
        # here (the version-9 core answers the same on the same copies: 2 added, 6 skipped).
        assert (back.added, back.skipped) == (2, 6)
        assert [e.type for e in wb.events()][-2:] == ["claim.added", "verdict.conflict"]
        assert wb.merge(main).added == 0
        assert wb.verify().ok
