"""Facts corrected by the full catalog pass over GJJ, YB and ZRZY (docs/pass-gjj.md, issue 16).

Each test pins one corrected fact against the article it comes from, so it fails if the old
content comes back.
"""

from tests.truth_helpers import matter, names, option_label

# --- GJJ: 《住房公积金管理条例》(2019) ---------------------------------------------------------


def test_gjj001_disability_ground_is_a_situation_with_its_papers(catalog):
    # art. 24(1)(3): complete loss of working ability AND end of the labour relation
    m = matter(catalog, "370100-GJJ-001")
    label = option_label(m, "reason", "disabled")
    assert "完全丧失劳动能力" in label and "终止劳动关系" in label
    listed = names(m, {"reason": "disabled"})
    assert "完全丧失劳动能力的劳动能力鉴定结论" in listed
    assert "与单位解除（终止）劳动关系的证明" in listed


def test_gjj001_unit_proof_of_art25_is_not_called_repealed(catalog):
    # art. 25(1): the employer verifies and issues the withdrawal proof; it is in force
    m = matter(catalog, "370100-GJJ-001")
    assert any("单位核实" in p and "提取证明" in p for p in m.process)
    assert "原规定" not in (m.notes or "")


def test_gjj009_new_and_transferred_staff_pay_on_the_current_wage(catalog):
    # art. 17: new and transferred staff pay on 当月工资, not last year's average
    m = matter(catalog, "370100-GJJ-009")
    assert any("当月工资" in c for c in m.conditions)
    assert any("当月工资" in p for p in m.process if p.startswith("核定"))
    faq = next(f for f in m.faq if "每月交多少" in f.q)
    assert "当月工资" in faq.a


def test_gjj011_base_faq_names_the_art17_exception(catalog):
    m = matter(catalog, "370100-GJJ-011")
    faq = next(f for f in m.faq if "基数" in f.q)
    assert "当月工资" in faq.a
    assert any(s.article == "第十七条" for s in m.sources)


def test_gjj018_centre_consent_is_not_credited_to_the_regulation(catalog):
    # arts. 12, 26, 27 say nothing about changing a loan contract
    m = matter(catalog, "370100-GJJ-018")
    assert not any("须经中心同意" in c for c in m.conditions)


def test_gjj024_all_three_art34_duties_are_named(catalog):
    m = matter(catalog, "370100-GJJ-024")
    text = m.conditions[0]
    assert "注销登记" in text and "封存" in text and "足额缴存" in text


# --- YB ---------------------------------------------------------------------------------------


def test_yb001_all_art25_subsidy_groups_are_named(catalog):
    # 《社会保险法》第二十五条第三款: 低保, disabled without working ability, low-income 60+, minors
    m = matter(catalog, "370100-YB-001")
    label = option_label(m, "hardship", "assisted")
    for group in ("最低生活保障", "丧失劳动能力的残疾人", "60周岁以上", "未成年人"):
        assert group in label, group
    assert any("政府补贴" in c and "丧失劳动能力的残疾人" in c for c in m.conditions)


def test_yb005_family_planning_surgery_leave_is_a_ground(catalog):
    # 《社会保险法》第五十六条第一款第二项; men can have it too
    m = matter(catalog, "370100-YB-005")
    assert "计划生育手术" in option_label(m, "birth_type", "fp_surgery")
    assert "计划生育手术的诊断证明及病历资料" in names(m, {"birth_type": "fp_surgery"})
    assert any("计划生育手术" in c for c in m.conditions)
    faq = next(f for f in m.faq if "男方" in f.q)
    assert "计划生育手术" in faq.a
    assert not faq.a.startswith("生育津贴针对生育的女职工")
    # the amount condition stays third (the dialogue quotes it)
    assert "上年度职工月平均工资" in m.conditions[2]


def test_yb005_ten_working_days_of_the_social_insurance_handling_regulation(catalog):
    # 《社会保险经办条例》第二十条第三款: 病历资料, 10 working days
    m = matter(catalog, "370100-YB-005")
    assert m.time_limit.legal_days == 10
    assert m.time_limit.days_unit == "工作日"
    assert any("第二十条" in s.article and "time_limit" in s.covers for s in m.sources)
    assert "分娩住院的病历资料（出院记录等）" in names(m, {"birth_type": "normal"})


def test_yb021_both_ways_of_medical_assistance(catalog):
    # 《社会救助暂行办法》第二十九条第一款: contribution subsidy and out-of-pocket aid
    m = matter(catalog, "370100-YB-021")
    rule = next(c for c in m.conditions if "两种方式" in c)
    assert "个人缴费部分给予补贴" in rule and "自负费用给予补助" in rule
    assert any("个人缴费部分给予补贴" in f.a for f in m.faq)


