"""Facts corrected by the fourth independent 10% re-check, part C (docs/recheck4-c.md).

Sample: 41 of 403 matters, random.seed(20261201 * 4); part C covers 13 ids (SW-011 ... ZRZY-010).
Each test pins one corrected fact against the statute text it comes from, so it fails if the old
content comes back.
"""


from tests.truth_helpers import matter

# --- ZRZY-010 不动产变更登记: 《不动产登记暂行条例》第十四条第二款第（四）项 -----------------------------

def test_zrzy010_id_number_change_is_not_credited_to_article_14(catalog):
    m = matter(catalog, "370100-ZRZY-010")
    faq = next(f for f in m.faq if "身份证号" in f.q)
    # art. 14(2)(4) names only a change of the holder's name or the property's natural state;
    # the ID-number case comes from the 实施细则, which the answer now names
    assert "第十四条" in faq.a and "身份证明号码" in faq.a
    assert "实施细则" in faq.a
    # the old answer gave the ID-number rule as the 条例's own single-party rule
    assert "权利人身份证明号码与登记簿不一致的，可由权利人单方申请变更登记" not in faq.a
    src = next(s for s in m.sources if "第十四条" in s.article)
    assert "faq" in src.covers
    assert "实施细则" in (src.note or "")
    assert any("实施细则" in b for b in m.legal_basis)


# --- SW-012 代开增值税发票: 《发票管理办法》（2023年修订）第十六条第一款 ------------------------------------

def test_sw012_tax_is_paid_first_only_where_tax_is_due(catalog):
    m = matter(catalog, "370100-SW-012")
    step = next(p for p in m.process if p.startswith("缴税"))
    # art. 16(1): the tax office collects first only where tax law makes tax due
    assert "依法应当缴纳税款的" in step
    assert "申请人先缴纳税款。" not in step
    src = next(s for s in m.sources if s.article == "第十六条")
    assert "process" in src.covers


# --- SW-016 耕地占用税申报: 《耕地占用税法》第二条第二款、第十二条第三款 --------------------------------------

def test_sw016_farm_facility_exemption_is_for_non_arable_farmland_only(catalog):
    m = matter(catalog, "370100-SW-016")
    rule = next(c for c in m.conditions if "直接为农业生产服务的生产设施" in c)
    # art. 2(2): on arable land only farmland water works are untaxed; art. 12(3): farm production
    # facilities are untaxed only on the farmland of art. 12(1), i.e. land other than arable land
    assert "农田水利设施的，不缴纳" in rule
    assert "耕地以外的农用地" in rule and "不适用于占用耕地" in rule
    # the old wording let any farmland, arable land included, use the facility exemption
    assert "以及占用农用地建设直接为农业生产服务的生产设施的" not in rule
    src = next(s for s in m.sources if s.article == "第十条至第十二条")
    assert "conditions" in src.covers
