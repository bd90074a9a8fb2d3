"""Facts corrected by the fourth full pass over the SCJG (市场监管) and SW (税务) matters
(docs/pass4-sw.md).

Each test pins one corrected fact against the article it comes from, so it fails if the old
content comes back.
"""


from tests.truth_helpers import matter


def _source_articles(m, law_part):
    return " ".join(s.article or "" for s in m.sources if law_part in (s.law or ""))


# --- SCJG-001 食品经营许可（新办）: 《行政许可法》第三十二条、第五十条 --------------------------------

def test_scjg001_acceptance_step_and_renewal_faq_are_cited(catalog):
    m = matter(catalog, "370100-SCJG-001")
    step = next(p for p in m.process if p.startswith("受理"))
    assert "5日内一次告知" in step
    arts = _source_articles(m, "行政许可法")
    assert "第三十二条" in arts and "第五十条" in arts


# --- SCJG-006 / SCJG-007 / SCJG-008: 《食品安全法》第三十五条 --------------------------------------

def test_scjg006_007_008_licence_duty_cites_food_safety_law_art35(catalog):
    for mid in ("370100-SCJG-006", "370100-SCJG-007", "370100-SCJG-008"):
        m = matter(catalog, mid)
        assert "第三十五条" in _source_articles(m, "食品安全法"), mid


def test_scjg007_fixed_site_definition_cites_art2(catalog):
    m = matter(catalog, "370100-SCJG-007")
    assert "第二条" in _source_articles(m, "山东省食品小作坊")


# --- SCJG-011 有限责任公司设立登记: 《公司法》第六十八条 ---------------------------------------------

def test_scjg011_board_has_three_or_more_members(catalog):
    m = matter(catalog, "370100-SCJG-011")
    cond = next(c for c in m.conditions if "设董事会" in c)
    assert "三人以上" in cond
    assert "第六十八条" in _source_articles(m, "公司法")


# --- SCJG-012 有限责任公司变更登记: 《公司法》第二百二十四条 -----------------------------------------

def test_scjg012_capital_reduction_needs_creditor_notice(catalog):
    m = matter(catalog, "370100-SCJG-012")
    cond = next(c for c in m.conditions if c.startswith("减少注册资本"))
    assert "10日内通知债权人" in cond and "资产负债表" in cond
    assert "第二百二十四条" in _source_articles(m, "公司法")


# --- SCJG-013 公司一般注销: 《市场主体登记管理条例》第三十四条 --------------------------------------

def test_scjg013_court_route_cites_art34(catalog):
    m = matter(catalog, "370100-SCJG-013")
    assert "第三十四条" in _source_articles(m, "市场主体登记管理条例")


# --- SCJG-016 药品零售企业经营许可: 《医疗器械监督管理条例》第四十一条 -------------------------------

def test_scjg016_device_faq_keeps_exemption_and_cites_regulation(catalog):
    m = matter(catalog, "370100-SCJG-016")
    faq = next(f for f in m.faq if "医疗器械" in f.q)
    assert "免于备案" in faq.a
    assert any("医疗器械监督管理条例" in (s.law or "") for s in m.sources)


# --- SCJG-018 特种设备使用登记: 《特种设备安全法》第十四条、第二十五条 ---------------------------------

def test_scjg018_staff_qualification_and_inspection_are_cited(catalog):
    m = matter(catalog, "370100-SCJG-018")
    arts = _source_articles(m, "特种设备安全法")
    assert "第十四条" in arts and "第二十五条" in arts
    assert any("取得相应资格" in c for c in m.conditions)


# --- SCJG-020 农民专业合作社设立登记: 《农民专业合作社法》第十四条、第三十三条 -----------------------------

def test_scjg020_chair_is_mandatory_board_optional(catalog):
    m = matter(catalog, "370100-SCJG-020")
    cond = next(c for c in m.conditions if "组织机构" in c)
    assert "理事长或理事会" not in cond
    assert "设理事长一名" in cond and "可以设理事会" in cond
    arts = _source_articles(m, "农民专业合作社法")
    assert "第十四条" in arts and "第三十三条" in arts


# --- SW-001 个人所得税综合所得年度汇算: 《税收征收管理法》第五十一条 -------------------------------------

def test_sw001_missed_refund_is_not_forfeited(catalog):
    m = matter(catalog, "370100-SW-001")
    faq = next(f for f in m.faq if f.q.startswith("不办会怎样"))
    assert "视为放弃退税" not in faq.a
    assert "3年内" in faq.a and "第五十一条" in faq.a
    assert "第五十一条" in _source_articles(m, "税收征收管理法")


# --- SW-003 新办纳税人涉税事项: 征管法实施细则第三十二条; 《增值税法》第九条 ------------------------------

def test_sw003_zero_return_and_small_scale_rule(catalog):
    m = matter(catalog, "370100-SW-003")
    assert "第三十二条" in _source_articles(m, "税收征收管理法实施细则")
    faq = next(f for f in m.faq if "小规模" in f.q)
    assert "一般纳税人登记管理办法" in faq.a


# --- SW-004 契税申报: 《契税法》第七条、第八条 ------------------------------------------------------