def test_yb022_elderly_scope_of_the_shandong_regulation_is_stated(catalog):
    # 《山东省养老服务条例》第五十五条、第七十四条 speak of 失能老年人 only
    m = matter(catalog, "370100-YB-022")
    assert any("失能老年人" in c for c in m.conditions)
    faq = next(f for f in m.faq if "什么算失能" in f.q)
    assert "老年人" in faq.a


def test_yb029_faq_names_both_assistance_modes(catalog):
    m = matter(catalog, "370100-YB-029")
    faq = next(f for f in m.faq if "医疗救助有什么不同" in f.q)
    assert "个人缴费部分给予补贴" in faq.a


# --- ZRZY -------------------------------------------------------------------------------------


def test_zrzy001_selling_a_mortgaged_home_needs_notice_not_consent(catalog):
    # 《民法典》第四百零六条: transfer allowed during the mortgage, the mortgagor notifies the mortgagee
    m = matter(catalog, "370100-ZRZY-001")
    rule = next(c for c in m.conditions if "抵押" in c and "带押过户" in c)
    assert "通知抵押权人" in rule and "另有约定" in rule
    assert "经抵押权人同意办理" not in rule
    faq = next(f for f in m.faq if "贷款没还完能卖吗" in f.q)
    assert "通知抵押权人" in faq.a and not faq.a.startswith("可以。经抵押权人同意")
    assert "抵押权人同意抵押财产转让的书面意见（带押过户）" not in names(m, {"mortgage": "with_mortgage"})
    # 《民法典》第二百二十条第二款 does not make an objection registration a bar to transfer
    assert not any("不存在异议登记" in c for c in m.conditions)


def test_zrzy005_legatee_must_accept_within_sixty_days(catalog):
    # 《民法典》第一千一百二十四条第二款
    m = matter(catalog, "370100-ZRZY-005")
    assert any("六十日内" in c and "视为放弃受遗赠" in c for c in m.conditions)
    assert any("六十日内" in f.a for f in m.faq)
    # art. 1127: second-order heirs when there is no first-order heir
    row = next(x for x in m.materials if x.name == "全部法定继承人与被继承人的亲属关系证明")
    assert "第二顺序" in row.notes


def test_zrzy008_homestead_approval_includes_farmland_conversion(catalog):
    # 《土地管理法》第六十二条第四款; 实施条例第三十四条
    m = matter(catalog, "370100-ZRZY-008")
    rule = m.conditions[0]
    assert "农用地转用" in rule and "公示" in rule


def test_zrzy014_price_difference_and_compensation_decision(catalog):
    # 《山东省国有土地上房屋征收与补偿条例》第二十一条、第三十一条
    m = matter(catalog, "370100-ZRZY-014")
    rule = next(c for c in m.conditions if c.startswith("安置房："))
    assert "差价" in rule and "补偿决定" in rule
    assert any("第二十一条" in s.article and "第三十一条" in s.article for s in m.sources)


def test_zrzy020_consent_of_other_right_holders_is_credited_to_the_implementing_rules(catalog):
    m = matter(catalog, "370100-ZRZY-020")
    rule = next(c for c in m.conditions if "放弃" in c and "同意" in c)
    assert "实施细则" in rule
    assert any("实施细则" in b for b in m.legal_basis)


def test_zrzy026_public_projects_in_the_near_term_plan_area_are_refused(catalog):
    # 《济南市城乡规划条例》第四十四条第二款; 第九十七条 working days
    m = matter(catalog, "370100-ZRZY-026")
    rule = next(c for c in m.conditions if "公益事业" in c and "近期建设规划" in c)
    assert "不予批准" in rule and "危房翻建" in rule
    assert any(s.article == "第九十七条" and "time_limit" in s.covers for s in m.sources)
    faq = next(f for f in m.faq if "有效期" in f.q)
    assert "三十日前" in faq.a and "一年" in faq.a


def test_zrzy028_029_030_working_days_credited_to_article_97(catalog):
    for suffix in ("028", "029", "030"):
        m = matter(catalog, f"370100-ZRZY-{suffix}")
        assert any(s.article == "第九十七条" and "time_limit" in s.covers for s in m.sources), suffix


def test_zrzy030_hidden_pipelines_survey_within_three_months(catalog):
    # 《济南市城乡规划条例》第六十七条第三款
    m = matter(catalog, "370100-ZRZY-030")
    assert any("隐蔽性管线" in p and "三个月内" in p for p in m.process)
