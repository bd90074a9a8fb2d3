"""Staff curation API: /api/staff/gaps and /api/staff/drafts (auth, CSRF, validation 400s with the
field, masking, review states) on the tiny build with a real runtime SQLite per test."""
import json
import re
import sqlite3

import pytest
from werkzeug.security import generate_password_hash

from guide.webapp import create_app

PASSWORD = "correct horse battery"
TOKEN = "curation-token-0123456789"
BEARER = {"Authorization": f"Bearer {TOKEN}"}
QA = {"kind": "qa", "question": "试岗期间单位可以不发工资吗", "variants": ["公司让我白干三天试岗合法吗"],
      "answer": "用人单位自用工之日起即与劳动者建立劳动关系，试岗、试工期间也应支付劳动报酬，且不得低于当地最低工资标准。",
      "topic": "LD", "department": "RS", "basis": [{"law": "《中华人民共和国劳动合同法》", "article": "第七条"}],
      "related": ["370100-GJJ-001"]}
ALIAS = {"kind": "alias", "matter_id": "370100-GA-002", "alias": "身份证旧了想换张新的"}


@pytest.fixture(scope="module")
def password_hash():
    return generate_password_hash(PASSWORD)


@pytest.fixture()
def app(tiny_guide, tiny_settings, tmp_path, password_hash):
    return create_app(tiny_settings.replace(runtime_db=str(tmp_path / "runtime.db"), staff_token=TOKEN,
                                            staff_accounts={"alice": password_hash}), guide=tiny_guide)


@pytest.fixture()
def client(app):
    return app.test_client()


def login(client) -> str:
    """Sign in as alice with the login form; returns the session's CSRF token."""
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/staff/login").text).group(1)
    assert client.post("/staff/login", data={"username": "alice", "password": PASSWORD,
                                             "csrf_token": token}).status_code == 303
    return client.get("/api/staff/session").get_json()["csrf_token"]


def post_draft(client, body, headers=BEARER):
    return client.post("/api/staff/drafts", json=body, headers=headers)


def test_every_curation_route_needs_staff(client):
    for method, path in (("GET", "/api/staff/gaps"), ("GET", "/api/staff/drafts"), ("POST", "/api/staff/drafts"),
                         ("POST", "/api/staff/drafts/1/approve"), ("POST", "/api/staff/drafts/1/reject")):
        for headers in ({}, {"Authorization": "Bearer wrong-token"}):
            response = client.open(path, method=method, json={} if method == "POST" else None, headers=headers)
            assert response.status_code == 401, (method, path, headers)
            body = response.get_json()
            assert body["field"] == "Authorization" and body["status"] == 401 and "登录" in body["message"]
    page = client.get("/staff/gaps")
    assert page.status_code == 302 and page.headers["Location"].startswith("/staff/login?next=/staff/gaps")


def test_cookie_sessions_need_the_csrf_token_bearer_does_not(client):
    csrf = login(client)
    refused = client.post("/api/staff/drafts", json=QA)
    assert refused.status_code == 403 and refused.get_json()["field"] == "csrf_token"
    assert client.post("/api/staff/drafts", json=QA, headers={"X-CSRF-Token": "forged"}).status_code == 403
    made = client.post("/api/staff/drafts", json=QA, headers={"X-CSRF-Token": csrf})
    assert made.status_code == 201, made.get_json()
    draft = made.get_json()
    assert draft["status"] == "pending" and draft["created_by"] == "alice" and draft["kind"] == "qa"
    assert client.post(f"/api/staff/drafts/{draft['id']}/approve", json={}).status_code == 403
    approved = client.post(f"/api/staff/drafts/{draft['id']}/approve", json={}, headers={"X-CSRF-Token": csrf})
    assert approved.get_json()["status"] == "approved" and approved.get_json()["reviewed_by"] == "alice"
    page = client.get("/staff/gaps")
    assert page.status_code == 200 and f'content="{csrf}"' in page.text and "目录缺口" in page.text
    assert "script-src 'self'" in page.headers["Content-Security-Policy"] and "<script>" not in page.text


def test_a_qa_draft_is_validated_like_a_qa_file_every_problem_with_its_field(client):
    bad = {**QA, "answer": "", "topic": "XX", "department": "NOPE", "region": "3701",
           "basis": [{"law": "《中华人民共和国劳动合同法》"}], "related": ["370100-GA-999"],
           "checked_by": "bob", "colour": "red"}
    response = post_draft(client, bad)
    assert response.status_code == 400
    body = response.get_json()
    fields = {p["field"] for p in body["problems"]}
    assert fields >= {"answer", "topic", "department", "region", "basis[0].article", "related[0]", "checked_by",
                      "colour"}
    assert "id" not in fields                                  # the server numbers drafts on export
    assert body["field"] == body["problems"][0]["field"] and body["status"] == 400 and body["error"]
    assert "问答草稿未通过目录校验" in body["message"]

    too_long = post_draft(client, {**QA, "answer": "规定" * 201})
    assert too_long.status_code == 400 and too_long.get_json()["field"] == "answer"
    no_basis = post_draft(client, {k: v for k, v in QA.items() if k != "basis"})
    assert no_basis.status_code == 400 and no_basis.get_json()["field"] == "basis"
    wrong_type = post_draft(client, {**QA, "variants": "一个字符串"})
    assert wrong_type.status_code == 400 and wrong_type.get_json()["field"] == "variants"
    assert client.get("/api/staff/drafts", headers=BEARER).get_json()["drafts"] == []     # nothing stored


