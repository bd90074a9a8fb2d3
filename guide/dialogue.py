"""The conversation: one turn = (state, message or choice) -> (new state, plan).

A plan says what to show (answer, clarify, situation question, bundle, no match); guide.render
turns it into the one JSON payload. The state is a small JSON-able dict kept in the runtime
database, so a conversation survives a server restart. Everything quoted comes from the catalog.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from guide.catalog import Bundle, Matter
from guide.text import WEAK_WORDS, normalize

# Which part of a guide a question asks for; first match wins (fee before time: "多少钱" vs "多少").
INTENT_KEYWORDS = (
    ("fee", ("多少钱", "收费", "费用", "收钱", "要钱", "花钱", "工本费", "免费", "交钱", "缴费多少", "几块钱", "价格")),
    ("online", ("网上", "线上", "网办", "在线", "手机上", "手机办", "app", "爱山东", "小程序", "不用跑", "网站")),
    ("location", ("在哪", "哪里办", "去哪", "地址", "地点", "窗口", "大厅", "几点", "上班时间", "办公时间",
                  "工作时间", "哪儿", "电话")),
    ("time", ("多久", "多长时间", "几天", "时限", "多少天", "多长时间能", "什么时候能", "当天", "当场", "时间")),
    ("materials", ("材料", "带什么", "要带", "准备什么", "资料", "提交什么", "需要什么", "证件", "证明材料", "清单")),
    ("conditions", ("条件", "资格", "能不能办", "可以办吗", "能办吗", "符合", "谁可以", "要求")),
    ("process", ("流程", "步骤", "程序", "怎么办理", "办理步骤", "顺序", "怎么走")),
)
# Words that refer back to the current topic rather than naming a new one.
DEICTIC = frozenset("那 这 它 这个 那个 这项 那项 这件 刚才 上面 还 另外 再 呢 其他 还有 请问 好的 好 嗯 行 谢谢".split())
_FILLER_WORDS = sorted({k for _, ks in INTENT_KEYWORDS for k in ks} | WEAK_WORDS | DEICTIC, key=len, reverse=True)
_FILLER_CHARS = set("那这它要还呢吗的了么啊吧呀也再就能可会得到去在办哪几多少怎样么")
GREETINGS = frozenset("你好 您好 在吗 在不在 hi hello 哈喽 嗨 谢谢 谢谢你 好的 再见".split())
SKIP_OPTION = {"id": "_all", "label": "不确定，列出全部材料"}
CIRCLED = "①②③④⑤⑥⑦⑧⑨"
CN_DIGITS = "一二三四五六七八九"
_ORDINAL_RE = re.compile(r"^(?:第|选|选择)?([1-9一二三四五六七八九])(?:个|项|种|条|号)?$")


class ChoiceError(ValueError):
    """A choice id that the last reply did not offer."""


@dataclass
class Plan:
    """What to answer this turn; rendered by guide.render.chat_payload."""

    type: str                                   # answer | clarify | situation | bundle | no_match
    entry: Matter | Bundle | None = None
    asked: str | None = None
    options: list[dict] = field(default_factory=list)
    chosen: dict = field(default_factory=dict)
    show_all: bool = False                      # situations skipped: list every material
    situation_question: str = ""
    suggestions: list[dict] = field(default_factory=list)
    prefilled: list[str] = field(default_factory=list)   # option labels taken from the question
    search: object = None                       # the SearchResult, when this turn searched


def new_state() -> dict:
    return {"entry_id": None, "chosen": {}, "pending": None, "intent": None, "show_all": False, "recent": []}


def detect_intent(text: str) -> str | None:
    norm = normalize(text)
    for intent, keywords in INTENT_KEYWORDS:
        if any(k in norm for k in keywords):
            return intent
    return None


class Dialogue:
    """Stateless over a loaded Guide; all conversation state comes in and goes out as a dict."""

    def __init__(self, guide, popular: tuple[str, ...] = ("居民身份证换领", "住房公积金提取", "失业保险金申领",
                                                         "开办餐馆一件事", "出生登记")):
        self.guide = guide
        self._popular_names = popular
        self._popular: list[dict] | None = None

    # ------------------------------------------------------------ the turn

    def respond(self, state: dict, message: str | None = None, choice: str | None = None) -> tuple[dict, Plan]:
        state = {**new_state(), **(state or {})}
        pending = state.get("pending")
        if choice is not None:
            offered = {o["id"] for o in (pending or {}).get("options", [])}
            if choice not in offered:
                raise ChoiceError(f"选项 {choice[:40]!r} 不在上一轮提供的选项中")
            return self._apply_choice(state, choice)
        message = message or ""
        if normalize(message).strip(" !?.~。！？～") in GREETINGS:
            state["pending"] = None
            return state, Plan("no_match", asked="greeting", suggestions=self.popular())
        if pending:
            resolved = resolve_option(message, pending["options"], self.guide.pipeline)
            if resolved is not None:
                return self._apply_choice(state, resolved)
        elif state.get("recent") and ordinal(message) is not None:   # "第二个" after suggestions
            index = ordinal(message)
            if index < len(state["recent"]):
                state["pending"] = {"kind": "clarify", "options": state["recent"]}
                return self._apply_choice(state, state["recent"][index]["id"])
        intent = detect_intent(message)
        if state["entry_id"] and self._is_follow_up(message):
            state["pending"] = None
            return self._answer(state, intent or "guide")
        result = self.guide.search(message, k=5)
        hits = list(result.hits)
        if result.confidence == "no_match" or not hits:
            if state["entry_id"] and intent:
                state["pending"] = None     # "网上能办吗" style question about the current matter
                plan_state, plan = self._answer(state, intent)
                plan.search = result
                return plan_state, plan
            state.update(pending=None)
            return state, Plan("no_match", suggestions=self._no_match_suggestions(result), search=result)
        if result.confidence == "ambiguous":
            options = [{"id": h.id, "label": h.name} for h in hits[:4]]
            state.update(entry_id=None, chosen={}, show_all=False, intent=intent,
                         pending={"kind": "clarify", "options": options})
            return state, Plan("clarify", asked="matter", options=options, search=result)
        top = hits[0].id
        if top != state["entry_id"]:
            state.update(entry_id=top, chosen={}, show_all=False)
        state["pending"] = None
        new_state_, plan = self._answer(state, intent or "guide", message=message)
        plan.search = result
        plan.suggestions = [{"id": h.id, "label": h.name} for h in hits[1:4]]
        new_state_["recent"] = plan.suggestions
        return new_state_, plan

    def _apply_choice(self, state: dict, choice: str) -> tuple[dict, Plan]:
        pending = state["pending"]
        state["pending"] = None
        if pending["kind"] in ("clarify", "member"):
            state.update(entry_id=choice, chosen={}, show_all=False)
            return self._answer(state, state.get("intent") or "guide")
        if choice == SKIP_OPTION["id"]:
            state["show_all"] = True
        else:
            state["chosen"] = {**state["chosen"], pending["situation"]: choice}
        state, plan = self._answer(state, state.get("intent") or "materials")
        if plan.type == "answer":           # related matters found when the question was asked
            plan.suggestions = list(state.get("recent") or [])
        return state, plan

    # ------------------------------------------------------------ answering

    def _answer(self, state: dict, intent: str, message: str = "") -> tuple[dict, Plan]:
        entry = self.guide.get(state["entry_id"])
        if entry is None:                       # the build changed under an old session
            state.update(new_state())
            return state, Plan("no_match", suggestions=self.popular())
        state["intent"] = intent
        if isinstance(entry, Bundle):
            options = [{"id": m.matter, "label": self._name(m.matter)} for m in entry.members]
            state["pending"] = {"kind": "member", "options": options}
            return state, Plan("bundle", entry=entry, asked="guide", options=options)
        prefilled = []
        if message:
            prefilled = self._prefill(entry, state, message)
        if intent in ("guide", "materials") and not state["show_all"]:
            situation = next_situation(entry, state["chosen"])
            if situation is not None:
                options = [{"id": o.id, "label": o.label} for o in situation.options] + [SKIP_OPTION]
                state["pending"] = {"kind": "situation", "situation": situation.id, "options": options}
                return state, Plan("situation", entry=entry, asked=f"situation:{situation.id}", options=options,
                                   chosen=dict(state["chosen"]), situation_question=situation.question,
                                   prefilled=prefilled)
        return state, Plan("answer", entry=entry, asked=intent, chosen=dict(state["chosen"]),
                           show_all=state["show_all"] or not state["chosen"] and bool(entry.situations),
                           prefilled=prefilled)

    def _prefill(self, matter: Matter, state: dict, message: str) -> list[str]:
        """Answer situation questions the question already answers ("租房提取公积金" -> reason=rent)."""
        # words of the matter's own name ("失业" in 失业保险金申领) say nothing about the situation
        words = {w for w in self.guide.pipeline.analyze(message).words if len(w) >= 2 and w not in matter.name}
        labels = []
        for situation in matter.situations:
            if situation.id in state["chosen"] or not situation.relevant(state["chosen"]):
                continue
            scored = []
            for option in situation.options:
                label_words = {w for w in self.guide.pipeline.analyze(option.label).words if len(w) >= 2}
                scored.append((len(words & label_words), option))
            best = max(n for n, _ in scored)
            winners = [o for n, o in scored if n == best]
            if best >= 1 and len(winners) == 1:
                state["chosen"] = {**state["chosen"], situation.id: winners[0].id}
                labels.append(winners[0].label)
        return labels

    def _is_follow_up(self, message: str) -> bool:
        """Nothing left once intent, weak and pointing words are removed: it asks about the current topic."""
        rest = normalize(message)
        for word in _FILLER_WORDS:
            rest = rest.replace(word, "")
        content = [ch for ch in rest if ch.isalnum() and ch not in _FILLER_CHARS]
        return len(content) < 2

    def _name(self, entry_id: str) -> str:
        entry = self.guide.get(entry_id)
        return entry.name if entry else entry_id

    # ------------------------------------------------------------ suggestions

    def popular(self) -> list[dict]:
        if self._popular is None:
            found = []
            for name in self._popular_names:
                hits = self.guide.search(name, k=1).hits
                if hits and hits[0].name == name:
                    found.append({"id": hits[0].id, "label": hits[0].name})
            self._popular = found
        return list(self._popular)

    def _no_match_suggestions(self, result) -> list[dict]:
        """Close matters when the question shares real words with them, else popular ones."""
        if result.signals.lexical_strength >= 0.3 and result.hits:
            return [{"id": h.id, "label": h.name} for h in result.hits[:3]]
        return self.popular()


def next_situation(matter: Matter, chosen: dict):
    """The next unanswered question that applies now and changes the material list."""
    used = {w.split(".", 1)[0] for m in matter.materials for w in (*m.when, *m.when_all)}
    for situation in matter.situations:
        if situation.id in chosen or situation.id not in used or not situation.relevant(chosen):
            continue
        return situation
    return None


def ordinal(message: str) -> int | None:
    """0-based index from "2", "②", "第二个", "那第二个呢"; None if the message is not an ordinal."""
    text = normalize(message or "").strip().strip("。.!！?？ ").lstrip("那这就").rstrip("呢吧吗啊")
    if text in CIRCLED and text:
        return CIRCLED.index(text)
    match = _ORDINAL_RE.match(text)
    if not match:
        return None
    digit = match.group(1)
    return int(digit) - 1 if digit.isdigit() else CN_DIGITS.index(digit)


def resolve_option(message: str, options: list[dict], pipeline) -> str | None:
    """A typed answer to offered options: "2", "②", "第二个", or (part of) an option's label."""
    text = normalize(message).strip().rstrip("。.!！?？")
    if not text or not options:
        return None
    index = ordinal(text)
    if index is not None:
        return options[index]["id"] if index < len(options) else None
    labels = [normalize(o["label"]) for o in options]
    exact = [o["id"] for o, label in zip(options, labels) if text == label]
    if exact:
        return exact[0]
    if len(text) > 12:
        return None                 # a long message is a new question, not an answer
    contained = [o["id"] for o, label in zip(options, labels) if text in label or label in text]
    if len(contained) == 1:
        return contained[0]
    words = {w for w in pipeline.analyze(text).words if len(w) >= 2}
    if not words:
        return None
    scored = [(len(words & {w for w in pipeline.analyze(label).words}), o["id"]) for o, label in zip(options, labels)]
    best = max(n for n, _ in scored)
    winners = [oid for n, oid in scored if n == best]
    return winners[0] if best >= 1 and len(winners) == 1 else None
