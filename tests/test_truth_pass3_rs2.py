"""Facts corrected by the third full pass, helper rs2 (docs/pass3-rs2.md).

Covers RS-038..RS-074 and the WJ, JY and TY matters. Each test pins one corrected fact against the
statute text it comes from, so it fails if the old content comes back.
"""

from tests.truth_helpers import matter

# --- RS-048 农民合同制工人一次性生活补助: 《失业保险条例》第六条 -------------------------------------

def test_rs048_no_own_contribution_only_for_urban_enterprise_and_institution_hires(catalog):
    m = matter(catalog, "370100-RS-048")
    # art. 6 exempts only farmer contract workers hired by 城镇企业事业单位, not by every unit
    cond = next(c for c in m.conditions if "本人不缴纳" in c)
    assert "城镇企业事业单位" in cond
    faq = next(f for f in m.faq if "失业保险费" in f.q)
    assert "城镇企业事业单位" in faq.a and "第六条" in faq.a


# --- RS-061 特殊工时工作制审批: 《劳动法》第三十六条 ------------------------------------------------

def test_rs061_44_hours_is_a_weekly_average(catalog):
    m = matter(catalog, "370100-RS-061")
    # art. 36: 平均每周 not more than 44 hours
    assert "平均每周" in m.summary and "四十四小时" in m.summary


# --- WJ-003 公共场所卫生许可: 《行政许可法》第四十二条第一款 -----------------------------------------

def test_wj003_time_limit_keeps_the_ten_day_extension(catalog):
    m = matter(catalog, "370100-WJ-003")
    note = m.time_limit.note
    assert "第四十二条" in note and "延长10个工作日" in note and "负责人批准" in note
    assert m.time_limit.legal_days == 20


# --- TY-002 退役士兵报到: 《退役军人安置条例》第四十五条 ---------------------------------------------

def test_ty002_resumed_study_route_is_not_credited_to_the_statute(catalog):
    m = matter(catalog, "370100-TY-002")
    faq = next(f for f in m.faq if "大学生" in f.q)
    # art. 45 covers only students who do not resume study; the old "复学的回学校办理" is no rule of it
    assert "第四十五条" in faq.a and "不复学" in faq.a
    assert "复学的回学校办理" not in faq.a
