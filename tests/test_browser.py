"""End-to-end tests in Debian's headless chromium against the app served in-process (tiny build).

The pages run under a strict Content-Security-Policy here, and any console error other than a failed
fetch (e.g. the 401 of the staff panel), any page error and any dialog fails the test. /api/chat is
exercised twice: with canned replies of the documented shape (always), and for real once the route
exists. A missing /usr/bin/chromium fails these tests: `make browser` installs it.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

import pytest
from browser_helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    SCREENSHOTS,
    ChatScript,
    LiveServer,
    add_strict_csp,
    checklist_of,
    has_route,
    reply,
)

from guide.webapp import create_app

pytestmark = pytest.mark.browser
XSS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: the browser tests need Debian's chromium (run `make browser`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def live_app(tmp_path_factory, encoder):
    """The tiny catalog built with the real e5 model: the pages talk to a real conversation, whose
    confidence rule is tuned for e5 (the hash-seeded test encoder says nothing about meaning)."""
    from guide.build import build_index
    from guide.config import load_settings
    from guide.service import Guide
    from tests.conftest import make_tiny_catalog

    root = tmp_path_factory.mktemp("browser")
    settings = load_settings(env={}, catalog_dir=str(make_tiny_catalog(root)), index_dir=str(root / "index"),
                             runtime_db=str(root / "runtime.db"))
    build_index(settings, encoder=encoder)
    app = create_app(settings, guide=Guide.load(settings=settings, encoder=encoder))
    add_strict_csp(app)
    return app


@pytest.fixture(scope="session")
def live(live_app):
    with LiveServer(live_app) as server:
        yield server


@dataclass
class UI:
    page: object
    context: object
    dialogs: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    def watch(self, page) -> None:
        def on_dialog(dialog):
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        def on_console(message):
            if message.type == "error" and "Failed to load resource" not in message.text:
                self.problems.append(f"console: {message.text}")

        page.on("dialog", on_dialog)
        page.on("pageerror", lambda exc: self.problems.append(f"pageerror: {exc}"))
        page.on("console", on_console)


def _ui_session(chromium, url):
    context = chromium.new_context(viewport={"width": 1280, "height": 860}, locale="zh-CN", base_url=url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    session = UI(page, context)
    session.watch(page)
    context.on("page", session.watch)
    yield session
    context.close()
    assert session.dialogs == [], f"a dialog fired: {session.dialogs}"
    assert session.problems == [], session.problems


@pytest.fixture()
def ui(chromium, live):
    yield from _ui_session(chromium, live.url)


@pytest.fixture(scope="session")
def two_region_live(tmp_path_factory):
    """The tiny catalog (济南市, 370100) and one 广州市 (440100) matter in one build, on the
    hash-seeded encoder (these tests are about the region switch, not about ranking)."""
    import os

    from guide.build import build_index
    from guide.config import load_settings
    from guide.service import Guide
    from tests.conftest import make_guangzhou_catalog, make_tiny_catalog

    root = tmp_path_factory.mktemp("regions-browser")
    jinan = make_tiny_catalog(root)
    settings = load_settings(env={}, catalog_dirs=os.pathsep.join([str(jinan), str(make_guangzhou_catalog(root, jinan))]),
                             index_dir=str(root / "index"), runtime_db=str(root / "runtime.db"), model="hash")
    build_index(settings)
    app = create_app(settings, guide=Guide.load(settings=settings))
    add_strict_csp(app)
    with LiveServer(app) as server:
        yield server


@pytest.fixture()
def ui_regions(chromium, two_region_live):
    yield from _ui_session(chromium, two_region_live.url)


def shot(page, name: str, full_page: bool = False) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def texts(locator) -> list[str]:
    return [t.strip() for t in locator.all_text_contents()]


def base_font_px(page) -> float:
    return float(page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)"))


def wait_until(page, expression: str, timeout: float = 10.0, arg=None):
    """Poll a JS expression with page.evaluate (wait_for_function evals strings, which the CSP forbids)."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression, arg) if arg is not None else page.evaluate(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        page.wait_for_timeout(50)


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


# ---------------------------------------------------------------- counter

def applying_names(tiny_guide, matter_id: str, chosen: dict) -> list[str]:
    return [m.name for m in tiny_guide.get(matter_id).materials if m.applies(chosen)]


def detail_materials(page) -> list[str]:
    return texts(page.locator("#detail-materials > ul.materials .material__name"))


def materials_become(page, expected: list[str], timeout: float = 5.0) -> list[str]:
    """The counter asks the server for the materials after each choice: wait for the new list."""
    deadline = time.monotonic() + timeout
    got = detail_materials(page)
    while got != expected and time.monotonic() < deadline:
        time.sleep(0.05)
        got = detail_materials(page)
    return got


