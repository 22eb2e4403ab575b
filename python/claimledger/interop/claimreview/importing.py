"""Importing schema.org ClaimReviews: every review of a document checked first (its rating
read onto the desk's scale by :mod:`.ratings`), then the document stored as a snapshot, the
reviewers and the claims' authors added as sources and the claims with their verdicts,
marked ``published-elsewhere``. Large files are streamed (:mod:`.documents`): checked in a
first reading, written batch by batch in a second. See
:meth:`claimledger.Workbench.import_claimreview`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Optional, Union

from ...errors import Interrupted, InvalidInputError
from ...scales import scale_ratings
from .documents import (
    ACCEPTED,
    StreamStats,
    Unit,
    find_reviews,
    index_ids,
    load_document,
    stream_units,
)
from .jsonld import (
    Party,
    appearances_of,
    date_at,
    input_error,
    item_reviewed,
    json_path,
    party_at,
    resolve_reference,
    shortened,
    text_at,
)
from .ratings import RatingRead, RatingReader, UnknownWords

if TYPE_CHECKING:
    from ...workbench import LedgerWorkbench

__all__ = ["STREAM_BYTES", "ImportResult", "import_claimreview"]

#: Files larger than this are streamed (unless stream= says otherwise).
STREAM_BYTES = 32 << 20
#: The status of an imported claim: its publisher published the verdict, not the desk.
IMPORTED_STATUS = "published-elsewhere"
_SHOWN_PROBLEMS = 12


@dataclass(frozen=True)
class ImportResult:
    """What :func:`import_claimreview` did.

    ``claims`` holds one claim id per imported review, in document order; ``added`` those
    new to the ledger, ``existing`` those imported before (nothing was changed for them).
    ``snapshot`` is the hash of the stored document, the provenance of every claim (a
    streamed file is stored in batches: ``snapshots`` lists them all). ``skipped`` lists
    ``(JSON path, reason)`` of each review left out (``errors="skip"``);
    ``disagreements`` the reviews whose number reads otherwise than their word (the word
    was used); ``notes`` what was guessed, ignored or mapped with loss of information,
    each naming its JSON path.
    """

    snapshot: str
    claims: tuple[str, ...]
    added: tuple[str, ...]
    existing: tuple[str, ...]
    sources: tuple[str, ...]
    notes: tuple[str, ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()
    disagreements: tuple[str, ...] = ()
    snapshots: tuple[str, ...] = ()

    def summary(self) -> str:
        """One line for people: what was imported, what was there, what was skipped."""
        parts = [
            f"{len(self.added)} claim(s) imported",
            f"{len(self.existing)} already there",
        ]
        if self.skipped:
            parts.append(f"{len(self.skipped)} review(s) skipped")
        if self.disagreements:
            parts.append(f"{len(self.disagreements)} rating(s) whose number disagrees")
        return ", ".join(parts)


@dataclass(frozen=True)
class _Plan:
    """One review, checked and ready to write."""

    path: str
    text: str
    url: Optional[str]
    date: Optional[str]
    org: Optional[Party]
    author: Optional[Party]
    claim_date: Optional[str]
    context: Optional[str]
    rating: RatingRead
    details: dict[str, str]

    @property
    def ref(self) -> str:
        """The claim's outside id: the review's URL and its claim's text (what identifies a
        review, whatever document or shape it came in), or the review's own content."""
        text = " ".join(unicodedata.normalize("NFKC", self.text).split())
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        return f"claimreview:{self.url or 'nourl'}#{digest}"


