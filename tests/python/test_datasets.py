"""Loading LIAR and FEVER files (claimledger.interop.datasets, and `claimledger import`): what each
row becomes, reloading adds nothing, malformed rows are reported by line and by default
stop the load before anything is written, files are read in batches, and the CLI.

The fixtures in tests/data (liar_sample.tsv, fever_sample.json, fever_sample.jsonl) were
written for these tests in the datasets' formats; every statement and speaker is invented.
"""

from __future__ import annotations

import gc
import hashlib
import json
from pathlib import Path

import claimledger as cl
import pytest
from claimledger.cli import main
from claimledger.files import ledger_exists
from claimledger.interop import datasets
from claimledger.interop.datasets import LoadReport, fever, liar, load_fever, load_liar

DATA = Path(__file__).resolve().parents[1] / "data"
LIAR = DATA / "liar_sample.tsv"
FEVER_ARRAY = DATA / "fever_sample.json"
FEVER_LINES = DATA / "fever_sample.jsonl"

# The sample's speakers and the labels of their statements, counted by hand.
SPEAKERS = {
    "maria-delgado": {"true": 1, "mostly-true": 2, "half-true": 1, "false": 1},
    "tom-whitaker": {"half-true": 1, "pants-fire": 1, "false": 1, "barely-true": 1},
    "riverside-taxpayers-alliance": {"barely-true": 1, "false": 1},
    "chain-email": {"pants-fire": 2, "false": 1},
    "jun-park": {"true": 1, "mostly-true": 1},
    "PrairieFWD": {"half-true": 1},
    "lena-ostrova": {"true": 1},
    "harold-mcbride": {"mostly-true": 1},
}
FEVER_PAGES = {
    "Lake_Miravel",
    "The_Glass_Orchard_-LRB-novel-RRB-",
    "Port_Averin",
    "Averin_Bay",
    "Café_Lumière_-LRB-film-RRB-",
    "Pike_&_Sons",
    "Halvard_Brenn",
    "Kestrel_Valley_Railway",
    "Saint_Orel-COLON-_A_History",
}


