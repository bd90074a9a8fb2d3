"""A throwaway PostgreSQL server on loopback for the tests: Debian's binaries, a fresh cluster in a
folder, password authentication over TCP, stopped afterwards. Standard library only, so `.ci/run`
can use it before the virtualenv exists:

    eval "$(python3 tests/pgserver.py start /tmp/guide-pg)"     # exports PG_TEST_URL
    python3 tests/pgserver.py stop /tmp/guide-pg

The tests' fixture (tests/conftest.py: pg_admin_url) uses PG_TEST_URL when set, else starts
one itself. As root the server runs as the `postgres` user (PostgreSQL refuses to run as root).
"""
from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
from pathlib import Path

OPTIONS = "-c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=200"


class PostgresMissing(RuntimeError):
    pass


def find_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    if found:
        return found[-1]
    path = shutil.which(name)
    if path:
        return path
    raise PostgresMissing(f"PostgreSQL's {name} not found: install Debian's postgresql (make test does)")


def _as_owner(folder: Path) -> list[str]:
    if os.geteuid() != 0:
        return []
    owner = pwd.getpwnam("postgres")
    for path in (folder, *folder.rglob("*")):
        os.chown(path, owner.pw_uid, owner.pw_gid)
    return ["runuser", "-u", "postgres", "--"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(args: list[str]) -> None:
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:6])} ... failed: {result.stderr.strip() or result.stdout.strip()}")


def new_folder() -> Path:
    """A folder the postgres user can reach (pytest's own tmp folders are root's, mode 0700)."""
    import tempfile

    return Path(tempfile.mkdtemp(prefix="guide-pg-"))


def start(folder: Path) -> str:
    """Start a new cluster in `folder` (created); returns the superuser URL."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    password = secrets.token_hex(12)
    (folder / "pw").write_text(password + "\n")
    run_as = _as_owner(folder)
    data = folder / "data"
    _run([*run_as, find_bin("initdb"), "-D", str(data), "-U", "postgres", "--pwfile", str(folder / "pw"),
          "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"])
    port = _free_port()
    (folder / "port").write_text(str(port))
    _run([*run_as, find_bin("pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-w", "-t", "60",
          "-o", f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={folder} {OPTIONS}", "start"])
    return f"postgresql://postgres:{password}@127.0.0.1:{port}/postgres"


def stop(folder: Path) -> None:
    folder = Path(folder)
    if (folder / "data" / "postmaster.pid").exists():
        subprocess.run([*_as_owner(folder), find_bin("pg_ctl"), "-D", str(folder / "data"), "-m", "fast", "-w",
                        "stop"], capture_output=True)


def restart(folder: Path) -> None:
    """Start a stopped cluster again on its port (the fault tests stop and start it)."""
    folder = Path(folder)
    port = (folder / "port").read_text().strip()
    _run([*_as_owner(folder), find_bin("pg_ctl"), "-D", str(folder / "data"), "-l", str(folder / "server.log"),
          "-w", "-t", "60",
          "-o", f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={folder} {OPTIONS}", "start"])


if __name__ == "__main__":
    command, where = sys.argv[1], Path(sys.argv[2])
    if command == "start":
        print(f"export PG_TEST_URL='{start(where)}'")
    elif command == "stop":
        stop(where)
        shutil.rmtree(where, ignore_errors=True)
    else:
        sys.exit(f"usage: {sys.argv[0]} start|stop FOLDER")