class _Problem(Exception):
    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def _plan(
    review: Mapping[str, Any],
    path: str,
    reader: RatingReader,
    ids: Mapping[str, Any],
    notes: list[str],
) -> _Plan:
    text = text_at(review, "claimReviewed", path)
    if text is None:
        raise _Problem(
            "no_claim_text",
            f"{json_path(path, 'claimReviewed')} is missing or empty; a ClaimReview must say "
            "the claim it reviews in claimReviewed",
        )
    where = json_path(path, "reviewRating")
    rating = resolve_reference(review.get("reviewRating"), ids)
    if isinstance(rating, list):
        if len(rating) > 1:
            notes.append(f"{where}: {len(rating)} ratings given; the first is used")
        where = json_path(where, 0)
        rating = resolve_reference(rating[0], ids) if rating else None
    read = reader.read(rating, where)
    if read.label is None and read.unknown is None:
        raise _Problem("rating", read.problem or f"{where} cannot be read")
    notes.extend(read.notes)
    org_path, org_value = json_path(path, "author"), review.get("author")
    publisher = party_at(review.get("publisher"), json_path(path, "publisher"), "org", ids, [])
    org = party_at(org_value, org_path, "org", ids, notes)
    if org is None or (org.kind == "person" and publisher is not None):
        org = publisher or org
    item, item_path = item_reviewed(review, path, ids, notes)
    author = claim_date = context = None
    if item is not None:
        author = party_at(item.get("author"), json_path(item_path, "author"), "author", ids, notes)
        claim_date = date_at(item, "datePublished", item_path, notes)
        appearances = appearances_of(item, item_path, ids)
        if appearances:
            where, first = appearances[0]
            context = next(
                (t for k in ("headline", "name", "url") if (t := text_at(first, k, where))), None
            )
    details = dict(read.original)
    for key, name in (("inLanguage", "language"),):
        value = text_at(review, key, path)
        if value:
            details[name] = value
    review_author = party_at(org_value, org_path, "org", ids, [])
    if review_author is not None and org is not None and review_author.ref != org.ref:
        details["review_author"] = review_author.name
    return _Plan(
        path=path,
        text=text,
        url=text_at(review, "url", path),
        date=date_at(review, "datePublished", path, notes),
        org=org,
        author=author,
        claim_date=claim_date,
        context=context,
        rating=read,
        details=details,
    )


class _Checker:
    """Plans the reviews of a document or feed, collecting every problem and unknown word."""

    def __init__(self, reader: RatingReader, errors: str) -> None:
        self.reader = reader
        self.errors = errors
        self.unknown = UnknownWords()
        self.problems: list[tuple[str, str, str]] = []  # (path, kind, message), the first ones
        self.problem_count = 0
        self.skipped: list[tuple[str, str]] = []
        self.reviews = 0
        self.others: list[str] = []
        self.other_count = 0

    def bad(self, path: str, kind: str, message: str) -> None:
        self.problem_count += 1
        if self.errors == "skip":
            self.skipped.append((path, message))
        elif len(self.problems) < _SHOWN_PROBLEMS:
            self.problems.append((path, kind, message))

    def plans(self, node: Any, path: str, ids: Mapping[str, Any], notes: list[str]) -> list[_Plan]:
        reviews, others = find_reviews(node, path)
        self.other_count += len(others)
        if len(self.others) < 3:
            self.others.extend(others[: 3 - len(self.others)])
        out = []
        for where, review in reviews:
            self.reviews += 1
            try:
                plan = _plan(review, where, self.reader, ids, notes)
            except _Problem as problem:
                self.bad(where, problem.kind, str(problem))
                continue
            except InvalidInputError as error:  # text that is not UTF-8
                kind = (error.id or "").rsplit(".", 1)[-1] or "invalid"
                self.bad(where, kind, str(error).split("] ", 1)[-1])
                continue
            if plan.rating.label is None:
                self.unknown.add(plan.rating)
                if self.errors == "skip":
                    self.skipped.append(
                        (where, f"{plan.rating.unknown_path}: unknown textual rating "
                         f"{plan.rating.unknown!r}; map it with rating_map")
                    )  # fmt: skip
                continue
            out.append(plan)
        return out

    def check(self) -> None:
        """Raises the error that names every problem, unless errors="skip"."""
        if self.reviews == 0:
            found = "; found " + ", ".join(self.others) if self.others else ""
            raise input_error("no_review", f"$ holds no ClaimReview; give {ACCEPTED}{found}")
        if self.errors == "skip" or not (self.problem_count or self.unknown):
            return
        kinds = {kind for _, kind, _ in self.problems}
        if self.unknown:
            kinds.add("rating")
        kind = kinds.pop() if len(kinds) == 1 else "invalid"
        parts = [message for _, _, message in self.problems]
        if self.problem_count > len(self.problems):
            parts.append(f"and {self.problem_count - len(self.problems)} more")
        if self.unknown:
            parts.append(self.unknown.message(self.reader))
        bad = self.problem_count + sum(self.unknown.counts().values())
        lead = "" if bad == 1 and self.reviews == 1 else (
            f"{bad} of {self.reviews} reviews cannot be imported, nothing was written "
            '(errors="skip" imports the others): '
        )  # fmt: skip
        error = input_error(kind, lead + "; ".join(parts))
        error.problems = [(path, message) for path, _, message in self.problems]  # type: ignore[attr-defined]
        error.unknown_ratings = self.unknown.counts()  # type: ignore[attr-defined]
        raise error

    def notes(self) -> list[str]:
        if not self.other_count:
            return []
        shown = ", ".join(self.others) + (" ..." if self.other_count > len(self.others) else "")
        return [f"{self.other_count} item(s) that hold no ClaimReview skipped: {shown}"]


