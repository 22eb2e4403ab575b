"""A desk on the PostgreSQL server, beyond what every ledger test checks on both stores
(conftest's `store`): what a bad URL, a wrong password, a missing database or desk, a
database of other tables and a schema that is not a desk each say (and that nothing is
created); that a password never shows; where passwords and connection options come from;
least privilege (``claimledger pg-grant``: a writer appends but cannot change an event, the
table's owner cannot either, an auditor only reads); the desks of a database; and what a
PostgreSQL text cannot keep (a NUL character).

A server of an unsupported version (older than 12) cannot be started here: the version check
is tested in C++ (tests/cpp/store_postgres/connection_test.cpp)."""

from __future__ import annotations

import itertools
import os
import subprocess
import threading
import time
from types import SimpleNamespace

import claimledger as cl
import pytest
from claimledger.cli import main
from claimledger.files import desk_name, ledger_exists
from conftest import desk_rows, desk_schema, kept_terms, recounted_terms
from pg_server import SUPERUSER_PASSWORD

_numbers = itertools.count(1)


def unique(prefix: str) -> str:
    """A name not used before in this session (roles and databases are the cluster's)."""
    return f"{prefix}{os.getpid()}_{next(_numbers)}"


def run(capsys, *argv) -> tuple[int, str, str]:
    """Runs the command line in this process: (exit status, stdout, stderr)."""
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def one_line_error(status: int, err: str) -> str:
    """The one line of a failed command's stderr."""
    assert status != 0
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("claimledger: ")
    return lines[0]


