"""Helpers for the real-browser tests: an in-process server, Debian's chromium, canned /api/chat replies."""
from __future__ import annotations

import json
import threading
from pathlib import Path

from werkzeug.serving import make_server

from guide.catalog import entry_to_dict
from guide.present.view import entry_view

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = PROJECT / "var" / "screenshots"
DOC_SCREENSHOTS = PROJECT / "docs" / "screenshots"
# The policy the pages must live under; set here unless the app already sends its own.
STRICT_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
              "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
              "form-action 'self'; frame-ancestors 'none'")


class LiveServer:
    """Serves a WSGI app on 127.0.0.1 with a free port in a daemon thread."""

    def __init__(self, app):
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, name="live-server", daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


def add_strict_csp(app) -> None:
    @app.after_request
    def _csp(response):
        response.headers.setdefault("Content-Security-Policy", STRICT_CSP)
        return response


def has_route(app, rule: str, method: str = "POST") -> bool:
    return any(r.rule == rule and method in r.methods for r in app.url_map.iter_rules())


# ---------------------------------------------------------------- canned /api/chat replies

def checklist_of(matter, chosen: dict) -> list[dict]:
    return [{"name": m.name, "form": m.form, "copies": m.copies, "required": m.required, "notes": m.notes,
             "source": m.source, "exempt": m.exempt_if_e_license} for m in matter.materials if m.applies(chosen)]


def reply(kind: str, text: str, *, n: int, matter=None, guide=None, asked=None, options=(), checklist=(),
          suggestions=(), session_id: str = "s-test-1", chosen=None) -> dict:
    """A /api/chat reply of the documented shape; `view` as the server computes it for `chosen`."""
    data = view = online = None
    if matter is not None:
        data = entry_to_dict(matter)
        if matter.kind == "bundle":
            data["members"] = [{**m, "name": guide.get(m["matter"]).name} for m in data["members"]]
        online = data["online"]
        view = entry_view(matter, chosen or {}, departments=guide.department_names if guide else {},
                          get=guide.get if guide else None)
    return {"session_id": session_id, "message_id": f"m{n}", "type": kind, "text": text, "matter": data,
            "asked": asked, "options": list(options), "checklist": list(checklist), "online": online,
            "suggestions": list(suggestions), "view": view}


class ChatScript:
    """Fulfils /api/chat from a list of replies (or a function of the request) and records requests."""

    def __init__(self, replies):
        self.replies = replies
        self.requests: list[dict] = []
        self.feedback: list[dict] = []

    def install(self, page) -> "ChatScript":
        page.route("**/api/chat", self._chat)
        page.route("**/api/feedback", self._feedback)
        return self

    def _chat(self, route, request):
        body = json.loads(request.post_data or "{}")
        self.requests.append(body)
        if callable(self.replies):
            status, payload = self.replies(body, len(self.requests))
        else:
            status, payload = 200, self.replies[min(len(self.requests), len(self.replies)) - 1]
        route.fulfill(status=status, content_type="application/json", body=json.dumps(payload, ensure_ascii=False))

    def _feedback(self, route, request):
        self.feedback.append(json.loads(request.post_data or "{}"))
        route.fulfill(status=200, content_type="application/json", body='{"ok": true}')


# ---------------------------------------------------------------- a second served region