class _Writer:
    """Writes checked reviews: their sources, their document, their claims."""

    def __init__(self, wb: LedgerWorkbench) -> None:
        self.wb = wb
        self.claims: list[str] = []
        self.added: list[str] = []
        self.existing: list[str] = []
        self.sources: dict[str, None] = {}
        self.snapshots: list[str] = []
        self.notes: list[str] = []
        self.disagreements: list[str] = []
        self.done = 0  # claims of this import in the ledger, in whole batches
        self.pending = 0  # claim records of the add_claims call in progress
        self.head = 0  # the ledger's event count before that call

    def committed(self) -> int:
        """The claims of this import in the ledger: those of the batches written, and those
        of the batch in progress when its add_claims call committed."""
        if self.pending and self.wb.event_count() != self.head:
            return self.done + self.pending
        return self.done

    def interrupted(self, what: str) -> Interrupted:
        """The error of an import stopped by Ctrl-C, saying what it committed."""
        return Interrupted.after(what, self.committed(), "reviews")

    def write(
        self,
        plans: list[_Plan],
        raw: bytes,
        title: str,
        url: Optional[str],
        provenance: Mapping[str, Any],
        paths: Optional[Mapping[str, str]] = None,
    ) -> None:
        """Writes `plans`, whose document is `raw`; `paths` maps a review's path in the file
        to its path in `raw` (a streamed batch)."""
        parties: dict[str, Party] = {}
        for plan in plans:
            for party in (plan.org, plan.author):
                if party is not None:
                    parties.setdefault(party.ref, party)
        refs = list(parties)
        source_ids = dict(
            zip(refs, self.wb.add_sources([parties[r].source_record() for r in refs]))
        )
        self.sources.update(dict.fromkeys(source_ids.values()))
        orgs = {plan.org.ref for plan in plans if plan.org is not None}
        one_org = len(orgs) == 1 and all(plan.org for plan in plans)
        single = plans[0] if len(plans) == 1 else None
        snapshot = self.wb.add_snapshot(
            raw,
            url=url or (single.url if single else None),
            title=title,
            publisher=source_ids[next(iter(orgs))] if one_org else None,
            published=single.date if single else None,
        )
        self.snapshots.append(snapshot.hash)
        records = []
        for plan in plans:
            records.append(self._record(plan, snapshot.hash, source_ids, provenance, paths))
        before = self.head = self.wb.event_count()
        self.pending = len(records)
        claim_ids = self.wb.add_claims(records)
        self.done, self.pending = self.done + len(records), 0
        for claim_id, plan in zip(claim_ids, plans):
            self.claims.append(claim_id)
            if plan.rating.disagreement:
                self.disagreements.append(plan.rating.disagreement)
            claim = self.wb.claim(claim_id)
            if claim.seq > before:
                self.added.append(claim_id)
                continue
            self.existing.append(claim_id)
            current = claim.verdict.rating if claim.verdict else None
            if current != plan.rating.label:
                self.notes.append(
                    f"{plan.path}: imported before as {claim_id}, whose current verdict is "
                    f"{current!r}, not this review's {plan.rating.label!r}; left unchanged"
                )

    @staticmethod
    def _record(
        plan: _Plan,
        snapshot: str,
        source_ids: Mapping[str, str],
        provenance: Mapping[str, Any],
        paths: Optional[Mapping[str, str]],
    ) -> dict[str, Any]:
        record_provenance: dict[str, Any] = {"claimreview": snapshot, "path": plan.path}
        if paths is not None:
            record_provenance["path"] = paths[plan.path]
            record_provenance["feed_path"] = plan.path
        record_provenance.update(provenance)
        for key, value in (("url", plan.url), ("review_date", plan.date)):
            if value:
                record_provenance[key] = value
        if plan.org is not None:
            record_provenance["reviewer"] = plan.org.name
        record_provenance.update(plan.details)
        by = plan.org.name if plan.org else "an unnamed reviewer"
        where = f" ({plan.url})" if plan.url else ""
        on = f" on {plan.date}" if plan.date else ""
        return {
            "text": plan.text,
            "claimant": source_ids[plan.author.ref] if plan.author else None,
            "date": plan.claim_date,
            "context": plan.context,
            "ref": plan.ref,
            "provenance": record_provenance,
            "verdict": {
                "rating": plan.rating.label,
                "rationale": f"ClaimReview by {by}{where}{on}: {plan.rating.how}",
            },
            "status": IMPORTED_STATUS,
        }

    def result(self, notes: list[str], skipped: list[tuple[str, str]]) -> ImportResult:
        return ImportResult(
            snapshot=self.snapshots[0] if self.snapshots else "",
            claims=tuple(self.claims),
            added=tuple(self.added),
            existing=tuple(self.existing),
            sources=tuple(self.sources),
            notes=tuple(notes + self.notes),
            skipped=tuple(skipped),
            disagreements=tuple(self.disagreements),
            snapshots=tuple(self.snapshots),
        )


