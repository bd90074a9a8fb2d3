"""Faults: a damaged or missing build refuses to start (create_app and `guide serve`), a killed build
leaves the previous one serving, and a locked runtime database never stops answers or loses rows.

Guide.load's own checks are in tests/test_build.py; here the same faults go through the serving
entry points. The unwritable runtime DB case is in tests/test_chat_api.py; the locked case is here.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from guide.build import build_index
from guide.cli import main
from guide.config import PROJECT_ROOT, load_settings
from guide.manifest import BuildError, read_current
from guide.service import Guide
from guide.webapp import create_app
from tests.conftest import make_tiny_catalog
from tests.test_build import ExplodingEncoder

TOKEN = "faults-token-0123456789"


@pytest.fixture()
def copied(tiny_build, tiny_settings, tmp_path):
    """A private index folder holding a copy of the tiny build, with CURRENT pointing at it."""
    index_dir = tmp_path / "index"
    folder = index_dir / tiny_build.build_id
    shutil.copytree(tiny_build.folder, folder)
    (index_dir / "CURRENT").write_text(tiny_build.build_id + "\n", encoding="utf-8")
    settings = tiny_settings.replace(index_dir=str(index_dir), runtime_db=str(tmp_path / "var" / "runtime.db"))
    return settings, folder


def corrupt(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF                 # same size, one flipped byte: only the checksum tells
    path.write_bytes(bytes(data))


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def other_version(path: Path) -> None:
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["format_version"] = 999
    path.write_text(json.dumps(manifest), encoding="utf-8")


DAMAGE = [("faiss_e5.index", corrupt), ("title_words.npz", truncate), ("catalog.db", corrupt),
          ("manifest.json", other_version), ("userdict.txt", truncate)]


@pytest.mark.parametrize("name, damage", DAMAGE)
def test_damaged_build_refuses_create_app(copied, name, damage):
    settings, folder = copied
    damage(folder / name)
    with pytest.raises(BuildError) as info:
        create_app(settings)
    assert name in str(info.value) and "guide build" in str(info.value)


@pytest.fixture()
def cli_env(copied, monkeypatch):
    settings, folder = copied
    monkeypatch.setenv("GUIDE_INDEX_DIR", str(settings.index_dir))
    monkeypatch.setenv("GUIDE_MODEL", "hash")
    monkeypatch.setenv("GUIDE_CATALOG_DIR", str(settings.catalog_dir))
    monkeypatch.setenv("GUIDE_RUNTIME_DB", str(settings.runtime_db))
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):   # --prod pins them
        monkeypatch.setenv(name, os.environ.get(name, "1"))
    return settings, folder


@pytest.mark.parametrize("prod", [[], ["--prod"]])
@pytest.mark.parametrize("name, damage", DAMAGE[:2] + DAMAGE[3:4])
def test_damaged_build_refuses_guide_serve(cli_env, monkeypatch, prod, name, damage):
    import flask

    settings, folder = cli_env
    damage(folder / name)
    monkeypatch.setattr(flask.Flask, "run", lambda *a, **k: pytest.fail("must not serve"))
    monkeypatch.setattr("guide.build.build_index", lambda *a, **k: pytest.fail("must not rebuild"))
    result = CliRunner().invoke(main, ["serve", "--port", "8999", *prod])
    assert result.exit_code == 1
    assert str(folder / name) in result.output and "guide build" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("pointer", [None, "", "no-such-build", "../elsewhere"])
def test_missing_or_bad_current_refuses_create_app(copied, pointer):
    settings, folder = copied
    current = Path(settings.index_dir) / "CURRENT"
    if pointer is None:
        current.unlink()
    else:
        current.write_text(pointer, encoding="utf-8")
    with pytest.raises(BuildError) as info:
        create_app(settings)
    assert str(current) in str(info.value) and "guide build" in str(info.value)


def test_guide_serve_without_any_build_builds_first(cli_env, monkeypatch, tiny_build, hash_encoder):
    import flask

    settings, folder = cli_env
    (Path(settings.index_dir) / "CURRENT").unlink()
    built, served = [], []

    def fake_build(s, **kwargs):       # the real build is tested elsewhere; here: it is called
        built.append(s.index_dir)
        (Path(s.index_dir) / "CURRENT").write_text(folder.name, encoding="utf-8")

    monkeypatch.setattr("guide.build.build_index", fake_build)
    monkeypatch.setattr("guide.dense.load_encoder", lambda *a, **k: hash_encoder)
    monkeypatch.setattr(flask.Flask, "run", lambda app, host, port, **k: served.append((host, port)))
    result = CliRunner().invoke(main, ["serve", "--port", "8999"])
    assert result.exit_code == 0, result.output
    assert "building one first" in result.output and built == [settings.index_dir]
    assert served == [("127.0.0.1", 8999)]


# ---------------------------------------------------------------- a build killed midway

def test_build_failing_midway_leaves_the_old_build_serving(tmp_path, hash_encoder):
    catalog = make_tiny_catalog(tmp_path)
    settings = load_settings(env={}, catalog_dir=str(catalog), index_dir=str(tmp_path / "index"),
                             runtime_db=str(tmp_path / "rt.db"), build_check_seconds=0,
                             model="hash")
    first = build_index(settings, encoder=hash_encoder)
    app = create_app(settings, guide=Guide.load(settings=settings, encoder=hash_encoder))
    client = app.test_client()
    with pytest.raises(RuntimeError, match="killed midway"):
        build_index(settings, force=True, encoder=ExplodingEncoder())
    for _ in range(3):
        assert client.get("/healthz").get_json()["build_id"] == first.build_id
        assert client.get("/api/search", query_string={"q": "身份证丢了"}).status_code == 200
    assert app.extensions["reloader"].last_error is None


def test_build_process_killed_midway_leaves_the_old_build_serving(tmp_path, hash_encoder):
    """A real `guide build --force` process gets SIGKILL while writing: CURRENT and serving unchanged."""
    catalog = make_tiny_catalog(tmp_path)
    index_dir = tmp_path / "index"
    settings = load_settings(env={}, catalog_dir=str(catalog), index_dir=str(index_dir),
                             runtime_db=str(tmp_path / "rt.db"), build_check_seconds=0,
                             model="hash")
    first = build_index(settings, encoder=hash_encoder)
    app = create_app(settings, guide=Guide.load(settings=settings, encoder=hash_encoder))
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUIDE_")}
    env |= {"GUIDE_CATALOG_DIR": str(catalog), "GUIDE_INDEX_DIR": str(index_dir), "GUIDE_MODEL": "hash"}
    proc = subprocess.Popen([str(Path(sys.executable).parent / "guide"), "build", "--force"], cwd=PROJECT_ROOT,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not any(p.name.startswith(".tmp-") for p in index_dir.iterdir()):
            assert proc.poll() is None and time.monotonic() < deadline, "build ended before it could be killed"
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert read_current(index_dir).name == first.build_id
    client = app.test_client()
    for _ in range(3):
        assert client.get("/healthz").get_json()["build_id"] == first.build_id
        assert client.get("/api/search", query_string={"q": "身份证丢了"}).status_code == 200
    assert Guide.load(settings=settings, encoder=hash_encoder).build_id == first.build_id   # a restart is fine too


# ---------------------------------------------------------------- runtime database locked

@pytest.mark.parametrize("reconnect", [False, True], ids=["open-connection", "fresh-worker"])
def test_locked_runtime_db_chat_answers_feedback_503_nothing_lost(tiny_guide, tiny_settings, tmp_path,
                                                                   monkeypatch, reconnect):
    """Another connection holds an exclusive lock (BEGIN EXCLUSIVE: writers wait 100 ms, then give
    up: chat turns are queued, feedback answers 503)."""
    db_path = tmp_path / "runtime.db"
    app = create_app(tiny_settings.replace(runtime_db=str(db_path), staff_token=TOKEN), guide=tiny_guide)
    client = app.test_client()
    first = client.post("/api/chat", json={"message": "身份证丢了怎么补办"}).get_json()
    ids = {"session_id": first["session_id"], "message_id": first["message_id"]}
    assert client.post("/api/feedback", json={**ids, "helpful": True}).status_code == 200

    locker = sqlite3.connect(db_path, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    if reconnect:       # a worker (re)started while the lock is held: its first connection is blocked
        app = create_app(tiny_settings.replace(runtime_db=str(db_path), staff_token=TOKEN), guide=tiny_guide)
        client = app.test_client()
    try:
        reply = client.post("/api/chat", json={"message": "公积金怎么提取"})
        assert reply.status_code == 200 and reply.get_json()["type"] in ("answer", "situation", "clarify")
        follow = client.post("/api/chat", json={"message": "开饭馆要办什么证", "session_id": first["session_id"]})
        assert follow.status_code == 200
        response = client.post("/api/feedback", json={**ids, "helpful": False, "comment": "稍后再说"})
        assert response.status_code == 503
        assert response.get_json() == {"error": "Service Unavailable", "message": "反馈暂时无法保存，请稍后再试。",
                                       "field": None, "status": 503}
        stats = client.get("/api/staff/queries", headers={"Authorization": f"Bearer {TOKEN}"})
        assert stats.status_code in (200, 503) and stats.is_json
    finally:
        locker.rollback()
        locker.close()

    # The lock is gone: writes work again, the queued turns are written, nothing stored is lost.
    assert client.post("/api/feedback", json={**ids, "helpful": False}).status_code == 200
    assert app.extensions["store"].flush(10) == 0
    db = sqlite3.connect(db_path)
    assert db.execute("SELECT helpful FROM feedback ORDER BY id").fetchall() == [(0,)]   # one per message
    assert db.execute("SELECT COUNT(*) FROM messages").fetchone() == (3,)
    assert db.execute("SELECT COUNT(*) FROM messages WHERE id = ?", [first["message_id"]]).fetchone() == (1,)
    assert db.execute("SELECT COUNT(*) FROM sessions WHERE id = ?", [first["session_id"]]).fetchone() == (1,)
    db.close()
