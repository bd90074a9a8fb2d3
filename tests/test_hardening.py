"""The attack round's findings on the runtime store and the JSON API, one test each (issue: hardening).

Findings 1 (slow clients) and 10's front error pages are in test_front.py (real nginx); 2 (masking)
in test_masking.py; 4 and 5 (staff sessions, login throttling) in test_staff.py.
"""
import json
import multiprocessing
import sqlite3
import stat
import time

import pytest

from guide.runtime import RuntimeStore
from guide.webapp import create_app


@pytest.fixture()
def make_client(tiny_guide, tiny_settings, tmp_path):
    def make(**changes):
        values = {"runtime_db": str(tmp_path / "var" / "runtime.db"), **changes}
        return create_app(tiny_settings.replace(**values), guide=tiny_guide).test_client()
    return make


@pytest.fixture()
def client(make_client):
    return make_client()


def chat(client, message="身份证丢了怎么补办", **extra):
    response = client.post("/api/chat", json={"message": message, **extra})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def rows(path, sql):
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


# ---------------------------------------------------------------- 3. retention and the statistics aggregate

def test_retention_deletes_old_messages_queries_and_feedback_and_the_aggregate_follows(tmp_path):
    store = RuntimeStore(tmp_path / "rt.db", retention_days=180)
    query = {"source": "chat", "query": "护照", "normalized": "护照", "result_ids": [], "confidence": "no_match",
             "latency_ms": 1.0}
    store.record_turn("old", {}, "m-old", "护照", "no_match", None, query)
    store.add_feedback("old", "m-old", False)
    store.record_turn("new", {}, "m-new", "护照", "no_match", None, query)
    db = tmp_path / "rt.db"
    with sqlite3.connect(db) as conn:                       # age the first turn by 200 days
        old = time.time() - 200 * 86400
        for table, key in (("messages", "id = 'm-old'"), ("feedback", "message_id = 'm-old'"),
                           ("queries", "id = (SELECT MIN(id) FROM queries)")):
            conn.execute(f"UPDATE {table} SET time = ? WHERE {key}", [old])
    assert store.query_stats()["popular"] == [{"query": "护照", "count": 2}]
    deleted = store.prune()
    assert (deleted["messages"], deleted["queries"], deleted["feedback"]) == (1, 1, 1)
    assert rows(db, "SELECT id FROM messages") == [("m-new",)]
    assert store.query_stats()["popular"] == [{"query": "护照", "count": 1}]
    assert store.prune()["messages"] == 0


def test_staff_statistics_come_from_the_aggregate_not_a_scan(tmp_path):
    store = RuntimeStore(tmp_path / "rt.db")
    store.expire_sessions()
    with sqlite3.connect(tmp_path / "rt.db") as conn:
        plan = " ".join(str(r) for r in conn.execute(
            "EXPLAIN QUERY PLAN SELECT normalized, n, example FROM query_counts WHERE n > 0 "
            "ORDER BY n DESC, last DESC LIMIT 20").fetchall())
        unanswered = " ".join(str(r) for r in conn.execute(
            "EXPLAIN QUERY PLAN SELECT query, confidence, time FROM queries WHERE confidence != 'confident' "
            "ORDER BY time DESC LIMIT 20").fetchall())
    assert "query_counts_popular" in plan and "TEMP B-TREE" not in plan
    assert "queries_unanswered" in unanswered and "TEMP B-TREE" not in unanswered


# ---------------------------------------------------------------- 6. feedback and POST hygiene

def test_feedback_is_one_per_message_and_a_second_vote_replaces_the_first(client, tmp_path):
    reply = chat(client)
    body = {"session_id": reply["session_id"], "message_id": reply["message_id"], "helpful": True}
    for helpful in (True, False, False):
        assert client.post("/api/feedback", json={**body, "helpful": helpful}).status_code == 200
    assert rows(tmp_path / "var" / "runtime.db", "SELECT helpful FROM feedback") == [(0,)]


def test_feedback_is_rate_limited_per_client(make_client):
    from guide.webapp.security import FEEDBACK_PER_MINUTE

    client = make_client(rate_limit_per_minute=1000)
    reply = chat(client)
    codes = [client.post("/api/feedback", json={"session_id": reply["session_id"], "message_id": reply["message_id"],
                                                "helpful": True}).status_code for _ in range(FEEDBACK_PER_MINUTE + 1)]
    assert codes[:FEEDBACK_PER_MINUTE] == [200] * FEEDBACK_PER_MINUTE and codes[-1] == 429


@pytest.mark.parametrize("path", ["/api/chat", "/api/feedback"])
@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"])
def test_post_apis_need_json_content_type(client, path, content_type):
    response = client.post(path, data=json.dumps({"message": "身份证"}), content_type=content_type)
    assert response.status_code == 415 and response.get_json()["field"] == "Content-Type"