# --- the import -------------------------------------------------------------------------------


def import_claimreview(
    wb: LedgerWorkbench,
    doc: Any,
    rating_map: Optional[Mapping[str, str]] = None,
    *,
    errors: str = "raise",
    numeric_fallback: bool = False,
    rating_table: bool = True,
    url: Optional[str] = None,
    stream: Optional[bool] = None,
    batch_size: int = 1000,
) -> ImportResult:
    """Imports schema.org ClaimReviews into `wb`; see :meth:`Workbench.import_claimreview`."""
    if errors not in ("raise", "skip"):
        raise input_error(
            "errors",
            f'errors={errors!r} is not accepted; use "raise" (refuse a document with a bad '
            'review, writing nothing) or "skip" (import the good reviews, list the others)',
        )
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise input_error(
            "batch_size", f"batch_size must be a positive integer, not {batch_size!r}"
        )
    definition = wb.scale_definition
    reader = RatingReader(
        definition,
        scale_ratings(definition),
        rating_map,
        rating_table=rating_table,
        numeric_fallback=numeric_fallback,
    )
    with _opened(doc, stream) as file:
        if file is not None:
            return _import_stream(wb, file, reader, errors, url, batch_size)
    if isinstance(doc, os.PathLike):
        doc = Path(doc).read_bytes()
    document = load_document(doc, errors)
    checker = _Checker(reader, errors)
    for path, why in document.bad:
        checker.bad(path, "json", why)
    notes = list(document.notes)
    ids = index_ids(document.parsed)
    plans = checker.plans(document.parsed, "$", ids, notes)
    checker.check()
    notes = checker.notes() + notes
    writer = _Writer(wb)
    if plans:
        title = (
            f"ClaimReview: {shortened(plans[0].text)}"
            if len(plans) == 1
            else f"ClaimReview feed ({len(plans)} reviews)"
        )
        try:
            writer.write(plans, document.raw, title, url, {})
        except KeyboardInterrupt:
            raise writer.interrupted("the ClaimReview import") from None
    return writer.result(notes, checker.skipped)


