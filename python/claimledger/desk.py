"""The public :class:`Workbench` and :func:`open`: the ledger operations with the notebook
and interop methods.

The workbench layer (:mod:`claimledger.workbench`) cannot import the layers above it, so
the class users get is put together here, at the top of the package, from
:class:`~claimledger.workbench.LedgerWorkbench` and the mixins those layers provide:
:class:`~claimledger.notebook.NotebookMethods` (frames, plots, cards, the report) and
:class:`~claimledger.interop.InteropMethods` (schema.org ClaimReview).
"""

from __future__ import annotations

import os
from typing import Optional, Union

from .interop import InteropMethods
from .notebook import NotebookMethods
from .scales import ScaleLike
from .workbench import LedgerWorkbench

__all__ = ["Workbench", "open"]


class Workbench(NotebookMethods, InteropMethods, LedgerWorkbench):
    """A fact-check desk kept in a ledger file or on a PostgreSQL server. Use :func:`open`
    to get one.

    Its methods come from :class:`~claimledger.workbench.LedgerWorkbench` (every ledger
    operation), :class:`~claimledger.notebook.NotebookMethods` and
    :class:`~claimledger.interop.InteropMethods`."""


def open(
    path: Union[str, os.PathLike[str]] = ":memory:",
    *,
    actor: Optional[str] = None,
    scale: Optional[ScaleLike] = None,
    create: bool = True,
    origin: Optional[str] = None,
    read_only: bool = False,
) -> Workbench:
    """Opens the ledger at `path`, creating it when it does not exist.

    `path` is a ledger file (SQLite; ``":memory:"``, the default, gives a private
    in-memory ledger) or a desk on a PostgreSQL server, named by a URL such as
    ``postgresql://alice@db.newsroom.example:5432/desks?desk=korea``. Several desks live in
    one database, each in a schema of its own (``claimledger_korea``); ``desk`` is a name
    of 1 to 48 lower-case letters, digits or underscores starting with a letter ("main"
    when the URL names none), and the database must exist (``createdb``). The desk holds
    the same ledger as a file would, byte for byte: the same events, hashes, ids and
    identity. The password comes from the URL (``postgresql://alice:secret@...``), from
    ``PGPASSWORD``, from ``~/.pgpass`` or from a service file (``?service=newsroom``), as
    libpq reads them; libpq's connection options pass through as further parameters
    (``sslmode=verify-full``, ``sslrootcert=...``, ``connect_timeout=10``,
    ``application_name=...``). A password is never shown: the workbench's repr, its
    ``location`` and every error message give the URL with ``***`` in its place. A
    missing database, an unreachable server and a wrong password each raise an error that
    names the server; a URL that cannot be read raises :class:`InvalidInputError`.

    `actor` is recorded
    as the author of every change (default: the login name). `scale` is the verdict
    rating scale of a new ledger: a built-in name ("default", "politifact", "fever",
    "claimskg") or a scale of your own, a list of ratings each ``{"label", "rank"}`` or
    ``(label, rank)`` where rank 0 is the most true and None marks a rating off the
    true-to-false axis (optionally inside ``{"name": ..., "ratings": [...]}``); "default"
    when not given. An existing ledger keeps the scale it was created with: giving it
    another scale raises :class:`InvalidInputError` naming the desk's scale. With
    ``create=False`` a missing file or desk raises :class:`NotFoundError` (for a desk, naming
    the desks the database holds; the message says how to create one) and nothing is created.
    ``read_only=True`` opens an existing ledger without write access: nothing is created
    (a missing one raises :class:`NotFoundError`), every write raises
    :class:`ReadOnlyError` and writes nothing, a file that cannot be written (a 0444 file)
    or lies on read-only media (a folder that cannot be written: an archived copy) can be
    read, and on a server the session is read-only (``default_transaction_read_only``).
    Opening a file that cannot be written without ``read_only=True`` raises
    :class:`StorageError` saying it is read-only. A file that is not a ledger, or a schema of
    the desk's name that is not a desk, raises :class:`StorageError` and is left untouched.
    `origin` is a new desk's name in the checkpoints it signs (one line, no spaces or ``+``,
    such as ``news.example/korea-desk``; default: derived from its identity), fixed at
    creation.
    """
    return Workbench(
        path, actor=actor, scale=scale, create=create, origin=origin, read_only=read_only
    )
