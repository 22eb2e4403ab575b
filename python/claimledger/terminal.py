"""Progress on a terminal: the one line that long work redraws while it runs.

:class:`Progress` owns that line: it draws only when the stream is a terminal (so scripts
and logs stay quiet), redraws at most ten times a second, blanks what a shorter redraw
leaves behind and ends with a line break. What the line says is up to its user: a bar by
default (the report's claim cards), words of its own through ``describe`` (a dataset load:
rows and the share of the file read), or the time taken, for one long call that counts
nothing (:func:`busy`, around ``verify``).

This module sits at the bottom of the package and imports nothing from it.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any, Callable, Optional

__all__ = ["Progress", "busy"]

#: The shortest time between two redraws, in seconds.
REDRAW_SECONDS = 0.1


def _isatty(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


class Progress:
    """A line of progress on `stream` (stderr by default), shown only when the stream is a
    terminal (or `enabled` says so). Call it as a callback ``progress(done, total)``, or
    set :attr:`done` and :meth:`draw`; use it as a context manager so that the line is
    ended.

    The line is ``label [#####.....]  50% 5/10`` unless `describe` (a function of this
    object) gives other words."""

    def __init__(
        self,
        total: int,
        label: str,
        *,
        stream: Any = None,
        enabled: Optional[bool] = None,
        width: int = 30,
        describe: Optional[Callable[[Progress], str]] = None,
    ) -> None:
        self.total = max(0, int(total))
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _isatty(self.stream) if enabled is None else bool(enabled)
        self.width = width
        self.done = 0
        self.started = time.monotonic()
        self._describe = describe or Progress.bar
        self._last = 0.0
        self._shown = 0  # the length of the line on the terminal; 0 when none is shown

    def __enter__(self) -> Progress:
        if self.total:
            self.draw(force=True)
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __call__(self, done: int, total: int) -> None:
        """As a callback ``progress(done, total)``."""
        self.total, self.done = total, done
        self.draw(force=done >= total)

    def line(self) -> str:
        """The text of the line as it would be drawn now."""
        return self._describe(self)

    def bar(self) -> str:
        """The default line: ``label [###...] 50% 5/10``."""
        share = self.done / self.total if self.total else 1.0
        filled = round(share * self.width)
        bar = "#" * filled + "." * (self.width - filled)
        return f"{self.label} [{bar}] {share:4.0%} {self.done:,}/{self.total:,}"

    def draw(self, force: bool = False) -> None:
        """Redraws the line, unless it was drawn less than a tenth of a second ago (or
        `force`), or the stream is not a terminal."""
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < REDRAW_SECONDS:
            return
        self._last = now
        self._write(self.line())

    def close(self, final: Optional[str] = None) -> None:
        """Ends the line: draws it a last time (or `final` in its place) and breaks the
        line. Does nothing when nothing was shown and there is no `final`."""
        if not self.enabled or not (self._shown or final):
            return
        self._write(self.line() if final is None else final)
        self.stream.write("\n")
        self.stream.flush()
        self._shown = 0

    def _write(self, text: str) -> None:
        self.stream.write("\r" + text.ljust(self._shown))
        self.stream.flush()
        self._shown = len(text)


def _elapsed(progress: Progress) -> str:
    """``label | 3.2 s``, the bar turning a quarter each redraw."""
    seconds = time.monotonic() - progress.started
    spinner = "|/-\\"[int(seconds / REDRAW_SECONDS) % 4]
    return f"{progress.label} {spinner} {seconds:.1f} s"


@contextlib.contextmanager
def busy(label: str, *, stream: Any = None, enabled: Optional[bool] = None) -> Iterator[Progress]:
    """Shows ``label | 3.2 s`` on a terminal while the block runs, then ``label done in
    3.4 s``: for one long call into the core, which releases the GIL, so that a thread can
    redraw. Silent when the stream is not a terminal."""
    progress = Progress(0, label, stream=stream, enabled=enabled, describe=_elapsed)
    if not progress.enabled:
        yield progress
        return
    stop = threading.Event()

    def redraw() -> None:
        while not stop.wait(REDRAW_SECONDS):
            progress.draw(force=True)

    thread = threading.Thread(target=redraw, daemon=True)
    thread.start()
    try:
        yield progress
    finally:
        stop.set()
        thread.join()
        seconds = time.monotonic() - progress.started
        progress.close(final=f"{label} done in {seconds:.1f} s")