def test_counter_search_to_print_view_in_under_10_seconds(ui, tiny_guide):
    page = ui.page
    page.goto("/counter")
    page.wait_for_selector("#counter-root[data-ready]")
    shot(page, "counter-empty")
    start = time.monotonic()
    page.locator("#search-q").press_sequentially("身份证换领", delay=30)
    page.locator('.hit[data-id="370100-GA-002"]').click()
    page.wait_for_selector("#detail-materials li")
    assert page.locator("#detail-title").text_content() == "办事指南：居民身份证换领"
    assert "济南市公安局" in page.locator(".hit").first.text_content()          # department names, not codes
    assert "济南市公安局" in page.locator(".detail__head").text_content()
    assert detail_materials(page) == applying_names(tiny_guide, "370100-GA-002", {})

    page.get_by_label("姓名等登记信息变更").check()
    changed = applying_names(tiny_guide, "370100-GA-002", {"reason": "changed"})
    assert materials_become(page, changed) == changed and "居民户口簿" in changed
    page.get_by_label("外省市户籍（跨省通办）").check()
    chosen = {"reason": "changed", "residence": "other"}
    assert materials_become(page, applying_names(tiny_guide, "370100-GA-002", chosen)) == \
        applying_names(tiny_guide, "370100-GA-002", chosen)
    assert page.locator("#print-link").get_attribute("href") == \
        "/matters/370100-GA-002/checklist?reason=changed&residence=other"
    shot(page, "counter-guide")

    with ui.context.expect_page() as popup:
        page.locator("#print-link").click()
    sheet = popup.value
    sheet.wait_for_selector("#sheet-title")
    elapsed = time.monotonic() - start
    assert sheet.locator("h1#sheet-title").text_content() == "一次性告知单"
    assert texts(sheet.locator("table.sheet__materials td.material-name")) == \
        applying_names(tiny_guide, "370100-GA-002", chosen)
    body = sheet.locator(".sheet").text_content()
    for words in ("居民身份证换领", "济南市公安局", "姓名等登记信息变更", "外省市户籍（跨省通办）", "经办人：",
                  "联系电话：", "打印日期：", "链接暂未收录", tiny_guide.get("370100-GA-002").fee.standard):
        assert words in body
    assert elapsed < 10, f"typing to print view took {elapsed:.1f} s"
    shot(sheet, "checklist", full_page=True)
    sheet.emulate_media(media="print")
    assert not sheet.locator("#print-btn").is_visible()
    assert not sheet.locator(".site-header").is_visible()
    assert sheet.locator(".sheet").is_visible()


def test_counter_is_keyboard_usable(ui, tiny_guide):
    page = ui.page
    page.goto("/counter")
    page.wait_for_selector("#counter-root[data-ready]")
    page.locator("#search-q").focus()
    page.keyboard.type("身份证换领")
    page.wait_for_selector('.hit[data-id="370100-GA-002"]')
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('hit')")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "search-q"
    assert page.locator(".hit").first.get_attribute("data-id") == "370100-GA-002"
    page.keyboard.press("Enter")                     # Enter opens the top hit
    page.wait_for_selector("#detail-materials li")
    assert page.evaluate("document.activeElement.id") == "detail-title"
    assert page.locator("#detail-title").text_content() == "办事指南：居民身份证换领"
    assert "居民户口簿" not in detail_materials(page)
    for _ in range(3):                               # print link, full-guide link, first radio
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "radio"
    page.keyboard.press("Space")                     # 有效期满
    page.keyboard.press("ArrowDown")                 # 证件损坏
    page.keyboard.press("ArrowDown")                 # 登记信息变更
    assert page.evaluate("document.activeElement.value") == "changed"
    changed = applying_names(tiny_guide, "370100-GA-002", {"reason": "changed"})
    assert materials_become(page, changed) == changed and "居民户口簿" in changed


def test_counter_search_is_debounced_and_filters_by_department(ui):
    page = ui.page
    searches = []
    page.on("request", lambda r: searches.append(r.url) if "/api/search" in r.url else None)
    page.goto("/counter")
    page.wait_for_selector("#counter-root[data-ready]")
    page.locator("#search-q").press_sequentially("住房公积金怎么提取", delay=25)
    page.wait_for_selector(".hit")
    page.wait_for_timeout(300)
    assert 1 <= len(searches) <= 3, searches      # 9 keystrokes, ~25 ms apart, 150 ms debounce
    page.locator("#search-dept").select_option("GJJ")
    wait_until(page, "document.querySelectorAll('.hit').length > 0 && "
                           "[...document.querySelectorAll('.hit')].every(b => b.dataset.id.includes('-GJJ-'))")
    assert "department=GJJ" in searches[-1] and "k=10" in searches[-1]
    assert all("-GJJ-" in i for i in page.locator(".hit").evaluate_all("bs => bs.map(b => b.dataset.id)"))


def test_counter_search_for_a_known_gap_says_the_catalog_lacks_it(ui):
    """网络身份证 is listed as a lookalike of the ID-card matters: the counter names the gap and lists
    those matters as near-twins, not as matches."""
    page = ui.page
    page.goto("/counter")
    page.wait_for_selector("#counter-root[data-ready]")
    page.locator("#search-q").fill("网络身份证怎么申请")
    page.wait_for_selector(".hit")
    status = page.locator("#search-status").inner_text()
    assert "目录未收录“网络身份证”" in status and "不是同一事项" in status, status
    page.locator("#search-q").fill("身份证过期了怎么办")
    wait_until(page, "document.getElementById('search-status').textContent.startsWith('找到')")


