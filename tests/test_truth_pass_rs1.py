"""Facts corrected by the full pass over RS-001..RS-037 (helper pass-rs1, docs/pass-rs1.md).

Each test pins one corrected fact against the article the matter cites (LawRefBook mirror, newest
file version), so it fails if the old content comes back.
"""


from tests.truth_helpers import matter, names, option_label

# --- RS-001 失业保险金申领: 《社会保险法》第四十六条、第五十一条 ------------------------------------

def test_rs001_faq_keeps_the_combined_period_after_re_employment(catalog):
    m = matter(catalog, "370100-RS-001")
    faq = next(f for f in m.faq if "最多能领多久" in f.q)
    # art. 46: after re-employment the periods are combined, still at most 24 months
    assert "重新计算" in faq.a and "合并" in faq.a
    # art. 51(5): refusing offered training also stops the benefit
    assert "提供的培训" in m.notes


# --- RS-007 养老保险关系转移接续: 《社会保险经办条例》第十二条第二款、第三款 -----------------------

def test_rs007_resident_pension_follows_a_household_move(catalog):
    m = matter(catalog, "370100-RS-007")
    assert any("城乡居民养老保险关系可以随户籍转移" in c for c in m.conditions), m.conditions
    assert any("机关事业单位与企业" in c for c in m.conditions)
    assert "户籍迁移" in option_label(m, "transfer_type", "resident_move")
    assert "居民户口簿" in names(m, {"transfer_type": "resident_move"})


# --- RS-010 失业登记: 《社会保险法》第五十条第二款 -------------------------------------------------

def test_rs010_separation_proof_is_required_for_former_employees(catalog):
    m = matter(catalog, "370100-RS-010")
    row = next(x for x in m.materials if x.name == "与原单位解除或终止劳动关系的证明")
    # art. 50(2): the unemployed person registers holding the employer's separation proof
    assert row.required
    assert "与原单位解除或终止劳动关系的证明" in names(m, {"household": "local", "prior": "employed"})


# --- RS-011 创业担保贷款申请: 《山东省就业促进条例》第二十七条、第二十八条 --------------------------

def test_rs011_detailed_loan_conditions_are_not_credited_to_the_provincial_articles(catalog):
    m = matter(catalog, "370100-RS-011")
    src = next(s for s in m.sources if s.law and "山东省就业促进条例" in s.law)
    # arts. 27-28 set no groups, amounts or hiring ratios
    assert "conditions" not in src.covers
    assert "未逐条核对" in src.note


# --- RS-012 技能提升补贴申领: 《社会保险经办条例》第二十四条第三款 ---------------------------------

def test_rs012_subsidy_is_decided_within_10_working_days(catalog):
    m = matter(catalog, "370100-RS-012")
    assert m.time_limit.legal_days == 10
    assert m.time_limit.days_unit == "工作日"
    src = next(s for s in m.sources if s.law and "社会保险经办条例" in s.law)
    assert "第二十四条" in src.article and "time_limit" in src.covers


# --- RS-013 工伤认定申请: 《工伤保险条例》第十四条至第十七条 ---------------------------------------

def test_rs013_all_injury_cases_of_articles_14_and_15_can_be_chosen(catalog):
    m = matter(catalog, "370100-RS-013")
    assert "因工外出" in option_label(m, "case", "business_trip")
    assert "抢险救灾" in option_label(m, "case", "rescue")
    assert "革命伤残军人证" in option_label(m, "case", "veteran_relapse")
    assert "城市轨道交通" in option_label(m, "case", "traffic")
    assert "工作时间和工作岗位" in option_label(m, "case", "death")
    base = {"applicant": "worker", "agent": "no_agent"}
    # art. 18(3): a medical diagnosis is required for every non-occupational case
    for case in ("business_trip", "rescue", "veteran_relapse"):
        assert "医疗机构出具的受伤后诊断证明书（初诊病历）" in names(m, {**base, "case": case})
    assert "革命伤残军人证" in names(m, {**base, "case": "veteran_relapse"})
    # art. 16: the three exclusions are named; art. 17(4): the late employer bears the costs
    assert any("醉酒" in c and "自残" in c for c in m.conditions)
    faq = next(f for f in m.faq if "单位不给申请" in f.q)
    assert "由单位负担" in faq.a


# --- RS-014 劳动人事争议仲裁申请: 《劳动争议调解仲裁法》第二十一条、第二十七条、第四十七条、第四十九条

