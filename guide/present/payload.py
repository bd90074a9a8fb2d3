"""Plans and results -> the one JSON payload every surface renders; plain text for the terminal.

Texts quote the catalog's own fields; nothing here paraphrases a rule. Where the catalog has no
value (an address, a link), the text says it is not recorded rather than guessing.
"""
from __future__ import annotations

from guide.catalog import Bundle, Matter, entry_to_dict
from guide.dialogue import Plan
from guide.present.view import (
    HALL_FALLBACK,
    LOCATION_GAP,
    entry_view,
    fee_text,
    form_text,
    online_text,
    time_text,
)
from guide.search.types import SearchResult

NO_MATCH_TEXT = ("抱歉，没有找到与您的问题对应的办理事项。您可以换个说法再问，"
                 "或拨打12345政务服务便民热线、到政务服务大厅咨询。")
GREETING_TEXT = "您好！我是智惠导服，请直接说出您想办的事，例如“身份证过期了怎么办”“开饭馆要办什么证”。"
THANKS_TEXT = "不客气！还有其他想办的事，直接告诉我就行。"
UNNAMED_TEXT = "请先告诉我您要办的是哪件事，例如“身份证补办要多久”“开饭馆要带什么材料”，我再按那件事的办事指南回答您。"
NO_FACT_TEXT = "办事指南中没有收录这一信息，请拨打12345政务服务便民热线或向办理窗口咨询。"


def _no_match_text(plan: Plan) -> str:
    """The no-match reply; it names the service asked for when search knows the catalog lacks it
    (a lookalike of the closest matter, guide.search.lookalikes)."""
    named = getattr(getattr(plan.search, "signals", None), "lookalike", "")
    if not named:
        return NO_MATCH_TEXT
    return (f"抱歉，本服务暂未收录“{named}”的办事指南，下面列出的是名称相近、但不是同一事项的服务。"
            "您可以拨打12345政务服务便民热线，或到政务服务大厅咨询。")


def search_payload(result: SearchResult) -> dict:
    """The /api/search response body (API version 1)."""
    return {"query": result.query, "normalized": result.normalized,
            "results": [{"id": h.id, "name": h.name, "kind": h.kind, "department": h.department,
                         "score": h.score, "matched": {k: list(v) for k, v in h.matched.items()}}
                        for h in result.hits],
            "confidence": str(result.confidence),
            # a service the catalog lacks that the query names (a lookalike of the first result)
            "lookalike": result.signals.lookalike}


# ---------------------------------------------------------------- parts of a guide

def checklist(matter: Matter, chosen: dict, show_all: bool = False) -> list[dict]:
    """Materials that apply to the chosen situations (all of them, marked, when not asked)."""
    items = []
    for m in matter.materials:
        if not show_all and not m.applies(chosen):
            continue
        items.append({"name": m.name, "form": m.form, "copies": m.copies, "required": m.required,
                      "notes": m.notes, "source": m.source, "exempt": m.exempt_if_e_license,
                      "conditional": m.conditional and show_all})
    return items


def material_line(item: dict) -> str:
    form = item["form_text"] if "form_text" in item else form_text(item["form"], item["copies"])
    extra = [x for x in (("部分情形需要" if item["conditional"] else ""),
                         ("如有" if item["required"] is False else ""),
                         ("可通过电子证照免提交" if item["exempt"] else ""), item["notes"]) if x]
    return f"{item['name']}：{form}" + (f"（{'；'.join(extra)}）" if extra else "")


def online_info(entry) -> dict:
    return {"available": entry.online.available,
            "channels": [{"name": c.name, "url": c.url} for c in entry.online.channels]}


def location_text(matter: Matter) -> str:
    lines = ["，".join([loc.hall or matter.agency or "办理窗口",
                       *((f"地址：{loc.address}",) if loc.address else ()),
                       *((f"办公时间：{loc.hours}",) if loc.hours else ()),
                       *((f"咨询电话：{loc.phone}",) if loc.phone else ())])
             for loc in matter.locations if loc.hall or loc.address or loc.phone]
    if not lines:
        return (f"办理机构：{matter.agency}。" if matter.agency else "") + HALL_FALLBACK
    if not all(loc.address and loc.hours for loc in matter.locations if loc.hall or loc.address or loc.phone):
        lines.append(LOCATION_GAP)
    return "\n".join(lines)


def _numbered(items) -> str:
    return "\n".join(f"{n}. {x}" for n, x in enumerate(items, 1))


