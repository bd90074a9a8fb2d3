"""PostgreSQL runtime store faults on a real server: unreachable at start, lost while serving, and a
migration under concurrent starts of several replicas (issue: scale-out)."""
from __future__ import annotations

import multiprocessing
import shutil
import time

import psycopg
import pytest
from click.testing import CliRunner

from guide.runtime_pg import PostgresStore
from guide.webapp import create_app
from tests import pgserver
from tests.conftest import fresh_database

TOKEN = "pg-fault-token-0123456789"


def test_an_unreachable_database_stops_the_server_naming_the_url_without_its_password(tiny_settings, monkeypatch):
    from guide.cli import main
    from tests.test_serving import free_port

    url = f"postgresql://guide:s3cret-pw@127.0.0.1:{free_port()}/guide"
    monkeypatch.setenv("GUIDE_RUNTIME_URL", url)
    monkeypatch.setenv("GUIDE_INDEX_DIR", str(tiny_settings.index_dir))
    monkeypatch.setenv("GUIDE_CATALOG_DIR", str(tiny_settings.catalog_dir))
    monkeypatch.setenv("GUIDE_MODEL", "hash")
    result = CliRunner().invoke(main, ["serve", "--port", str(free_port())])
    assert result.exit_code == 1
    assert "postgresql://guide:***@127.0.0.1" in result.output and "s3cret-pw" not in result.output
    assert "GUIDE_RUNTIME_URL" in result.output


@pytest.fixture()
def own_server():
    """A PostgreSQL of this test's own, so the test can stop and start it."""
    folder = pgserver.new_folder()
    url = pgserver.start(folder)
    yield folder, url
    pgserver.stop(folder)
    shutil.rmtree(folder, ignore_errors=True)


def test_losing_the_database_while_serving(own_server, tiny_guide, tiny_settings):
    folder, admin = own_server
    url, _ = fresh_database(admin)
    app = create_app(tiny_settings.replace(runtime_url=url, staff_token=TOKEN, rate_limit_per_minute=0),
                     guide=tiny_guide)
    client = app.test_client()
    first = client.post("/api/chat", json={"message": "身份证丢了怎么补办"}).get_json()
    assert client.post("/api/feedback", json={"session_id": first["session_id"], "message_id": first["message_id"],
                                              "helpful": True}).status_code == 200
    pgserver.stop(folder)
    try:
        answered = []
        started = time.monotonic()
        for n in range(4):                  # chat and search go on; their records wait in the queue
            reply = client.post("/api/chat", json={"message": f"公积金怎么提取 {n}"})
            assert reply.status_code == 200
            answered.append(reply.get_json()["message_id"])
            assert client.get("/api/search", query_string={"q": "身份证"}).status_code == 200
        assert time.monotonic() - started < 15
        late = client.post("/api/feedback", json={"session_id": first["session_id"],
                                                  "message_id": first["message_id"], "helpful": False})
        assert late.status_code == 503 and late.is_json
        stats = client.get("/api/staff/queries", headers={"Authorization": f"Bearer {TOKEN}"})
        assert stats.status_code == 503 and stats.is_json
    finally:
        pgserver.restart(folder)
    store = app.extensions["store"]
    assert store.flush(30) == 0                  # the store recovers by itself; nothing was lost
    with psycopg.connect(url) as conn:
        stored = {r[0] for r in conn.execute("SELECT id FROM messages")}
        assert set(answered) | {first["message_id"]} <= stored
        assert conn.execute("SELECT helpful FROM feedback").fetchall() == [(1,)]
    deadline = time.monotonic() + 10
    while True:                                  # past the fail-fast second, feedback works again
        again = client.post("/api/feedback", json={"session_id": first["session_id"],
                                                   "message_id": first["message_id"], "helpful": False})
        if again.status_code == 200 or time.monotonic() > deadline:
            break
        time.sleep(0.3)
    assert again.status_code == 200


def _start_replica(url, barrier, out):
    barrier.wait()
    try:
        PostgresStore(url).check()
        out.put("ok")
    except Exception as exc:  # noqa: BLE001 - reported to the test
        out.put(repr(exc))


def test_an_old_schema_is_migrated_once_under_concurrent_replica_starts(pg_admin_url):
    url, drop = fresh_database(pg_admin_url)
    try:
        with psycopg.connect(url, autocommit=True) as conn:     # the wave-1 schema, version 1
            conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied DOUBLE PRECISION)")
            conn.execute("INSERT INTO schema_migrations VALUES (1, 0)")
            conn.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY, state TEXT, created DOUBLE PRECISION, "
                         "updated DOUBLE PRECISION)")
            conn.execute("CREATE TABLE messages (id TEXT PRIMARY KEY, session_id TEXT, time DOUBLE PRECISION, "
                         "question TEXT, type TEXT, entry_id TEXT)")
            conn.execute("CREATE TABLE feedback (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                         "session_id TEXT, message_id TEXT, helpful BIGINT, comment TEXT, time DOUBLE PRECISION)")
            conn.execute("CREATE TABLE queries (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                         "time DOUBLE PRECISION, source TEXT, query TEXT, normalized TEXT, result_ids TEXT, "
                         "confidence TEXT, type TEXT, latency_ms DOUBLE PRECISION)")
            for helpful in (1, 1, 0):
                conn.execute("INSERT INTO feedback (session_id, message_id, helpful, comment, time) "
                             "VALUES ('s', 'm', %s, '', 0)", [helpful])
            for _ in range(3):
                conn.execute("INSERT INTO queries (time, source, query, normalized, result_ids, confidence, type, "
                             "latency_ms) VALUES (1, 'chat', '护照', '护照', '[]', 'no_match', 'answer', 1)")
        ctx = multiprocessing.get_context("spawn")
        replicas = 6
        barrier, out = ctx.Barrier(replicas), ctx.Queue()
        procs = [ctx.Process(target=_start_replica, args=(url, barrier, out)) for _ in range(replicas)]
        for p in procs:
            p.start()
        results = [out.get(timeout=120) for _ in procs]
        for p in procs:
            p.join()
        assert results == ["ok"] * replicas
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall() == [(1,), (2,)]
            assert conn.execute("SELECT helpful FROM feedback").fetchall() == [(0,)]
            assert conn.execute("SELECT normalized, n FROM query_counts").fetchall() == [("护照", 3)]
    finally:
        drop()
