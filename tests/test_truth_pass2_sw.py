"""Facts corrected by the second full pass over SW, SCJG, CG, GY, JT, WL (helper pass2-sw,
docs/pass2-sw.md, issue 16).

Each test pins one corrected fact against the article it comes from, so it fails if the old
content comes back.
"""


from tests.truth_helpers import matter


def _text(m):
    return "\n".join(m.conditions)


def _articles(m, law_part):
    return "、".join(s.article for s in m.sources if law_part in (s.law or ""))


# --- SW-004 契税申报: 契税法第九条 -----------------------------------------------------------------

def test_sw004_duty_also_arises_on_other_contract_like_papers(catalog):
    m = matter(catalog, "370100-SW-004")
    rule = next(c for c in m.conditions if "纳税义务" in c)
    # art. 9: the day of signing the contract OR of obtaining a paper of contract character
    assert "合同性质" in rule and "取得该凭证当日" in rule


# --- SW-010 个人出租房屋税费申报: 个人所得税法第十三条第二款 --------------------------------------------

def test_sw010_unwithheld_rent_tax_is_due_by_30_june(catalog):
    m = matter(catalog, "370100-SW-010")
    rule = next(c for c in m.conditions if "代扣代缴" in c)
    assert "次月15日内" in rule
    # art. 13(2): the payer did not withhold -> pay by 30 June of the next year
    assert "扣缴义务人未扣缴" in rule and "次年6月30日前" in rule


# --- SW-013 房产税申报: 房产税暂行条例第三条第二款 --------------------------------------------------

def test_sw013_no_original_value_is_assessed_by_comparison(catalog):
    m = matter(catalog, "370100-SW-013")
    rule = next(c for c in m.conditions if "余值" in c)
    assert "没有房产原值" in rule and "参考同类房产核定" in rule


# --- SW-017 印花税申报: 印花税法第六条 --------------------------------------------------------------

def test_sw017_unstated_amount_falls_back_to_settled_amount_then_market_price(catalog):
    m = matter(catalog, "370100-SW-017")
    rule = next(c for c in m.conditions if c.startswith("计税依据"))
    assert "实际结算金额" in rule and "市场价格" in rule
    assert "第六条" in _articles(m, "印花税法")


# --- SW-019 城乡居民基本养老保险费缴纳: 社会保险法第二十条至第二十二条 (kind d) -------------------------

def test_sw019_place_of_registration_is_not_credited_to_the_statute(catalog):
    m = matter(catalog, "370100-SW-019")
    rule = next(c for c in m.conditions if "参保登记" in c)
    # arts. 20-22 name no place of registration: the 户籍地 rule is policy, said so
    assert rule != "已在户籍地办理城乡居民基本养老保险参保登记。"
    assert "政策" in rule and "未规定" in rule


# --- SW-021 增值税及附加税费申报: 征管法第二十六条、增值税法第三十一条 ---------------------------------

def test_sw021_other_filing_routes_and_prepayment_for_short_periods(catalog):
    m = matter(catalog, "370100-SW-021")
    step = m.process[0]
    # 征管法 art. 26: in person at the tax office, by post or other means, not only online
    assert "办税服务厅" in step and "邮寄" in step
    rule = next(c for c in m.conditions if "计税期间" in c)
    # 增值税法 art. 31: 10/15-day periods prepay within 5 days of the period's end
    assert "5日内预缴" in rule
    assert "第三十一条" in _articles(m, "增值税法")


# --- SW-032 个人所得税APP注册和实名认证: 个人所得税法第十五条 (kind d) ---------------------------------

def test_sw032_registration_methods_are_not_credited_to_art_15(catalog):
    m = matter(catalog, "370100-SW-032")
    src = next(s for s in m.sources if s.article == "第十五条")
    # art. 15 only makes the police etc. help confirm identity; it does not give the two methods
    assert "conditions" not in src.covers
    assert "不是该条内容" in (src.note or "")


# --- SCJG-008 个体工商户设立登记: 促进个体工商户发展条例第六条、登记管理条例第九条 (kind d) ------------

def test_scjg008_family_operator_rule_is_not_credited_to_the_regulations(catalog):
    m = matter(catalog, "370100-SCJG-008")
    text = _text(m)
    assert "以主持经营的家庭成员为经营者" not in text
    # art. 9(6): the names of family members taking part are filed (备案)
    assert "家庭成员姓名" in text and "备案" in text
    assert "第九条" in _articles(m, "市场主体登记管理条例》")


# --- SCJG-012 有限责任公司变更登记: 市场主体登记管理条例第二十四条第二款 ---------------------------------

