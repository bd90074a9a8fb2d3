"""The runtime store on PostgreSQL: what several replicas share (sessions, messages, feedback, the
query log, staff sessions, rate and login-throttle counters), with the SQLite store's behaviour.

Chosen by the `runtime_url` setting (GUIDE_RUNTIME_URL=postgresql://user:password@host/db). Every
query of guide.runtime is written once with `?` placeholders; here they become psycopg's `%s`.
One psycopg_pool per process, opened on first use (so never before gunicorn forks); a connection is
checked when taken, so the pool heals itself after PostgreSQL restarts. While the database is
unreachable the store fails fast for a second at a time (`StoreUnavailable` at once, no connection
wait on the request path): chat answers and queues its turns (guide.runtime_queue retries them),
writes that must be acknowledged answer 503, and everything resumes when PostgreSQL is back.
At start, `check()` connects once: an unreachable database stops the server with the URL (password
masked) and what to fix.
"""
from __future__ import annotations

import functools
import logging
import os
import threading
import time
from urllib.parse import urlsplit, urlunsplit

from guide.runtime import REQUEST_WAIT_MS, RuntimeStore, StoreUnavailable
from guide.runtime_schema import PostgresDialect, ensure_schema

log = logging.getLogger(__name__)

POOL_MAX = 8                    # per process: request threads, the write-behind thread, the rate sync
DOWN_BACKOFF_S = 1.0            # after a connection failure, fail fast this long before trying again
CONNECT_TIMEOUT_S = 2


def is_postgres_url(value) -> bool:
    return isinstance(value, str) and value.startswith(("postgresql://", "postgres://"))


def masked_url(url: str) -> str:
    """The URL with its password replaced by ***, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


@functools.lru_cache(maxsize=2048)
def _translate(sql: str) -> str:
    return sql.replace("%", "%%").replace("?", "%s")


class _Conn:
    """A psycopg connection that takes the SQLite-style SQL of guide.runtime."""

    def __init__(self, conn):
        self.conn = conn

    def execute(self, sql: str, params=()):
        return self.conn.execute(_translate(sql), list(params) if params else None)


class PostgresStore(RuntimeStore):
    dialect = PostgresDialect()

    def __init__(self, url: str, idle_minutes: int = 30, retention_days: int = 180):
        super().__init__(os.devnull, idle_minutes, retention_days)
        self.url, self.where = url, masked_url(url)
        self._pool = None
        self._pool_pid = None
        self._pool_lock = threading.Lock()
        self._down_until = 0.0

    def __repr__(self) -> str:
        return f"PostgresStore({self.where})"

    # ------------------------------------------------------------ plumbing

    def _psycopg(self):
        from guide.resources import require

        return require("psycopg", "postgres", "a postgresql:// runtime_url")

    def check(self) -> None:
        """Connect once and make sure the schema is current; StoreUnavailable names the fix."""
        psycopg = self._psycopg()
        try:
            with psycopg.connect(self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S) as conn:
                ensure_schema(_Conn(conn), self.dialect, self.where)
        except psycopg.Error as exc:
            raise StoreUnavailable(
                f"runtime database {self.where} is unreachable ({str(exc).strip().splitlines()[0]}): start "
                "PostgreSQL there, or correct runtime_url (GUIDE_RUNTIME_URL)") from None

    def _pool_here(self):
        if self._pool is not None and self._pool_pid == os.getpid():
            return self._pool
        with self._pool_lock:
            if self._pool is None or self._pool_pid != os.getpid():
                from guide.resources import require

                pool_mod = require("psycopg_pool", "postgres", "a postgresql:// runtime_url")
                self._pool = pool_mod.ConnectionPool(
                    self.url, min_size=1, max_size=POOL_MAX, open=False, name=f"guide-{os.getpid()}",
                    kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT_S},
                    configure=lambda conn: ensure_schema(_Conn(conn), self.dialect, self.where),
                    check=pool_mod.ConnectionPool.check_connection, reconnect_timeout=86400)
                self._pool.open(wait=False)
                self._pool_pid = os.getpid()
        return self._pool

    def _run(self, action, wait_ms: int = REQUEST_WAIT_MS):
        if time.monotonic() < self._down_until:
            raise StoreUnavailable(f"runtime database {self.where}: unreachable, retrying shortly")
        psycopg = self._psycopg()
        from psycopg_pool import PoolTimeout

        try:
            with self._pool_here().connection(timeout=max(wait_ms, 50) / 1000) as conn:
                return action(_Conn(conn))
        except (PoolTimeout, psycopg.OperationalError) as exc:
            if not isinstance(exc, psycopg.errors.LockNotAvailable):
                self._down_until = time.monotonic() + DOWN_BACKOFF_S
            raise StoreUnavailable(f"runtime database {self.where}: {str(exc).strip()[:200]}") from exc
        except psycopg.Error as exc:
            raise StoreUnavailable(f"runtime database {self.where}: {str(exc).strip()[:200]}") from exc

    def _transaction(self, write, wait_ms: int = REQUEST_WAIT_MS):
        def run(conn):
            with conn.conn.transaction():
                conn.execute(f"SET LOCAL lock_timeout = '{int(wait_ms)}ms'")
                return write(conn)
        return self._run(run, wait_ms)

    def _conn(self, wait_ms: int):        # the SQLite store's per-thread connection: none here
        raise NotImplementedError("PostgresStore has no per-thread connection; use _run")

    def close(self) -> None:
        if self._pool is not None and self._pool_pid == os.getpid():
            self._pool.close()
        self._pool = None