def test_sw004_provincial_relief_and_clawback(catalog):
    m = matter(catalog, "370100-SW-004")
    assert any("第七条" in c and "第八条" in c for c in m.conditions)
    arts = _source_articles(m, "契税法")
    assert "第七条" in arts and "第八条" in arts


# --- SW-005 车辆购置税申报: 《车辆购置税法》第七条、第十五条 -------------------------------------------

def test_sw005_assessed_price_and_refund_on_return(catalog):
    m = matter(catalog, "370100-SW-005")
    assert "明显偏低" in m.fee.standard
    faq = next(f for f in m.faq if "退" in f.q and "4S" in f.q)
    assert "每满一年扣减10%" in faq.a
    assert "第十五条" in _source_articles(m, "车辆购置税法")


# --- SW-006 清税证明开具: 《企业所得税法》第五十五条 -----------------------------------------------

def test_sw006_liquidation_income_tax_is_cited(catalog):
    m = matter(catalog, "370100-SW-006")
    assert any("60日内" in c and "清算所得" in c for c in m.conditions)
    assert "第五十五条" in _source_articles(m, "企业所得税法")


# --- SW-010 个人出租房屋税费申报: 《房产税暂行条例》第一条 ----------------------------------------------

def test_sw010_levy_area_cites_art1(catalog):
    m = matter(catalog, "370100-SW-010")
    assert "第一条" in _source_articles(m, "房产税暂行条例")


# --- SW-013 房产税申报: 《房产税暂行条例》第六条 ---------------------------------------------------

def test_sw013_hardship_relief_by_province(catalog):
    m = matter(catalog, "370100-SW-013")
    assert any("确有困难" in c and "第六条" in c for c in m.conditions)
    assert "第六条" in _source_articles(m, "房产税暂行条例")


# --- SW-016 耕地占用税申报: 《耕地占用税法》第五条、第八条 ----------------------------------------------

def test_sw016_clawback_after_relief_and_raised_rate(catalog):
    m = matter(catalog, "370100-SW-016")
    assert any("补缴" in c and "第八条" in c for c in m.conditions)
    assert "0.5亩" in m.fee.standard


# --- SW-021 增值税及附加税费申报: 《增值税法》第八条、第九条; 《城市维护建设税法》第二条、第四条 ----------------

def test_sw021_simple_method_is_an_option_and_surtax_rates(catalog):
    m = matter(catalog, "370100-SW-021")
    cond = next(c for c in m.conditions if c.startswith("小规模纳税人"))
    assert "可以" in cond and "一般计税方法" in cond
    assert "7%" in m.fee.standard and "5%" in m.fee.standard
    assert any("城市维护建设税法" in (s.law or "") for s in m.sources)


# --- SW-025 / SW-026 / SW-029: 征管法实施细则第十八条 (税务登记证件 for 延期申报、延期缴纳、减免税) -----------

def test_sw025_026_029_registration_certificate_required(catalog):
    for mid in ("370100-SW-025", "370100-SW-026", "370100-SW-029"):
        m = matter(catalog, mid)
        assert any("税务登记证件" in x.name for x in m.materials), mid
        assert "第十八条" in _source_articles(m, "税收征收管理法实施细则"), mid


# --- SW-026 延期缴纳税款申请: 《税收征收管理法》第三十一条 (any taxpayer, not only legal persons) ------------

def test_sw026_open_to_individual_taxpayers(catalog):
    m = matter(catalog, "370100-SW-026")
    assert "自然人" in m.subjects and "法人" in m.subjects


# --- SCJG-008 个体工商户设立登记: 《市场主体登记管理条例》第十一条 ------------------------------------

def test_scjg008_no_fixed_site_qualifier_and_online_venue(catalog):
    m = matter(catalog, "370100-SCJG-008")
    assert not any("有固定的经营场所" in c for c in m.conditions)
    assert any("网络经营场所" in c and "第十一条" in c for c in m.conditions)
    premises = next(s for s in m.situations if s.id == "premises")
    assert any(o.id == "online" for o in premises.options)
    assert "第十一条" in _source_articles(m, "市场主体登记管理条例")


# --- SCJG-021 食品生产许可: 《山东省食品小作坊小餐饮和食品摊点管理条例》第十条 ---------------------------

def test_scjg021_workshop_registration_faq_cites_art10(catalog):
    m = matter(catalog, "370100-SCJG-021")
    assert "第十条" in _source_articles(m, "山东省食品小作坊")


# --- SW-014 车船税申报缴纳: 《车船税法实施条例》第十九条、第二十条 ----------------------------------------

def test_sw014_monthly_proration_only_for_new_vehicles(catalog):
    m = matter(catalog, "370100-SW-014")
    cond = next(c for c in m.conditions if c.startswith("纳税义务发生时间"))
    assert "购置的新车船" in cond and "不另纳税" in cond
    assert "购置当年按月计算；" not in cond


# --- SW-033 个人无偿受赠房屋税费申报: 《个人所得税法》第四条 is not the gift rule ------------------------------

def test_sw033_gift_rule_not_credited_to_exemption_article(catalog):
    m = matter(catalog, "370100-SW-033")
    assert "第四条" not in _source_articles(m, "个人所得税法")
    assert "不征收" in m.summary and "免征）" not in m.summary
