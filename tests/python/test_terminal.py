"""The progress line on a terminal (claimledger.terminal): drawn only on a terminal, as a
bar that counts, through a callback, or as the time a long call takes."""

from __future__ import annotations

import io

from claimledger import terminal


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_quiet_unless_the_stream_is_a_terminal():
    quiet = io.StringIO()
    with terminal.Progress(10, "cards", stream=quiet) as bar:
        for done in range(1, 11):
            bar(done, 10)
    assert quiet.getvalue() == ""
    loud = Terminal()
    with terminal.Progress(10, "cards", stream=loud) as bar:
        for done in range(1, 11):
            bar(done, 10)
    out = loud.getvalue()
    assert out.startswith("\rcards [")
    assert out.endswith("100% 10/10\n")


def test_progress_as_a_callback_takes_done_and_total():
    loud = Terminal()
    with terminal.Progress(0, "cards", stream=loud) as bar:
        bar(3, 4)
        bar(4, 4)
    assert "4/4" in loud.getvalue()


def test_busy_shows_elapsed_time_on_a_terminal_only():
    quiet = io.StringIO()
    with terminal.busy("verifying", stream=quiet):
        pass
    assert quiet.getvalue() == ""
    loud = Terminal()
    with terminal.busy("verifying", stream=loud):
        pass
    assert loud.getvalue().startswith("\rverifying done in ")