def test_scjg012_changes_needing_approval_are_filed_within_the_approval_validity(catalog):
    m = matter(catalog, "370100-SCJG-012")
    rule = next(c for c in m.conditions if "30日内申请变更登记" in c)
    assert "须经批准" in rule and "批准文件有效期内" in rule


# --- SCJG-014 企业简易注销登记: 公司法第二百四十条第三款 (kind c) --------------------------------------

def test_scjg014_joint_liability_is_stated_for_company_shareholders(catalog):
    m = matter(catalog, "370100-SCJG-014")
    faq = next(f for f in m.faq if "承诺不实" in f.q)
    assert "公司" in faq.a and "股东" in faq.a and "第二百四十条" in faq.a
    assert "投资人要对注销前的债务承担连带责任" not in faq.a


# --- SCJG-017 第二类医疗器械经营备案: 医疗器械经营监督管理办法第九条、第二十七条 -------------------------

def test_scjg017_warehouse_rule_credited_and_own_product_exemption_given(catalog):
    m = matter(catalog, "370100-SCJG-017")
    text = _text(m)
    # the "no own warehouse" allowance is not in 条例 art. 40 / 办法 art. 9 (kind d)
    assert "（全部委托第三方物流贮存的可不设库房）" not in text
    assert "非条例、办法条文" in text
    # 办法 art. 27: registrants selling their own products at their address need no filing (kind b)
    assert "注册人、备案人" in text and "第二十七条" in text
    assert "第二十七条" in _articles(m, "医疗器械经营监督管理办法")


# --- SCJG-020 农民专业合作社设立登记: 农民专业合作社法第二十条第二款 (kind c) ---------------------------

def test_scjg020_five_percent_cap_applies_above_20_members(catalog):
    m = matter(catalog, "370100-SCJG-020")
    rule = next(c for c in m.conditions if "80%" in c)
    assert "超过20人的" in rule and "20人以上的" not in rule


# --- SCJG-021 食品生产许可: 山东省食品小作坊小餐饮和食品摊点管理条例第十九条 (kind c) -------------------

def test_scjg021_workshop_route_excludes_the_barred_food_classes(catalog):
    m = matter(catalog, "370100-SCJG-021")
    rule = next(c for c in m.conditions if "小作坊" in c)
    assert "乳制品" in rule and "酒类" in rule and "食品添加剂" in rule and "第十九条" in rule
    assert "第十九条" in _articles(m, "山东省食品小作坊")


# --- CG-001 城市建筑垃圾处置核准: 济南市城市建筑垃圾管理条例第十二条、第二十一条 -------------------------

def test_cg001_emergency_discharge_and_landowner_consent(catalog):
    m = matter(catalog, "370100-CG-001")
    text = _text(m)
    # art. 21: emergencies need no prior approval; filing within 3 working days after
    assert "抢险、救灾" in text and "3个工作日内" in text and "备案" in text
    # art. 12: a temporary landfill needs the owner's consent
    assert "经产权单位或个人同意" in text
    assert "第二十一条" in _articles(m, "建筑垃圾")


# --- CG-002 店铺招牌及户外广告设施设置: 济南市户外广告和牌匾标识管理条例第十四条 (kind c) -----------------

def test_cg002_list_of_banned_zones_includes_moat_and_spring_parks(catalog):
    m = matter(catalog, "370100-CG-002")
    rule = next(c for c in m.conditions if "禁止设置户外广告" in c)
    assert "护城河沿岸" in rule and "泉水公园" in rule and "公益广告除外" in rule


# --- JT-001 道路货物运输经营许可: 道路运输条例第二十二条第三项 (kind c) -------------------------------

def test_jt001_small_vehicle_drivers_need_no_exam(catalog):
    m = matter(catalog, "370100-JT-001")
    rule = next(c for c in m.conditions if "驾驶人员" in c)
    assert "4500千克及以下" in rule and "不需要该考试" in rule
    faq = next(f for f in m.faq if "驾驶员" in f.q)
    assert "4500千克及以下" in faq.a


# --- JT-002 / JT-003 网约车驾驶员证、运输证: 行政许可法第四十二条第一款 --------------------------------

def test_jt002_jt003_art_42_extension_is_given(catalog):
    for mid in ("370100-JT-002", "370100-JT-003"):
        note = matter(catalog, mid).time_limit.note
        assert "延长10个工作日" in note, mid
    note = matter(catalog, "370100-JT-002").time_limit.note
    # exam time is not an art. 45 exclusion; it is credited to the driver rules instead
    assert "不是《行政许可法》第四十五条" in note
