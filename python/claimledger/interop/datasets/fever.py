"""FEVER (Thorne et al., 2018): claims about Wikipedia pages, a JSON array or JSON Lines,
loaded as claims with a "fever" verdict and their evidence pages as dataset sources. A
JSON array is read item by item (:class:`_ArrayScanner`), so memory does not grow with
the file.
"""

from __future__ import annotations

import codecs
import json
import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Optional, Union

from ...workbench import LedgerWorkbench
from .loading import (
    BOM,
    CHUNK_BYTES,
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

__all__ = ["FEVER_LABELS", "FEVER_SCALE", "load_fever", "page_name", "page_url"]

#: FEVER's labels and the ratings of the "fever" scale they become.
FEVER_LABELS = {
    "SUPPORTS": "supports",
    "REFUTES": "refutes",
    "NOT ENOUGH INFO": "not-enough-info",
}

#: The rating scale a ledger needs for each format.
#: The rating scale of a ledger that takes FEVER's labels.
FEVER_SCALE = "fever"

_MAX_ITEM_CHARS = 64 << 20  # one FEVER item larger than this means a broken array
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


def load_fever(
    wb: LedgerWorkbench,
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
    return load_rows(wb, path, "fever", FEVER_SCALE, _fever_rows, batch_size, errors, progress)


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


def _fever_rows(file: Path, hasher: Any, meter: LoadProgress) -> Iterator[Item]:
    first = _first_char(file)
    if first == "{":
        for item in text_lines(file, hasher, meter):
            yield item if isinstance(item, Bad) else _fever_json(item[1], item[0], None)
        return
    chunks = _chunks(file, hasher, meter)
    if first == "[":
        for index, item in enumerate(_ArrayScanner(chunks).items()):
            if isinstance(item, Bad):
                yield item
                if item.fatal:
                    break
            else:
                yield _fever_json(item[1], item[0], index)
    elif first is not None:
        yield Bad(
            1,
            f"the file starts with {shown(first)}: FEVER data is a JSON array "
            "([{...}, ...]) or JSON Lines (one {...} object per line)",
            fatal=True,
        )
    for _ in chunks:  # the rest of the file still counts in its hash
        pass


def _first_char(file: Path) -> Optional[str]:
    """The first character that is not white space (after a UTF-8 byte order mark), as
    text; None for a blank file."""
    with file.open("rb") as stream:
        start = stream.read(len(BOM))
        chunk = start[len(BOM) :] if start == BOM else start
        while True:
            stripped = chunk.lstrip(b" \t\r\n")
            if stripped:
                return stripped[:1].decode("latin-1")
            chunk = stream.read(CHUNK_BYTES)
            if not chunk:
                return None


def _chunks(file: Path, hasher: Any, meter: LoadProgress) -> Iterator[str]:
    """The file as text in chunks, hashing as it reads. Bytes that are not UTF-8 become
    lone surrogates (surrogateescape), so the item holding them can be reported."""
    decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
    with file.open("rb") as stream:
        first = True
        for chunk in iter(lambda: stream.read(CHUNK_BYTES), b""):
            hasher.update(chunk)
            meter.read(len(chunk))
            if first and chunk.startswith(BOM):
                chunk = chunk[len(BOM) :]
            first = False
            yield decoder.decode(chunk)
    yield decoder.decode(b"", final=True)


class _ArrayScanner:
    """Splits a JSON array read in chunks into the text of its items, each with the line it
    starts on, holding one item at a time. It follows strings and brackets only; each
    item's text is parsed by json.loads, so a bad item can be skipped while the array's
    structure holds. When the structure breaks (an unclosed string or bracket, text after
    the closing bracket), it reports a fatal Bad and stops."""

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

    def items(self) -> Iterator[Union[tuple[int, str], Bad]]:
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
            if isinstance(item, Bad):
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

    def broken(self, expected: str, found: Optional[str]) -> Bad:
        if found is None:
            return Bad(
                self.line_at(self.pos),
                f"the file ends inside the JSON array (expected {expected}); "
                "the array is not closed with ']'",
                fatal=True,
            )
        return Bad(
            self.line_at(self.pos),
            f"broken JSON array: expected {expected}, found {shown(found)}; "
            "nothing after this point was read",
            fatal=True,
        )

    def tail(self) -> Iterator[Bad]:
        ch = self.next_char()
        if ch is not None:
            yield Bad(
                self.line_at(self.pos),
                f"text after the end of the JSON array: {shown(ch)}; it was not read",
                fatal=True,
            )

    def scan_item(self) -> Union[tuple[int, str], Bad]:
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
                return Bad(
                    line,
                    f"an item longer than {_MAX_ITEM_CHARS:,} characters: the JSON array is "
                    "broken here (an unclosed string or bracket?); nothing after it was read",
                    fatal=True,
                )
            p -= self.more()
            if self.eof and p >= len(self.buf):
                return Bad(
                    line,
                    "the file ends inside the item that starts here (an unclosed string, "
                    "{ or [); nothing after it was read",
                    fatal=True,
                )


def _fever_json(text: str, line: int, index: Optional[int]) -> Item:
    undecodable = _UNDECODABLE.search(text)
    if undecodable:
        return Bad(
            line + text.count("\n", 0, undecodable.start()),
            f"not valid UTF-8 (byte 0x{ord(undecodable.group()) - 0xDC00:02x}); "
            "the file must be UTF-8",
        )
    try:
        item = json.loads(text)
    except json.JSONDecodeError as error:
        return Bad(line + error.lineno - 1, f"not valid JSON: {error.msg} (column {error.colno})")
    except RecursionError:
        return Bad(line, "not valid FEVER data: JSON nested too deeply")
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


def _fever_item(item: Any, line: int, index: Optional[int]) -> Item:
    if not isinstance(item, dict):
        kind = type(item).__name__.replace("dict", "object").replace("list", "array")
        return Bad(line, f"the item is a JSON {kind}; expected an object with {_FEVER_KEYS}")
    missing = [key for key in ("id", "claim", "label") if key not in item]
    if missing:
        return Bad(line, f"no {', '.join(missing)}; a FEVER item has {_FEVER_KEYS}")
    fever_id = item["id"]
    if isinstance(fever_id, str):
        fever_id = fever_id.strip()
    if isinstance(fever_id, bool) or not isinstance(fever_id, (int, str)) or fever_id == "":
        return Bad(line, f"the id {shown(item['id'])} is not an integer or text")
    claim = item["claim"]
    if not isinstance(claim, str) or not claim.strip():
        return Bad(line, f"the claim {shown(claim)} is not text, or is empty")
    label = item["label"].strip().upper() if isinstance(item["label"], str) else None
    if label not in FEVER_LABELS:
        return Bad(
            line,
            f"unknown label {shown(item['label'])}; accepted: {', '.join(FEVER_LABELS)}",
        )
    pages = item.get("evidence_pages")
    if pages is None:
        pages = _pages_from_evidence(item.get("evidence"))
    if not isinstance(pages, list) or not all(isinstance(p, str) and page_name(p) for p in pages):
        return Bad(line, f"evidence_pages {shown(pages)} is not a list of page titles")
    pages = list(dict.fromkeys(p.strip() for p in pages))
    for what, value in (("id", fever_id), ("claim", claim), *(("page", p) for p in pages)):
        surrogate = _SURROGATE.search(value) if isinstance(value, str) else None
        if surrogate:
            return Bad(
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
    return Row(line, record, sources, None)
