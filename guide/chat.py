"""One chat turn end to end: validate, load the session, run the dialogue, render, remember.

The API, `guide ask` and `guide chat` all call ChatService.turn, so every surface behaves alike.
The runtime store failing never stops an answer: the turn is answered and the failure logged.
"""
from __future__ import annotations

import logging
import secrets
import time
import uuid

from guide.dialogue import Dialogue, DialogueState, StateError
from guide.present.payload import chat_payload
from guide.privacy import strip_control_chars
from guide.runtime import RuntimeStore, StoreUnavailable
from guide.search.types import FilterError

log = logging.getLogger(__name__)
SESSION_ID_MAX = 64
EXPIRY_INTERVAL_S = 3600        # idle sessions are deleted at most this often, per process


class InputError(ValueError):
    """The client's mistake; `field` names the offending request field."""

    def __init__(self, message: str, field: str):
        super().__init__(message)
        self.field = field


class ChatService:
    def __init__(self, guide, store: RuntimeStore, max_chars: int = 200):
        self.guide, self.store, self.max_chars = guide, store, max_chars
        self.dialogue = Dialogue(guide)
        self._last_expiry = time.monotonic()

    def clean_message(self, message) -> str | None:
        if message is None:
            return None
        if not isinstance(message, str):
            raise InputError("message 必须是字符串", "message")
        text = " ".join(strip_control_chars(message).split())
        if len(text) > self.max_chars:
            raise InputError(f"message 过长，最多 {self.max_chars} 个字符", "message")
        return text

    def turn(self, message=None, session_id=None, choice=None, source: str = "chat", region=None) -> dict:
        """Answer one turn; raises InputError (client mistakes) or dialogue.ChoiceError. `region`
        (a served area code) sets where the conversation asks from; the session keeps it."""
        started = time.perf_counter()
        text = self.clean_message(message)
        if choice is not None and (not isinstance(choice, str) or not choice or len(choice) > 64):
            raise InputError("choice 必须是上一轮提供的选项编号（字符串）", "choice")
        if not text and choice is None:
            raise InputError("message 不能为空（请输入您的问题）", "message")
        if session_id is not None and (not isinstance(session_id, str) or len(session_id) > SESSION_ID_MAX):
            raise InputError("session_id 必须是字符串", "session_id")
        if region is not None:
            if not isinstance(region, str):
                raise InputError("region 必须是地区代码（字符串）", "region")
            try:
                self.guide.check_filters(None, None, None, region)
            except FilterError as exc:
                raise InputError(str(exc), "region") from None
        state = None
        if session_id:
            try:
                stored = self.store.load_session(session_id)
                state = None if stored is None else DialogueState.from_json(stored)
            except StoreUnavailable as exc:
                log.warning("session not loaded: %s", exc)
            except StateError as exc:
                log.warning("session %s not readable (%s): starting a new one", session_id[:8], exc)
        if state is None:           # unknown, expired or unreadable: a new conversation
            session_id, state = secrets.token_urlsafe(16), DialogueState()
        if region is not None and region != state.region:
            state = state.replace(region=region)
        new, plan = self.dialogue.respond(state, text if choice is None else None, choice)
        message_id = uuid.uuid4().hex
        payload = chat_payload(plan, session_id, message_id, self.guide.get, self.guide.department_names)
        latency_ms = (time.perf_counter() - started) * 1000
        self._remember(session_id, new, message_id, text or f"[选项] {choice}", payload, plan, latency_ms, source)
        return payload

    def _remember(self, session_id, state, message_id, question, payload, plan, latency_ms, source) -> None:
        entry_id = payload["matter"]["id"] if payload["matter"] else None
        result = plan.search
        query = None if result is None else {
            "source": source, "query": result.query, "normalized": result.normalized,
            "result_ids": [h.id for h in result.hits], "confidence": result.confidence, "latency_ms": latency_ms}
        try:
            self.store.record_turn(session_id, state.to_json(), message_id, question, payload["type"], entry_id, query)
            if time.monotonic() - self._last_expiry > EXPIRY_INTERVAL_S:
                self._last_expiry = time.monotonic()
                self.store.expire_sessions()
        except StoreUnavailable as exc:
            log.warning("chat turn not stored: %s", exc)
