"""pandas views of claimledger's objects. pandas is optional: without it these functions
raise ImportError saying what to install, and the rest of the package works."""

from __future__ import annotations

from typing import Iterable

from . import model as m

__all__ = ["events_frame", "require_pandas"]


def require_pandas():
    try:
        import pandas
    except ImportError:
        raise ImportError(
            "this needs pandas, which is optional: pip install 'claimledger[notebook]' "
            "(or pip install pandas)"
        ) from None
    return pandas


def events_frame(events: Iterable[m.Event]):
    """Events as a DataFrame: seq, at (UTC datetime), actor, type, data, prev, hash."""
    pd = require_pandas()
    rows = [
        {
            "seq": e.seq,
            "at": e.at,
            "actor": e.actor,
            "type": e.type,
            "data": e.data,
            "prev": e.prev,
            "hash": e.hash,
        }
        for e in events
    ]
    frame = pd.DataFrame(rows, columns=["seq", "at", "actor", "type", "data", "prev", "hash"])
    frame["at"] = pd.to_datetime(frame["at"], utc=True, format="ISO8601")
    return frame.astype({"seq": "int64"})