def sha256(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def by_ref(items) -> dict:
    return {item.ref: item for item in items}


def liar_lines() -> list[str]:
    return LIAR.read_text(encoding="utf-8").splitlines()


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture
def liar_wb(new_location):
    with cl.open(new_location("liar.ledger"), actor="loader", scale="politifact") as wb:
        yield wb


@pytest.fixture
def fever_wb(new_location):
    with cl.open(new_location("fever.ledger"), actor="loader", scale="fever") as wb:
        yield wb


# --- LIAR --------------------------------------------------------------------------------


def test_liar_sample_loads_every_row_with_its_speaker_and_verdict(liar_wb):
    report = load_liar(liar_wb, LIAR)

    assert isinstance(report, LoadReport)
    assert (report.rows, report.added_claims, report.existing_claims) == (20, 20, 0)
    assert report.added_sources == len(SPEAKERS) == 8
    assert report.skipped == []
    assert report.file_hash == sha256(LIAR)
    assert report.seconds > 0
    claims = by_ref(liar_wb.claims())
    assert len(claims) == 20
    for number, line in enumerate(liar_lines(), 1):
        columns = line.split("\t")
        claim = claims["liar:" + columns[0]]
        assert claim.text == columns[2]
        assert claim.verdict.rating == columns[1]
        assert claim.verdict.rationale == f"LIAR label: {columns[1]}"
        assert claim.verdict.actor == "loader"
        assert set(claim.tags) == set(columns[3].split(","))
        assert claim.context == columns[13]
        assert claim.provenance["line"] == number
        assert claim.provenance["id"] == columns[0]
        assert claim.provenance["dataset"] == "liar"
        assert claim.provenance["file"] == "liar_sample.tsv"
        assert claim.provenance["file_hash"] == sha256(LIAR)
        if columns[4]:
            assert liar_wb.source(claim.claimant).ref == "liar:speaker:" + columns[4]
        else:
            assert claim.claimant is None
    assert liar_wb.verify().ok


def test_liar_statement_text_is_kept_exactly_with_quotes_and_non_ascii(liar_wb):
    load_liar(liar_wb, LIAR)
    claims = by_ref(liar_wb.claims())
    assert claims["liar:9102.json"].text == (
        'Says the new water compact "doubles what Tucson pays" for Colorado River water.'
    )
    assert claims["liar:9111.json"].text == "Says the café tax — a 2% levy — applies to groceries."
    counts = claims["liar:9102.json"].provenance
    assert [counts[k] for k in liar._LIAR_COUNTS] == [2, 3, 1, 0, 1]
    # The row without a speaker has empty counts: they are left out, not zero.
    assert not set(liar._LIAR_COUNTS) & set(claims["liar:9118.json"].provenance)


def test_liar_speakers_are_person_sources_with_their_attributes(liar_wb):
    load_liar(liar_wb, LIAR)
    sources = by_ref(liar_wb.sources())
    assert set(sources) == {"liar:speaker:" + slug for slug in SPEAKERS}
    assert all(s.kind == "person" for s in sources.values())

    maria = sources["liar:speaker:maria-delgado"]
    assert maria.name == "Maria Delgado"
    assert maria.attributes == {
        "job": "State senator",
        "state": "Arizona",
        "party": "democrat",
        "slug": "maria-delgado",
    }
    # Empty columns are left out; a trailing space in a later row changes nothing.
    riverside = sources["liar:speaker:riverside-taxpayers-alliance"]
    assert riverside.name == "Riverside Taxpayers Alliance"
    assert riverside.attributes == {
        "state": "Oregon",
        "party": "organization",
        "slug": "riverside-taxpayers-alliance",
    }
    assert sources["liar:speaker:tom-whitaker"].attributes["job"] == "U.S. Representative"
    assert sources["liar:speaker:PrairieFWD"].name == "PrairieFWD"  # capitals kept


def test_a_speakers_source_is_made_from_its_first_row(liar_wb, tmp_path):
    lines = liar_lines()
    first = next(i for i, line in enumerate(lines) if line.split("\t")[4] == "maria-delgado")
    later = [
        _set_column(5, "Governor")(line) if i > first and "\tmaria-delgado\t" in line else line
        for i, line in enumerate(lines)
    ]
    assert later != lines
    load_liar(liar_wb, write_lines(tmp_path / "later.tsv", later))  # one batch: every row at once
    maria = by_ref(liar_wb.sources())["liar:speaker:maria-delgado"]
    assert maria.attributes["job"] == "State senator"
    assert len(liar_wb.claims(claimant=maria.id)) == sum(SPEAKERS["maria-delgado"].values())


@pytest.mark.parametrize(
    ("slug", "name"),
    [
        ("dwayne-bohac", "Dwayne Bohac"),
        ("chain-email", "Chain Email"),
        ("AARP", "AARP"),
        ("Jack_Graham", "Jack Graham"),
        ("some-group-", "Some Group"),
    ],
)
def test_speaker_names_are_readable(slug, name):
    assert datasets.speaker_name(slug) == name


def test_track_records_after_loading_match_the_sample_counted_by_hand(liar_wb):
    load_liar(liar_wb, LIAR)
    sources = by_ref(liar_wb.sources())
    for slug, counts in SPEAKERS.items():
        record = liar_wb.track_record(sources["liar:speaker:" + slug])
        assert record.counts == counts, slug
        assert record.verdicts == record.rated == sum(counts.values())
    # maria-delgado: true 1, mostly-true 0.8 x2, half-true 0.6, false 0.2 on the six-step
    # scale -> alpha = 1 + 3.4, beta = 1 + 1.6 under the Beta(1, 1) prior.
    maria = liar_wb.track_record(sources["liar:speaker:maria-delgado"])
    assert maria.alpha == pytest.approx(4.4)
    assert maria.beta == pytest.approx(2.6)


def test_reloading_the_same_file_adds_nothing_and_returns_the_same_claims(liar_wb):
    load_liar(liar_wb, LIAR)
    events = liar_wb.event_count()
    first = {c.ref: c.id for c in liar_wb.claims()}
    sources = {s.ref: s.id for s in liar_wb.sources()}

    report = load_liar(liar_wb, LIAR, batch_size=7)

    assert (report.rows, report.added_claims, report.existing_claims) == (20, 0, 20)
    assert report.added_sources == 0
    assert liar_wb.event_count() == events
    assert {c.ref: c.id for c in liar_wb.claims()} == first
    assert {s.ref: s.id for s in liar_wb.sources()} == sources


def test_a_partly_loaded_file_adds_only_the_missing_rows(liar_wb, tmp_path):
    lines = liar_lines()
    first = load_liar(liar_wb, write_lines(tmp_path / "first.tsv", lines[:8]))
    report = load_liar(liar_wb, LIAR, batch_size=5)
    assert (report.added_claims, report.existing_claims) == (12, 8)
    # Sources too: those of the first rows were there, the others are counted as added.
    speakers = [line.split("\t")[4] for line in lines]  # "" when a row has no speaker
    assert first.added_sources == len(set(speakers[:8]) - {""})
    assert report.added_sources == len(set(speakers) - set(speakers[:8]) - {""}) > 0
    assert first.added_sources + report.added_sources == len(SPEAKERS)
    assert len(liar_wb.claims()) == 20
    assert liar_wb.verify().ok


def test_a_statement_id_repeated_in_the_file_is_one_claim(liar_wb, tmp_path):
    lines = liar_lines()
    path = write_lines(tmp_path / "dup.tsv", [*lines, lines[0]])
    report = load_liar(liar_wb, path)
    assert (report.rows, report.added_claims, report.existing_claims) == (21, 20, 1)
    assert len(liar_wb.claims()) == 20


def test_windows_line_endings_a_byte_order_mark_and_blank_lines_are_accepted(liar_wb, tmp_path):
    path = tmp_path / "windows.tsv"
    text = "\r\n".join(liar_lines()[:3]) + "\r\n\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    report = load_liar(liar_wb, path)
    assert (report.rows, report.added_claims) == (3, 3)
    claims = by_ref(liar_wb.claims())
    assert claims["liar:9101.json"].context == "a floor speech"
    assert claims["liar:9103.json"].provenance["line"] == 3


def test_liar_needs_a_ledger_on_the_politifact_scale(new_location):
    with cl.open(new_location("default.ledger")) as wb:
        events = wb.event_count()
        with pytest.raises(cl.InvalidInputError, match='scale="politifact"') as raised:
            load_liar(wb, LIAR)
        assert raised.value.id == "claimledger.dataset.scale"
        assert wb.event_count() == events
    with cl.open(new_location("fever.ledger"), scale="fever") as wb:
        with pytest.raises(cl.InvalidInputError, match='uses "fever"'):
            load_liar(wb, LIAR)
        assert wb.event_count() == 1


def _variant(lines: list[str], index: int, change) -> list[str]:
    changed = list(lines)
    changed[index] = change(changed[index])
    return changed


def _set_column(column: int, value: str):
    def change(line: str) -> str:
        columns = line.split("\t")
        columns[column] = value
        return "\t".join(columns)

    return change


MALFORMED_LIAR = {
    "stray tab": (_set_column(2, "Says one\tthing."), "15 tab-separated columns, expected 14"),
    "missing column": (lambda line: line.rsplit("\t", 1)[0], "13 tab-separated columns"),
    "unknown label": (_set_column(1, "mostly-false"), "unknown label 'mostly-false'"),
    "empty statement": (_set_column(2, "  "), "the statement (column 3) is empty"),
    "non-integer count": (_set_column(10, "two"), "count in column 11 is 'two'"),
    "negative count": (_set_column(8, "-1"), "count in column 9 is '-1'"),
}


@pytest.mark.parametrize("kind", sorted(MALFORMED_LIAR))
def test_a_malformed_liar_row_stops_the_load_before_anything_is_written(liar_wb, tmp_path, kind):
    change, reason = MALFORMED_LIAR[kind]
    path = write_lines(tmp_path / "bad.tsv", _variant(liar_lines(), 16, change))
    events = liar_wb.event_count()

    with pytest.raises(cl.InvalidInputError) as raised:
        load_liar(liar_wb, path, batch_size=4)  # rows before line 17 would be written first

    message = str(raised.value)
    assert raised.value.id == "claimledger.dataset.malformed"
    assert "line 17: " in message
    assert reason in message
    assert "1 malformed row(s), nothing was loaded" in message
    assert "\n" not in message
    assert liar_wb.event_count() == events


def test_a_load_leaves_the_garbage_collector_as_it_found_it(liar_wb, tmp_path):
    bad = write_lines(tmp_path / "bad.tsv", _variant(liar_lines(), 3, _set_column(1, "wrong")))
    assert gc.isenabled()
    load_liar(liar_wb, LIAR)
    assert gc.isenabled()
    with pytest.raises(cl.InvalidInputError):
        load_liar(liar_wb, bad)
    assert gc.isenabled()
    gc.disable()
    try:
        load_liar(liar_wb, LIAR)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_invalid_utf8_is_reported_with_its_line(liar_wb, tmp_path):
    data = LIAR.read_bytes().split(b"\n")
    data[4] = data[4].replace(b"Property", b"Prop\xe9rty")  # Latin-1, not UTF-8
    path = tmp_path / "latin1.tsv"
    path.write_bytes(b"\n".join(data))
    with pytest.raises(cl.InvalidInputError, match=r"line 5: not valid UTF-8 \(byte 0xe9"):
        load_liar(liar_wb, path)
    report = load_liar(liar_wb, path, errors="skip")
    assert report.skipped == [(5, report.skipped[0][1])]
    assert "liar:9105.json" not in by_ref(liar_wb.claims())


def test_the_error_lists_the_first_problems_and_counts_the_rest(liar_wb, tmp_path):
    lines = [
        _set_column(1, "wrong")(line) if i % 2 else line for i, line in enumerate(liar_lines())
    ]
    path = write_lines(tmp_path / "many.tsv", lines)
    with pytest.raises(cl.InvalidInputError) as raised:
        load_liar(liar_wb, path)
    message = str(raised.value)
    assert "10 malformed row(s)" in message
    assert "line 2: unknown label 'wrong'" in message
    assert "line 10: " in message
    assert "line 12: " not in message
    assert "and 5 more" in message
    assert 'errors="skip"' in message
    assert "--errors skip" in message
    assert "accepted: true, mostly-true, half-true, barely-true, false, pants-fire" in message


def test_skip_loads_the_good_rows_and_lists_the_bad_ones_with_lines(liar_wb, tmp_path):
    lines = liar_lines()
    lines = _variant(lines, 2, _set_column(1, "fake"))
    lines = _variant(lines, 9, _set_column(12, "1.5"))
    lines = _variant(lines, 14, lambda line: line + "\textra")
    path = write_lines(tmp_path / "some-bad.tsv", lines)

    report = load_liar(liar_wb, path, errors="skip", batch_size=4)

    assert [line for line, _ in report.skipped] == [3, 10, 15]
    assert "unknown label 'fake'" in report.skipped[0][1]
    assert "column 13 is '1.5'" in report.skipped[1][1]
    assert "15 tab-separated columns" in report.skipped[2][1]
    assert (report.rows, report.added_claims, report.existing_claims) == (20, 17, 0)
    refs = set(by_ref(liar_wb.claims()))
    assert len(refs) == 17
    assert not refs & {"liar:9103.json", "liar:9110.json", "liar:9115.json"}
    assert liar_wb.verify().ok


def test_a_row_the_ledger_refuses_is_skipped_or_stops_the_batch(liar_wb, tmp_path):
    # A credit-history count past 64 bits passes the file's checks, but the ledger keeps
    # integers of 64 bits only: it refuses that claim's provenance.
    lines = _variant(liar_lines(), 5, _set_column(9, "99999999999999999999"))
    path = write_lines(tmp_path / "huge-count.tsv", lines)

    with pytest.raises(cl.InvalidInputError, match="the ledger refused a batch") as raised:
        load_liar(liar_wb, path, batch_size=4)
    assert "claims[1]" in str(raised.value)  # the second record of the second batch
    assert len(liar_wb.claims()) == 4  # the first batch was written

    # The refused row's batch is added record by record: the claims there already count so.
    report = load_liar(liar_wb, path, errors="skip", batch_size=8)
    assert [line for line, _ in report.skipped] == [6]
    assert report.skipped[0][1].startswith("the ledger refused it: ")
    assert (report.rows, report.added_claims, report.existing_claims) == (20, 15, 4)
    # The speakers of the first two batches were added before the refused claims batch.
    first_speakers = {line.split("\t")[4] for line in lines[:8]} - {""}
    assert report.added_sources == len(SPEAKERS) - len(first_speakers) > 0
    assert len(liar_wb.claims()) == 19
    assert liar_wb.verify().ok


def test_loads_stream_in_batches_of_batch_size(liar_wb, tmp_path):
    lines = []
    for i in range(20_000):
        label = datasets.LIAR_LABELS[i % 6]
        lines.append(
            f"{i}.json\t{label}\tSays statement number {i} is on record.\tsubject-{i % 7}\t"
            f"speaker-{i % 50}\tJob\tState\tparty\t0\t0\t0\t0\t0\tcontext {i % 3}"
        )
    path = write_lines(tmp_path / "big.tsv", lines)
    sizes = []
    add_claims = liar_wb.add_claims

    def spy(records):
        records = list(records)
        sizes.append(len(records))
        return add_claims(records)

    liar_wb.add_claims = spy
    report = load_liar(liar_wb, path, batch_size=1000)

    assert sizes == [1000] * 20
    assert (report.rows, report.added_claims, report.added_sources) == (20_000, 20_000, 50)
    assert liar_wb.event_count() == 1 + 50 + 2 * 20_000  # genesis, speakers, claim + verdict
    last = by_ref(liar_wb.claims(tag="subject-6", limit=None))["liar:19998.json"]
    assert last.provenance["line"] == 19_999
    assert last.verdict.rating == datasets.LIAR_LABELS[19_998 % 6]


def rewrite_when_writing_starts(wb, path: Path) -> bytes:
    """Makes the load's first add_sources call (the writing pass) rewrite the file at `path`
    with other statements first; returns the bytes the file held before."""
    before = path.read_bytes()
    add_sources = wb.add_sources

    def rewriting(records):
        path.write_text(before.decode("utf-8").replace("Says", "Claims"), encoding="utf-8")
        return add_sources(records)

    wb.add_sources = rewriting
    return before


def test_a_small_file_is_loaded_as_it_was_checked_and_hashed_when_it_changes_meanwhile(
    liar_wb, tmp_path
):
    path = write_lines(tmp_path / "sample.tsv", liar_lines())
    before = rewrite_when_writing_starts(liar_wb, path)
    report = load_liar(liar_wb, path)
    assert report.file_hash == "sha256:" + hashlib.sha256(before).hexdigest()
    assert report.added_claims == len(liar_lines())
    texts = {c.text for c in liar_wb.claims(limit=None)}
    assert texts == {line.split("\t")[2] for line in liar_lines()}  # the rows checked
    assert all(c.provenance["file_hash"] == report.file_hash for c in liar_wb.claims())


def test_a_large_file_read_again_is_refused_when_it_changed_meanwhile(
    liar_wb, tmp_path, monkeypatch
):
    monkeypatch.setattr(datasets.loading, "_KEPT_BYTES", 0)  # every file counts as large
    path = write_lines(tmp_path / "sample.tsv", liar_lines())
    rewrite_when_writing_starts(liar_wb, path)
    with pytest.raises(cl.InvalidInputError, match="changed while it was being loaded"):
        load_liar(liar_wb, path, batch_size=5)


def test_bad_arguments_are_refused(liar_wb):
    with pytest.raises(cl.InvalidInputError, match=r'"raise".*"skip"'):
        load_liar(liar_wb, LIAR, errors="ignore")
    with pytest.raises(cl.InvalidInputError, match="batch_size"):
        load_liar(liar_wb, LIAR, batch_size=0)
    with pytest.raises(FileNotFoundError):
        load_liar(liar_wb, DATA / "no-such-file.tsv")


def test_progress_shows_on_stderr_only_when_asked_or_on_a_terminal(liar_wb, capsys):
    load_liar(liar_wb, LIAR)  # stderr is captured, not a terminal: quiet
    assert capsys.readouterr().err == ""
    load_liar(liar_wb, LIAR, progress=True)
    err = capsys.readouterr().err
    assert "\r" in err
    assert "liar_sample.tsv: loading 20 rows, 100.0% read" in err
    assert err.endswith("\n")


# --- FEVER -------------------------------------------------------------------------------


def _array_item_lines() -> list[int]:
    """The lines where the items of fever_sample.json start (each item's "{" line)."""
    lines = FEVER_ARRAY.read_text(encoding="utf-8").splitlines()
    return [i for i, line in enumerate(lines, 1) if line == "  {"]


@pytest.mark.parametrize("path", [FEVER_ARRAY, FEVER_LINES], ids=["array", "lines"])
def test_fever_loads_claims_pages_and_labels(fever_wb, path):
    report = load_fever(fever_wb, path)

    assert (report.rows, report.added_claims, report.existing_claims) == (12, 12, 0)
    assert report.added_sources == len(FEVER_PAGES)
    assert report.skipped == []
    assert report.file_hash == sha256(path)
    items = json.loads(FEVER_ARRAY.read_text(encoding="utf-8"))
    claims = by_ref(fever_wb.claims())
    pages = by_ref(fever_wb.sources())
    assert set(pages) == {"fever:page:" + title for title in FEVER_PAGES}
    ratings = {"SUPPORTS": "supports", "REFUTES": "refutes", "NOT ENOUGH INFO": "not-enough-info"}
    for index, item in enumerate(items):
        claim = claims[f"fever:{item['id']}"]
        assert claim.text == item["claim"]
        assert claim.verdict.rating == ratings[item["label"]]
        assert claim.verdict.rationale == f"FEVER label: {item['label']}"
        assert claim.tags == ("fever",)
        assert claim.claimant is None
        provenance = claim.provenance
        assert provenance["id"] == item["id"]
        assert provenance["evidence_pages"] == ", ".join(item["evidence_pages"])
        assert provenance["file"] == path.name
        assert provenance["file_hash"] == sha256(path)
        if path == FEVER_ARRAY:
            assert provenance["index"] == index
            assert provenance["line"] == _array_item_lines()[index]
        else:
            assert "index" not in provenance
            assert provenance["line"] == index + 1
    assert fever_wb.verify().ok


def test_fever_pages_are_dataset_sources_with_readable_names_and_wikipedia_urls(fever_wb):
    load_fever(fever_wb, FEVER_ARRAY)
    pages = by_ref(fever_wb.sources())
    novel = pages["fever:page:The_Glass_Orchard_-LRB-novel-RRB-"]
    assert (novel.kind, novel.name) == ("dataset", "The Glass Orchard (novel)")
    assert novel.url == "https://en.wikipedia.org/wiki/The_Glass_Orchard_(novel)"
    cafe = pages["fever:page:Café_Lumière_-LRB-film-RRB-"]
    assert cafe.name == "Café Lumière (film)"
    assert cafe.url == "https://en.wikipedia.org/wiki/Caf%C3%A9_Lumi%C3%A8re_(film)"
    assert pages["fever:page:Pike_&_Sons"].url == "https://en.wikipedia.org/wiki/Pike_%26_Sons"
    history = pages["fever:page:Saint_Orel-COLON-_A_History"]
    assert history.name == "Saint Orel: A History"


def test_a_json_array_and_json_lines_give_the_same_claims(new_location):
    seen = []
    for path in (FEVER_ARRAY, FEVER_LINES):
        with cl.open(new_location(f"{path.suffix}.ledger"), scale="fever") as wb:
            load_fever(wb, path)
            seen.append(
                {
                    c.ref: (c.text, c.verdict.rating, c.provenance["evidence_pages"])
                    for c in wb.claims()
                }
            )
    assert seen[0] == seen[1]


def test_fever_reload_adds_nothing(fever_wb):
    load_fever(fever_wb, FEVER_LINES)
    events = fever_wb.event_count()
    ids = {c.ref: c.id for c in fever_wb.claims()}
    report = load_fever(fever_wb, FEVER_ARRAY)  # the same items in the other format
    assert (report.added_claims, report.existing_claims, report.added_sources) == (0, 12, 0)
    assert fever_wb.event_count() == events
    assert {c.ref: c.id for c in fever_wb.claims()} == ids


def test_fever_needs_a_ledger_on_the_fever_scale(liar_wb):
    events = liar_wb.event_count()
    with pytest.raises(cl.InvalidInputError, match='scale="fever"'):
        load_fever(liar_wb, FEVER_ARRAY)
    assert liar_wb.event_count() == events


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64])
def test_the_array_is_split_the_same_in_chunks_of_any_size(fever_wb, tmp_path, monkeypatch, chunk):
    # Escaped quotes and backslashes, brackets and commas inside strings, nesting, and
    # multi-byte characters, cut at every possible place.
    items = [
        {
            "id": 1,
            "claim": 'A "quoted" claim, with [brackets] and {braces}.',
            "label": "SUPPORTS",
            "evidence_pages": ["A\\B"],
            "extra": {"nested": [1, [2, {"x": "]}"}]]},
        },
        {
            "id": "two",
            "claim": "Ends with a backslash \\",
            "label": "REFUTES",
            "evidence_pages": [],
        },
        {
            "id": 3,
            "claim": "Ünïcödé ✓ 𝄞 claim",
            "label": "NOT ENOUGH INFO",
            "evidence_pages": ["Ü"],
        },
    ]
    path = tmp_path / "tricky.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")  # one line
    monkeypatch.setattr(fever, "CHUNK_BYTES", chunk)
    report = load_fever(fever_wb, path)
    assert report.skipped == []
    assert report.added_claims == 3
    claims = by_ref(fever_wb.claims())
    assert [claims[f"fever:{i['id']}"].text for i in items] == [i["claim"] for i in items]
    assert claims["fever:1"].provenance["evidence_pages"] == "A\\B"


