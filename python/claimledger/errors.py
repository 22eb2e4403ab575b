"""The exceptions claimledger raises.

Every error is a :class:`Error`. Its message starts with a stable id in brackets, for
example ``[claimledger.anchor.not_found]``, also given as the ``id`` attribute, so that
code can match on the id while the wording stays free to improve. The C++ core raises
these through the binding; this module does not import the binding.
"""

from __future__ import annotations

__all__ = [
    "Error",
    "NotFoundError",
    "InvalidInputError",
    "AnchorError",
    "IntegrityError",
    "StorageError",
    "ReadOnlyError",
    "Interrupted",
]


class Error(Exception):
    """Base class of every claimledger error."""

    def __init__(self, message: str, id: str = "claimledger.error") -> None:
        super().__init__(message)
        self.id = id

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return str(self.args[0]) if self.args else ""


class NotFoundError(Error, KeyError):
    """An id that names nothing in this ledger."""


class InvalidInputError(Error, ValueError):
    """Bad input: a wrong value, an unknown choice, a bad date or encoding."""


class AnchorError(InvalidInputError):
    """A quote that the snapshot does not contain."""


class IntegrityError(Error):
    """The ledger, a bundle or a checkpoint fails a hash or chain check."""


class StorageError(Error):
    """The database failed: I/O error, disk full, locked, or not a ledger file."""


class ReadOnlyError(Error):
    """A write to a desk opened with ``read_only=True``, or through a view of the past."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C (SIGINT) stopped a long write (``add_claims``, a dataset loader, a ClaimReview
    or bundle import) after the batch in progress: every batch is one transaction, so the
    ledger holds whole batches only. ``committed`` is how many records of this run are in the
    ledger; the message says so and that running the same command again resumes. It is a
    :class:`KeyboardInterrupt`, so code that stops on Ctrl-C still stops."""

    def __init__(self, message: str, committed: int) -> None:
        super().__init__(message)
        self.committed = committed

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""

    @classmethod
    def after(cls, what: str, committed: int, records: str) -> Interrupted:
        """The error of `what` (``"loading train.tsv"``) stopped after `committed` `records`
        (``"claims"``) of this run were committed."""
        return cls(
            f"[claimledger.interrupted] {what} was interrupted (Ctrl-C) after the batch in "
            f"progress: {committed:,} {records} of this run were committed, in whole batches; "
            "run the same command again to resume (what the ledger holds already is not "
            "added twice)",
            committed,
        )
