"""/staff/gaps in Debian's headless chromium under the strict CSP: a staff member signs in, sees a
grouped gap with its weekly counts (masked, markup shown as text), writes a Q&A draft (the
validation problems shown first) and approves it."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest
from browser_helpers import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, LiveServer, add_strict_csp
from werkzeug.security import generate_password_hash

import guide.runtime
from guide.gaps import week_index, week_start
from guide.text import normalize
from guide.webapp import create_app

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
QUESTION = "<b>养狗</b>要去哪登记 电话13912345678"


def in_own_thread(walk):
    """Run `walk(browser)` with a chromium of its own in a fresh thread: test_browser.py keeps a
    session-wide sync Playwright open on the main thread, and a second one may not start there."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: the browser tests need Debian's chromium (run `make browser`)")

    def run():
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                walk(browser)
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(run).result()           # re-raises the walk's assertion errors here


def fill_store(store, monkeypatch):
    """Three asks of one question (two this week, one last week) and one answered question."""
    this_week = week_start(week_index(time.time()))
    searched = "<b>养狗</b>要去哪登记"
    moments = iter([this_week - 2 * 86400, this_week + 60, time.time() - 5, time.time() - 3])
    real = guide.runtime.time          # only the wall clock the store writes moves; the rest is real
    monkeypatch.setattr(guide.runtime, "time", SimpleNamespace(
        **{**{name: getattr(real, name) for name in dir(real) if not name.startswith("_")},
           "time": lambda: next(moments)}))
    for n, confidence in enumerate(("no_match", "no_match", "no_match", "confident")):
        text = QUESTION if confidence != "confident" else "身份证过期了"
        query = {"source": "chat", "query": searched if confidence != "confident" else text,
                 "normalized": normalize(searched if confidence != "confident" else text), "result_ids": [],
                 "confidence": confidence, "latency_ms": 1.0}
        store.record_turn(f"s{n}", {}, f"m{n}", text, "no_match", None, query)
    monkeypatch.undo()


def staff_app(guide, settings, tmp_path):
    """The app with one staff account (alice), under the strict CSP, on its own runtime store."""
    app = create_app(settings.replace(runtime_db=str(tmp_path / "runtime.db"),
                                      staff_accounts={"alice": generate_password_hash(PASSWORD)}),
                     guide=guide)
    add_strict_csp(app)
    return app


def new_page(chromium, live, problems: list[str]):
    """A desktop page on the live server whose script errors land in `problems`."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", base_url=live.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on("pageerror", lambda exc: problems.append(f"pageerror: {exc}"))
    return context, page


def test_staff_see_grouped_gaps_and_turn_one_into_an_approved_draft(tiny_guide, tiny_settings, tmp_path, monkeypatch):
    app = staff_app(tiny_guide, tiny_settings, tmp_path)
    fill_store(app.extensions["store"], monkeypatch)
    problems: list[str] = []

    def walk(chromium):
        with LiveServer(app) as live:
            context, page = new_page(chromium, live, problems)
            page.on("console", lambda m: problems.append(m.text)          # a 401 / 400 fetch is expected
                    if m.type == "error" and "Failed to load resource" not in m.text else None)
            page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))

            page.goto("/counter")
            page.click("#gaps-link")                                    # the counter's staff panel links here
            page.wait_for_url("**/staff/login**")
            assert "next=/staff/gaps" in page.url
            page.fill("#staff-username", "alice")
            page.fill("#staff-password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url("**/staff/gaps")
            page.locator("#gaps-root[data-ready=true]").wait_for()

            row = page.locator("#gaps-body tr.gap").first
            assert page.locator("#gaps-body tr.gap").count() == 1              # answered questions are no gap
            question = row.locator(".gap__question").inner_text()
            assert question.startswith("<b>养狗</b>要去哪登记") and "13912345678" not in page.content()
            assert page.locator("#gaps-body b").count() == 0                   # markup is text, not HTML
            weekly = [c.strip() for c in row.locator("td.week").all_text_contents()]
            assert weekly == ["0"] * 6 + ["1", "2"]
            assert row.locator("td.total").inner_text() == "3"
            heads = [t.strip() for t in page.locator("#gaps-head th.week").all_text_contents()]
            assert len(heads) == 9 and heads[-2].startswith("W") and heads[-1] == "合计"

            row.locator("button", has_text="转为问答草稿").click()
            form = page.locator("form.draft-form--qa")
            form.locator("select").first.select_option("LD")
            form.locator("select").nth(1).select_option("RS")
            form.locator("button[type=submit]").click()
            form.locator(".problems li").first.wait_for()
            shown = " ".join(form.locator(".problems li").all_text_contents())
            assert "answer" in shown and "basis" in shown                     # every problem with its field

            form.locator("textarea").nth(1).fill("饲养犬只应当按照当地养犬管理规定办理登记。")
            form.locator("input[placeholder^='如：《']").fill("《济南市养犬管理规定》")
            form.locator("input[placeholder='如：第十九条']").fill("第九条")
            form.locator("button[type=submit]").click()
            page.locator("#drafts-list li.draft[data-status=pending]").wait_for()
            assert "已保存" in page.locator("#drafts-message").inner_text()
            assert page.locator("form.draft-form--qa").count() == 0
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "staff-gaps.png"), full_page=True)

            page.locator("#drafts-list li.draft button", has_text="批准").click()
            deadline = time.monotonic() + 10
            while "已批准" not in page.locator("#drafts-message").inner_text() and time.monotonic() < deadline:
                page.wait_for_timeout(50)
            assert "已批准" in page.locator("#drafts-message").inner_text()
            page.select_option("#drafts-status", "approved")
            page.locator("#drafts-list li.draft[data-status=approved]").wait_for()
            assert "1 份草稿" in page.locator("#gaps-body tr.gap .gap__actions").inner_text()
            context.close()

    in_own_thread(walk)
    assert problems == []


def test_a_question_about_a_service_the_catalog_knows_it_lacks_is_marked_as_such(tiny_guide, tiny_settings, tmp_path):
    """网络身份证 is a lookalike of the ID-card matters (the tiny catalog copies the shipped files): its
    gap says the catalog knows it lacks that service; a gap without one says nothing of the kind."""
    app = staff_app(tiny_guide, tiny_settings, tmp_path)
    store = app.extensions["store"]
    for n, text in enumerate(("网络身份证怎么申请", "养狗要去哪登记")):
        result = tiny_guide.search(text, k=3)
        query = {"source": "chat", "query": text, "normalized": normalize(text),
                 "result_ids": [h.id for h in result.hits], "confidence": str(result.confidence), "latency_ms": 1.0}
        store.record_turn(f"s{n}", {}, f"m{n}", text, "no_match", None, query)
    problems: list[str] = []

    def walk(chromium):
        with LiveServer(app) as live:
            context, page = new_page(chromium, live, problems)
            page.goto("/staff/login?next=/staff/gaps")
            page.fill("#staff-username", "alice")
            page.fill("#staff-password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url("**/staff/gaps")
            page.locator("#gaps-root[data-ready=true]").wait_for()
            rows = {r.locator(".gap__question").inner_text().split("\n")[0]: r
                    for r in page.locator("#gaps-body tr.gap").all()}
            assert set(rows) == {"网络身份证怎么申请", "养狗要去哪登记"}, list(rows)
            assert rows["网络身份证怎么申请"].locator(".gap__lookalike").inner_text() == "目录已知未收录：网络身份证"
            assert rows["养狗要去哪登记"].locator(".gap__lookalike").count() == 0
            context.close()

    in_own_thread(walk)
    assert problems == []
