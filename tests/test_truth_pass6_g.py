"""Facts corrected by the sixth pass, part G (docs/pass6-g.md): sorted ids 302..351 (SW-023 .. YB-024).

Kinds checked: (g) a source credited with a field its article does not set, (h) a time limit set by an
article the matter already cites for a case it covers but left out. Each test fails if the old content returns.
"""

from tests.truth_helpers import matter, source

# --- SW-034: 个人所得税法实施条例第三十条第二款 sets only "ask the withholder to correct, report to the tax
# office if it refuses"; the APP appeal and the truthfulness pledge are practice, not that article -----------

def test_sw034_article_30_note_says_app_appeal_is_practice(catalog):
    m = matter(catalog, "370100-SW-034")
    src = source(m, "个人所得税法实施条例", "第三十条")
    assert "不是该条内容" in src.note and "真实性负责" in src.note
    cond = next(c for c in m.conditions if "真实性" in c)
    assert "不是实施条例第三十条的内容" in cond


# --- SWJ-001: 城镇排水与污水处理条例第二十二条 lists conditions only, no application materials -------------

def test_swj001_article_22_does_not_cover_materials(catalog):
    m = matter(catalog, "370100-SWJ-001")
    src = source(m, "城镇排水与污水处理条例", "第二十二条")
    assert "materials" not in src.covers
    assert "conditions" in src.covers
    assert "没有列申请材料" in src.note


# --- YB-008: 社会保险法第五十七条第一款 gives a new unit 30 days from its founding to register and the
# agency 15 days to review; the matter cites it and covers a new unit (unit.new) ---------------------------

def test_yb008_new_unit_has_the_30_day_registration_period_of_art_57(catalog):
    m = matter(catalog, "370100-YB-008")
    cond = next(c for c in m.conditions if "第五十七条第一款" in c)
    assert "自成立之日起30日内" in cond and "15日内" in cond
    assert "同步办理" in cond


# --- YB-014: 社会保险经办条例第二十三条 only sets up cross-region settlement; it sets no condition for
# changing or cancelling a filing -------------------------------------------------------------------------

def test_yb014_article_23_no_longer_claims_the_conditions(catalog):
    m = matter(catalog, "370100-YB-014")
    src = source(m, "社会保险经办条例", "第二十三条")
    assert "conditions" not in src.covers
    assert "没有规定备案变更或取消的条件" in src.note


# --- WL-004: 营业性演出管理条例第七条第二款、第九条第二款 give a venue operator and an individual performer
# 20 days from the business licence to file with the county culture department; the matter cites both and
# covers both organisers ------------------------------------------------------------------------------------

def test_wl004_venue_and_individual_file_within_20_days_of_licence(catalog):
    m = matter(catalog, "370100-WL-004")
    mat = next(x for x in m.materials if x.name == "举办单位营业执照")
    assert "自领取营业执照之日起20日内" in mat.notes
    assert "第七条第二款" in mat.notes and "第九条第二款" in mat.notes
