"""/api/chat and /api/feedback over HTTP (Flask test client, tiny real build): shapes and bad input."""
import sqlite3

import pytest

from guide.webapp import create_app

PAYLOAD_KEYS = {"session_id", "message_id", "type", "text", "matter", "asked", "options", "checklist", "online",
                "suggestions", "view", "follow_up"}


@pytest.fixture()
def app(tiny_guide, tiny_settings, tmp_path):
    return create_app(tiny_settings.replace(runtime_db=str(tmp_path / "runtime.db")), guide=tiny_guide)


@pytest.fixture()
def client(app):
    return app.test_client()


def test_chat_payload_shape_and_situation_flow(client):
    first = client.post("/api/chat", json={"message": "身份证过期了怎么办", "session_id": None}).get_json()
    assert set(first) == PAYLOAD_KEYS and first["type"] == "situation"
    sid = first["session_id"]
    reply = client.post("/api/chat", json={"session_id": sid, "choice": first["options"][0]["id"]}).get_json()
    while reply["type"] == "situation":
        reply = client.post("/api/chat", json={"session_id": sid, "choice": reply["options"][0]["id"]}).get_json()
    assert reply["type"] == "answer" and reply["checklist"] and reply["session_id"] == sid
    assert {"name", "form", "copies", "required", "notes", "source", "exempt"} <= set(reply["checklist"][0])
    view = reply["view"]                       # what the page shows: the same materials, decided by the server
    assert view["id"] == reply["matter"]["id"] and view["chosen"]
    assert [m["name"] for m in view["materials"] if m["status"] == "applies"] == [c["name"] for c in reply["checklist"]]
    assert first["view"]["materials"] and any(m["status"] == "undecided" for m in first["view"]["materials"])


@pytest.mark.parametrize("body, field", [
    ({}, "message"), ({"message": ""}, "message"), ({"message": "   "}, "message"),
    ({"message": "x" * 201}, "message"), ({"message": 42}, "message"), ({"message": ["身份证"]}, "message"),
    ({"message": "身份证", "session_id": 7}, "session_id"), ({"message": "身份证", "extra": 1}, "extra"),
    ({"choice": 3}, "choice"), ({"message": "\x00\x01\x02"}, "message"),
])
def test_chat_bad_input_is_400_json(client, body, field):
    response = client.post("/api/chat", json=body)
    assert response.status_code == 400, response.get_json()
    assert response.get_json()["field"] == field


def test_chat_non_json_and_wrong_method(client):
    response = client.post("/api/chat", data="message=hi", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415 and response.get_json()["field"] == "Content-Type"
    assert client.post("/api/chat", data="[1, 2]", content_type="application/json").status_code == 400
    assert client.get("/api/chat").status_code == 405


def test_choice_not_offered_is_refused(client):
    first = client.post("/api/chat", json={"message": "身份证过期了怎么办"}).get_json()
    response = client.post("/api/chat", json={"session_id": first["session_id"], "choice": "370100-MZ-001"})
    assert response.status_code == 400 and response.get_json()["field"] == "choice"


def test_script_text_is_answered_and_stored_escaped_and_masked(client, app):
    text = "<script>alert(1)</script>我的手机13812345678"
    response = client.post("/api/chat", json={"message": text})
    assert response.status_code == 200
    db = sqlite3.connect(app.extensions["store"].path)
    stored = [q for (q,) in db.execute("SELECT question FROM messages")]
    assert stored and "<script>" not in stored[0] and "&lt;script&gt;" in stored[0]
    assert "13812345678" not in stored[0] and "【手机号】" in stored[0]


def test_feedback_is_stored_and_validated(client, app):
    reply = client.post("/api/chat", json={"message": "身份证丢了"}).get_json()
    ok = client.post("/api/feedback", json={"session_id": reply["session_id"], "message_id": reply["message_id"],
                                            "helpful": False, "comment": "电话 13812345678 打不通"})
    assert ok.status_code == 200 and ok.get_json() == {"ok": True, "replaced": False}
    db = sqlite3.connect(app.extensions["store"].path)
    assert db.execute("SELECT helpful, comment FROM feedback").fetchall() == [(0, "电话 【手机号】 打不通")]
    for body, field in [({"session_id": reply["session_id"], "message_id": "nope", "helpful": True}, "message_id"),
                        ({"session_id": reply["session_id"], "message_id": reply["message_id"], "helpful": "yes"},
                         "helpful"),
                        ({"message_id": reply["message_id"], "helpful": True}, "session_id")]:
        response = client.post("/api/feedback", json=body)
        assert response.status_code == 400 and response.get_json()["field"] == field


def test_unwritable_runtime_db_chat_answers_feedback_503(tiny_guide, tiny_settings, tmp_path):
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("a file where a folder should be")
    client = create_app(tiny_settings.replace(runtime_db=str(blocked / "runtime.db")), guide=tiny_guide).test_client()
    reply = client.post("/api/chat", json={"message": "身份证丢了"})
    assert reply.status_code == 200 and reply.get_json()["type"] in ("answer", "situation", "clarify")
    body = reply.get_json()
    response = client.post("/api/feedback", json={"session_id": body["session_id"], "message_id": body["message_id"],
                                                  "helpful": True})
    assert response.status_code == 503 and response.get_json()["status"] == 503
