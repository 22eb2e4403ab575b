"""A claim as a card: its text, claimant, status, current verdict as a coloured badge,
quantities, where it is quoted and the evidence with stance and source; and a bare
claim's card and one-line text, which the records' views use.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Optional

from ... import model as m
from ...transparency import ReceiptStatus, RecordedCheckpoint, latest_checkpoint
from ..scores import Scorer, known_score, workbench_scorer
from .history import CORRECTION_TYPES, change_html, change_text
from .html import (
    BOX,
    MUTED,
    badge,
    clip,
    code,
    esc,
    name_of,
    number_text,
    quote_html,
    rating_badge,
    section,
    short_hash,
    stance_badge,
    status_badge,
    when,
    who_html,
    who_text,
)
from .palette import GREY

__all__ = ["ClaimCard", "claim_html", "claim_text", "comparison_text", "quantity_text"]


def _date_text(value: Optional[float]) -> str:
    """``2024-06-19`` for the yyyymmdd number of a date."""
    if value is None:
        return "?"
    n = int(value)
    return f"{n // 10000:04d}-{n // 100 % 100:02d}-{n % 100:02d}"


def quantity_text(q: m.Quantity) -> str:
    """``About 28,500 US troops → 28,500 troops (about)``; years without a separator,
    dates as ``2024-06-01–2024-06-30 date``."""
    if q.unit == "year":
        number = lambda v: f"{v:.0f}" if v is not None else "?"  # noqa: E731
    elif q.unit == "date":
        number = _date_text
    else:
        number = number_text
    amount = number(q.value) if q.value is not None else f"{number(q.low)}–{number(q.high)}"
    unit = f" {q.unit}" if q.unit else ""
    qualifier = f" ({q.qualifier})" if q.qualifier else ""
    return f"{q.text} → {amount}{unit}{qualifier}"


def comparison_text(c: m.QuantityComparison) -> str:
    """How a figure of the evidence stands against the claim's, on one line:
    ``equal: "Approximately 28,500 U.S. service members" (supports evd_…; troops ~ service
    members)`` or ``off by +6,500 troops (+22.8%): "35,000 troops" (refutes evd_…)``."""
    if c.outcome == "off":
        sign = "+" if c.difference > 0 else "-"
        share = f" ({sign}{abs(c.relative):.1%})" if c.relative is not None else ""
        verdict = f"off by {sign}{number_text(abs(c.difference))} {c.unit}{share}"
    else:
        verdict = c.outcome
    how = f"; {c.note}" if c.note else ""
    return f'{verdict}: "{clip(c.found.text, 80)}" ({c.stance} {c.evidence}{how})'


# --- claims ---------------------------------------------------------------------------------


class ClaimCard:
    """A claim as a card: text, claimant, status, the current verdict as a coloured
    badge, quantities (each beside the figures its evidence quotes, from
    ``wb.compare_quantities``), where it is quoted and the evidence with stance and source.

    Made by ``wb.claim_card(id)`` (which resolves names and reads the evidence and the
    verdict history) or from a bare :class:`~claimledger.Claim`, which shows ids only.
    Shown as HTML in Jupyter; ``repr()``/``str()`` give the same card as plain text.
    """

    def __init__(
        self,
        claim: m.Claim,
        *,
        evidence: Sequence[m.Evidence] = (),
        verdicts: Sequence[m.Verdict] = (),
        names: Optional[Mapping[str, str]] = None,
        snapshots: Optional[Mapping[str, m.Snapshot]] = None,
        score: Optional[Scorer] = None,
        comparisons: Sequence[m.QuantityComparison] = (),
        receipts: Optional[ReceiptStatus] = None,
        corrections: Sequence[m.Event] = (),
    ) -> None:
        self.claim = claim
        self.corrections = list(corrections)  # its events of CORRECTION_TYPES, oldest first
        self.receipts = receipts
        self.evidence = list(evidence)
        self.comparisons = list(comparisons)
        self.verdicts = list(verdicts)
        self.names = dict(names or {})
        self.snapshots = dict(snapshots or {})
        self.score: Scorer = score or known_score

    @classmethod
    def from_workbench(
        cls,
        wb: Any,
        claim: Any,
        *,
        names: Optional[Mapping[str, str]] = None,
        snapshots: Optional[Mapping[str, m.Snapshot]] = None,
        score: Optional[Scorer] = None,
        checkpoints: Optional[Sequence[RecordedCheckpoint]] = None,
    ) -> ClaimCard:
        """The card of `claim` (an id or a Claim) on `wb`; `names` (source id -> name),
        `snapshots` (hash -> Snapshot), `score` and `checkpoints` (the signed checkpoints
        recorded in the desk) may be passed to save lookups when making many cards."""
        found = wb.claim(claim)
        if checkpoints is None:
            checkpoints = wb.signed_checkpoints()
        receipts = ReceiptStatus(
            found.id, found.verdict.seq if found.verdict else None, latest_checkpoint(checkpoints)
        )
        if names is None:
            names = {s.id: s.name for s in wb.sources()}
        if snapshots is None:
            snapshots = {s.hash: s for s in wb.snapshots()}
        return cls(
            found,
            evidence=wb.evidence(found.id),
            verdicts=wb.verdicts(found.id),
            names=names,
            snapshots=snapshots,
            score=score or workbench_scorer(wb),
            comparisons=wb.compare_quantities(found.id),
            receipts=receipts,
            corrections=[e for e in wb.history(found.id) if e.type in CORRECTION_TYPES],
        )

    # -- pieces --

    def _snapshot_html(self, snapshot_hash: str) -> str:
        snap = self.snapshots.get(snapshot_hash)
        parts = []
        if snap is not None and snap.title:
            parts.append(f'<span style="font-style:normal">{esc(snap.title)}</span>')
        if snap is not None and snap.publisher:
            parts.append(who_html(self.names, snap.publisher))
        if snap is not None and snap.published:
            parts.append(esc(snap.published))
        parts.append(code(short_hash(snapshot_hash), title=snapshot_hash))
        return f'<span style="{MUTED}">— ' + " · ".join(parts) + "</span>"

    def _snapshot_text(self, snapshot_hash: str) -> str:
        snap = self.snapshots.get(snapshot_hash)
        parts = []
        if snap is not None and snap.title:
            parts.append(snap.title)
        if snap is not None and snap.publisher:
            parts.append(name_of(self.names, snap.publisher) or snap.publisher)
        parts.append(short_hash(snapshot_hash))
        return " · ".join(parts)

    def _verdict_html(self) -> str:
        verdict = self.claim.verdict
        if verdict is None:
            return section("Verdict", f'<div style="{MUTED}">No verdict yet.</div>')
        earlier = [v for v in self.verdicts if v.seq != verdict.seq]
        revised = ""
        if earlier:
            chain = " → ".join(
                rating_badge(v.rating, self.score(v.rating)) for v in [*earlier, verdict]
            )
            revised = f'<div style="margin-top:4px;{MUTED}">revised: {chain}</div>'
        relied = (
            f" · relied on {len(verdict.evidence)} piece(s) of evidence" if verdict.evidence else ""
        )
        body = (
            f"<div>{rating_badge(verdict.rating, self.score(verdict.rating))} "
            f'<span style="{MUTED}">by {esc(verdict.actor)}, {esc(when(verdict.at))}'
            f"{esc(relied)}</span></div>"
            f'<div style="margin-top:4px">{esc(verdict.rationale)}</div>{revised}'
        )
        if self.receipts is not None:
            mark = "✓" if self.receipts.covered else "✗"
            body += (
                f'<div class="cl-receipts" data-covered="{str(self.receipts.covered).lower()}" '
                f'style="margin-top:4px;{MUTED};font-size:13px">receipts {mark} '
                f"{esc(self.receipts.text)}</div>"
            )
        return section("Verdict", body)

    def _conflict_html(self) -> str:
        k = self.claim.conflict
        sides = "".join(
            f"<li>{where}: {rating_badge(rating, self.score(rating))} "
            f'<span style="{MUTED}">by {esc(actor)}, {esc(when(at))}</span> {esc(rationale)}</li>'
            for where, rating, actor, at, rationale in (
                ("here", k.local_rating, k.local_actor, k.local_at, k.local_rationale),
                ("other desk", k.other_rating, k.other_actor, k.other_at, k.other_rationale),
            )
        )
        return section(
            "Verdict conflict from a merge",
            f'<ul style="margin:2px 0 0 18px;padding:0">{sides}</ul>'
            f'<div style="{MUTED}">set the verdict again to decide</div>',
        )

    def _html(self) -> str:
        c = self.claim
        verdict = (
            rating_badge(c.verdict.rating, self.score(c.verdict.rating))
            if c.verdict
            else badge("no verdict", GREY, attrs=' data-rating=""')
        )
        head = (
            f'<div style="display:flex;gap:8px;align-items:center;flex-wrap:wrap">'
            f"{verdict}{status_badge(c.status)}"
            f'<span style="margin-left:auto">{code(c.id)}</span></div>'
        )
        text = (
            f'<div class="cl-claim-text" style="font-size:16px;font-weight:600;margin:8px 0 4px">'
            f"{esc(c.text)}</div>"
        )
        meta = [f"claimed by {who_html(self.names, c.claimant)}"]
        if c.date:
            meta.append(f"on {esc(c.date)}")
        if c.context:
            meta.append(f"in {esc(c.context)}")
        if c.tags:
            meta.append(
                "tags "
                + " ".join(
                    f'<span style="background:#eaeef2;border-radius:4px;padding:0 5px">'
                    f"{esc(t)}</span>"
                    for t in c.tags
                )
            )
        if c.ref:
            meta.append(f"ref {code(c.ref)}")
        meta_html = f'<div style="{MUTED};font-size:13px">' + " · ".join(meta) + "</div>"
        parts = [head, text, meta_html]
        if c.quantities:
            items = "".join(
                f"<li>{esc(quantity_text(q))}{self._comparisons_html(q)}</li>" for q in c.quantities
            )
            parts.append(
                section("Quantities", f'<ul style="margin:2px 0 0 18px;padding:0">{items}</ul>')
            )
        parts.append(self._verdict_html())
        if c.conflict is not None:
            parts.append(self._conflict_html())
        if c.appearances:
            items = "".join(
                f'<li style="margin:2px 0">{quote_html(q)} {self._snapshot_html(q.snapshot)}</li>'
                for q in c.appearances
            )
            parts.append(
                section("Quoted in", f'<ul style="margin:2px 0 0 18px;padding:0">{items}</ul>')
            )
        if self.corrections:
            items = "".join(
                f'<li class="cl-correction" data-event="{esc(e.type)}">'
                f"{change_html(e, self.score, self.names)}</li>"
                for e in self.corrections
            )
            parts.append(
                section("Corrections", f'<ul style="margin:2px 0 0 18px;padding:0">{items}</ul>')
            )
        if self.evidence:
            items = "".join(self._evidence_item(e) for e in self.evidence)
            parts.append(
                section(
                    f"Evidence ({len(self.evidence)})",
                    f'<ul style="margin:2px 0 0 18px;padding:0">{items}</ul>',
                )
            )
        footer = (
            f'<div style="margin-top:10px;font-size:12px;{MUTED}">recorded by {esc(c.actor)}, '
            f"{esc(when(c.at))} (event {c.seq})</div>"
        )
        parts.append(footer)
        return (
            f'<div class="claimledger cl-claim" data-claim="{esc(c.id)}" style="{BOX}">'
            + "".join(parts)
            + "</div>"
        )

    def _comparisons_of(self, q: m.Quantity) -> list[m.QuantityComparison]:
        return [k for k in self.comparisons if k.claimed == q]

    def _comparisons_html(self, q: m.Quantity) -> str:
        found = self._comparisons_of(q)
        if not found:
            if not self.evidence:
                return ""
            return f'<div style="{MUTED};font-size:13px">no figure in its evidence to compare</div>'
        items = "".join(
            f'<li class="cl-comparison" data-outcome="{esc(k.outcome)}" '
            f'data-quoted-in="{esc(k.evidence)}">{esc(comparison_text(k))}</li>'
            for k in found
        )
        return f'<ul style="margin:2px 0 0 18px;padding:0;font-size:13px">{items}</ul>'

    def _evidence_item(self, e: m.Evidence) -> str:
        note = f'<div style="{MUTED};font-size:13px">{esc(e.note)}</div>' if e.note else ""
        credibility = (
            f' <span style="{MUTED};font-size:12px">credibility {esc(e.credibility)}</span>'
            if e.credibility
            else ""
        )
        return (
            f'<li class="cl-evidence" data-evidence="{esc(e.id)}" style="margin:4px 0">'
            f"{stance_badge(e.stance)} {quote_html(e.quote, context=False)} "
            f"{self._snapshot_html(e.quote.snapshot)}{credibility}{note}</li>"
        )

    def _text(self) -> str:
        c = self.claim
        rating = c.verdict.rating if c.verdict else "no verdict"
        lines = [f"Claim {c.id}  [{rating}] [{c.status}]", f"  {c.text}"]
        lines.append(f"  claimed by {who_text(self.names, c.claimant)}")
        if c.tags:
            lines.append(f"  tags: {', '.join(c.tags)}")
        for q in c.quantities:
            lines.append(f"  quantity: {quantity_text(q)}")
            lines.extend(f"    {comparison_text(k)}" for k in self._comparisons_of(q))
        if c.verdict:
            history = " -> ".join(v.rating for v in self.verdicts) if len(self.verdicts) > 1 else ""
            lines.append(
                f"  verdict {c.verdict.rating} by {c.verdict.actor}, {when(c.verdict.at)}"
                + (f" (revised: {history})" if history else "")
            )
            lines.append(f"    {clip(c.verdict.rationale, 200)}")
            if self.receipts is not None:
                lines.append(f"    receipts: {self.receipts.text}")
        if c.conflict is not None:
            k = c.conflict
            lines.append(
                f"  conflict from a merge: here {k.local_rating} ({k.local_actor}, "
                f"{when(k.local_at)}), other desk {k.other_rating} ({k.other_actor}, "
                f"{when(k.other_at)}): set the verdict again to decide"
            )
        for q in c.appearances:
            lines.append(f'  quoted in {self._snapshot_text(q.snapshot)}: "{clip(q.exact, 120)}"')
        for e in self.corrections:
            lines.append(f"  {change_text(e, self.names)}")
        for e in self.evidence:
            lines.append(
                f'  evidence {e.id} {e.stance}: "{clip(e.quote.exact, 100)}" '
                f"({self._snapshot_text(e.quote.snapshot)})"
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return self._html()

    def __repr__(self) -> str:
        return self._text()


def claim_html(claim: m.Claim) -> str:
    """A bare claim's card (ids only; use ``wb.claim_card(id)`` for names and evidence)."""
    return ClaimCard(claim)._html()


def claim_text(claim: m.Claim) -> str:
    """A claim on one line: ``<Claim clm_… [true, published] "About 28,500 …">``."""
    rating = claim.verdict.rating if claim.verdict else "no verdict"
    return f'<Claim {claim.id} [{rating}, {claim.status}] "{clip(claim.text, 80)}">'
