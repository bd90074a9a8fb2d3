"""The entry view: what every surface shows of a matter or bundle, computed once, here.

Pages (Jinja), the chat and counter scripts, the printable 一次性告知单 and the terminal all
display this view and format nothing themselves: which materials apply to the situations chosen
so far (and which still depend on an unanswered one), the time-limit, fee and form texts, bundle
member names, the location rows worth showing, and the one line that says where the guide's
rules come from. Unknown values say they are not recorded; nothing is guessed.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from urllib.parse import urlencode

from guide import regions
from guide.catalog import Bundle, Material, Matter, undecided
from guide.qa import QA

NOT_RECORDED_TIME = "办理时限未收录，以受理窗口告知为准"
LOCATION_GAP = "具体地址和办公时间未收录，可拨打12345政务服务便民热线咨询。"
HALL_FALLBACK = "具体办理地点未收录，请拨打12345政务服务便民热线或到就近的政务服务大厅咨询。"


# ---------------------------------------------------------------- texts

def form_text(form: str, copies: int | None) -> str:
    """How a material is handed in: "原件1份", "原件（核验后退还）", "电子材料"; imported rows may
    not say ("未注明"): then the text says the form is not recorded."""
    if not form or form == "未注明":
        return "形式、份数未注明"
    if form == "原件核验":
        return "原件（核验后退还）"
    if form == "电子材料" or not copies:
        return form
    return f"{form}{copies}份"


def time_text(matter: Matter) -> str:
    """办结时限 in one line; both day counts are in the matter's days_unit (工作日 or 自然日)."""
    t = matter.time_limit
    if t.on_the_spot:
        return "即办件，材料齐全、符合条件的当场办结"
    unit = t.days_unit or "工作日"
    parts = []
    if t.promised_days is not None:
        parts.append(f"承诺{t.promised_days}个{unit}")
    if t.legal_days is not None:
        parts.append(f"法定{t.legal_days}个{unit}")
    return "，".join(parts) + "内办结" if parts else NOT_RECORDED_TIME


def fee_text(matter: Matter) -> str:
    fee = matter.fee
    if fee.charged is None:
        return "收费情况未收录，以受理窗口告知为准"
    if not fee.charged:
        return "不收费"
    return fee.standard or "收费（标准未收录，以受理窗口告知为准）"


def online_text(entry) -> str:
    if entry.online.available is None:
        names = "、".join(c.name for c in entry.online.channels)
        return f"是否可以网上办理未收录{('；已知入口：' + names) if names else ''}。"
    if not entry.online.available:
        return "该事项暂不支持网上办理，请到办理窗口现场办理。"
    names = [c.name + ("" if c.url else "（链接未收录）") for c in entry.online.channels]
    return "可以网上办理：" + ("、".join(names) if names else "具体渠道未收录，请咨询12345。")


def department_line(matter: Matter, department_name: str) -> str:
    """"济南市公安局 · 实施机关：…" without saying the same name twice."""
    agency = matter.agency.strip()
    if not agency or agency == department_name or agency in department_name:
        return department_name
    return f"{department_name} · 实施机关：{agency}" if department_name else f"实施机关：{agency}"


def scope_note(entry) -> str:
    """Where the rules come from, said once per guide instead of a hedge in every note."""
    prov = getattr(entry, "provenance", None)
    where = regions.name(entry.region)
    if prov is not None:
        return f"本指南由{prov.system}导出的事项数据导入（{prov.imported_at[:10]}），以{where}办理窗口公布的为准。"
    if not any(s.local for s in entry.sources):
        return f"按国家规定整理，以{where}办理窗口为准。"
    return ""


# ---------------------------------------------------------------- the view

def _when_text(matter: Matter, material: Material) -> str:
    labels = {f"{s.id}.{o.id}": o.label for s in matter.situations for o in s.options}
    any_of = "或".join(labels.get(k, k) for k in material.when)
    all_of = "且".join(labels.get(k, k) for k in material.when_all)
    return "；".join(p for p in (any_of, all_of) if p)


def material_status(material: Material, chosen: Mapping[str, str]) -> str:
    """applies | undecided (depends on a situation not answered yet) | excluded."""
    if material.applies(chosen):
        return "applies"
    return "undecided" if undecided(material.when, material.when_all, chosen) else "excluded"


def _material(matter: Matter, m: Material, chosen: Mapping[str, str]) -> dict:
    return {"name": m.name, "form": m.form, "copies": m.copies, "form_text": form_text(m.form, m.copies),
            "required": m.required, "source": m.source, "notes": m.notes, "exempt": m.exempt_if_e_license,
            "conditional": m.conditional, "when_text": _when_text(matter, m),
            "status": material_status(m, chosen)}


def situation_query(entry: Matter, chosen: Mapping[str, str]) -> str:
    """`reason=expire&residence=local`: the chosen situations, in the matter's order."""
    return urlencode([(s.id, chosen[s.id]) for s in entry.situations if s.id in chosen])


