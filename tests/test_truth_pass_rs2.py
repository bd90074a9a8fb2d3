"""Facts corrected by the full catalog pass, helper pass-rs2 (docs/pass-rs2.md).

Departments: RS-038..RS-074, WJ, JY, TY. Each test pins one corrected fact against the article it
comes from, so it fails if the old content comes back.
"""

from tests.truth_helpers import matter, option_label


def _text(m):
    return "".join(m.conditions) + "".join(m.process) + "".join(f.q + f.a for f in m.faq)


# --- RS-038 劳动争议调解申请: 《劳动争议调解仲裁法》第五条、第十四条 ------------------------------

def test_rs038_agreement_takes_signature_or_seal_and_art5_is_cited(catalog):
    m = matter(catalog, "370100-RS-038")
    step = next(p for p in m.process if p.startswith("协议"))
    # art. 14(2): 签名或者盖章 (either is enough), not both
    assert "签名或者盖章" in step
    assert "双方签名盖章" not in step
    src = next(s for s in m.sources if s.article == "第五条")
    assert "conditions" in src.covers


# --- RS-039 劳动能力鉴定: 《工伤保险条例》第六十二条第二款 --------------------------------------

def test_rs039_uninsured_employer_rule_is_credited_to_art62(catalog):
    m = matter(catalog, "370100-RS-039")
    # 社会保险法 art. 38(9) says only that the fund pays the fee; the employer rule is 条例 art. 62(2)
    assert "第六十二条第二款" in m.fee.basis
    assert "第三十八条第九项：劳动能力鉴定费从工伤保险基金中支付（单位未参保的由单位负担）" not in m.fee.basis
    assert any(s.law == "《工伤保险条例》" and "第六十二条" in s.article for s in m.sources)


# --- RS-042 工伤伤残待遇申领: 《工伤保险条例》第三十四条至第三十六条 ------------------------------

def test_rs042_grades_1_to_4_retirement_rule_and_care_allowance(catalog):
    m = matter(catalog, "370100-RS-042")
    g14 = next(c for c in m.conditions if c.startswith("一至四级"))
    # art. 35(1)(2)(3): rates, minimum-wage top-up, stop at retirement with pension top-up
    assert "90%" in g14 and "75%" in g14 and "最低工资" in g14
    assert "退休" in g14 and "停发伤残津贴" in g14
    care = next(c for c in m.conditions if "生活护理费" in c)
    # art. 34(2): 50 / 40 / 30 % of last year's average monthly wage
    assert "50%" in care and "40%" in care and "30%" in care
    g56 = next(c for c in m.conditions if c.startswith("五、六级"))
    assert "一次性伤残就业补助金" in g56 and "安排适当工作" in g56


# --- RS-043 因工死亡待遇申领: 《工伤保险条例》第四十一条 -----------------------------------------

def test_rs043_missing_worker_case_of_art41(catalog):
    m = matter(catalog, "370100-RS-043")
    rule = [c for c in m.conditions if "下落不明" in c]
    assert rule, m.conditions
    text = rule[0]
    assert "3个月" in text and "第4个月" in text and "50%" in text and "宣告死亡" in text


# --- RS-045 停工留薪期延长确认: 《工伤保险条例》第三十三条第二款、第三款 -------------------------

def test_rs045_treatment_after_the_period_and_care_by_the_employer(catalog):
    m = matter(catalog, "370100-RS-045")
    answers = "".join(f.a for f in m.faq)
    assert "继续享受工伤医疗待遇" in answers
    assert "由所在单位负责" in answers


# --- RS-056 灵活就业社会保险补贴: 《山东省就业促进条例》第四十二条 -------------------------------

def test_rs056_all_nine_groups_of_hardship_persons(catalog):
    m = matter(catalog, "370100-RS-056")
    for text in (m.conditions[0], next(f.a for f in m.faq if "就业困难人员" in f.q)):
        for group in ("农村零转移就业贫困家庭", "单亲家庭", "失去土地", "连续失业一年以上",
                      "最低生活保障" if "最低生活保障" in text else "低保"):
            assert group in text, (group, text)


