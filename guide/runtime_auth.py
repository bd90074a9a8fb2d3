"""Staff sessions and throttle counters in the runtime store, so every worker (and, with a shared
database, every replica) sees the same logins, logouts and limits.

Staff sessions: the cookie carries a random 256-bit token and nothing else; the store keeps only
its SHA-256, the user, the session's CSRF token, an absolute expiry and when it was last seen. Logout
deletes the row, so a copied cookie stops working at once.

Counters: fixed one-minute windows per key (`count_add`), for the request rate limits shared across
processes. Login failures: per account, per address and one global key, each with an exponential
lock-out (`login_check` before any password hash is computed, so a refused guess costs one read).
"""
from __future__ import annotations

import hashlib
import secrets
import time

SEEN_WRITE_S = 60               # last-seen is written at most this often per session
LOGIN_LIMITS = {                # key kind -> failures within FAILURE_MEMORY_S that start a lock-out
    "account": 5, "address": 20, "global": 60,
}
LOCK_BASE_S, LOCK_MAX_S = 30.0, 3600.0
FAILURE_MEMORY_S = 3600.0       # failures older than this are forgotten


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class AuthStoreMixin:
    """Mixed into RuntimeStore: uses its `_run` and `_transaction`."""

    # ------------------------------------------------------------ staff sessions

    def create_staff_session(self, user: str, lifetime_s: float) -> tuple[str, str]:
        """A new session (a new id at every login); returns (cookie token, CSRF token)."""
        token, csrf, now = secrets.token_urlsafe(32), secrets.token_urlsafe(32), time.time()
        self._transaction(lambda conn: conn.execute(
            "INSERT INTO staff_sessions (id, user, csrf, created, expires, seen) VALUES (?, ?, ?, ?, ?, ?)",
            [_digest(token), user, csrf, now, now + lifetime_s, now]))
        return token, csrf

    def staff_session(self, token: str, idle_s: float) -> dict | None:
        """The live session for this cookie token, or None (unknown, logged out, expired, idle)."""
        if not token or len(token) > 128:
            return None
        key, now = _digest(token), time.time()
        row = self._run(lambda db: db.execute(
            "SELECT user, csrf, expires, seen FROM staff_sessions WHERE id = ?", [key]).fetchone())
        if row is None:
            return None
        user, csrf, expires, seen = row
        if now >= expires or now - seen > idle_s:
            self.end_staff_session(token)
            return None
        if now - seen > SEEN_WRITE_S:
            self._transaction(lambda conn: conn.execute(
                "UPDATE staff_sessions SET seen = ? WHERE id = ?", [now, key]))
        return {"user": user, "csrf": csrf, "expires": expires}

    def end_staff_session(self, token: str) -> None:
        self._transaction(lambda conn: conn.execute("DELETE FROM staff_sessions WHERE id = ?", [_digest(token)]))

    def end_sessions_of(self, user: str) -> int:
        """Revoke every session of a user (an account removed or its password changed)."""
        return self._transaction(lambda conn: conn.execute(
            "DELETE FROM staff_sessions WHERE user = ?", [user]).rowcount)

    # ------------------------------------------------------------ shared rate counters

    def count_add(self, deltas: dict[str, int], window: int) -> dict[str, int]:
        """Add each key's hits to this window's counters; returns the totals after adding."""
        def write(conn):
            totals = {}
            for key, n in deltas.items():
                row = conn.execute(
                    "INSERT INTO counters (key, window, n) VALUES (?, ?, ?) ON CONFLICT(key, window) "
                    "DO UPDATE SET n = n + excluded.n RETURNING n", [key, window, n]).fetchone()
                totals[key] = row[0]
            return totals
        return self._transaction(write)

    # ------------------------------------------------------------ login throttling

    def login_check(self, keys: dict[str, str], now: float | None = None) -> float:
        """Seconds until a login may be tried for these keys ({kind: key}); 0.0 when allowed."""
        now = time.time() if now is None else now
        marks = list(keys.values())
        rows = self._run(lambda db: db.execute(
            f"SELECT MAX(locked_until) FROM login_failures WHERE key IN ({','.join('?' * len(marks))})",
            marks).fetchone())
        locked_until = rows[0] or 0.0
        return max(0.0, locked_until - now)

    def login_failed(self, keys: dict[str, str], now: float | None = None) -> None:
        """Count a failure for each key; past its kind's limit, lock it out for a doubling time."""
        now = time.time() if now is None else now

        def write(conn):
            for kind, key in keys.items():
                row = conn.execute("SELECT n, last FROM login_failures WHERE key = ?", [key]).fetchone()
                n = 1 if row is None or now - row[1] > FAILURE_MEMORY_S else row[0] + 1
                over = n - LOGIN_LIMITS[kind]          # the limit-th failure starts the first lock-out
                locked = now + min(LOCK_BASE_S * 2 ** over, LOCK_MAX_S) if over >= 0 else 0.0
                conn.execute("INSERT INTO login_failures (key, n, last, locked_until) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT(key) DO UPDATE SET n = excluded.n, last = excluded.last, "
                             "locked_until = excluded.locked_until", [key, n, now, locked])
        self._transaction(write)

    def login_succeeded(self, keys: dict[str, str]) -> None:
        """A right password clears the account's and the address's failures (not the global key)."""
        marks = [key for kind, key in keys.items() if kind != "global"]
        if marks:
            self._transaction(lambda conn: conn.execute(
                f"DELETE FROM login_failures WHERE key IN ({','.join('?' * len(marks))})", marks))

    # ------------------------------------------------------------ maintenance

    def prune_auth(self, now: float | None = None) -> dict[str, int]:
        now = time.time() if now is None else now
        window = int(now // 60)

        def write(conn):
            return {
                "staff_sessions": conn.execute("DELETE FROM staff_sessions WHERE expires < ?", [now]).rowcount,
                "counters": conn.execute("DELETE FROM counters WHERE window < ?", [window - 2]).rowcount,
                "login_failures": conn.execute("DELETE FROM login_failures WHERE last < ? AND locked_until < ?",
                                               [now - FAILURE_MEMORY_S, now]).rowcount,
            }
        return self._transaction(write, 5000)
