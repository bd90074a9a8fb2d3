"""Facts corrected by the full pass over the JJ (traffic police) matters (issue 16, docs/pass-pass-jj.md).

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
