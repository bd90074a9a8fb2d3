"""Facts corrected by the full pass over the JJ (traffic police) matters (issue 16, docs/pass-jj.md).

Each test pins one corrected fact against the article it comes from, so it fails if the old content
comes back. Articles: 《机动车驾驶证申领和使用规定》(2021-12-17 text, 公安部令第162号), 《机动车登记规定》
(2021-12-17, 第164号), 《道路交通安全违法行为处理程序规定》(2020), 《道路交通安全违法行为记分管理办法》
(2021), 《道路交通事故处理程序规定》(2018) and the other texts named per test.
"""

from tests.truth_helpers import matter, names

# --- JJ-001 机动车驾驶证期满换证: 驾驶证规定第七十三条第四款 --------------------------------------

def test_jj001_missing_study_or_exam_also_fails_the_review(catalog):
    m = matter(catalog, "370100-JJ-001")
    rule = next(c for c in m.conditions if "不予通过审验" in c)
    assert "未按照规定参加学习、教育和考试" in rule
    # art. 70 -> art. 64: renewal elsewhere also hands in the old licence and declares the condition
    faq = next(f for f in m.faq if "外地驾照" in f.q)
    assert "申报身体条件情况" in faq.a and "凭身份证即可" not in faq.a


# --- JJ-002 机动车驾驶证遗失补证: 驾驶证规定第七十条、第六十四条 -------------------------------------

def test_jj002_replacement_elsewhere_declares_physical_condition(catalog):
    m = matter(catalog, "370100-JJ-002")
    assert any("核发地以外" in c and "申报身体条件情况" in c for c in m.conditions), m.conditions


# --- JJ-004 机动车转让登记: 登记规定第二十六条第四款 ------------------------------------------------

def test_jj004_transfer_during_pledge_filing_needs_the_pledgee(catalog):
    m = matter(catalog, "370100-JJ-004")
    rule = next(c for c in m.conditions if "抵押登记期间" in c)
    assert "质押备案期间" in rule and "质权人共同申请" in rule and "新的质押备案" in rule


# --- JJ-006 机动车注销登记: 登记规定第三十七条第三款、第三十九条第三款、第三十八条第二款 ----------------

def test_jj006_used_car_export_and_scrapped_operating_vehicles(catalog):
    m = matter(catalog, "370100-JJ-006")
    rule = next(c for c in m.conditions if "二手车出口企业" in c)
    assert "二个月内" in rule and "机动车出口证明" in rule
    assert "机动车出口证明" in names(m, {"reason": "abroad", "customs": "normal"})
    assert "机动车出口证明" not in names(m, {"reason": "lost"})
    assert any("拓印膜" in p and "解体" in p for p in m.process)


# --- JJ-009 考试预约: 驾驶证规定第三十九条第二款、第四十七条第一款 ----------------------------------

def test_jj009_safe_driving_test_fail_keeps_road_test_results(catalog):
    m = matter(catalog, "370100-JJ-009")
    assert any("安全文明驾驶常识考试不合格" in c and "仍然有效" in c for c in m.conditions)
    assert any("尚未设立科目二考场" in c and "省内其他考场" in c for c in m.conditions)


# --- JJ-010 增加准驾车型: 驾驶证规定第十七条第二款、第十八条 --------------------------------------

def test_jj010_vocational_students_and_full_article_18_list(catalog):
    m = matter(catalog, "370100-JJ-010")
    student = next(c for c in m.conditions if "全日制驾驶职业教育的学生" in c and "可以申请增加" in c)
    assert "小型汽车驾驶资格" in student and "19周岁" in student
    bars = next(c for c in m.conditions if "不得有" in c)
    for ground in ("追逐竞驶", "危险化学品", "无证驾驶", "强制隔离戒毒"):
        assert ground in bars, ground


# --- JJ-013 临时机动车驾驶许可: the foreign licence is the paper the matter is about --------------

def test_jj013_foreign_licence_is_listed(catalog):
    m = matter(catalog, "370100-JJ-013")
    assert "境外机动车驾驶证" in names(m, {})


