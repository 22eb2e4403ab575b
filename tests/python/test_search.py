"""Full-text search over claims: ranked, filtered, with snippets, safe for any text."""

from __future__ import annotations

import claimledger as cl
import pytest
from claimledger.cli import main as cli_main


@pytest.fixture
def desk(new_location):
    wb = cl.open(new_location("search.ledger"), actor="alice")
    speaker = wb.add_source("Speaker", kind="person")
    ids = wb.add_claims(
        [
            {
                "text": "About 28,500 US troops are stationed in South Korea.",
                "tags": ["military"],
                "claimant": speaker,
                "date": "2024-10-21",
                "verdict": "true",
            },
            {
                "text": "Troops from North Korea train in Russia.",
                "tags": ["military"],
                "date": "2024-10-18",
            },
            {
                "text": "The famine of the 1990s killed hundreds of thousands.",
                "tags": ["history"],
                "date": "1999-01-01",
            },
            {"text": "Moscow recognised Séoul in 1990.", "tags": ["history"]},
        ]
    )
    yield wb, ids, speaker
    wb.close()


def test_search_ranks_matches_and_marks_the_words(desk):
    wb, ids, _ = desk
    hits = wb.search("korea troops")
    assert [h.claim.id for h in hits] == [ids[0], ids[1]] or [h.claim.id for h in hits] == [
        ids[1],
        ids[0],
    ]
    assert all("[troops]" in h.snippet.lower() for h in hits)
    assert hits[0].score >= hits[1].score
    assert wb.search("SEOUL")[0].claim.id == ids[3]  # case and accents folded


def test_every_occurrence_of_a_word_counts_and_characters_count_in_a_row(wb):
    # Ranked by BM25 from each text's tokens (by the client, on a server): each occurrence of a
    # word counts, and a word of several tokens (Chinese characters, one token each) matches
    # only where they stand in a row.
    once = wb.add_claim("The port held 500 ships in 1990.").id
    twice = wb.add_claim("Ships, more ships: the port held 500 of them.").id
    apart = wb.add_claim("士气高涨的新兵").id
    together = wb.add_claim("美国在韩国驻扎约28500名士兵").id
    assert [h.claim.id for h in wb.search("ships")] == [twice, once]
    assert [h.claim.id for h in wb.search("士兵")] == [together]
    assert {h.claim.id for h in wb.search("士兵 ships", match="any")} == {together, once, twice}
    assert [h.claim.id for h in wb.search("新兵")] == [apart]


def test_search_filters(desk):
    wb, ids, speaker = desk
    assert [h.claim.id for h in wb.search("troops", rating="true")] == [ids[0]]
    assert [h.claim.id for h in wb.search("troops", claimant=speaker)] == [ids[0]]
    assert [h.claim.id for h in wb.search("killed", tag="history")] == [ids[2]]
    assert [h.claim.id for h in wb.search("troops", since="2024-10-19")] == [ids[0]]
    assert [h.claim.id for h in wb.search("troops", until="2024-10-18")] == [ids[1]]
    assert len(wb.search("famine moscow", match="any")) == 2
    assert len(wb.search("troops", limit=1)) == 1


def test_query_text_is_never_syntax(desk):
    wb, ids, _ = desk
    assert [h.claim.id for h in wb.search('"famine" (*) AND:')] == []  # "and" is a word
    assert [h.claim.id for h in wb.search('famine (*) ^"')] == [ids[2]]
    with pytest.raises(cl.InvalidInputError, match="no words"):
        wb.search("?! ()")
    with pytest.raises(cl.InvalidInputError, match="match must be"):
        wb.search("troops", match="some")


def test_search_from_the_command_line(desk, capsys):
    wb, ids, _ = desk
    assert cli_main(["search", wb.path, "famine"]) == 0
    assert ids[2] in capsys.readouterr().out


@pytest.fixture
def documents(new_location):
    wb = cl.open(new_location("documents.ledger"), actor="alice")
    fact_sheet = wb.add_snapshot(
        "United States Forces Korea: about 28,500 service members are stationed on the "
        "peninsula, under a command set up in 1957.",
        url="https://example.org/usfk",
    )
    brief = wb.add_snapshot(
        "The armistice of 1953 ended the fighting in Korea; no peace treaty followed.",
        url="https://example.org/brief",
    )
    wb.add_snapshot(b"%PDF-1.7 \xff\xfe korea", url="https://example.org/scan.pdf")
    yield wb, fact_sheet, brief
    wb.close()