def test_counter_bundle_lists_members_and_opens_them_in_place(ui, tiny_guide):
    page = ui.page
    page.goto("/counter")
    page.wait_for_selector("#counter-root[data-ready]")
    page.locator("#search-q").fill("开饭馆")
    page.locator('.hit[data-id="370100-YJS-001"]').click()
    members = page.locator(".steps--members a")
    members.first.wait_for()
    assert texts(members) == [tiny_guide.get("370100-SCJG-006").name, tiny_guide.get("370100-SCJG-001").name]
    members.nth(1).click()
    wait_until(page, "document.getElementById('detail-title').textContent.includes('食品经营许可')")
    assert detail_materials(page) == applying_names(tiny_guide, "370100-SCJG-001", {})


def test_counter_staff_panel_asks_to_log_in_on_401(ui):
    page = ui.page
    page.route("**/api/staff/queries", lambda route: route.fulfill(
        status=401, content_type="application/json",
        body=json.dumps({"error": "Unauthorized", "message": "需要登录", "status": 401})))
    page.goto("/counter")
    login = page.locator("#queries-body .login-hint")
    login.wait_for()
    assert "工作人员登录后可查看热门问题与未答问题" in login.text_content()
    assert page.locator("#queries-body a").get_attribute("href").startswith("/staff/login")
    assert page.locator("#queries-refresh").is_hidden()          # nothing to refresh before login


def test_counter_staff_panel_renders_queries_as_text(ui):
    page = ui.page
    data = {"popular": [{"query": "身份证换领", "count": 12}, {"query": XSS[1], "count": 3}],
            "unanswered": [{"query": XSS[0], "confidence": "no_match", "time": "2026-11-28 10:00"}]}
    page.route("**/api/staff/queries", lambda route: route.fulfill(
        status=200, content_type="application/json", body=json.dumps(data)))
    page.goto("/counter")
    page.locator("#queries-body .query-list").first.wait_for()
    panel = page.locator("#queries-body").text_content()
    assert "身份证换领" in panel and "12 次" in panel and XSS[0] in panel and XSS[1] in panel
    assert page.locator("#queries-body img, #queries-body script").count() == 0
    page.get_by_role("button", name="身份证换领").click()      # a popular query runs as a search
    page.wait_for_selector('.hit[data-id="370100-GA-002"]')
    assert page.locator("#search-q").input_value() == "身份证换领"


def test_counter_staff_panel_against_the_real_endpoint(ui, live_app):
    page = ui.page
    page.goto("/counter")
    page.locator("#queries-body .login-hint").wait_for()        # not logged in as staff
    assert "工作人员登录" in page.locator("#queries-body").text_content()


def test_counter_login_hint_is_quiet_and_only_in_the_staff_panel(ui):
    """Everything but the query log works without login: no red notice on every load, none at the top."""
    page = ui.page
    page.goto("/counter")
    hint = page.locator("#queries-body .login-hint")
    hint.wait_for()
    assert "请先以工作人员身份登录" not in page.locator("body").text_content()
    outside = page.evaluate("""() => [...document.querySelectorAll('body *')].filter(el =>
        !el.closest('#queries') && el.children.length === 0 && /登录/.test(el.textContent)).map(el => el.textContent)""")
    assert outside == []
    color = hint.evaluate("el => getComputedStyle(el).color")
    muted = page.evaluate("""() => { const p = document.createElement('p'); p.className = 'muted';
        document.body.appendChild(p); const c = getComputedStyle(p).color; p.remove(); return c; }""")
    assert color == muted and color != page.evaluate(
        "getComputedStyle(document.querySelector('.brand__mark')).backgroundColor")      # not the red brand colour
    panel = page.locator("#queries").bounding_box()
    for above in ("#search-form", "#detail"):
        box = page.locator(above).bounding_box()
        assert panel["y"] >= box["y"] + box["height"], f"the staff panel is not below {above}"


def test_counter_department_filter_without_a_match_says_so_and_searches_all(ui, tiny_guide):
    page = ui.page
    searches = []
    page.on("request", lambda r: searches.append(r.url) if "/api/search" in r.url else None)
    page.goto("/counter")
    page.wait_for_selector("#counter-root[data-ready]")
    page.locator("#search-dept").select_option("GJJ")
    page.locator("#search-q").fill("身份证换领")
    wait_until(page, "document.getElementById('search-status').textContent.includes('该部门下没有匹配的事项')")
    assert "department=GJJ" in searches[-1]
    assert page.locator("#results .hit").count() == 0                       # nothing presented as a match
    others = page.locator("#others")
    assert others.is_visible() and page.locator("#others-title").text_content() == "该部门其他事项"
    assert page.locator("#other-results .hit").evaluate_all("bs => bs.map(b => b.dataset.id)") == ["370100-GJJ-001"]
    assert "找到" not in page.locator("#search-status").text_content()
    page.keyboard.press("Enter")                         # Enter never opens an entry that did not match
    page.wait_for_timeout(200)
    assert page.locator("#detail-materials").count() == 0
    shot(page, "counter-dept-no-match")
    page.get_by_role("button", name="在全部部门中搜索").click()
    page.wait_for_selector('#results .hit[data-id="370100-GA-002"]')
    assert "department=" not in searches[-1] and "q=" in searches[-1]
    assert page.locator("#search-dept").input_value() == ""
    assert page.locator("#others").is_hidden() and page.locator("#search-all").is_hidden()
    assert page.locator("#results .hit").first.get_attribute("data-id") == "370100-GA-002"
    assert "找到" in page.locator("#search-status").text_content()
    page.locator("#search-dept").select_option("GA")                 # a filter that matches: listed as found
    wait_until(page, "document.querySelector('#results .hit') && "
                     "[...document.querySelectorAll('#results .hit')].every(b => b.dataset.id.includes('-GA-'))")
    assert page.locator("#others").is_hidden()