def test_posts_from_another_site_are_refused(make_client):
    client = make_client(allowed_origins="https://zwfw.example.gov.cn")
    evil = client.post("/api/chat", json={"message": "身份证"}, headers={"Origin": "https://evil.example"})
    assert evil.status_code == 403 and evil.get_json()["field"] == "Origin"
    assert client.post("/api/chat", json={"message": "身份证"}, headers={"Origin": "null"}).status_code == 403
    assert client.post("/staff/login", data={}, headers={"Origin": "https://evil.example"}).status_code == 403
    for origin in ("http://localhost", "https://zwfw.example.gov.cn"):      # its own host; a configured one
        assert client.post("/api/chat", json={"message": "身份证"}, headers={"Origin": origin}).status_code == 200
    assert client.post("/api/chat", json={"message": "身份证"}).status_code == 200         # scripts send none


# ---------------------------------------------------------------- 7. a deleted runtime database

def test_a_deleted_runtime_database_is_recreated_and_keeps_every_acknowledged_write(client, tmp_path):
    db = tmp_path / "var" / "runtime.db"
    chat(client)
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / "var" / f"runtime.db{suffix}").unlink(missing_ok=True)
    acknowledged = []
    for n in range(5):
        reply = chat(client, f"身份证丢了怎么补办 {n}")
        response = client.post("/api/feedback", json={"session_id": reply["session_id"],
                                                      "message_id": reply["message_id"], "helpful": True})
        if response.status_code == 200:
            acknowledged.append(reply["message_id"])
    assert len(acknowledged) == 5
    stored = {m for (m,) in rows(db, "SELECT message_id FROM feedback")}
    assert stored == set(acknowledged)
    assert {t for (t,) in rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'")} >= {
        "sessions", "messages", "feedback", "queries", "staff_sessions"}


def test_runtime_files_are_private(client, tmp_path):
    chat(client)
    folder = tmp_path / "var"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for name in ("runtime.db", "runtime.db-wal", "runtime.db-shm"):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name


# ---------------------------------------------------------------- 8. locks and concurrent first writers

def _hold_lock(path, seconds, ready):
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    ready.set()
    time.sleep(seconds)
    conn.execute("ROLLBACK")


def test_a_lock_held_by_another_process_does_not_stall_chat_and_no_turn_is_lost(client, tmp_path):
    db = tmp_path / "var" / "runtime.db"
    first = chat(client)
    ready = multiprocessing.Event()
    holder = multiprocessing.Process(target=_hold_lock, args=(str(db), 4.0, ready))
    holder.start()
    assert ready.wait(10)
    started, sid, ids = time.monotonic(), first["session_id"], []
    for n in range(4):
        reply = chat(client, "需要带什么材料" if n % 2 else "在哪里办", session_id=sid)
        assert reply["session_id"] == sid             # the conversation goes on from the queued state
        ids.append(reply["message_id"])
    elapsed = time.monotonic() - started
    holder.join()
    assert elapsed < 3.0, f"4 turns took {elapsed:.1f} s behind a lock (the old store waited 5 s each)"
    store = client.application.extensions["store"]
    assert store.flush(10) == 0
    stored = {m for (m,) in rows(db, "SELECT id FROM messages")}
    assert set(ids) | {first["message_id"]} <= stored


def _first_writers(path, worker, count, barrier, out):
    store = RuntimeStore(path)
    barrier.wait()
    for n in range(count):
        store.record_turn(f"s{worker}-{n}", {"n": n}, f"m{worker}-{n}", "身份证", "answer", None,
                          {"source": "chat", "query": "身份证", "normalized": "身份证", "result_ids": [],
                           "confidence": "confident", "latency_ms": 1.0})
    left = store.flush(20)
    out.put((worker, left))


def test_concurrent_first_writers_on_a_fresh_file_lose_no_turn(tmp_path):
    path = str(tmp_path / "fresh" / "runtime.db")      # no schema yet: every process races to make it
    workers, count = 8, 20
    barrier, out = multiprocessing.Barrier(workers), multiprocessing.Queue()
    procs = [multiprocessing.Process(target=_first_writers, args=(path, w, count, barrier, out))
             for w in range(workers)]
    for p in procs:
        p.start()
    results = [out.get(timeout=180) for _ in procs]
    for p in procs:
        p.join()
    assert all(left == 0 for _, left in results), results
    assert rows(path, "SELECT COUNT(*) FROM messages") == [(workers * count,)]
    assert rows(path, "SELECT n FROM query_counts") == [(workers * count,)]


# ---------------------------------------------------------------- 9. client input never yields a 5xx

@pytest.mark.parametrize("field", ["session_id", "message", "choice"])
def test_lone_surrogates_are_400_not_500(client, field):
    body = '{"message": "身份证", "%s": "\\ud800abc"}' % field if field != "message" else '{"message": "\\udfff"}'
    response = client.post("/api/chat", data=body, content_type="application/json")
    assert response.status_code == 400 and response.get_json()["field"] == field