def test_drafts_may_not_copy_eval_questions(client):
    eval_question = "临时身份正能用多长时间"                  # eval/qa/dev.jsonl qa-dev-001
    response = post_draft(client, {**QA, "variants": ["临时身份证能用多久", eval_question]})
    assert response.status_code == 400 and response.get_json()["field"] == "variants[1]"
    alias = post_draft(client, {**ALIAS, "alias": eval_question})
    assert alias.status_code == 400 and alias.get_json()["field"] == "alias"


def test_alias_drafts_name_an_existing_entry_and_a_new_alias(client, tiny_guide):
    for body, fld in (({**ALIAS, "matter_id": "370100-GA-999"}, "matter_id"), ({**ALIAS, "matter_id": 7}, "matter_id"),
                      ({**ALIAS, "alias": "  "}, "alias"), ({**ALIAS, "alias": "长" * 41}, "alias"),
                      ({**ALIAS, "alias": tiny_guide.get("370100-GA-002").aliases[0]}, "alias"),
                      ({**ALIAS, "alias": tiny_guide.get("370100-GA-001").name}, "alias"),
                      ({**ALIAS, "extra": 1}, "extra")):
        response = post_draft(client, body)
        assert response.status_code == 400, body
        assert response.get_json()["field"] == fld and "别名草稿" in response.get_json()["message"]
    made = post_draft(client, ALIAS)
    assert made.status_code == 201
    assert made.get_json()["payload"] == {"matter_id": "370100-GA-002", "alias": "身份证旧了想换张新的"}


def test_bad_kind_body_and_parameters_are_400s_naming_the_field(client):
    for body, fld in (({"kind": "matter"}, "kind"), ({**QA, "gap": 5}, "gap")):
        response = post_draft(client, body)
        assert response.status_code == 400 and response.get_json()["field"] == fld
    not_json = client.post("/api/staff/drafts", data="[1]", headers={**BEARER, "Content-Type": "application/json"})
    assert not_json.status_code == 400 and not_json.get_json()["field"] == "body"
    for query, fld in (("weeks=0", "weeks"), ("weeks=27", "weeks"), ("weeks=abc", "weeks"), ("limit=0", "limit")):
        response = client.get(f"/api/staff/gaps?{query}", headers=BEARER)
        assert response.status_code == 400 and response.get_json()["field"] == fld, query
    assert client.get("/api/staff/drafts?status=done", headers=BEARER).get_json()["field"] == "status"


def test_drafts_are_stored_masked(client, app):
    phone, id_number = "13912345678", "370102199003071234"
    body = {**QA, "answer": f"可拨打 {phone} 咨询。身份证 {id_number} <b>注意</b>", "gap": f"试岗 {phone}"}
    draft = post_draft(client, body).get_json()
    assert draft["payload"]["answer"] == "可拨打 【手机号】 咨询。身份证 【身份证号】 <b>注意</b>"
    assert draft["gap"] == "试岗 【手机号】"
    raw = sqlite3.connect(app.extensions["settings"].runtime_db).execute("SELECT payload, gap FROM drafts").fetchall()
    assert phone not in repr(raw) and id_number not in repr(raw)
    assert "&lt;b&gt;" in json.loads(raw[0][0])["answer"]                # escaped like every runtime text


def test_review_happens_once_and_lists_filter_by_status(client):
    first = post_draft(client, QA).get_json()["id"]
    second = post_draft(client, ALIAS).get_json()["id"]
    assert client.post(f"/api/staff/drafts/{first}/approve", headers=BEARER).status_code == 200
    again = client.post(f"/api/staff/drafts/{first}/reject", headers=BEARER)
    assert again.status_code == 409 and again.get_json()["field"] == "id"
    rejected = client.post(f"/api/staff/drafts/{second}/reject", headers=BEARER).get_json()
    assert rejected["status"] == "rejected" and rejected["reviewed_by"] == "token"
    for missing in ("999", "abc"):
        response = client.post(f"/api/staff/drafts/{missing}/approve", headers=BEARER)
        assert response.status_code == 404 and response.get_json()["field"] == "id"
    listed = lambda status: [d["id"] for d in client.get(f"/api/staff/drafts?status={status}",  # noqa: E731
                                                          headers=BEARER).get_json()["drafts"]]
    assert listed("approved") == [first] and listed("rejected") == [second] and listed("pending") == []
    assert [d["id"] for d in client.get("/api/staff/drafts", headers=BEARER).get_json()["drafts"]] == [second, first]


def test_gaps_api_reports_chat_gaps_and_their_drafts(client):
    reply = client.post("/api/chat", json={"message": "养的狗走丢了狗证怎么补 电话13912345678"}).get_json()
    assert reply["type"] == "no_match"
    report = client.get("/api/staff/gaps?weeks=4", headers=BEARER)
    assert report.status_code == 200 and report.headers["Cache-Control"] == "no-store"
    data = report.get_json()
    assert len(data["weeks"]) == 4
    [group] = data["groups"]
    assert group["example"] == "养的狗走丢了狗证怎么补" and "13912345678" not in json.dumps(data)
    assert group["weekly"] == [0, 0, 0, 1] and group["total"] == 1 and group["drafts"] == 0
    post_draft(client, {**QA, "gap": group["normalized"]})
    assert client.get("/api/staff/gaps", headers=BEARER).get_json()["groups"][0]["drafts"] == 1
