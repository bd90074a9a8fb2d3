"""The runtime database: sessions, messages, feedback, the query log, staff sessions and throttle
counters (never the index build).

One SQLite file in WAL mode, written by every server worker. What the attack round taught it:
- Request threads wait at most REQUEST_WAIT_MS for a lock. A chat turn that cannot be written in
  that time (a lock held elsewhere, a full disk) goes to this process's write-behind queue
  (guide.runtime_queue), which retries it in the background, so a worker thread is never held and
  no acknowledged turn is dropped while the process lives. Feedback is written at once or refused
  with StoreUnavailable (the API answers 503): its 200 means stored.
- The file may be deleted or replaced under a running server: every call compares the path's
  inode with the open connection's and reconnects, recreating the schema, when they differ.
- The schema is created idempotently on every new connection and versioned (guide.runtime_schema);
  migrations run once, under a lock, however many workers start at once.
- Files are created 0600 in a 0700 folder; every user text is masked (guide.privacy) first.
- Retention: rows older than `retention_days` are deleted in small batches, at most hourly.
- Staff statistics read an aggregate (query_counts) kept in the same transaction as each turn.
"""
from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from pathlib import Path

from guide.privacy import for_storage, from_storage
from guide.runtime_auth import AuthStoreMixin
from guide.runtime_queue import WriteBehind
from guide.runtime_schema import SCHEMA, Dialect, ensure_schema

log = logging.getLogger(__name__)

REQUEST_WAIT_MS = 100           # request threads: lock wait before giving up (chat: queue; else 503)
BACKGROUND_WAIT_MS = 5000       # the write-behind thread and maintenance
PRUNE_INTERVAL_S = 3600
PRUNE_FIRST_S = 60
PRUNE_BATCH = 500               # rows a retention transaction deletes (keeps each lock short)
PRUNE_PAUSE_S = 0.02            # between batches, so chat turns get the lock in between


class StoreUnavailable(RuntimeError):
    """The runtime database cannot be read or written (path, permissions, lock, disk full)."""


_SCHEMA = SCHEMA       # other modules add their tables here (guide.curation: drafts)
_SCHEMA["drafts"] = (
    # Staff curation drafts (guide.curation): kind qa|alias, status pending|approved|rejected|exported,
    # payload = the draft's fields as JSON, every text masked (for_storage); gap = the normalized question.
    {"id": int, "kind": str, "status": str, "payload": str, "gap": str, "created": float, "created_by": str,
     "reviewed": float, "reviewed_by": str, "exported": float, "export_path": str}, "id")


