"""Two `guide serve --prod --front external` replicas behind one nginx (`guide nginx-config`),
sharing one PostgreSQL runtime store and one build folder, all real processes on loopback
(issue: scale-out): a conversation continues across replicas, the rate limit and login throttle hold
across them, a new build is picked up by both without a dropped request, and killing one replica
under load loses no acknowledged write."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import psycopg
import pytest
from werkzeug.security import generate_password_hash

from guide.build import build_index
from guide.config import PROJECT_ROOT, load_settings
from guide.webapp.front import find_nginx
from tests.conftest import fresh_database, make_tiny_catalog
from tests.test_serving import RENAMED, free_port, get_json, rename_matter, wait_for

PASSWORD = "replica-password-123"
RATE = 30


class Replica:
    def __init__(self, env: dict, port: int):
        self.port = port
        self.env = env
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "guide"), "serve", "--prod", "--front", "external",
             "--port", str(self.port), "--workers", "1"],
            cwd=PROJECT_ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def up(self) -> bool:
        if self.proc.poll() is not None:
            raise AssertionError(f"replica on {self.port} exited with {self.proc.returncode}")
        try:
            return get_json(self.port, "/healthz", timeout=3)[0] == 200
        except OSError:
            return False

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, hash_encoder, pg_admin_url):
    root = tmp_path_factory.mktemp("replicas")
    catalog = make_tiny_catalog(root)
    url, drop = fresh_database(pg_admin_url, "guide_replicas")
    staff = f"{{alice: '{generate_password_hash(PASSWORD)}'}}"
    env_settings = {"GUIDE_CATALOG_DIR": str(catalog), "GUIDE_INDEX_DIR": str(root / "index"),
                    "GUIDE_RUNTIME_URL": url, "GUIDE_MODEL": "hash", "GUIDE_PLAIN_HTTP": "1",
                    "GUIDE_BUILD_CHECK_SECONDS": "0", "GUIDE_RATE_LIMIT_PER_MINUTE": str(RATE),
                    "GUIDE_SECRET_KEY": "one-key-for-every-replica-0123456789", "GUIDE_STAFF_ACCOUNTS": staff}
    settings = load_settings(env=env_settings)
    build_index(settings, encoder=hash_encoder)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUIDE_")} | env_settings
    replicas = [Replica(env, free_port()), Replica(env, free_port())]
    for replica in replicas:
        replica.start()
    front_port = free_port()
    folder = root / "front"
    subprocess.run([str(Path(sys.executable).parent / "guide"), "nginx-config", "--listen", f"127.0.0.1:{front_port}",
                    *[a for r in replicas for a in ("--upstream", f"127.0.0.1:{r.port}")], "--folder", str(folder)],
                   cwd=PROJECT_ROOT, env=env, check=True, capture_output=True)
    nginx = subprocess.Popen([find_nginx(), "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for replica in replicas:
            wait_for(replica.up, timeout=120, step=0.3)
        wait_for(lambda: _answers(front_port), timeout=20, step=0.2)
        yield {"replicas": replicas, "front": front_port, "url": url, "settings": settings,
               "encoder": hash_encoder}
    finally:
        nginx.send_signal(signal.SIGQUIT)
        nginx.wait(20)
        for replica in replicas:
            replica.stop()
        drop()


def _answers(port: int) -> bool:
    try:
        return get_json(port, "/healthz", timeout=2)[0] == 200
    except OSError:
        return False


def test_a_conversation_continues_when_its_turns_land_on_different_replicas(cluster):
    a, b = cluster["replicas"]
    status, first = get_json(a.port, "/api/chat", {"message": "身份证过期了怎么办"})
    assert status == 200 and first["type"] == "situation" and first["options"]
    status, second = get_json(b.port, "/api/chat", {"session_id": first["session_id"],
                                                    "choice": first["options"][0]["id"]})
    assert status == 200, second
    assert second["session_id"] == first["session_id"] and second["matter"]["id"] == first["matter"]["id"]
    status, third = get_json(a.port, "/api/chat", {"session_id": first["session_id"], "message": "在哪里办"})
    assert status == 200 and third["session_id"] == first["session_id"]


def test_the_rate_limit_holds_across_replicas(cluster):
    a, b = cluster["replicas"]
    left = 60 - time.time() % 60
    if left < 20:                   # the limit counts fixed minutes: the walk stays inside one
        time.sleep(left + 0.5)
    codes = []
    for replica in (a, b):
        for n in range(RATE * 2 // 3):
            codes.append(get_json(replica.port, "/api/search?q=" + quote(f"公积金{n}"))[0])
        time.sleep(2.5)             # each replica shares its counts about once a second
    assert codes.count(429) > 0, "each replica alone allowed every request: the limit was not shared"
    assert codes.count(200) <= RATE + 3       # within about a second of traffic of the shared limit


def _login(port: int, password: str) -> int:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/staff/login")
    page = conn.getresponse()
    text = page.read().decode()
    cookie = page.getheader("Set-Cookie", "").split(";")[0]
    token = re.search(r'name="csrf_token" value="([^"]+)"', text).group(1)
    body = urlencode({"username": "alice", "password": password, "csrf_token": token})
    conn.request("POST", "/staff/login", body=body, headers={"Content-Type": "application/x-www-form-urlencoded",
                                                            "Cookie": cookie})
    status = conn.getresponse().status
    conn.close()
    return status


def test_the_login_throttle_holds_across_replicas(cluster):
    a, b = cluster["replicas"]
    from guide.runtime_auth import LOGIN_LIMITS

    codes = [_login((a, b)[n % 2].port, "wrong-guess") for n in range(LOGIN_LIMITS["account"])]
    assert codes == [401] * LOGIN_LIMITS["account"]
    assert _login(a.port, PASSWORD) == 429 and _login(b.port, PASSWORD) == 429


class Load(threading.Thread):
    """Searches through nginx without pause; counts every answer that is not a 200."""

    def __init__(self, port: int):
        super().__init__(daemon=True)
        self.port, self.stop, self.ok, self.failed = port, threading.Event(), 0, []

    def run(self):
        n = 0
        while not self.stop.is_set():
            n += 1
            try:
                status, _ = get_json(self.port, "/api/matters/370100-GA-002", timeout=10)
            except OSError as exc:
                self.failed.append(repr(exc))
                continue
            if status == 200:
                self.ok += 1
            else:
                self.failed.append(status)


def test_a_new_build_is_picked_up_by_both_replicas_without_a_dropped_request(cluster):
    settings = cluster["settings"]
    load = Load(cluster["front"])
    load.start()
    try:
        rename_matter(settings)
        second = build_index(settings, encoder=cluster["encoder"])
        for replica in cluster["replicas"]:
            wait_for(lambda r=replica: get_json(r.port, "/healthz")[1]["build_id"] == second.build_id
                     and get_json(r.port, "/api/matters/370100-GA-002")[1]["name"] == RENAMED, timeout=60, step=0.3)
        time.sleep(0.5)
    finally:
        load.stop.set()
        load.join(20)
    assert load.ok > 20 and load.failed == []


def test_killing_a_replica_under_load_loses_no_acknowledged_write(cluster):
    front = cluster["front"]
    messages = []
    for n in range(12):            # the cluster's limits: 30 chats and 30 feedback posts a minute per client
        status, reply = get_json(front, "/api/chat", {"message": f"身份证丢了怎么补办 {n}"})
        assert status == 200
        messages.append(reply)
    acknowledged, refused = [], []

    def post_feedback():
        for n, reply in enumerate(messages):
            try:
                status, _ = get_json(front, "/api/feedback", {"session_id": reply["session_id"],
                                                              "message_id": reply["message_id"], "helpful": n % 2 == 0})
            except OSError:
                status = None
            (acknowledged if status == 200 else refused).append(reply["message_id"])
            time.sleep(0.05)
    writer = threading.Thread(target=post_feedback)
    writer.start()
    time.sleep(0.15)
    victim = cluster["replicas"][0]
    victim.proc.send_signal(signal.SIGKILL)          # the gunicorn master; its worker follows
    victim.proc.wait(30)
    writer.join(60)
    with psycopg.connect(cluster["url"]) as conn:
        stored = {r[0] for r in conn.execute("SELECT message_id FROM feedback")}
    assert acknowledged and set(acknowledged) <= stored
    # Requests in flight on the killed replica may fail (never acknowledged); after it, nginx sends
    # everything to the live one: every later write is acknowledged and stored.
    later = []
    for reply in messages[:10]:
        status, _ = get_json(front, "/api/feedback", {"session_id": reply["session_id"],
                                                      "message_id": reply["message_id"], "helpful": True})
        later.append(status)
    assert later == [200] * 10
    victim.start()                                   # for the fixture's teardown
    wait_for(victim.up, timeout=120, step=0.3)
