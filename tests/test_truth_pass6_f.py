"""Facts corrected by the sixth pass, part F (docs/pass6-f.md): sorted ids 251..301
(RS-067..074, SCJG-001..021, SW-001..022), kinds (g) a source claiming more than its article says and
(h) a time limit or lapse of an already cited article left out. Each test fails if the old content returns.
"""

from tests.truth_helpers import matter

# --- RS-069 被征地农民社会保障 (g): 土地管理法实施条例第三十二条 sets 区片综合地价 and compensation
# standards only; it says nothing on social-security recipients or the steps -----------------------------

def test_rs069_art32_of_land_regulation_no_longer_carries_conditions_or_process(catalog):
    m = matter(catalog, "370100-RS-069")
    assert not any(s.article == "第二十七条、第三十二条" for s in m.sources)
    art32 = next(s for s in m.sources if "土地管理法实施条例" in (s.law or "") and s.article == "第三十二条")
    assert "conditions" not in art32.covers and "process" not in art32.covers
    assert "不涉及社会保障" in art32.note
    art27 = next(s for s in m.sources if "土地管理法实施条例" in (s.law or "") and s.article == "第二十七条")
    assert "conditions" in art27.covers and "process" in art27.covers


# --- RS-072 事业单位公开招聘报名 (g): 事业单位人事管理条例第八条、第九条 list the steps, not the
# application materials ----------------------------------------------------------------------------------

def test_rs072_articles_8_9_do_not_carry_materials(catalog):
    m = matter(catalog, "370100-RS-072")
    src = next(s for s in m.sources if s.article == "第八条、第九条")
    assert "materials" not in src.covers
    assert "process" in src.covers and "conditions" in src.covers
    assert "未列明报名材料" in src.note and "招聘公告" in src.note


# --- SCJG-001 食品经营许可（新办） (h): 行政许可法第三十二条第一款第四项 — if the authority does not
# tell the applicant what to add within 5 days, the application counts as accepted on receipt -------------

def test_scjg001_acceptance_step_keeps_the_deemed_acceptance_of_art32(catalog):
    m = matter(catalog, "370100-SCJG-001")
    step = next(p for p in m.process if p.startswith("受理"))
    assert "5日内一次告知" in step
    assert "逾期没有告知的" in step and "自收到申请材料之日起即视为受理" in step
    assert "第三十二条第一款第四项" in step
