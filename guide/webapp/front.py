"""The production front: nginx on the public port, gunicorn behind it on a private loopback port.

Why nginx: gunicorn's gthread workers give every connection a thread while it sends its request, so
a handful of clients that send one header line every few seconds hold all 2 x 2 threads and the
server stops answering (measured: 4 such sockets made /healthz probes time out). nginx reads each
request whole (headers and body, with its own timeouts and size limits) on an event loop before it
passes it on, so slow or idle clients cost it a few kilobytes each, never a worker thread. A Python
front that buffers requests would do the same job worse; the deployment needs nginx anyway for
several replicas.

`guide serve --prod` starts the nginx master as a child of the gunicorn master (when gunicorn's
socket is ready) and stops it when gunicorn stops; if nginx dies, gunicorn is stopped too, so a
supervisor sees one failed service instead of a server nobody can reach. The configuration is
rendered from web-independent settings into a private 0700 folder under the system temp dir.
gunicorn listens on 127.0.0.1 at a free port, and nginx adds a secret header chosen at each start
(X-Guide-Front); the app refuses any request without it (guide.webapp.security), so a local process
that connects to gunicorn directly can neither skip the front nor forge X-Forwarded-For. (A UNIX
socket would need no secret, but measured behind it the two gunicorn workers served ~100 distinct
searches/s together instead of ~185: they were idle half the time.) Errors nginx answers itself (bad request line,
header too large, slow client, gunicorn down) get the API's JSON body and the security headers.
"""
from __future__ import annotations

import ctypes
import json
import logging
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

NGINX_FIX = ("guide serve --prod puts nginx in front of gunicorn (it protects the server from slow "
             "clients) and cannot find it: install Debian's nginx (`apt-get install nginx`; `make serve` "
             "does this), set the nginx setting (GUIDE_NGINX) to its path, or pass --front external "
             "when another reverse proxy that buffers whole requests stands in front of this server.")

# Errors nginx itself may answer; each gets a JSON body like the API's (guide.webapp.security).
FRONT_ERRORS = {
    400: ("Bad Request", "请求格式有误。"),
    408: ("Request Timeout", "请求超时，请重试。"),
    413: ("Request Entity Too Large", "请求内容过大（最多 16 KB）。"),
    414: ("Request-URI Too Large", "请求地址过长。"),
    494: ("Request Header Too Large", "请求头过大。"),
    500: ("Internal Server Error", "服务暂时不可用，请稍后再试。"),
    502: ("Bad Gateway", "服务暂时不可用，请稍后再试。"),
    503: ("Service Unavailable", "服务暂时不可用，请稍后再试。"),
    504: ("Gateway Timeout", "服务响应超时，请稍后再试。"),
}


FRONT_HEADER = "X-Guide-Front"


def free_loopback_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FrontError(RuntimeError):
    """nginx is missing, its port is taken, or it did not start; the message names the fix."""


def find_nginx(wanted: str = "") -> str:
    """The `nginx` setting (GUIDE_NGINX) if set (it must be executable), else nginx on PATH or in
    /usr/sbin."""
    candidates = [wanted] if wanted else [shutil.which("nginx"), "/usr/sbin/nginx"]
    for path in candidates:
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    raise FrontError(NGINX_FIX + (f" (GUIDE_NGINX={wanted} is not an executable file)" if wanted else ""))


