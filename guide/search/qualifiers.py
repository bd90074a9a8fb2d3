"""Sub-item qualifiers: which of a service's near-twin items the question asks for.

A real catalog lists one service as several items that differ by one word of the name:
首次办理 / 换发 / 补发 外国人永久居留身份证, 保安员证核发(初次申领 / 遗失补发 / 信息变更), and a
"进度查询" beside each application. Their texts share nearly every gram, so the retrievers rank
them by noise; the question's cue ("第一次", "丢了", "快到期了", "进度") is what tells them apart.
After fusion, an item whose name carries the qualifier the question asks for is raised, an item
carrying another qualifier of the same family is lowered, and a progress query is lowered when
the question does not ask about progress. Items with no qualifier (the service as a whole) keep
their score; a question that names none lowers only progress queries and follow-on procedures (an
extension, an objection to a decision), which nobody asks for without saying so.
"""
from __future__ import annotations

from collections.abc import Sequence

# Each dimension is a set of exclusive qualifiers: family -> (marks in an item's name, cues in a
# question). Marks are the catalog's own words; cues are how citizens say the same thing.
ACTION = {
    "first": (("首次", "初次", "新办"),
              ("第一次", "首次", "初次", "头一次", "头一回", "新办", "没办过", "从没办过")),
    "lost": (("补发", "补领", "补办", "补证", "遗失"),
             ("丢", "遗失", "补办", "补领", "补发", "补证", "找不到", "找不着", "找不见", "被偷", "弄没了")),
    "renew": (("换发", "换领", "期满换证", "到期换证", "延续"),      # a licence's 延续 is its renewal
              ("过期", "到期", "期满", "换发", "换领", "换新证", "延续")),
    "extend": (("延期",),
               ("延期", "延长", "续期")),
    "objection": (("异议", "复核", "复查"),
                  ("异议", "复核", "复查", "不服", "不同意")),
}
DESTINATION = {
    "hkmo": (("港澳",), ("香港", "澳门", "港澳", "赴港", "去港", "赴澳")),
    "taiwan": (("台湾", "港澳台"), ("台湾", "赴台", "去台", "来台")),
}
# 异地转移接续 beside 市内账户转移, 异地就医备案: citizens say 外地 or 老家 for another city.
PLACE = {
    "elsewhere": (("异地", "跨省", "跨市"),
                  ("外地", "异地", "外省", "外市", "省外", "市外", "跨省", "跨市", "跨城", "老家", "别的城市", "其他城市")),
    "local": (("市内",), ("市内", "本市", "同城", "同一个城市")),
}
DIMENSIONS: tuple[dict[str, tuple[tuple[str, ...], tuple[str, ...]]], ...] = (ACTION, DESTINATION, PLACE)
# Follow-on procedures a question asks for only in so many words: without a cue, "乡村建设规划许可证
# 怎么办" is not its 延期使用 and "能申请法律援助吗" is not the review of a refusal.
UNASKED_LOWER = frozenset({"extend", "objection"})
PROGRESS = (("进度",), ("进度", "办到哪", "到哪一步", "办好了没", "办好没"))


def _families(text: str, which: int) -> frozenset[str]:
    found = {family for table in DIMENSIONS for family, words in table.items()
             if any(w in text for w in words[which])}
    if any(w in text for w in PROGRESS[which]):
        found.add("progress")
    return frozenset(found)


def name_marks(name: str) -> frozenset[str]:
    """The qualifier families an item's name carries ("progress" for a progress query)."""
    return _families(name, 0)


def asked(question: str) -> frozenset[str]:
    """The qualifier families a question's wording asks for."""
    return _families(question, 1)


def qualifier_factor(marks: frozenset[str], wanted: frozenset[str], boost: float, penalty: float) -> float:
    """Score factor of one item. A progress query nobody asked about gets `penalty` (it is never
    the service itself); otherwise, per dimension, `boost` when the item carries an asked family,
    `penalty` when it carries only others, and for a question naming none, `penalty` when it
    carries only follow-on ones (UNASKED_LOWER). 1 without marks."""
    if not marks:
        return 1.0
    if "progress" in marks and "progress" not in wanted:
        return penalty
    factor = boost if "progress" in marks else 1.0
    for table in DIMENSIONS:
        have = marks & table.keys()
        if not have:
            continue
        want = wanted & table.keys()
        if want:
            factor *= boost if have & want else penalty
        elif have <= UNASKED_LOWER:        # no cue: an extension or an objection is not what was asked
            factor *= penalty
    return factor


def weigh_qualifiers(fused: list[tuple[int, float]], marks: Sequence[frozenset[str]], question: str,
                     boost: float, penalty: float) -> list[tuple[int, float]]:
    """Fused rows re-weighed by qualifier_factor and re-sorted (score desc, then row, as fused);
    the same list when the weights are off."""
    if boost == 1.0 and penalty == 1.0:
        return fused
    wanted = asked(question)
    scaled = [(row, score * qualifier_factor(marks[row], wanted, boost, penalty)) for row, score in fused]
    return sorted(scaled, key=lambda rs: (-rs[1], rs[0]))