# --- RS-057 公益性岗位安置: 《山东省就业促进条例》第四十四条、第四十七条 --------------------------

def test_rs057_rural_families_and_the_full_post_list(catalog):
    m = matter(catalog, "370100-RS-057")
    assert any("农村零转移就业贫困家庭" in c for c in m.conditions)
    assert "农村零转移就业贫困家庭" in option_label(m, "kind", "zero_family")
    faq = next(f for f in m.faq if "哪些岗位" in f.q)
    assert "社会公益活动" in faq.a and "参照公务员法" in faq.a


# --- RS-063 人力资源服务许可: 《就业促进法》第四十条, 《人力资源市场暂行条例》第二十一条 ------------

def test_rs063_start_up_funds_and_the_15_day_change_report(catalog):
    m = matter(catalog, "370100-RS-063")
    assert any("开办资金" in c for c in m.conditions)
    step = next(p for p in m.process if p.startswith("变更"))
    assert "15日内" in step and "终止经营" in step
    assert any(s.law == "《中华人民共和国就业促进法》" and s.article == "第四十条" for s in m.sources)


# --- RS-064 集体合同审查: 《山东省劳动合同条例》第四十条, 《劳动合同法》第五十一条第二款 ---------------

def test_rs064_vote_quorum_and_who_signs_for_the_workers(catalog):
    m = matter(catalog, "370100-RS-064")
    rule = m.conditions[0]
    assert "三分之二以上" in rule and "半数以上" in rule
    assert "上级工会" in rule


# --- RS-065 经济性裁员报告: 《劳动合同法》第四十二条 ---------------------------------------------

def test_rs065_protected_workers_are_listed(catalog):
    m = matter(catalog, "370100-RS-065")
    rule = [c for c in m.conditions if "不得包括" in c]
    assert rule, m.conditions
    text = rule[0]
    for case in ("离岗前职业健康检查", "丧失劳动能力", "医疗期", "哺乳期", "连续工作满十五年"):
        assert case in text, case


# --- RS-066 养老金发放记录查询: 《社会保险法》第十八条 -------------------------------------------

def test_rs066_adjustment_faq_rests_on_art18_and_no_credit_for_time_limit(catalog):
    m = matter(catalog, "370100-RS-066")
    assert any("第十八条" in b for b in m.legal_basis if "社会保险法" in b)
    src = next(s for s in m.sources if s.law == "《社会保险经办条例》")
    # arts. 11 and 32 say nothing about on-the-spot handling
    assert "time_limit" not in src.covers


# --- WJ-002 生育登记: 《人口与计划生育法》第十八条 ----------------------------------------------

def test_wj002_three_children_and_the_further_birth_rule_of_art18(catalog):
    m = matter(catalog, "370100-WJ-002")
    text = "".join(m.conditions)
    assert "一对夫妻可以生育三个子女" in text
    assert "再生育" in text and "有利于当事人" in text
    src = next(s for s in m.sources if s.article == "第十八条")
    # the registration-instead-of-approval practice is not in art. 18; the note says so
    assert "登记" in src.note and "未据以核对" in src.note


# --- WJ-003 公共场所卫生许可: 《公共场所卫生管理条例》第七条、第八条 --------------------------------

def test_wj003_disease_bar_and_two_year_review(catalog):
    m = matter(catalog, "370100-WJ-003")
    staff = next(c for c in m.conditions if "健康合格证明" in c)
    for disease in ("痢疾", "伤寒", "病毒性肝炎", "活动期肺结核", "皮肤病"):
        assert disease in staff, disease
    faq = next(f for f in m.faq if "有效期" in f.q)
    assert "两年复核一次" in faq.a


# --- WJ-004 医师执业注册: 《医师法》第十八条 -----------------------------------------------------

def test_wj004_change_of_registration_and_its_exceptions(catalog):
    m = matter(catalog, "370100-WJ-004")
    faq = next(f for f in m.faq if "换医院" in f.q)
    assert "变更注册" in faq.a
    assert "医疗联合体" in faq.a and "进修" in faq.a and "会诊" in faq.a
    assert any("第十八条" in s.article for s in m.sources)


# --- WJ-005 护士执业注册: 《护士条例》第七条第三款、第九条 -------------------------------------------

