"""LIAR (W. Y. Wang, 2017): PolitiFact statements, 14 tab-separated columns a line, loaded
as speakers (person sources) and claims with a "politifact" verdict.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Optional

from ...workbench import LedgerWorkbench
from .loading import (
    Bad,
    Item,
    LoadProgress,
    LoadReport,
    PathLike,
    Row,
    load_rows,
    shown,
    text_lines,
)

__all__ = ["LIAR_LABELS", "LIAR_SCALE", "load_liar", "speaker_name"]

LIAR_LABELS = ("true", "mostly-true", "half-true", "barely-true", "false", "pants-fire")

#: The rating scale of a ledger that takes LIAR's labels.
LIAR_SCALE = "politifact"

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


def load_liar(
    wb: LedgerWorkbench,
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
    return load_rows(wb, path, "liar", LIAR_SCALE, _liar_rows, batch_size, errors, progress)


def speaker_name(slug: str) -> str:
    """A readable name from a LIAR speaker slug: "dwayne-bohac" -> "Dwayne Bohac".
    Words that already hold capitals ("AARP", "GaGOP") are kept as they are."""
    words = [w for w in re.split(r"[-_\s]+", slug) if w]
    return " ".join(w[:1].upper() + w[1:] if w.islower() else w for w in words) or slug


# A speaker's name is made once a slug (LIAR has about 3,300 speakers in 12,836 rows).
_speaker_name = functools.lru_cache(maxsize=8192)(speaker_name)


def _liar_rows(file: Path, hasher: Any, meter: LoadProgress) -> Iterator[Item]:
    speakers: dict[str, tuple[str, dict]] = {}  # slug -> its source (ref, record), first row's
    for item in text_lines(file, hasher, meter):
        yield item if isinstance(item, Bad) else _liar_row(*item, speakers)


def _liar_row(number: int, text: str, speakers: dict[str, tuple[str, dict]]) -> Item:
    columns = text.split("\t")
    if len(columns) != _LIAR_COLUMNS:
        return Bad(
            number,
            f"{len(columns)} tab-separated columns, expected {_LIAR_COLUMNS} (id, label, "
            "statement, subjects, speaker, job, state, party, 5 credit-history counts, "
            "context); LIAR has no quoting, so a tab inside a field adds a column",
        )
    cols = [c.strip() for c in columns]
    statement_id, label, statement, subjects, slug = cols[:5]
    if not statement_id or len(statement_id.split()) > 1:
        return Bad(number, f"the statement id (column 1) {shown(statement_id)} is not an id")
    label = label.lower()
    if label not in LIAR_LABELS:
        return Bad(
            number,
            f"unknown label {shown(cols[1])} (column 2); accepted: {', '.join(LIAR_LABELS)}",
        )
    if not statement:
        return Bad(number, "the statement (column 3) is empty")
    provenance: dict[str, Any] = {"dataset": "liar", "line": number, "id": statement_id}
    for column, name, value in zip(range(9, 14), _LIAR_COUNTS, cols[8:13]):
        if not value:
            continue  # LIAR leaves the counts empty in the rows without a speaker
        if value.isascii() and value.isdigit() and len(value) <= 15:
            provenance[name] = int(value)  # as int(float(value)) reads it, without the float
            continue
        if not _COUNT.fullmatch(value):
            return Bad(
                number,
                f"the credit-history count in column {column} is {shown(value)}; "
                "expected a non-negative integer",
            )
        provenance[name] = int(float(value))
    source = None
    if slug:
        source = speakers.get(slug)
        if source is None:  # a speaker's source is made from its first row
            job, state, party = cols[5:8]
            attributes = {"job": job, "state": state, "party": party, "slug": slug}
            source = (
                "liar:speaker:" + slug,
                {
                    "name": _speaker_name(slug),
                    "kind": "person",
                    "ref": "liar:speaker:" + slug,
                    "attributes": {k: v for k, v in attributes.items() if v},
                },
            )
            speakers[slug] = source
    claim = {
        "text": statement,
        "tags": list(dict.fromkeys(filter(None, map(str.strip, subjects.split(","))))),
        "context": cols[13] or None,
        "ref": "liar:" + statement_id,
        "provenance": provenance,
        "verdict": {"rating": label, "rationale": "LIAR label: " + label},
    }
    if source is None:
        return Row(number, claim, [], None)
    return Row(number, claim, [source], source[0])