def answer_text(matter: Matter, asked: str, items: list[dict], prefilled: list[str]) -> str:
    head = f"【{matter.name}】"
    if prefilled:
        head += f"（已按您的描述选择：{'、'.join(prefilled)}）"
    amounts = [f"{f.q}{f.a}" for f in matter.faq if any(k in f.q for k in ("多少", "标准", "金额"))]
    if asked == "fee" and not matter.fee.charged and amounts:
        # "失业金多少钱" asks for the benefit amount, not a fee: quote the catalog's FAQ on it.
        return f"{head}办理本事项不收费。\n" + "\n".join(amounts)
    if asked == "fee":
        basis = f"（依据：{matter.fee.basis}）" if matter.fee.charged and matter.fee.basis else ""
        return f"{head}收费：{fee_text(matter)}{basis}"
    if asked == "time":
        # the note often holds what the person waits for ("签发时限为十五日" behind a query done at once)
        note = f"\n{matter.time_limit.note}" if matter.time_limit.note else ""
        return f"{head}办理时限：{time_text(matter)}{note}"
    if asked == "location":
        return f"{head}办理地点：\n{location_text(matter)}"
    if asked == "online":
        return f"{head}{online_text(matter)}"
    if asked == "conditions":
        return f"{head}受理条件：\n{_numbered(matter.conditions)}"
    if asked == "process":
        return f"{head}办理流程：\n{_numbered(matter.process)}"
    body = f"需要准备的材料：\n{_numbered(material_line(i) for i in items)}"
    if asked == "materials":
        return f"{head}{body}"
    conditions = f"\n办理条件：\n{_numbered(matter.conditions)}" if matter.conditions else ""
    return (f"{head}{matter.summary}{conditions}\n{body}\n办理时限：{time_text(matter)}\n收费：{fee_text(matter)}\n"
            f"{online_text(matter)}")


# ---------------------------------------------------------------- the chat payload

def chat_payload(plan: Plan, session_id: str, message_id: str, get_entry, departments=None) -> dict:
    """The /api/chat response body; `get_entry` looks up bundle members. `view` is the entry view
    (guide.present.view) that the page displays; `matter` and `checklist` keep API v1's shape."""
    out = {"session_id": session_id, "message_id": message_id, "type": plan.type, "text": "",
           "matter": None, "asked": plan.asked, "options": [o.to_json() for o in plan.options], "checklist": [],
           "online": None, "suggestions": [o.to_json() for o in plan.suggestions], "view": None,
           "follow_up": plan.follow_up}
    entry = plan.entry
    if plan.type == "no_match":
        out["text"] = {"greeting": GREETING_TEXT, "thanks": THANKS_TEXT, "unnamed": UNNAMED_TEXT}.get(plan.asked) or _no_match_text(plan)
        return out
    if plan.type == "clarify":
        listing = " ".join(f"{n}. {o.label}" for n, o in enumerate(plan.options, 1))
        out["text"] = f"您想办理的是哪一项？{listing}（请点击选项或回复序号）"
        return out
    out["matter"] = entry_to_dict(entry)
    out["online"] = online_info(entry)
    out["view"] = entry_view(entry, plan.chosen, departments=departments, get=get_entry)
    if plan.type == "qa":
        view = out["view"]
        basis = f"\n依据：{'；'.join(view['basis'])}" if view["basis"] else ""
        offer = f"\n需要办理的话：{'、'.join(o.label for o in plan.options)}（点击选项查看办事指南）" if plan.options else ""
        out["text"] = f"【{entry.question}】{entry.answer}{basis}{offer}"
        return out
    if isinstance(entry, Bundle):
        out["matter"]["members"] = [{**m, "name": getattr(get_entry(m["matter"]), "name", m["matter"])}
                                    for m in out["matter"]["members"]]
        names = [m["name"] for m in out["matter"]["members"]]
        steps = _numbered(_member_line(m["name"], _refer(m["note"], names, n))
                          for n, m in enumerate(out["matter"]["members"]))
        out["text"] = (f"【{entry.name}】{_refer(entry.summary, names)}\n需要办理的事项：\n{steps}\n"
                       "（点击事项查看办事指南，或回复序号）")
        return out
    if plan.type == "situation":
        done = "" if not plan.prefilled else f"（已按您的描述选择：{'、'.join(plan.prefilled)}）"
        # a condition about what the person said of themselves ("今年八十了"): whether they qualify
        stated = "".join(f"办理条件：{a}\n" for _, a in plan.facts)
        out["text"] = f"【{entry.name}】{done}{stated}为了列出您需要的材料，请先回答：{plan.situation_question}"
        return out
    items = checklist(entry, plan.chosen, plan.show_all)
    out["checklist"] = items
    if plan.asked == "fact" or plan.facts:      # the fact (an FAQ line) is the visible main reply
        out["text"] = (f"【{entry.name}】" + "\n".join(f"{q}{a}" for q, a in plan.facts)) if plan.facts \
            else f"【{entry.name}】{NO_FACT_TEXT}"
        return out
    out["text"] = answer_text(entry, plan.asked or "guide", items, plan.prefilled)
    return out


def _refer(text: str, names: list[str], own: int | None = None) -> str:
    """`text` with the other members' names said as their step numbers ("…办理第2项"): the list
    names each member once."""
    for n, name in sorted(enumerate(names), key=lambda item: -len(item[1])):
        if n != own and name and name in text:
            text = text.replace(name, f"第{n + 1}项")
    return text


def _member_line(name: str, note: str) -> str:
    """One bundle step: the member's name and its note, the name said once ("生育登记：生育登记"
    and "发票领用：需要开具发票的申请发票领用" would repeat it)."""
    if not note:
        return name
    return note if name in note else f"{name}：{note}"


def plain_text(payload: dict) -> str:
    """Terminal rendering of a chat payload."""
    lines = [payload["text"]]
    if payload["type"] in ("clarify", "situation", "qa") and payload["options"]:
        lines += [f"  {n}. {o['label']}" for n, o in enumerate(payload["options"], 1)]
    if payload.get("suggestions") and payload["type"] in ("no_match", "answer"):
        lines.append("您可能还想问：" + "、".join(s["label"] for s in payload["suggestions"]))
    return "\n".join(lines)
