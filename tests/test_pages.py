"""HTML pages through the Flask test client: status, content, escaping, CSP-cleanliness, print page."""
from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from itertools import product
from pathlib import Path

import pytest

from guide.present.view import fee_text, form_text, time_text
from guide.webapp import create_app
from guide.webapp.pages import POPULAR_QUESTIONS

STATIC = Path(__file__).resolve().parent.parent / "web" / "static"
XSS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]


@pytest.fixture()
def client(tiny_guide, tiny_settings):
    return create_app(tiny_settings, guide=tiny_guide).test_client()


class PageScan(HTMLParser):
    """Collects what a strict CSP (script-src 'self'; style-src 'self') would refuse, and the assets."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.assets: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []
        self._tag_stack: list[str] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> event handler attribute")
        if "style" in attrs:
            self.problems.append(f"<{tag} style=...> inline style")
        if tag == "style":
            self.problems.append("<style> element")
        if tag == "script":
            if not attrs.get("src"):
                self.problems.append("inline <script>")
            else:
                self.assets.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.assets.append(attrs["href"])
        if tag in ("img", "iframe") and attrs.get("src"):
            self.assets.append(attrs["src"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
            if attrs["href"].lower().startswith("javascript:"):
                self.problems.append("javascript: link")
        if tag == "tr":
            self.rows.append([])
        if tag == "td" and self.rows:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None and self.rows:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def scan(response) -> PageScan:
    parser = PageScan()
    parser.feed(response.get_data(as_text=True))
    return parser


def material_rows(response) -> list[str]:
    """Names in the print page's materials table, in order."""
    html = response.get_data(as_text=True)
    return [re.sub(r"\s+", " ", n).strip() for n in
            re.findall(r'<td class="material-name">(.*?)</td>', html, flags=re.S)]


PAGES = ["/", "/counter", "/matters/370100-GA-002", "/matters/370100-YJS-001", "/matters/370100-GJJ-001",
         "/matters/370100-GA-002/checklist", "/matters/370100-GA-002/checklist?reason=changed&residence=local"]


@pytest.mark.parametrize("url", PAGES)
def test_pages_are_csp_clean_html_with_local_assets(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    body = response.get_data(as_text=True)
    assert '<html lang="zh-CN">' in body and '<meta name="viewport"' in body
    page = scan(response)
    assert page.problems == []
    assert page.assets, "every page loads its stylesheet and scripts"
    for asset in page.assets:
        assert asset.startswith("/static/"), f"asset not served by the app: {asset}"
        asset_response = client.get(asset)
        asset_response.close()          # static files are streamed; close them (filterwarnings=error)
        assert asset_response.status_code == 200, asset
    assert "http://" not in " ".join(page.assets) and "https://" not in " ".join(page.assets)


def test_static_scripts_never_build_html_from_strings():
    for js in STATIC.glob("*.js"):
        source = js.read_text(encoding="utf-8")
        for banned in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                       "new Function", "setAttribute(\"on"):
            assert banned not in source, f"{js.name} uses {banned}"
    for css in STATIC.glob("*.css"):
        assert "@import url(http" not in css.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in css.read_text(encoding="utf-8")


def test_chat_page_has_popular_questions_and_live_log(client):
    body = client.get("/").get_data(as_text=True)
    for question in POPULAR_QUESTIONS:
        assert f'data-question="{question}"' in body
    assert 'role="log"' in body and 'aria-live="polite"' in body
    assert 'id="elder-toggle"' in body and 'aria-pressed="false"' in body
    assert "/static/chat.js" in body and "/static/guide-render.js" in body


def test_department_names_reach_the_scripts_as_json(client, tiny_guide):
    for url in ("/counter",):
        body = client.get(url).get_data(as_text=True)
        raw = re.search(r"data-departments='([^']*)'", body).group(1)
        assert json.loads(html.unescape(raw)) == tiny_guide.department_names


def test_counter_lists_every_department_server_side(client, tiny_guide):
    body = client.get("/counter").get_data(as_text=True)
    for code, name in tiny_guide.department_names.items():
        assert f'<option value="{code}">{name}</option>' in body
    assert 'id="search-q"' in body and 'id="queries"' in body and "热门问题 / 未答问题" in body