def test_counter_bundle_links_its_combined_checklist(ui, tiny_guide):
    page = ui.page
    bundle = tiny_guide.get("370100-YJS-001")
    page.goto("/counter")
    page.wait_for_selector("#counter-root[data-ready]")
    page.locator("#search-q").fill("开饭馆")
    page.locator('.hit[data-id="370100-YJS-001"]').click()
    link = page.get_by_role("link", name="打印一次性告知单（合并）")
    link.wait_for()
    assert link.get_attribute("href") == "/matters/370100-YJS-001/checklist"
    with ui.context.expect_page() as popup:
        link.click()
    sheet = popup.value
    sheet.wait_for_selector("#sheet-title")
    assert sheet.locator("#sheet-title").text_content() == "一次性告知单（一件事）"
    members = [tiny_guide.get(m.matter) for m in bundle.members]
    assert [h.split(". ", 1)[1] for h in texts(sheet.locator(".sheet__member h2"))] == [m.name for m in members]
    for n, member in enumerate(members, 1):
        section = sheet.locator(f'.sheet__member:has(h2#member-{n})')
        listed = texts(section.locator("td.material-name")) + [section.locator(".shared").text_content()
                                                               if section.locator(".shared").count() else ""]
        for material in member.materials:
            assert any(material.name in text for text in listed), f"{member.name}: {material.name} missing"


@pytest.mark.parametrize("payload", XSS)
def test_counter_shows_xss_as_text(ui, payload):
    page = ui.page
    page.goto("/counter")
    page.wait_for_selector("#counter-root[data-ready]")
    page.locator("#search-q").fill(payload)
    wait_until(page, "document.getElementById('search-status').textContent.length > 6 && "
                           "!document.getElementById('search-status').textContent.startsWith('正在')")
    page.wait_for_timeout(200)
    status = page.locator("#search-status").text_content()
    if not page.locator(".hit").count():
        assert payload in status
    assert page.locator("main img").count() == 0
    assert ui.dialogs == []


# ---------------------------------------------------------------- matter pages

def test_matter_page_renders_and_builds_a_checklist(ui, tiny_guide):
    page = ui.page
    matter = tiny_guide.get("370100-GJJ-001")
    page.goto("/matters/370100-GJJ-001")
    assert page.locator("h1").text_content() == matter.name
    assert texts(page.locator("ul.materials .material__name")) == [m.name for m in matter.materials]
    assert page.locator(".tag--when").count() == sum(1 for m in matter.materials if m.when)
    shot(page, "matter", full_page=True)
    situation = matter.situations[0]
    option = situation.options[-1]
    page.locator(f'input[name="{situation.id}"][value="{option.id}"]').check()
    page.get_by_role("button", name="生成一次性告知单").click()
    page.wait_for_selector("#sheet-title")
    assert f"{situation.id}={option.id}" in page.url
    assert texts(page.locator("td.material-name")) == \
        applying_names(tiny_guide, "370100-GJJ-001", {situation.id: option.id})


def test_bundle_page_and_404_page(ui, tiny_guide):
    page = ui.page
    page.goto("/matters/370100-YJS-001")
    assert page.locator("h1").text_content() == "开办餐馆一件事"
    links = page.locator(".steps--members a")
    assert links.evaluate_all("as => as.map(a => a.getAttribute('href'))") == \
        ["/matters/370100-SCJG-006", "/matters/370100-SCJG-001"]
    shot(page, "bundle")
    links.first.click()
    page.wait_for_url("**/matters/370100-SCJG-006")
    assert page.locator("h1").text_content() == tiny_guide.get("370100-SCJG-006").name
    response = page.goto("/matters/370100-XX-999")
    assert response.status == 404
    assert "未找到" in page.locator("h1").text_content()
    shot(page, "not-found")


# ---------------------------------------------------------------- elderly mode, phone width

def test_elderly_mode_enlarges_type_and_survives_reload(ui):
    page = ui.page
    page.goto("/")
    normal = base_font_px(page)
    assert normal < 20
    toggle = page.locator("#elder-toggle")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert base_font_px(page) >= 20
    page.reload()
    assert base_font_px(page) >= 20
    assert page.locator("#elder-toggle").get_attribute("aria-pressed") == "true"
    shot(page, "chat-elder")
    page.goto("/counter")                           # remembered across pages
    assert base_font_px(page) >= 20
    page.locator("#elder-toggle").press("Enter")    # and switched off with the keyboard
    page.reload()
    assert base_font_px(page) == normal