@contextlib.contextmanager
def _opened(doc: Any, stream: Optional[bool]) -> Iterator[Optional[IO[bytes]]]:
    """A seekable binary file to stream `doc` from, or None to read it whole: a path is
    streamed when it is larger than STREAM_BYTES (or stream=True), a file object when
    stream=True (copied to a temporary file when it cannot seek)."""
    if isinstance(doc, os.PathLike):
        path = Path(doc)
        if not path.is_file():
            raise input_error("input", f"{path}: no such file to import")
        if stream is None:
            stream = path.stat().st_size > STREAM_BYTES
        if not stream:
            yield None
            return
        with path.open("rb") as file:
            yield file
        return
    if not hasattr(doc, "read"):
        yield None
        return
    if not stream:
        raise input_error("input", "a file object is streamed: pass stream=True, or its text")
    seekable = getattr(doc, "seekable", lambda: False)()
    if seekable:
        yield doc
        return
    with tempfile.TemporaryFile() as copy:
        for chunk in iter(lambda: doc.read(1 << 16), b""):
            if isinstance(chunk, str):
                raise input_error("input", "give a binary file (opened with 'rb'), not a text one")
            copy.write(chunk)
        copy.seek(0)
        yield copy


def _import_stream(
    wb: LedgerWorkbench,
    file: IO[bytes],
    reader: RatingReader,
    errors: str,
    url: Optional[str],
    batch_size: int,
) -> ImportResult:
    """Two readings of a file: every review checked (nothing written when one is bad, unless
    errors="skip"), then the reviews written batch by batch, each batch's items stored as
    one snapshot (a JSON list of their exact texts)."""
    start = file.tell()
    name = (
        Path(getattr(file, "name", "") or "").name
        if isinstance(getattr(file, "name", None), str)
        else ""
    )
    checker = _Checker(reader, errors)
    first = StreamStats()
    for unit in stream_units(file, first):
        checker.plans(unit.node, unit.path, index_ids(unit.node), [])
    checker.check()
    file.seek(start)
    second = StreamStats()
    writer = _Writer(wb)
    notes: list[str] = []
    batch: list[tuple[Unit, list[_Plan]]] = []
    count = 0
    provenance = {"file_hash": first.sha256, **({"file": name} if name else {})}

    def flush() -> None:
        texts, paths, plans = [], {}, []
        for k, (unit, unit_plans) in enumerate(batch):
            texts.append(unit.text)
            for plan in unit_plans:
                paths[plan.path] = f"$[{k}]" + plan.path[len(unit.path) :]
                plans.append(plan)
        raw = ("[" + ",\n".join(texts) + "]\n").encode("utf-8")
        span = f"{batch[0][0].path} to {batch[-1][0].path}"
        title = f"ClaimReview feed {name or first.sha256[:19]}: items {span}"
        writer.write(plans, raw, title, url, provenance, paths)

    try:
        for unit in stream_units(file, second):
            unit_notes: list[str] = []
            plans = _Checker(reader, "skip").plans(
                unit.node, unit.path, index_ids(unit.node), unit_notes
            )
            if len(notes) < _SHOWN_PROBLEMS * 4:
                notes.extend(unit_notes)
            if not plans:
                continue
            batch.append((unit, plans))
            count += len(plans)
            if count >= batch_size:
                flush()
                batch, count = [], 0
        if batch:
            flush()
    except KeyboardInterrupt:
        raise writer.interrupted(f"importing {name or 'the ClaimReview feed'}") from None
    if second.sha256 != first.sha256:
        raise input_error(
            "changed",
            f"the file changed while it was being imported; {len(writer.added)} claims were "
            "written from its first reading. Import it again once nothing writes to it "
            "(reviews already imported are not added twice)",
        )
    return writer.result(checker.notes() + notes, checker.skipped)


PathOrDoc = Union[str, bytes, "os.PathLike[str]", Mapping[str, Any], list, IO[bytes]]
