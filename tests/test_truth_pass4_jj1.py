"""Facts corrected by the fourth pass over JJ-001..030 and WJ (docs/pass4-jj1.md).

Each test pins one corrected fact against the article it comes from, so it fails if the old
content comes back.
"""


from tests.truth_helpers import matter


def _cited(m, article):
    return any(article in s.article for s in m.sources)


# --- JJ-001 / JJ-002: the photo is no listed paper of 驾驶证规定 arts. 63, 69 ---------------------

def test_jj001_jj002_photo_credited_as_practice(catalog):
    for mid in ("370100-JJ-001", "370100-JJ-002"):
        photo = next(x for x in matter(catalog, mid).materials if "照片" in x.name)
        assert "实践" in photo.notes, mid


# --- JJ-002 遗失补证: art. 69 sets no validity condition -----------------------------------------

def test_jj002_replacement_not_conditioned_on_valid_licence(catalog):
    m = matter(catalog, "370100-JJ-002")
    assert not any(c.startswith("驾驶证处于有效期内") for c in m.conditions)
    assert any("第六十九条未设此条件" in c for c in m.conditions)


# --- JJ-003 注册登记: 登记规定 arts. 13, 43, 46, 47 -----------------------------------------------

def test_jj003_temp_plate_numbers_and_transport_licence_are_sourced(catalog):
    m = matter(catalog, "370100-JJ-003")
    assert _cited(m, "第四十三条") and _cited(m, "第四十六条") and _cited(m, "第十三条")
    assert any("道路运输许可" in c and "单位" in c for c in m.conditions)
    step = next(p for p in m.process if "临时行驶车号牌" in p)
    assert "三十日" in step


# --- JJ-004 转让登记: number selection, art. 43 ----------------------------------------------------

def test_jj004_number_selection_sourced(catalog):
    m = matter(catalog, "370100-JJ-004")
    src = next(s for s in m.sources if "第四十三条" in s.article)
    assert "process" in src.covers


# --- JJ-005 检验合格标志: art. 54(2) accepts a 车船税 exemption certificate --------------------------

def test_jj005_tax_exempt_vehicles_not_excluded(catalog):
    m = matter(catalog, "370100-JJ-005")
    assert any("车船税" in c and "免税" in c for c in m.conditions)


# --- JJ-008 / JJ-011 / JJ-012: art. 18 bars for bus/truck classes --------------------------------

def test_art18_bars_named_for_heavy_classes(catalog):
    for mid in ("370100-JJ-008", "370100-JJ-011", "370100-JJ-012"):
        m = matter(catalog, mid)
        assert any("第十八条" in c and "醉酒" in c for c in m.conditions), mid
        assert _cited(m, "第十八条"), mid


def test_jj012_art15_refusals_named(catalog):
    m = matter(catalog, "370100-JJ-012")
    assert any("不得申领驾驶证" in c and "第十五条" in c for c in m.conditions)


# --- JJ-010 增驾: art. 76 probation only on a first car-class or motorcycle-class licence ---------

def test_jj010_probation_not_for_every_added_class(catalog):
    m = matter(catalog, "370100-JJ-010")
    assert "增加的车型有12个月实习期" not in m.result
    assert "初次取得汽车类或摩托车类" in m.result
    assert "普通二轮摩托车增驾普通三轮摩托车" in " ".join(m.process)   # art. 30(4)


# --- JJ-012 境外驾驶证: art. 60 half-hour lesson before the oath ----------------------------------

def test_jj012_half_hour_lesson_before_oath(catalog):
    m = matter(catalog, "370100-JJ-012")
    step = next(p for p in m.process if p.startswith("领证"))
    assert "半小时" in step and "宣誓" in step
    src = next(s for s in m.sources if s.article == "第六十条")
    assert "process" in src.covers


# --- JJ-015 转入换证: art. 64 has no "长期"; art. 73(2),(3) at the review --------------------------

def test_jj015_review_duties_and_no_long_term_qualifier(catalog):
    m = matter(catalog, "370100-JJ-015")
    assert "长期居住" not in m.summary
    assert any("三小时" in c and "能力测试" in c for c in m.conditions)


# --- JJ-028 变更登记: art. 13 transport permit for a change of use ------------------------------

def test_jj028_use_change_needs_transport_permit(catalog):
    m = matter(catalog, "370100-JJ-028")
    assert any("使用性质" in c and "道路运输许可" in c for c in m.conditions)
    assert _cited(m, "第十三条")


# --- WJ-001 出生医学证明: 民法典 art. 1015 ---------------------------------------------------------

def test_wj001_surname_rule_sourced_with_exceptions(catalog):
    m = matter(catalog, "370100-WJ-001")
    cond = next(c for c in m.conditions if "姓氏" in c)
    assert "直系长辈血亲" in cond and "第一千零一十五条" in cond
    assert any(s.article == "第一千零一十五条" for s in m.sources)


# --- WJ-003 公共场所卫生许可: 条例第八条 exempts parks, stadiums, public transport ---------------

def test_wj003_art8_exemption_not_presented_as_abolished(catalog):
    m = matter(catalog, "370100-WJ-003")
    assert "第八条本就无需" in m.conditions[0]


# --- JJ-005 检验合格标志: the "violations first" rule is art. 54's, not art. 55's ---------------

def test_jj005_violation_rule_limited_to_inspected_vehicles(catalog):
    m = matter(catalog, "370100-JJ-005")
    cond = next(c for c in m.conditions if "处理完毕" in c)
    assert "第五十四条" in cond and "第五十五条未列" in cond


# --- JJ-023 校车驾驶资格: art. 90 adds accident-case warning education to the 3-hour study ---------

def test_jj023_review_includes_warning_education(catalog):
    m = matter(catalog, "370100-JJ-023")
    assert any("三小时" in c and "警示教育" in c for c in m.conditions)
