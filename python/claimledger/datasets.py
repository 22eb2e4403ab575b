"""Loaders for public fact-check datasets: LIAR (PolitiFact statements, TSV) and FEVER
(claims about Wikipedia pages, a JSON array or JSON Lines).

    import claimledger as cl
    from claimledger.datasets import load_liar

    with cl.open("liar.ledger", scale="politifact") as wb:
        report = load_liar(wb, "train.tsv")
    print(report.added_claims, report.skipped)

Each loader streams the file: it reads, checks and writes ``batch_size`` rows at a time
through :meth:`Workbench.add_sources` and :meth:`Workbench.add_claims` (one transaction
and one call into C++ per batch), so memory does not grow with the file. Every claim and
speaker gets a ``ref`` ("liar:2635.json", "liar:speaker:dwayne-bohac"), so loading the
same file again adds nothing. A load reads the file twice: first to check every row and
hash the file (the hash goes into each claim's provenance), then to write. With
``errors="raise"`` (the default) a malformed row stops the load after the first pass,
before anything is written; with ``errors="skip"`` the good rows are loaded and the bad
ones come back in :attr:`LoadReport.skipped` with their line numbers.

``batch_size`` trades memory for speed: each commit rewrites the index pages its batch
touched, so fewer, larger batches load large files faster. Measured on 308,070 LIAR-format
rows (bench/README.md): 71 s at the default 5,000 (peak RSS 136 MB), 57 s at 20,000
(253 MB), 55 s at 50,000 (489 MB).
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, NamedTuple, Optional, Union

from .errors import InvalidInputError
from .workbench import Workbench

__all__ = [
    "LoadReport",
    "load_liar",
    "load_fever",
    "LIAR_LABELS",
    "FEVER_LABELS",
    "SCALES",
    "speaker_name",
    "page_name",
    "page_url",
]

PathLike = Union[str, "os.PathLike[str]"]

#: LIAR's six labels, most true first; they are the ratings of the "politifact" scale.
LIAR_LABELS = ("true", "mostly-true", "half-true", "barely-true", "false", "pants-fire")

#: FEVER's labels and the ratings of the "fever" scale they become.
FEVER_LABELS = {
    "SUPPORTS": "supports",
    "REFUTES": "refutes",
    "NOT ENOUGH INFO": "not-enough-info",
}

#: The rating scale a ledger needs for each format.
SCALES = {"liar": "politifact", "fever": "fever"}

_LIAR_COLUMNS = 14
# Columns 9-13: the speaker's PolitiFact credit history when the statement was rated.
_LIAR_COUNTS = (
    "barely_true_count",
    "false_count",
    "half_true_count",
    "mostly_true_count",
    "pants_on_fire_count",
)
_COUNT = re.compile(r"[0-9]+(?:\.0*)?")  # "3", and "3.0" as a re-saved spreadsheet writes it
_BOM = b"\xef\xbb\xbf"
_CHUNK = 1 << 18
_MAX_ITEM_CHARS = 64 << 20  # one FEVER item larger than this means a broken array
_SHOWN_PROBLEMS = 5
_WIKIPEDIA = "https://en.wikipedia.org/wiki/"
# FEVER writes brackets and colons in page titles as Penn Treebank escapes.
_FEVER_ESCAPES = {
    "-LRB-": "(",
    "-RRB-": ")",
    "-LSB-": "[",
    "-RSB-": "]",
    "-LCB-": "{",
    "-RCB-": "}",
    "-COLON-": ":",
}
_FEVER_ESCAPE = re.compile("|".join(map(re.escape, _FEVER_ESCAPES)))


@dataclass
class LoadReport:
    """What a load did.

    ``rows`` counts the rows read (blank lines aside), so ``rows == added_claims +
    existing_claims + len(skipped)``. ``existing_claims`` are rows whose claim was in the
    ledger already (same ``ref``: a file loaded before, or a statement id repeated in the
    file). ``skipped`` lists ``(line, reason)`` for each malformed row left out (only with
    ``errors="skip"``). ``file_hash`` is the ``sha256:`` hash of the whole file, as in
    each claim's provenance.
    """

    rows: int = 0
    added_claims: int = 0
    existing_claims: int = 0
    added_sources: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    file_hash: str = ""
    seconds: float = 0.0
    path: str = ""
    format: str = ""

    def summary(self) -> str:
        """One line for people: what was added, what was there, what was skipped."""
        rate = f", {self.rows / self.seconds:,.0f} rows/s" if self.seconds > 0 else ""
        return (
            f"{Path(self.path).name}: {self.rows:,} rows read, {self.added_claims:,} claims "
            f"added, {self.existing_claims:,} already there, {self.added_sources:,} sources "
            f"added, {len(self.skipped):,} skipped ({self.seconds:.1f} s{rate})"
        )


class _Row(NamedTuple):
    """A checked row: the claim record (without claimant and file hash), the sources it
    needs as (ref, record), and the ref of its claimant if it has one."""

    line: int
    claim: dict
    sources: list[tuple[str, dict]]
    claimant: Optional[str]


class _Bad(NamedTuple):
    line: int
    reason: str
    fatal: bool = False  # nothing after it can be read (a broken JSON array)


_Item = Union[_Row, _Bad]
_Parser = Callable[[Path, Any, "_Progress"], Iterator[_Item]]


# --- the public loaders ------------------------------------------------------------------


def load_liar(
    wb: Workbench,
    path: PathLike,
    *,
    batch_size: int = 5000,
    errors: str = "raise",
    progress: Optional[bool] = None,
) -> LoadReport:
    """Loads a LIAR TSV file (W. Y. Wang, 2017) into `wb`, which must use the
    "politifact" scale.

    Each line has 14 tab-separated columns and no quoting (every tab separates):
    statement id ("2635.json"), label (pants-fire, false, barely-true, half-true,
    mostly-true, true), statement, subjects (comma separated), speaker slug, speaker's
    job, state, party, five credit-history counts and context. Each speaker becomes a
    ``person`` source named from the slug ("dwayne-bohac" -> "Dwayne Bohac") with ref
    ``liar:speaker:<slug>`` and attributes job, state, party and slug (the non-empty ones,
    from the speaker's first row). Each statement becomes a claim with ref
    ``liar:<statement id>``, the speaker as claimant (none when the column is empty), the
    subjects as tags, the context, the label as its verdict, and provenance naming the
    dataset, file, file hash, line and id, plus the credit-history counts given.

    `errors` is "raise" (a malformed row raises :class:`InvalidInputError` listing the
    first problems with their line numbers, and nothing is written) or "skip" (the good
    rows are loaded, the bad ones listed in the report). `progress` shows a progress line
    on stderr; by default only when stderr is a terminal. Loading a file again adds
    nothing. Returns a :class:`LoadReport`.
    """
    return _load(wb, path, "liar", _liar_rows, batch_size, errors, progress)


def load_fever(
    wb: Workbench,
    path: PathLike,
    *,
    batch_size: int = 5000,
    errors: str = "raise",
    progress: Optional[bool] = None,
) -> LoadReport:
    """Loads FEVER claims (Thorne et al., 2018) into `wb`, which must use the "fever"
    scale.

    The file is a JSON array or JSON Lines (told apart by its first character) of objects
    ``{"id", "claim", "label", "evidence_pages"}``; label is SUPPORTS, REFUTES or NOT
    ENOUGH INFO (becoming supports, refutes, not-enough-info), evidence_pages a list of
    Wikipedia page titles, possibly empty. Without evidence_pages, the pages named in the
    original shared-task ``evidence`` lists are used. Other keys are ignored. Each page
    becomes a ``dataset`` source with ref ``fever:page:<title>``, its title as name
    ("Soul_Food_-LRB-film-RRB-" -> "Soul Food (film)") and its Wikipedia url. Each claim
    gets ref ``fever:<id>``, tag "fever", the label as verdict and provenance naming the
    dataset, file, file hash, line (where the item starts), index (in an array), id and
    evidence pages (their titles joined by ", "; titles contain no spaces).

    `errors`, `progress` and the report are as for :func:`load_liar`. The file is read
    incrementally, a JSON array included.
    """
    return _load(wb, path, "fever", _fever_rows, batch_size, errors, progress)


# --- the load itself ---------------------------------------------------------------------


def _load(
    wb: Workbench,
    path: PathLike,
    format: str,
    parse: _Parser,
    batch_size: int,
    errors: str,
    progress: Optional[bool],
) -> LoadReport:
    started = time.perf_counter()
    if errors not in ("raise", "skip"):
        raise InvalidInputError(
            f"[claimledger.dataset.errors] errors={errors!r} is not accepted; use "
            '"raise" (stop at a malformed row, writing nothing) or "skip" (load the good rows)',
            "claimledger.dataset.errors",
        )
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise InvalidInputError(
            f"[claimledger.dataset.batch_size] batch_size must be a positive integer, "
            f"not {batch_size!r}",
            "claimledger.dataset.batch_size",
        )
    scale = SCALES[format]
    if wb.scale != scale:
        raise InvalidInputError(
            f"[claimledger.dataset.scale] {format.upper()} labels need a ledger with the "
            f'"{scale}" rating scale, but this ledger uses "{wb.scale}" (a scale is fixed '
            f"when a ledger is created); load into a new ledger opened with "
            f'cl.open(path, scale="{scale}")',
            "claimledger.dataset.scale",
        )
    file = Path(path)
    size = file.stat().st_size  # raises FileNotFoundError before anything else
    meter = _Progress(progress, file.name, size)
    report = LoadReport(path=str(file), format=format)
    try:
        # Pass 1: hash the whole file (every claim's provenance names it) and, when a
        # bad row must stop the load, check every row before writing any.
        hasher = hashlib.sha256()
        if errors == "raise":
            meter.phase("checking")
            problems: list[tuple[int, str]] = []
            count = 0
            for item in parse(file, hasher, meter):
                if isinstance(item, _Bad):
                    count += 1
                    if len(problems) < _SHOWN_PROBLEMS:
                        problems.append((item.line, item.reason))
                else:
                    meter.row()
            if count:
                raise _malformed(file, format, problems, count)
        else:
            meter.phase("hashing")
            _hash_file(file, hasher, meter)
        report.file_hash = "sha256:" + hasher.hexdigest()

        # Pass 2: write batch by batch.
        meter.phase("loading")
        second = hashlib.sha256()
        writer = _Writer(wb, report, file.name, errors)
        batch: list[_Row] = []
        for item in parse(file, second, meter):
            report.rows += 1
            meter.row()
            if isinstance(item, _Bad):
                report.skipped.append((item.line, item.reason))
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                writer.write(batch)
                batch = []
        if batch:
            writer.write(batch)
        if "sha256:" + second.hexdigest() != report.file_hash:
            raise InvalidInputError(
                f"[claimledger.dataset.changed] {file} changed while it was being loaded; "
                f"{report.added_claims} claims were written with the hash of its first "
                "reading. Load it again once nothing writes to it (rows already loaded are "
                "not added twice)",
                "claimledger.dataset.changed",
            )
    finally:
        meter.close()
    report.seconds = time.perf_counter() - started
    return report


def _malformed(
    file: Path, format: str, problems: list[tuple[int, str]], count: int
) -> InvalidInputError:
    shown = "; ".join(f"line {line}: {reason}" for line, reason in problems)
    more = f"; and {count - len(problems)} more" if count > len(problems) else ""
    return InvalidInputError(
        f"[claimledger.dataset.malformed] {file.name} is not valid {format.upper()} data: "
        f"{count} malformed row(s), nothing was loaded. {shown}{more}. Fix these rows, or "
        'pass errors="skip" (on the command line --errors skip) to load the good rows and '
        "list the bad ones",
        "claimledger.dataset.malformed",
    )


def _hash_file(file: Path, hasher: Any, meter: _Progress) -> None:
    with open(file, "rb") as stream:
        for chunk in iter(lambda: stream.read(_CHUNK), b""):
            hasher.update(chunk)
            meter.read(len(chunk))


class _Writer:
    """Writes checked rows batch by batch: first the sources not met yet, then the claims;
    counts what was added and what was there already."""

    def __init__(self, wb: Workbench, report: LoadReport, file_name: str, errors: str) -> None:
        self.wb = wb
        self.report = report
        self.file_name = file_name
        self.errors = errors
        self.source_ids: dict[str, str] = {}  # ref -> id, for the sources met so far
        self.refused: dict[str, str] = {}  # ref -> why the ledger refused that source
        self.head = 0

    def write(self, batch: list[_Row]) -> None:
        new_sources: dict[str, dict] = {}
        for row in batch:
            for ref, record in row.sources:
                if ref not in self.source_ids and ref not in self.refused:
                    new_sources.setdefault(ref, record)
        if new_sources:
            refs = list(new_sources)
            results = self._add(self.wb.add_sources, [new_sources[r] for r in refs])
            added = []
            for ref, result in zip(refs, results):
                if isinstance(result, InvalidInputError):
                    self.refused[ref] = str(result)
                else:
                    self.source_ids[ref] = result
                    added.append(result)
            self.report.added_sources += self._count_new(added, 1, self.wb.source)

        records, lines = [], []
        for row in batch:
            refused = next((ref for ref, _ in row.sources if ref in self.refused), None)
            if refused is not None:
                reason = f"the ledger refused its source {refused}: {self.refused[refused]}"
                self.report.skipped.append((row.line, reason))
                continue
            record = dict(row.claim)
            record["provenance"] = {
                **record["provenance"],
                "file": self.file_name,
                "file_hash": self.report.file_hash,
            }
            if row.claimant is not None:
                record["claimant"] = self.source_ids[row.claimant]
            records.append(record)
            lines.append(row.line)
        if not records:
            return
        results = self._add(self.wb.add_claims, records)
        ids = []
        for line, result in zip(lines, results):
            if isinstance(result, InvalidInputError):
                self.report.skipped.append((line, f"the ledger refused it: {result}"))
            else:
                ids.append(result)
        added = self._count_new(ids, 2, self.wb.claim)  # events claim.added and verdict.set
        self.report.added_claims += added
        self.report.existing_claims += len(ids) - added

    def _add(self, add: Callable[[list], list[str]], records: list[dict]) -> list[Any]:
        """Adds `records` in one transaction and returns their ids. The first pass checks
        what the ledger checks, so a refusal is not expected; should one come with
        errors="skip", the records are added one by one and each refused one gets its
        error in place of an id."""
        self.head = self.wb.event_count()
        try:
            return add(records)
        except InvalidInputError as error:
            if self.errors == "raise":
                raise InvalidInputError(
                    f"{error} ({self.file_name}: the ledger refused a batch after "
                    f"{self.report.added_claims} claims of this file were added)",
                    error.id,
                ) from None
        results: list[Any] = []
        for record in records:
            try:
                results.extend(add([record]))
            except InvalidInputError as error:
                results.append(error)
        return results

    def _count_new(self, ids: list[str], events_each: int, lookup: Callable[[str], Any]) -> int:
        """How many of `ids` the last call created (the others were in the ledger before).
        Each new record appends `events_each` events, so the common cases (all new, none
        new) need no lookup."""
        if not ids:
            return 0
        appended = self.wb.event_count() - self.head
        if appended == 0:
            return 0
        unique = set(ids)
        if appended == events_each * len(ids) and len(unique) == len(ids):
            return len(ids)
        return sum(1 for i in unique if lookup(i).seq > self.head)


class _Progress:
    """A one-line progress report on stderr ("\\r" rewrites it), at most ten times a
    second: rows so far and the share of the file's bytes read."""

    def __init__(self, enabled: Optional[bool], name: str, size: int) -> None:
        if enabled is None:
            isatty = getattr(sys.stderr, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = bool(enabled)
        self.name = name
        self.size = size
        self.what = ""
        self.rows = 0
        self.done = 0
        self.last = 0.0
        self.width = 0

    def phase(self, what: str) -> None:
        self.what, self.rows, self.done = what, 0, 0
        self._show(force=True)

    def read(self, n: int) -> None:
        self.done += n
        if self.enabled:
            self._show()

    def row(self) -> None:
        self.rows += 1
        if self.enabled and not self.rows % 256:
            self._show()

    def _show(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < 0.1:
            return
        self.last = now
        share = 100.0 * min(self.done, self.size) / self.size if self.size else 100.0
        text = f"{self.name}: {self.what} {self.rows:,} rows, {share:5.1f}% read"
        sys.stderr.write("\r" + text.ljust(self.width))
        sys.stderr.flush()
        self.width = len(text)

    def close(self) -> None:
        if self.enabled and self.width:
            self._show(force=True)
            sys.stderr.write("\n")
            sys.stderr.flush()


def _shown(value: Any, limit: int = 40) -> str:
    """A short repr of user data for an error message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _utf8_problem(error: UnicodeDecodeError, raw: bytes) -> str:
    return (
        f"not valid UTF-8 (byte 0x{raw[error.start]:02x} at byte {error.start + 1} of the "
        "line); the file must be UTF-8"
    )


def _lines(file: Path, hasher: Any, meter: _Progress) -> Iterator[tuple[int, bytes]]:
    """(line number, bytes without the line break) of each line, hashing as it reads."""
    with open(file, "rb") as stream:
        for number, raw in enumerate(stream, 1):
            hasher.update(raw)
            meter.read(len(raw))
            if number == 1 and raw.startswith(_BOM):
                raw = raw[len(_BOM) :]
            if raw.endswith(b"\n"):
                raw = raw[:-1]
            if raw.endswith(b"\r"):
                raw = raw[:-1]
            yield number, raw


def _text_lines(
    file: Path, hasher: Any, meter: _Progress
) -> Iterator[Union[tuple[int, str], _Bad]]:
    """Each non-blank line decoded from UTF-8, or a _Bad naming the line that is not."""
    for number, raw in _lines(file, hasher, meter):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield _Bad(number, _utf8_problem(error, raw))
            continue
        if text.strip():
            yield number, text


# --- LIAR --------------------------------------------------------------------------------


def speaker_name(slug: str) -> str:
    """A readable name from a LIAR speaker slug: "dwayne-bohac" -> "Dwayne Bohac".
    Words that already hold capitals ("AARP", "GaGOP") are kept as they are."""
    words = [w for w in re.split(r"[-_\s]+", slug) if w]
    return " ".join(w[:1].upper() + w[1:] if w.islower() else w for w in words) or slug


def _liar_rows(file: Path, hasher: Any, meter: _Progress) -> Iterator[_Item]:
    for item in _text_lines(file, hasher, meter):
        yield item if isinstance(item, _Bad) else _liar_row(*item)


def _liar_row(number: int, text: str) -> _Item:
    columns = text.split("\t")
    if len(columns) != _LIAR_COLUMNS:
        return _Bad(
            number,
            f"{len(columns)} tab-separated columns, expected {_LIAR_COLUMNS} (id, label, "
            "statement, subjects, speaker, job, state, party, 5 credit-history counts, "
            "context); LIAR has no quoting, so a tab inside a field adds a column",
        )
    cols = [c.strip() for c in columns]
    statement_id, label, statement, subjects, slug, job, state, party = cols[:8]
    counts, context = cols[8:13], cols[13]
    if not statement_id or any(ch.isspace() for ch in statement_id):
        return _Bad(number, f"the statement id (column 1) {_shown(statement_id)} is not an id")
    label = label.lower()
    if label not in LIAR_LABELS:
        return _Bad(
            number,
            f"unknown label {_shown(cols[1])} (column 2); accepted: {', '.join(LIAR_LABELS)}",
        )
    if not statement:
        return _Bad(number, "the statement (column 3) is empty")
    provenance: dict[str, Any] = {"dataset": "liar", "line": number, "id": statement_id}
    for column, (name, value) in enumerate(zip(_LIAR_COUNTS, counts), 9):
        if not value:
            continue  # LIAR leaves the counts empty in the rows without a speaker
        if not _COUNT.fullmatch(value):
            return _Bad(
                number,
                f"the credit-history count in column {column} is {_shown(value)}; "
                "expected a non-negative integer",
            )
        provenance[name] = int(float(value))
    sources = []
    claimant = None
    if slug:
        claimant = "liar:speaker:" + slug
        attributes = {"job": job, "state": state, "party": party, "slug": slug}
        speaker = {
            "name": speaker_name(slug),
            "kind": "person",
            "ref": claimant,
            "attributes": {k: v for k, v in attributes.items() if v},
        }
        sources.append((claimant, speaker))
    claim = {
        "text": statement,
        "tags": list(dict.fromkeys(s.strip() for s in subjects.split(",") if s.strip())),
        "context": context or None,
        "ref": "liar:" + statement_id,
        "provenance": provenance,
        "verdict": {"rating": label, "rationale": f"LIAR label: {label}"},
    }
    return _Row(number, claim, sources, claimant)


# --- FEVER -------------------------------------------------------------------------------


def _unescape_title(title: str) -> str:
    return _FEVER_ESCAPE.sub(lambda m: _FEVER_ESCAPES[m.group(0)], title)


def page_name(title: str) -> str:
    """A readable name from a FEVER page title: "Soul_Food_-LRB-film-RRB-" ->
    "Soul Food (film)"."""
    return _unescape_title(title).replace("_", " ").strip()


def page_url(title: str) -> str:
    """The Wikipedia address of a FEVER page title, its brackets restored:
    "Soul_Food_-LRB-film-RRB-" -> "https://en.wikipedia.org/wiki/Soul_Food_(film)"."""
    plain = _unescape_title(title).replace(" ", "_")
    return _WIKIPEDIA + urllib.parse.quote(plain, safe="_()!,'-.:~*$;@/")


_NON_SPACE = re.compile(r"[^ \t\r\n]")
_OUTSIDE_STRING = re.compile(r'["\[\]{},]')
_INSIDE_STRING = re.compile(r'["\\]')
_UNDECODABLE = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8 (surrogateescape)
_SURROGATE = re.compile("[\ud800-\udfff]")


def _fever_rows(file: Path, hasher: Any, meter: _Progress) -> Iterator[_Item]:
    first = _first_char(file)
    if first == "{":
        for item in _text_lines(file, hasher, meter):
            yield item if isinstance(item, _Bad) else _fever_json(item[1], item[0], None)
        return
    chunks = _chunks(file, hasher, meter)
    if first == "[":
        for index, item in enumerate(_ArrayScanner(chunks).items()):
            if isinstance(item, _Bad):
                yield item
                if item.fatal:
                    break
            else:
                yield _fever_json(item[1], item[0], index)
    elif first is not None:
        yield _Bad(
            1,
            f"the file starts with {_shown(first)}: FEVER data is a JSON array "
            "([{...}, ...]) or JSON Lines (one {...} object per line)",
            fatal=True,
        )
    for _ in chunks:  # the rest of the file still counts in its hash
        pass


def _first_char(file: Path) -> Optional[str]:
    """The first character that is not white space (after a UTF-8 byte order mark), as
    text; None for a blank file."""
    with open(file, "rb") as stream:
        start = stream.read(len(_BOM))
        chunk = start[len(_BOM) :] if start == _BOM else start
        while True:
            stripped = chunk.lstrip(b" \t\r\n")
            if stripped:
                return stripped[:1].decode("latin-1")
            chunk = stream.read(_CHUNK)
            if not chunk:
                return None


def _chunks(file: Path, hasher: Any, meter: _Progress) -> Iterator[str]:
    """The file as text in chunks, hashing as it reads. Bytes that are not UTF-8 become
    lone surrogates (surrogateescape), so the item holding them can be reported."""
    decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
    with open(file, "rb") as stream:
        first = True
        for chunk in iter(lambda: stream.read(_CHUNK), b""):
            hasher.update(chunk)
            meter.read(len(chunk))
            if first and chunk.startswith(_BOM):
                chunk = chunk[len(_BOM) :]
            first = False
            yield decoder.decode(chunk)
    yield decoder.decode(b"", final=True)


class _ArrayScanner:
    """Splits a JSON array read in chunks into the text of its items, each with the line it
    starts on, holding one item at a time. It follows strings and brackets only; each
    item's text is parsed by json.loads, so a bad item can be skipped while the array's
    structure holds. When the structure breaks (an unclosed string or bracket, text after
    the closing bracket), it reports a fatal _Bad and stops."""

    def __init__(self, chunks: Iterator[str]) -> None:
        self.chunks = chunks
        self.buf = ""
        self.pos = 0  # the first character still needed
        self.counted = 0  # newlines are counted up to here ...
        self.line = 1  # ... which is on this line
        self.eof = False

    def line_at(self, index: int) -> int:
        if index >= self.counted:
            self.line += self.buf.count("\n", self.counted, index)
            self.counted = index
            return self.line
        return self.line - self.buf.count("\n", index, self.counted)

    def more(self) -> int:
        """Reads another chunk after dropping what comes before `pos`; returns how many
        characters were dropped (0 at the end of the file, with eof set)."""
        if self.eof:
            return 0
        dropped = self.pos
        self.line_at(dropped)
        self.buf = self.buf[dropped:]
        self.counted -= dropped
        self.pos = 0
        for chunk in self.chunks:
            if chunk:
                self.buf += chunk
                return dropped
        self.eof = True
        return dropped

    def next_char(self) -> Optional[str]:
        """Skips white space; the character at `pos`, or None at the end of the file."""
        while True:
            found = _NON_SPACE.search(self.buf, self.pos)
            if found:
                self.pos = found.start()
                return found.group()
            self.pos = len(self.buf)
            self.more()
            if self.eof and self.pos >= len(self.buf):
                return None

    def items(self) -> Iterator[Union[tuple[int, str], _Bad]]:
        self.next_char()  # "[", as _first_char saw
        self.pos += 1
        ch = self.next_char()
        if ch == "]":
            self.pos += 1
            yield from self.tail()
            return
        while True:
            if ch is None or ch in ",]":
                yield self.broken("an item", ch)
                return
            item = self.scan_item()
            yield item
            if isinstance(item, _Bad):
                return
            ch = self.next_char()
            if ch == "]":
                self.pos += 1
                yield from self.tail()
                return
            if ch != ",":
                yield self.broken("',' or ']'", ch)
                return
            self.pos += 1
            ch = self.next_char()

    def broken(self, expected: str, found: Optional[str]) -> _Bad:
        if found is None:
            return _Bad(
                self.line_at(self.pos),
                f"the file ends inside the JSON array (expected {expected}); "
                "the array is not closed with ']'",
                fatal=True,
            )
        return _Bad(
            self.line_at(self.pos),
            f"broken JSON array: expected {expected}, found {_shown(found)}; "
            "nothing after this point was read",
            fatal=True,
        )

    def tail(self) -> Iterator[_Bad]:
        ch = self.next_char()
        if ch is not None:
            yield _Bad(
                self.line_at(self.pos),
                f"text after the end of the JSON array: {_shown(ch)}; it was not read",
                fatal=True,
            )

    def scan_item(self) -> Union[tuple[int, str], _Bad]:
        line = self.line_at(self.pos)
        p = self.pos
        depth = 0
        in_string = False
        while True:
            found = (_INSIDE_STRING if in_string else _OUTSIDE_STRING).search(self.buf, p)
            if found:
                ch = found.group()
                if in_string:
                    if ch == '"':
                        in_string = False
                        p = found.end()
                        continue
                    if found.end() < len(self.buf):  # a backslash and the character it escapes
                        p = found.end() + 1
                        continue
                    p = found.start()  # the escaped character is in the next chunk
                else:
                    p = found.end()
                    if ch == '"':
                        in_string = True
                        continue
                    if ch in "[{":
                        depth += 1
                        continue
                    if depth > 0 and ch in "]}":
                        depth -= 1
                        if depth == 0:  # the item's closing bracket
                            text = self.buf[self.pos : found.end()]
                            self.pos = found.end()
                            return line, text
                        continue
                    if depth == 0 and ch != "}":  # the "," or "]" after a number, string ...
                        text = self.buf[self.pos : found.start()]
                        self.pos = found.start()
                        return line, text
                    continue  # a "," inside the item, or a stray "}" for json.loads to find
            else:
                p = len(self.buf)
            if p - self.pos > _MAX_ITEM_CHARS:
                return _Bad(
                    line,
                    f"an item longer than {_MAX_ITEM_CHARS:,} characters: the JSON array is "
                    "broken here (an unclosed string or bracket?); nothing after it was read",
                    fatal=True,
                )
            p -= self.more()
            if self.eof and p >= len(self.buf):
                return _Bad(
                    line,
                    "the file ends inside the item that starts here (an unclosed string, "
                    "{ or [); nothing after it was read",
                    fatal=True,
                )


def _fever_json(text: str, line: int, index: Optional[int]) -> _Item:
    undecodable = _UNDECODABLE.search(text)
    if undecodable:
        return _Bad(
            line + text.count("\n", 0, undecodable.start()),
            f"not valid UTF-8 (byte 0x{ord(undecodable.group()) - 0xDC00:02x}); "
            "the file must be UTF-8",
        )
    try:
        item = json.loads(text)
    except json.JSONDecodeError as error:
        return _Bad(line + error.lineno - 1, f"not valid JSON: {error.msg} (column {error.colno})")
    except RecursionError:
        return _Bad(line, "not valid FEVER data: JSON nested too deeply")
    return _fever_item(item, line, index)


def _pages_from_evidence(evidence: Any) -> list[Any]:
    """The page titles in the shared task's ``evidence``: lists of evidence sets, each a
    list of [annotation id, evidence id, page title or null, sentence number or null]."""
    pages: list[Any] = []
    if isinstance(evidence, list):
        for group in evidence:
            for entry in group if isinstance(group, list) else ():
                if isinstance(entry, list) and len(entry) >= 3 and entry[2] is not None:
                    pages.append(entry[2])
    return pages


_FEVER_KEYS = "id, claim, label and evidence_pages"


def _fever_item(item: Any, line: int, index: Optional[int]) -> _Item:
    if not isinstance(item, dict):
        kind = type(item).__name__.replace("dict", "object").replace("list", "array")
        return _Bad(line, f"the item is a JSON {kind}; expected an object with {_FEVER_KEYS}")
    missing = [key for key in ("id", "claim", "label") if key not in item]
    if missing:
        return _Bad(line, f"no {', '.join(missing)}; a FEVER item has {_FEVER_KEYS}")
    fever_id = item["id"]
    if isinstance(fever_id, str):
        fever_id = fever_id.strip()
    if isinstance(fever_id, bool) or not isinstance(fever_id, (int, str)) or fever_id == "":
        return _Bad(line, f"the id {_shown(item['id'])} is not an integer or text")
    claim = item["claim"]
    if not isinstance(claim, str) or not claim.strip():
        return _Bad(line, f"the claim {_shown(claim)} is not text, or is empty")
    label = item["label"].strip().upper() if isinstance(item["label"], str) else None
    if label not in FEVER_LABELS:
        return _Bad(
            line,
            f"unknown label {_shown(item['label'])}; accepted: {', '.join(FEVER_LABELS)}",
        )
    pages = item.get("evidence_pages")
    if pages is None:
        pages = _pages_from_evidence(item.get("evidence"))
    if not isinstance(pages, list) or not all(isinstance(p, str) and page_name(p) for p in pages):
        return _Bad(line, f"evidence_pages {_shown(pages)} is not a list of page titles")
    pages = list(dict.fromkeys(p.strip() for p in pages))
    for what, value in (("id", fever_id), ("claim", claim), *(("page", p) for p in pages)):
        surrogate = _SURROGATE.search(value) if isinstance(value, str) else None
        if surrogate:
            return _Bad(
                line,
                f"the {what} holds an unpaired surrogate \\u{ord(surrogate.group()):04x}; "
                "text must be valid Unicode",
            )
    provenance: dict[str, Any] = {"dataset": "fever", "line": line}
    if index is not None:
        provenance["index"] = index
    provenance["id"] = fever_id
    provenance["evidence_pages"] = ", ".join(pages)
    sources = [
        (
            "fever:page:" + page,
            {
                "name": page_name(page),
                "kind": "dataset",
                "ref": "fever:page:" + page,
                "url": page_url(page),
            },
        )
        for page in pages
    ]
    record = {
        "text": claim,
        "tags": ["fever"],
        "ref": f"fever:{fever_id}",
        "provenance": provenance,
        "verdict": {"rating": FEVER_LABELS[label], "rationale": f"FEVER label: {label}"},
    }
    return _Row(line, record, sources, None)