def test_search_snapshots_finds_documents_by_their_words(documents):
    wb, fact_sheet, brief = documents
    hits = wb.search_snapshots("Korea")
    assert {h.snapshot.hash for h in hits} == {fact_sheet.hash, brief.hash}  # not the PDF
    [hit] = wb.search_snapshots("stationed korea")
    assert hit.snapshot == fact_sheet
    assert hit.score > 0
    assert "[stationed]" in hit.snippet
    assert len(wb.search_snapshots("treaty peninsula", match="any")) == 2
    assert len(wb.search_snapshots("korea", limit=1)) == 1
    assert wb.search("armistice") == []  # claims are searched apart from documents


def test_search_snapshots_refuses_bad_input(documents):
    wb, _, _ = documents
    with pytest.raises(cl.InvalidInputError, match="limit"):
        wb.search_snapshots("korea", limit=0)
    with pytest.raises(cl.InvalidInputError, match="'all' or 'any'"):
        wb.search_snapshots("korea", match="some")
    with pytest.raises(cl.InvalidInputError, match="no words"):
        wb.search_snapshots(" ?! ")


def test_search_snapshots_from_the_command_line(documents, capsys):
    wb, fact_sheet, brief = documents
    assert cli_main(["search", wb.path, "armistice", "--snapshots"]) == 0
    out = capsys.readouterr().out
    assert brief.hash in out
    assert "[armistice]" in out
    assert fact_sheet.hash not in out
    assert cli_main(["search", wb.path, "korea", "--snapshots", "--tag", "x"]) != 0
    assert "--tag filter claims, not snapshots" in capsys.readouterr().err


@pytest.fixture
def contexts(new_location):
    """A desk of claims with and without a context, whose contexts' words no text holds."""
    location = new_location("contexts.ledger")
    with cl.open(location, actor="alice") as wb:
        troops = wb.add_claim(
            "About 28,500 US troops are stationed in South Korea.",
            context="Interview on the armistice anniversary",
        )
        ids = wb.add_claims(
            [
                {"text": "Rice prices doubled in Seoul.", "context": "Budget hearing, Busan"},
                {"text": "Unemployment fell to 3.9% in June."},
            ]
        )
    return location, troops.id, ids[0], ids[1]


def test_a_claim_is_found_by_the_words_of_its_context(contexts, capsys):
    location, troops, rice, unemployment = contexts
    with cl.open(location, actor="alice") as wb:
        [hit] = wb.search("armistice")
        assert hit.claim.id == troops
        assert hit.snippet == "…Interview on the [armistice] anniversary"
        # The snippet is cut from the text and its context, a line each.
        [hit] = wb.search("busan rice")
        assert hit.claim.id == rice
        assert hit.snippet == "[Rice] prices doubled in Seoul.\nBudget hearing, [Busan]"
        assert {h.claim.id for h in wb.search("hearing june", match="any")} == {rice, unemployment}
        assert [h.claim.id for h in wb.search("troops")] == [troops]
        assert wb.verify().ok
        wb.rebuild()
        assert [h.claim.id for h in wb.search("armistice")] == [troops]
        assert [h.claim.id for h in wb.as_of(2).search("armistice")] == [troops]
        assert wb.verify().ok
    assert cli_main(["search", str(location), "busan"]) == 0
    [line] = capsys.readouterr().out.splitlines()  # one line a hit
    assert line.startswith(rice)
    assert line.endswith(" Rice prices doubled in Seoul. — Budget hearing, [Busan]")


#: The search row of the rice claim as it would be without its context: the terms and token
#: count of its text alone (on a file, its words in the full-text index).
INDEXED_WITHOUT_CONTEXT = {
    "file": "UPDATE claims_fts SET text = 'Rice prices doubled in Seoul.' "
    "WHERE rowid = (SELECT rowid FROM claims WHERE context LIKE 'Budget%')",
    "postgresql": "UPDATE claims_search SET terms = 'doubled in prices rice seoul', length = 5 "
    "WHERE claim = (SELECT seq FROM claims WHERE context LIKE 'Budget%')",
}


def test_verify_reports_a_claim_indexed_without_its_context(contexts, store, edit_ledger):
    location, _, rice, _ = contexts
    edit_ledger(location, INDEXED_WITHOUT_CONTEXT[store])
    with cl.open(location, actor="auditor") as wb:
        report = wb.verify()
        assert [h.claim.id for h in wb.search("busan")] == []
    assert not report.ok
    assert [p.kind for p in report.problems] == ["projection-mismatch"]
    assert rice in report.problems[0].detail
