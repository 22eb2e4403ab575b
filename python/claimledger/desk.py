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
    """A fact-check desk kept in one ledger file. Use :func:`open` to get one.

    Its methods come from :class:`~claimledger.workbench.LedgerWorkbench` (every ledger
    operation), :class:`~claimledger.notebook.NotebookMethods` and
    :class:`~claimledger.interop.InteropMethods`."""


def open(
    path: Union[str, os.PathLike[str]] = ":memory:",
    *,
    actor: Optional[str] = None,
    scale: ScaleLike = "default",
    create: bool = True,
    origin: Optional[str] = None,
) -> Workbench:
    """Opens the ledger at `path`, creating it when it does not exist.

    ``":memory:"`` (the default) gives a private in-memory ledger. `actor` is recorded
    as the author of every change (default: the login name). `scale` is the verdict
    rating scale of a new ledger: a built-in name ("default", "politifact", "fever",
    "claimskg") or a scale of your own, a list of ratings each ``{"label", "rank"}`` or
    ``(label, rank)`` where rank 0 is the most true and None marks a rating off the
    true-to-false axis (optionally inside ``{"name": ..., "ratings": [...]}``). An
    existing ledger keeps the scale it was created with. With ``create=False`` a missing
    file raises :class:`NotFoundError`. A file that is not a ledger raises
    :class:`StorageError` and is left untouched. `origin` is a new desk's name in the
    checkpoints it signs (one line, no spaces or ``+``, such as ``news.example/korea-desk``;
    default: derived from its identity), fixed at creation.
    """
    return Workbench(path, actor=actor, scale=scale, create=create, origin=origin)
