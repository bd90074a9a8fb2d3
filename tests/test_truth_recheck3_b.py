"""Facts corrected by the third independent 10% re-check, part B (docs/recheck3-b.md).

Sample: 41 of 403 matters, random.seed(20261201 * 3); this file covers part B (MZ-001 … RS-068).
Each test pins one corrected fact against the statute text it comes from, so it fails if the old
content comes back.
"""


from tests.truth_helpers import matter

# --- RS-032 职业技能等级认定: 《山东省就业促进条例》第五十二条, 《社会保险经办条例》第二十四条第三款 ------


def test_rs032_subsidy_faq_keeps_each_subsidy_on_its_own_article(catalog):
    m = matter(catalog, "370100-RS-032")
    faq = next(f for f in m.faq if "技能等级证书" in f.q)
    # 经办条例 art. 24(3): training and similar subsidies are claimed with a 职业资格证书 or a
    # 职业技能等级证书, reviewed and settled in 10 working days
    assert "社会保险经办条例" in faq.a and "职业技能等级证书" in faq.a
    assert "10个工作日" in faq.a
    # 山东省就业促进条例 art. 52: the 鉴定补贴 goes to people who obtained a 职业资格证书 after training
    assert "经过培训取得职业资格证书" in faq.a
    # the old answer tied the 鉴定补贴 and the 技能提升补贴 to the level certificate with no basis
    assert "可按规定申领职业技能鉴定补贴、技能提升补贴等" not in faq.a
    src = next(s for s in m.sources if s.law == "《社会保险经办条例》")
    assert src.article == "第二十四条第三款" and "faq" in src.covers
    assert any("社会保险经办条例" in b and "第二十四条" in b for b in m.legal_basis)
    assert "职业技能鉴定补贴等" not in m.summary
