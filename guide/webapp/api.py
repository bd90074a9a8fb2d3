"""The JSON API (version 1): health, search, matters, chat, feedback."""
from __future__ import annotations

import json

from flask import Blueprint, abort, current_app, jsonify, request

from guide.catalog import entry_to_dict
from guide.chat import InputError
from guide.dialogue import ChoiceError
from guide.present.payload import search_payload
from guide.present.view import entry_view
from guide.runtime import StoreUnavailable
from guide.search.types import FilterError
from guide.webapp.security import json_error

api = Blueprint("api", __name__)


def _guide():
    return current_app.extensions["guide"]


def _settings():
    return current_app.extensions["settings"]


def bad_request(message: str, field: str):
    return json_error(400, message, field)


@api.get("/healthz")
def healthz():
    g = _guide()
    return jsonify(status="ok", build_id=g.build_id, matters=g.matter_count,
                   bundles=int((g.kinds == "bundle").sum()), qas=int((g.kinds == "qa").sum()),
                   regions=list(g.served_regions), default_region=g.settings.default_region)


@api.get("/api/search")
def search():
    settings = _settings()
    q = request.args.get("q")
    if q is None or not q.strip():
        return bad_request("参数 q 不能为空（missing or empty q）", "q")
    if len(q) > settings.max_message_chars:
        return bad_request(f"参数 q 过长，最多 {settings.max_message_chars} 个字符", "q")
    raw_k = request.args.get("k", "5")
    try:
        k = int(raw_k)
    except ValueError:
        return bad_request(f"参数 k 必须是整数，收到 {raw_k[:20]!r}", "k")
    if not 1 <= k <= settings.max_k:
        return bad_request(f"参数 k 必须在 1 到 {settings.max_k} 之间", "k")
    kind, subject = request.args.get("kind") or None, request.args.get("subject") or None
    department, region = request.args.get("department") or None, request.args.get("region") or None
    try:
        _guide().check_filters(department, subject, kind, region)
    except FilterError as exc:
        return bad_request(str(exc), exc.field)
    result = _guide().search(q, k=k, department=department, subject=subject, kind=kind, region=region)
    return jsonify(search_payload(result))


@api.get("/api/matters/<entry_id>")
def matter(entry_id: str):
    entry = _guide().get(entry_id)
    if entry is None:
        abort(404, description=f"没有编号为 {entry_id[:40]} 的事项")
    return jsonify(entry_to_dict(entry))


@api.get("/api/matters/<entry_id>/view")
def matter_view(entry_id: str):
    """What the pages show of an entry for the situations in the query string
    (`?reason=expire&residence=local`): which materials apply, texts, member names."""
    g = _guide()
    entry = g.get(entry_id)
    if entry is None:
        abort(404, description=f"没有编号为 {entry_id[:40]} 的事项")
    chosen = {s.id: request.args[s.id] for s in getattr(entry, "situations", ()) if request.args.get(s.id)}
    return jsonify(entry_view(entry, chosen, departments=g.department_names, get=g.get))


MAX_JSON_DEPTH = 8


def _bad_string(value, path: str, depth: int = 0) -> str | None:
    """The field path of the first string holding a lone surrogate (no text can be stored with
    one), or of a structure nested deeper than MAX_JSON_DEPTH; None when the body is clean."""
    if depth > MAX_JSON_DEPTH:
        return path
    if isinstance(value, str):
        return path if any("\ud800" <= ch <= "\udfff" for ch in value) else None
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        if isinstance(key, str) and _bad_string(key, path) is not None:
            return path
        found = _bad_string(item, str(key) if depth == 0 else f"{path}.{key}", depth + 1)
        if found is not None:
            return found
    return None


def _json_body(allowed: set[str]):
    """The request's JSON object, or a 400 response naming what is wrong."""
    try:
        body = json.loads(request.get_data(cache=True) or b"null")
    except (ValueError, RecursionError):        # RecursionError: nested thousands deep
        body = None
    if not isinstance(body, dict):
        return None, bad_request("请求体必须是 JSON 对象（Content-Type: application/json）", "body")
    bad = _bad_string(body, "body")
    if bad is not None:
        return None, bad_request(f"字段 {bad[:40]} 含有无法识别的字符或嵌套过深", bad[:40])
    unknown = sorted(set(body) - allowed)
    if unknown:
        return None, bad_request(f"未知字段：{', '.join(unknown)[:80]}", unknown[0][:40])
    return body, None


@api.post("/api/chat")
def chat():
    body, error = _json_body({"message", "session_id", "choice", "region"})
    if error:
        return error
    try:
        payload = current_app.extensions["chat"].turn(body.get("message"), body.get("session_id"),
                                                      body.get("choice"), region=body.get("region"))
    except InputError as exc:
        return bad_request(str(exc), exc.field)
    except ChoiceError as exc:
        return bad_request(str(exc), "choice")
    return jsonify(payload)


@api.post("/api/feedback")
def feedback():
    body, error = _json_body({"session_id", "message_id", "helpful", "comment"})
    if error:
        return error
    for name in ("session_id", "message_id"):
        value = body.get(name)
        if not isinstance(value, str) or not value or len(value) > 64:
            return bad_request(f"{name} 必须是回复中给出的编号（字符串）", name)
    if not isinstance(body.get("helpful"), bool):
        return bad_request("helpful 必须是 true 或 false", "helpful")
    comment = body.get("comment") or ""
    if not isinstance(comment, str) or len(comment) > 500:
        return bad_request("comment 必须是不超过 500 字的字符串", "comment")
    store = current_app.extensions["store"]
    try:
        if not store.message_exists(body["session_id"], body["message_id"]):
            return bad_request("没有找到这条回复（session_id 与 message_id 不匹配）", "message_id")
        new = store.add_feedback(body["session_id"], body["message_id"], body["helpful"], comment)
    except StoreUnavailable:
        return json_error(503, "反馈暂时无法保存，请稍后再试。")
    return jsonify(ok=True, replaced=not new)     # one per message: a second vote replaces the first
