"""How a dataset file is loaded, whatever its format: the checks of the arguments and the
ledger's scale, the first pass (check every row and hash the file), the second (write
batch by batch), the progress shown on a terminal, and the :class:`LoadReport`.

A format gives :func:`load_rows` a parser: a function reading the file into checked
rows (:class:`Row`) or problems (:class:`Bad`), each with its line number, hashing the
bytes as it reads them.
"""

from __future__ import annotations

import gc
import hashlib
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, NamedTuple, Optional, Union

from ...errors import Interrupted, InvalidInputError
from ...model import AddedIds
from ...terminal import Progress
from ...workbench import LedgerWorkbench

__all__ = [
    "BOM",
    "CHUNK_BYTES",
    "PathLike",
    "LoadReport",
    "Row",
    "Bad",
    "Item",
    "Parser",
    "LoadProgress",
    "load_rows",
    "shown",
    "text_lines",
]

PathLike = Union[str, "os.PathLike[str]"]

BOM = b"\xef\xbb\xbf"
CHUNK_BYTES = 1 << 18
_SHOWN_PROBLEMS = 5
# The rows of a file up to this size that the checking pass parsed are kept for the writing
# pass, so that the file is read once (parsing LIAR's three files takes 0.21 s of a 2.6 s
# load); a larger file is read again, so that memory stays bounded.
_KEPT_BYTES = 8 << 20


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


class Row(NamedTuple):
    """A checked row: the claim record (without claimant and file hash), the sources it
    needs as (ref, record), and the ref of its claimant if it has one."""

    line: int
    claim: dict
    sources: list[tuple[str, dict]]
    claimant: Optional[str]


class Bad(NamedTuple):
    """A row that is not valid data: its line and why."""

    line: int
    reason: str
    fatal: bool = False  # nothing after it can be read (a broken JSON array)


Item = Union[Row, Bad]
Parser = Callable[[Path, Any, "LoadProgress"], Iterator[Item]]


# --- the load itself ---------------------------------------------------------------------


def load_rows(
    wb: LedgerWorkbench,
    path: PathLike,
    format: str,
    scale: str,
    parse: Parser,
    batch_size: int,
    errors: str,
    progress: Optional[bool],
) -> LoadReport:
    """Loads the file at `path` into `wb` with `parse`, the rows of dataset `format`, which
    need a ledger with rating scale `scale`; the loaders' arguments and report are those
    of :func:`claimledger.interop.datasets.load_liar`."""
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
    meter = LoadProgress(progress, file.name, size)
    report = LoadReport(path=str(file), format=format)
    writer = _Writer(wb, report, file.name, errors)
    # The load makes many objects and frees none until it ends (the rows kept between the
    # passes, their records): Python's cyclic garbage collector, which would traverse them again
    # and again as they grow, waits until the load is over (a quarter of LIAR's parsing).
    collecting = gc.isenabled()
    gc.disable()
    try:
        # Pass 1: hash the whole file (every claim's provenance names it) and, when a
        # bad row must stop the load, check every row before writing any.
        hasher = hashlib.sha256()
        kept: Optional[list[Item]] = None
        if errors == "raise":
            meter.phase("checking")
            problems: list[tuple[int, str]] = []
            count = 0
            kept = [] if size <= _KEPT_BYTES else None
            for item in parse(file, hasher, meter):
                if kept is not None:
                    kept.append(item)
                if isinstance(item, Bad):
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

        # Pass 2: write batch by batch, from the rows kept or from a second reading.
        meter.phase("loading")
        second: Optional[Any] = None  # the second reading's hash, when the file is read again
        if kept is None:
            second = hashlib.sha256()
            items: Iterable[Item] = parse(file, second, meter)
        else:
            items = kept
            meter.read(size)  # read whole in the checking pass
        batch: list[Row] = []
        for item in items:
            report.rows += 1
            meter.row()
            if isinstance(item, Bad):
                report.skipped.append((item.line, item.reason))
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                writer.write(batch)
                batch = []
        if batch:
            writer.write(batch)
        if second is not None and "sha256:" + second.hexdigest() != report.file_hash:
            raise InvalidInputError(
                f"[claimledger.dataset.changed] {file} changed while it was being loaded; "
                f"{report.added_claims} claims were written with the hash of its first "
                "reading. Load it again once nothing writes to it (rows already loaded are "
                "not added twice)",
                "claimledger.dataset.changed",
            )
    except KeyboardInterrupt:
        raise Interrupted.after(f"loading {file.name}", writer.committed(), "claims") from None
    finally:
        if collecting:
            gc.enable()
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


def _hash_file(file: Path, hasher: Any, meter: LoadProgress) -> None:
    with file.open("rb") as stream:
        for chunk in iter(lambda: stream.read(CHUNK_BYTES), b""):
            hasher.update(chunk)
            meter.read(len(chunk))


