"""Write-behind queue for chat turns the runtime database could not take at once.

A chat answer must not wait on the store (a lock held by another process, a full disk, a deleted
file); the turn goes here and one background thread per process writes it as soon as the store
takes it, oldest first, retrying with back-off. While a turn waits, its session's newest state is
served from here (`pending_state`), so the conversation goes on. The queue is bounded: when full,
the oldest turn is dropped and logged (the answer was given; only its record is lost). The thread
starts on first use in each process (never before a fork) and `flush` drains it at shutdown.
"""
from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections import deque

log = logging.getLogger(__name__)

MAX_PENDING = 10_000
RETRY_MIN_S, RETRY_MAX_S = 0.05, 5.0


class WriteBehind:
    def __init__(self, write, max_pending: int = MAX_PENDING):
        self._write = write                 # write(turn) raises on failure
        self._items: deque[dict] = deque()
        self._max = max_pending
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()     # one writer at a time: the loop or flush()
        self._wake = threading.Event()
        self._pid = None
        self.dropped = 0
        self.written = 0

    @property
    def busy(self) -> bool:
        return bool(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def put(self, turn: dict) -> None:
        with self._lock:
            if len(self._items) >= self._max:
                old = self._items.popleft()
                self.dropped += 1
                log.error("write-behind queue full (%d): chat turn %s of session %s dropped",
                          self._max, old["message_id"], old["session_id"][:8])
            self._items.append(turn)
            self._ensure_thread()
        self._wake.set()

    def pending_state(self, session_id: str) -> dict | None:
        with self._lock:
            for turn in reversed(self._items):
                if turn["session_id"] == session_id:
                    return json.loads(turn["state"])
        return None

    def has_message(self, session_id: str, message_id: str) -> bool:
        with self._lock:
            return any(t["message_id"] == message_id and t["session_id"] == session_id for t in self._items)

    def _ensure_thread(self) -> None:
        if self._pid != os.getpid():        # first use in this process (or after a fork)
            self._pid = os.getpid()
            threading.Thread(target=self._loop, name="guide-write-behind", daemon=True).start()

    def _write_one(self) -> bool:
        """Write the oldest turn; False when the store refused it (it stays first in line)."""
        with self._write_lock:
            return self._write_first()

    def _write_first(self) -> bool:
        with self._lock:
            if not self._items:
                return True
            turn = self._items[0]
        try:
            self._write(turn)
        except Exception as exc:  # noqa: BLE001 - any failure: keep it and retry later
            log.debug("write-behind retry later: %s", exc)
            return False
        with self._lock:
            if self._items and self._items[0] is turn:
                self._items.popleft()
            self.written += 1
        return True

    def _loop(self) -> None:
        delay = RETRY_MIN_S
        while True:
            self._wake.wait(timeout=delay if self._items else None)
            self._wake.clear()
            while self._items:
                if not self._write_one():
                    delay = min(delay * 2, RETRY_MAX_S)
                    break
                delay = RETRY_MIN_S

    def flush(self, timeout: float = 5.0) -> int:
        """Try to write everything within `timeout` seconds; returns how many are left."""
        deadline = time.monotonic() + timeout
        while self._items and time.monotonic() < deadline:
            if not self._write_one():
                time.sleep(0.05)
        if self._items:
            log.error("%d chat turn(s) could not be written before shutdown", len(self._items))
        return len(self._items)