def test_a_json_array_is_read_holding_about_one_chunk(fever_wb, tmp_path, monkeypatch):
    items = [
        {
            "id": i,
            "claim": f"Claim {i} about Port Averin.",
            "label": "SUPPORTS",
            "evidence_pages": ["Port_Averin"],
        }
        for i in range(3000)
    ]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(items, indent=2), encoding="utf-8")
    monkeypatch.setattr(fever, "CHUNK_BYTES", 4096)
    longest = []
    more = fever._ArrayScanner.more

    def spy(scanner):
        dropped = more(scanner)
        longest.append(len(scanner.buf))
        return dropped

    monkeypatch.setattr(fever._ArrayScanner, "more", spy)
    report = load_fever(fever_wb, path, batch_size=500)
    assert report.added_claims == 3000
    assert path.stat().st_size > 100 * 4096
    assert max(longest) < 2 * 4096


def test_the_shared_task_evidence_lists_give_the_pages(fever_wb, tmp_path):
    item = {
        "id": 7,
        "verifiable": "VERIFIABLE",
        "label": "SUPPORTS",
        "claim": "Lake Miravel is in the Kestrel Valley.",
        "evidence": [
            [[1, 2, "Lake_Miravel", 0]],
            [[3, 4, "Kestrel_Valley", 1], [3, 5, None, None]],
        ],
    }
    path = write_lines(tmp_path / "paper_dev.jsonl", [json.dumps(item)])
    load_fever(fever_wb, path)
    (claim,) = fever_wb.claims()
    assert claim.provenance["evidence_pages"] == "Lake_Miravel, Kestrel_Valley"


