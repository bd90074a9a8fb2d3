"""Security middleware: response headers, request size limit, rate limits, POST checks, JSON errors.

Registered by create_app through init_security(app, settings). Every client mistake becomes a
4xx JSON body {"error", "message", "field", "status"} (messages in Simplified Chinese); nothing
ever answers with a traceback. POSTs to /api/* must be application/json (a cross-site form or
text/plain post cannot be), and any POST whose Origin is not this site's is refused.
"""
from __future__ import annotations

import hmac
import logging
import math
import os
import threading
import time

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from guide.config import Settings

log = logging.getLogger(__name__)

MAX_CONTENT_LENGTH = 16 * 1024          # bytes of request body (chat/feedback JSON, login form)
LOGIN_ATTEMPTS_PER_MINUTE = 10          # login form posts per client address (before throttling)
FEEDBACK_PER_MINUTE = 30                # feedback posts per client address
HSTS = "max-age=31536000"

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}

# Short Chinese messages for the errors werkzeug raises with its own (English) description.
MESSAGES = {
    400: "请求格式有误。",
    401: "请先以工作人员身份登录。",
    403: "没有权限执行此操作。",
    404: "没有找到请求的地址。",
    405: "该地址不支持此请求方法。",
    408: "请求超时，请重试。",
    411: "请求缺少 Content-Length。",
    413: f"请求内容过大（最多 {MAX_CONTENT_LENGTH // 1024} KB）。",
    414: "请求地址过长。",
    415: "不支持的请求内容类型。",
    429: "请求过于频繁，请稍后再试。",
    431: "请求头过大。",
    500: "服务暂时不可用，请稍后再试。",
    501: "服务器不支持此请求方法。",
    503: "服务暂时不可用，请稍后再试。",
}


def json_error(status: int, message: str | None = None, field: str | None = None, error: str | None = None,
               headers: dict | list | None = None) -> Response:
    """The API's error body: {"error", "message", "field", "status"}."""
    from werkzeug.http import HTTP_STATUS_CODES

    response = jsonify(error=error or HTTP_STATUS_CODES.get(status, "Error"),
                       message=message or MESSAGES.get(status, "请求无法处理。"), field=field, status=status)
    response.status_code = status
    for key, value in (headers.items() if isinstance(headers, dict) else headers or ()):
        response.headers[key] = value
    return response


def is_api_path(path: str) -> bool:
    return path.startswith("/api/") or path == "/api" or path == "/healthz"


# ---------------------------------------------------------------- rate limit

