"""Facts corrected by the sixth pass, part B (docs/pass6-b.md): sorted ids 50..99 (GA-045 .. JJ-014).

Kind g: a source entry claimed a field its article does not set. Kind h: a time limit, lapse or
exemption an already cited article sets for a case the matter covers was missing. Each test fails if
the old content comes back.
"""

from tests.truth_helpers import matter

# --- GA-046 居住证落户: 居住证暂行条例第十六条 sets how cities fix settlement conditions and lists no
# application materials (kind g) -------------------------------------------------------------------

def test_ga046_residence_permit_art16_does_not_carry_materials(catalog):
    m = matter(catalog, "370100-GA-046")
    src = next(s for s in m.sources if s.article == "第十六条")
    assert "materials" not in src.covers
    assert "conditions" in src.covers
    assert "未列申请材料" in src.note and "经办实践" in src.note


# --- GJJ-012 降低缴存比例或缓缴: 住房公积金管理条例第二十条 sets the approval steps, not the papers (g) --

def test_gjj012_art20_does_not_carry_materials(catalog):
    m = matter(catalog, "370100-GJJ-012")
    src = next(s for s in m.sources if s.article == "第二十条")
    assert "materials" not in src.covers
    assert "未列申请材料" in src.note
    assert len(m.materials) == 2  # the materials themselves stay


# --- GJJ-009 住房公积金汇缴: 第二十条第二款 lets a unit in real difficulty lower the rate or defer (h) -----

def test_gjj009_keeps_the_art20_deferral_exemption(catalog):
    m = matter(catalog, "370100-GJJ-009")
    text = "".join(m.conditions)
    assert "5日内" in text
    assert "缓缴" in text and "第二十条第二款" in text
    assert "职工代表大会或者工会" in text and "管理委员会批准" in text


# --- JJ-001 驾驶证期满换证: 公安部令第162号 第七十九条第一款第九项 (70+ without a health certificate
# within one year after a scoring cycle) and 第六十五条第三款 (30 days after notice, else void) (h) -----

def test_jj001_over70_health_certificate_lapse(catalog):
    m = matter(catalog, "370100-JJ-001")
    cond = next(c for c in m.conditions if "年满七十周岁" in c)
    assert "一年内仍未提交" in cond and "注销" in cond and "第七十九条第一款第九项" in cond


def test_jj001_age_change_thirty_days_after_notice(catalog):
    m = matter(catalog, "370100-JJ-001")
    assert "三十日内" in m.notes and "驾驶资格作废" in m.notes and "第六十五条第三款" in m.notes


# --- JJ-003 注册登记: 机动车登记规定第四十七条 — the temporary plate is void three days after the plates
# are received (h) ----------------------------------------------------------------------------------

def test_jj003_temporary_plate_void_three_days_after_plates(catalog):
    m = matter(catalog, "370100-JJ-003")
    step = next(p for p in m.process if "临时行驶车号牌" in p)
    assert "收到号牌之日起三日后" in step and "作废" in step and "第四十七条" in step


# --- JJ-006 注销登记: 第四十一条第一项 — a vehicle at the compulsory scrapping standard whose owner does
# not deregister in time has its papers declared void (h) ------------------------------------------

def test_jj006_overdue_scrap_papers_declared_void(catalog):
    m = matter(catalog, "370100-JJ-006")
    cond = next(c for c in m.conditions if c.startswith("报废"))
    assert "逾期不办理注销登记" in cond and "公告" in cond and "第四十一条第一项" in cond


# --- JJ-008 驾驶证初次申领: 第四十一条第一款 — learner permit valid three years; subjects 2 and 3 must be
# passed within it or passed subjects lapse (h) -----------------------------------------------------

def test_jj008_learner_permit_validity_and_lapse(catalog):
    m = matter(catalog, "370100-JJ-008")
    step = next(p for p in m.process if p.startswith("学车与约考"))
    assert "有效期为三年" in step and "成绩作废" in step and "第四十一条第一款" in step