def test_matter_page_is_the_full_guide(client, tiny_guide):
    matter = tiny_guide.get("370100-GA-002")
    response = client.get("/matters/370100-GA-002")
    body = response.get_data(as_text=True)
    assert f"<h1 id=\"guide-title\">{matter.name}</h1>" in body
    assert tiny_guide.department_names[matter.department] in body
    assert matter.summary in body
    for text in (*matter.conditions, *matter.process, *matter.legal_basis):
        assert text in body
    for material in matter.materials:
        assert material.name in body
    assert body.count("部分情形：") == sum(1 for m in matter.materials if m.conditional)
    assert "部分情形：姓名等登记信息变更" in body and "部分情形：未满十六周岁" in body    # `when` keys in words
    assert "免提交（电子证照）" in body
    for situation in matter.situations:
        assert situation.question in body
        for option in situation.options:
            assert f'name="{situation.id}" value="{option.id}"' in body
    assert time_text(matter) in body
    assert matter.fee.standard in body
    assert matter.locations[0].hall in body
    for faq in matter.faq:
        assert faq.q in body and faq.a in body
    assert f"信息更新日期：{matter.updated}" in body
    # no invented links: the only channel has no URL
    assert "爱山东APP（网上预约、进度查询）" in body and "链接暂未收录" in body


def test_matter_page_online_link_only_when_url_exists(client):
    page = scan(client.get("/matters/370100-SCJG-001"))
    assert "http://zwfw.sd.gov.cn/" in page.links
    body = client.get("/matters/370100-SCJG-001").get_data(as_text=True)
    assert re.search(r"爱山东APP</span>\s*<span class=\"muted\">（链接暂未收录）", body)
    assert [link for link in page.links if link.startswith("http")] == ["http://zwfw.sd.gov.cn/"]


def test_bundle_page_lists_members_in_order_with_links(client, tiny_guide):
    response = client.get("/matters/370100-YJS-001")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "开办餐馆一件事" in body
    member_links = [link for link in scan(response).links if link.startswith("/matters/370100-SCJG")]
    assert member_links == ["/matters/370100-SCJG-006", "/matters/370100-SCJG-001"]
    assert body.index(tiny_guide.get("370100-SCJG-006").name) < body.index(tiny_guide.get("370100-SCJG-001").name)


@pytest.mark.parametrize("url", ["/matters/nope", "/matters/370100-GA-999", "/matters/nope/checklist"])
def test_unknown_matter_is_an_html_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "未找到" in response.get_data(as_text=True) or "没有编号为" in response.get_data(as_text=True)
    assert scan(response).problems == []


