"""Which of several close search hits the question means, before asking the person to choose.

The search calls a question ambiguous when its first two hits score close together. Many such
ties are not real choices for a citizen: "居住证怎么办" ties 居住证签注, 居住证换领和补领 and
居住证申领, but only the plain matter answers a question that names no renewal, replacement or
endorsement; "公积金买房提取" ties the matter with Q&As about the same matter, which are facets of
it, not alternatives. `settle` drops such non-rivals; one survivor is answered directly, several
are offered as a clarifying question (survivors first). Pure functions over catalog entries.
"""
from __future__ import annotations

import re

from guide.text import normalize

# Words of a matter name that only say "get it done" (or the ordinary case: 内地居民离婚登记 is plain
# 离婚登记 beside 涉外…离婚登记), not which service:
# they never make one matter more specific than another.
GENERIC_NAME_WORDS = ("审核确认", "申领", "申请", "办理", "核发", "签发", "发放", "给付", "审核", "确认", "认定",
                      "审批", "登记", "备案", "许可", "个人", "普通", "内地居民", "行为")
_BRACKETS = re.compile(r"[（(][^）)]*[）)]")


def _core(name: str) -> str:
    """A matter name without its generic action words and bracketed notes."""
    text = _BRACKETS.sub("", normalize(name))
    for word in GENERIC_NAME_WORDS:
        text = text.replace(word, "")
    return "".join(ch for ch in text if ch.isalnum())


def named_by_alias(entry, question: str, min_len: int = 1) -> bool:
    """The question contains one of the entry's aliases (or its whole name), of `min_len` or more."""
    norm = normalize(question)
    return any(len(normalize(a)) >= min_len and normalize(a) in norm
               for a in (entry.name, *getattr(entry, "aliases", ())) if a)


def extra(entry, other, question: str) -> set[str]:
    """What `entry`'s name says beyond `other`'s and beyond the question: the characters of its
    specific part that neither holds. Empty when the question names `entry` by an alias."""
    if named_by_alias(entry, question):
        return set()
    norm = normalize(question)
    return {ch for ch in _core(entry.name) if ch not in other.name and ch not in norm}


def refines(entry, base, question: str) -> bool:
    """`entry` is a more specific service than `base` in a way the question never mentions
    (居住证签注 over 居住证申领 for "居住证怎么办"): then it is no rival of `base`."""
    return bool(extra(entry, base, question)) and not extra(base, entry, question)


_ASKING_TAIL = re.compile(r"(?:怎么办理|怎么办|怎么弄|怎么申请|怎么领|怎么|如何办理|如何|咋办|咋弄|咋领|办理|申请|申领|领取"
                          r"|呢|吗|[?？。!！])+$")
_POINTING_HEAD = re.compile(r"^(?:那么|那|还有)")


def _question_core(question: str) -> str:
    return _POINTING_HEAD.sub("", _ASKING_TAIL.sub("", normalize(question)).strip())


def _texts(entry) -> list[str]:
    return [normalize(t) for t in (entry.name, *getattr(entry, "aliases", ()))]


def names_part_of(entry, question: str) -> bool:
    """The whole question, but for how it asks ("怎么办", "那…呢"), is part of the entry's name or
    of an alias: "公积金提取" is 住房公积金提取 itself, "那低保呢" 办低保, not a question about it."""
    core = _question_core(question)
    return len(core) >= 2 and any(core in t for t in _texts(entry))


def named_exactly(entry, question: str) -> bool:
    """A name or alias of the entry is the question and nothing more than words of doing it or of
    the ordinary case: "失业金申领" ~ 领失业金 (not 领失业金期间去世), "结婚登记" ~ 内地居民结婚登记
    (not 恢复结婚登记)."""
    core = _question_core(question)
    if len(core) < 2:
        return False
    for text in _texts(entry):
        if core not in text:
            continue
        rest = _BRACKETS.sub("", text.replace(core, "", 1))
        for word in GENERIC_NAME_WORDS:
            rest = rest.replace(word, "")
        if not rest.strip("领办交取 "):
            return True
    return False


# A bracketed note that says the ordinary, first-time case: 食品经营许可（新办） beside （变更）（延续）（注销）.
NEW_NOTES = ("新办", "首次", "初次", "设立", "新设")


def _note(name: str) -> str:
    found = _BRACKETS.search(normalize(name))
    return found.group(0).strip("（）()") if found else ""


def first_time_of(services, question: str):
    """Of services that differ only in their bracketed note, the one for the first time, when the
    question names none of the other notes ("食品经营许可" -> （新办））; else None."""
    if len(services) < 2 or len({_core(e.name) for _, e in services}) != 1:
        return None
    norm = normalize(question)
    notes = [(_note(e.name), h) for h, e in services]
    if any(note and note in norm for note, _ in notes):
        return None
    new = [h for note, h in notes if any(w in note for w in NEW_NOTES)]
    return new[0] if len(new) == 1 else None


def settle(hits, get, question: str, margin: float, policy_form: bool) -> list:
    """The hits that remain real alternatives for the question, best first.

    `hits` are the search hits (best first), `get` looks an entry up, `margin` is the search's
    ambiguity margin: only hits within it of the first compete. Returns [hit] when the question
    plainly means one entry; otherwise the rivals within the margin (possibly several)."""
    if not hits:
        return []
    top = hits[0]
    top_entry = get(top.id)
    window = [h for h in hits if h.score >= top.score * (1 - margin)]
    if not policy_form:
        services_in = [h for h in window if h.kind != "qa" and get(h.id) is not None]
        exact = [h for h in services_in if named_exactly(get(h.id), question)]
        named = exact if exact else [h for h in services_in if names_part_of(get(h.id), question)]
        if len(named) == 1:
            return named
        # "新房办证，房子在我一个人名下": the one entry an alias of which the question says whole
        aliased = [h for h in services_in if named_by_alias(get(h.id), question, min_len=3)]
        if len(aliased) == 1 and not named:
            return aliased
    if top.kind == "qa" and not policy_form:
        # "申请医疗救助": Q&As about a matter in the tie are facets of it, not other services
        matters = {h.id for h in window if h.kind != "qa"}
        facets = [h for h in window if h.kind == "qa" and matters & set(getattr(get(h.id), "related", ()))]
        if facets:
            window = [h for h in window if h not in facets]
            top = window[0]
            top_entry = get(top.id)
    if top.kind == "qa" and policy_form and top_entry is not None:
        # "老人去世了多长时间内要去销户口": the rule's Q&A and the matter it links are one topic,
        # the Q&A answering and offering the matter as the next step: no choice between them
        linked = set(getattr(top_entry, "related", ()))
        window = [h for h in window if h is top or h.id not in linked]
    if top.kind == "qa" or top_entry is None:
        return window
    members = {m.matter for m in getattr(top_entry, "members", ())}
    if members:
        # a life event first: its own members are steps of it, not alternatives to it
        window = [h for h in window if h.id not in members]
    services, others = [], []
    for hit in window:
        entry = get(hit.id)
        if entry is None:
            continue
        if hit.kind == "qa":
            # a Q&A about the top matter is a facet of it; for a service question Q&As never compete
            if top.id in getattr(entry, "related", ()) or not policy_form:
                continue
            others.append(hit)
        else:
            services.append((hit, entry))
    first = first_time_of(services, question) if not others else None
    if first is not None:
        return [first]
    plainest = [(h, e) for h, e in services
                if all(o is e or refines(o, e, question) for _, o in services)]
    if len(plainest) == 1 and not others:
        return [plainest[0][0]]
    if len(services) == 1 and not others:
        return [services[0][0]]
    return [h for h, _ in services] + others
