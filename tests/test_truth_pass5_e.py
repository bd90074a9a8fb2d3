"""Facts corrected by the fifth pass, part E (docs/pass5-e.md): 370100-RS-017 … RS-066.

Each test pins one corrected fact against the statute text it comes from, so it fails if the old
content comes back.
"""

from tests.truth_helpers import matter

# --- RS-046 工伤旧伤复发确认: 《工伤保险条例》第三十八条 applies arts. 30, 32, 33; art. 30(2) sends the
# worker to an agreement hospital but lets him go first to the nearest hospital for first aid in an
# emergency ("情况紧急时可以先到就近的医疗机构急救") -------------------------------------------------

def test_rs046_relapse_treatment_keeps_the_emergency_exception(catalog):
    m = matter(catalog, "370100-RS-046")
    faq = next(f for f in m.faq if "复发" in f.q and "待遇" in f.q)
    assert "签订服务协议的医疗机构" in faq.a
    assert "情况紧急时可以先到就近的医疗机构急救" in faq.a and "第三十条第二款" in faq.a
    assert any(s.article == "第三十条、第三十二条、第三十三条" and "faq" in s.covers for s in m.sources)


# --- RS-042 工伤伤残待遇申领: 《工伤保险条例》第三十六条第二款 — grades 5–6 get the one-off medical grant
# only when the worker himself asks to end the relation; 第三十七条第二项 — grades 7–10 when the contract
# expires or the worker ends it ----------------------------------------------------------------------

def test_rs042_summary_limits_the_one_off_medical_grant_to_the_statutory_cases(catalog):
    m = matter(catalog, "370100-RS-042")
    assert "五至十级解除或终止劳动关系时领取" not in m.summary
    assert "五、六级经本人提出" in m.summary
    assert "七至十级劳动（聘用）合同期满终止或本人提出解除" in m.summary


# --- RS-064 集体合同审查: 《山东省劳动合同条例》第四十条第一款 (the vote of the 职工代表大会 / 职工大会)
# is the enterprise route; 第三款 has regional and industry drafts put to the enterprises and workers
# concerned "以适当的方式征求…意见"; the matter's summary includes those contracts ------------------

def test_rs064_regional_and_industry_contracts_have_their_own_route(catalog):
    m = matter(catalog, "370100-RS-064")
    cond = next(c for c in m.conditions if "职工代表大会" in c)
    assert cond.startswith("企业集体合同")
    assert "区域性、行业性集体合同草案" in cond and "第四十条第三款" in cond and "征求有关企业和职工的意见" in cond
    row = next(x for x in m.materials if "职工代表大会" in x.name)
    assert "区域性、行业性" in (row.notes or "")
    src = next(s for s in m.sources if "山东省劳动合同条例" in (s.law or ""))
    assert "materials" in src.covers
