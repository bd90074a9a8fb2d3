"""Staff access: login/logout pages, staff-only API (query statistics) and admin actions.

Citizen endpoints stay public. Staff sign in at /staff/login with an account from
settings.staff_accounts (username -> werkzeug password hash; `guide staff-add` makes one). A login
creates a server-side session in the runtime store (guide.runtime_auth) and sets the cookie
`guide_staff` to its random token, nothing else: logout deletes the session (a copied cookie stops
working), sessions end after STAFF_LIFETIME at most or STAFF_IDLE without use, and every login makes a
new id. The cookie is HttpOnly, SameSite=Lax, and Secure in production (settings.secure_cookies).
Scripts send `Authorization: Bearer <settings.staff_token>` instead.

Login throttling runs before any password hash is computed: per account, per address and globally,
with a doubling lock-out kept in the runtime store (shared by every worker and replica).

CSRF: a signed-in session has its own random token (sent as X-CSRF-Token or the form field on
every POST made with the cookie); the login form, before any session exists, carries an HMAC of a
random nonce kept in the short-lived cookie `guide_login`. Bearer requests carry no ambient
credentials and are exempt.
"""
from __future__ import annotations

import functools
import hmac
import logging
import math
import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    current_app,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.security import check_password_hash, generate_password_hash

from guide.config import Settings
from guide.runtime import StoreUnavailable
from guide.webapp.security import json_error

log = logging.getLogger(__name__)
staff = Blueprint("staff", __name__)

CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Compared against when the username is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash(secrets.token_hex(8))


# ---------------------------------------------------------------- secret key and cookie settings

def resolve_secret_key(settings: Settings) -> str:
    """settings.secret_key, else var/secret_key (next to the runtime DB) created once with mode 0600.

    Only when that file cannot be read or created: a random key for this process, with a warning
    (staff logins then do not survive a restart and differ between server workers).
    """
    if settings.secret_key:
        return settings.secret_key
    path = Path(settings.runtime_db).parent / "secret_key"
    try:
        return _read_or_create_key(path)
    except OSError as exc:
        log.warning("secret_key is empty and %s cannot be used (%s): using a random key for this "
                    "process; staff logins will not survive restarts and differ between workers. "
                    "Set secret_key in the config file.", path, exc)
        return secrets.token_hex(32)


def _read_or_create_key(path: Path) -> str:
    """Read the key file; create it first if missing. Creation is atomic (a complete temporary
    file hard-linked into place), so workers starting together never read a half-written key."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not path.exists():
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write(secrets.token_hex(32) + "\n")
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass                                    # another process made it first: use theirs
        finally:
            tmp.unlink(missing_ok=True)
    key = path.read_text(encoding="ascii").strip()
    if len(key) < 32:
        raise OSError(f"{path} holds no usable key (delete it to make a new one)")
    if path.stat().st_mode & 0o077:
        log.warning("%s is readable by other users; chmod 600 it", path)
    return key


STAFF_COOKIE = "guide_staff"
LOGIN_COOKIE = "guide_login"
STAFF_LIFETIME = timedelta(hours=8)     # absolute: a session never lives longer
STAFF_IDLE = timedelta(minutes=60)      # unused this long: ended


def init_staff(app: Flask, settings: Settings) -> None:
    app.config.update(SECRET_KEY=resolve_secret_key(settings))
    app.register_blueprint(staff)
    # Templates may put the token in a <meta name="csrf-token"> for scripts making admin POSTs.
    app.jinja_env.globals["csrf_token"] = csrf_token

    @app.after_request
    def set_login_nonce(response):
        nonce = g.pop("new_login_nonce", None)
        if nonce:
            response.set_cookie(LOGIN_COOKIE, nonce, max_age=3600, httponly=True, samesite="Strict",
                                secure=bool(settings.secure_cookies), path="/staff")
        return response


def _store():
    return current_app.extensions["store"]


def _cookie_flags() -> dict:
    return {"httponly": True, "samesite": "Lax", "secure": bool(current_app.extensions["settings"].secure_cookies),
            "path": "/"}


# ---------------------------------------------------------------- who is asking

def _login_csrf() -> str:
    """HMAC of this browser's login nonce (set on first need): the login form's CSRF token."""
    nonce = request.cookies.get(LOGIN_COOKIE) or g.get("new_login_nonce")
    if not nonce or len(nonce) > 64:
        nonce = g.new_login_nonce = secrets.token_urlsafe(24)
    return hmac.new(current_app.secret_key.encode(), nonce.encode(), "sha256").hexdigest()


def _staff_session() -> dict | None:
    """The signed-in session for this request's cookie (looked up once per request)."""
    if "staff_session" not in g:
        token = request.cookies.get(STAFF_COOKIE)
        g.staff_session = None
        if token:
            found = _store().staff_session(token, STAFF_IDLE.total_seconds())
            if found and found["user"] in current_app.extensions["settings"].staff_accounts:
                g.staff_session = found
    return g.staff_session