def test_wj005_late_applicants_train_in_a_qualified_institution(catalog):
    m = matter(catalog, "370100-WJ-005")
    faq = next(f for f in m.faq if "超过3年" in f.q)
    # art. 7(3): 符合国务院卫生主管部门规定条件的医疗卫生机构; 教学、综合医院 is the 8-month internship
    assert "符合国务院卫生主管部门规定条件的医疗卫生机构" in faq.a
    assert "教学或综合医院" not in faq.a
    move = next(f for f in m.faq if "换医院" in f.q)
    assert "7个工作日" in move.a and "报告" in move.a


# --- WJ-006 诊所备案: 《基本医疗卫生与健康促进法》第三十八条 --------------------------------------

def test_wj006_statutory_conditions_for_a_medical_institution(catalog):
    m = matter(catalog, "370100-WJ-006")
    text = "".join(m.conditions)
    assert "独立承担民事责任" in text and "规章制度" in text and "经费" in text


# --- WJ-007 预防接种证办理: 《疫苗管理法》第四十七条、第四十八条 ------------------------------------

def test_wj007_no_refusal_and_schools_report_to_the_vaccination_unit(catalog):
    m = matter(catalog, "370100-WJ-007")
    assert any("不得拒绝办理" in c for c in m.conditions)
    faq = next(f for f in m.faq if "接种证" in f.q and "幼儿园" in f.q)
    assert "报告" in faq.a and "配合" in faq.a
    assert any(s.article == "第六条" for s in m.sources)


# --- JY-001 / JY-003 入学报名: 《义务教育法》第十一条、第十二条第三款 --------------------------------

def test_jy001_military_children_deferral_and_the_local_age_cut_off(catalog):
    m = matter(catalog, "370100-JY-001")
    text = "".join(m.conditions)
    assert "军人子女" in text and "免试入学" in text
    assert "延缓入学" in text
    src = next(s for s in m.sources if "第十一条" in s.article)
    # 8 月 31 日 is Jinan practice, not art. 11
    assert "8月31日" in src.note


def test_jy003_military_children_and_unified_management_of_private_schools(catalog):
    m = matter(catalog, "370100-JY-003")
    text = "".join(m.conditions)
    assert "军人子女" in text
    assert "纳入审批机关所在地统一管理" in text


# --- TY-001 退役军人优待证申领: 《退役军人保障法》第五十二条、第五十三条 ------------------------------

def test_ty001_benefit_faq_follows_articles_52_and_53(catalog):
    m = matter(catalog, "370100-TY-001")
    faq = next(f for f in m.faq if "有什么用" in f.q)
    assert "公共交通、文化和旅游、医疗、金融等方面" not in faq.a
    assert "公立医疗机构" in faq.a
    assert any(s.article == "第五十二条" for s in m.sources)


# --- TY-002 退役士兵报到: 《退役军人安置条例》第四十五条第二款、第三款 --------------------------------

def test_ty002_all_cases_of_relocated_placement(catalog):
    m = matter(catalog, "370100-TY-002")
    rule = next(c for c in m.conditions if "入伍时户口所在地" in c)
    assert "配偶部队驻地" in rule and "省级以上退役军人工作主管部门批准" in rule
    assert "结婚满2年" in rule
    assert "父母户口迁移、军士已婚等" not in rule


# --- TY-003 一次性经济补助: 《退役军人安置条例》第二十一条、第二十三条 ---------------------------------

def test_ty003_retirement_pay_faq_says_what_article_21_says(catalog):
    m = matter(catalog, "370100-TY-003")
    faq = next(f for f in m.faq if "退役金" in f.q)
    assert "中央财政专项安排" in faq.a and "服现役年限" in faq.a
    assert "一次性退役金由部队发放" not in faq.a


# --- RS-052 社会保障卡信息变更: 《社会保险经办条例》第九条 -----------------------------------------

def test_rs052_duty_to_report_changed_information(catalog):
    m = matter(catalog, "370100-RS-052")
    rule = [c for c in m.conditions if "及时告知" in c]
    assert rule, m.conditions
    assert "比对核实" in rule[0]
