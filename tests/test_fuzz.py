"""Fuzz every route (collected from app.url_map) with random methods, paths, query strings, headers and
bodies: never a 5xx, /api/* errors are always the JSON error shape, and no body shows a traceback.

Bounded and deterministic: derandomize=True, no example database, a fixed number of examples.
"""
from __future__ import annotations

import json
import string
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guide.webapp import create_app

TOKEN = "fuzz-token-0123456789"
METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")
ERROR_KEYS = {"error", "message", "field", "status"}
FUZZ = settings(max_examples=250, derandomize=True, database=None, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SMALL_FUZZ = settings(FUZZ, max_examples=120)


@pytest.fixture(scope="module")
def app(tiny_guide, tiny_settings, tmp_path_factory):
    runtime = tmp_path_factory.mktemp("fuzz") / "runtime.db"
    return create_app(tiny_settings.replace(runtime_db=str(runtime), rate_limit_per_minute=0, staff_token=TOKEN,
                                            build_check_seconds=3600), guide=tiny_guide)


# ---------------------------------------------------------------- strategies

interesting_text = st.sampled_from([
    "身份证丢了怎么补办", "开饭馆要办什么证", "", " ", "\x00", "\u200b", "<script>alert(1)</script>", "' OR 1=1 --",
    "../../etc/passwd", "%00", "%%", "\ud7ff", "🙂" * 3, "370100-GA-002", "370100-YJS-001", "_all", "null",
    "GA", "自然人", "bundle", "0", "-1", "51", "1e9", "true", "[]", "{}", "\n\r\t", "a" * 201,
])
long_text = st.integers(min_value=150, max_value=40_000).map(lambda n: "长" * n)
any_text = st.one_of(interesting_text, st.text(max_size=60), long_text)
small_text = st.one_of(interesting_text, st.text(max_size=30))

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), any_text),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(small_text, children, max_size=4)),
    max_leaves=12,
)
chat_like = st.fixed_dictionaries({}, optional={
    "message": json_values, "session_id": json_values, "choice": json_values, "message_id": json_values,
    "helpful": json_values, "comment": json_values, "extra": json_values})

query_keys = st.sampled_from(["q", "k", "department", "subject", "kind", "next", "method", "x"])
query_strings = st.dictionaries(st.one_of(query_keys, small_text), any_text, max_size=5)

headers = st.fixed_dictionaries({}, optional={
    "Accept": st.sampled_from(["application/json", "text/html", "*/*", "", "image/png"]),
    "Authorization": st.sampled_from([f"Bearer {TOKEN}", "Bearer nope", "Basic eDp5", "Bearer", ""]),
    "X-CSRF-Token": small_text.filter(lambda s: s.isascii() and s.isprintable()),
    "Content-Type": st.sampled_from(["application/json", "text/plain", "application/x-www-form-urlencoded",
                                     "multipart/form-data", "application/json; charset=gbk", ""]),
})


@st.composite
def bodies(draw):
    kind = draw(st.sampled_from(["none", "json", "chat", "bytes", "text", "form"]))
    if kind == "none":
        return {}
    if kind == "json":
        return {"data": json.dumps(draw(json_values), ensure_ascii=draw(st.booleans()))}
    if kind == "chat":
        return {"data": json.dumps(draw(chat_like), ensure_ascii=False)}
    if kind == "bytes":
        return {"data": draw(st.binary(max_size=300))}
    if kind == "text":
        return {"data": draw(any_text).encode("utf-8", "surrogatepass")}
    return {"data": draw(st.dictionaries(st.sampled_from(["username", "password", "csrf_token", "next", "q"]),
                                         small_text, max_size=4))}