def test_chat_at_phone_width_has_no_horizontal_scroll(ui, tiny_guide):
    page = ui.page
    page.set_viewport_size({"width": 375, "height": 760})
    gjj = tiny_guide.get("370100-GJJ-001")
    ChatScript([
        reply("answer", "住房公积金提取需要准备以下材料。", n=1, matter=gjj, asked="materials",
              checklist=checklist_of(gjj, {"reason": "buy", "house": "resale", "applicant": "agent"}),
              chosen={"reason": "buy", "house": "resale", "applicant": "agent"}, guide=tiny_guide,
              suggestions=[{"id": "370100-GA-002", "label": "居民身份证换领"}]),
        reply("bundle", "开餐馆需要依次办理以下事项。", n=2, matter=tiny_guide.get("370100-YJS-001"), guide=tiny_guide),
    ]).install(page)
    page.goto("/")
    page.wait_for_selector("#chat-root[data-ready]")
    assert no_horizontal_scroll(page)
    shot(page, "chat-375-start")
    page.locator("#q").fill("公积金怎么取出来")
    page.locator("#q").press("Enter")
    page.wait_for_selector(".msg--answer .guide-card")
    assert no_horizontal_scroll(page)
    page.locator("#q").fill("开饭馆要办什么证")
    page.locator("#q").press("Enter")
    page.wait_for_selector(".msg--bundle .guide-card")
    assert no_horizontal_scroll(page)
    shot(page, "chat-375")
    page.locator("#elder-toggle").click()
    assert no_horizontal_scroll(page)
    shot(page, "chat-375-elder")
    page.goto("/counter")
    assert no_horizontal_scroll(page)
    page.goto("/matters/370100-GJJ-001")
    assert no_horizontal_scroll(page)


# ---------------------------------------------------------------- chat with canned replies

def test_chat_clarify_situation_answer_flow(ui, tiny_guide):
    page = ui.page
    ga2, ga3 = tiny_guide.get("370100-GA-002"), tiny_guide.get("370100-GA-003")
    reason, residence = ga2.situations[:2]
    chosen = {"reason": "changed", "residence": "local", "age": "adult"}
    script = ChatScript([
        reply("clarify", "您想办理的是哪一项？", n=1, asked="matter",
              options=[{"id": ga2.id, "label": ga2.name}, {"id": ga3.id, "label": ga3.name}]),
        reply("situation", reason.question, n=2, matter=ga2, asked="situation:reason",
              options=[{"id": o.id, "label": o.label} for o in reason.options]),
        reply("situation", residence.question, n=3, matter=ga2, asked="situation:residence",
              options=[{"id": o.id, "label": o.label} for o in residence.options]),
        reply("answer", "按您的情况，换领身份证需要准备以下材料。", n=4, matter=ga2, asked="materials",
              checklist=checklist_of(ga2, chosen), suggestions=[{"id": ga3.id, "label": ga3.name}],
              chosen=chosen, guide=tiny_guide),
        reply("answer", ga3.summary, n=5, matter=ga3),
    ]).install(page)
    page.goto("/")
    page.wait_for_selector("#chat-root[data-ready]")
    page.get_by_role("button", name="身份证过期了怎么办").click()
    page.wait_for_selector(".msg--clarify .option-btn")
    assert script.requests[0] == {"message": "身份证过期了怎么办", "session_id": None, "choice": None}
    assert page.evaluate("document.activeElement.textContent") == ga2.name     # focus moves to the options
    page.locator(".msg--clarify .option-btn", has_text=ga2.name).click()
    page.wait_for_selector(".msg--situation .option-btn")
    assert script.requests[1] == {"message": None, "session_id": "s-test-1", "choice": ga2.id}
    assert page.evaluate("sessionStorage.getItem('guide.session_id')") == "s-test-1"
    assert page.locator(".msg--clarify .option-btn").evaluate_all("bs => bs.every(b => b.disabled)")
    assert page.locator(".msg--clarify .feedback").count() == 0        # 👍/👎 only on answers
    page.get_by_role("button", name="姓名等登记信息变更").click()
    page.locator(".msg--situation").nth(1).wait_for()
    assert script.requests[2]["choice"] == "changed"
    page.keyboard.press("Enter")                   # focus is on the first option: 济南市户籍
    card = page.locator(".msg--answer .guide-card")
    card.wait_for()
    assert script.requests[3] == {"message": None, "session_id": "s-test-1", "choice": "local"}
    assert texts(card.locator(".material__name")) == [m["name"] for m in checklist_of(ga2, chosen)]
    assert card.locator(".guide-card__dept").text_content() == "济南市公安局"
    assert "根据您的情况，需要准备" in card.text_content()
    exempt = card.locator(".material", has_text="居民户口簿")
    assert "免提交" in exempt.text_content()
    assert card.locator(".card-part--materials.is-asked").count() == 1
    assert "爱山东APP（网上预约、进度查询）" in card.text_content() and "链接暂未收录" in card.text_content()
    assert card.locator("a.btn--online").count() == 0                       # no URL, no button
    # the full guide and the printable list keep the situations chosen in the chat
    assert card.locator("a", has_text="查看完整办事指南").get_attribute("href") == \
        "/matters/370100-GA-002?reason=changed&residence=local&age=adult"
    assert card.locator("a", has_text="打印我的材料清单").get_attribute("href") == \
        "/matters/370100-GA-002/checklist?reason=changed&residence=local&age=adult"
    assert page.locator("#log").get_attribute("aria-live") == "polite"
    shot(page, "chat-desktop")

    page.locator(".msg--answer .feedback__btn[aria-label='有帮助']").click()
    page.wait_for_selector(".msg--answer .feedback__note:has-text('感谢')")
    assert script.feedback == [{"session_id": "s-test-1", "message_id": "m4", "helpful": True}]

    page.locator(".msg--answer .chip", has_text=ga3.name).click()             # a suggestion is a new message
    page.locator(".msg--answer").nth(1).wait_for()
    assert script.requests[4] == {"message": ga3.name, "session_id": "s-test-1", "choice": None}


