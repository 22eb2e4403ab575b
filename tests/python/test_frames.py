"""pandas views of a desk (typed columns, times as UTC datetimes) and bulk adding from a
DataFrame through the batch path; without pandas, a clear message says what to install."""

from __future__ import annotations

import datetime as dt
import sys

import claimledger as cl
import pandas as pd
import pytest
from claimledger.notebook import frames
from pandas.api import types as ptypes


def is_utc_datetime(series) -> bool:
    return ptypes.is_datetime64_any_dtype(series) and str(series.dt.tz) == "UTC"


def test_claims_frame_has_typed_columns(desk):
    frame = desk.wb.claims_frame()
    claims = desk.wb.claims()
    assert list(frame["id"]) == [c.id for c in claims]
    assert list(frame["text"]) == [c.text for c in claims]
    for column in ("at", "verdict_at", "date"):
        assert is_utc_datetime(frame[column]), column
    assert frame["at"].iloc[0] == pd.Timestamp(claims[0].at)
    assert isinstance(frame["rating"].dtype, pd.CategoricalDtype)
    assert frame["rating"].cat.ordered
    assert list(frame["rating"].cat.categories) == desk.wb.ratings
    assert list(frame["status"].cat.categories) == [
        "new",
        "published-elsewhere",
        "in-progress",
        "reviewed",
        "published",
        "retracted",
    ]
    troops = frame.set_index("id").loc[desk.troops]
    assert troops["rating"] == "true"
    assert troops["truth_score"] == 1.0
    assert troops["claimant_name"] == "Reuters"
    assert troops["verdict_by"] == "alice"
    assert troops["tags"] == ["military", "usfk"]
    assert troops["quantities"] == 1
    assert troops["quote"] == "approximately 28,500 troops"
    escalation = frame.set_index("id").loc[desk.escalation]
    assert pd.isna(escalation["rating"])
    assert pd.isna(escalation["verdict_at"])
    assert frame["seq"].dtype == "int64"
    assert frame["quantities"].dtype == "int64"
    assert isinstance(frame["text"].dtype, pd.StringDtype)


def test_claims_frame_takes_the_claims_filters(desk):
    frame = desk.wb.claims_frame(rating="true")
    assert list(frame["id"]) == [desk.troops]
    assert len(desk.wb.claims_frame(tag="military")) == 2


def test_claims_frame_dates_are_datetimes(wb):
    wb.add_claim("Said in 2019.", date="2019-05-01")
    frame = wb.claims_frame()
    assert frame["date"].iloc[0] == pd.Timestamp("2019-05-01T00:00:00Z")
    assert is_utc_datetime(frame["date"])


def test_evidence_frame_names_the_source_of_each_quote(desk):
    desk.wb.link_evidence(
        desk.escalation, desk.article, quote="a significant escalation", stance="context"
    )
    frame = desk.wb.evidence_frame()
    assert len(frame) == 2
    assert list(frame["stance"]) == ["supports", "context"]
    assert isinstance(frame["stance"].dtype, pd.CategoricalDtype)
    first = frame.iloc[0]
    assert first["id"] == desk.evidence
    assert first["claim"] == desk.troops
    assert first["source_name"] == "United States Forces Korea"
    assert first["quote"] == "Approximately 28,500 U.S. service members"
    assert desk.factsheet_text[first["start"] : first["end"]] == first["quote"]
    assert is_utc_datetime(frame["at"])
    assert list(desk.wb.evidence_frame(desk.troops)["id"]) == [desk.evidence]


def test_sources_frame_has_reliability_and_track_records(desk):
    frame = desk.wb.sources_frame().set_index("id")
    assert list(frame.index) == [s.id for s in desk.wb.sources()]
    assert frame.loc[desk.reuters, "reliability"] == "B"
    assert pd.isna(frame.loc[desk.usfk, "reliability"])
    assert frame["reliability"].cat.ordered
    assert list(frame["reliability"].cat.categories) == list("ABCDEF")
    record = desk.wb.track_record(desk.reuters)
    assert frame.loc[desk.reuters, "claims"] == record.verdicts == 1
    assert frame.loc[desk.reuters, "score"] == pytest.approx(record.score)
    assert frame.loc[desk.reuters, "low"] == pytest.approx(record.low)
    assert pd.isna(frame.loc[desk.usfk, "score"])  # nothing rated: no score, not 0.5
    assert frame["claims"].dtype == "int64"
    assert frame["score"].dtype == "float64"
    assert is_utc_datetime(frame["at"])


