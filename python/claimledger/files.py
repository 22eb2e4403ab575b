"""Where a ledger is: a file on disk, or a desk on a PostgreSQL server named by a
``postgresql://`` URL; and what the package does with a location besides opening it: show it
without its password, tell whether a ledger is there, name it in a title, remove a ledger.

An SQLite ledger ``desk.ledger`` may have ``desk.ledger-wal`` and ``desk.ledger-shm``
(write-ahead log mode) or ``desk.ledger-journal`` beside it; removing a ledger means
removing them all. A desk on a server is a schema of its database (``claimledger_`` + the
URL's ``desk`` parameter, "main" by default). Used by the workbench (its repr), the report
(its title), the demo (which replaces its ledger) and the command line (which shows
locations, and leaves no empty ledger behind a failed import).

This module sits at the bottom of the package and imports only the binding.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Union
from urllib.parse import parse_qs

from . import _core

__all__ = [
    "LEDGER_COMPANIONS",
    "LocationLike",
    "is_server_location",
    "shown_location",
    "desk_name",
    "ledger_name",
    "ledger_exists",
    "remove_ledger_files",
    "remove_empty_ledger",
]

#: What SQLite may keep beside a ledger file, as suffixes of its name.
LEDGER_COMPANIONS = ("-wal", "-shm", "-journal")

#: Where a ledger is: a file path, or the URL of a desk on a PostgreSQL server.
LocationLike = Union[str, "os.PathLike[str]"]

#: The URL schemes of a desk on a PostgreSQL server (as the core reads them).
SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server_location(location: LocationLike) -> bool:
    """True when `location` is the URL of a desk on a PostgreSQL server, not a file path."""
    return os.fspath(location).startswith(SERVER_SCHEMES)


def shown_location(location: LocationLike) -> str:
    """`location` as it may be shown (a repr, a message, a line of output): a URL with its
    password replaced by ``***``; a file path as it is."""
    return _core.shown_location(os.fspath(location))


def desk_name(url: str) -> str:
    """The name of the desk that a server URL names: its ``desk`` parameter, else "main".
    (Whether the URL is well formed is the core's to say, when it is opened.)"""
    return parse_qs(url.partition("?")[2]).get("desk", ["main"])[-1]


def ledger_name(location: LocationLike) -> str:
    """A short name of the ledger, for a title: the file's name, or the desk's name."""
    if is_server_location(location):
        return desk_name(os.fspath(location))
    return Path(location).name


def ledger_exists(location: LocationLike) -> bool:
    """True when there is something at `location`: a file, or a desk of that name in the
    server's database (which this asks the server; its errors are raised as they are)."""
    if is_server_location(location):
        url = os.fspath(location)
        return desk_name(url) in _core.list_desks(url)
    return Path(location).exists()


def remove_ledger_files(path: LocationLike) -> None:
    """Removes the ledger file at `path` and its companions; those missing are skipped."""
    for suffix in ("", *LEDGER_COMPANIONS):
        Path(os.fspath(path) + suffix).unlink(missing_ok=True)


def remove_empty_ledger(location: LocationLike) -> None:
    """Removes a ledger that holds nothing but its first event (one just created, say by an
    import that failed): a file with its companions, or a desk from its server, which
    refuses a desk holding more."""
    if is_server_location(location):
        _core.remove_empty_desk(os.fspath(location))
    else:
        remove_ledger_files(location)
