"""The command line's manners: every command's help shows an example, errors end in one
line on stderr and a non-zero exit, and long work shows progress on a terminal and
nothing when the output is a file or a pipe."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path
from typing import Optional

import claimledger as cl
import pytest
from claimledger.cli import build_parser, main
from claimledger.demo import build_demo

#: Commands the README and the design name (every sub-command is checked below).
COMMANDS = [
    "demo",
    "init",
    "add-source",
    "add-snapshot",
    "add-claim",
    "link-evidence",
    "set-verdict",
    "set-status",
    "rate-source",
    "claims",
    "history",
    "verify",
    "checkpoint",
]


def sub_commands() -> dict:
    parser = build_parser()
    (sub,) = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    return dict(sub.choices)


def test_top_level_help_lists_examples(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "examples:" in out
    assert "claimledger report desk.ledger -o report.html" in out
    for command in COMMANDS:
        assert command in out


def test_the_named_commands_exist():
    assert set(COMMANDS) <= set(sub_commands())


@pytest.mark.parametrize("name", sorted(sub_commands()))
def test_every_command_help_shows_an_example(name, capsys):
    with pytest.raises(SystemExit) as done:
        main([name, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    example = out.split("example:", 1)
    assert len(example) == 2, f"'{name} --help' shows no example"
    assert example[1].strip().startswith(f"claimledger {name}")


def test_help_texts_show_percent_signs_as_written(capsys):
    for name in sub_commands():
        with pytest.raises(SystemExit):
            main([name, "--help"])
        assert "%%" not in capsys.readouterr().out, name
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "%%" not in out
    assert "95%" in out


def test_commands_that_print_data_take_json():
    for name in (
        "claims",
        "claim",
        "show",
        "snapshots",
        "evidence",
        "sources",
        "history",
        "verify",
    ):
        options = {o for a in sub_commands()[name]._actions for o in a.option_strings}
        assert "--json" in options, name


def test_commands_that_write_take_json():
    writing = [name for name, parser in sub_commands().items() if "--actor" in parser.format_help()]
    assert {"add-source", "add-snapshot", "add-claim", "link-evidence", "set-verdict"} <= set(
        writing
    )
    for name in writing:
        options = {o for a in sub_commands()[name]._actions for o in a.option_strings}
        assert "--json" in options, name


@pytest.fixture(scope="module")
def ledger(tmp_path_factory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo"), say=None)


def run_cli(*args: str, terminal: bool = False, cwd: Optional[Path] = None) -> tuple[int, str, str]:
    """Runs the command line in a child process; with `terminal`, its stderr is a
    pseudo-terminal, as in an interactive shell."""
    command = [sys.executable, "-m", "claimledger", *args]
    if not terminal:
        done = subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=120)
        return done.returncode, done.stdout, done.stderr
    main_fd, child_fd = pty.openpty()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=child_fd, cwd=cwd, close_fds=True
    )
    os.close(child_fd)
    err = b""
    while True:
        ready, _, _ = select.select([main_fd], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(main_fd, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        err += chunk
    with process.stdout:
        out = process.stdout.read().decode()
    process.wait(timeout=120)
    os.close(main_fd)
    return process.returncode, out, err.decode(errors="replace")


def counts(ledger: Path) -> tuple[int, int]:
    with cl.open(ledger, create=False) as wb:
        return wb.event_count(), len(wb.claims())


def test_report_shows_progress_on_a_terminal_only(ledger, tmp_path):
    events, claims = counts(ledger)
    target = tmp_path / "r.html"
    code, out, err = run_cli("report", str(ledger), "-o", str(target), "--all", terminal=True)
    assert code == 0, err
    assert f"verifying {events} events" in err
    assert "done in" in err
    assert "claim cards [" in err
    assert f"{claims}/{claims}" in err
    code, out, err = run_cli("report", str(ledger), "-o", str(target))
    assert code == 0
    assert err == ""
    assert out.strip() == f"{target}: report written (verified)"


def test_verify_shows_progress_on_a_terminal_only(ledger):
    events, _ = counts(ledger)
    code, out, err = run_cli("verify", str(ledger), terminal=True)
    assert code == 0
    assert f"verifying {events} events" in err
    code, out, err = run_cli("verify", str(ledger))
    assert code == 0
    assert err == ""
    assert out.strip().endswith(f"{events} events checked: ok")


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["claims", "{missing}"], "no ledger at"),
        (["history", "{ledger}", "clm_0000000000000000"], "no event names"),
        (["verify", "{ledger}", "--against", "{bad_checkpoint}"], "checkpoint"),
        (["verify", "{ledger}", "--against", "{missing}"], "No such file"),
        (["report", "{ledger}", "-o", "{missing_dir}/r.html"], "No such file"),
        (
            ["set-verdict", "{ledger}", "clm_0000000000000000", "true", "--rationale", "x"],
            "no claim",
        ),
    ],
)
def test_errors_are_one_line_and_exit_non_zero(args, reason, ledger, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"seq": 1}', encoding="utf-8")
    values = {
        "ledger": str(ledger),
        "missing": str(tmp_path / "missing"),
        "missing_dir": str(tmp_path / "no" / "such" / "dir"),
        "bad_checkpoint": str(bad),
    }
    code = main([a.format(**values) for a in args])
    _out, err = capsys.readouterr()
    assert code == 1
    assert err.startswith("claimledger: ")
    assert err.endswith("\n")
    assert err.count("\n") == 1
    assert reason in err
    assert "Traceback" not in err
