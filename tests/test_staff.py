"""Staff access: login/logout, session cookie flags, Bearer token, CSRF, staff-only routes, staff-add."""
import logging
import re
import stat

import pytest
from click.testing import CliRunner
from werkzeug.security import check_password_hash, generate_password_hash

from guide.cli import main
from guide.webapp import create_app
from guide.webapp.staff import resolve_secret_key

PASSWORD = "correct horse battery"
TOKEN = "script-token-0123456789"
PUBLIC_STAFF_ENDPOINTS = {"staff.login", "staff.login_submit", "staff.logout"}


@pytest.fixture(scope="module")
def password_hash():
    return generate_password_hash(PASSWORD)


@pytest.fixture()
def make_app(tiny_guide, tiny_settings, tmp_path, password_hash):
    def make(**changes):
        values = {"runtime_db": str(tmp_path / "runtime.db"), "staff_accounts": {"alice": password_hash},
                  "staff_token": TOKEN, **changes}
        return create_app(tiny_settings.replace(**values), guide=tiny_guide)
    return make


@pytest.fixture()
def app(make_app):
    return make_app()


@pytest.fixture()
def client(app):
    return app.test_client()


def csrf_from(response) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', response.text)
    assert match, response.text
    return match.group(1)


def login(client, password=PASSWORD, username="alice", next_url=None):
    token = csrf_from(client.get("/staff/login"))
    data = {"username": username, "password": password, "csrf_token": token}
    if next_url is not None:
        data["next"] = next_url
    return client.post("/staff/login", data=data)


def session_csrf(client) -> str:
    return client.get("/api/staff/session").get_json()["csrf_token"]


def staff_only_rules(app):
    return [r for r in app.url_map.iter_rules()
            if (r.endpoint.startswith("staff.") and r.endpoint not in PUBLIC_STAFF_ENDPOINTS)
            or r.rule.startswith(("/api/staff", "/api/admin"))]


def test_every_staff_route_refuses_anonymous(app, client):
    rules = staff_only_rules(app)
    assert {r.rule for r in rules} >= {"/api/staff/queries", "/api/admin/reload", "/staff"}
    for rule in rules:
        method = "POST" if "POST" in rule.methods else "GET"
        response = client.open(rule.rule, method=method, json={} if method == "POST" else None)
        if rule.rule.startswith("/api/"):
            assert response.status_code == 401, rule.rule
            body = response.get_json()
            assert body["status"] == 401 and body["field"] == "Authorization" and "登录" in body["message"]
            assert response.headers["WWW-Authenticate"] == "Bearer"
        else:
            assert response.status_code == 302, rule.rule
            assert response.headers["Location"].startswith("/staff/login?next=")


def test_citizen_endpoints_stay_public(client):
    assert client.get("/healthz").status_code == 200
    assert client.get("/api/search", query_string={"q": "身份证"}).status_code == 200
    assert client.post("/api/chat", json={"message": "身份证丢了"}).status_code == 200
    assert client.get("/counter").status_code == 200


def test_login_page_is_chinese_with_hidden_csrf_field(client):
    page = client.get("/staff/login?next=/counter")
    assert page.status_code == 200 and "工作人员登录" in page.text and "用户名" in page.text and "密码" in page.text
    assert csrf_from(page) and 'name="next" value="/counter"' in page.text
    assert page.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("username, password", [("alice", "wrong password"), ("bob", PASSWORD), ("alice", "")])
def test_wrong_credentials_fail(client, username, password):
    response = login(client, password=password, username=username)
    assert response.status_code in (400, 401)
    assert "用户名或密码错误" in response.text or "请输入用户名和密码" in response.text
    assert client.get("/api/staff/queries").status_code == 401


def test_login_works_and_sets_a_safe_cookie(client):
    response = login(client, next_url="/counter")
    assert response.status_code == 303 and response.headers["Location"] == "/counter"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    stats = client.get("/api/staff/queries")
    assert stats.status_code == 200 and set(stats.get_json()) == {"popular", "unanswered"}
    assert stats.headers["Cache-Control"] == "no-store"
    home = client.get("/staff")
    assert home.status_code == 200 and "alice" in home.text and "退出登录" in home.text


def test_secure_cookies_setting(make_app):
    client = make_app(secure_cookies=True).test_client()
    assert "Secure" in login(client).headers["Set-Cookie"]


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:x"])
def test_login_never_redirects_off_site(client, target):
    response = login(client, next_url=target)
    assert response.status_code == 303 and response.headers["Location"] == "/staff"