# --- JJ-014 学习驾驶证明: 驾驶证规定第四十条第三款、第四十二条第二款 ---------------------------------

def test_jj014_self_study_sign(catalog):
    m = matter(catalog, "370100-JJ-014")
    rule = next(c for c in m.conditions if "自学直考" in c)
    assert "学车专用标识" in rule and "不得搭载" in rule


# --- JJ-015 转入换证: 驾驶证规定第七十三条第四款 ---------------------------------------------------

def test_jj015_missing_study_or_exam_also_fails_the_review(catalog):
    m = matter(catalog, "370100-JJ-015")
    rule = next(c for c in m.conditions if "不予通过审验" in c)
    assert "未按照规定参加学习、教育和考试" in rule


# --- JJ-016 降级换证: 驾驶证规定第七十条 -----------------------------------------------------------

def test_jj016_downgrade_elsewhere_follows_article_64(catalog):
    m = matter(catalog, "370100-JJ-016")
    assert any("核发地以外" in c and "申报身体条件情况" in c and "原驾驶证" in c for c in m.conditions)


# --- JJ-021 驾驶证注销: 驾驶证规定第一百零五条 -----------------------------------------------------

def test_jj021_agent_papers_are_listed(catalog):
    m = matter(catalog, "370100-JJ-021")
    row = next(x for x in m.materials if "委托书" in x.name)
    assert "代理人身份证明" in row.name and not row.required


# --- JJ-023 校车驾驶资格: 驾驶证规定第九十二条 ------------------------------------------------------

def test_jj023_grounds_for_cancelling_the_school_bus_permit(catalog):
    m = matter(catalog, "370100-JJ-023")
    rule = next(c for c in m.conditions if "校车驾驶资格被注销" in c)
    for ground in ("本人申请注销", "超过60周岁", "记满12分", "犯罪记录", "酗酒"):
        assert ground in rule, ground


# --- JJ-003 机动车注册登记: 登记规定第十一条第三款 -------------------------------------------------

def test_jj003_school_bus_is_inspected_before_registration(catalog):
    m = matter(catalog, "370100-JJ-003")
    rule = next(c for c in m.conditions if "免予安全技术检验" in c or "免检车辆" in c)
    assert "专用校车" in rule and "国家安全技术标准" in rule


# --- JJ-005 检验合格标志核发: the 6th/10th-year cycle is not in 实施条例第十六条 --------------------

def test_jj005_cycle_rule_is_credited_to_the_2022_reform(catalog):
    m = matter(catalog, "370100-JJ-005")
    src = next(s for s in m.sources if s.title and "深化机动车检验制度改革" in s.title)
    assert "conditions" in src.covers and "faq" in src.covers
    assert "公安部" in src.issuer


# --- JJ-024 满分学习考试: 记分管理办法第十九条第三款、第二十四条 ------------------------------------

def test_jj024_how_study_days_are_counted(catalog):
    m = matter(catalog, "370100-JJ-024")
    rule = next(c for c in m.conditions if "现场学习" in c and "网络学习" in c)
    assert "超过三小时" in rule and "不重复计算" in rule and "自主学习完成" in rule
    assert any("准驾车型确定" in c for c in m.conditions)


# --- JJ-028 机动车变更登记: 登记规定第十九条第二款、第二十一条第二款 --------------------------------

def test_jj028_scrap_year_bar_covers_moving_and_co_owner_move(catalog):
    m = matter(catalog, "370100-JJ-028")
    bar = next(c for c in m.conditions if "距强制报废年限一年以内" in c)
    assert "使用性质" in bar and "迁出、迁入" in bar
    co = next(c for c in m.conditions if "共同所有人" in c and "共同申请" in c)
    assert "迁出地和迁入地" in co


# --- JJ-032 质押备案: 登记规定第三十六条第二句 -------------------------------------------------------

def test_jj032_release_refused_when_seized(catalog):
    m = matter(catalog, "370100-JJ-032")
    rule = next(c for c in m.conditions if "不予办理质押备案" in c)
    assert "解除质押备案" in rule and "查封、扣押" in rule and "不予解除" in rule