def path_for(rule, draw) -> str:
    """The rule's path with every converter filled by random (quoted) text."""
    values = {}
    for name in rule.arguments:
        raw = draw(st.one_of(interesting_text, st.text(min_size=1, max_size=40)))
        safe = "/" if rule._converters[name].__class__.__name__ == "PathConverter" else ""
        values[name] = quote(raw.encode("utf-8", "surrogatepass"), safe=safe) or "x"
    path = rule.rule
    for name, value in values.items():
        path = path.replace(f"<{name}>", value)
        for conv in ("path", "string", "int"):
            path = path.replace(f"<{conv}:{name}>", value)
    return path


# ---------------------------------------------------------------- the checks

def check(response, method: str, path: str) -> None:
    try:
        text = response.get_data(as_text=True)
        assert response.status_code < 500, (method, path, response.status_code, text[:300])
        assert "Traceback" not in text and 'File "/' not in text, (method, path, text[:300])
        if path.startswith("/api/") and response.status_code >= 400 and method != "HEAD":
            assert response.is_json, (method, path, response.status_code, text[:200])
            body = response.get_json()
            assert set(body) == ERROR_KEYS and body["status"] == response.status_code, body
            assert isinstance(body["message"], str) and body["message"]
    finally:
        response.close()


def test_routes_are_collected(app):
    rules = {r.rule for r in app.url_map.iter_rules()}
    assert {"/healthz", "/api/search", "/api/chat", "/api/feedback", "/api/matters/<entry_id>",
            "/staff/login", "/api/staff/queries", "/api/admin/reload", "/"} <= rules


def test_fuzz_every_route(app):
    rules = sorted(app.url_map.iter_rules(), key=lambda r: r.rule)

    @FUZZ
    @given(st.data())
    def run(data):
        rule = data.draw(st.sampled_from(rules), label="rule")
        allowed = sorted(rule.methods - {"OPTIONS"})
        method = data.draw(st.one_of(st.sampled_from(allowed), st.sampled_from(METHODS)), label="method")
        path = path_for(rule, data.draw)
        response = app.test_client().open(path, method=method, query_string=data.draw(query_strings),
                                          headers=data.draw(headers), **data.draw(bodies()))
        check(response, method, path)

    run()


def test_fuzz_random_paths(app):
    @SMALL_FUZZ
    @given(st.sampled_from(["/api/", "/", "/staff/", "/matters/", "/static/", "/api/matters/"]),
           st.text(max_size=80), st.sampled_from(METHODS))
    def run(prefix, tail, method):
        path = prefix + quote(tail.encode("utf-8", "surrogatepass"), safe="/")
        check(app.test_client().open(path, method=method), method, path)

    run()


def test_fuzz_search_query_strings(app):
    @SMALL_FUZZ
    @given(query_strings, st.sampled_from([{}, {"q": "身份证"}]))
    def run(params, base):
        response = app.test_client().get("/api/search", query_string={**base, **params})
        check(response, "GET", "/api/search")
        if response.status_code == 200:
            assert set(response.get_json()) >= {"query", "results", "confidence"}

    run()


def test_fuzz_chat_and_feedback_bodies(app):
    @SMALL_FUZZ
    @given(st.sampled_from(["/api/chat", "/api/feedback"]), chat_like, st.booleans())
    def run(path, body, as_json):
        client = app.test_client()
        if as_json:
            response = client.post(path, json=body)
        else:
            response = client.post(path, data=json.dumps(body, ensure_ascii=False).encode(), content_type="text/plain")
        check(response, "POST", path)
        if response.status_code == 200 and path == "/api/chat":
            assert {"session_id", "message_id", "type"} <= set(response.get_json())

    run()


@pytest.mark.parametrize("path", ["/api/search?q=" + "x" * 9000, "/api/matters/" + "9" * 9000,
                                  "/api/search?" + "&".join(f"k{i}={i}" for i in range(2000))])
def test_very_long_urls_are_client_errors(app, path):
    check(app.test_client().get(path), "GET", path.split("?")[0])


def test_printable_ascii_everywhere_in_q(app):
    client = app.test_client()
    for ch in string.printable:
        check(client.get("/api/search", query_string={"q": ch * 3}), "GET", "/api/search")