def test_chat_online_button_only_when_a_url_exists(ui, tiny_guide):
    page = ui.page
    scjg = tiny_guide.get("370100-SCJG-001")
    ChatScript([reply("answer", "可以网上申请。", n=1, matter=scjg, asked="online")]).install(page)
    page.goto("/")
    page.wait_for_selector("#chat-root[data-ready]")
    page.locator("#q").fill("食品经营许可能网上办吗")
    page.locator("#send").click()
    card = page.locator(".msg--answer .guide-card")
    card.wait_for()
    online = card.locator(".fact.is-asked")
    links = online.locator("a.btn--online")
    assert links.count() == 1 and links.get_attribute("href") == "http://zwfw.sd.gov.cn/"
    assert links.get_attribute("rel") == "noopener noreferrer"
    assert "爱山东APP" in online.text_content() and "链接暂未收录" in online.text_content()
    assert "申请材料" in card.text_content() and card.locator(".tag--when").count() > 0   # 部分情形 marks


def test_chat_bundle_steps_and_error_message(ui, tiny_guide):
    page = ui.page
    bundle = tiny_guide.get("370100-YJS-001")

    def answer(body, n):
        if n == 1:
            return 200, reply("bundle", "开餐馆需要依次办理以下事项。", n=1, matter=bundle, guide=tiny_guide)
        return 400, {"error": "Bad Request", "message": "问题太长了，请精简到200字以内。", "field": "message",
                     "status": 400}

    ChatScript(answer).install(page)
    page.goto("/")
    page.wait_for_selector("#chat-root[data-ready]")
    page.get_by_role("button", name="开饭馆要办什么证").click()
    steps = page.locator(".msg--bundle .steps--members li")
    steps.first.wait_for()
    assert steps.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))") == \
        ["/matters/370100-SCJG-006", "/matters/370100-SCJG-001"]
    assert texts(steps.locator("a")) == [tiny_guide.get("370100-SCJG-006").name, tiny_guide.get("370100-SCJG-001").name]
    page.locator("#q").fill("太长的问题")
    page.locator("#q").press("Enter")
    error = page.locator(".msg--error")
    error.wait_for()
    assert error.text_content() == "问题太长了，请精简到200字以内。"
    assert not page.locator("#send").is_disabled()


@pytest.mark.parametrize("payload", XSS)
def test_chat_shows_xss_as_text(ui, payload):
    page = ui.page

    def echo(body, n):
        text = body.get("message") or body.get("choice") or ""
        return 200, {"session_id": "s-x", "message_id": f"m{n}", "type": "clarify", "text": f"您问的是：{text}",
                     "matter": None, "asked": "matter", "options": [{"id": text, "label": text}],
                     "checklist": [], "online": None, "suggestions": [{"id": "x", "label": text}]}

    ChatScript(echo).install(page)
    page.goto("/")
    page.wait_for_selector("#chat-root[data-ready]")
    page.locator("#q").fill(payload)
    page.locator("#q").press("Enter")
    page.wait_for_selector(".msg--clarify")
    assert page.locator(".msg--user .msg__text").first.text_content() == payload
    assert page.locator(".msg--clarify .msg__text").text_content() == f"您问的是：{payload}"
    assert page.locator(".msg--clarify .option-btn").text_content() == payload
    page.locator(".msg--clarify .option-btn").click()
    page.locator(".msg--clarify").nth(1).wait_for()
    assert page.locator("#log img, #log script").count() == 0
    assert ui.dialogs == []


# ---------------------------------------------------------------- chat against the real /api/chat

def _bot_count(page) -> int:
    return page.locator("#log .msg--bot:not(.msg--intro)").count()


def _ask_and_wait(page, action) -> object:
    before = _bot_count(page)
    action()
    wait_until(page, f"document.querySelectorAll('#log .msg--bot:not(.msg--intro)').length > {before}",
               timeout=20)
    return page.locator("#log .msg--bot:not(.msg--intro)").last


@pytest.fixture()
def real_chat(live_app):
    assert has_route(live_app, "/api/chat"), "POST /api/chat must be served"