MALFORMED_FEVER = {
    "bad json": ('{"id": 9, "claim": "No comma" "label": "SUPPORTS"}', "not valid JSON"),
    "unknown label": (
        '{"id": 9, "claim": "x", "label": "TRUE", "evidence_pages": []}',
        "unknown label 'TRUE'; accepted: SUPPORTS, REFUTES, NOT ENOUGH INFO",
    ),
    "no claim": ('{"id": 9, "label": "SUPPORTS"}', "no claim"),
    "empty claim": (
        '{"id": 9, "claim": " ", "label": "SUPPORTS"}',
        "the claim ' ' is not text, or is empty",
    ),
    "pages not a list": (
        '{"id": 9, "claim": "x", "label": "REFUTES", "evidence_pages": "Lake_Miravel"}',
        "evidence_pages 'Lake_Miravel' is not a list of page titles",
    ),
    "not an object": ('["id", 9]', "the item is a JSON array"),
    "bad id": ('{"id": true, "claim": "x", "label": "REFUTES"}', "the id True is not"),
    "lone surrogate": (
        '{"id": 9, "claim": "bad \\ud800 text", "label": "REFUTES"}',
        "the claim holds an unpaired surrogate \\ud800",
    ),
}


@pytest.mark.parametrize("kind", sorted(MALFORMED_FEVER))
def test_a_malformed_json_line_is_reported_by_line(fever_wb, tmp_path, kind):
    bad, reason = MALFORMED_FEVER[kind]
    lines = FEVER_LINES.read_text(encoding="utf-8").splitlines()
    lines.insert(5, bad)
    path = write_lines(tmp_path / "bad.jsonl", lines)
    events = fever_wb.event_count()

    with pytest.raises(cl.InvalidInputError) as raised:
        load_fever(fever_wb, path, batch_size=2)
    assert f"line 6: {reason}" in str(raised.value)
    assert fever_wb.event_count() == events

    report = load_fever(fever_wb, path, errors="skip", batch_size=2)
    assert report.skipped == [(6, report.skipped[0][1])]
    assert reason in report.skipped[0][1]
    assert (report.rows, report.added_claims) == (13, 12)