def test_rs014_limitation_can_be_interrupted_or_suspended(catalog):
    m = matter(catalog, "370100-RS-014")
    rule = next(c for c in m.conditions if "仲裁时效" in c)
    assert "中断" in rule and "中止" in rule
    faq = next(f for f in m.faq if "离职很久" in f.q)
    assert "中断" in faq.a
    assert any("由劳动合同履行地的仲裁委管辖" in c for c in m.conditions)
    terminal = next(f for f in m.faq if "终局" in f.q)
    assert "劳动标准" in terminal.a and "裁定书" in terminal.a


# --- RS-016 丧葬补助金和抚恤金申领: 《社会保险法》第四十九条、《社会保险经办条例》第十九条 --------

def test_rs016_death_while_drawing_unemployment_benefit_is_covered(catalog):
    m = matter(catalog, "370100-RS-016")
    assert any("领取失业保险金期间死亡" in c for c in m.conditions), m.conditions
    assert "失业保险金" in option_label(m, "deceased", "unemployed")


# --- RS-017 社会保险待遇领取资格认证: 《社会保险经办条例》第二十五条、第二十六条 -------------------

def test_rs017_stop_cases_are_reported_within_20_working_days(catalog):
    m = matter(catalog, "370100-RS-017")
    assert any("20个工作日内" in c and "告知" in c for c in m.conditions), m.conditions
    # art. 26: unconfirmed status is checked by the employer or a third party before stopping
    assert any("第三方机构核实" in c and "确认" in c for c in m.conditions)


# --- RS-018 就业困难人员认定: 《山东省就业促进条例》第四十二条第一款第九项 --------------------------

def test_rs018_city_defined_group_is_an_option(catalog):
    m = matter(catalog, "370100-RS-018")
    assert "济南市人民政府规定" in option_label(m, "category", "city_other")


# --- RS-019 用人单位社会保险登记: 《社会保险经办条例》第六条第一款 ---------------------------------

def test_rs019_every_employer_registers_at_its_registration_authority(catalog):
    m = matter(catalog, "370100-RS-019")
    rule = next(c for c in m.conditions if "同步办理" in c)
    # art. 6(1) speaks of 用人单位, not only enterprises
    assert "事业单位" in rule and "登记管理机关" in rule
    assert "企业在市场监管部门办理设立登记时同步办理" not in rule


# --- RS-023 失业保险关系转移接续: 《失业保险条例》第二十二条 ----------------------------------------

def test_rs023_unit_moving_as_a_whole_is_covered(catalog):
    m = matter(catalog, "370100-RS-023")
    assert any("成建制" in c for c in m.conditions), m.conditions


# --- RS-033 职业培训补贴申领: 《社会保险经办条例》第二十四条第三款 ---------------------------------

def test_rs033_time_limit_of_article_24_is_stated(catalog):
    m = matter(catalog, "370100-RS-033")
    assert m.time_limit.legal_days == 10 and m.time_limit.days_unit == "工作日"
    assert "10个工作日" in m.time_limit.note
    src = next(s for s in m.sources if s.law and "社会保险经办条例" in s.law)
    assert "time_limit" in src.covers


# --- RS-034 / RS-035 职称: 《关于实行专业技术职务聘任制度的规定》第三项、第四项 ----------------------

def test_rs034_levels_may_be_fewer_than_three(catalog):
    m = matter(catalog, "370100-RS-034")
    faq = next(f for f in m.faq if "几个级别" in f.q)
    assert "只设初级" in faq.a


def test_rs035_education_exception_and_basic_conditions(catalog):
    m = matter(catalog, "370100-RS-035")
    faq = next(f for f in m.faq if "学历" in f.q)
    assert "真才实学" in faq.a
    assert any("身体健康" in c for c in m.conditions)


# --- RS-036 专业技术人员职业资格考试报名: 《山东省就业促进条例》第五十六条 -------------------------

def test_rs036_uncertified_hires_train_before_starting(catalog):
    m = matter(catalog, "370100-RS-036")
    faq = next(f for f in m.faq if "资格证书" in f.q)
    assert "上岗前参加专门培训" in faq.a


# --- RS-037 劳动保障监察投诉举报: 《劳动保障监察条例》第十八条、第二十条 --------------------------

def test_rs037_two_year_bar_counts_from_the_end_of_a_continuing_act(catalog):
    m = matter(catalog, "370100-RS-037")
    rule = next(c for c in m.conditions if "二年" in c)
    assert "行为终了之日" in rule
    faq = next(f for f in m.faq if "欠薪" in f.q)
    assert "行为终了之日" in faq.a
    step = next(p for p in m.process if p.startswith("处理"))
    assert "撤销立案" in step and "司法机关" in step
