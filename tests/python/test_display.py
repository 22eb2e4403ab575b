"""How objects look in a notebook and a terminal: the HTML of each display (claim card,
history timeline, verify report, source, track record, event) holds what a reader needs,
and every piece of user text in it is escaped, so markup in a claim, a name, a quote or a
rationale shows as text and never runs. Also the plain-text reprs, and a colour or label
for every word of the vocabulary."""

from __future__ import annotations

import colorsys
import shutil
from html.parser import HTMLParser
from typing import Optional

import claimledger as cl
import pytest
from claimledger import vocabulary
from claimledger.files import shown_location
from claimledger.notebook import display
from claimledger.notebook.display import esc, history, palette

SCRIPT = "<script>alert('x')</script>"
HOSTILE_ARTICLE = (
    "Seoul, 21 October 2024. Officials said <script>alert('x')</script> about 3,000 "
    'soldiers had arrived, and the minister called it "a <b>bold</b> step".\n'
)
HOSTILE_FACTS = 'The ministry counted "3,000 <img src=x onerror=alert(1)> soldiers" in October.\n'


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML fragment."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list = []
        self.text: list = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def names(self) -> set:
        return {tag for tag, _ in self.tags}

    def all_text(self) -> str:
        return "".join(self.text)

    def with_attr(self, name: str, value: Optional[str] = None) -> list:
        return [
            attrs
            for _, attrs in self.tags
            if name in attrs and (value is None or attrs[name] == value)
        ]


def assert_inert(markup: str) -> Elements:
    """The HTML has no script or image element, no event-handler attribute and no link
    that is not http(s): nothing in it can run or load."""
    parsed = Elements(markup)
    assert not parsed.names() & {"script", "img", "iframe", "object", "embed", "b", "style"}
    for tag, attrs in parsed.tags:
        assert not [a for a in attrs if a.lower().startswith("on")], (tag, attrs)
        if "href" in attrs:
            assert attrs["href"].startswith(("http://", "https://")), attrs["href"]
    return parsed


