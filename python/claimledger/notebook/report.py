"""The desk as one self-contained HTML page, for editors and readers: ``claimledger report
desk.ledger -o report.html`` or ``wb.report("report.html")``.

The page holds the verify status and the head of the chain (so that a reader can check
the ledger later with ``claimledger verify --against``), a summary of the verdicts, a card
for every claim (its verdict and how it was revised, the quotes, the evidence with its
stance and source) and every source with its reliability and track record; or, to stay
small on a large desk (``claimledger report`` without ``--all``), cards only for the claims
that need attention and the sources with the most verdicts. Everything is
inline: one file, CSS in the page, no scripts, no images, fonts or style sheets from
elsewhere, so it opens offline and can be mailed or archived as it is. All text from the
ledger is escaped (see :mod:`claimledger.notebook.display`).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Callable, Optional, Union

from ..files import ledger_name
from ..transparency import RecordedCheckpoint, latest_checkpoint
from ..vocabulary import CLAIM_STATUSES
from .display.checks import verify_html
from .display.claims import ClaimCard
from .display.html import (
    clip,
    esc,
    grade_badge,
    interval_bar,
    link,
    rating_badge,
    rating_colour,
    status_badge,
)
from .scores import Scorer, workbench_scorer

__all__ = ["render_report", "write_report", "needs_attention"]

ProgressCallback = Callable[[int, int], None]

PAGE_CSS = """
body{margin:0;background:#f6f8fa;color:#1f2328;
  font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif}