def test_real_chat_situation_flow_ends_in_a_checklist(ui, real_chat):
    page = ui.page
    page.goto("/")
    page.wait_for_selector("#chat-root[data-ready]")
    last = _ask_and_wait(page, lambda: page.get_by_role("button", name="身份证过期了怎么办").click())
    session = page.evaluate("sessionStorage.getItem('guide.session_id')")
    assert session
    clicked = 0
    while last.get_attribute("data-type") in ("clarify", "situation") and clicked < 8:
        option = last.locator(".option-btn").first
        last = _ask_and_wait(page, option.click)
        clicked += 1
    assert last.get_attribute("data-type") == "answer", last.text_content()
    assert clicked >= 1, "the ID-card question should ask at least one clarify/situation question"
    card = last.locator(".guide-card")
    assert card.locator(".material__name").count() >= 1
    assert card.locator(".guide-card__dept").text_content() == "济南市公安局"
    assert page.evaluate("sessionStorage.getItem('guide.session_id')") == session
    last.evaluate("el => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 120)")
    shot(page, "chat-real")
    last.locator(".feedback__btn[aria-label='有帮助']").click()
    note = last.locator(".feedback__note")
    wait_until(page, "document.querySelector('#log .msg--bot:last-child .feedback__note').textContent.length > 0")
    assert "感谢" in note.text_content(), note.text_content()


def test_real_chat_answer_card_for_a_plain_question(ui, real_chat):
    page = ui.page
    page.goto("/")
    page.wait_for_selector("#chat-root[data-ready]")
    page.locator("#q").fill("开饭馆要办什么证")
    last = _ask_and_wait(page, lambda: page.locator("#q").press("Enter"))
    assert last.get_attribute("data-type") in ("bundle", "answer", "clarify", "situation")
    if last.get_attribute("data-type") == "bundle":
        assert last.locator(".steps--members a").count() == 2


@pytest.mark.parametrize("payload", XSS)
def test_real_chat_shows_xss_as_text(ui, real_chat, payload):
    page = ui.page
    page.goto("/")
    page.wait_for_selector("#chat-root[data-ready]")
    page.locator("#q").fill(payload)
    _ask_and_wait(page, lambda: page.locator("#q").press("Enter"))
    assert page.locator(".msg--user .msg__text").first.text_content() == payload
    assert page.locator("#log img, #log script").count() == 0
    assert ui.dialogs == []


# ---------------------------------------------------------------- whole conversations (issue 18)

def test_kiosk_reload_and_new_conversation_never_inherit_the_last_person(ui, real_chat):
    page = ui.page
    page.goto("/")
    page.wait_for_selector("#chat-root[data-ready]")
    _ask_and_wait(page, lambda: page.get_by_role("button", name="身份证过期了怎么办").click())
    before = page.evaluate("sessionStorage.getItem('guide.session_id')")
    assert before
    page.reload()                                               # the next person at the kiosk
    page.wait_for_selector("#chat-root[data-ready]")
    assert page.locator("#log .msg--bot:not(.msg--intro)").count() == 0
    assert page.evaluate("sessionStorage.getItem('guide.session_id')") is None
    last = _ask_and_wait(page, lambda: (page.locator("#q").fill("要多少钱"), page.locator("#q").press("Enter")))
    after = page.evaluate("sessionStorage.getItem('guide.session_id')")
    assert after and after != before                            # a new conversation, no hidden topic
    assert "居民身份证换领" not in last.text_content()
    page.get_by_role("button", name="新对话").click()
    assert page.locator("#log .msg--bot:not(.msg--intro)").count() == 0
    assert "已开始新对话" in page.locator("#status").text_content()
    page.locator("#q").fill("身" * 201)                          # over-long: refused visibly, nothing sent
    page.locator("#q").press("Enter")
    assert "问题太长了" in page.locator("#status").text_content()
    assert page.locator("#log .msg--user").count() == 0


def test_a_follow_up_changes_a_situation_and_a_fact_is_the_visible_reply(ui, real_chat):
    page = ui.page
    page.goto("/")
    page.wait_for_selector("#chat-root[data-ready]")
    page.locator("#q").fill("公积金买房怎么提取")
    last = _ask_and_wait(page, lambda: page.locator("#q").press("Enter"))
    clicked = 0
    while last.get_attribute("data-type") in ("clarify", "situation") and clicked < 6:
        last = _ask_and_wait(page, last.locator(".option-btn").first.click)
        clicked += 1
    assert last.get_attribute("data-type") == "answer"
    buy = texts(last.locator(".material__name"))
    page.locator("#q").fill("那租房能取吗")
    rent = _ask_and_wait(page, lambda: page.locator("#q").press("Enter"))
    assert "租房" in rent.text_content()                         # the reason changed, same matter
    assert rent.locator(".guide-card__title").text_content() == "住房公积金提取" or \
        rent.get_attribute("data-type") == "situation"
    if rent.get_attribute("data-type") == "answer":
        assert texts(rent.locator(".material__name")) != buy
    # the printable list keeps the chosen situations
    link = page.locator(".msg--answer .print-link").last.get_attribute("href")
    assert link.startswith("/matters/370100-GJJ-001/checklist?") and "reason=" in link


