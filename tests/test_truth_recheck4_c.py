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