@dataclass(frozen=True)
class FrontConfig:
    """`upstreams`: "host:port" of guide serve --prod's own gunicorn or of each replica
    (`guide serve --prod --front external`); several replicas share one nginx. `front_secret`: the
    X-Guide-Front value nginx adds (guide serve --prod's own front only)."""
    host: str
    port: int
    upstreams: tuple[str, ...]
    folder: Path
    security_headers: dict
    front_secret: str = ""
    max_body_bytes: int = 16 * 1024
    header_timeout_s: int = 10
    body_timeout_s: int = 10
    keepalive_timeout_s: int = 15
    worker_connections: int = 4096

    def render(self) -> str:
        listen = f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"
        headers = "".join(f"        add_header {k} {_quote(v)} always;\n" for k, v in self.security_headers.items())
        error_pages = "".join(f"    error_page {code} /_front_error/{code}.json;\n" for code in FRONT_ERRORS)
        user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
        # A replica that refuses connections is skipped for 2 s; a request already sent is never
        # re-sent to another replica when it is not idempotent (POST), so no turn is stored twice.
        several = len(self.upstreams) > 1
        servers = "".join(f"        server {u}{' max_fails=1 fail_timeout=2s' if several else ''};\n"
                          for u in self.upstreams)
        secret_header = (f"            proxy_set_header {FRONT_HEADER} {_quote(self.front_secret)};\n"
                         if self.front_secret else "")
        f = self.folder
        return f"""# Rendered by guide (guide/webapp/front.py: guide serve --prod or guide nginx-config); re-render, do not edit.
{user}worker_processes 1;
worker_rlimit_nofile {self.worker_connections * 2 + 64};
pid {f}/nginx.pid;
error_log stderr warn;
events {{ worker_connections {self.worker_connections}; }}
http {{
    access_log off;                 # gunicorn writes the access log, masked (guide.privacy)
    server_tokens off;
    client_header_timeout {self.header_timeout_s}s;
    client_body_timeout {self.body_timeout_s}s;
    send_timeout {self.body_timeout_s}s;
    keepalive_timeout {self.keepalive_timeout_s}s;
    reset_timedout_connection on;
    client_header_buffer_size 4k;
    large_client_header_buffers 4 8k;
    client_max_body_size {self.max_body_bytes};
    client_body_buffer_size {self.max_body_bytes};
    client_body_temp_path {f}/body;
    proxy_temp_path {f}/proxy;
    fastcgi_temp_path {f}/fastcgi;
    uwsgi_temp_path {f}/uwsgi;
    scgi_temp_path {f}/scgi;
    upstream guide_app {{
{servers}    }}
    server {{
        listen {listen} backlog=4096;
{error_pages}        location / {{
            proxy_pass http://guide_app;
            # A new upstream connection per request (cheap on loopback): kept-alive
            # upstream connections stick to the gunicorn worker that accepted them, which left the
            # other worker idle under load (measured: 102 instead of ~200 distinct searches/s).
            proxy_http_version 1.1;
            proxy_set_header Connection "close";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $remote_addr;    # replaced, never appended
            proxy_set_header X-Forwarded-Proto $scheme;
{secret_header}            proxy_request_buffering on;      # the whole request is read before gunicorn sees it
            proxy_buffering on;
            proxy_connect_timeout 5s;
            proxy_next_upstream error timeout http_502 http_503;
            proxy_read_timeout 60s;
        }}
        location ^~ /_front_error/ {{
            internal;
            root {f};
            default_type application/json;
            charset utf-8;
{headers}        }}
    }}
}}
"""

    def write(self) -> Path:
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi", "_front_error"):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
        for code, (error, message) in FRONT_ERRORS.items():
            status = 400 if code == 494 else code
            body = {"error": error, "message": message, "field": None, "status": status}
            (self.folder / "_front_error" / f"{code}.json").write_text(
                json.dumps(body, ensure_ascii=False) + "\n", encoding="utf-8")
        conf = self.folder / "nginx.conf"
        conf.write_text(self.render(), encoding="utf-8")
        return conf


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def private_folder() -> Path:
    """A fresh 0700 folder for the configuration (it holds the front secret) and nginx's temp files."""
    return Path(tempfile.mkdtemp(prefix="guide-front-"))


def check_port_free(host: str, port: int) -> None:
    """Fail fast with a clear message (nginx itself retries bind() for seconds, then logs)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            raise FrontError(f"cannot listen on {host}:{port}: {exc.strerror or exc} "
                             f"(another server on that port? choose one with --port)") from None


def _die_with_parent() -> None:
    """In the nginx child before exec: SIGTERM it when the gunicorn master dies, even by SIGKILL."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG
    except OSError:
        pass


class NginxFront:
    """One nginx master in front of one gunicorn; start() after gunicorn listens, stop() at exit."""

    def __init__(self, config: FrontConfig, nginx: str = ""):
        self.config = config
        self.nginx = find_nginx(nginx)
        self.proc: subprocess.Popen | None = None
        self._stopping = False
        self.failed = False             # set when it could not start: the server then exits 1

    def test_config(self) -> None:
        conf = self.config.write()
        result = subprocess.run([self.nginx, "-t", "-q", "-p", str(self.config.folder), "-c", str(conf)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise FrontError(f"nginx rejected its configuration {conf}: {result.stderr.strip()}")

    def start(self, on_death=None, timeout: float = 10.0) -> None:
        conf = self.config.folder / "nginx.conf"
        self.proc = subprocess.Popen([self.nginx, "-p", str(self.config.folder), "-c", str(conf),
                                      "-g", "daemon off;"], preexec_fn=_die_with_parent)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise FrontError(f"nginx exited at start (status {self.proc.returncode}); see its message above")
            try:
                with socket.create_connection((self.config.host, self.config.port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.05)
        else:
            self.stop()
            raise FrontError(f"nginx did not start listening on {self.config.host}:{self.config.port} "
                             f"within {timeout:.0f} s")
        if on_death is not None:
            threading.Thread(target=self._watch, args=(on_death,), name="nginx-watch", daemon=True).start()

    def _watch(self, on_death) -> None:
        code = self.proc.wait()
        if not self._stopping:
            log.error("nginx (the front on port %d) exited with status %s; stopping the server",
                      self.config.port, code)
            on_death()

    def stop(self, timeout: float = 10.0) -> None:
        """Graceful (SIGQUIT: finish open requests), then SIGTERM, then SIGKILL."""
        self._stopping = True
        if self.proc is None or self.proc.poll() is not None:
            return
        for sig, wait in ((signal.SIGQUIT, timeout), (signal.SIGTERM, 3.0), (signal.SIGKILL, 3.0)):
            try:
                self.proc.send_signal(sig)
                self.proc.wait(wait)
                return
            except subprocess.TimeoutExpired:
                continue
            except ProcessLookupError:
                return

    def cleanup(self) -> None:
        shutil.rmtree(self.config.folder, ignore_errors=True)
