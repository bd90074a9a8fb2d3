"""One contract for the runtime store, run against SQLite and a real PostgreSQL server: sessions,
messages, feedback, the query log and its aggregate, retention, staff sessions, shared counters,
login throttling, and the write-behind queue when the database refuses a write."""
from __future__ import annotations

import time

import pytest

from guide.runtime import RuntimeStore, StoreUnavailable

QUERY = {"source": "chat", "query": "护照 13812345678", "normalized": "护照", "result_ids": ["x"],
         "confidence": "no_match", "latency_ms": 3.0}


@pytest.fixture(params=["sqlite", "postgresql"])
def make_store(request, tmp_path):
    made = []

    def make(**kwargs):
        if request.param == "sqlite":
            store = RuntimeStore(tmp_path / "rt.db", **kwargs)
        else:
            from guide.runtime_pg import PostgresStore

            url = request.getfixturevalue("pg_url")
            store = PostgresStore(url, **kwargs)
            store.check()
        made.append(store)
        return store
    yield make
    for store in made:
        store.flush(5)
        if hasattr(store, "close"):
            store.close()


@pytest.fixture()
def store(make_store):
    return make_store()


def one(store, sql, params=()):
    return store._run(lambda db: db.execute(sql, params).fetchall())


def test_a_turn_is_stored_masked_and_its_session_resumes(store):
    assert store.record_turn("s1", {"step": 1}, "m1", "我的电话13812345678", "no_match", None, QUERY) is True
    assert store.load_session("s1") == {"step": 1}
    assert store.message_exists("s1", "m1") and not store.message_exists("s1", "other")
    assert one(store, "SELECT question FROM messages") == [("我的电话【手机号】",)]
    stats = store.query_stats()
    assert stats["popular"] == [{"query": "护照 【手机号】", "count": 1}]
    assert stats["unanswered"][0]["query"] == "护照 【手机号】"


def test_idle_sessions_are_forgotten_and_expired(make_store):
    store = make_store(idle_minutes=0)
    store.record_turn("s1", {}, "m1", "q", "answer", None)
    time.sleep(0.01)
    assert store.load_session("s1") is None
    assert store.expire_sessions() == 1


def test_feedback_is_one_per_message(store):
    store.record_turn("s1", {}, "m1", "q", "answer", None)
    assert store.add_feedback("s1", "m1", True, "好") is True
    assert store.add_feedback("s1", "m1", False, "电话13812345678") is False
    assert one(store, "SELECT helpful, comment FROM feedback") == [(0, "电话【手机号】")]


def test_retention_prunes_old_rows_and_the_aggregate(make_store):
    store = make_store(retention_days=30)
    store.record_turn("s1", {}, "m-old", "q", "no_match", None, QUERY)
    store.record_turn("s2", {}, "m-new", "q", "no_match", None, QUERY)
    old = time.time() - 40 * 86400
    store._transaction(lambda db: [db.execute(f"UPDATE {t} SET time = ? WHERE id = (SELECT MIN(id) FROM {t})", [old])
                                   for t in ("messages", "queries")])
    deleted = store.prune()
    assert deleted["messages"] == 1 and deleted["queries"] == 1
    assert store.query_stats()["popular"] == [{"query": "护照 【手机号】", "count": 1}]


def test_staff_sessions_live_and_die_in_the_store(store):
    token, csrf = store.create_staff_session("alice", lifetime_s=60)
    assert store.staff_session(token, idle_s=60) == {"user": "alice", "csrf": csrf,
                                                     "expires": pytest.approx(time.time() + 60, abs=5)}
    assert one(store, "SELECT COUNT(*) FROM staff_sessions WHERE id = ?", [token]) == [(0,)]   # only a hash
    store.end_staff_session(token)
    assert store.staff_session(token, idle_s=60) is None
    short, _ = store.create_staff_session("bob", lifetime_s=0)
    assert store.staff_session(short, idle_s=60) is None
    other, _ = store.create_staff_session("carol", lifetime_s=60)
    assert store.end_sessions_of("carol") == 1 and store.staff_session(other, idle_s=60) is None


def test_counters_add_up_across_callers(make_store):
    first, second = make_store(), make_store()         # two workers on one database
    assert first.count_add({"a": 2, "b": 1}, 100) == {"a": 2, "b": 1}
    assert second.count_add({"a": 3}, 100) == {"a": 5}
    assert second.count_add({"a": 1}, 101) == {"a": 1}


def test_login_throttle_locks_out_and_a_success_clears(store):
    from guide.runtime_auth import LOGIN_LIMITS

    keys = {"account": "acct:alice", "address": "addr:10.0.0.1", "global": "global"}
    now = time.time()
    for _ in range(LOGIN_LIMITS["account"]):
        assert store.login_check(keys, now) == 0.0
        store.login_failed(keys, now)
    assert store.login_check(keys, now) > 0
    assert store.login_check({"account": "acct:bob"}, now) == 0.0
    store.login_succeeded(keys)
    assert store.login_check({"account": "acct:alice", "address": "addr:10.0.0.1"}, now) == 0.0


def test_a_refused_write_waits_in_the_queue_and_lands_later(store, monkeypatch):
    real = store._transaction
    refuse = {"on": True}

    def flaky(write, wait_ms=100):
        if refuse["on"]:
            raise StoreUnavailable("refused for the test")
        return real(write, wait_ms)
    monkeypatch.setattr(store, "_transaction", flaky)
    assert store.record_turn("s1", {"step": 2}, "m1", "q", "answer", None, QUERY) is False
    assert store.load_session("s1") == {"step": 2}            # served from the queue meanwhile
    with pytest.raises(StoreUnavailable):
        store.message_exists("s1", "m1")
    refuse["on"] = False
    assert store.flush(10) == 0 and store.message_exists("s1", "m1")


def test_an_older_schema_is_migrated_once(make_store, request):
    """A wave-1 database (version 1: feedback could repeat per message, no aggregate) is migrated."""
    store = make_store()
    store._run(lambda db: db.execute("DELETE FROM schema_migrations"))
    store._run(lambda db: db.execute("DROP INDEX feedback_one"))
    store._run(lambda db: db.execute("INSERT INTO schema_migrations (version, applied) VALUES (1, 0)"))
    for helpful in (1, 0):
        store._run(lambda db, h=helpful: db.execute(
            "INSERT INTO feedback (session_id, message_id, helpful, comment, time) VALUES ('s', 'm', ?, '', 0)", [h]))
    store._run(lambda db: db.execute(
        "INSERT INTO queries (time, source, query, normalized, result_ids, confidence, type, latency_ms) "
        "VALUES (1, 'chat', 'q', 'q', '[]', 'confident', 'answer', 1)"))
    store._run(lambda db: db.execute("DELETE FROM query_counts"))
    fresh = make_store()
    fresh.check()
    assert one(fresh, "SELECT version FROM schema_migrations ORDER BY version") == [(1,), (2,)]
    assert one(fresh, "SELECT helpful FROM feedback") == [(0,)]
    assert fresh.query_stats()["popular"] == [{"query": "q", "count": 1}]