@pytest.mark.parametrize("payload", XSS)
def test_ids_and_query_values_are_escaped(client, payload):
    response = client.get(f"/matters/{payload}")
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert payload not in body
    if "/" not in payload:           # otherwise the path does not reach the matter route at all
        assert response.mimetype == "text/html" and "&lt;img" in body
    response = client.get("/matters/370100-GA-002/checklist", query_string={"reason": payload, payload: "x"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and payload not in body and "alert(1)" not in body


def _combinations(matter):
    """Every full choice of options, plus every single choice and no choice at all."""
    sits = matter.situations
    full = [dict(zip([s.id for s in sits], [o.id for o in opts]))
            for opts in product(*[s.options for s in sits])]
    single = [{s.id: o.id} for s in sits for o in s.options]
    return [{}, *single, *full]


@pytest.mark.parametrize("matter_id", ["370100-GA-001", "370100-GA-002", "370100-GA-003", "370100-SCJG-001",
                                       "370100-SCJG-006", "370100-MZ-001"])
def test_print_page_lists_exactly_the_applying_materials(client, tiny_guide, matter_id):
    matter = tiny_guide.get(matter_id)
    for chosen in _combinations(matter)[:40]:
        response = client.get(f"/matters/{matter_id}/checklist", query_string=chosen)
        assert response.status_code == 200
        expected = [m.name for m in matter.materials if m.applies(chosen)]
        assert material_rows(response) == expected, chosen
        body = response.get_data(as_text=True)
        for sit in matter.situations:
            if sit.id in chosen:
                label = next(o.label for o in sit.options if o.id == chosen[sit.id])
                assert f"{sit.question} <strong>{label}</strong>" in body


def test_print_page_content(client, tiny_guide):
    matter = tiny_guide.get("370100-GJJ-001")
    chosen = {"reason": "buy", "house": "resale", "spouse": "with_spouse", "applicant": "agent"}
    response = client.get("/matters/370100-GJJ-001/checklist", query_string=chosen)
    body = response.get_data(as_text=True)
    assert "<h1 id=\"sheet-title\">一次性告知单</h1>" in body
    assert matter.name in body and tiny_guide.department_names["GJJ"] in body
    applying = [m for m in matter.materials if m.applies(chosen)]
    assert material_rows(response) == [m.name for m in applying]
    rows = [r for r in scan(response).rows if len(r) == 6]
    for material, row in zip(applying, rows):
        assert row[1] == material.name
        assert row[2] == ("原件（核验后退还）" if material.form == "原件核验" else material.form)
        assert row[3] == (str(material.copies) if material.copies else "—")
        assert ("免提交" in row[4]) == material.exempt_if_e_license
    assert "未选择" in body            # loan_type was not answered
    assert "视情形需要的材料" in body
    assert time_text(matter) in body
    assert fee_text(matter) in body
    assert "http://zwfw.sd.gov.cn/" in body and "链接暂未收录" in body
    for words in ("经办人：", "联系电话：", "打印日期：", 'id="print-btn"', "/static/checklist.js"):
        assert words in body
    assert re.search(r"打印日期：<span class=\"printed-date\">\d{4}年\d{1,2}月\d{1,2}日</span>", body)
    assert "@page" in (STATIC / "checklist.css").read_text() and "A4" in (STATIC / "checklist.css").read_text()


def test_print_page_ignores_unknown_situations_and_options(client, tiny_guide):
    matter = tiny_guide.get("370100-GA-002")
    response = client.get("/matters/370100-GA-002/checklist", query_string={"reason": "bogus", "nope": "x"})
    assert material_rows(response) == [m.name for m in matter.materials if m.applies({})]


def test_bundle_prints_one_combined_checklist(client, tiny_guide):
    bundle = tiny_guide.get("370100-YJS-001")
    response = client.get("/matters/370100-YJS-001/checklist")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "一次性告知单（一件事）" in body
    positions = [body.index(tiny_guide.get(m.matter).name) for m in bundle.members]
    assert positions == sorted(positions)                     # members in the order they are done
    names = [n for m in bundle.members for n in dict.fromkeys(x.name for x in tiny_guide.get(m.matter).materials)]
    first = set()
    for name in names:
        if name in first:          # a material two members need is a row once, then referred to
            assert f"{name}（见第" in body
        first.add(name)
    assert len(material_rows(response)) == len(set(names))
    assert "打印日期：" in body and 'id="print-btn"' in body


def test_formatting_helpers(tiny_guide):
    import dataclasses

    from guide.catalog import Fee, TimeLimit

    assert form_text("原件核验", 0) == "原件（核验后退还）"
    assert form_text("复印件", 2) == "复印件2份"
    assert form_text("电子材料", 1) == "电子材料"
    m = tiny_guide.get("370100-GA-002")

    def with_time(**t):
        return dataclasses.replace(m, time_limit=TimeLimit(**{"on_the_spot": False, "legal_days": None,
                                                              "promised_days": None, **t}))
    assert time_text(with_time(on_the_spot=True, legal_days=20)).startswith("即办")
    # promised days count the matter's unit too (they were always printed as 工作日)
    assert time_text(with_time(legal_days=60, promised_days=5, days_unit="自然日")) == "承诺5个自然日，法定60个自然日内办结"
    assert time_text(with_time(legal_days=20)) == "法定20个工作日内办结"
    assert "未收录" in time_text(with_time())
    assert fee_text(dataclasses.replace(m, fee=Fee(False))) == "不收费"
    assert fee_text(dataclasses.replace(m, fee=Fee(True, "每证20元"))) == "每证20元"


# ---------------------------------------------------------------- regions and the staff login page

def test_one_served_region_is_named_on_chat_and_counter_without_a_switch(client, tiny_guide):
    assert tiny_guide.served_regions == ("370100",)
    chat = client.get("/").get_data(as_text=True)
    assert re.search(r"咨询地区：<strong id=\"region-name\">济南市</strong>", chat)
    assert 'id="chat-region"' not in chat and "<select" not in chat
    counter = client.get("/counter").get_data(as_text=True)
    assert '<p class="region-line" id="region-name">地区：济南市</p>' in counter
    assert 'id="search-region"' not in counter


def test_login_page_tells_the_public_whom_to_ask_not_how_to_configure(client, tiny_settings):
    assert not tiny_settings.staff_accounts
    page = client.get("/staff/login")
    text = " ".join(scan(page).text)
    assert "请联系本中心系统管理员开通账号" in text
    for operator_words in ("staff-add", "配置文件", "请管理员运行"):
        assert operator_words not in page.get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    attempt = client.post("/staff/login", data={"username": "alice", "password": "a long password", "csrf_token": token})
    assert attempt.status_code == 401
    body = attempt.get_data(as_text=True)
    assert "本服务尚未开通工作人员账号，请联系系统管理员。" in body and "用户名或密码错误" not in body
    assert "请联系本中心系统管理员开通账号" not in body          # the error says it once, not twice


def test_login_with_accounts_still_says_wrong_credentials(tiny_guide, tiny_settings, tmp_path):
    from werkzeug.security import generate_password_hash

    settings = tiny_settings.replace(runtime_db=str(tmp_path / "rt.db"),
                                     staff_accounts={"alice": generate_password_hash("correct horse battery")})
    client = create_app(settings, guide=tiny_guide).test_client()
    page = client.get("/staff/login").get_data(as_text=True)
    assert "开通账号" not in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    attempt = client.post("/staff/login", data={"username": "bob", "password": "a long password", "csrf_token": token})
    assert attempt.status_code == 401 and "用户名或密码错误" in attempt.get_data(as_text=True)
    assert "尚未开通" not in attempt.get_data(as_text=True)
