"""Staff curation: the gaps page and API (/staff/gaps, /api/staff/gaps) and the drafts API.

Staff only (staff_required: login cookie + CSRF on writes, or the Bearer token). Drafts are stored
in the runtime database; the server never writes the catalog (`guide curate export` does).
"""
from __future__ import annotations

import logging

from flask import Blueprint, current_app, g, jsonify, render_template, request

from guide.curation import (
    STATUSES,
    DraftError,
    DraftNotFound,
    DraftStateError,
    clean_gap,
    create_draft,
    list_drafts,
    review_draft,
    validate_alias_draft,
    validate_qa_draft,
)
from guide.gaps import MAX_WEEKS, GapsUnavailable, gap_report
from guide.qa import QA_TOPICS
from guide.runtime import StoreUnavailable
from guide.webapp.security import json_error
from guide.webapp.staff import staff_required

log = logging.getLogger(__name__)
curation = Blueprint("curation", __name__)
MAX_GROUPS = 500
KIND_NAMES = {"qa": "问答草稿", "alias": "别名草稿"}


def _guide():
    return current_app.extensions["guide"]


def _store():
    return current_app.extensions["store"]


def _unavailable(exc: StoreUnavailable):
    log.warning("curation store unavailable: %s", exc)
    return json_error(503, "运行数据库暂时无法读写，请稍后再试。")


def _int_arg(name: str, default: int, low: int, high: int):
    raw = request.args.get(name, str(default))
    try:
        value = int(raw)
    except ValueError:
        return None, json_error(400, f"参数 {name} 必须是整数，收到 {raw[:20]!r}", name)
    if not low <= value <= high:
        return None, json_error(400, f"参数 {name} 必须在 {low} 到 {high} 之间", name)
    return value, None


def _title(entry_id: str) -> str | None:
    entry = _guide().get(entry_id)
    return entry.name if entry is not None else None


def _lookalike(question: str) -> str:
    """The service the question asks that the catalog lists as a lookalike it lacks ("" if none);
    the searches come from the Guide's LRU cache when the question was asked recently."""
    try:
        return _guide().search(question, k=3).signals.lookalike
    except ValueError:                      # an empty or unsearchable stored question
        return ""


@curation.after_request
def no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


@curation.get("/staff/gaps")
@staff_required
def gaps_page():
    return render_template("gaps.html", topics=QA_TOPICS, departments=dict(_guide().department_names))


@curation.get("/api/staff/gaps")
@staff_required
def gaps():
    weeks, error = _int_arg("weeks", 8, 1, MAX_WEEKS)
    if error:
        return error
    limit, error = _int_arg("limit", 100, 1, MAX_GROUPS)
    if error:
        return error
    try:
        return jsonify(gap_report(_store(), weeks=weeks, limit=limit, title=_title, lookalike=_lookalike))
    except GapsUnavailable as exc:
        return json_error(501, "缺口统计暂不支持当前的运行数据库（PostgreSQL）。", error=str(exc)[:120])
    except StoreUnavailable as exc:
        return _unavailable(exc)


@curation.get("/api/staff/drafts")
@staff_required
def drafts():
    status = request.args.get("status") or None
    if status is not None and status not in STATUSES:
        return json_error(400, f"参数 status 只能是 {'、'.join(STATUSES)}", "status")
    try:
        return jsonify(drafts=list_drafts(_store(), status))
    except StoreUnavailable as exc:
        return _unavailable(exc)


def _draft_problems(problems: list[tuple[str, str]], kind: str):
    """400 with the first problem's field and every problem listed (field, message)."""
    first_field, first_message = problems[0]
    response = jsonify(error="Bad Request", status=400, field=first_field,
                       message=f"{KIND_NAMES.get(kind, '草稿')}未通过目录校验（{len(problems)} 处问题）："
                               f"{first_field}：{first_message}",
                       problems=[{"field": f, "message": m} for f, m in problems])
    response.status_code = 400
    return response


@curation.post("/api/staff/drafts")
@staff_required
def new_draft():
    body = request.get_json(silent=True, force=True)
    if not isinstance(body, dict):
        return json_error(400, "请求体必须是 JSON 对象（Content-Type: application/json）", "body")
    body = dict(body)
    kind = body.pop("kind", None)
    if kind not in KIND_NAMES:
        return json_error(400, "kind 必须是 qa（问答草稿）或 alias（事项别名草稿）", "kind")
    guide = _guide()
    try:
        gap = clean_gap(body.pop("gap", None))
        if kind == "qa":
            payload = validate_qa_draft(body, dict(guide.department_names), guide.get, g.staff_user)
        else:
            payload = validate_alias_draft(body, guide.get, guide.all_entries)
    except DraftError as exc:
        return _draft_problems(exc.problems, kind)
    try:
        draft = create_draft(_store(), kind, payload, gap, g.staff_user)
    except StoreUnavailable as exc:
        return _unavailable(exc)
    log.info("draft %s (%s) by %s", draft["id"], kind, g.staff_user)
    return jsonify(draft), 201


def _review(raw_id: str, approve: bool):
    """`raw_id` is a path string (an int converter would 404 before the staff check runs)."""
    if not raw_id.isdigit() or len(raw_id) > 12:
        return json_error(404, f"没有编号为 {raw_id[:20]} 的草稿", "id")
    draft_id = int(raw_id)
    try:
        draft = review_draft(_store(), draft_id, approve, g.staff_user)
    except DraftNotFound:
        return json_error(404, f"没有编号为 {draft_id} 的草稿", "id")
    except DraftStateError:
        return json_error(409, "该草稿已审核过，不能重复审核。", "id", error="Conflict")
    except StoreUnavailable as exc:
        return _unavailable(exc)
    log.info("draft %s %s by %s", draft_id, draft["status"], g.staff_user)
    return jsonify(draft)


@curation.post("/api/staff/drafts/<draft_id>/approve")
@staff_required
def approve(draft_id: str):
    return _review(draft_id, True)


@curation.post("/api/staff/drafts/<draft_id>/reject")
@staff_required
def reject(draft_id: str):
    return _review(draft_id, False)
