"""What every sub-command of the command line uses: how a sub-command is declared (its
name, help, example and arguments beside its handler), opening the ledger it names (a file
or a desk on a PostgreSQL server), printing JSON, and leaving no empty ledger behind a
failed import. A location is printed through ``files.shown_location``: never a password.

A sub-command is a function ``handler(args) -> exit status`` decorated with
:func:`command`, which lists its arguments (:func:`arg`) right above it; each module of
this package ends with ``COMMANDS``, its sub-commands in the order ``--help`` lists them.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
from collections.abc import Iterator, Sequence
from typing import Any, Callable, Optional

from ..desk import Workbench
from ..files import ledger_exists, remove_empty_ledger

__all__ = [
    "JSON_OPTION",
    "LEDGER_HELP",
    "Command",
    "arg",
    "command",
    "one_of",
    "open_ledger",
    "print_items",
    "print_json",
    "print_problems",
    "removed_if_import_fails",
]

#: The help of a ledger argument: every command that takes a ledger takes either kind.
LEDGER_HELP = (
    "the ledger: a file, or a desk on a PostgreSQL server "
    "(postgresql://user@host:port/database?desk=name)"
)

Handler = Callable[[argparse.Namespace], int]


@dataclasses.dataclass(frozen=True)
class Argument:
    """The arguments of one ``ArgumentParser.add_argument`` call."""

    names: tuple[str, ...]
    options: dict[str, Any]


def arg(*names: str, **options: Any) -> Argument:
    """An argument of a sub-command, as ``parser.add_argument(*names, **options)``."""
    return Argument(names, options)


@dataclasses.dataclass(frozen=True)
class Command:
    """A sub-command: its name, one line of help, an example, its arguments and handler.
    `ledger` says whether it takes the ledger (a file or a server URL) first, `writes`
    whether it records changes (then it takes ``--actor``)."""

    name: str
    help: str
    example: str
    arguments: tuple[Argument, ...]
    handler: Handler
    ledger: bool = True
    writes: bool = False

    def add_to(self, sub: Any) -> argparse.ArgumentParser:
        """Adds this sub-command to the sub-parsers `sub` of the main parser."""
        parser = sub.add_parser(
            self.name,
            help=self.help.replace("%", "%%"),  # argparse formats help with %, not descriptions
            description=self.help,
            epilog=f"example:\n  {self.example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        if self.ledger:
            parser.add_argument("file", metavar="LEDGER", help=LEDGER_HELP)
        if self.writes:
            parser.add_argument("--actor", help="who makes the change (default: your login name)")
        for argument in self.arguments:
            parser.add_argument(*argument.names, **argument.options)
        parser.set_defaults(handler=self.handler)
        return parser


def command(
    name: str,
    help: str,
    example: str,
    *arguments: Argument,
    ledger: bool = True,
    writes: bool = False,
) -> Callable[[Handler], Command]:
    """Declares the function below as the handler of sub-command `name`."""

    def declare(handler: Handler) -> Command:
        return Command(name, help, example, arguments, handler, ledger, writes)

    return declare


def one_of(words: Sequence[str]) -> str:
    """``"a, b or c"``: the accepted words, for a help text."""
    return ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else "".join(words)


def open_ledger(
    args: argparse.Namespace, create: bool = False, read_only: Optional[bool] = None
) -> Workbench:
    """The ledger the arguments name (``args.file``), as ``--actor`` if given. A command
    without ``--actor`` reads only, so it opens the ledger read-only (it works on an archived
    copy on read-only media) unless it says otherwise with `read_only`."""
    if read_only is None:
        read_only = not hasattr(args, "actor")
    return Workbench(
        args.file, actor=getattr(args, "actor", None), create=create, read_only=read_only
    )


def _as_json(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {k: _as_json(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, (list, tuple)):
        return [_as_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    return value


def print_json(value: Any) -> None:
    """Prints records (dataclasses), lists of them or plain data as indented JSON."""
    print(json.dumps(_as_json(value), ensure_ascii=False, indent=2))


#: The ``--json`` option of the commands that print data.
JSON_OPTION = arg("--json", action="store_true", help="print JSON")


def print_items(args: argparse.Namespace, items: Sequence[Any], line: Callable[[Any], str]) -> int:
    """Prints `items` as JSON with ``--json``, else ``line(item)`` for each (which may
    hold several lines); returns the exit status, 0."""
    if args.json:
        print_json(items)
        return 0
    for item in items:
        print(line(item))
    return 0


def print_problems(problems: Sequence[Any], indent: str = "  ") -> None:
    """Prints the problems of a verify report, one line each: kind, the event's seq when it
    is one event's problem (seq 0: a table, a document's bytes, the tree), detail."""
    for problem in problems:
        where = f"event {problem.seq}: " if problem.seq else ""
        print(f"{indent}{problem.kind:<20} {where}{problem.detail}")


@contextlib.contextmanager
def removed_if_import_fails(
    path: str, *, actor: Optional[str], scale: str = "default"
) -> Iterator[Workbench]:
    """Opens the ledger at `path` (a file or a desk's URL) for an import, creating it with
    `scale` if needed. When the import fails and the ledger is new and holds nothing but its
    first event, it is removed (a file with its companion files, a desk from its server), so
    that a failed import leaves no empty ledger."""
    existed = ledger_exists(path)
    # An existing ledger keeps its scale: the import says so when it needs another one.
    with Workbench(path, actor=actor, scale=None if existed else scale) as wb:
        try:
            yield wb
        except BaseException:
            empty = not existed and wb.event_count() <= 1  # only the ledger's first event
            wb.close()
            if empty:
                remove_empty_ledger(path)
            raise
