"""Reading ClaimReview documents in every shape fact-checkers publish them: a JSON document
(one review, a list, a ``@graph``, a ``DataFeed`` of ``DataFeedItem``s, an ``ItemList``, a
page's node with the review inside), JSON Lines or a sequence of JSON documents, and a web
page's ``<script type="application/ld+json">`` blocks (``$[k]`` is then the page's k-th block).

A document in memory is read whole (:func:`load_document`): references by ``"@id"`` are
resolved anywhere in it. A large file is read as a stream of its top-level items
(:func:`stream_units`): the elements of a top-level list, of a ``dataFeedElement``,
``@graph`` or ``itemListElement`` list, or the documents of a JSON Lines file, each parsed
alone, so that memory does not grow with the file; a reference then resolves within its item.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import IO, Any, Optional

from .jsonld import has_type, input_error, json_path, types_of

__all__ = [
    "ACCEPTED",
    "Document",
    "StreamStats",
    "Unit",
    "find_reviews",
    "index_ids",
    "load_document",
    "looks_like_html",
    "stream_units",
]

ACCEPTED = (
    'a ClaimReview object (its "@type" "ClaimReview" or a list holding it), a list of them, '
    '{"@graph": [...]}, a DataFeed of DataFeedItems, JSON Lines, or a web page with '
    "application/ld+json blocks"
)
#: Lists whose elements are a large file's items, read one at a time.
STREAMED_KEYS = ("dataFeedElement", "@graph", "itemListElement")
_CHUNK = 1 << 16
_SNIFF = 1 << 16  # a JSON Lines file's first line is shorter
_CDATA = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")


@dataclass
class Document:
    """A document read whole: the parsed JSON (a page: the list of its blocks), the exact
    bytes to store, and notes (a page's blocks that are not valid JSON, skipped)."""

    parsed: Any
    raw: bytes
    notes: list[str] = field(default_factory=list)
    bad: list[tuple[str, str]] = field(default_factory=list)  # (path, why) of unreadable parts


@dataclass(frozen=True)
class Unit:
    """One top-level item of a streamed file: its path in the file, the parsed item and its
    exact text."""

    path: str
    node: Any
    text: str


@dataclass
class StreamStats:
    """What a streamed read saw: the file's SHA-256 and size, and its unreadable items."""

    sha256: str = ""
    size: int = 0
    bad: list[tuple[str, str]] = field(default_factory=list)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


_DECODER = json.JSONDecoder(parse_constant=_reject_constant)
_LENIENT = json.JSONDecoder(parse_constant=_reject_constant, strict=False)


# --- whole documents ------------------------------------------------------------------------


def looks_like_html(text: str) -> bool:
    """Whether `text` is a web page (or a fragment of one) rather than JSON."""
    return text.lstrip("\ufeff \t\r\n").startswith("<")


class _ScriptBlocks(HTMLParser):
    """The contents of a page's application/ld+json script elements, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.blocks: list[str] = []
        self._open: Optional[list[str]] = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        if tag == "script":
            kind = (dict(attrs).get("type") or "").split(";")[0].strip().lower()
            self._open = [] if kind == "application/ld+json" else None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            self.blocks.append("".join(self._open))
            self._open = None


def _page_blocks(text: str) -> tuple[list[Any], list[str], list[tuple[str, str]]]:
    parser = _ScriptBlocks()
    parser.feed(text)
    parser.close()
    blocks, notes, bad = [], [], []
    for number, block in enumerate(parser.blocks):
        body = _CDATA.sub("", block.strip())
        try:
            value, end = _LENIENT.raw_decode(body)
            if body[end:].strip():
                raise json.JSONDecodeError("Extra data", body, end)
        except json.JSONDecodeError as error:
            why = (
                f"the page's application/ld+json block {number + 1} is not valid JSON "
                f"({error.msg} at line {error.lineno} column {error.colno}); skipped"
            )
            notes.append(why)
            bad.append((f"$[{len(blocks)}]", why))
            value = None
        except ValueError as error:
            notes.append(f"block {number + 1}: {error}; skipped")
            value = None
        blocks.append(value)
    if not parser.blocks:
        raise input_error(
            "no_review",
            f'the page has no <script type="application/ld+json"> block; give {ACCEPTED}',
        )
    return blocks, notes, bad


def _parse_sequence(text: str, errors: str) -> tuple[list[Any], list[tuple[str, str]]]:
    """JSON Lines, or JSON documents one after another: the list of them. A document that
    is not valid JSON is refused, or with errors="skip" listed as bad when a line break ends
    it (nothing after a broken document spanning lines can be read)."""
    items: list[Any] = []
    bad: list[tuple[str, str]] = []
    pos, line = 0, 1
    size = len(text)
    while True:
        while pos < size and text[pos] in " \t\r\n":
            if text[pos] == "\n":
                line += 1
            pos += 1
        if pos >= size:
            return items, bad
        try:
            value, end = _DECODER.raw_decode(text, pos)
        except (json.JSONDecodeError, ValueError) as error:
            why = getattr(error, "msg", str(error))
            where = f"not valid JSON Lines: {why} at line {line}"
            next_line = text.find("\n", pos)
            if errors != "skip" or (next_line < 0 and not items):
                raise input_error(
                    "json", f"{where}; give one JSON document, or one ClaimReview a line"
                ) from None
            bad.append((f"$[{len(items)}]", f"line {line} {where[4:]}"))
            items.append(None)
            if next_line < 0:
                return items, bad
            pos = next_line
            continue
        line += text.count("\n", pos, end)
        items.append(value)
        pos = end


def _parse_text(text: str, errors: str) -> Document:
    text = text.lstrip("\ufeff")
    if looks_like_html(text):
        blocks, notes, bad = _page_blocks(text)
        return Document(blocks, b"", notes, bad)
    try:
        return Document(_DECODER.decode(text), b"")
    except json.JSONDecodeError as error:
        if error.msg == "Extra data" and error.lineno > 1:
            items, bad = _parse_sequence(text, errors)
            return Document(items, b"", bad=bad)
        raise input_error(
            "json",
            f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}; "
            f"give {ACCEPTED}",
        ) from None
    except ValueError as error:
        raise input_error("json", f"not valid JSON: {error}") from None


def load_document(doc: Any, errors: str = "raise") -> Document:
    """The parsed document and the exact bytes to store: the text as given, or the
    canonical JSON of a parsed document."""
    if isinstance(doc, (bytes, bytearray, memoryview, str)):
        if isinstance(doc, str):
            text = doc
            try:
                raw = doc.encode("utf-8")
            except UnicodeEncodeError as error:
                raise input_error(
                    "utf8",
                    f"not valid text ({error.reason} at index {error.start}); give UTF-8 text",
                ) from None
        else:
            raw = bytes(doc)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                raise input_error(
                    "json",
                    f"not UTF-8 text (invalid byte at offset {error.start}); give UTF-8 JSON",
                ) from None
        document = _parse_text(text, errors)
        document.raw = raw
        return document
    if isinstance(doc, (Mapping, list, tuple)):
        try:
            text = json.dumps(
                doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
            )
            raw = text.encode("utf-8")
        except UnicodeEncodeError as error:  # before ValueError, of which it is a kind
            raise input_error(
                "utf8", f"the document holds invalid text ({error.reason}); give UTF-8 text"
            ) from None
        except (TypeError, ValueError) as error:
            raise input_error("json", f"the document is not JSON data: {error}") from None
        return Document(json.loads(text), raw)
    raise input_error(
        "input",
        f"import_claimreview(doc_or_list) takes {ACCEPTED}, as parsed JSON, as JSON text or "
        f"bytes, or as a file (a pathlib.Path or an open binary file), not {type(doc).__name__}",
    )


# --- the reviews in a document ----------------------------------------------------------------


def _is_reference(node: Mapping[str, Any]) -> bool:
    return "@id" in node and set(node) <= {"@id", "@type"}


def find_reviews(value: Any, path: str = "$") -> tuple[list[tuple[str, dict]], list[str]]:
    """Every ClaimReview in `value` with its JSON path (in a list, a @graph, a DataFeed, an
    ItemList or any node holding one), and the top-level things that hold none."""
    reviews: list[tuple[str, dict]] = []

    def visit(node: Any, where: str) -> None:
        if isinstance(node, list):
            for i, item in enumerate(node):
                visit(item, json_path(where, i))
        elif isinstance(node, Mapping) and not _is_reference(node):
            if has_type(node, "ClaimReview"):
                reviews.append((where, node))  # type: ignore[arg-type]
                return
            for key, item in node.items():
                if key != "@context" and isinstance(item, (list, Mapping)):
                    visit(item, json_path(where, key))

    others: list[str] = []
    tops = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
    for index, top in tops:
        where = path if index is None else json_path(path, index)
        before = len(reviews)
        if isinstance(top, Mapping) and "@graph" in top and not types_of(top):
            visit(top["@graph"], json_path(where, "@graph"))
            graph = top["@graph"] if isinstance(top["@graph"], list) else [top["@graph"]]
            if len(reviews) == before:
                others.extend(_described(json_path(json_path(where, "@graph"), i), n)
                              for i, n in enumerate(graph))  # fmt: skip
            continue
        visit(top, where)
        if len(reviews) == before:
            others.append(_described(where, top))
    return reviews, others


def _described(path: str, node: Any) -> str:
    if isinstance(node, Mapping):
        kind = node.get("@type")
        return f"{path} ({'@type ' + json.dumps(kind, ensure_ascii=False) if kind else 'no @type'})"
    return f"{path} ({'null' if node is None else type(node).__name__})"


def index_ids(value: Any, ids: Optional[dict[str, Any]] = None) -> dict[str, Any]:
    """Every node with an "@id" and more than a reference's keys, by its id."""
    ids = {} if ids is None else ids
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, Mapping):
            node_id = node.get("@id")
            if isinstance(node_id, str) and not _is_reference(node):
                ids.setdefault(node_id, node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return ids


# --- streaming a file -------------------------------------------------------------------------


class _Stream:
    """A UTF-8 file read in chunks into a text buffer that JSON values are decoded from;
    hashes the bytes as it reads them and keeps the line number for error messages."""

    def __init__(self, file: IO[bytes], stats: StreamStats) -> None:
        self.file = file
        self.stats = stats
        self.hasher = hashlib.sha256()
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.buf = ""
        self.pos = 0
        self.line = 1  # the line of self.pos
        self.eof = False
        self.first = True

    def fill(self) -> bool:
        """Reads another chunk; False at the end of the file."""
        if self.eof:
            return False
        chunk = self.file.read(_CHUNK)
        self.hasher.update(chunk)
        self.stats.size += len(chunk)
        try:
            text = self.decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:
            at = self.stats.size - len(chunk) + error.start
            raise input_error(
                "json", f"not UTF-8 text (invalid byte at offset {at}); give UTF-8 JSON"
            ) from None
        if self.first:
            text = text.lstrip("\ufeff")
            self.first = False
        if not chunk:
            self.eof = True
            self.stats.sha256 = "sha256:" + self.hasher.hexdigest()
        if self.pos > _CHUNK:
            self.buf = self.buf[self.pos :]
            self.pos = 0
        self.buf += text
        return bool(chunk)

    def peek(self) -> str:
        """The next character that is not white space ('' at the end)."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                if self.buf[self.pos] == "\n":
                    self.line += 1
                self.pos += 1
            if self.pos < len(self.buf) or not self.fill():
                return self.buf[self.pos : self.pos + 1]

    def take(self, char: str) -> None:
        if self.peek() != char:
            found = self.peek() or "the end of the file"
            raise input_error(
                "json", f"not valid JSON: {char!r} expected at line {self.line}, found {found!r}"
            )
        self.pos += 1

    def value(self) -> tuple[Any, str]:
        """The next JSON value and its exact text."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
                if end < len(self.buf) or self.eof:
                    break  # a number at the end of the buffer may go on in the next chunk
            except json.JSONDecodeError as error:
                if self.eof:
                    raise input_error(
                        "json",
                        f"not valid JSON: {error.msg} at line "
                        f"{self.line + self.buf.count(chr(10), self.pos, error.pos)}; give "
                        f"{ACCEPTED}",
                    ) from None
            except ValueError as error:
                raise input_error("json", f"not valid JSON: {error}") from None
            self.fill()
        text = self.buf[self.pos : end]
        self.line += text.count("\n")
        self.pos = end
        return value, text

    def drain(self) -> None:
        while self.fill():
            self.pos = len(self.buf)


def _first_line_is_a_document(file: IO[bytes]) -> bool:
    """Whether the file is JSON Lines (or documents one after another): its first line is a
    whole JSON document and more follows."""
    head = file.readline(_SNIFF)
    more = file.read(4096)
    file.seek(0)
    first = head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    if not head.endswith(b"\n") or not more.strip():
        return False
    try:
        _DECODER.decode(first)
    except ValueError:
        return False
    return True


def stream_units(file: IO[bytes], stats: StreamStats) -> Iterator[Unit]:
    """The top-level items of a seekable binary file, one at a time (see the module's
    docstring). `stats` gets the file's hash and size once the items are read."""
    lines = _first_line_is_a_document(file)
    stream = _Stream(file, stats)
    first = stream.peek()
    if lines:
        index = 0
        while stream.peek():
            value, text = stream.value()
            yield Unit(f"$[{index}]", value, text)
            index += 1
    elif first == "[":
        yield from _stream_list(stream, "$")
    elif first == "{":
        yield from _stream_object(stream)
    elif first == "<":
        raise input_error(
            "input", "a web page is read whole, not streamed: give its text or stream=False"
        )
    else:
        value, text = stream.value()
        yield Unit("$", value, text)
    if stream.peek():
        raise input_error(
            "json", f"not valid JSON: extra data at line {stream.line} after the document"
        )
    stream.drain()


def _stream_list(stream: _Stream, path: str) -> Iterator[Unit]:
    stream.take("[")
    index = 0
    if stream.peek() == "]":
        stream.pos += 1
        return
    while True:
        value, text = stream.value()
        yield Unit(json_path(path, index), value, text)
        index += 1
        if stream.peek() == ",":
            stream.pos += 1
            continue
        stream.take("]")
        return


def _stream_object(stream: _Stream) -> Iterator[Unit]:
    """A top-level object: its streamed lists item by item, then the rest of it (small: its
    @context, the feed's own name and dates) as one item at "$"."""
    stream.take("{")
    rest: dict[str, Any] = {}
    texts: list[str] = []
    while stream.peek() != "}":
        if rest or texts:
            stream.take(",")
        key, key_text = stream.value()
        if not isinstance(key, str):
            raise input_error("json", f"not valid JSON: a key expected at line {stream.line}")
        stream.take(":")
        if key in STREAMED_KEYS and stream.peek() == "[":
            yield from _stream_list(stream, json_path("$", key))
            texts.append(key_text + ":[]")
            continue
        value, text = stream.value()
        rest[key] = value
        texts.append(f"{key_text}:{text}")
    stream.take("}")
    if any(isinstance(v, (list, Mapping)) and k != "@context" for k, v in rest.items()):
        yield Unit("$", rest, "{" + ",".join(texts) + "}")