class _Writer:
    """Writes checked rows batch by batch: first the sources not met yet, then the claims;
    counts what was added and what was there already."""

    def __init__(
        self, wb: LedgerWorkbench, report: LoadReport, file_name: str, errors: str
    ) -> None:
        self.wb = wb
        self.report = report
        self.file_name = file_name
        self.errors = errors
        self.source_ids: dict[str, str] = {}  # ref -> id, for the sources met so far
        self.refused: dict[str, str] = {}  # ref -> why the ledger refused that source
        self.head = 0
        self.pending = 0  # claim records of the add_claims call in progress

    def committed(self) -> int:
        """The claim records of this load in the ledger: those of the batches written, and
        those of the batch in progress when its add_claims call committed."""
        done = self.report.added_claims + self.report.existing_claims
        if self.pending and self.wb.event_count() != self.head:
            done += self.pending
        return done

    def write(self, batch: list[Row]) -> None:
        new_sources: dict[str, dict] = {}
        for row in batch:
            for ref, record in row.sources:
                if ref not in self.source_ids and ref not in self.refused:
                    new_sources.setdefault(ref, record)
        if new_sources:
            refs = list(new_sources)
            results, new = self._add(self.wb.add_sources, [new_sources[r] for r in refs])
            for ref, result in zip(refs, results):
                if isinstance(result, InvalidInputError):
                    self.refused[ref] = str(result)
                else:
                    self.source_ids[ref] = result
            self.report.added_sources += new

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
        # The count before the call and the records it adds, set together (a Ctrl-C may come
        # at any call): committed() counts them once the ledger has more events than that.
        head, count = self.wb.event_count(), len(records)
        self.head, self.pending = head, count
        results, added = self._add(self.wb.add_claims, records)
        stored = 0
        for line, result in zip(lines, results):
            if isinstance(result, InvalidInputError):
                self.report.skipped.append((line, f"the ledger refused it: {result}"))
            else:
                stored += 1
        existing = stored - added
        # One statement without a call: a Ctrl-C cannot land between the counts and pending.
        report = self.report
        report.added_claims, report.existing_claims, self.pending = (
            report.added_claims + added,
            report.existing_claims + existing,
            0,
        )

    def _add(self, add: Callable[[list], AddedIds], records: list[dict]) -> tuple[list[Any], int]:
        """Adds `records` in one transaction; returns their ids and how many of them are new
        (the others were in the ledger: ``already_there``). The first pass checks what the
        ledger checks, so a refusal is not expected; should one come with errors="skip", the
        records are added one by one and each refused one gets its error in place of an id."""
        try:
            ids = add(records)
            return ids, len(ids) - len(ids.already_there)
        except InvalidInputError as error:
            if self.errors == "raise":
                raise InvalidInputError(
                    f"{error} ({self.file_name}: the ledger refused a batch after "
                    f"{self.report.added_claims} claims of this file were added)",
                    error.id,
                ) from None
        results: list[Any] = []
        new = 0
        for record in records:
            try:
                ids = add([record])
            except InvalidInputError as error:
                results.append(error)
                continue
            results.extend(ids)
            new += not ids.already_there
        return results, new


class LoadProgress:
    """What a load shows on a terminal (see :class:`claimledger.terminal.Progress`): the
    phase, the rows so far and the share of the file's bytes read, e.g.
    ``train.tsv: loading 1,024 rows,  12.5% read``."""

    def __init__(self, enabled: Optional[bool], name: str, size: int) -> None:
        self.what = ""
        self.rows = 0
        self.line = Progress(size, name, enabled=enabled, describe=self._describe)

    def _describe(self, line: Progress) -> str:
        share = 100.0 * min(line.done, line.total) / line.total if line.total else 100.0
        return f"{line.label}: {self.what} {self.rows:,} rows, {share:5.1f}% read"

    def phase(self, what: str) -> None:
        self.what, self.rows, self.line.done = what, 0, 0
        self.line.draw(force=True)

    def read(self, n: int) -> None:
        self.line.done += n
        self.line.draw()

    def row(self) -> None:
        self.rows += 1
        if not self.rows % 256:
            self.line.draw()

    def close(self) -> None:
        self.line.close()


def shown(value: Any, limit: int = 40) -> str:
    """A short repr of user data for an error message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _utf8_problem(error: UnicodeDecodeError, raw: bytes) -> str:
    return (
        f"not valid UTF-8 (byte 0x{raw[error.start]:02x} at byte {error.start + 1} of the "
        "line); the file must be UTF-8"
    )


def _lines(file: Path, hasher: Any, meter: LoadProgress) -> Iterator[tuple[int, bytes]]:
    """(line number, bytes without the line break) of each line, hashing as it reads."""
    with file.open("rb") as stream:
        for number, raw in enumerate(stream, 1):
            hasher.update(raw)
            meter.read(len(raw))
            if number == 1 and raw.startswith(BOM):
                raw = raw[len(BOM) :]
            if raw.endswith(b"\n"):
                raw = raw[:-1]
            if raw.endswith(b"\r"):
                raw = raw[:-1]
            yield number, raw


def text_lines(
    file: Path, hasher: Any, meter: LoadProgress
) -> Iterator[Union[tuple[int, str], Bad]]:
    """Each non-blank line decoded from UTF-8, or a Bad naming the line that is not."""
    for number, raw in _lines(file, hasher, meter):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield Bad(number, _utf8_problem(error, raw))
            continue
        if text.strip():
            yield number, text