def hue(colour: str) -> float:
    """The hue of a #rrggbb colour in degrees."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hls(r, g, b)[0] * 360


def badge_colour(markup: str, rating: str) -> str:
    """The background colour of the badge of `rating` in `markup`."""
    parsed = Elements(markup)
    (attrs, *_) = parsed.with_attr("data-rating", rating)
    style = attrs["style"]
    return style.split("background:")[1].split(";")[0]


@pytest.fixture
def hostile(wb):
    """A desk where every piece of user text carries markup."""
    wb.actor = "<i>mallory</i>"
    outlet = wb.add_source(
        "<b>Courier</b> & Co", kind="outlet", url="javascript:alert(1)", affiliation="<u>x</u>"
    )
    ministry = wb.add_source('Ministry "<img src=x onerror=alert(1)>"', kind="official-record")
    article = wb.add_snapshot(HOSTILE_ARTICLE, title="<title>T</title>", publisher=outlet)
    facts = wb.add_snapshot(HOSTILE_FACTS, publisher=ministry)
    claim = wb.add_claim(
        f"About 3,000 soldiers {SCRIPT} arrived.",
        claimant=outlet,
        appears_in=article,
        quote=SCRIPT,
        tags=["<em>tag</em>"],
        context="<marquee>a mailer</marquee>",
    )
    evidence = wb.link_evidence(
        claim,
        facts,
        quote="3,000 <img src=x onerror=alert(1)> soldiers",
        stance="supports",
        note="<script>note()</script>",
    )
    wb.set_verdict(claim, "mixed", rationale="<script>first()</script>")
    wb.set_verdict(claim, "true", rationale="<b>sure</b> now", evidence=[evidence])
    wb.rate_source(outlet, "B", rationale="<script>why()</script>")
    return {"claim": claim.id, "outlet": outlet.id, "ministry": ministry.id, "evidence": evidence}


# --- claim cards -------------------------------------------------------------------------------


def test_claim_card_shows_text_verdict_status_quotes_and_evidence(desk):
    card = desk.wb.claim_card(desk.troops)
    markup = card._repr_html_()
    parsed = assert_inert(markup)
    text = parsed.all_text()
    assert "About 28,500 US troops are in South Korea." in text
    assert "Reuters" in text  # the claimant's name, not only its id
    assert desk.troops in text
    assert parsed.with_attr("data-rating", "true")
    assert parsed.with_attr("data-status", "new")
    assert "approximately 28,500 troops" in text  # the quote in the article
    assert "xxh3-128:" + desk.article.split(":")[1][:8] + "…" in text  # short snapshot hash
    assert "USFK gives the same figure." in text  # the rationale
    (_evidence,) = parsed.with_attr("data-evidence", desk.evidence)
    assert parsed.with_attr("data-stance", "supports")
    assert "Approximately 28,500 U.S. service members" in text
    assert "United States Forces Korea" in text  # the evidence's source (its publisher)
    assert "The command's own figure." in text  # the evidence note
    assert "28,500 troops" in text  # the parsed quantity


def test_claim_card_escapes_every_piece_of_user_text(hostile, wb):
    markup = wb.claim_card(hostile["claim"])._repr_html_()
    parsed = assert_inert(markup)
    text = parsed.all_text()
    for shown in (
        f"About 3,000 soldiers {SCRIPT} arrived.",
        "<b>Courier</b> & Co",
        "3,000 <img src=x onerror=alert(1)> soldiers",
        "<script>note()</script>",
        "<b>sure</b> now",
        "<i>mallory</i>",
        "<em>tag</em>",
        "<marquee>a mailer</marquee>",
        'Ministry "<img src=x onerror=alert(1)>"',
        "<title>T</title>",
    ):
        assert shown in text, shown
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in markup
    assert SCRIPT not in markup


def test_bare_claim_repr_html_is_a_card_with_ids_and_escaped_text(hostile, wb):
    claim = wb.claim(hostile["claim"])
    markup = claim._repr_html_()
    parsed = assert_inert(markup)
    assert f"About 3,000 soldiers {SCRIPT} arrived." in parsed.all_text()
    assert hostile["outlet"] in parsed.all_text()  # a bare claim knows only the claimant's id
    assert parsed.with_attr("data-rating", "true")
    assert parsed.with_attr("data-claim", claim.id)


def test_revised_verdict_shows_old_and_new_rating(hostile, wb):
    parsed = Elements(wb.claim_card(hostile["claim"])._repr_html_())
    ratings = [a["data-rating"] for a in parsed.with_attr("data-rating")]
    # the card's badge, the verdict's, then the revision: mixed -> true
    assert ratings == ["true", "true", "mixed", "true"]
    assert "revised" in parsed.all_text()


def test_claim_without_verdict_says_so(desk):
    markup = desk.wb.claim_card(desk.escalation)._repr_html_()
    assert "No verdict yet." in Elements(markup).all_text()
    assert Elements(markup).with_attr("data-rating", "")


def test_verdict_badges_run_from_green_true_to_red_false_and_grey_off_axis(wb):
    with pytest.warns(cl.NearDuplicateWarning):  # the claims are alike on purpose
        claims = {r: wb.add_claim(f"Claim rated {r}.", verdict=r).id for r in wb.ratings}
    colours = {r: badge_colour(wb.claim_card(c)._repr_html_(), r) for r, c in claims.items()}
    assert hue(colours["true"]) == pytest.approx(120, abs=2)  # green
    assert hue(colours["false"]) == pytest.approx(0, abs=2)  # red
    assert 20 < hue(colours["mixed"]) < 100  # amber in between
    assert hue(colours["true"]) > hue(colours["mostly-true"]) > hue(colours["mixed"])
    assert hue(colours["mixed"]) > hue(colours["mostly-false"]) > hue(colours["false"])
    assert colours["unproven"] == colours["misleading"] == display.GREY


def test_badges_follow_the_ledgers_own_scale(new_location):
    with cl.open(new_location("p.ledger"), actor="a", scale="politifact") as wb:
        low = wb.add_claim("Low.", verdict="pants-fire").id
        false = wb.add_claim("False.", verdict="false").id
        false_colour = badge_colour(wb.claim_card(false)._repr_html_(), "false")
        fire_colour = badge_colour(wb.claim_card(low)._repr_html_(), "pants-fire")
    assert hue(fire_colour) == pytest.approx(0, abs=2)
    assert hue(false_colour) > hue(fire_colour)  # "false" is 0.2 on PolitiFact's scale


def test_custom_scale_labels_with_markup_are_escaped_in_badges(new_location):
    scale = [("<b>yes</b>", 0), ("no", 1), ('dunno" onclick="x()', None)]
    with cl.open(new_location("c.ledger"), actor="a", scale=scale) as wb:
        yes = wb.add_claim("A.", verdict="<b>yes</b>").id
        dunno = wb.add_claim("B.", verdict='dunno" onclick="x()').id
        for claim in (yes, dunno):
            parsed = assert_inert(wb.claim_card(claim)._repr_html_())
            assert parsed.with_attr("data-rating", wb.claim(claim).verdict.rating)


def test_claim_card_text_is_readable(desk):
    text = repr(desk.wb.claim_card(desk.troops))
    assert text.splitlines()[0] == f"Claim {desk.troops}  [true] [new]"
    assert "About 28,500 US troops are in South Korea." in text
    assert "claimed by Reuters" in text
    assert "evidence " + desk.evidence + " supports" in text


# --- reprs ----------------------------------------------------------------------------------


def test_reprs_are_one_readable_line(desk):
    wb = desk.wb
    claim = wb.claim(desk.troops)
    assert repr(claim) == (
        f'<Claim {desk.troops} [true, new] "About 28,500 US troops are in South Korea.">'
    )
    assert repr(wb.source(desk.reuters)) == (
        f'<Source {desk.reuters} "Reuters" (outlet, reliability B)>'
    )
    assert repr(wb.verify()) == f"<VerifyReport ok: {wb.event_count()} events checked>"
    record = wb.track_record(desk.reuters)
    assert repr(record) == (
        f"<TrackRecord {desk.reuters}: 1 verdicts, score {record.score:.2f} "
        f"[{record.low:.2f}, {record.high:.2f}]>"
    )
    verdict_event = wb.history(desk.troops)[-1]
    assert repr(verdict_event).startswith(f"<Event {verdict_event.seq} verdict.set by alice at ")
    assert "true: USFK gives the same figure." in repr(verdict_event)
    for value in (claim, wb.source(desk.reuters), wb.verify(), record, verdict_event):
        assert "\n" not in repr(value)


def test_long_claim_text_is_cut_in_repr(wb):
    claim = wb.add_claim("word " * 100)
    assert len(repr(claim)) < 140
    assert repr(claim).endswith('…">')


# --- history timelines ---------------------------------------------------------------------


def test_history_view_is_a_timeline_with_verdict_changes_highlighted(hostile, wb):
    view = wb.history_view(hostile["claim"])
    events = wb.history(hostile["claim"])
    assert list(view) == events
    assert len(view) == len(events)
    assert view[0] == events[0]
    markup = view._repr_html_()
    parsed = assert_inert(markup)
    rows = parsed.with_attr("data-seq")
    assert [int(r["data-seq"]) for r in rows] == [e.seq for e in events]
    assert [r["data-type"] for r in rows] == [e.type for e in events]
    highlighted = [r for r in rows if "cl-highlight" in r["class"]]
    assert [r["data-type"] for r in highlighted] == ["verdict.set", "verdict.set"]
    text = parsed.all_text()
    assert "first verdict" in text
    assert "verdict changed" in text
    assert text.count("<i>mallory</i>") == len(events)  # who, on every row, as text
    assert events[0].at[:10] in text  # when
    assert "<script>first()</script>" in text
    assert "<b>sure</b> now" in text
    assert f"About 3,000 soldiers {SCRIPT} arrived." in text
    ratings = [a["data-rating"] for a in parsed.with_attr("data-rating")]
    assert ratings == ["mixed", "mixed", "true"]  # first verdict; then mixed -> true


def test_history_view_of_a_source_names_it_and_shows_rating_changes(hostile, wb):
    wb.rate_source(hostile["outlet"], "C", rationale="slipped")
    parsed = assert_inert(wb.history_view(hostile["outlet"])._repr_html_())
    grades = [a["data-grade"] for a in parsed.with_attr("data-grade")]
    assert grades == ["B", "B", "C"]  # first rating B; then B -> C
    assert "<b>Courier</b> & Co" in parsed.all_text()


def test_history_text_marks_verdicts(desk):
    text = repr(desk.wb.history_view(desk.troops))
    lines = text.splitlines()
    assert lines[0] == f"History of {desk.troops}"
    assert len(lines) == 1 + len(desk.wb.history(desk.troops))
    (verdict_line,) = [line for line in lines if line.startswith("*")]
    assert "first verdict: true: USFK gives the same figure." in verdict_line


def test_history_view_frame_has_the_events(desk):
    frame = desk.wb.history_view(desk.troops).frame()
    assert list(frame["seq"]) == [e.seq for e in desk.wb.history(desk.troops)]


def test_event_html_shows_hashes_and_escaped_data(hostile, wb):
    event = wb.history(hostile["evidence"])[0]
    markup = event._repr_html_()
    parsed = assert_inert(markup)
    text = parsed.all_text()
    assert event.hash in text
    assert event.prev in text
    assert event.type in text
    assert "3,000 <img src=x onerror=alert(1)> soldiers" in text
    assert "<script>note()</script>" in text


# --- verify reports -------------------------------------------------------------------------


def test_verify_report_ok_is_green(desk):
    report = desk.wb.verify()
    parsed = assert_inert(report._repr_html_())
    (box,) = parsed.with_attr("data-ok", "true")
    assert "#dafbe1" in box["style"]  # green
    assert f"{report.events:,} events" in parsed.all_text()
    assert "verified" in parsed.all_text()


def test_verify_report_with_problems_is_red_with_a_table(desk, location, tamper):
    desk.wb.close()
    copy = tamper(location, "UPDATE events SET actor = 'eve' WHERE type = 'verdict.set'")
    with cl.open(copy, create=False) as tampered:
        report = tampered.verify()
    assert not report.ok
    parsed = assert_inert(report._repr_html_())
    (box,) = parsed.with_attr("data-ok", "false")
    assert "#ffebe9" in box["style"]  # red
    (_problems,) = parsed.with_attr("class", "cl-problems")
    text = parsed.all_text()
    for problem in report.problems:
        assert problem.kind in text
        assert problem.detail in text
    assert "hash-mismatch" in text
    assert "FAILED" in repr(report)
    assert "hash-mismatch" in repr(report)


def test_verify_report_escapes_problem_details():
    report = cl.VerifyReport(
        ok=False, events=3, problems=(cl.Problem(2, "projection-mismatch", SCRIPT),)
    )
    markup = report._repr_html_()
    assert SCRIPT in assert_inert(markup).all_text()
    assert "wb.rebuild()" in markup  # only projection problems: rebuild is the remedy


# --- sources and track records --------------------------------------------------------------


def test_source_card_shows_reliability_ratings_and_track_record(desk):
    markup = desk.wb.source_card(desk.reuters)._repr_html_()
    parsed = assert_inert(markup)
    text = parsed.all_text()
    assert "Reuters" in text
    assert "usually reliable" in text
    assert parsed.with_attr("data-grade", "B")
    assert "Usually reliable." in text  # the rating's rationale
    record = desk.wb.track_record(desk.reuters)
    assert f"{record.score:.2f}" in text
    assert f"{record.low:.2f}–{record.high:.2f}" in text
    assert parsed.with_attr("href", "https://www.reuters.com")
    assert parsed.with_attr("data-rating", "true")  # counts by rating as badges


def test_source_card_escapes_and_never_links_other_schemes(hostile, wb):
    parsed = assert_inert(wb.source_card(hostile["outlet"])._repr_html_())
    text = parsed.all_text()
    assert "<b>Courier</b> & Co" in text
    assert "<u>x</u>" in text
    assert "javascript:alert(1)" in text  # shown as text, not as a link
    assert "<script>why()</script>" in text


def test_bare_source_and_track_record_html(desk):
    source = desk.wb.source(desk.usfk)
    text = assert_inert(source._repr_html_()).all_text()
    assert "United States Forces Korea" in text
    assert "not rated" in text
    record = desk.wb.track_record(desk.usfk)
    assert "No claims with a verdict yet." in assert_inert(record._repr_html_()).all_text()
    reuters = desk.wb.track_record(desk.reuters)
    assert f"{reuters.score:.2f}" in assert_inert(reuters._repr_html_()).all_text()


# --- colours and labels for every word of the core's vocabulary --------------------------


@pytest.mark.parametrize(
    ("presentation", "words"),
    [
        (palette.STATUS_COLOURS, (*vocabulary.CLAIM_STATUSES, vocabulary.RETRACTED)),
        (palette.STANCE_COLOURS, vocabulary.STANCES),
        (palette.GRADE_COLOURS, vocabulary.RELIABILITY_GRADES),
        (palette.EVENT_LABELS, vocabulary.EVENT_TYPES),
        (palette.EVENT_COLOURS, vocabulary.EVENT_TYPES),
        (history.CHANGES, vocabulary.EVENT_TYPES),
        (palette.REANCHOR_COLOURS, vocabulary.REANCHOR_STATUSES),
    ],
    ids=["status", "stance", "grade", "event label", "event colour", "event change", "reanchor"],
)
def test_every_word_of_the_vocabulary_has_its_presentation(presentation, words):
    assert list(presentation) == list(words)


# --- every record a notebook gets back ---------------------------------------------------------


def returned_records(desk) -> dict:
    """One of each record the workbench returns, made on the small desk, by name."""
    wb = desk.wb
    search = wb.search("troops")
    similar = wb.similar("About 28,500 US troops are stationed in South Korea.")
    candidates = wb.candidates(desk.article)
    return {
        "Quote": wb.claim(desk.troops).appearances[0],
        "Quantity": wb.claim(desk.troops).quantities[0],
        "Snapshot": wb.snapshot(desk.article),
        "Verdict": desk.verdict,
        "Evidence": wb.evidence(desk.troops)[0],
        "SourceRating": desk.rating,
        "YearScore": wb.track_record(desk.reuters).by_year[0],
        "RatingMapping": cl.map_scale("default", "fever")[0],
        "SearchHit": search[0],
        "SnapshotHit": wb.search_snapshots("troops")[0],
        "SimilarHit": similar[0],
        "Candidate": candidates[0],
        "Checkpoint": wb.checkpoint(),
        "Problem": cl.Problem(seq=0, kind="projection-mismatch", detail="claims row x differs"),
        "MergeConflict": cl.MergeConflict(
            claim=desk.troops, local_rating="true", other_rating="false"
        ),
    }


def test_every_returned_record_has_a_short_repr_and_escaped_html(desk):
    for name, record in returned_records(desk).items():
        text = repr(record)
        assert text.startswith(f"<{name} "), text
        assert text.endswith(">"), text
        assert "\n" not in text, text
        assert len(text) <= 200, text
        html = record._repr_html_()
        assert html.startswith('<div class="claimledger'), name
        assert "<script" not in html


def test_record_reprs_say_what_matters(desk):
    wb = desk.wb
    evidence = wb.evidence(desk.troops)[0]
    assert repr(evidence) == (
        f'<Evidence {evidence.id} supports {desk.troops}: "Approximately 28,500 U.S. service '
        'members">'
    )
    snapshot = wb.snapshot(desk.article)
    assert repr(snapshot) == (
        f'<Snapshot {snapshot.hash[:17]}… "Troops" {snapshot.size:,} bytes, published 2024-10-21>'
    )
    hit = wb.search("troops")[0]
    assert repr(hit).startswith(f"<SearchHit {hit.score:.2f} {desk.troops} [true]: ")
    assert repr(wb.checkpoint()).startswith(f"<Checkpoint event {wb.event_count()} sha256:")
    problem = cl.Problem(seq=0, kind="projection-mismatch", detail="claims row x differs")
    assert repr(problem) == "<Problem projection-mismatch: claims row x differs>"
    assert repr(cl.Problem(seq=7, kind="hash-mismatch", detail="d")) == (
        "<Problem hash-mismatch at event 7: d>"
    )


def test_record_html_escapes_user_text(hostile, wb):
    evidence = hostile["evidence"]
    html = evidence._repr_html_()
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;script&gt;note()&lt;/script&gt;" in html
    assert "<img" not in html
    verdict = wb.verdicts(hostile["claim"])[-1]
    assert "&lt;b&gt;sure&lt;/b&gt; now" in verdict._repr_html_()
    hits = wb.search("soldiers arrived")
    assert "<script" not in hits._repr_html_()
    assert "<script" not in hits[0]._repr_html_()


def test_merge_report_shows_what_came_in_and_the_conflicts(tmp_path):
    here = cl.open(tmp_path / "here.ledger", actor="alice")
    claim = here.add_claim("The bridge opened in 1932.")
    here.close()
    shutil.copy(tmp_path / "here.ledger", tmp_path / "there.ledger")
    with cl.open(tmp_path / "there.ledger", actor="bob") as there:
        there.set_verdict(claim.id, "false", rationale="1931")
    with cl.open(tmp_path / "here.ledger", actor="alice") as here:
        here.set_verdict(claim.id, "true", rationale="1932")
        report = here.merge(tmp_path / "there.ledger")
    assert repr(report) == (
        f"<MergeReport {report.added} events merged from {report.other[:15]}…, "
        f"{report.skipped} already here, 1 conflict(s)>"
    )
    html = report._repr_html_()
    assert f"Merged {report.added} event(s)" in html
    assert claim.id in html
    assert 'data-rating="true"' in html
    assert 'data-rating="false"' in html
    assert repr(report.conflicts[0]) == f"<MergeConflict {claim.id}: here true, there false>"


def test_the_workbench_shows_as_a_desk(desk):
    wb = desk.wb
    assert repr(wb).endswith(f" ({wb.event_count()} events)>")
    html = wb._repr_html_()
    assert esc(shown_location(wb.path)) in html
    assert f"default: {', '.join(wb.ratings)}" in html
    assert f"{wb.event_count():,}" in html
    assert wb.identity in html
    past = wb.as_of(3)._repr_html_()
    assert "read-only view as of event 3" in past
    closed = cl.open(":memory:")
    closed.close()
    assert "closed" in closed._repr_html_()


def test_results_are_lists_that_show_as_tables_and_frames(desk):
    wb = desk.wb
    hits = wb.search("troops")
    assert isinstance(hits, list)
    assert hits == list(hits)
    assert hits.kind is cl.SearchHit
    html = hits._repr_html_()
    assert html.count("<tr>") == len(hits) + 1  # a header and a row each
    assert 'data-kind="SearchHit"' in html
    frame = hits.frame()
    assert list(frame["claim"]) == [h.claim.id for h in hits]
    assert frame.loc[0, "text"] == hits[0].claim.text
    assert frame["score"].dtype == "float64"
    similar = wb.similar("About 28,500 US troops are stationed in South Korea.", k=2).frame()
    assert similar.loc[0, "claim"] == desk.troops
    assert similar.loc[0, "text"] == "About 28,500 US troops are in South Korea."
    assert similar.loc[0, "rating"] == "true"
    candidates = wb.candidates(desk.article)
    frame = candidates.frame()
    assert len(frame) == len(candidates)
    assert list(frame.columns) == [
        "score",
        "text",
        "start",
        "end",
        "features",
        "quantities",
        "snapshot",
        "speaker",
        "said_by",
    ]
    assert (frame["start"] < frame["end"]).all()
    assert list(frame["text"]) == [c.text for c in candidates]
    assert frame["score"].is_monotonic_decreasing
    snapshots = wb.search_snapshots("troops").frame()
    assert snapshots.loc[0, "snapshot"] == desk.article
    empty = wb.search("nothing matches this").frame()
    assert len(empty) == 0
    assert "claim" in empty.columns
    assert "No SearchHit results." in wb.search("nothing matches this")._repr_html_()


def test_a_long_list_of_results_shows_its_head(wb):
    text = ". ".join(f"In {1900 + i} the town had {i * 1000 + 17} people" for i in range(80)) + "."
    snapshot = wb.add_snapshot(text)
    candidates = wb.candidates(snapshot)
    assert len(candidates) == 80
    html = candidates._repr_html_()
    assert html.count("<tr>") == 51
    assert "30 more" in html
    lines = repr(candidates).splitlines()
    assert len(lines) == 11
    assert lines[-1] == " … 70 more Candidate results]"