def test_a_bad_item_in_an_array_is_skipped_and_the_rest_loaded(fever_wb, tmp_path):
    text = FEVER_ARRAY.read_text(encoding="utf-8")
    broken = text.replace('"claim": "Averin Bay', '"claim" "Averin Bay')  # item 9
    assert broken != text
    line = broken[: broken.index('"claim" "Averin Bay')].count("\n") + 1
    path = tmp_path / "one-bad.json"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(cl.InvalidInputError, match=f"line {line}: not valid JSON: Expecting ':'"):
        load_fever(fever_wb, path)
    report = load_fever(fever_wb, path, errors="skip")
    assert [n for n, _ in report.skipped] == [line]
    assert report.added_claims == 11
    assert "fever:500009" not in by_ref(fever_wb.claims())


def test_invalid_utf8_in_an_array_is_reported_with_its_line(fever_wb, tmp_path):
    data = FEVER_ARRAY.read_bytes().replace(b"Port Averin was", b"Port Av\xffrin was")
    path = tmp_path / "bytes.json"
    path.write_bytes(data)
    line = data[: data.index(b"\xff")].count(b"\n") + 1
    report = load_fever(fever_wb, path, errors="skip")
    assert report.skipped == [(line, "not valid UTF-8 (byte 0xff); the file must be UTF-8")]
    assert report.added_claims == 11
    assert report.file_hash == sha256(path)


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        (
            '[{"id": 1, "claim": "a", "label": "SUPPORTS"},\n{"id": 2, "claim": "b',
            2,
            "the file ends inside the item that starts here",
        ),
        (
            '[{"id": 1, "claim": "a", "label": "SUPPORTS"}\n\n',
            3,
            "the file ends inside the JSON array (expected ',' or ']')",
        ),
        (
            '[{"id": 1, "claim": "a", "label": "SUPPORTS"},\n]',
            2,
            "broken JSON array: expected an item, found ']'",
        ),
        (
            '[{"id": 1, "claim": "a", "label": "SUPPORTS"}]\n[]',
            2,
            "text after the end of the JSON array",
        ),
    ],
    ids=["unclosed string", "unclosed array", "trailing comma", "text after"],
)
def test_a_broken_array_is_reported_where_it_breaks(fever_wb, tmp_path, text, line, reason):
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(cl.InvalidInputError) as raised:
        load_fever(fever_wb, path)
    assert f"line {line}: {reason}" in str(raised.value)
    report = load_fever(fever_wb, path, errors="skip")
    assert report.added_claims == 1  # the item before the break
    assert report.skipped[-1][0] == line
    assert reason in report.skipped[-1][1]
    assert report.file_hash == sha256(path)


