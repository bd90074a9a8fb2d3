"""Facts corrected by the fifth pass, part F (docs/pass5-f.md): RS-067 .. SW-022.

Each test pins one corrected fact against the statute text it comes from, so it fails if the old
content comes back.
"""

from tests.truth_helpers import matter

# --- SCJG-013 有限责任公司注销登记: 市场主体登记管理条例第三十三条第四款 (no simple route after 吊销 etc.);
# 公司法第二百三十九条 (the liquidation report goes to 股东会 or 人民法院) ------------------------------------

def test_scjg013_simple_route_faq_keeps_art33_exclusions(catalog):
    m = matter(catalog, "370100-SCJG-013")
    faq = next(f for f in m.faq if "更快注销" in f.q)
    assert "吊销营业执照" in faq.a and "经营异常名录" in faq.a and "须经批准" in faq.a
    assert "第三十三条第四款" in faq.a


def test_scjg013_liquidation_report_confirmed_by_shareholders_or_court(catalog):
    m = matter(catalog, "370100-SCJG-013")
    names = [x.name for x in m.materials]
    assert "经股东会确认的清算报告" not in names
    assert "经股东会或人民法院确认的清算报告" in names


# --- SW-006 清税证明开具: 企业所得税法第一条第二款 — 个人独资企业、合伙企业 are outside the corporate income tax,
# so the art. 55 liquidation filing does not reach them ---------------------------------------------------

def test_sw006_liquidation_income_tax_not_for_sole_proprietorships_or_partnerships(catalog):
    m = matter(catalog, "370100-SW-006")
    cond = next(c for c in m.conditions if "清算所得" in c)
    assert "企业所得税纳税人" in cond and "个人独资企业、合伙企业不适用" in cond
    row = next(x for x in m.materials if "企业所得税清算申报表" in x.name)
    assert "个人独资企业、合伙企业" in row.notes
    assert any(s.article == "第一条" and "企业所得税法" in s.law for s in m.sources)


# --- SW-016 耕地占用税申报: 耕地占用税法第七条第三款 — the rural-housing FAQ keeps the relocation exemption
# (approved move, area within the old homestead) next to the half rate --------------------------------------

def test_sw016_rural_housing_faq_keeps_relocation_exemption(catalog):
    m = matter(catalog, "370100-SW-016")
    faq = next(f for f in m.faq if "农村盖房子" in f.q)
    assert "减半征收" in faq.a
    assert "经批准搬迁" in faq.a and "不超过原宅基地面积的部分免征" in faq.a


# --- SW-010 个人出租房屋税费申报: 房产税暂行条例第一条 — the FAQ and the fee keep the levy area of 房产税
# (the matter covers rented houses anywhere; income tax applies everywhere) -----------------------------------

def test_sw010_property_tax_faq_and_fee_keep_levy_area(catalog):
    m = matter(catalog, "370100-SW-010")
    faq = next(f for f in m.faq if "自己住的房子" in f.q)
    assert "城市、县城、建制镇或工矿区" in faq.a and "第一条" in faq.a
    assert "不在这些地区的不征房产税" in faq.a
    assert "只对位于城市、县城、建制镇和工矿区的房产征收" in m.fee.standard
