"""Errors the fourth pass introduced in its part rs1 (docs/review4-rs1.md).

Review of every change pass4-rs1 made (git diff 8a872d9 420fbaf) in RS-001..037, CL, HB, XF, SWJ,
TY and JY. Each test pins one fix against the statute text, so it fails if the error comes back.
"""

from tests.truth_helpers import matter

# --- JY-002 教师资格认定: 《教师资格条例》第十六条第二款 — the body may require 补修 of 教育学/心理学
# only from applicants who did not graduate from a 师范院校 or who qualified by the exam; the fourth pass
# wrote it for every applicant, which also reaches the 师范生免试 route of the same matter -----------------

def test_jy002_supplementary_courses_limited_to_art_16_2_applicants(catalog):
    m = matter(catalog, "370100-JY-002")
    step = next(p for p in m.process if p.startswith("审核认定"))
    assert "补修教育学、心理学" in step
    assert "可以要求申请人补修" not in step
    head = step.split("补修")[0]
    assert "非师范院校毕业" in head and "考试合格" in head
    assert "第十六条第二款" in step
    # the matter keeps its exempt route, which art. 16(2) does not name
    assert any(o.id == "exempt" for s in m.situations if s.id == "route" for o in s.options)


# --- HB-002 (introduced by the fourth pass, already fixed on main by recheck6b): citing 《环境影响评价法》
# 第十九条 for self-preparation requires the builder's technical capacity ----------------------------------

def test_hb002_art_19_self_preparation_keeps_capacity_condition(catalog):
    m = matter(catalog, "370100-HB-002")
    step = next(p for p in m.process if p.startswith("编制"))
    assert "自行或委托" not in step
    assert "技术能力" in step
    assert any("环境影响评价法" in s.law and "第十九条" in s.article and "process" in s.covers
               for s in m.sources)


# --- HB-001 排污许可证申领: 《排污许可管理条例》第九条第一款第四项 — the fourth pass gave the 3-day notice only
# for incomplete papers; the item also covers papers not in the legal form, and a missed notice counts as
# acceptance from the day the papers arrived -----------------------------------------------------------

def test_hb001_three_day_notice_whole_item_9_4(catalog):
    m = matter(catalog, "370100-HB-001")
    step = next(p for p in m.process if p.startswith("审查"))
    assert "3日内" in step and "告知单" in step
    assert "不符合法定形式" in step
    assert "视为已受理" in step
    assert "第九条" in step


# --- RS-007 养老保险关系转移接续: 《社会保险经办条例》第十二条第三款 — the fourth pass's source note said both
# articles make every kind of pension relation move along; for 城乡居民养老保险 art. 12(3) only says it
# 可以 move, and only without benefits drawn and on a move of the 户籍 -----------------------------------

def test_rs007_source_note_keeps_may_for_resident_pension(catalog):
    m = matter(catalog, "370100-RS-007")
    src = next(s for s in m.sources if "社会保险经办条例" in s.law and "第十二条" in s.article)
    assert "各类养老保险关系随同转移" not in src.note
    assert "可以随同转移" in src.note and "未享受待遇" in src.note
    # the matter's own condition says the same
    assert any("可以随户籍转移" in c for c in m.conditions)


# --- CL-001 残疾人证核发: the fourth pass made 《济南市保障残疾人合法权益的若干规定》第七条 cover the
# conditions; art. 7 sends the application to the 户籍所在地 残联, so the 跨省通办 route to the place of
# residence must be credited to that national practice, not to art. 7 -----------------------------------

def test_cl001_cross_province_route_is_not_credited_to_art_7(catalog):
    m = matter(catalog, "370100-CL-001")
    cond = next(c for c in m.conditions if "济南户籍" in c)
    assert "户籍所在地" in cond and "第七条" in cond
    assert "跨省通办" in cond and "不在第七条中" in cond
    faq = next(f for f in m.faq if "户口不在济南" in f.q)
    assert "跨省通办”做法" in faq.a and "外省户籍" in faq.a
    assert any("济南市保障残疾人" in s.law and "conditions" in s.covers for s in m.sources)