def test_surrogates_in_feedback_ids_are_400(client):
    body = '{"session_id": "\\ud800", "message_id": "\\ud800", "helpful": true}'
    response = client.post("/api/feedback", data=body, content_type="application/json")
    assert response.status_code == 400 and response.get_json()["field"] == "session_id"


@pytest.mark.parametrize("depth", [50, 1000, 100_000])
def test_deeply_nested_json_is_400_not_500(client, depth, caplog):
    body = '{"message": ' + "[" * depth + "]" * depth + "}"
    response = client.post("/api/chat", data=body[:16000] if len(body) > 16000 else body,
                           content_type="application/json")
    assert response.status_code in (400, 413) and "Traceback" not in caplog.text


# ---------------------------------------------------------------- 10. disk full, cookies and HSTS

def test_a_full_disk_gives_503_for_feedback_and_chat_still_answers(client, tmp_path):
    reply = chat(client)
    db = tmp_path / "var" / "runtime.db"
    store = client.application.extensions["store"]
    conn = store._conn(100)        # this thread's connection (the test client's): a disk that is full
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0] + 2}")
    n = 0
    for size in (2000, 500, 100, 10, 1):            # fill every page's last bytes too
        with pytest.raises(sqlite3.OperationalError, match="full"):
            while True:
                n += 1
                conn.execute("INSERT INTO feedback (session_id, message_id, helpful, comment, time) "
                             "VALUES (?, 'pad', 0, ?, 0)", [f"pad{n}", "x" * size])
    filler = {"session_id": reply["session_id"], "message_id": reply["message_id"], "helpful": False,
              "comment": "很长的意见" * 90}
    response = client.post("/api/feedback", json=filler)
    assert response.status_code == 503, response.get_json()
    conn = sqlite3.connect(db, isolation_level=None)     # the store dropped its capped connection
    # While the disk is full for every connection, a chat turn is answered and its record waits;
    # feedback on it is 503 (not the old misleading 400 "message not found"). A trigger stands in
    # for the full disk here, as max_page_count holds for one connection only.
    conn.execute("DELETE FROM feedback WHERE message_id = 'pad'")
    conn.execute("CREATE TRIGGER full_disk BEFORE INSERT ON messages BEGIN "
                 "SELECT RAISE(ABORT, 'database or disk is full'); END")
    later = chat(client, "身份证丢了怎么补办")
    response = client.post("/api/feedback", json={"session_id": later["session_id"],
                                                  "message_id": later["message_id"], "helpful": True})
    assert response.status_code == 503 and "没有找到" not in response.get_json()["message"]
    conn.execute("DROP TRIGGER full_disk")
    assert store.flush(10) == 0 and rows(db, f"SELECT 1 FROM messages WHERE id = '{later['message_id']}'")


def test_production_settings_send_hsts_and_secure_cookies(make_client):
    client = make_client(secure_cookies=True)
    response = client.get("/healthz")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    plain = make_client(secure_cookies=False).get("/healthz")
    assert "Strict-Transport-Security" not in plain.headers


def test_serve_prod_turns_on_secure_cookies_unless_plain_http(monkeypatch):
    from click.testing import CliRunner

    import guide.cli as cli

    seen = {}

    def fake_create_app(settings, guide=None):
        seen["settings"] = settings
        raise SystemExit(0)
    monkeypatch.setattr("guide.webapp.create_app", fake_create_app)
    monkeypatch.setattr("guide.service.Guide.load", classmethod(lambda cls, **kw: None))
    monkeypatch.setattr("guide.manifest.read_current", lambda folder: "x")
    for env, secure in (({}, True), ({"GUIDE_PLAIN_HTTP": "1"}, False)):
        CliRunner().invoke(cli.main, ["serve", "--prod", "--front", "external"], env=env)
        assert seen["settings"].secure_cookies is secure


# ---------------------------------------------------------------- 5. rate limits shared by every worker

def test_the_search_rate_limit_is_shared_by_workers_through_the_store(make_client):
    workers = [make_client(rate_limit_per_minute=6) for _ in range(2)]      # two processes, one store
    limiters = [w.application.extensions["rate_limiters"]["api"] for w in workers]
    codes = []
    for n in range(8):
        codes.append(workers[n % 2].get("/api/search", query_string={"q": "身份证"}).status_code)
        for limiter in limiters * 2:    # what each worker's background thread does about once a second
            limiter.sync()
    assert codes[:6] == [200] * 6 and codes[6:] == [429, 429]
    for worker in workers:              # each worker alone has used only half its local bucket
        assert worker.application.extensions["rate_limiters"]["api"].local.hit("probe") == 0.0


def test_an_authorization_header_does_not_open_the_citizen_apis_to_non_json(client):
    response = client.post("/api/chat", data=json.dumps({"message": "身份证"}), content_type="text/plain",
                           headers={"Authorization": "Bearer anything"})
    assert response.status_code == 415