def csrf_token() -> str:
    try:
        found = _staff_session()
    except StoreUnavailable:
        found = None
    return found["csrf"] if found else _login_csrf()


def _csrf_ok(expected: str | None = None) -> bool:
    expected = expected if expected is not None else csrf_token()
    sent = request.headers.get(CSRF_HEADER) or request.form.get("csrf_token") or ""
    return bool(expected) and hmac.compare_digest(str(sent).encode(), str(expected).encode())


def _bearer() -> bool | None:
    """None: no Authorization header; True: the right staff token; False: anything else."""
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, value = header.partition(" ")
    token = current_app.extensions["settings"].staff_token
    return (scheme.lower() == "bearer" and bool(token)
            and hmac.compare_digest(value.strip().encode(), token.encode()))


def current_staff() -> str | None:
    """The signed-in staff member ("token" for Bearer requests), or None. Raises StoreUnavailable
    when the runtime store cannot say (callers answer 503)."""
    bearer = _bearer()
    if bearer is not None:
        g.staff_via = "token"
        return "token" if bearer else None       # a wrong token never falls back to the cookie
    g.staff_via = "session"
    found = _staff_session()
    return found["user"] if found else None


def staff_required(view):
    """401 JSON for /api/*, a redirect to the login page for pages; CSRF on cookie-session writes."""
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        api = request.path.startswith("/api/")
        try:
            user = current_staff()
        except StoreUnavailable as exc:
            log.warning("staff session not checked: %s", exc)
            return json_error(503, "工作人员登录状态暂时无法确认，请稍后再试。")
        if user is None:
            if api:
                return json_error(401, "请先以工作人员身份登录（或提供有效的 Bearer 令牌）。",
                                  field="Authorization", headers={"WWW-Authenticate": "Bearer"})
            return redirect(url_for("staff.login", next=request.full_path.rstrip("?")))
        if request.method not in SAFE_METHODS and g.staff_via == "session" and not _csrf_ok():
            return json_error(403, "缺少或无效的 CSRF 令牌，请刷新页面后重试。", field="csrf_token")
        g.staff_user = user
        return view(*args, **kwargs)
    return wrapper


@staff.after_request
def no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


# ---------------------------------------------------------------- pages

def _safe_next(target: str | None) -> str | None:
    """Only a path on this site (no scheme, host, '//' or backslash tricks)."""
    if not target or len(target) > 500 or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(c) < 32 for c in target):
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


def _login_page(status: int = 200, error: str | None = None, username: str = "", headers=None):
    settings = current_app.extensions["settings"]
    try:
        user = current_staff()
    except StoreUnavailable:
        user = None
    return render_template("staff_login.html", csrf=csrf_token(), error=error, username=username,
                           next=_safe_next(request.values.get("next")) or "",
                           user=user, build_id=current_app.extensions["guide"].build_id,
                           accounts_configured=bool(settings.staff_accounts)), status, headers or {}


def _throttle_keys(username: str) -> dict[str, str]:
    return {"account": f"login:account:{username[:64]}", "address": f"login:address:{request.remote_addr}",
            "global": "login:global"}


@staff.get("/staff/login")
def login():
    return _login_page()


