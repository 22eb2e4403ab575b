"""Reads of a desk on the PostgreSQL server (store/postgres/pg_reads.cpp) that answer as on a
SQLite file."""

from __future__ import annotations

import claimledger as cl


def test_claims_without_a_limit_lists_every_claim_as_on_sqlite(pg_desk_url, tmp_path):
    for location in (pg_desk_url(), tmp_path / "desk.ledger"):
        with cl.open(location, actor="alice") as wb:
            ids = wb.add_claims({"text": f"Claim {n}: {n + 2} troops."} for n in range(3))
            assert [c.id for c in wb.claims()] == ids  # no limit: all, oldest first
            assert [c.id for c in wb.claims(limit=2)] == ids[:2]
            assert wb.claims(limit=0) == []