def test_events_frame_is_every_event_in_order(desk):
    frame = desk.wb.events_frame()
    assert list(frame["seq"]) == list(range(1, desk.wb.event_count() + 1))
    assert is_utc_datetime(frame["at"])
    assert frame["type"].iloc[0] == "ledger.created"
    assert list(desk.wb.events_frame(2, 3)["seq"]) == [2, 3]


def test_from_frame_adds_claims_with_verdicts_dates_and_tags(wb):
    source = wb.add_source("PolitiFact speaker", kind="person")
    df = pd.DataFrame(
        {
            "text": ["Unemployment fell 5% in 2019.", "Crime doubled.", "Taxes rose."],
            "claimant": [source.id, source.id, None],
            "rating": ["true", "false", None],
            "rationale": ["BLS data agree.", None, None],
            "date": [pd.Timestamp("2019-03-01"), dt.date(2020, 1, 2), pd.NaT],
            "tags": ["economy, jobs", ["crime"], None],
            "ref": ["row:1", "row:2", "row:3"],
        }
    )
    ids = wb.from_frame(df)
    assert len(ids) == 3
    first, second, third = (wb.claim(i) for i in ids)
    assert first.text == "Unemployment fell 5% in 2019."
    assert first.claimant == source.id
    assert first.verdict.rating == "true"
    assert first.verdict.rationale == "BLS data agree."
    assert first.date == "2019-03-01"
    assert first.tags == ("economy", "jobs")
    assert second.verdict.rating == "false"
    assert second.date == "2020-01-02"
    assert second.tags == ("crime",)
    assert third.verdict is None
    assert third.claimant is None
    assert third.date is None
    assert first.quantities  # parsed like any claim
    assert wb.from_frame(df) == ids  # the refs make reloading idempotent
    assert len(wb.claims()) == 3


def test_from_frame_renames_columns(wb):
    df = pd.DataFrame({"statement": ["A claim."], "label": ["mixed"]})
    (claim_id,) = wb.from_frame(df, columns={"statement": "text", "label": "rating"})
    assert wb.claim(claim_id).verdict.rating == "mixed"


def test_from_frame_adds_sources(wb):
    df = pd.DataFrame(
        {
            "name": ["Barack Obama", "Rick Perry"],
            "kind": ["person", "person"],
            "ref": ["liar:speaker:barack-obama", "liar:speaker:rick-perry"],
            "attributes": [{"party": "democrat"}, {"party": "republican"}],
        }
    )
    ids = wb.from_frame(df, what="sources")
    assert [wb.source(i).name for i in ids] == ["Barack Obama", "Rick Perry"]
    assert wb.source(ids[1]).attributes == {"party": "republican"}


def test_from_frame_names_an_unknown_column_and_writes_nothing(wb):
    before = wb.event_count()
    df = pd.DataFrame({"text": ["A claim."], "speaker": ["someone"]})
    with pytest.raises(cl.InvalidInputError, match=r"unknown column.*speaker"):
        wb.from_frame(df)
    assert wb.event_count() == before


def test_from_frame_writes_nothing_when_a_row_is_bad(wb):
    before = wb.event_count()
    df = pd.DataFrame({"text": ["Good.", "Also good.", "Bad rating."], "rating": [None, None, "?"]})
    with pytest.raises(cl.InvalidInputError, match=r"claims\[2\]"):
        wb.from_frame(df)
    assert wb.event_count() == before


def test_from_frame_needs_a_dataframe_with_text(wb):
    with pytest.raises(cl.InvalidInputError, match="DataFrame"):
        wb.from_frame([{"text": "A claim."}])
    with pytest.raises(cl.InvalidInputError, match="'text' column"):
        wb.from_frame(pd.DataFrame({"tags": ["x"]}))


def test_frames_say_what_to_install_without_pandas(desk, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    for call in (
        desk.wb.claims_frame,
        desk.wb.sources_frame,
        desk.wb.evidence_frame,
        desk.wb.events_frame,
        lambda: desk.wb.history_frame(desk.troops),
    ):
        with pytest.raises(ImportError, match=r"pip install 'claimledger\[notebook\]'"):
            call()
    assert desk.wb.claims()  # the rest works
    assert desk.wb.claim_card(desk.troops)._repr_html_()


def test_require_pandas_gives_pandas():
    assert frames.require_pandas() is pd
