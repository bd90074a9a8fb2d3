"""Errors the fifth pass, part C (docs/pass5-c.md), itself introduced; found and fixed by the review
(docs/review5-c.md). Each test pins the corrected fact so it fails if the introduced error comes back.
"""

from tests.truth_helpers import matter


def _cites(m, law_part, article):
    return [s for s in m.sources if law_part in (s.law or "") and article in (s.article or "")]


# --- JJ-016: 驾驶证规定第八十五条第一款 ties the special-hospital certificate to the BUSINESS of a
# 残疾人专用小型自动挡载客汽车 licence ("办理…驾驶证业务时"), which in a downgrade is the driver who is
# downgraded to that class; the pass wrote "持…驾驶证的", i.e. only present holders ---------------------

def test_jj016_special_hospital_rule_follows_the_business_not_the_licence_held(catalog):
    m = matter(catalog, "370100-JJ-016")
    row = next(x for x in m.materials if x.name == "机动车驾驶人身体条件证明")
    assert "持残疾人专用小型自动挡载客汽车驾驶证的" not in row.source
    assert "办理残疾人专用小型自动挡载客汽车驾驶证业务" in row.source
    assert "省级卫生健康部门认定的专门医疗机构" in row.source
    # the ordinary issuers of art. 85(1) second sentence stay
    assert "二级以上医院" in row.source and "县级、部队团级以上医疗机构" in row.source


# --- JT-001: 行政许可法第五十八条第一款 bars fees "但是，法律、行政法规另有规定的，依照其规定";
# 道路运输条例第八十条 is such a rule (可以收取 a 工本费 for the permit and the 车辆营运证). The pass
# credited 不收费 to art. 58 without the exception ---------------------------------------------------

def test_jt001_fee_keeps_the_article_80_cost_fee_exception(catalog):
    m = matter(catalog, "370100-JT-001")
    assert "第八十条" in m.fee.basis and "工本费" in m.fee.basis
    hits = _cites(m, "道路运输条例", "第八十条")
    assert hits and any("fee" in s.covers for s in hits)
    assert "工本费" in m.notes and "可以" in hits[0].note
