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
    """A write through a read-only view."""
