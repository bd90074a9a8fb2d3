"""Review of the fifth pass's own corrections, parts A and E (docs/review5-ae.md).

Each test pins one fact an introduced error had put wrong, against the statute text it comes from, so it
fails if the error comes back.
"""

from tests.truth_helpers import matter

# --- CG-002 店铺招牌及户外广告设施设置: 《济南市户外广告和牌匾标识管理条例》第二十七条第一款 — a 牌匾标识
# "可以参照" the technical rules of the special plan. Pass 5 made condition 1 say so ("不是必须"), but the
# summary, the process and the FAQ still told the user to set the sign "按条例和技术规范", a duty the
# corrected condition denies. All four fields now give the same "可以参照" rule ----------------------------

_DUTY_WORDINGS = ("按条例规定和技术规范设置", "按条例和技术规范设置", "设置技术规范确定设置方案")


def test_cg002_sign_rule_is_may_follow_in_every_field(catalog):
    m = matter(catalog, "370100-CG-002")
    faq = next(f for f in m.faq if "门头招牌" in f.q)
    fields = {"summary": m.summary, "faq": faq.a}
    fields.update({f"process[{i}]": step for i, step in enumerate(m.process)})
    for where, text in fields.items():
        for wording in _DUTY_WORDINGS:
            assert wording not in text, (where, wording)
    assert "可以参照专项规划中的相关技术规范" in m.summary
    assert "可以参照专项规划中的相关技术规范" in faq.a and "第二十七条第一款" in faq.a and "不设许可" in faq.a
    apply_step = next(p for p in m.process if p.startswith("申请"))
    assert "店招牌匾依照条例第二十七条、第二十八条设置，可以参照" in apply_step
    assert "可以参照" in m.conditions[0] and "不是必须" in m.conditions[0]
