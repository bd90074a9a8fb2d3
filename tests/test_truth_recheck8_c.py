"""Facts corrected by the eighth independent 10% re-check, part C (docs/recheck8-c.md).

Sample: 41 of 403 matters, random.seed(20261201 * 8); part C covers 10 ids (RS, SCJG, SW). Each test
pins one corrected fact against the statute text it comes from, so it fails if the old content comes back.
"""

from tests.truth_helpers import matter

# --- SCJG-005 仅销售预包装食品备案: 食品安全法第三十五条第一款 exempts the sale of 食用农产品 (defined in
# 第二条第二款) from licensing, so "every bulk food needs a licence" is too broad -------------------------

def test_scjg005_bulk_faq_keeps_the_edible_farm_produce_exemption(catalog):
    m = matter(catalog, "370100-SCJG-005")
    faq = next(f for f in m.faq if "散装" in f.q)
    assert "销售散装食品需要申请食品经营许可" not in faq.a
    assert faq.a.startswith("不能")
    assert "食用农产品" in faq.a and "不需要许可" in faq.a
    assert "第三十五条第一款" in faq.a and "第二条第二款" in faq.a
    assert any(s.article == "第二条第二款" and "faq" in s.covers for s in m.sources)


# --- RS-052 社会保障卡信息变更: 社会保险经办条例第七条至第九条 say nothing on re-issuing the card or on
# the materials, so that source must not claim them and the FAQ names where the card rule comes from ----

def test_rs052_articles_7_to_9_do_not_carry_card_reissue_or_materials(catalog):
    m = matter(catalog, "370100-RS-052")
    src = next(s for s in m.sources if s.article == "第七条、第八条、第九条")
    assert "materials" not in src.covers
    assert "没有规定换发新卡和所需材料" in src.note
    faq = next(f for f in m.faq if "改名" in f.q)
    assert "社会保障卡服务机构的规定" in faq.a and "未能在法规库核对" in faq.a
    assert "第九条" in faq.a and "比对核实" in faq.a
