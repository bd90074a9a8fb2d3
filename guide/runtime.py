"""The runtime database: sessions, messages, feedback and the query log (never the index build).

One SQLite file in WAL mode with a busy timeout, so several server workers write concurrently
without losing rows. Every user text is masked (guide.privacy) before it is written. When the
file cannot be opened or written, methods raise StoreUnavailable: callers decide whether that is
fatal (feedback: 503) or not (chat still answers).
"""
from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

import sqlite_utils

from guide.privacy import for_storage, from_storage

BUSY_TIMEOUT_MS = 5000


class StoreUnavailable(RuntimeError):
    """The runtime database cannot be read or written (path, permissions, lock)."""


_SCHEMA = {
    "sessions": ({"id": str, "state": str, "created": float, "updated": float}, "id"),
    "messages": ({"id": str, "session_id": str, "time": float, "question": str, "type": str,
                  "entry_id": str}, "id"),
    "feedback": ({"id": int, "session_id": str, "message_id": str, "helpful": int, "comment": str,
                  "time": float}, "id"),
    "queries": ({"id": int, "time": float, "source": str, "query": str, "normalized": str,
                 "result_ids": str, "confidence": str, "type": str, "latency_ms": float}, "id"),
    # Staff curation drafts (guide.curation): kind qa|alias, status pending|approved|rejected|exported,
    # payload = the draft's fields as JSON, every text masked (for_storage); gap = the normalized question.
    "drafts": ({"id": int, "kind": str, "status": str, "payload": str, "gap": str, "created": float,
                "created_by": str, "reviewed": float, "reviewed_by": str, "exported": float,
                "export_path": str}, "id"),
}


class RuntimeStore:
    """Thread-safe (one connection per thread); safe across processes through SQLite locking."""

    def __init__(self, path: Path, idle_minutes: int = 30):
        self.path = Path(path)
        self.idle_seconds = idle_minutes * 60
        self._local = threading.local()
        self._schema_ready = False

    # ------------------------------------------------------------ plumbing

    def _db(self) -> sqlite_utils.Database:
        db = getattr(self._local, "db", None)
        if db is not None:
            return db
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False,
                               isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        db = sqlite_utils.Database(conn)
        if not self._schema_ready:
            self._create_schema(db)
        self._local.db = db
        return db

    def _create_schema(self, db: sqlite_utils.Database) -> None:
        for name, (columns, pk) in _SCHEMA.items():
            db[name].create(columns, pk=pk, if_not_exists=True)
        db["messages"].create_index(["session_id"], if_not_exists=True)
        db["queries"].create_index(["time"], if_not_exists=True)
        self._schema_ready = True

    def _run(self, action):
        try:
            return action(self._db())
        except (sqlite3.Error, OSError) as exc:
            self._local.db = None       # reconnect next time (the file may come back)
            raise StoreUnavailable(f"runtime database {self.path}: {exc}") from exc

    # ------------------------------------------------------------ sessions

    def load_session(self, session_id: str) -> dict | None:
        """The session's dialogue state, or None when unknown or idle longer than the limit."""
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
        return self._run(lambda db: db.execute("DELETE FROM sessions WHERE updated < ?", [cutoff]).rowcount)

    # ------------------------------------------------------------ messages, feedback, query log

    def record_turn(self, session_id: str, state: dict, message_id: str, question: str, reply_type: str,
                    entry_id: str | None, query: dict | None = None) -> None:
        """One chat turn in one transaction: the session's state, the message and (if the turn
        searched) its query-log row. `query`: source, query, normalized, result_ids, confidence,
        latency_ms."""
        now = time.time()

        def write(db):      # plain SQL: sqlite-utils' insert() would commit midway (`with conn:`)
            conn = db.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute(self._UPSERT_SESSION, [session_id, json.dumps(state, ensure_ascii=False), now, now])
                conn.execute("INSERT INTO messages (id, session_id, time, question, type, entry_id) "
                             "VALUES (?, ?, ?, ?, ?, ?)",
                             [message_id, session_id, now, for_storage(question), reply_type, entry_id or ""])
                if query is not None:
                    conn.execute(
                        "INSERT INTO queries (time, source, query, normalized, result_ids, confidence, type, "
                        "latency_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [now, query["source"], for_storage(query["query"]), for_storage(query["normalized"]),
                         json.dumps(query["result_ids"]), query["confidence"], reply_type,
                         round(query["latency_ms"], 2)])
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        self._run(write)

    def message_exists(self, session_id: str, message_id: str) -> bool:
        row = self._run(lambda db: db.execute(
            "SELECT 1 FROM messages WHERE id = ? AND session_id = ?", [message_id, session_id]).fetchone())
        return row is not None

    def add_feedback(self, session_id: str, message_id: str, helpful: bool, comment: str = "") -> int:
        return self._run(lambda db: db["feedback"].insert({
            "session_id": session_id, "message_id": message_id, "helpful": int(bool(helpful)),
            "comment": for_storage(comment), "time": time.time()}).last_pk)

    def query_stats(self, limit: int = 20) -> dict:
        """Popular questions and unanswered / low-confidence ones, for the counter staff."""
        def read(db):
            popular = db.execute(
                "SELECT normalized, COUNT(*) AS n, MIN(query) FROM queries GROUP BY normalized "
                "ORDER BY n DESC, MAX(time) DESC LIMIT ?", [limit]).fetchall()
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


class MemoryStore(RuntimeStore):
    """Same interface, kept in a private in-memory database: for `guide ask` / `guide chat`."""

    def __init__(self, idle_minutes: int = 30):
        super().__init__(Path(":memory:"), idle_minutes)
        conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        self._shared = sqlite_utils.Database(conn)
        self._create_schema(self._shared)
        self._lock = threading.Lock()

    def _run(self, action):
        with self._lock:
            return action(self._shared)
