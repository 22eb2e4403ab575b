"""The files of a ledger on disk: the database and the companions SQLite writes beside it.

An SQLite ledger ``desk.ledger`` may have ``desk.ledger-wal`` and ``desk.ledger-shm``
(write-ahead log mode) or ``desk.ledger-journal`` beside it; removing a ledger means
removing them all. Used by the demo (which replaces its ledger) and the command line (which
leaves no empty ledger behind a failed import).

This module sits at the bottom of the package and imports nothing from it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Union

__all__ = ["LEDGER_COMPANIONS", "remove_ledger_files"]

#: What SQLite may keep beside a ledger file, as suffixes of its name.
LEDGER_COMPANIONS = ("-wal", "-shm", "-journal")


def remove_ledger_files(path: Union[str, os.PathLike[str]]) -> None:
    """Removes the ledger file at `path` and its companions; those missing are skipped."""
    for suffix in ("", *LEDGER_COMPANIONS):
        Path(os.fspath(path) + suffix).unlink(missing_ok=True)