def test_query_stats_show_what_citizens_asked(client):
    client.post("/api/chat", json={"message": "身份证丢了怎么补办"})
    client.post("/api/chat", json={"message": "身份证丢了怎么补办"})
    client.post("/api/chat", json={"message": "今天天气怎么样"})
    login(client)
    data = client.get("/api/staff/queries").get_json()
    assert data["popular"][0]["count"] == 2 and "身份证" in data["popular"][0]["query"]
    assert any("天气" in item["query"] for item in data["unanswered"])
    assert set(data["unanswered"][0]) == {"query", "confidence", "time"}


def test_login_without_csrf_is_refused(client):
    client.get("/staff/login")
    response = client.post("/staff/login", data={"username": "alice", "password": PASSWORD})
    assert response.status_code == 400 and "页面已过期" in response.text
    response = client.post("/staff/login", data={"username": "alice", "password": PASSWORD, "csrf_token": "forged"})
    assert response.status_code == 400
    assert client.get("/api/staff/queries").status_code == 401


def test_admin_post_with_cookie_needs_csrf(client, tiny_guide):
    login(client)
    response = client.post("/api/admin/reload", json={})
    assert response.status_code == 403
    assert response.get_json()["field"] == "csrf_token" and response.get_json()["status"] == 403
    assert client.post("/api/admin/reload", json={}, headers={"X-CSRF-Token": "forged"}).status_code == 403
    ok = client.post("/api/admin/reload", json={}, headers={"X-CSRF-Token": session_csrf(client)})
    assert ok.status_code == 200 and ok.get_json() == {"changed": False, "build_id": tiny_guide.build_id,
                                                       "previous": tiny_guide.build_id}


def test_logout_needs_csrf_and_ends_the_session(client):
    login(client)
    assert client.post("/staff/logout").status_code == 400
    assert client.get("/api/staff/queries").status_code == 200           # still signed in
    token = csrf_from(client.get("/staff"))
    response = client.post("/staff/logout", data={"csrf_token": token})
    assert response.status_code == 303 and response.headers["Location"] == "/staff/login"
    assert client.get("/api/staff/queries").status_code == 401


