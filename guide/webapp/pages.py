"""HTML pages: citizen chat (/), counter workspace (/counter), matter pages (/matters/<id>).

Every page is CSP-clean (no inline script or style, no event-handler attributes): behaviour lives in
web/static/*.js, looks in web/static/*.css, and all catalog or user text goes through Jinja
autoescaping here and through textContent in the scripts.
"""
from __future__ import annotations

import datetime as _dt

from flask import Blueprint, current_app, render_template, request

from guide.catalog import applies, entry_to_dict
from guide.catalog import undecided as undecided_when

pages = Blueprint("pages", __name__)

# Real questions shown as chips on the chat page's first load.
POPULAR_QUESTIONS = ("身份证过期了怎么办", "开饭馆要办什么证", "公积金怎么取出来", "失业金怎么领",
                     "新生儿怎么上户口")
CHINA_TZ = _dt.timezone(_dt.timedelta(hours=8))


def _guide():
    return current_app.extensions["guide"]


def _departments() -> dict[str, str]:
    return dict(_guide().department_names)


# ---------------------------------------------------------------- formatting (mirrored in guide-render.js)

@pages.app_template_filter("form_text")
def form_text(material: dict) -> str:
    """How a material is handed in: "原件 1份", "原件（核验后退还）", "电子材料"."""
    form, copies = material.get("form", ""), material.get("copies") or 0
    if form == "原件核验":
        return "原件（核验后退还）"
    if form == "电子材料" or not copies:
        return form
    return f"{form} {copies}份"


@pages.app_template_filter("time_limit_text")
def time_limit_text(t: dict) -> str:
    """办结时限 in one line; days count t["days_unit"] (工作日 unless the catalog says 自然日)."""
    if not t:
        return "以受理窗口告知为准"
    if t.get("on_the_spot"):
        return "即办（材料齐全的当场办结）"
    unit = t.get("days_unit") or "工作日"
    parts = []
    if t.get("promised_days") is not None:
        parts.append(f"承诺 {t['promised_days']} 个{unit}")
    if t.get("legal_days") is not None:
        parts.append(f"法定 {t['legal_days']} 个{unit}")
    return "；".join(parts) if parts else "以受理窗口告知为准"


@pages.app_template_filter("fee_text")
def fee_text(fee: dict) -> str:
    if not fee or not fee.get("charged"):
        return "不收费"
    return fee.get("standard") or "收费（标准以窗口告知为准）"


@pages.app_template_filter("department_name")
def department_name(code: str) -> str:
    return _departments().get(code or "", code or "")


def _when_text(matter: dict, when: list[str]) -> str:
    """'部分情形' note in words: which chosen options make a conditional material apply."""
    labels = []
    situations = {s["id"]: s for s in matter.get("situations") or ()}
    for key in when:
        sid, _, oid = key.partition(".")
        sit = situations.get(sid)
        option = next((o for o in (sit or {}).get("options", ()) if o["id"] == oid), None)
        labels.append(option["label"] if option else key)
    return "、".join(labels)


def _not_found(message: str):
    return render_template("not_found.html", message=message), 404


def _chosen_situations(matter: dict) -> dict[str, str]:
    """Valid `situation_id=option_id` pairs from the query string; anything else is ignored."""
    chosen = {}
    for sit in matter.get("situations") or ():
        value = request.args.get(sit["id"])
        if value and any(o["id"] == value for o in sit["options"]):
            chosen[sit["id"]] = value
    return chosen


def _bundle_members(entry: dict) -> list[dict]:
    out = []
    for member in entry.get("members") or ():
        target = _guide().get(member["matter"])
        out.append({"id": member["matter"], "note": member.get("note", ""),
                    "name": target.name if target is not None else member["matter"],
                    "department": getattr(target, "department", "") if target is not None else "",
                    "known": target is not None})
    return out


# ---------------------------------------------------------------- routes

@pages.get("/")
def chat():
    return render_template("chat.html", popular=POPULAR_QUESTIONS, departments=_departments())


@pages.get("/counter")
def counter():
    departments = sorted(_departments().items())
    return render_template("counter.html", departments=departments, department_map=_departments())


@pages.get("/matters/<entry_id>")
def matter_page(entry_id: str):
    entry = _guide().get(entry_id)
    if entry is None:
        return _not_found(f"没有编号为 {entry_id[:40]} 的事项，可能已调整或编号有误。")
    data = entry_to_dict(entry)
    if data.get("kind") == "bundle":
        return render_template("bundle.html", b=data, members=_bundle_members(data))
    for material in data["materials"]:
        material["when_text"] = _when_text(data, [*material["when"], *material["when_all"]])
    return render_template("matter.html", m=data)


@pages.get("/matters/<entry_id>/checklist")
def checklist(entry_id: str):
    entry = _guide().get(entry_id)
    if entry is None:
        return _not_found(f"没有编号为 {entry_id[:40]} 的事项，无法生成一次性告知单。")
    data = entry_to_dict(entry)
    if data.get("kind") == "bundle":
        return render_template("not_found.html", bundle=data, members=_bundle_members(data),
                               message=f"“{data['name']}”是一件事主题，包含多个事项，请分别打印各事项的一次性告知单。"), 404
    chosen = _chosen_situations(data)
    situations = []
    for sit in data.get("situations") or ():
        option = next((o for o in sit["options"] if o["id"] == chosen.get(sit["id"])), None)
        situations.append({"question": sit["question"], "answer": option["label"] if option else None})
    applying, undecided = [], []
    for material in data["materials"]:
        material["when_text"] = _when_text(data, [*material["when"], *material["when_all"]])
        when = (tuple(material["when"]), tuple(material["when_all"]))
        if applies(*when, chosen):
            applying.append(material)
        elif undecided_when(*when, chosen):
            undecided.append(material)     # depends on a situation nobody answered yet
    today = _dt.datetime.now(CHINA_TZ).date()
    return render_template("checklist.html", m=data, situations=situations, materials=applying,
                           undecided=undecided, printed=f"{today.year}年{today.month}月{today.day}日")