main{max-width:860px;margin:0 auto;padding:24px 16px 48px}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid #d0d7de}
.meta{color:#59636e;font-size:13px}
.meta code{font-size:12px}
.bars{display:grid;grid-template-columns:max-content 1fr max-content;gap:4px 8px;
  align-items:center;max-width:560px;font-size:13px}
.bar{height:12px;border-radius:3px}
table.sources{border-collapse:collapse;font-size:13px;width:100%;background:#fff}
table.sources th{text-align:left;border-bottom:1px solid #d0d7de;padding:6px 8px}
table.sources td{border-bottom:1px solid #eaeef2;padding:6px 8px;vertical-align:top}
footer{margin-top:32px;color:#59636e;font-size:12px}
main .claimledger{max-width:none!important}
@media print{body{background:#fff}.claimledger{break-inside:avoid}}
"""


def _summary(wb: Any, claims: list, score: Scorer) -> str:
    """Counts by rating as CSS bars, and by status."""
    counts = dict.fromkeys(wb.ratings, 0)
    unrated = 0
    statuses: dict = {}
    for c in claims:
        statuses[c.status] = statuses.get(c.status, 0) + 1
        if c.verdict is None:
            unrated += 1
        else:
            counts[c.verdict.rating] = counts.get(c.verdict.rating, 0) + 1
    rows = [(label, n, rating_colour(score(label))) for label, n in counts.items()]
    if unrated:
        rows.append(("no verdict", unrated, "#d0d7de"))
    top = max([n for _, n, _ in rows] + [1])
    bars = "".join(
        f"<div>{rating_badge(label, score(label)) if label != 'no verdict' else esc(label)}"
        f'</div><div><div class="bar" style="width:{100 * n / top:.1f}%;background:{colour}">'
        f"</div></div><div>{n:,}</div>"
        for label, n, colour in rows
    )
    order = list(CLAIM_STATUSES)
    by_status = " · ".join(
        f"{status_badge(s)} {n:,}"
        for s, n in sorted(statuses.items(), key=lambda kv: ([*order, kv[0]]).index(kv[0]))
    )
    return f'<div class="bars">{bars}</div><p class="meta">by status: {by_status or "—"}</p>'


def _conflicts(claims: list) -> str:
    """The claims whose verdict conflict from a merge nobody has decided yet."""
    open_ = [c for c in claims if c.conflict is not None]
    if not open_:
        return ""
    items = "".join(
        f"<li><code>{esc(c.id)}</code> here "
        f"{esc(c.conflict.local_rating)} ({esc(c.conflict.local_actor)}), other desk "
        f"{esc(c.conflict.other_rating)} ({esc(c.conflict.other_actor)}): {esc(clip(c.text, 90))}"
        f"</li>"
        for c in open_
    )
    return (
        f'<h3 id="conflicts">Verdict conflicts to decide ({len(open_):,})</h3>'
        f'<ul class="cl-conflicts">{items}</ul>'
    )


def _sources_table(wb: Any, sources: list, score: Scorer) -> str:
    records = {s.id: wb.track_record(s.id) for s in sources}
    rows = []
    for s in sources:
        r = records[s.id]
        if r.rated:
            track = (
                f"<strong>{r.score:.2f}</strong> "
                f"{interval_bar(r.score, r.low, r.high, width=120)}"
                f'<div class="meta">95% interval {r.low:.2f}–{r.high:.2f}, '
                f"{r.rated} rated</div>"
            )
        else:
            track = '<span class="meta">—</span>'
        counts = " ".join(
            f"{rating_badge(label, score(label))}&nbsp;×{n}"
            for label, n in sorted(r.counts.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        name = esc(s.name)
        if s.url:
            name = link(s.url, s.name)
        affiliation = f'<div class="meta">{esc(s.affiliation)}</div>' if s.affiliation else ""
        rows.append(
            f'<tr class="cl-source-row" data-source="{esc(s.id)}"><td><strong>{name}</strong>'
            f'{affiliation}<div class="meta"><code>{esc(s.id)}</code></div></td>'
            f"<td>{esc(s.kind)}</td><td>{grade_badge(s.reliability)}</td>"
            f"<td>{r.verdicts:,}</td><td>{counts}</td><td>{track}</td></tr>"
        )
    head = "".join(
        f"<th>{h}</th>"
        for h in ("source", "kind", "reliability", "claims", "verdicts", "truth score")
    )
    return (
        f'<table class="sources"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}'
        "</tbody></table>"
    )


#: The statuses of claims whose work is not done: no verdict yet, or one nobody approved.
ATTENTION_STATUSES = ("new", "in-progress")
#: How many sources (those with the most verdicts) a report of the claims that need
#: attention lists.
ATTENTION_SOURCES = 25
#: What a report shows a card for: every claim, or those that need attention.
CARDS = ("all", "attention")


def needs_attention(claim: Any) -> bool:
    """Whether a claim needs someone's work: it has no verdict, or its status says its
    verdict was not approved yet (new, in-progress)."""
    return claim.verdict is None or claim.status in ATTENTION_STATUSES


def _busiest_sources(wb: Any, sources: list, count: int) -> list:
    """The `count` sources with the most claims with a verdict, most first."""
    rows = wb.sources_report(sort_by="volume")
    rows = rows.to_dict("records") if hasattr(rows, "to_dict") else rows
    by_id = {s.id: s for s in sources}
    return [by_id[r["id"]] for r in rows[:count]]


def _receipts_html(claims: Sequence[Any], recorded: Sequence[RecordedCheckpoint]) -> str:
    """The signed checkpoints recorded in the desk, and how many current verdicts the latest
    one covers (those a reader can be given receipts for)."""
    latest = latest_checkpoint(recorded)
    judged = [c for c in claims if c.verdict is not None]
    if latest is None:
        return (
            '<p class="meta cl-receipts">Receipts: no signed checkpoint is recorded in this desk '
            f"yet; none of the {len(judged):,} verdicts can be given receipts "
            "(<code>claimledger checkpoint FILE --sign KEYFILE --record</code>).</p>"
        )
    covered = sum(1 for c in judged if c.verdict.seq <= latest.size)
    return (
        f'<p class="meta cl-receipts">Receipts: {len(recorded):,} signed checkpoint(s) recorded; '
        f"the latest holds {latest.size:,} events, signed by "
        f"{esc(', '.join(latest.signers))} (recorded by {esc(latest.actor)}, "
        f'{esc(latest.at)}). It covers <strong class="cl-covered">{covered:,}</strong> of the '
        f"{len(judged):,} current verdicts.</p>"
    )


def render_report(
    wb: Any,
    *,
    title: Optional[str] = None,
    limit: Optional[int] = None,
    progress: Optional[ProgressCallback] = None,
    verified: Any = None,
    cards: str = "all",
) -> str:
    """The report on `wb` as the text of one HTML page. `cards` is ``"all"`` (a card for
    every claim and every source in the table) or ``"attention"`` (cards only for the
    claims that need attention, :func:`needs_attention`, and the sources with the most
    verdicts: small on a large desk); the summary counts every claim either way. `limit`
    caps the number of claim cards; `progress(done, total)` is called as the cards are
    made; `verified` is a :class:`VerifyReport` just made (else the report verifies the
    ledger itself)."""
    if cards not in CARDS:
        raise ValueError(f"cards must be 'all' or 'attention', not {cards!r}")
    report = verified if verified is not None else wb.verify()
    checkpoint = wb.checkpoint()
    # Retracted claims and aliases of sources are left out (their sources list them).
    every_claim = wb.claims()
    claims = [c for c in every_claim if c.status != "retracted"]
    retracted = len(every_claim) - len(claims)
    every_source = wb.sources()
    sources = [s for s in every_source if s.alias_of is None]
    names = {s.id: s.name for s in every_source}
    snapshots = {s.hash: s for s in wb.snapshots()}
    score = workbench_scorer(wb)
    recorded = wb.signed_checkpoints()
    chosen = claims if cards == "all" else [c for c in claims if needs_attention(c)]
    shown = chosen if limit is None else chosen[: max(0, int(limit))]
    listed = sources
    if cards == "attention" and len(sources) > ATTENTION_SOURCES:
        listed = _busiest_sources(wb, sources, ATTENTION_SOURCES)
    name = ledger_name(wb.path)  # the file's or the desk's name: no folder, host or password
    title = title or f"claimledger report: {name}"

    made = []
    total = len(shown)
    nothing = "No claims yet." if not claims else "No claim needs attention."
    for i, claim in enumerate(shown, 1):
        card = ClaimCard.from_workbench(
            wb, claim.id, names=names, snapshots=snapshots, score=score, checkpoints=recorded
        )
        made.append(card._repr_html_())
        if progress is not None:
            progress(i, total)
    if progress is not None and not total:
        progress(0, 0)
    if cards == "attention":
        more = (
            f'<p class="meta">{len(chosen):,} of {len(claims):,} claims need attention (no '
            "verdict yet, or a verdict not approved)"
            + (f"; showing {len(shown):,}" if len(shown) < len(chosen) else "")
            + ". <code>claimledger report --all</code> shows every claim.</p>"
        )
    elif len(shown) < len(claims):
        more = f'<p class="meta">Showing {len(shown):,} of {len(claims):,} claims.</p>'
    else:
        more = ""
    if retracted:
        more += (
            f'<p class="meta cl-retracted">{retracted:,} retracted claim(s) left out '
            "(<code>claimledger claims FILE --status retracted</code> lists them).</p>"
        )
    sources_note = (
        f'<p class="meta">The {len(listed):,} sources with the most verdicts, of '
        f"{len(sources):,}.</p>"
        if len(listed) < len(sources)
        else ""
    )
    generated = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
    head_json = json.dumps(json.loads(checkpoint.to_json()), indent=2)
    body = f"""
<main>
<h1>{esc(title)}</h1>
<p class="meta">Ledger <code>{esc(name)}</code> · scale
<strong>{esc(wb.scale)}</strong> · {wb.event_count():,} events · {len(claims):,} claims ·
{len(sources):,} sources · generated {esc(generated)}</p>
<h2 id="verify">Integrity</h2>
{verify_html(report)}
<p class="meta">Head of the chain when this report was made (a checkpoint: keep it, and later
run <code>claimledger verify FILE --against head.json</code> with it):</p>
<pre class="meta cl-checkpoint" style="white-space:pre-wrap;background:#fff;padding:8px;
border:1px solid #d0d7de;border-radius:6px">{esc(head_json)}</pre>
{_receipts_html(claims, recorded)}
<h2 id="summary">Verdicts</h2>
{_summary(wb, claims, score)}
{_conflicts(claims)}
<h2 id="claims">Claims</h2>
{more}
{"".join(made) or f'<p class="meta">{nothing}</p>'}
<h2 id="sources">Sources</h2>
{sources_note}
{_sources_table(wb, listed, score) if listed else '<p class="meta">No sources yet.</p>'}
<footer>Made by claimledger from the ledger with identity <code>{esc(wb.identity)}</code>.
Every change to it is an event in a hash chain; <code>claimledger history FILE ID</code> shows
who changed what, when and why.</footer>
</main>"""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{PAGE_CSS}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def write_report(
    wb: Any,
    path: Union[str, os.PathLike[str]],
    *,
    title: Optional[str] = None,
    limit: Optional[int] = None,
    progress: Optional[ProgressCallback] = None,
    verified: Any = None,
    cards: str = "all",
) -> Path:
    """Writes :func:`render_report` to `path` (UTF-8) and returns the path."""
    text = render_report(
        wb, title=title, limit=limit, progress=progress, verified=verified, cards=cards
    )
    target = Path(path)
    target.write_text(text, encoding="utf-8")
    return target