def _is_lock(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _is_full(exc: BaseException) -> bool:
    return "full" in str(exc).lower()


class RuntimeStore(AuthStoreMixin):
    """Thread-safe (one connection per thread); safe across processes through SQLite locking."""

    def __init__(self, path: Path, idle_minutes: int = 30, retention_days: int = 180):
        self.path = Path(path)
        self.idle_seconds = idle_minutes * 60
        self.retention_seconds = retention_days * 86400
        self._local = threading.local()
        self._next_prune = time.monotonic() + PRUNE_FIRST_S     # not in the start-up burst
        self._prune_lock = threading.Lock()
        self.queue = WriteBehind(self._write_turn_background)

    # ------------------------------------------------------------ plumbing

    def _open(self, wait_ms: int) -> sqlite3.Connection:
        folder = self.path.parent
        if not folder.exists():
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:                            # created 0600; SQLite gives -wal and -shm the same mode
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            pass
        conn = sqlite3.connect(self.path, timeout=wait_ms / 1000, check_same_thread=False, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {wait_ms}")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        self._ensure_schema(conn)
        return conn

    dialect = Dialect()

    def _ensure_schema(self, conn) -> None:
        ensure_schema(conn, self.dialect, str(self.path))

    def _conn(self, wait_ms: int) -> sqlite3.Connection:
        """This thread's connection, reopened when the file was deleted or replaced."""
        cached = getattr(self._local, "conn", None)
        try:
            st = os.stat(self.path)
            identity = (st.st_dev, st.st_ino)
        except FileNotFoundError:
            identity = None
        if cached is not None and identity is not None and self._local.identity == identity:
            if self._local.wait_ms != wait_ms:
                cached.execute(f"PRAGMA busy_timeout = {wait_ms}")
                self._local.wait_ms = wait_ms
            return cached
        if cached is not None:
            log.warning("runtime database %s was deleted or replaced: reopening it", self.path)
            cached.close()
            self._local.conn = None
        conn = self._open(wait_ms)
        st = os.stat(self.path)
        self._local.conn, self._local.identity, self._local.wait_ms = conn, (st.st_dev, st.st_ino), wait_ms
        return conn

    def _run(self, action, wait_ms: int = REQUEST_WAIT_MS):
        """Run `action(connection)`; every database or file error becomes StoreUnavailable."""
        try:
            return action(self._conn(wait_ms))
        except (sqlite3.Error, OSError) as exc:
            conn = getattr(self._local, "conn", None)
            if conn is not None and not _is_lock(exc):
                conn.close()
                self._local.conn = None         # reconnect next time (the file may come back)
            raise StoreUnavailable(f"runtime database {self.path}: {exc}") from exc

    _BEGIN = "BEGIN IMMEDIATE"      # the write lock at once: no deadlock between two readers turned writers

    def _transaction(self, write, wait_ms: int = REQUEST_WAIT_MS):
        """`write(conn)` inside BEGIN IMMEDIATE ... COMMIT (plain SQL: one commit, or none)."""
        def run(conn):
            conn.execute(self._BEGIN)
            try:
                result = write(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            return result
        return self._run(run, wait_ms)

    def check(self) -> None:
        """Open (and create or migrate) the database now; StoreUnavailable when it cannot be."""
        self._run(lambda db: db.execute("SELECT 1").fetchone(), BACKGROUND_WAIT_MS)

    # ------------------------------------------------------------ sessions

    def load_session(self, session_id: str) -> dict | None:
        """The session's dialogue state, or None when unknown or idle longer than the limit.
        A turn still waiting in the write-behind queue is newer than the file: it wins."""
        pending = self.queue.pending_state(session_id)
        if pending is not None:
            return pending
        row = self._run(lambda db: db.execute(
            "SELECT state, updated FROM sessions WHERE id = ?", [session_id]).fetchone())
        if row is None or time.time() - row[1] > self.idle_seconds:
            return None
        return json.loads(row[0])

    _UPSERT_SESSION = ("INSERT INTO sessions (id, state, created, updated) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT(id) DO UPDATE SET state = excluded.state, updated = excluded.updated")

    def expire_sessions(self) -> int:
        """Delete sessions idle longer than the limit; returns how many."""
        cutoff = time.time() - self.idle_seconds
        return self._run(lambda db: db.execute("DELETE FROM sessions WHERE updated < ?", [cutoff]).rowcount,
                         BACKGROUND_WAIT_MS)

    # ------------------------------------------------------------ chat turns

    def record_turn(self, session_id: str, state: dict, message_id: str, question: str, reply_type: str,
                    entry_id: str | None, query: dict | None = None) -> bool:
        """One chat turn in one transaction: the session's state, the message, (if the turn
        searched) its query-log row and the popularity aggregate. `query`: source, query,
        normalized, result_ids, confidence, latency_ms. Returns True when written now, False when
        queued for the background writer (the store was locked, full or gone)."""
        turn = {"session_id": session_id, "state": json.dumps(state, ensure_ascii=False),
                "message_id": message_id, "question": for_storage(question), "type": reply_type,
                "entry_id": entry_id or "", "time": time.time(), "query": None if query is None else {
                    "source": query["source"], "query": for_storage(query["query"]),
                    "normalized": for_storage(query["normalized"]),
                    "result_ids": json.dumps(list(query["result_ids"])), "confidence": query["confidence"],
                    "latency_ms": round(query["latency_ms"], 2)}}
        self._maybe_prune()
        if self.queue.busy:                     # keep the order of turns: queue behind older ones
            self.queue.put(turn)
            return False
        try:
            self._transaction(lambda conn: self._insert_turn(conn, turn))
            return True
        except StoreUnavailable as exc:
            log.warning("chat turn queued, not stored yet: %s", exc)
            self.queue.put(turn)
            return False

    def _write_turn_background(self, turn: dict) -> None:
        self._transaction(lambda conn: self._insert_turn(conn, turn), BACKGROUND_WAIT_MS)

    @staticmethod
    def _insert_turn(conn: sqlite3.Connection, turn: dict) -> None:
        now = turn["time"]
        conn.execute(RuntimeStore._UPSERT_SESSION, [turn["session_id"], turn["state"], now, now])
        conn.execute("INSERT INTO messages (id, session_id, time, question, type, entry_id) "
                     "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                     [turn["message_id"], turn["session_id"], now, turn["question"], turn["type"], turn["entry_id"]])
        q = turn["query"]
        if q is not None:
            conn.execute("INSERT INTO queries (time, source, query, normalized, result_ids, confidence, type, "
                         "latency_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         [now, q["source"], q["query"], q["normalized"], q["result_ids"], q["confidence"],
                          turn["type"], q["latency_ms"]])
            conn.execute("INSERT INTO query_counts (normalized, n, example, last) VALUES (?, 1, ?, ?) "
                         "ON CONFLICT(normalized) DO UPDATE SET n = query_counts.n + 1, last = excluded.last",
                         [q["normalized"], q["query"], now])

    def flush(self, timeout: float = 5.0) -> int:
        """Write what the queue holds (at shutdown); returns how many turns are still unwritten."""
        return self.queue.flush(timeout)

    # ------------------------------------------------------------ feedback

    def message_exists(self, session_id: str, message_id: str) -> bool:
        """True when stored. A message still queued raises StoreUnavailable: it exists, but its
        feedback cannot be stored next to it yet (the API answers 503, not 'unknown message')."""
        if self.queue.has_message(session_id, message_id):
            raise StoreUnavailable("the message is still waiting to be written")
        row = self._run(lambda db: db.execute(
            "SELECT 1 FROM messages WHERE id = ? AND session_id = ?", [message_id, session_id]).fetchone())
        return row is not None

    def add_feedback(self, session_id: str, message_id: str, helpful: bool, comment: str = "") -> bool:
        """One row per (session, message): a second vote replaces the first. True when new."""
        def write(conn):
            new = conn.execute("SELECT 1 FROM feedback WHERE session_id = ? AND message_id = ?",
                               [session_id, message_id]).fetchone() is None
            conn.execute(
                "INSERT INTO feedback (session_id, message_id, helpful, comment, time) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(session_id, message_id) DO UPDATE SET helpful = excluded.helpful, "
                "comment = excluded.comment, time = excluded.time",
                [session_id, message_id, int(bool(helpful)), for_storage(comment), time.time()])
            return new
        return self._transaction(write)

    # ------------------------------------------------------------ staff statistics

    def query_stats(self, limit: int = 20) -> dict:
        """Popular questions and unanswered / low-confidence ones, for the counter staff; both read
        an index (the aggregate, the partial index), so the cost does not grow with the log."""
        def read(db):
            popular = db.execute("SELECT normalized, n, example FROM query_counts WHERE n > 0 "
                                 "ORDER BY n DESC, last DESC LIMIT ?", [limit]).fetchall()
            unanswered = db.execute(
                "SELECT query, confidence, time FROM queries WHERE confidence != 'confident' "
                "ORDER BY time DESC LIMIT ?", [limit]).fetchall()
            return popular, unanswered
        popular, unanswered = self._run(read)
        return {
            "popular": [{"query": from_storage(q), "count": n} for _, n, q in popular],
            "unanswered": [{"query": from_storage(q), "confidence": c,
                            "time": time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(t))}
                           for q, c, t in unanswered],
        }

    # ------------------------------------------------------------ retention

    def _maybe_prune(self) -> None:
        now = time.monotonic()
        if now < self._next_prune or self.retention_seconds <= 0:
            return
        with self._prune_lock:
            if now < self._next_prune:
                return
            self._next_prune = now + PRUNE_INTERVAL_S
        threading.Thread(target=self._prune_quietly, name="guide-prune", daemon=True).start()

    def _prune_quietly(self) -> None:
        try:
            self.prune()
        except StoreUnavailable as exc:
            log.warning("retention pruning skipped: %s", exc)

    def prune(self, now: float | None = None) -> dict[str, int]:
        """Delete messages, query-log rows and feedback older than the retention period (and idle
        sessions, stale staff sessions and counters), in batches so no lock is held long."""
        cutoff = (time.time() if now is None else now) - self.retention_seconds
        deleted = {"messages": 0, "queries": 0, "feedback": 0}
        for table in deleted:
            while True:
                def batch(conn, table=table):
                    rows = conn.execute(f"SELECT id{', normalized' if table == 'queries' else ''} FROM {table} "
                                        "WHERE time < ? ORDER BY time LIMIT ?", [cutoff, PRUNE_BATCH]).fetchall()
                    if not rows:
                        return 0
                    if table == "queries":      # the aggregate forgets what the log forgets
                        forgotten: dict[str, int] = {}
                        for _, normalized in rows:
                            forgotten[normalized] = forgotten.get(normalized, 0) + 1
                        for normalized, count in forgotten.items():
                            conn.execute("UPDATE query_counts SET n = n - ? WHERE normalized = ?", [count, normalized])
                    marks = ",".join("?" * len(rows))
                    return conn.execute(f"DELETE FROM {table} WHERE id IN ({marks})", [r[0] for r in rows]).rowcount
                n = self._transaction(batch, BACKGROUND_WAIT_MS)
                deleted[table] += n
                if n < PRUNE_BATCH:
                    break
                time.sleep(PRUNE_PAUSE_S)
        self._transaction(lambda conn: conn.execute("DELETE FROM query_counts WHERE n <= 0"), BACKGROUND_WAIT_MS)
        deleted["sessions"] = self.expire_sessions()
        deleted.update(self.prune_auth())
        if any(deleted.values()):
            log.info("runtime retention: deleted %s", deleted)
        return deleted


def make_store(settings) -> RuntimeStore:
    """The store the settings name: PostgreSQL for a postgresql:// runtime_url (checked now: an
    unreachable database raises StoreUnavailable naming it), else the SQLite file."""
    url = settings.runtime_url
    if url.startswith(("postgresql://", "postgres://")):
        from guide.runtime_pg import PostgresStore

        store = PostgresStore(url, settings.session_idle_minutes, settings.retention_days)
        store.check()
        return store
    return RuntimeStore(Path(url).expanduser() if url else settings.runtime_db, settings.session_idle_minutes,
                        settings.retention_days)


class MemoryStore(RuntimeStore):
    """Same interface, kept in a private in-memory database: for `guide ask` / `guide chat`."""

    _BEGIN = "BEGIN"                # one connection behind a lock: nothing to wait for

    def __init__(self, idle_minutes: int = 30):
        super().__init__(Path(":memory:"), idle_minutes, retention_days=0)
        conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        self._ensure_schema(conn)
        self._shared = conn
        self._lock = threading.Lock()

    def _run(self, action, wait_ms: int = REQUEST_WAIT_MS):
        with self._lock:
            try:
                return action(self._shared)
            except sqlite3.Error as exc:
                raise StoreUnavailable(f"in-memory store: {exc}") from exc