# --- JJ-033 临时行驶车号牌: 登记规定第四十七条第三款 -------------------------------------------------

def test_jj033_fifteen_day_plate_when_plates_are_delayed(catalog):
    m = matter(catalog, "370100-JJ-033")
    assert any("号牌制作" in c and "十五日" in c for c in m.conditions)


# --- JJ-034 使用原号牌号码: 登记规定第十九条第一款（夫妻间变更） ------------------------------------

def test_jj034_couple_change_brings_certificate_and_licence(catalog):
    m = matter(catalog, "370100-JJ-034")
    listed = names(m, {"case": "couple"})
    assert "机动车登记证书" in listed and "机动车行驶证" in listed
    assert "机动车登记证书" not in names(m, {"case": "new_car"})


# --- JJ-038 检验合格标志补领: 第五十七条 does not require a valid inspection period ----------------

def test_jj038_no_uncited_validity_condition(catalog):
    m = matter(catalog, "370100-JJ-038")
    assert not any("车辆仍在检验有效期内" in c for c in m.conditions)


# --- JJ-041 校车标牌: 登记规定第六十三条 -------------------------------------------------------------

def test_jj041_revoked_permit_returns_the_sign(catalog):
    m = matter(catalog, "370100-JJ-041")
    rule = next(c for c in m.conditions if "交回" in c)
    assert "吊销、注销、撤销" in rule and "校车标志灯" in rule


# --- JJ-048 被扣车辆领回: 处理程序规定第三十条第三款 -------------------------------------------------

def test_jj048_accident_evidence_detention_follows_the_accident_rules(catalog):
    m = matter(catalog, "370100-JJ-048")
    assert any("收集证据" in c and "道路交通事故处理程序规定" in c for c in m.conditions)


# --- JJ-051 事故认定复核: 事故处理程序规定第七十五条第三款 --------------------------------------------

def test_jj051_procuratorate_is_informed(catalog):
    m = matter(catalog, "370100-JJ-051")
    assert any("批准逮捕" in c and "检察院" in c for c in m.conditions)


# --- JJ-052 损害赔偿调解: 事故处理程序规定第八十五条第二款、第九十条第二款、第九十二条 ---------------

def test_jj052_after_people_mediation_and_late_acceptance(catalog):
    m = matter(catalog, "370100-JJ-052")
    first = m.conditions[0]
    assert "人民调解委员会" in first and "三日内" in first
    assert any("自受理之日起开始调解" in c for c in m.conditions)
    assert any("涉嫌刑事犯罪" in c and "交管部门委托" in c for c in m.conditions)


# --- JJ-053 非机动车登记: 山东省实施办法第二十八条、第三十条 ------------------------------------------

def test_jj053_power_unit_rules_are_complete(catalog):
    m = matter(catalog, "370100-JJ-053")
    rule = next(c for c in m.conditions if "动力装置" in c)
    assert "残疾人机动轮椅车" in rule and "人力三轮车" in rule and "加装" in rule
    assert any("假冒、失效" in c for c in m.conditions)


# --- JJ-056 占用挖掘道路: 山东省实施办法第四十四条、实施条例第三十五条第二款 --------------------------

def test_jj056_shandong_site_rules_and_detour(catalog):
    m = matter(catalog, "370100-JJ-056")
    site = next(c for c in m.conditions if "安全警示标志" in c)
    assert "围挡" in site and "五十米" in site and "一百米" in site and "反光服饰" in site
    assert any("临时通道" in c for c in m.conditions)


# --- JJ-060 事故证据查阅: 事故处理程序规定第六十五条第二款 --------------------------------------------

def test_jj060_confidential_material_is_handled_by_law_not_simply_excluded(catalog):
    m = matter(catalog, "370100-JJ-060")
    faq = next(f for f in m.faq if "事故证据" in f.q)
    assert "按有关法律法规" in faq.a
    assert "除外" not in faq.a
