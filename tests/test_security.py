"""Security headers, the request size limit, per-client rate limits and JSON errors (guide.webapp.security)."""
import pytest

from guide.webapp import create_app
from guide.webapp.security import SECURITY_HEADERS, RateLimiter

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'self'; frame-ancestors 'none'; form-action 'self'")


@pytest.fixture()
def make_client(tiny_guide, tiny_settings, tmp_path):
    def make(**changes):
        settings = tiny_settings.replace(runtime_db=str(tmp_path / "runtime.db"), **changes)
        return create_app(settings, guide=tiny_guide).test_client()
    return make


@pytest.fixture()
def client(make_client):
    return make_client()


def _error_body(response, status):
    assert response.status_code == status
    body = response.get_json()
    assert set(body) == {"error", "message", "field", "status"} and body["status"] == status
    return body


@pytest.mark.parametrize("method, path, kwargs", [
    ("get", "/healthz", {}), ("get", "/", {}), ("get", "/counter", {}), ("get", "/matters/370100-GA-002", {}),
    ("get", "/api/search", {"query_string": {"q": "身份证"}}), ("get", "/api/search", {}),
    ("get", "/api/matters/nope", {}), ("get", "/static/app.css", {}), ("get", "/no/such/page", {}),
    ("post", "/api/chat", {"json": {"message": "身份证丢了"}}), ("delete", "/api/chat", {}),
    ("get", "/staff/login", {}), ("get", "/api/staff/queries", {}),
])
def test_security_headers_on_every_response(client, method, path, kwargs):
    response = getattr(client, method)(path, **kwargs)
    assert response.headers["Content-Security-Policy"] == CSP
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value
    response.close()                        # static files are streamed from an open file


def test_oversized_body_is_413_json(client):
    body = _error_body(client.post("/api/chat", data='{"message": "' + "x" * 20000 + '"}',
                                   content_type="application/json"), 413)
    assert "过大" in body["message"]
    body = _error_body(client.post("/api/feedback", data=b"x" * (17 * 1024), content_type="application/json"), 413)
    response = client.post("/staff/login", data={"username": "a" * 20000, "password": "b"})
    _error_body(response, 413)


def test_wrong_method_is_405_json_with_allow(client):
    response = client.get("/api/chat")
    body = _error_body(response, 405)
    assert "POST" in response.headers["Allow"] and "请求方法" in body["message"]
    _error_body(client.put("/api/search"), 405)


def test_unknown_api_path_is_404_json_and_pages_get_html(client):
    assert _error_body(client.get("/api/nope"), 404)["message"]
    html = client.get("/no/such/page", headers={"Accept": "text/html,application/xhtml+xml"})
    assert html.status_code == 404 and html.content_type.startswith("text/html") and "未找到" in html.text
    assert client.get("/no/such/page").is_json


def test_search_is_rate_limited_per_client_with_retry_after(make_client):
    client = make_client(rate_limit_per_minute=3)
    for _ in range(3):
        assert client.get("/api/search", query_string={"q": "身份证"}).status_code == 200
    response = client.get("/api/search", query_string={"q": "身份证"})
    body = _error_body(response, 429)
    assert int(response.headers["Retry-After"]) >= 1 and "秒后再试" in body["message"]
    other = client.get("/api/search", query_string={"q": "身份证"}, environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code == 200                              # another client has its own bucket
    assert client.get("/healthz").status_code == 200             # only search and chat are limited
    assert client.get("/api/matters/370100-GA-002").status_code == 200


def test_chat_is_rate_limited(make_client):
    client = make_client(rate_limit_per_minute=2)
    assert client.post("/api/chat", json={"message": "身份证丢了"}).status_code == 200
    assert client.post("/api/chat", json={"message": "身份证丢了"}).status_code == 200
    response = client.post("/api/chat", json={"message": "身份证丢了"})
    assert _error_body(response, 429) and response.headers["Retry-After"]


def test_zero_rate_limit_means_unlimited(make_client):
    client = make_client(rate_limit_per_minute=0)
    assert all(client.get("/api/search", query_string={"q": "身份证"}).status_code == 200 for _ in range(20))


def test_token_bucket_refills():
    limiter = RateLimiter(60)                      # one token per second, burst of 60
    assert all(limiter.hit("a", now=100.0) == 0 for _ in range(60))
    assert limiter.hit("a", now=100.0) == pytest.approx(1.0)
    assert limiter.hit("a", now=100.5) == pytest.approx(0.5)
    assert limiter.hit("a", now=101.6) == 0
    assert limiter.hit("b", now=101.6) == 0


def test_token_bucket_forgets_idle_clients():
    limiter = RateLimiter(60)
    limiter.MAX_KEYS = 10
    for n in range(10):
        limiter.hit(f"old{n}", now=0.0)
    limiter.hit("new", now=500.0)
    assert set(limiter._buckets) == {"new"}


def test_unexpected_error_is_500_json_without_traceback(tiny_guide, tiny_settings, tmp_path):
    app = create_app(tiny_settings.replace(runtime_db=str(tmp_path / "rt.db")), guide=tiny_guide)

    def boom():
        raise RuntimeError("secret internal detail")

    app.add_url_rule("/api/boom", "boom", boom)
    response = app.test_client().get("/api/boom")
    body = _error_body(response, 500)
    assert "secret internal detail" not in response.text and "Traceback" not in response.text
    assert body["message"] == "服务暂时不可用，请稍后再试。"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_citizen_requests_get_no_cookie(client):
    assert "Set-Cookie" not in client.get("/api/search", query_string={"q": "身份证"}).headers
    assert "Set-Cookie" not in client.post("/api/chat", json={"message": "身份证丢了"}).headers
    assert "Set-Cookie" not in client.get("/").headers