def psql_as(server, user: str, password: str, sql: str) -> subprocess.CompletedProcess:
    """Runs `sql` with psql as `user` over TCP, with errors in full (their SQLSTATE too)."""
    return subprocess.run(
        [
            str(server.bindir / "psql"),
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-v",
            "VERBOSITY=verbose",
            "-h",
            "127.0.0.1",
            "-p",
            str(server.port),
            "-U",
            user,
            "-d",
            "postgres",
            "-c",
            sql,
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PGPASSWORD": password},
        check=False,
    )


def make_role(server) -> tuple[str, str]:
    """A new login role with a password of its own: (name, password)."""
    role, password = unique("role"), unique("secret-")
    server.psql(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
    return role, password


@pytest.fixture
def database(pg_server):
    """database() -> the name of a new, empty database on the suite's server."""

    def make() -> str:
        name = unique("db")
        pg_server.psql(f"CREATE DATABASE {name}")
        return name

    return make


def schemas(server, database: str) -> list[str]:
    return server.psql(
        "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' "
        "AND nspname <> 'information_schema' ORDER BY 1",
        database=database,
    ).split()


# --- a desk's URL ---------------------------------------------------------------------------


def test_a_desk_is_a_schema_of_its_database_named_by_the_url(pg_server, database, capsys):
    db = database()
    url = pg_server.url(database=db, desk="korea")
    with cl.open(url, actor="alice") as wb:
        wb.add_source("Reuters")
        assert wb.location == url  # no password in it: shown as it is
        assert repr(wb) == f"<claimledger.Workbench {url!r} (2 events)>"
    assert schemas(pg_server, db) == ["claimledger_korea", "public"]
    assert ledger_exists(url)
    assert cl._core.list_desks(pg_server.url(database=db)) == ["korea"]
    main_desk = pg_server.url(database=db)  # no desk parameter: the desk "main"
    assert desk_name(main_desk) == "main"
    cl.open(main_desk).close()
    assert run(capsys, "desks", pg_server.url(database=db)) == (0, "korea\nmain\n", "")
    status, out, _ = run(capsys, "desks", pg_server.url(database=db), "--json")
    assert (status, out.split()) == (0, ["[", '"korea",', '"main"', "]"])


def test_init_creates_a_desk_with_its_scale_and_then_opens_it(pg_desk_url, capsys):
    url = pg_desk_url()
    status, out, err = run(capsys, "init", url, "--scale", "politifact", "--actor", "alice")
    assert (status, err) == (0, "")
    assert out.startswith(f"created ledger {url} (scale politifact, origin ")
    assert " identity sha256:" in out
    status, out, _ = run(capsys, "init", url)
    assert status == 0
    assert out.startswith(f"opened existing ledger {url} (scale politifact,")
    status, _, err = run(capsys, "init", url, "--scale", "fever")
    assert status == 1
    assert 'this desk\'s rating scale is "politifact"' in err
    with cl.open(url, create=False) as wb:
        assert (wb.scale, wb.event_count(), wb.events()[0].actor) == ("politifact", 1, "alice")


# --- bad input: each a clear error, never the password, nothing created ---------------------

SECRET = "s3cret-Pa55"

MALFORMED = {
    "a desk name with capitals": (
        f"postgresql://alice:{SECRET}@localhost/newsroom?desk=Korea",
        'the desk name "Korea" is not 1 to 48 lower-case letters',
    ),
    "a desk name too long": (
        f"postgresql://alice:{SECRET}@localhost/newsroom?desk={'k' * 49}",
        "is not 1 to 48 lower-case letters",
    ),
    "an unknown parameter": (
        f"postgresql://alice:{SECRET}@localhost/newsroom?desk=korea&colour=blue",
        'invalid URI query parameter: "colour"',
    ),
    "an unclosed IPv6 address": (
        f"postgresql://alice:{SECRET}@[::1/newsroom?desk=korea",
        'matching "]" in IPv6 host address',
    ),
}


@pytest.mark.parametrize("case", list(MALFORMED), ids=list(MALFORMED))
def test_a_malformed_url_says_what_is_wrong(case, capsys):
    url, says = MALFORMED[case]
    with pytest.raises(cl.InvalidInputError) as caught:
        cl.open(url, actor="alice")
    message = str(caught.value)
    assert caught.value.id == "claimledger.store.bad_url"
    assert says in message
    assert "postgresql://user@host:5432/database?desk=korea" in message  # what is accepted
    assert SECRET not in message
    assert SECRET not in repr(caught.value)
    line = one_line_error(*run(capsys, "init", url)[::2])
    assert says in line
    assert SECRET not in line


def test_a_wrong_password_is_refused_naming_the_server_and_user(pg_server, pg_desk_url, capsys):
    role, password = make_role(pg_server)
    url = pg_desk_url(user=role, password="not-" + password, tcp=True)
    with pytest.raises(cl.StorageError) as caught:
        cl.open(url, actor="alice")
    message = str(caught.value)
    assert caught.value.id == "claimledger.store.auth"
    assert f"{role}@127.0.0.1:{pg_server.port}/postgres" in message
    assert "password authentication failed" in message
    assert "PGPASSWORD" in message  # where else a password may come from
    assert password not in message
    line = one_line_error(*run(capsys, "claims", url)[::2])
    assert "claimledger.store.auth" in line
    assert password not in line
    assert not ledger_exists(pg_server.url(desk=desk_name(url)))


def test_a_database_that_does_not_exist_is_named_and_not_created(pg_server, capsys):
    missing = unique("nosuchdb")
    url = pg_server.url(database=missing, desk="korea", password=SUPERUSER_PASSWORD, tcp=True)
    with pytest.raises(cl.NotFoundError) as caught:
        cl.open(url, actor="alice")
    message = str(caught.value)
    assert caught.value.id == "claimledger.store.missing"
    assert f'database "{missing}" does not exist' in message
    assert "createdb" in message
    assert SUPERUSER_PASSWORD not in message
    line = one_line_error(*run(capsys, "init", url)[::2])
    assert missing in line
    assert SUPERUSER_PASSWORD not in line
    databases = pg_server.psql("SELECT datname FROM pg_database").split()
    assert missing not in databases


def test_a_missing_desk_is_not_created_and_the_desks_there_are_named(pg_server, database, capsys):
    db = database()
    for name in ("beta", "alpha"):
        cl.open(pg_server.url(database=db, desk=name)).close()
    url = pg_server.url(database=db, desk="gamma")
    with pytest.raises(cl.NotFoundError) as caught:
        cl.open(url, actor="alice", create=False)
    message = str(caught.value)
    assert caught.value.id == "claimledger.store.missing"
    assert 'there is no desk "gamma"' in message
    assert "the database holds the desks alpha, beta" in message
    assert "claimledger init" in message
    line = one_line_error(*run(capsys, "claims", url)[::2])
    assert "the desks alpha, beta" in line
    assert schemas(pg_server, db) == ["claimledger_alpha", "claimledger_beta", "public"]


def test_a_database_of_other_tables_and_no_desk_is_left_as_it_is(pg_server, database):
    db = database()
    pg_server.psql(
        "CREATE TABLE contacts(name text, phone text); "
        "INSERT INTO contacts VALUES ('Alice', '555-0100')",
        database=db,
    )
    with pytest.raises(cl.NotFoundError) as caught:
        cl.open(pg_server.url(database=db, desk="korea"), actor="alice", create=False)
    assert caught.value.id == "claimledger.store.missing"
    assert "the database holds no desk" in str(caught.value)
    assert schemas(pg_server, db) == ["public"]
    assert pg_server.psql("SELECT name, phone FROM contacts", database=db) == "Alice|555-0100\n"
    assert cl._core.list_desks(pg_server.url(database=db)) == []


def test_a_schema_of_the_desks_name_that_is_not_a_desk_is_left_as_it_is(pg_server, database):
    db = database()
    pg_server.psql(
        "CREATE SCHEMA claimledger_x; CREATE TABLE claimledger_x.notes(text text); "
        "INSERT INTO claimledger_x.notes VALUES ('not a ledger')",
        database=db,
    )
    before = pg_server.dump("claimledger_x", database=db)
    for create in (True, False):
        with pytest.raises(cl.StorageError) as caught:
            cl.open(pg_server.url(database=db, desk="x"), actor="alice", create=create)
        assert caught.value.id == "claimledger.store.not_a_ledger"
        assert "the schema claimledger_x" in str(caught.value)
        assert "is not a claimledger desk; nothing was written to it" in str(caught.value)
    assert pg_server.dump("claimledger_x", database=db) == before
    assert schemas(pg_server, db) == ["claimledger_x", "public"]
    assert cl._core.list_desks(pg_server.url(database=db)) == []


def test_a_server_that_cannot_be_reached_is_named_in_one_line(pg_server):
    from pg_server import _free_port

    port = _free_port()  # nothing listens there
    url = f"postgresql://alice:{SECRET}@127.0.0.1:{port}/newsroom?desk=korea&connect_timeout=5"
    with pytest.raises(cl.StorageError) as caught:
        cl.open(url, actor="alice")
    message = str(caught.value)
    assert caught.value.id == "claimledger.store.connection"
    assert f"cannot connect to the PostgreSQL server at alice@127.0.0.1:{port}/newsroom" in message
    assert "Connection refused" in message
    assert "\n" not in message
    assert SECRET not in message


# --- passwords ----------------------------------------------------------------------------


@pytest.fixture
def password_desk(pg_server, pg_desk_url):
    """A desk with a claim, and its URL as the superuser over TCP with the password in it."""
    url = pg_desk_url(password=SUPERUSER_PASSWORD, tcp=True)
    with cl.open(url, actor="alice") as wb:
        source = wb.add_source("Reuters")
        claim = wb.add_claim("About 28,500 US troops are in South Korea.", claimant=source)
        wb.set_verdict(claim, "true", rationale="USFK says so.")
        wb.set_status(claim, "published")
    return url


def test_a_password_in_the_url_never_shows(password_desk, tmp_path):
    url = password_desk
    shown = url.replace(SUPERUSER_PASSWORD, "***")
    assert cl._core.shown_location(url) == shown
    with cl.open(url, actor="alice") as wb:
        assert wb.location == shown
        assert repr(wb) == f"<claimledger.Workbench {shown!r} (5 events)>"
        assert SUPERUSER_PASSWORD not in str(wb)
        assert SUPERUSER_PASSWORD not in repr(wb.as_of(2))
        wb.export_bundle(tmp_path / "desk.jsonl")
        html = wb.report()
    assert SUPERUSER_PASSWORD not in (tmp_path / "desk.jsonl").read_text(encoding="utf-8")
    assert SUPERUSER_PASSWORD not in html
    assert f"<title>claimledger report: {desk_name(url)}</title>" in html  # the desk's name
    assert "127.0.0.1" not in html  # nor where the server is
    in_query = url.replace(f":{SUPERUSER_PASSWORD}@", "@") + f"&password={SUPERUSER_PASSWORD}"
    with cl.open(in_query, actor="alice") as wb:
        assert SUPERUSER_PASSWORD not in repr(wb)
        assert wb.location.endswith("&password=***")


def wrong_urls(url: str) -> dict:
    """URLs that fail, each with the password of `url` in it."""
    return {
        "a missing desk": url.replace(f"desk={desk_name(url)}", "desk=nosuchdesk"),
        "a bad desk name": url.replace(f"desk={desk_name(url)}", "desk=No-Such"),
        "a missing database": url.replace("/postgres?", "/nosuchdb?"),
        "a wrong user": url.replace("postgres:", "nobody:", 1),
    }


def test_no_error_shows_the_password(password_desk):
    for case, url in wrong_urls(password_desk).items():
        with pytest.raises(cl.Error) as caught:
            cl.open(url, actor="alice", create=False)
        assert SUPERUSER_PASSWORD not in str(caught.value), case
        assert SUPERUSER_PASSWORD not in repr(caught.value), case


def test_no_command_shows_the_password(pg_server, password_desk, pg_desk_url, tmp_path, capsys):
    url, other = password_desk, pg_desk_url(password=SUPERUSER_PASSWORD, tcp=True)
    (tmp_path / "doc.txt").write_text("Seoul keeps approximately 28,500 troops.", "utf-8")
    role, _ = make_role(pg_server)
    copy = tmp_path / "copy.ledger"
    commands = [
        ["init", other, "--scale", "politifact"],
        ["add-source", url, "AFP"],
        ["add-snapshot", url, tmp_path / "doc.txt"],
        ["claims", url],
        ["search", url, "troops"],
        ["sources", url],
        ["checkpoint", url, "-o", tmp_path / "head.json"],
        ["verify", url, "--against", tmp_path / "head.json"],
        ["rebuild", url],
        ["export", url, "--format", "bundle", "-o", tmp_path / "desk.jsonl"],
        ["export", url, "--format", "claimreview", "-o", tmp_path / "reviews.json"],
        ["report", url, "-o", tmp_path / "report.html"],
        ["copy", url, copy],
        ["merge", copy, url],
        ["desks", url],
        ["pg-grant", url, "--auditor", role],
    ]
    failing = [
        ["copy", copy, url],  # refused: the desk holds events
        ["history", url, "src_0000000000000000"],
        *(["claims", wrong] for wrong in wrong_urls(url).values()),
    ]
    for argv in commands + failing:
        status, out, err = run(capsys, *argv)
        assert SUPERUSER_PASSWORD not in out + err, argv
        assert (status == 0) == (argv in commands), (argv, err)
    for written in tmp_path.iterdir():
        assert SUPERUSER_PASSWORD.encode() not in written.read_bytes(), written.name


def test_the_password_may_come_from_pgpassword_pgpass_or_a_service_file(
    pg_server, pg_desk_url, tmp_path, monkeypatch
):
    url = pg_desk_url(password=SUPERUSER_PASSWORD, tcp=True)
    cl.open(url, actor="alice").close()
    bare = url.replace(f":{SUPERUSER_PASSWORD}@", "@")
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-such-pgpass"))
    monkeypatch.setenv("PGSERVICEFILE", str(tmp_path / "no-such-service-file"))
    with pytest.raises(cl.StorageError) as caught:
        cl.open(bare, actor="alice")
    assert caught.value.id == "claimledger.store.auth"
    assert "no password supplied" in str(caught.value)

    monkeypatch.setenv("PGPASSWORD", SUPERUSER_PASSWORD)
    with cl.open(bare, actor="alice", create=False) as wb:
        assert wb.event_count() == 1
    monkeypatch.delenv("PGPASSWORD")

    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"127.0.0.1:{pg_server.port}:*:postgres:{SUPERUSER_PASSWORD}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    with cl.open(bare, actor="alice", create=False) as wb:
        assert wb.event_count() == 1
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-such-pgpass"))

    service = tmp_path / "pg_service.conf"
    service.write_text(
        f"[newsroom]\nhost=127.0.0.1\nport={pg_server.port}\nuser=postgres\n"
        f"password={SUPERUSER_PASSWORD}\ndbname=postgres\n"
    )
    monkeypatch.setenv("PGSERVICEFILE", str(service))
    by_service = f"postgresql://?service=newsroom&desk={desk_name(url)}"
    with cl.open(by_service, actor="alice", create=False) as wb:
        assert wb.event_count() == 1
        assert wb.location == by_service


def test_connection_options_pass_through(pg_server, pg_desk_url):
    name = unique("claimledger-tests-")
    url = pg_desk_url() + f"&application_name={name}&connect_timeout=5&sslmode=disable"
    with cl.open(url, actor="alice") as wb:
        wb.add_source("Reuters")
        seen = pg_server.psql(
            f"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{name}'"
        )
        assert seen.strip() == "1"
    tls = pg_desk_url(password=SUPERUSER_PASSWORD, tcp=True) + "&sslmode=require"
    with pytest.raises(cl.StorageError) as caught:
        cl.open(tls, actor="alice")
    assert "server does not support SSL, but SSL was required" in str(caught.value)
    assert SUPERUSER_PASSWORD not in str(caught.value)


# --- least privilege ------------------------------------------------------------------------


@pytest.fixture
def team(pg_server, pg_desk_url, capsys):
    """A desk with a claim, made by the superuser, and two roles given access with pg-grant,
    a writer and an auditor, each with a password; their URLs over TCP."""
    url = pg_desk_url()
    desk = desk_name(url)
    with cl.open(url, actor="editor") as wb:
        source = wb.add_source("Reuters")
        article = wb.add_snapshot("Seoul keeps approximately 28,500 US troops.", publisher=source)
        claim = wb.add_claim(
            "About 28,500 US troops are in South Korea.",
            claimant=source,
            appears_in=article,
            quote="approximately 28,500 US troops",
        )
    writer, writer_password = make_role(pg_server)
    auditor, auditor_password = make_role(pg_server)
    granted = [
        run(capsys, "pg-grant", url, "--writer", writer),
        run(capsys, "pg-grant", url, "--auditor", auditor),
    ]
    assert granted == [
        (0, f"{writer} may now read and add to desk {desk} at {url}\n", ""),
        (0, f"{auditor} may now read (and only read) desk {desk} at {url}\n", ""),
    ]
    return SimpleNamespace(
        url=url,
        schema=desk_schema(url),
        claim=claim.id,
        writer=(writer, writer_password),
        writer_url=pg_server.url(user=writer, password=writer_password, tcp=True, desk=desk),
        auditor=(auditor, auditor_password),
        auditor_url=pg_server.url(user=auditor, password=auditor_password, tcp=True, desk=desk),
    )


def test_pg_grant_takes_exactly_one_existing_role_for_a_desk_on_a_server(
    pg_server, team, tmp_path, capsys
):
    writer, _ = team.writer
    for argv in (
        ["pg-grant", team.url],
        ["pg-grant", team.url, "--writer", writer, "--auditor", writer],
    ):
        line = one_line_error(*run(capsys, *argv)[::2])
        assert "exactly one of --writer ROLE and --auditor ROLE" in line
    line = one_line_error(*run(capsys, "pg-grant", team.url, "--writer", "nosuchrole")[::2])
    assert "[claimledger.store.no_role] the PostgreSQL server at" in line
    assert 'has no role "nosuchrole"' in line
    line = one_line_error(
        *run(capsys, "pg-grant", tmp_path / "desk.ledger", "--auditor", writer)[::2]
    )
    assert "claimledger.store.not_a_server" in line
    missing = pg_server.url(desk="nosuchdesk")
    line = one_line_error(*run(capsys, "pg-grant", missing, "--auditor", writer)[::2])
    assert 'there is no desk "nosuchdesk"' in line
    assert not ledger_exists(missing)


def test_a_writer_adds_to_the_desk_but_cannot_change_or_delete_an_event(pg_server, team):
    with cl.open(team.writer_url, actor="writer") as wb:
        claim = wb.add_claim("North Korea sent troops to Russia in 2024.")
        wb.set_verdict(team.claim, "true", rationale="USFK says so.")
        assert wb.rebuild() == 6  # every event replayed
        assert wb.verify().ok
        assert [c.id for c in wb.claims()] == [team.claim, claim.id]
    role, password = team.writer
    for sql in (
        f"UPDATE {team.schema}.events SET actor = 'mallory' WHERE seq = 2",
        f"DELETE FROM {team.schema}.events WHERE seq = 5",
        f"TRUNCATE {team.schema}.events",
        f"UPDATE {team.schema}.contents SET bytes = 'forged'::bytea",
        f"ALTER TABLE {team.schema}.events DISABLE TRIGGER USER",
    ):
        refused = psql_as(pg_server, role, password, sql)
        assert refused.returncode != 0, sql
        assert "42501" in refused.stderr, refused.stderr  # insufficient privilege
    with cl.open(team.url) as wb:
        assert wb.event_count() == 6
        assert wb.verify().ok


def test_the_tables_owner_cannot_change_or_delete_an_event_either(pg_server, team):
    for sql in (
        f"UPDATE {team.schema}.events SET actor = 'mallory' WHERE seq = 2",
        f"DELETE FROM {team.schema}.events WHERE seq = 3",
        f"TRUNCATE {team.schema}.events",
        f"DELETE FROM {team.schema}.contents",
    ):
        refused = psql_as(pg_server, "postgres", SUPERUSER_PASSWORD, sql)
        assert refused.returncode != 0, sql
        assert "CL001" in refused.stderr, refused.stderr  # claimledger's own SQLSTATE
        assert "of a claimledger desk are append-only" in refused.stderr
    with cl.open(team.url) as wb:
        assert wb.event_count() == 4
        assert wb.verify().ok


def test_an_auditor_reads_searches_and_verifies_but_cannot_write(pg_server, team, tmp_path, capsys):
    with cl.open(team.auditor_url, actor="auditor") as wb:
        assert [c.id for c in wb.claims()] == [team.claim]
        assert [h.claim.id for h in wb.search("troops korea")] == [team.claim]
        assert [h.claim.id for h in wb.similar("28,500 US troops in South Korea", k=1)] == [
            team.claim
        ]
        assert [e.type for e in wb.history(team.claim)] == ["claim.added"]
        assert wb.as_of(3).claims() == []
        assert wb.verify().ok
        head = wb.export_bundle(tmp_path / "desk.jsonl")
        with cl.open(tmp_path / "colleague.ledger", actor="colleague") as colleague:
            colleague.add_claim("A claim from a colleague's desk, 2024.")
        writes = {
            "add_source": lambda: wb.add_source("AFP"),
            "add_claim": lambda: wb.add_claim("Another claim from 2024."),
            "set_verdict": lambda: wb.set_verdict(team.claim, "true", rationale="r"),
            "rebuild": wb.rebuild,
            "merge": lambda: wb.merge(tmp_path / "colleague.ledger"),
        }
        for name, write in writes.items():
            with pytest.raises(cl.StorageError) as caught:
                write()
            assert caught.value.id == "claimledger.store.permission", name
            assert "permission denied for table" in str(caught.value), name
            assert f"{team.auditor[0]}@127.0.0.1:{pg_server.port}" in str(caught.value), name
            assert team.auditor[1] not in str(caught.value), name
        assert wb.event_count() == head.seq == 4
    status, out, err = run(capsys, "verify", team.auditor_url)
    assert (status, err) == (0, "")
    assert out.endswith(": 4 events checked: ok\n")
    assert team.auditor[1] not in out
    line = one_line_error(*run(capsys, "add-source", team.auditor_url, "AFP")[::2])
    assert "permission denied for table" in line


# --- what a PostgreSQL text cannot keep -------------------------------------------------------


@pytest.mark.parametrize("store", ["postgresql"])
def test_a_nul_character_in_a_text_is_refused_and_nothing_is_written(wb, tmp_path):
    wb.add_source("Reuters")
    with pytest.raises(cl.InvalidInputError) as caught:
        wb.add_claim("Troops \x00 in Korea.")
    assert caught.value.id == "claimledger.store.unstorable_text"
    assert "PostgreSQL keeps no NUL character in a text" in str(caught.value)
    assert wb.event_count() == 2
    assert wb.verify().ok
    # A ledger file keeps it, so such a file desk cannot move to the server as it is.
    with cl.open(tmp_path / "nul.ledger", actor="alice") as file_desk:
        file_desk.add_claim("Troops \x00 in Korea.")
        file_desk.export_bundle(tmp_path / "nul.jsonl")
    with cl.open(wb.path.replace(desk_name(wb.path), desk_name(wb.path) + "nul")) as other:
        with pytest.raises(cl.InvalidInputError, match="unstorable_text"):
            other.import_bundle(tmp_path / "nul.jsonl")
        assert other.event_count() == 1


# --- how many claims hold each term (claim_terms) ---------------------------------------------


@pytest.mark.parametrize("store", ["postgresql"])
def test_the_claims_holding_each_term_are_counted_in_step_with_the_search_rows(
    wb, pg_server, tmp_path
):
    schema = desk_schema(wb.path)
    ids = wb.add_claims(
        [
            {"text": "About 28,500 US troops are stationed in South Korea."},
            {"text": "South Korea's defence budget rose 4.2% last year.", "context": "Seoul"},
            {"text": "Troops in Korea number 28,500."},
        ]
    )
    wb.add_claim("Rice prices in Korea doubled.")
    wb.correct_claim(ids[2], text="US troops in Korea number 28,500.", reason="the US")
    counts = dict(row.split("|") for row in kept_terms(pg_server, schema))
    assert counts["korea"] == "4"  # every claim, once each
    assert counts["troops"] == "2"  # the texts as first recorded, as search rows hold them
    assert counts["seoul"] == "1"  # a context's words too
    assert kept_terms(pg_server, schema) == recounted_terms(pg_server, schema)
    before = kept_terms(pg_server, schema)
    wb.rebuild()
    assert kept_terms(pg_server, schema) == before
    wb.export_bundle(tmp_path / "desk.jsonl")
    with cl.open(wb.path.replace(desk_name(wb.path), desk_name(wb.path) + "copy")) as copy:
        copy.import_bundle(tmp_path / "desk.jsonl")
        assert kept_terms(pg_server, desk_schema(copy.path)) == before
    assert wb.verify().ok
    # A count edited behind the ledger's back is named by verify().
    pg_server.psql(f"UPDATE \"{schema}\".claim_terms SET claims = claims + 2 WHERE term = 'korea'")
    problems = [p.detail for p in wb.verify().problems]
    assert any('"korea" counted for 6, held by 4' in p for p in problems), problems


# --- a small transaction's rows, sent as INSERTs ---------------------------------------------

# Texts holding what COPY's text format escapes (and a NUL-free look-alike of its NULL marker).
AWKWARD = [
    "tab\there",
    "line\nbreak and carriage\rreturn",
    "back\\slash, a trailing one \\",
    "\\N",
    "\\N\tand \\t written out",
    "quotes ' \" and $1, $2 as text",
    "naïve – “quoted” 28,500 troops",
]


@pytest.mark.parametrize("store", ["postgresql"])
def test_a_small_transactions_rows_read_back_as_a_large_batchs_do(wb, pg_server):
    # One add_claim's rows go to the server as INSERTs in one round trip, a large batch's by
    # COPY: the same values either way, as written, and verify() replays both.
    source = wb.add_source("Desk\tsource \\N", kind="person")
    one_at_a_time = [
        wb.add_claim(text, claimant=source.id, context=text, tags=[text], verdict="true").id
        for text in AWKWARD
    ]
    batch = [
        {"text": f"{text} (batch {n})", "claimant": source.id, "context": text, "tags": [text]}
        for n in range(40)
        for text in AWKWARD
    ]
    in_a_batch = wb.add_claims(batch)
    for text, claim_id in zip(AWKWARD, one_at_a_time):
        claim = wb.claim(claim_id)
        assert (claim.text, claim.context, claim.tags) == (text, text, (text,))
        assert claim.verdict.rating == "true"
    for record, claim_id in zip(batch, in_a_batch):
        claim = wb.claim(claim_id)
        assert (claim.text, claim.context, claim.tags) == (
            record["text"],
            record["context"],
            tuple(record["tags"]),
        )
    assert wb.source(source.id).name == "Desk\tsource \\N"
    # Both ways are searched alike: the claim holding "trailing" and its 40 copies of the batch.
    found = {hit.claim.id for hit in wb.search("trailing", limit=100)}
    assert found == {one_at_a_time[2]} | set(in_a_batch[2 :: len(AWKWARD)])
    assert wb.verify().ok


# --- a large batch, sent in parts while it is prepared ----------------------------------------

# Enough claims (each with its verdict and tags) that the store sends the first parts of the
# batch in the background while it prepares the rest (about 1,100 claims a part).
LARGE_BATCH = 3000


def large_batch() -> list[dict]:
    places = ["harbour", "bridge", "school", "clinic", "market", "airport"]
    return [
        {
            "text": f"Ward {n} spent {n * 7 + 3} dollars on its {places[n % 6]} in year {n}.",
            "tags": ["budget", places[n % 6]],
            "ref": f"large:{n}",
            "verdict": {"rating": "true", "rationale": f"audit {n}"},
        }
        for n in range(LARGE_BATCH)
    ]


def server_rows(server, schema: str, table: str) -> int:
    """How many rows `table` of desk schema `schema` holds on the server."""
    return int(desk_rows(server, schema, f"SELECT count(*) FROM {table}")[0])


@pytest.mark.parametrize("store", ["postgresql"])
def test_a_batch_sent_in_parts_that_fails_late_leaves_nothing_on_the_server(wb, pg_server):
    schema = desk_schema(wb.path)
    records = large_batch()
    records[LARGE_BATCH - 2]["verdict"] = {"rating": "mostly-ish", "rationale": "no such rating"}
    before = wb.event_count()
    with pytest.raises(cl.InvalidInputError) as caught:
        wb.add_claims(records)
    assert f"claims[{LARGE_BATCH - 2}]" in str(caught.value)
    assert wb.event_count() == before
    for table in ("events", "claims", "claims_search", "verdicts", "claim_tags", "claim_terms"):
        assert server_rows(pg_server, schema, table) == (before if table == "events" else 0)
    # The same batch, put right, is written whole, its terms counted once each.
    records[LARGE_BATCH - 2]["verdict"] = {"rating": "true", "rationale": "audit"}
    ids = wb.add_claims(records)
    assert len(set(ids)) == LARGE_BATCH
    assert wb.event_count() == before + 2 * LARGE_BATCH
    assert server_rows(pg_server, schema, "claims_search") == LARGE_BATCH
    assert kept_terms(pg_server, schema) == recounted_terms(pg_server, schema)
    assert dict(row.split("|") for row in kept_terms(pg_server, schema))["ward"] == "3000"
    clinics = wb.claims(tag="clinic")
    assert len(clinics) == LARGE_BATCH // 6
    assert {c.verdict.rating for c in clinics} == {"true"}
    assert wb.verify().ok


def refuse_rows(
    server, schema: str, table: str, message: str, condition: str = "true", at_commit=False
) -> None:
    """Makes the server refuse the rows inserted into `table` of desk `schema` for which
    `condition` (plpgsql, of NEW) holds, with error `message`: as each row comes, or, with
    `at_commit`, when the transaction commits (a deferred constraint trigger). The trigger is
    named refuse."""
    function = f'"{schema}".refuse_{table}'
    trigger = (
        f'CONSTRAINT TRIGGER refuse AFTER INSERT ON "{schema}".{table} '
        "DEFERRABLE INITIALLY DEFERRED"
        if at_commit
        else f'TRIGGER refuse BEFORE INSERT ON "{schema}".{table}'
    )
    server.psql(
        f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF {condition} THEN RAISE EXCEPTION '{message}'; END IF; RETURN NEW; END $$; "
        f"CREATE {trigger} FOR EACH ROW EXECUTE FUNCTION {function}()"
    )


@pytest.mark.parametrize("store", ["postgresql"])
def test_rows_the_server_refuses_while_a_batch_is_sent_fail_the_whole_batch(wb, pg_server):
    schema = desk_schema(wb.path)
    # A rule of the server's that the client does not know: it refuses one claim's row, which
    # goes to the server in the first part of the batch, while later parts are prepared.
    refuse_rows(pg_server, schema, "claims", "ward 5 is under embargo", "NEW.text LIKE 'Ward 5 %'")
    before = wb.event_count()
    with pytest.raises(cl.StorageError) as caught:
        wb.add_claims(large_batch())
    message = str(caught.value)
    assert "ward 5 is under embargo" in message
    assert "claims[" not in message  # not blamed on the record being prepared at the time
    assert wb.event_count() == before
    assert server_rows(pg_server, schema, "claims") == 0
    assert server_rows(pg_server, schema, "claim_terms") == 0
    # The next call works on the same connection.
    pg_server.psql(f'DROP TRIGGER refuse ON "{schema}".claims')
    # The claims' search rows, which go through a second connection: the same.
    refuse_rows(pg_server, schema, "claims_search", "the search index is closed")
    with pytest.raises(cl.StorageError) as caught:
        wb.add_claims(large_batch())
    assert "the search index is closed" in str(caught.value)
    assert wb.event_count() == before
    for table in ("claims", "claims_search", "claim_terms"):
        assert server_rows(pg_server, schema, table) == 0
    pg_server.psql(f'DROP TRIGGER refuse ON "{schema}".claims_search')
    assert len(wb.add_claims(large_batch())) == LARGE_BATCH
    assert server_rows(pg_server, schema, "claims") == LARGE_BATCH
    assert wb.verify().ok


@pytest.mark.parametrize("store", ["postgresql"])
def test_a_large_batch_refused_at_its_commit_leaves_no_search_row_that_counts(wb, pg_server):
    # A large batch's search rows go to the server through a second connection, committed
    # just before the batch itself: a batch refused at its own commit leaves them behind, for
    # claims the desk does not hold. No search, similar() or verify() counts them, and the
    # next write deletes them, whether it is a claim at a time or a large batch.
    schema = desk_schema(wb.path)
    refuse_rows(pg_server, schema, "verdicts", "the batch is under embargo", at_commit=True)
    harbour = "Ward 6 spent 45 dollars on its harbour in year 6."  # one of large_batch()'s

    def refused_batch(held: list[str]) -> None:
        pg_server.psql(f'ALTER TABLE "{schema}".verdicts ENABLE TRIGGER refuse')
        before = wb.event_count()
        with pytest.raises(cl.StorageError) as caught:
            wb.add_claims(large_batch())
        assert "the batch is under embargo" in str(caught.value)
        assert wb.event_count() == before
        # What this test is about: the search rows were committed, their claims were not.
        assert server_rows(pg_server, schema, "claims_search") == len(held) + LARGE_BATCH
        assert [h.claim.text for h in wb.search("harbour")] == held
        assert harbour not in [h.claim.text for h in wb.similar(harbour)]
        report = wb.verify()
        assert report.ok, report.problems
        pg_server.psql(f'ALTER TABLE "{schema}".verdicts DISABLE TRIGGER refuse')

    refused_batch(held=[])
    first = "Ward 9 built a second harbour in 2024."
    wb.add_claim(first)
    assert server_rows(pg_server, schema, "claims_search") == 1
    refused_batch(held=[first])
    ids = wb.add_claims(large_batch())
    assert len(set(ids)) == LARGE_BATCH
    assert server_rows(pg_server, schema, "claims_search") == 1 + LARGE_BATCH
    assert [h.claim.text for h in wb.similar(harbour, k=1)] == [harbour]
    assert len(wb.search("harbour", limit=10_000)) == 1 + LARGE_BATCH // 6
    assert kept_terms(pg_server, schema) == recounted_terms(pg_server, schema)
    report = wb.verify()
    assert report.ok, report.problems


def pending_search_entries(server, schema: str) -> dict[str, int]:
    """The entries each GIN index of desk `schema`'s search tables keeps in its pending list
    (pgstattuple's pgstatginindex)."""
    server.psql("CREATE EXTENSION IF NOT EXISTS pgstattuple")
    indexes = ("claims_search_terms", "claims_search_buckets", "snapshots_search_terms")
    return {
        index: int(
            server.psql(f"SELECT pending_tuples FROM pgstatginindex('{schema}.{index}')").strip()
        )
        for index in indexes
    }


def test_a_large_batch_of_the_desks_owner_leaves_no_search_entry_pending(pg_server, team):
    # Every search reads a GIN index's pending list whole; an owner's large batch merges it,
    # after its commit, on the second connection that wrote its claims' search rows, while the
    # caller goes on: closing the desk waits for that, and so does the next large batch.
    none_pending = {
        "claims_search_terms": 0,
        "claims_search_buckets": 0,
        "snapshots_search_terms": 0,
    }
    # Autovacuum merges pending lists too, whenever it runs: not on this desk, so that what is
    # seen here is the store's doing.
    for table in ("claims_search", "snapshots_search"):
        pg_server.psql(f'ALTER TABLE "{team.schema}".{table} SET (autovacuum_enabled = false)')
    with cl.open(team.url, actor="editor") as wb:
        wb.add_claims(large_batch())
    assert pending_search_entries(pg_server, team.schema) == none_pending
    with cl.open(team.url, actor="editor") as wb:
        wb.add_claims([dict(r, ref=f"again:{r['ref']}") for r in large_batch()])
        assert len(wb.claims(limit=5)) == 5
        wb.add_claims([dict(r, ref=f"third:{r['ref']}") for r in large_batch()])
    assert pending_search_entries(pg_server, team.schema) == none_pending
    with cl.open(team.url, actor="editor") as wb:
        # A claim at a time is not slowed by merging: its entries wait in the list.
        wb.add_claim("Ward 9 built a second harbour in 2024.")
        assert pending_search_entries(pg_server, team.schema)["claims_search_terms"] == 1
        assert [h.claim.text for h in wb.search("second harbour")] == [
            "Ward 9 built a second harbour in 2024."
        ]
    # PostgreSQL lets only the owner merge: a writer's batch is written, its entries left to
    # autovacuum.
    with cl.open(team.writer_url, actor="writer") as wb:
        records = [dict(r, ref=f"writer:{r['ref']}") for r in large_batch()]
        assert len(wb.add_claims(records)) == LARGE_BATCH
        assert pending_search_entries(pg_server, team.schema)["claims_search_terms"] > 1
        assert len(wb.search("harbour", limit=10_000)) == 1 + 4 * LARGE_BATCH // 6
        assert wb.verify().ok


def test_a_role_allowed_one_connection_writes_a_large_batchs_search_rows_with_the_rest(
    pg_server, team
):
    # A large batch's search rows go through a second connection; where the server refuses one
    # (the role's connection limit, a pooler's), they go with the rest, and the batch is written.
    writer = team.writer[0]
    rows_before = server_rows(pg_server, team.schema, "claims_search")
    pg_server.psql(f'ALTER ROLE "{writer}" CONNECTION LIMIT 1')
    try:
        with cl.open(team.writer_url, actor="writer") as wb:
            before = wb.event_count()
            records = [dict(r, ref=f"alone:{r['ref']}") for r in large_batch()]
            assert len(set(wb.add_claims(records))) == LARGE_BATCH
            assert wb.event_count() == before + 2 * LARGE_BATCH
            assert len(wb.search("harbour", limit=10_000)) == LARGE_BATCH // 6
            report = wb.verify()
            assert report.ok, report.problems
    finally:
        pg_server.psql(f'ALTER ROLE "{writer}" CONNECTION LIMIT -1')
    assert server_rows(pg_server, team.schema, "claims_search") == rows_before + LARGE_BATCH


def analysed_at(server, schema: str) -> dict[str, str | None]:
    """When each table of desk `schema` was last analysed by a command (not by autovacuum)."""
    rows = server.psql(
        "SELECT relname, coalesce(last_analyze::text, '') FROM pg_stat_user_tables "
        f"WHERE schemaname = '{schema}' ORDER BY relname"
    )
    pairs = (row.split("|") for row in rows.splitlines())
    return {table: when or None for table, when in pairs}


def test_a_desk_growing_a_claim_at_a_time_keeps_its_search_indexes_merged_and_planned(
    pg_server, team
):
    # Autovacuum looks at a desk once a minute: one that grows faster was planned by the figures
    # of a far smaller table, and its searches read ever longer pending lists (similar() reads
    # the buckets' list once a bucket). So the owner's commit that takes the head past a
    # multiple of 128 events merges the pending entries, and one past a power of two from 1,024
    # on analyses the desk's tables, both after the commit (the next call, or closing, waits for
    # them).
    for table in ("claims_search", "snapshots_search"):
        pg_server.psql(f'ALTER TABLE "{team.schema}".{table} SET (autovacuum_enabled = false)')
    places = ["harbour", "bridge", "school", "clinic"]

    def claims(first: int, count: int) -> list[dict]:
        return [
            {"text": f"Ward {n} rebuilt its {places[n % 4]} in year {n}.", "ref": f"grow:{n}"}
            for n in range(first, first + count)
        ]

    with cl.open(team.url, actor="editor") as wb:
        start = wb.event_count()
        wb.add_claims(claims(0, 896 - start))  # a claim is an event here; past 128, ... 768
        assert wb.event_count() == 896
        assert pending_search_entries(pg_server, team.schema)["claims_search_terms"] == 0
        for first in range(1000, 1127, 50):  # events 897 to 1,023: past no multiple of 128
            wb.add_claims(claims(first, min(50, 1127 - first)))
        assert wb.event_count() == 1023
        assert pending_search_entries(pg_server, team.schema)["claims_search_terms"] == 127
        assert analysed_at(pg_server, team.schema)["claims_search"] is None
        wb.add_claim("Ward 9 built a second harbour in 2024.")  # event 1,024
    analysed = analysed_at(pg_server, team.schema)
    assert pending_search_entries(pg_server, team.schema) == {
        "claims_search_terms": 0,
        "claims_search_buckets": 0,
        "snapshots_search_terms": 0,
    }
    for table in ("claims", "claims_search", "claim_terms", "events", "event_refs", "tree_nodes"):
        assert analysed[table] is not None, table
    assert analysed["contents"] is None  # no read plans by its bytes
    with cl.open(team.url, actor="editor") as wb:
        wb.add_claims(claims(2000, 127))  # events 1,025 to 1,151: nothing more
        assert pending_search_entries(pg_server, team.schema)["claims_search_terms"] == 127
        assert analysed_at(pg_server, team.schema) == analysed
        wb.add_claims(claims(2200, 373))  # to 1,524, past 1,152, 1,280 and 1,408: merged
        assert pending_search_entries(pg_server, team.schema)["claims_search_terms"] == 0
        assert analysed_at(pg_server, team.schema) == analysed
    # PostgreSQL lets only a table's owner merge or analyse: a writer's commit past 2,048 is
    # written as any other, and leaves both to autovacuum.
    with cl.open(team.writer_url, actor="writer") as wb:
        wb.add_claims(claims(3000, 2048 - 1524))
        assert wb.event_count() == 2048
        assert pending_search_entries(pg_server, team.schema)["claims_search_terms"] == 524
        assert analysed_at(pg_server, team.schema) == analysed
        assert [h.claim.text for h in wb.search("second harbour")] == [
            "Ward 9 built a second harbour in 2024."
        ]
        assert wb.verify().ok


@pytest.mark.parametrize("store", ["postgresql"])
def test_a_server_restarted_between_calls_goes_unnoticed(wb, pg_server):
    # The connection only finds out at its next statement, which is a transaction's first (sent
    # with its BEGIN): nothing of the transaction was done, so it connects again and sends both.
    first = wb.add_claim("The harbour was dredged in 2019.")
    pg_server.restart()
    assert wb.claim(first.id).text == first.text  # a read
    pg_server.restart()
    second = wb.add_claim("The bridge was repainted in 2021.")  # a write, its check first
    pg_server.restart()
    third = wb.add_claims([{"text": "The school opened in 1998."}])[0]  # a write alone
    assert [c.id for c in wb.claims()] == [first.id, second.id, third]
    assert wb.verify().ok


@pytest.mark.parametrize("store", ["postgresql"])
def test_a_server_restart_while_a_batch_is_sent_loses_the_batch_whole_and_nothing_else(
    wb, pg_server
):
    schema = desk_schema(wb.path)
    kept = wb.add_claim("The harbour was dredged in 2019.")
    before = wb.event_count()
    records = [
        {"text": f"Ward {n} spent {n * 7 + 3} dollars on its harbour in year {n}.", "ref": f"r{n}"}
        for n in range(20_000)
    ]
    raised: list[BaseException] = []

    def add() -> None:
        try:
            wb.add_claims(records)
        except BaseException as error:  # the thread's error, checked below
            raised.append(error)

    adding = threading.Thread(target=add)
    adding.start()
    # Restart the server once it is copying the batch's first part, while the next parts are
    # being prepared.
    deadline = time.monotonic() + 60
    while adding.is_alive() and time.monotonic() < deadline:
        copying = pg_server.psql(
            "SELECT count(*) FROM pg_stat_progress_copy p JOIN pg_class c ON c.oid = p.relid "
            f"JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '{schema}'"
        )
        if copying.strip() != "0":
            pg_server.restart()
            break
        time.sleep(0.005)
    adding.join()
    assert len(raised) == 1, "the batch was not cut by the restart"
    assert isinstance(raised[0], cl.StorageError)
    assert raised[0].id == "claimledger.store.connection", raised[0]
    assert "claims[" not in str(raised[0])
    # The next calls connect again: nothing of the batch, everything before it.
    assert wb.event_count() == before
    assert server_rows(pg_server, schema, "claims") == 1
    assert wb.claim(kept.id).text == kept.text
    assert len(wb.add_claims(records[:50])) == 50
    assert wb.verify().ok