@staff.post("/staff/login")
def login_submit():
    if not (_csrf_ok(_login_csrf()) or _csrf_ok()):      # the login form's, or a signed-in page's
        return _login_page(400, "页面已过期，请重新输入后提交。")
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    if not username or not password or len(username) > 64 or len(password) > 256:
        return _login_page(400, "请输入用户名和密码。", username[:64])
    store, keys = _store(), _throttle_keys(username)
    try:
        wait = store.login_check(keys)           # before any hash: a refused guess costs one read
    except StoreUnavailable as exc:
        log.warning("login refused, runtime store unavailable: %s", exc)
        return _login_page(503, "登录服务暂时不可用，请稍后再试。", username[:64])
    if wait > 0:
        seconds = max(1, math.ceil(wait))
        return _login_page(429, f"登录尝试过于频繁，请 {seconds} 秒后再试。", username[:64],
                           headers={"Retry-After": str(seconds)})
    accounts = current_app.extensions["settings"].staff_accounts
    stored = accounts.get(username)
    try:
        ok = check_password_hash(stored if isinstance(stored, str) and stored else _DUMMY_HASH, password)
    except (ValueError, TypeError):
        log.error("staff account %r has an unusable password hash; make a new one with "
                  "`guide staff-add`", username)
        ok = False
    try:
        if not ok or stored is None:
            store.login_failed(keys)
            log.warning("failed staff login for %r from %s", username[:64], request.remote_addr)
            return _login_page(401, "用户名或密码错误。", username[:64])
        store.login_succeeded(keys)
        old = request.cookies.get(STAFF_COOKIE)
        if old:
            store.end_staff_session(old)         # a new id at every login
        token, _ = store.create_staff_session(username, STAFF_LIFETIME.total_seconds())
    except StoreUnavailable as exc:
        log.warning("login not completed, runtime store unavailable: %s", exc)
        return _login_page(503, "登录服务暂时不可用，请稍后再试。", username[:64])
    log.info("staff %r signed in from %s", username, request.remote_addr)
    response = redirect(_safe_next(request.form.get("next")) or url_for("staff.home"), code=303)
    response.set_cookie(STAFF_COOKIE, token, max_age=int(STAFF_LIFETIME.total_seconds()), **_cookie_flags())
    response.delete_cookie(LOGIN_COOKIE, path="/staff")
    return response


@staff.post("/staff/logout")
def logout():
    if not _csrf_ok():
        return _login_page(400, "页面已过期，请刷新后再退出登录。")
    token = request.cookies.get(STAFF_COOKIE)
    if token:
        try:
            _store().end_staff_session(token)
        except StoreUnavailable as exc:
            log.warning("logout not stored: %s", exc)
            return _login_page(503, "退出登录暂时无法完成，请稍后再试。")
    response = redirect(url_for("staff.login"), code=303)
    flags = _cookie_flags()
    response.delete_cookie(STAFF_COOKIE, path="/", secure=flags["secure"], httponly=True, samesite="Lax")
    return response


@staff.get("/staff")
@staff_required
def home():
    return _login_page()


# ---------------------------------------------------------------- staff API

@staff.get("/api/staff/session")
@staff_required
def whoami():
    """Who is signed in, and the CSRF token scripts send as X-CSRF-Token on admin POSTs."""
    token = csrf_token() if g.staff_via == "session" else None
    return jsonify(user=g.staff_user, via=g.staff_via, csrf_token=token)


@staff.get("/api/staff/queries")
@staff_required
def queries():
    try:
        return jsonify(current_app.extensions["store"].query_stats())
    except StoreUnavailable as exc:
        log.warning("query stats unavailable: %s", exc)
        return json_error(503, "问题统计暂时无法读取，请稍后再试。")


@staff.post("/api/admin/reload")
@staff_required
def reload_build():
    """Load the build CURRENT names now; a failed load keeps the old build serving (409)."""
    from guide.webapp.production import ReloadError

    reloader = current_app.extensions["reloader"]
    try:
        result = reloader.reload()
    except ReloadError as exc:
        return json_error(409, f"新索引加载失败，仍在使用 {exc.kept}：{exc}", field="index", error="Conflict")
    log.info("reload requested by %s: %s", g.staff_user, result)
    return jsonify(result)