def entry_view(entry: Matter | Bundle, chosen: Mapping[str, str] | None = None, *,
               departments: Mapping[str, str] | None = None,
               get: Callable[[str], Matter | Bundle | None] | None = None) -> dict:
    """The view of one entry given the situations chosen so far (unknown ids are ignored);
    `get` looks up a bundle's members."""
    departments = departments or {}
    dept_name = departments.get(entry.department, entry.department)
    if isinstance(entry, QA):
        related = [{"id": i, "name": t.name} for i in entry.related if (t := get(i) if get else None) is not None]
        return {"id": entry.id, "kind": "qa", "name": entry.question, "question": entry.question,
                "answer": entry.answer, "basis": [_source_text(s) for s in entry.basis], "related": related,
                "region": entry.region, "region_name": regions.name(entry.region), "department": entry.department,
                "department_name": dept_name, "topic": entry.topics[0], "updated": entry.updated,
                "checked_on": entry.checked_on, "page_url": f"/matters/{related[0]['id']}" if related else "",
                "scope_note": ("按国家规定整理" if entry.region == regions.NATIONAL else f"按{regions.name(entry.region)}规定整理")
                              + "，具体以经办机构答复为准。"}
    view = {"id": entry.id, "kind": entry.kind, "name": entry.name, "summary": entry.summary,
            "region": entry.region, "region_name": regions.name(entry.region), "department": entry.department,
            "department_name": dept_name, "subjects": list(entry.subjects), "topics": list(entry.topics),
            "online": {"available": entry.online.available, "text": online_text(entry),
                       "channels": [{"name": c.name, "url": c.url} for c in entry.online.channels]},
            "scope_note": scope_note(entry), "updated": entry.updated, "verified_on": entry.verified_on,
            "sources": [_source_text(s) for s in entry.sources], "page_url": f"/matters/{entry.id}"}
    if isinstance(entry, Bundle):
        members = []
        for m in entry.members:
            target = get(m.matter) if get else None
            members.append({"id": m.matter, "name": target.name if target else m.matter, "note": m.note,
                            "known": target is not None, "department": getattr(target, "department", ""),
                            "department_name": departments.get(getattr(target, "department", ""), "")})
        view["members"] = members
        view["notes"] = list(entry.notes)
        view["checklist_url"] = f"/matters/{entry.id}/checklist"
        return view
    valid = {s.id: {o.id for o in s.options} for s in entry.situations}
    chosen = {k: v for k, v in (chosen or {}).items() if v in valid.get(k, ())}
    query = situation_query(entry, chosen)
    rows = [loc for loc in entry.locations if loc.hall or loc.address or loc.phone]
    view.update({
        "type": entry.type, "agency": entry.agency, "department_line": department_line(entry, dept_name),
        "conditions": list(entry.conditions), "process": list(entry.process), "result": entry.result,
        "visits": entry.visits, "legal_basis": list(entry.legal_basis), "notes": entry.notes,
        "faq": [{"q": f.q, "a": f.a} for f in entry.faq],
        "time": {"text": time_text(entry), "note": entry.time_limit.note},
        "fee": {"text": fee_text(entry), "basis": entry.fee.basis if entry.fee.charged else ""},
        "locations": [{"hall": loc.hall or entry.agency or "办理窗口", "address": loc.address, "hours": loc.hours,
                       "phone": loc.phone} for loc in rows],
        "location_gap": (LOCATION_GAP if rows and not all(loc.address and loc.hours for loc in rows)
                         else "" if rows else HALL_FALLBACK),
        "situations": [{"id": s.id, "question": s.question, "chosen": chosen.get(s.id),
                        "options": [{"id": o.id, "label": o.label} for o in s.options]}
                       for s in entry.situations],
        "chosen": chosen,
        "materials": [_material(entry, m, chosen) for m in entry.materials],
        "checklist_url": f"/matters/{entry.id}/checklist" + (f"?{query}" if query else ""),
    })
    view["page_url"] += f"?{query}" if query else ""
    return view


def _source_text(s) -> str:
    if s.law:
        return f"{s.law}{s.article}"
    return f"{s.title}（{s.issuer}）"


def bundle_checklist(bundle: Bundle, get: Callable[[str], Matter | Bundle | None],
                     departments: Mapping[str, str]) -> dict:
    """One combined 一次性告知单 for a bundle: its members in order, each member's own materials,
    the materials several members need listed once (at the first member that needs them), and the
    visits in all. Printed by the citizen page and the counter alike."""
    first_of: dict[str, int] = {}
    members = []
    for n, member in enumerate(bundle.members, 1):
        matter = get(member.matter)
        if not isinstance(matter, Matter):
            members.append({"n": n, "id": member.matter, "name": member.matter, "known": False, "note": member.note,
                            "materials": [], "shared": []})
            continue
        view = entry_view(matter, {}, departments=departments)
        own, shared = [], []
        for mt in view["materials"]:
            if mt["name"] in first_of:
                shared.append({"name": mt["name"], "listed_at": first_of[mt["name"]]})
            else:
                first_of[mt["name"]] = n
                own.append(mt)
        members.append({"n": n, "id": matter.id, "name": matter.name, "known": True, "note": member.note,
                        "department_name": view["department_name"], "time": view["time"]["text"],
                        "fee": view["fee"]["text"], "visits": matter.visits, "materials": own, "shared": shared,
                        "has_situations": bool(matter.situations), "checklist_url": view["checklist_url"]})
    visits = [m["visits"] for m in members if m["known"]]
    return {"members": members,
            "total_materials": sum(len(m["materials"]) for m in members),
            "total_visits": sum(visits) if visits and all(v is not None for v in visits) else None,
            "shared_count": sum(len(m["shared"]) for m in members)}