def test_bearer_token_for_scripts_is_csrf_exempt(client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert client.get("/api/staff/queries", headers=auth).status_code == 200
    assert client.post("/api/admin/reload", headers=auth).status_code == 200
    assert client.get("/api/staff/session", headers=auth).get_json() == {"user": "token", "via": "token",
                                                                         "csrf_token": None}
    for bad in ("Bearer nope", f"Basic {TOKEN}", "Bearer", f"Bearer {TOKEN}x"):
        assert client.get("/api/staff/queries", headers={"Authorization": bad}).status_code == 401


def test_wrong_bearer_does_not_fall_back_to_the_cookie(client):
    login(client)
    assert client.get("/api/staff/queries", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_empty_staff_token_accepts_no_bearer(make_app):
    client = make_app(staff_token="").test_client()
    assert client.get("/api/staff/queries", headers={"Authorization": "Bearer "}).status_code == 401


def test_removed_account_is_signed_out(make_app, tmp_path):
    app = make_app(secret_key="fixed-key-for-this-test-0123456789")
    client = app.test_client()
    login(client)
    other = make_app(secret_key="fixed-key-for-this-test-0123456789", staff_accounts={})
    other_client = other.test_client()
    other_client.set_cookie("guide_staff", client.get_cookie("guide_staff").value)
    assert other_client.get("/api/staff/queries").status_code == 401


def test_login_is_throttled_per_account_before_any_hash_is_computed(client, monkeypatch):
    import guide.webapp.staff as staff_module

    codes = [login(client, password="guess").status_code for _ in range(6)]
    assert codes == [401] * 5 + [429]
    hashed = []
    monkeypatch.setattr(staff_module, "check_password_hash", lambda *a: hashed.append(a) or True)
    refused = login(client)                          # even the right password waits out the lock
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1 and hashed == []


def test_login_throttle_is_per_account_across_addresses_and_workers(make_app):
    first, second = make_app().test_client(), make_app().test_client()     # two workers, one store
    for n in range(5):
        client = first if n % 2 else second
        client.environ_base["REMOTE_ADDR"] = f"10.0.0.{n}"
        assert login(client, password="guess").status_code == 401
    second.environ_base["REMOTE_ADDR"] = "10.9.9.9"
    assert login(second, password="guess").status_code == 429


def test_global_login_throttle_stops_guessing_from_many_addresses(make_app):
    from guide.runtime_auth import LOGIN_LIMITS

    client = make_app().test_client()
    codes = []
    for n in range(LOGIN_LIMITS["global"] + 1):
        client.environ_base["REMOTE_ADDR"] = f"10.1.{n // 250}.{n % 250}"
        codes.append(login(client, username=f"user{n}", password="guess").status_code)
    assert codes[:LOGIN_LIMITS["global"]] == [401] * LOGIN_LIMITS["global"] and codes[-1] == 429


def test_a_copied_cookie_stops_working_at_logout(client, app):
    login(client)
    copied = app.test_client()
    copied.set_cookie("guide_staff", client.get_cookie("guide_staff").value)
    assert copied.get("/api/staff/queries").status_code == 200
    client.post("/staff/logout", data={"csrf_token": session_csrf(client)})
    assert copied.get("/api/staff/queries").status_code == 401
    assert copied.post("/api/admin/reload", json={}).status_code in (401, 403)


def test_the_staff_cookie_is_an_opaque_token_set_once_and_rotated_at_login(client):
    import base64

    login(client)
    first = client.get_cookie("guide_staff").value
    assert len(first) >= 40 and session_csrf(client) not in first
    assert session_csrf(client).encode() not in base64.urlsafe_b64decode(first + "==")
    response = client.get("/api/staff/queries")
    assert "guide_staff" not in response.headers.get("Set-Cookie", "")        # not re-issued on use
    login(client)
    second = client.get_cookie("guide_staff").value
    assert second != first
    stale = client.application.test_client()
    stale.set_cookie("guide_staff", first)
    assert stale.get("/api/staff/queries").status_code == 401         # the old id died at the new login


def test_staff_sessions_end_after_their_absolute_lifetime(client, monkeypatch):
    import time as time_module

    login(client)
    real = time_module.time
    monkeypatch.setattr(time_module, "time", lambda: real() + 8 * 3600 + 1)
    assert client.get("/api/staff/queries").status_code == 401


def test_secret_key_file_is_made_once_with_mode_0600(tiny_settings, tmp_path):
    settings = tiny_settings.replace(runtime_db=str(tmp_path / "var" / "runtime.db"), secret_key="")
    key = resolve_secret_key(settings)
    path = tmp_path / "var" / "secret_key"
    assert len(key) == 64 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert resolve_secret_key(settings) == key                 # every worker and restart agrees
    assert resolve_secret_key(settings.replace(secret_key="configured")) == "configured"


def test_sessions_survive_a_restart_with_the_key_file(make_app):
    client = make_app(secret_key="").test_client()
    login(client)
    restarted = make_app(secret_key="").test_client()
    restarted.set_cookie("guide_staff", client.get_cookie("guide_staff").value)
    assert restarted.get("/api/staff/queries").status_code == 200


def test_unusable_key_file_falls_back_to_a_random_key_with_a_warning(tiny_settings, tmp_path, caplog):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    settings = tiny_settings.replace(runtime_db=str(blocked / "runtime.db"), secret_key="")
    with caplog.at_level(logging.WARNING, logger="guide.webapp.staff"):
        first, second = resolve_secret_key(settings), resolve_secret_key(settings)
    assert first != second and len(first) == 64
    assert "will not survive restarts" in caplog.text


def test_staff_add_prints_a_hash_line_and_writes_nothing(tmp_path):
    runner = CliRunner()
    with runner.isolated_filesystem(temp_dir=tmp_path) as folder:
        result = runner.invoke(main, ["staff-add", "alice"], input="a long password\na long password\n")
        assert result.exit_code == 0, result.output
        line = result.stdout.strip().splitlines()[-1]
        match = re.fullmatch(r'alice: "(.+)"', line.strip())
        assert match and check_password_hash(match.group(1), "a long password")
        assert "a long password" not in result.stdout
        assert "staff_accounts:" in result.stderr
        import pathlib

        assert list(pathlib.Path(folder).iterdir()) == []


@pytest.mark.parametrize("args, password", [(["staff-add", "alice"], "short"), (["staff-add", "bad name!"], "a long password")])
def test_staff_add_refuses_bad_input(args, password):
    result = CliRunner().invoke(main, args, input=f"{password}\n{password}\n")
    assert result.exit_code == 2


def test_staff_add_line_is_loadable_config(tmp_path):
    import yaml

    from guide.config import load_settings

    result = CliRunner().invoke(main, ["staff-add", "bob"], input="another password\nanother password\n")
    config = tmp_path / "guide.yaml"
    config.write_text("staff_accounts:\n" + result.stdout.strip().splitlines()[-1] + "\n", encoding="utf-8")
    settings = load_settings(config, env={})
    assert check_password_hash(settings.staff_accounts["bob"], "another password")
    assert yaml.safe_load(config.read_text(encoding="utf-8"))["staff_accounts"]["bob"].startswith("scrypt:")
