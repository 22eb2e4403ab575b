"""Sub-commands for desks on a PostgreSQL server: ``desks`` (which desks a database holds)
and ``pg-grant`` (a role of the server made a desk's writer or auditor, enforced by the
server itself)."""

from __future__ import annotations

import argparse

from .. import _core
from ..errors import InvalidInputError
from ..files import desk_name, shown_location
from .common import JSON_OPTION, arg, command, print_items

_URL_HELP = "a desk on a PostgreSQL server: postgresql://user@host:port/database?desk=name"


@command(
    "desks",
    "list the desks of a PostgreSQL database, one name a line",
    "claimledger desks 'postgresql://alice@db.example:5432/newsroom'",
    arg("url", metavar="URL", help="the database: postgresql://user@host:port/database"),
    JSON_OPTION,
    ledger=False,
)
def desks(args: argparse.Namespace) -> int:
    return print_items(args, _core.list_desks(args.url), str)


@command(
    "pg-grant",
    "give a role of the PostgreSQL server access to a desk: --writer ROLE may read and add to "
    "the ledger but never change or delete an event; --auditor ROLE may only read, search, "
    "export and verify. Run it as the desk's owner (whoever created it) or a superuser; the "
    "role must exist (CREATE ROLE name LOGIN PASSWORD '...')",
    "claimledger pg-grant 'postgresql://admin@db.example:5432/newsroom?desk=korea' --writer alice",
    arg("url", metavar="URL", help=_URL_HELP),
    arg("--writer", metavar="ROLE", help="the role to make a writer of the desk"),
    arg("--auditor", metavar="ROLE", help="the role to make an auditor of the desk"),
    ledger=False,
)
def pg_grant(args: argparse.Namespace) -> int:
    if (args.writer is None) == (args.auditor is None):
        raise InvalidInputError(
            "[claimledger.cli.grant] pg-grant takes exactly one of --writer ROLE and "
            "--auditor ROLE",
            "claimledger.cli.grant",
        )
    if args.writer is not None:
        role, access, may = args.writer, _core.DeskAccess.WRITER, "read and add to"
    else:
        role, access, may = args.auditor, _core.DeskAccess.AUDITOR, "read (and only read)"
    _core.grant_desk_access(args.url, role, access)
    print(f"{role} may now {may} desk {desk_name(args.url)} at {shown_location(args.url)}")
    return 0


COMMANDS = (desks, pg_grant)
