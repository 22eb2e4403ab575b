"""A throwaway PostgreSQL server for the tests, started and stopped by the test suite itself.

`initdb` makes a new cluster in a temporary folder; `pg_ctl` starts it listening on a Unix
socket in that folder and on a free port of 127.0.0.1 only; stopping it removes the folder.
It never touches a server it did not start. When the tests run as root (as CI does), the
server runs as the `postgres` system user, since PostgreSQL refuses to run as root.

The superuser `postgres` connects over the socket without a password (trust); over TCP every
role needs its password (scram-sha-256), so the tests can check wrong passwords.

Used by the pytest fixtures (tests/python/conftest.py) and, through its command line, by the
C++ tests (a ctest fixture in CMakeLists.txt), which read the server's URL from a state file:

    python3 tests/pg_server.py start STATE   # starts a server, writes its URL and folder to STATE
    python3 tests/pg_server.py stop STATE    # stops that server, removes its folder and STATE
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUPERUSER_PASSWORD = "throwaway-superuser"  # a server of the tests only, on 127.0.0.1


class ServerError(RuntimeError):
    """The throwaway server could not be started; the message says why."""


def _bindir() -> Path:
    """The folder of initdb and pg_ctl (Debian keeps them out of PATH)."""
    candidates = sorted(str(path) for path in Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    found = shutil.which("initdb")
    if found:
        candidates.append(str(Path(found).resolve()))
    if not candidates:
        raise ServerError(
            "PostgreSQL's server programs (initdb, pg_ctl) are not installed: install the "
            "Debian package postgresql (make test does)"
        )
    return Path(candidates[-1]).parent


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """One throwaway cluster. `start()` then use `url()`, `stop()` at the end."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="claimledger-pg-"))
        self.data = self.folder / "data"
        self.socket_dir = self.folder / "socket"
        self.port_file = self.folder / "port"
        self.port = int(self.port_file.read_text()) if self.port_file.exists() else 0
        self.bindir = _bindir()
        self._as_postgres = os.geteuid() == 0

    # --- running the server's programs -------------------------------------------------
    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, cwd="/")
        if check and done.returncode != 0:
            raise ServerError(
                f"{args[0]} failed (exit {done.returncode}): "
                + (done.stderr.strip() or done.stdout.strip())[-2000:]
            )
        return done

    def start(self) -> Server:
        """Creates the cluster and starts the server; waits until it accepts connections."""
        self.socket_dir.mkdir(parents=True, exist_ok=True)
        if self._as_postgres:
            user = pwd.getpwnam("postgres")
            for path in (self.folder, self.socket_dir):
                os.chown(path, user.pw_uid, user.pw_gid)
        if not self.data.exists():
            password_file = self.folder / "superuser-password"
            password_file.write_text(SUPERUSER_PASSWORD + "\n")
            if self._as_postgres:
                os.chown(password_file, pwd.getpwnam("postgres").pw_uid, -1)
            self._run(
                "initdb",
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                f"--pwfile={password_file}",
                "-E",
                "UTF8",
                "--locale=C",
            )
            password_file.unlink()
        if not self.port:
            self.port = _free_port()
            self.port_file.write_text(str(self.port))
        self._pg_ctl_start()
        return self

    def _pg_ctl_start(self) -> None:
        options = (
            f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1 "
            "-c max_connections=120 -c fsync=on"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.folder / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            ready = self._run(
                "pg_isready", "-h", str(self.socket_dir), "-p", str(self.port), check=False
            )
            if ready.returncode == 0:
                return
            time.sleep(0.2)
        raise ServerError(f"the server did not accept connections: see {self.folder}/server.log")

    def restart(self) -> None:
        """pg_ctl restart -m fast: connections are cut, nothing committed is lost."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        self._pg_ctl_start()

    def stop(self) -> None:
        """Stops the server and removes its folder."""
        if self.data.exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- connecting --------------------------------------------------------------------
    def url(
        self,
        user: str = "postgres",
        password: str | None = None,
        database: str = "postgres",
        desk: str | None = None,
        tcp: bool = False,
    ) -> str:
        """A postgresql:// URL of this server: over the Unix socket (no password needed for
        the superuser), or over TCP with `password`."""
        secret = f":{password}" if password else ""
        query = f"?desk={desk}" if desk else ""
        if tcp:
            return f"postgresql://{user}{secret}@127.0.0.1:{self.port}/{database}{query}"
        separator = "&" if query else "?"
        return (
            f"postgresql://{user}{secret}@/{database}{query}{separator}"
            f"host={self.socket_dir}&port={self.port}"
        )

    def _client(self, program: str, *args: str, database: str = "postgres") -> str:
        """Runs a client program (psql, pg_dump) as the superuser over the socket; returns
        what it printed."""
        done = subprocess.run(
            [
                str(self.bindir / program),
                "-h",
                str(self.socket_dir),
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                database,
                *args,
            ],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise ServerError(f"{program} failed: {done.stderr.strip()}")
        return done.stdout

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Runs `sql` as the superuser with psql; returns what it printed."""
        return self._client(
            "psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql, database=database
        )

    def schema_script(self, schema: str, database: str = "postgres") -> str:
        """`schema` whole as an SQL script that makes it again (tables, functions, indexes and
        rows as INSERT statements; no owners, grants, comments or blank lines), as the desk
        fixtures of tests/data are kept."""
        dumped = self._client(
            "pg_dump",
            f"--schema={schema}",
            "--inserts",
            "--no-owner",
            "--no-privileges",
            database=database,
        )
        return "".join(
            line
            for line in dumped.splitlines(keepends=True)
            if not line.startswith(("\\restrict ", "\\unrestrict ", "--")) and line.strip()
        )

    def dump(self, schema: str, database: str = "postgres") -> str:
        """The rows of every table of `schema`, as pg_dump writes them (to compare before and
        after; without the random key of its \\restrict lines, new at each run)."""
        dumped = self._client("pg_dump", "--data-only", f"--schema={schema}", database=database)
        return "".join(
            line
            for line in dumped.splitlines(keepends=True)
            if not line.startswith(("\\restrict ", "\\unrestrict "))
        )


def desk_fixture_script(desk: str, version: str, fill) -> str:
    """The schema script (Server.schema_script) of desk `desk`, made on a throwaway server of its
    own by `fill(url)`; as the desk fixtures of tests/data are made, each once, by the core of
    the desk version they keep. Raises ServerError when this core writes another version."""
    server = Server(Path(tempfile.mkdtemp(prefix="claimledger-fixture-")))
    server.start()
    try:
        fill(server.url(desk=desk))
        schema = "claimledger_" + desk
        written = server.psql(f'SELECT version FROM "{schema}".desk').strip()
        if written != version:
            raise ServerError(
                f"this core writes desk version {written}, not {version}: run it with that core"
            )
        return server.schema_script(schema)
    finally:
        server.stop()


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in ("start", "stop"):
        print("usage: pg_server.py start|stop STATE", file=sys.stderr)
        return 2
    state = Path(argv[2])
    try:
        if argv[1] == "start":
            server = Server().start()
            state.write_text(json.dumps({"folder": str(server.folder), "url": server.url()}))
            print(server.url())
        elif state.exists():
            Server(Path(json.loads(state.read_text())["folder"])).stop()
            state.unlink()
    except ServerError as error:
        print(f"pg_server: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
