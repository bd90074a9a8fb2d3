"""HTML pages: citizen chat (/), counter workspace (/counter), matter pages (/matters/<id>).

Every page is CSP-clean (no inline script or style, no event-handler attributes): behaviour lives in
web/static/*.js, looks in web/static/*.css, and all catalog or user text goes through Jinja
autoescaping here and through textContent in the scripts.
"""
from __future__ import annotations

import datetime as _dt

from flask import Blueprint, current_app, render_template, request

from guide import regions as _regions
from guide.present.view import bundle_checklist, entry_view

pages = Blueprint("pages", __name__)

# Real questions shown as chips on the chat page's first load.
POPULAR_QUESTIONS = ("身份证过期了怎么办", "开饭馆要办什么证", "公积金怎么取出来", "失业金怎么领",
                     "新生儿怎么上户口")
CHINA_TZ = _dt.timezone(_dt.timedelta(hours=8))


def _guide():
    return current_app.extensions["guide"]


def _departments() -> dict[str, str]:
    return dict(_guide().department_names)


def _served_regions() -> dict:
    """What the chat and counter pages show of the regions this build serves: every (code, name)
    and the default, so the page can offer a switch (several regions) or just name it (one)."""
    g = _guide()
    default = g.settings.default_region
    return {"regions": [(code, _regions.name(code)) for code in g.served_regions],
            "default_region": default, "default_region_name": _regions.name(default)}


def _not_found(message: str):
    return render_template("not_found.html", message=message), 404


def view_of(entry, chosen=None) -> dict:
    """The entry view (guide.present.view) for this build's departments and entries."""
    return entry_view(entry, chosen, departments=_departments(), get=_guide().get)


def _chosen(entry) -> dict[str, str]:
    """`situation_id=option_id` pairs from the query string (the view drops any that do not exist)."""
    return {s.id: request.args[s.id] for s in getattr(entry, "situations", ()) if request.args.get(s.id)}


# ---------------------------------------------------------------- routes

@pages.get("/")
def chat():
    return render_template("chat.html", popular=POPULAR_QUESTIONS,
                           max_chars=current_app.extensions["settings"].max_message_chars, **_served_regions())


@pages.get("/counter")
def counter():
    departments = sorted(_departments().items())
    return render_template("counter.html", departments=departments, department_map=_departments(),
                           **_served_regions())


@pages.get("/matters/<entry_id>")
def matter_page(entry_id: str):
    entry = _guide().get(entry_id)
    if entry is None:
        return _not_found(f"没有编号为 {entry_id[:40]} 的事项，可能已调整或编号有误。")
    view = view_of(entry, _chosen(entry))
    return render_template("bundle.html" if entry.kind == "bundle" else "matter.html", v=view)


@pages.get("/matters/<entry_id>/checklist")
def checklist(entry_id: str):
    """The printable 一次性告知单: a matter's for the chosen situations, or a bundle's combined one."""
    entry = _guide().get(entry_id)
    if entry is None:
        return _not_found(f"没有编号为 {entry_id[:40]} 的事项，无法生成一次性告知单。")
    today = _dt.datetime.now(CHINA_TZ).date()
    printed = f"{today.year}年{today.month}月{today.day}日"
    if entry.kind == "bundle":
        return render_template("bundle_checklist.html", v=view_of(entry),
                               sheet=bundle_checklist(entry, _guide().get, _departments()), printed=printed)
    return render_template("checklist.html", v=view_of(entry, _chosen(entry)), printed=printed)