class RateLimiter:
    """Token bucket per client key: `per_minute` requests per minute, bursts up to `per_minute`.

    Kept in process memory: with N server workers each worker has its own buckets, so the
    effective limit for a client is up to N x per_minute (and a keep-alive connection stays on
    one worker, so in practice it is close to per_minute). Sharing buckets through the runtime
    SQLite would add a write per search; not worth it for an abuse guard.
    """

    MAX_KEYS = 50_000

    def __init__(self, per_minute: int):
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0               # tokens per second
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str, now: float | None = None) -> float:
        """Take one token; 0.0 when allowed, else the seconds until the next token."""
        if self.capacity <= 0:
            return 0.0
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                if len(self._buckets) > self.MAX_KEYS:
                    self._prune(now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.rate

    def _prune(self, now: float) -> None:
        """Forget clients whose bucket has refilled (idle); if still too many, the oldest half."""
        full = self.capacity / self.rate
        self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < full}
        if len(self._buckets) > self.MAX_KEYS:
            keep = sorted(self._buckets.items(), key=lambda kv: kv[1][1])[len(self._buckets) // 2:]
            self._buckets = dict(keep)


class SharedRateLimiter:
    """A per-process token bucket plus one-minute window counters shared through the runtime store.

    A client's first request in a minute adds itself to the store's counter and reads the shared
    total (one small write per client per minute); after that hits are counted in memory and a
    background thread adds them to the store about once a second, reading back each active key's
    total over every process (and replica, with a shared database). A client is refused when its local bucket is
    empty or the shared total for the current minute has reached the limit, so the limit holds
    across workers to within about a second of traffic. When the store is unavailable the local
    bucket still applies.
    """

    def __init__(self, per_minute: int, store=None, sync_seconds: float = 1.0):
        self.per_minute = per_minute
        self.local = RateLimiter(per_minute)
        self.store, self.sync_seconds = store, sync_seconds
        self._pending: dict[tuple[int, str], int] = {}
        self._totals: dict[tuple[int, str], int] = {}
        self._lock = threading.Lock()
        self._pid = None

    def hit(self, key: str) -> float:
        if self.per_minute <= 0:
            return 0.0
        wait = self.local.hit(key)
        if wait > 0 or self.store is None:
            return wait
        now = time.time()
        window = int(now // 60)
        if (window, key) not in self._totals:
            # A client's first request this minute here: add it and read the shared total now
            # (one small write per client per minute), so a replica the client has not used yet
            # knows what the others counted.
            try:
                total = self.store.count_add({key: 1}, window)[key]
            except Exception as exc:  # noqa: BLE001 - the local bucket still limits
                log.debug("rate counter not shared: %s", exc)
            else:
                with self._lock:
                    self._totals[(window, key)] = total
                    self._start_sync_thread()
                return 0.0 if total <= self.per_minute else (window + 1) * 60 - now
        with self._lock:
            seen = self._totals.get((window, key), 0) + self._pending.get((window, key), 0)
            if seen >= self.per_minute:
                return (window + 1) * 60 - now
            self._pending[(window, key)] = self._pending.get((window, key), 0) + 1
            self._start_sync_thread()
        return 0.0

    def _start_sync_thread(self) -> None:
        if self._pid != os.getpid():            # first use in this process (never before a fork)
            self._pid = os.getpid()
            threading.Thread(target=self._sync_loop, name="guide-rate-sync", daemon=True).start()

    def sync(self) -> None:
        """Push this process's counts, pull the totals (called by the thread; tests call it)."""
        with self._lock:
            pending, self._pending = self._pending, {}
        current = int(time.time() // 60)
        by_window: dict[int, dict[str, int]] = {}
        with self._lock:            # keys active this minute: re-read their totals (other workers' hits)
            for window, key in self._totals:
                if window == current:
                    by_window.setdefault(window, {})[key] = 0
        for (window, key), n in pending.items():
            by_window.setdefault(window, {})[key] = n
        for window, deltas in by_window.items():
            try:
                totals = self.store.count_add(deltas, window)
            except Exception as exc:  # noqa: BLE001 - the local bucket still limits
                log.debug("rate counters not shared: %s", exc)
                continue
            with self._lock:
                for key, total in totals.items():
                    self._totals[(window, key)] = total
        with self._lock:
            self._totals = {k: v for k, v in self._totals.items() if k[0] >= current - 1}

    def _sync_loop(self) -> None:
        while True:
            time.sleep(self.sync_seconds)
            if self._pending or self._totals:
                self.sync()


def client_key() -> str:
    # The peer address. Behind a reverse proxy every request shares the proxy's address: put
    # werkzeug's ProxyFix in front (trusting only that proxy) before relying on this limit.
    return request.remote_addr or "unknown"


# ---------------------------------------------------------------- registration

def response_security_headers(settings: Settings) -> dict:
    """The headers every response carries (HSTS when cookies are Secure, i.e. in production)."""
    headers = dict(SECURITY_HEADERS)
    if settings.secure_cookies:
        headers["Strict-Transport-Security"] = HSTS
    return headers


def allowed_origins(settings: Settings) -> set[str]:
    return {o.strip().rstrip("/") for o in settings.allowed_origins.split(",") if o.strip()}


def _origin_ok(extra: set[str]) -> bool:
    """No Origin (curl, scripts, same-origin GET-initiated forms in old browsers) or this site's own."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    own = f"{request.scheme}://{request.host}"
    return origin.rstrip("/") in extra | {own}


def init_security(app: Flask, settings: Settings) -> None:
    app.config["MAX_CONTENT_LENGTH"] = MAX_CONTENT_LENGTH
    store = app.extensions.get("store")
    rate = settings.rate_limit_per_minute
    api_limiter = SharedRateLimiter(rate, store)
    login_limiter = SharedRateLimiter(LOGIN_ATTEMPTS_PER_MINUTE if rate else 0, store)
    feedback_limiter = SharedRateLimiter(FEEDBACK_PER_MINUTE if rate else 0, store)
    app.extensions["rate_limiters"] = {"api": api_limiter, "login": login_limiter, "feedback": feedback_limiter}
    limited = {("api.search", "GET"): api_limiter, ("api.chat", "POST"): api_limiter,
               ("staff.login_submit", "POST"): login_limiter, ("api.feedback", "POST"): feedback_limiter}
    headers = response_security_headers(settings)
    origins = allowed_origins(settings)

    @app.before_request
    def limit_requests():
        secret = app.config.get("FRONT_SECRET")
        if secret and not hmac.compare_digest(request.headers.get("X-Guide-Front", "").encode(), secret.encode()):
            return json_error(403, "请通过服务入口访问。", field="X-Guide-Front")
        length = request.content_length
        if length is not None and length > MAX_CONTENT_LENGTH:
            raise RequestEntityTooLarge()
        if request.method == "POST":
            if not _origin_ok(origins):
                return json_error(403, "不接受来自其他网站的提交。", field="Origin")
            scripted = request.path.startswith(("/api/admin/", "/api/staff/")) and "Authorization" in request.headers
            if is_api_path(request.path) and request.mimetype != "application/json" and not scripted:
                return json_error(415, "请求体必须是 JSON（Content-Type: application/json）。", field="Content-Type")
        limiter = limited.get((request.endpoint, request.method))
        if limiter is not None:
            wait = limiter.hit(f"{request.endpoint}|{client_key()}")
            if wait > 0:
                seconds = max(1, math.ceil(wait))
                return json_error(429, f"请求过于频繁，请 {seconds} 秒后再试。",
                                  headers={"Retry-After": str(seconds)})
        return None

    @app.after_request
    def security_headers(response: Response) -> Response:
        for key, value in headers.items():
            response.headers.setdefault(key, value)
        return response

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        code = exc.code or 500
        default = type(exc).description
        custom = exc.description if exc.description and exc.description != default else None
        headers = [(k, v) for k, v in exc.get_headers() if k.lower() != "content-type"]
        if code == 404 and not is_api_path(request.path) and _wants_html():
            try:
                body = render_template("not_found.html", message=custom or "您访问的页面不存在，可能已调整或地址有误。")
                return body, 404
            except Exception:  # noqa: BLE001 - a page error must not hide the 404
                log.exception("not_found page failed")
        return json_error(code, custom or MESSAGES.get(code), headers=headers)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.path)
        return json_error(500)


def _wants_html() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "text/html" and request.method in ("GET", "HEAD")