def test_printing_a_personal_and_a_bundle_checklist(ui, tiny_guide):
    page = ui.page
    page.goto("/matters/370100-GA-002/checklist?reason=changed&residence=local&age=adult")
    assert texts(page.locator(".material-row .material-name")) == \
        [m.name for m in tiny_guide.get("370100-GA-002").materials
         if m.applies({"reason": "changed", "residence": "local", "age": "adult"})]
    page.goto("/matters/370100-YJS-001/checklist")
    assert page.locator("#sheet-title").text_content() == "一次性告知单（一件事）"
    members = [tiny_guide.get(m.matter).name for m in tiny_guide.get("370100-YJS-001").members]
    headings = texts(page.locator(".sheet__member h2"))
    assert [h.split(". ", 1)[1] for h in headings] == members
    page.emulate_media(media="print")
    assert page.locator("#print-btn").is_hidden() or page.locator(".sheet-toolbar").is_hidden()


# ---------------------------------------------------------------- staff login page (public)

def test_staff_login_page_has_no_operator_instructions(ui, live_app):
    assert not live_app.extensions["settings"].staff_accounts          # the live app has no accounts
    page = ui.page
    page.goto("/staff/login")
    body = page.locator("main").text_content()
    for operator_words in ("staff-add", "guide ", "配置文件", "请管理员运行"):
        assert operator_words not in body
    assert "请联系本中心系统管理员开通账号" in body
    page.get_by_label("用户名").fill("alice")
    page.get_by_label("密码").fill("a long password")
    page.get_by_role("button", name="登录").click()
    error = page.locator(".error[role='alert']")
    error.wait_for()
    assert error.text_content() == "本服务尚未开通工作人员账号，请联系系统管理员。"
    assert "用户名或密码错误" not in page.locator("main").text_content()


# ---------------------------------------------------------------- regions (issue 14)

def test_one_served_region_is_named_and_offers_no_switch(ui, tiny_guide):
    page = ui.page
    ChatScript([reply("answer", "换领身份证需要准备以下材料。", n=1, matter=tiny_guide.get("370100-GA-002"),
                      guide=tiny_guide)]).install(page)
    page.goto("/")
    page.wait_for_selector("#chat-root[data-ready]")
    assert page.locator("#region-bar").text_content().split() == ["咨询地区：济南市"]
    assert page.locator("#region-bar select").count() == 0
    page.goto("/counter")
    page.wait_for_selector("#counter-root[data-ready]")
    assert page.locator("#region-name").text_content() == "地区：济南市"
    assert page.locator("#search-region").count() == 0


def test_several_regions_the_citizen_switches_and_it_is_remembered(ui_regions, tiny_guide):
    page = ui_regions.page
    script = ChatScript([reply("answer", "补领身份证需要准备以下材料。", n=n, matter=tiny_guide.get("370100-GA-003"),
                               guide=tiny_guide) for n in (1, 2, 3)]).install(page)
    page.goto("/")
    page.wait_for_selector("#chat-root[data-ready]")
    select = page.locator("#chat-region")
    assert texts(select.locator("option")) == ["济南市", "广州市"]
    assert select.input_value() == "370100"                        # the deployment's default first
    page.locator("#q").fill("身份证丢了")
    page.locator("#q").press("Enter")
    page.locator(".msg--answer").first.wait_for()
    assert script.requests[0]["region"] == "370100"
    page.get_by_label("咨询地区").select_option("440100")
    assert "广州市" in page.locator("#status").text_content()
    assert page.evaluate("localStorage.getItem('guide.region')") == "440100"
    page.locator("#q").fill("那要多少钱")
    page.locator("#q").press("Enter")
    page.locator(".msg--answer").nth(1).wait_for()
    assert script.requests[1]["region"] == "440100" and script.requests[1]["session_id"] == "s-test-1"
    page.reload()                                                   # remembered like the other prefs
    page.wait_for_selector("#chat-root[data-ready]")
    assert page.locator("#chat-region").input_value() == "440100"
    page.evaluate("localStorage.setItem('guide.region', '999999')")  # no longer served: the default
    page.reload()
    page.wait_for_selector("#chat-root[data-ready]")
    assert page.locator("#chat-region").input_value() == "370100"


def test_several_regions_the_counter_filters_by_region(ui_regions):
    page = ui_regions.page
    searches = []
    page.on("request", lambda r: searches.append(r.url) if "/api/search" in r.url else None)
    page.goto("/counter")
    page.wait_for_selector("#counter-root[data-ready]")
    assert texts(page.locator("#search-region option")) == ["济南市", "广州市"]
    page.locator("#search-q").fill("广州补办身份证")
    page.wait_for_selector("#results .hit")
    assert "region=370100" in searches[-1]
    jinan = page.locator("#results .hit").evaluate_all("bs => bs.map(b => b.dataset.id)")
    assert "440100-GZGA-003" not in jinan                            # a sibling region is never seen
    page.get_by_label("地区").select_option("440100")
    page.wait_for_selector('#results .hit[data-id="440100-GZGA-003"]')
    assert "region=440100" in searches[-1]
    assert page.locator("#results .hit").first.get_attribute("data-id") == "440100-GZGA-003"
