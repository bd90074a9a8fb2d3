"""`guide serve --prod` behind its nginx front (real nginx, real gunicorn): slow clients, the front's
own error responses, and what happens without nginx (issue: hardening, findings 1 and 10)."""
from __future__ import annotations

import json
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
from click.testing import CliRunner

from guide.build import build_index
from guide.config import PROJECT_ROOT, load_settings
from tests.conftest import make_tiny_catalog
from tests.test_serving import free_port, get_json, wait_for

SLOW_CLIENTS = 64


@pytest.fixture(scope="module")
def prod_server(tmp_path_factory, hash_encoder):
    """One `guide serve --prod` (2 workers x 2 threads, the default) on the tiny catalog."""
    root = tmp_path_factory.mktemp("front")
    catalog = make_tiny_catalog(root)
    env_settings = {"GUIDE_CATALOG_DIR": str(catalog), "GUIDE_INDEX_DIR": str(root / "index"),
                    "GUIDE_RUNTIME_DB": str(root / "var" / "runtime.db"), "GUIDE_MODEL": "hash",
                    "GUIDE_PLAIN_HTTP": "1"}
    build_index(load_settings(env=env_settings), encoder=hash_encoder)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUIDE_")} | env_settings
    proc = subprocess.Popen([str(Path(sys.executable).parent / "guide"), "serve", "--prod", "--port", str(port),
                             "--access-log"], cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    log_lines: list[str] = []
    threading.Thread(target=lambda: log_lines.extend(proc.stdout), daemon=True).start()

    def up():
        if proc.poll() is not None:
            raise AssertionError("server exited:\n" + "".join(log_lines))
        try:
            return get_json(port, "/healthz", timeout=5)[0] == 200
        except OSError:
            return False
    wait_for(up, timeout=120, step=0.3)
    yield port, proc, log_lines
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    proc.stdout.close()


def raw_request(port: int, data: bytes, timeout: float = 5.0) -> tuple[int, dict, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(data)
        chunks = []
        while True:
            try:
                chunk = s.recv(65536)
            except (TimeoutError, ConnectionResetError):
                break
            if not chunk:
                break
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        key, _, value = line.partition(":")
        headers[key.strip().lower()] = value.strip()
    return int(lines[0].split()[1]), headers, body


def test_slow_and_idle_clients_do_not_stop_the_server(prod_server):
    port, proc, _ = prod_server
    stop = threading.Event()
    sockets = []

    def dribble(s):                 # one header line every 2 s, never finishing the request
        n = 0
        while not stop.is_set():
            try:
                s.sendall(f"X-Slow-{n}: {n}\r\n".encode())
            except OSError:
                return
            n += 1
            stop.wait(2.0)
    for n in range(SLOW_CLIENTS):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n")
        sockets.append(s)
        if n % 2 == 0:
            threading.Thread(target=dribble, args=(s,), daemon=True).start()     # the other half idle
    try:
        time.sleep(2.5)             # every worker thread would be taken by now without the front
        for q in ("身份证丢了", "公积金提取", "开饭馆"):
            started = time.monotonic()
            status, health = get_json(port, "/healthz", timeout=5)
            assert status == 200 and health["status"] == "ok"
            status, body = get_json(port, "/api/search?q=" + quote(q), timeout=5)
            assert status == 200 and body["results"]
            elapsed = time.monotonic() - started
            assert elapsed < 1.0, f"health + search took {elapsed:.2f} s with {SLOW_CLIENTS} slow clients open"
    finally:
        stop.set()
        for s in sockets:
            s.close()
    assert proc.poll() is None


@pytest.mark.parametrize("request_bytes, status", [
    (b"THIS IS NOT HTTP\r\n\r\n", 400),
    (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 9000 + b"\r\n\r\n", 400),
    (b"POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 20000\r\n\r\n" + b" " * 20000, 413),
])
def test_the_fronts_own_errors_are_json_with_the_security_headers(prod_server, request_bytes, status):
    port, _, _ = prod_server
    code, headers, body = raw_request(port, request_bytes)
    assert code == status
    assert headers["content-type"].startswith("application/json")
    payload = json.loads(body.split(b"\r\n0\r\n")[0].decode() if b"\r\n" in body[:8] else body)
    assert payload["status"] == status and payload["message"]
    assert headers["x-content-type-options"] == "nosniff" and "frame-ancestors 'none'" in headers[
        "content-security-policy"]
    assert "server" not in headers or "nginx/" not in headers["server"]     # no version banner


def test_client_addresses_reach_the_app_and_the_access_log_is_masked(prod_server):
    port, _, log_lines = prod_server
    status, _ = get_json(port, "/api/search?q=" + quote("身份证370102199001011234丢了 电话13812345678"))
    assert status == 200
    wait_for(lambda: any("/api/search" in line for line in log_lines), timeout=10)
    access = [line for line in log_lines if "/api/search" in line]
    assert access and all("13812345678" not in line and "370102199001011234" not in line for line in access)
    assert access[-1].startswith("127.0.0.1 ")     # the client's address (from nginx), not the socket's


def test_gunicorn_listens_only_on_a_private_socket(prod_server):
    port, proc, _ = prod_server
    out = subprocess.run(["ss", "-lxp"], capture_output=True, text=True).stdout if _has("ss") else ""
    sockets = [line for line in out.splitlines() if "guide-front-" in line]
    for line in sockets:
        path = Path(next(part for part in line.split() if "guide-front-" in part))
        assert (path.parent.stat().st_mode & 0o007) == 0          # no one else may reach gunicorn
    listening = subprocess.run(["ss", "-ltnp"], capture_output=True, text=True).stdout if _has("ss") else ""
    if listening:
        ours = [line for line in listening.splitlines() if f":{port} " in line]
        assert ours and all("nginx" in line for line in ours)      # the public port is nginx's


def _has(command: str) -> bool:
    from shutil import which

    return which(command) is not None


def test_prod_refuses_to_start_without_nginx_and_names_the_fix(tiny_settings, monkeypatch):
    from guide.cli import main

    monkeypatch.setenv("GUIDE_NGINX", "/nonexistent/nginx")
    result = CliRunner().invoke(main, ["serve", "--prod", "--port", str(free_port())])
    assert result.exit_code == 1
    assert "apt-get install nginx" in result.output and "--front external" in result.output


def test_prod_refuses_a_taken_port_with_a_clear_message(prod_server):
    from guide.cli import main

    port, _, _ = prod_server
    result = CliRunner().invoke(main, ["serve", "--prod", "--port", str(port)])
    assert result.exit_code == 1 and f"cannot listen on 127.0.0.1:{port}" in result.output


def test_nginx_stops_with_the_server(tmp_path, hash_encoder):
    catalog = make_tiny_catalog(tmp_path)
    env_settings = {"GUIDE_CATALOG_DIR": str(catalog), "GUIDE_INDEX_DIR": str(tmp_path / "index"),
                    "GUIDE_RUNTIME_DB": str(tmp_path / "var" / "runtime.db"), "GUIDE_MODEL": "hash"}
    build_index(load_settings(env=env_settings), encoder=hash_encoder)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUIDE_")} | env_settings
    proc = subprocess.Popen([str(Path(sys.executable).parent / "guide"), "serve", "--prod", "--port", str(port),
                             "--workers", "1"], cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: _answers(port), timeout=120, step=0.3)
        proc.kill()                      # even SIGKILL of the gunicorn master takes nginx down
        proc.wait(timeout=30)
        wait_for(lambda: not _answers(port), timeout=15, step=0.2)
    finally:
        if proc.poll() is None:
            proc.kill()


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False
