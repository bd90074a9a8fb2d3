"""Facts corrected by the full catalog pass of helper pass-mz (issue 16; docs/pass-pass-mz.md).

Departments MZ, ZJ, SWJ, XF, HB, CL. Each test pins one corrected fact against the article it
comes from, so it fails if the old content comes back.
"""


from tests.truth_helpers import matter, names


# --- MZ-004 最低生活保障审核确认: 《社会救助暂行办法》第十一条至第十三条 -------------------------

def test_mz004_benefit_is_the_difference_and_approvals_are_published(catalog):
    m = matter(catalog, "370100-MZ-004")
    steps = " ".join(m.process)
    assert "差额" in steps  # art. 12(1)
    assert "公布" in steps  # art. 11(3)
    assert "重度残疾人和重病患者" in steps  # art. 12(2)
    faq = next(f for f in m.faq if "复核" in f.q)
    assert "停发" in faq.a and "书面说明理由" in faq.a  # art. 13(3)


# --- MZ-005 特困人员认定: 《社会救助暂行办法》第十五条、第十一条 ---------------------------------

def test_mz005_support_covers_medical_care_and_funeral(catalog):
    m = matter(catalog, "370100-MZ-005")
    steps = " ".join(m.process)
    assert "疾病治疗" in steps and "丧葬" in steps  # art. 15(1)
    assert "公布" in steps  # art. 16(2) -> art. 11(3)


# --- MZ-006 临时救助: 《社会救助暂行办法》第四十七条、第四十八条 ---------------------------------

def test_mz006_other_special_hardship_and_publication(catalog):
    m = matter(catalog, "370100-MZ-006")
    assert any("其他特殊困难" in c for c in m.conditions)  # art. 47, third case
    expense = next(c for c in m.conditions if c.startswith("支出型"))
    assert "最低生活保障家庭" in expense  # art. 47 names 低保 families for this case
    assert any("公示" in step for step in m.process)  # art. 48: 审核、公示 before approval


# --- MZ-009 社会团体成立登记: 《社会团体登记管理条例》第十二条第三款、第十三条 ---------------------

def test_mz009_all_refusal_grounds_and_one_legal_representative(catalog):
    m = matter(catalog, "370100-MZ-009")
    refusal = [c for c in m.conditions if "不予登记" in c]
    assert refusal, m.conditions
    text = refusal[0]
    assert "业务范围相同或相似" in text and "弄虚作假" in text and "第四条" in text
    row = next(x for x in m.materials if "拟任负责人" in x.name)
    assert "不得同时担任其他社会团体的法定代表人" in row.notes


# --- MZ-011 收养登记: 《中国公民收养子女登记办法》第四条、第六条、第七条; 《民法典》第一千一百条 --

def test_mz011_foundling_and_guardian_cases_have_their_papers(catalog):
    m = matter(catalog, "370100-MZ-011")
    foundling = names(m, {"source": "foundling"})
    assert "公安机关出具的捡拾弃婴、儿童报案的证明" in foundling  # art. 6(2)(2)
    assert any("生育情况证明" in n for n in foundling)  # art. 6(2)(1)
    guardian = names(m, {"source": "guardian"})
    assert any("实际承担监护责任的证明" in n for n in guardian)  # art. 7(3)
    assert "送养人居民身份证和户口簿" in guardian
    assert any("发现地" in step for step in m.process)  # art. 4(2)
    assert any("可以收养两名子女" in c for c in m.conditions)  # 民法典 art. 1100(1)


# --- MZ-012 基本殡葬服务费用减免: 《殡葬管理条例》第十三条第二项 ------------------------------------

def test_mz012_cremation_in_jinan_lists_the_death_certificate(catalog):
    m = matter(catalog, "370100-MZ-012")
    listed = names(m, {"place": "jinan"})
    assert "公安机关或规定的医疗机构出具的死亡证明" in listed, listed


# --- MZ-013 恢复结婚登记: 《婚姻登记条例》（2003年）第五条 -----------------------------------------

def test_mz013_source_says_the_2003_text_wanted_the_household_register(catalog):
    m = matter(catalog, "370100-MZ-013")
    src = next(s for s in m.sources if "第五条" in s.article)
    assert "户口簿" in src.note and "2025" in src.note


# --- MZ-018 生活无着流浪乞讨人员救助: 《城市生活无着的流浪乞讨人员救助管理办法》第六条第二款 -------

def test_mz018_refusal_must_give_reasons(catalog):
    m = matter(catalog, "370100-MZ-018")
    assert "说明不予救助的理由" in m.time_limit.note


# --- MZ-021 经济困难老年人养老服务补贴: 《山东省养老服务条例》第二十七条 ----------------------------

def test_mz021_home_adaptation_and_aids(catalog):
    m = matter(catalog, "370100-MZ-021")
    steps = " ".join(m.process)
    assert "无障碍设施改造" in steps and "生活辅助器具" in steps


# --- MZ-027 民办非企业单位成立登记: 《民办非企业单位登记管理暂行条例》第十一条第二款 ----------------

def test_mz027_refusal_grounds_are_listed(catalog):
    m = matter(catalog, "370100-MZ-027")
    refusal = [c for c in m.conditions if "不予登记" in c]
    assert refusal, m.conditions
    text = refusal[0]
    assert "弄虚作假" in text and "业务范围相同或相似" in text and "剥夺政治权利" in text
    assert any("说明理由" in step for step in m.process)


# --- MZ-029 公开募捐资格审核: 《慈善法》第二十二条第二款、第二十三条; 《山东省慈善条例》第二十一条 ----

def test_mz029_filing_ten_days_before_and_outside_the_area(catalog):
    m = matter(catalog, "370100-MZ-029")
    step = next(p for p in m.process if p.startswith("开展募捐"))
    assert "十日前" in step and "十日内补办" in step
    assert "活动所在地" in step
    assert any("直接发给公开募捐资格证书" in c for c in m.conditions)


# --- MZ-030 慈善信托备案: 《慈善法》第四十六条、第四十八条; 《山东省慈善条例》第四十一条 -----------

def test_mz030_beneficiary_bar_covers_the_trustee_side(catalog):
    m = matter(catalog, "370100-MZ-030")
    rule = next(c for c in m.conditions if "受益人" in c)
    assert "与委托人、受托人具有利害关系的人" in rule
    assert "公开、公平、公正" in rule
    step = next(p for p in m.process if p.startswith("变更"))
    assert "违反信托义务" in step and "难以履行职责" in step


# --- MZ-033 公办养老机构入住申请: 《山东省老年人权益保障条例》第三十五条 ----------------------------

def test_mz033_free_care_for_elders_without_support(catalog):
    m = matter(catalog, "370100-MZ-033")
    assert any("无偿提供供养和护理服务" in c for c in m.conditions)
