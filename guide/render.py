"""Plans and results -> the one JSON payload every surface renders; plain text for the terminal."""
from __future__ import annotations

from dataclasses import asdict

from guide.retrieve import SearchResult


def search_payload(result: SearchResult) -> dict:
    """The /api/search response body (API version 1)."""
    return {"query": result.query, "normalized": result.normalized,
            "results": [asdict(h) for h in result.hits], "confidence": result.confidence}


NO_MATCH_TEXT = ("抱歉，没有找到与您的问题对应的办理事项。您可以换个说法再问，"
                 "或拨打12345政务服务便民热线、到政务服务大厅咨询。")


def answer_payload(result: SearchResult, get_entry) -> dict:
    """One-shot answer (no conversation): the top guide when confident, options when ambiguous."""
    from guide.catalog import entry_to_dict

    hits = list(result.hits)
    if result.confidence == "no_match" or not hits:
        return {"type": "no_match", "text": NO_MATCH_TEXT, "matter": None, "options": [],
                "suggestions": [{"id": h.id, "label": h.name} for h in hits[:3]]}
    if result.confidence == "ambiguous":
        options = [{"id": h.id, "label": h.name} for h in hits[:4]]
        listing = " ".join(f"{n}. {o['label']}" for n, o in enumerate(options, 1))
        return {"type": "clarify", "text": f"您想办理的是：{listing}", "matter": None, "options": options,
                "suggestions": []}
    entry = get_entry(hits[0].id)
    kind = "bundle" if entry.kind == "bundle" else "answer"
    data = entry_to_dict(entry)
    if kind == "bundle":
        data["members"] = [{**m, "name": get_entry(m["matter"]).name} for m in data["members"]]
    return {"type": kind, "text": entry.summary, "matter": data, "options": [],
            "suggestions": [{"id": h.id, "label": h.name} for h in hits[1:4]]}


def plain_text(payload: dict) -> str:
    """Terminal rendering of an answer payload."""
    lines = [payload["text"]]
    matter = payload.get("matter")
    if matter and matter.get("kind") == "bundle":
        lines.append(f"【{matter['name']}】需要办理：")
        lines += [f"  {n}. {m['name']}：{m.get('note', '')}" for n, m in enumerate(matter["members"], 1)]
    elif matter:
        lines.append(f"【{matter['name']}】")
        lines.append("所需材料：")
        for m in matter["materials"]:
            cond = "（部分情形）" if m["when"] else ("（如有）" if not m["required"] else "")
            form = "原件（核验后退还）" if m["form"] == "原件核验" else f"{m['form']}{m['copies']}份"
            lines.append(f"  - {m['name']}：{form}{cond}")
        t = matter["time_limit"]
        lines.append("办理时限：" + ("即办" if t["on_the_spot"] else
                                 f"承诺{t['promised_days']}个工作日" if t["promised_days"] else
                                 f"法定{t['legal_days']}个工作日" if t["legal_days"] else (t["note"] or "以窗口告知为准")))
        lines.append("收费：" + (matter["fee"]["standard"] if matter["fee"]["charged"] else "不收费"))
        channels = "、".join(c["name"] for c in matter["online"]["channels"])
        lines.append("网上办理：" + (channels if matter["online"]["available"] and channels else "暂不支持"))
    for n, o in enumerate(payload.get("options", []), 1):
        lines.append(f"  {n}. {o['label']}")
    return "\n".join(lines)