def test_a_file_that_is_not_fever_data_says_what_is_accepted(fever_wb, tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("id,claim,label\n1,a,SUPPORTS\n", encoding="utf-8")
    with pytest.raises(cl.InvalidInputError, match=r"a JSON array .* or JSON Lines"):
        load_fever(fever_wb, path)


def test_an_empty_file_loads_nothing(fever_wb, tmp_path):
    for name, text in (("empty.json", ""), ("blank.jsonl", "\n  \n"), ("none.json", "[ ]")):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        report = load_fever(fever_wb, path)
        assert (report.rows, report.added_claims, report.skipped) == (0, 0, [])


# --- the command line --------------------------------------------------------------------


def run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_import_liar_creates_a_politifact_ledger(capsys, new_location):
    ledger = new_location("liar.ledger")
    status, out, err = run(capsys, "import", ledger, LIAR, "--format", "liar", "--actor", "bo")
    assert (status, err) == (0, "")
    assert len(out.strip().splitlines()) == 1
    assert "20 rows read, 20 claims added, 0 already there, 8 sources added, 0 skipped" in out
    with cl.open(ledger, create=False) as wb:
        assert wb.scale == "politifact"
        assert len(wb.claims()) == 20
        assert {c.actor for c in wb.claims()} == {"bo"}
    status, out, _ = run(capsys, "import", ledger, LIAR, "--format", "liar")
    assert status == 0
    assert "0 claims added, 20 already there" in out


def test_cli_import_fever_as_json(capsys, new_location):
    ledger = new_location("fever.ledger")
    status, out, err = run(capsys, "import", ledger, FEVER_LINES, "--format", "fever", "--json")
    assert (status, err) == (0, "")
    report = json.loads(out)
    assert report["rows"] == report["added_claims"] == 12
    assert report["added_sources"] == 9
    assert report["file_hash"] == sha256(FEVER_LINES)
    assert report["format"] == "fever"
    assert report["skipped"] == []
    with cl.open(ledger, create=False) as wb:
        assert wb.scale == "fever"


def assert_one_line_error(status, out, err, *fragments):
    assert status == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("claimledger: "), err
    for fragment in fragments:
        assert fragment in lines[0]


def test_cli_import_errors_exit_1_with_one_line(tmp_path, capsys, new_location):
    ledger = new_location("desk.ledger")
    bad = write_lines(tmp_path / "bad.tsv", _variant(liar_lines(), 3, _set_column(1, "nope")))

    status, out, err = run(capsys, "import", ledger, bad, "--format", "liar")
    assert_one_line_error(status, out, err, "line 4: unknown label 'nope'")
    assert not ledger_exists(ledger)  # a failed import leaves no empty ledger behind

    status, out, err = run(capsys, "import", ledger, tmp_path / "missing.tsv", "--format", "liar")
    assert_one_line_error(status, out, err, "missing.tsv")

    run(capsys, "import", ledger, LIAR, "--format", "liar")
    events = cl.open(ledger, create=False).event_count()
    status, out, err = run(capsys, "import", ledger, FEVER_ARRAY, "--format", "fever")
    assert_one_line_error(status, out, err, "uses the politifact scale", "fever scale")
    assert cl.open(ledger, create=False).event_count() == events


def test_cli_import_skip_lists_the_skipped_lines(tmp_path, capsys, new_location):
    ledger = new_location("desk.ledger")
    bad = write_lines(tmp_path / "bad.tsv", _variant(liar_lines(), 3, _set_column(1, "nope")))
    status, out, err = run(capsys, "import", ledger, bad, "--format", "liar", "--errors", "skip")
    assert (status, err) == (0, "")
    summary, skipped = out.strip().splitlines()
    assert "19 claims added" in summary
    assert "1 skipped" in summary
    assert skipped.startswith("  skipped line 4: unknown label 'nope'")


def test_cli_import_help_has_an_example(capsys):
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    out = capsys.readouterr().out
    assert "example:\n  claimledger import " in out
    assert "--format liar" in out
