"""Facts corrected by the fifth pass, part G (docs/pass5-g.md): matters 370100-SW-023 .. 370100-YB-024.

Each test pins one corrected fact against the statute text it comes from, so it fails if the old
content comes back.
"""

from tests.truth_helpers import matter, names

# --- WJ-006 诊所备案: 《中医药法》第十四条第二款 sets the 中医诊所 filing-then-practise rule the matter states ---

def test_wj006_tcm_clinic_filing_rule_has_its_source(catalog):
    m = matter(catalog, "370100-WJ-006")
    src = next(s for s in m.sources if "中医药法" in (s.law or ""))
    assert src.article == "第十四条" and "process" in src.covers
    assert any("中医药法" in b for b in m.legal_basis)


# --- YB-005 生育津贴: 《社会保险法》第五十六条第一款第二项 — 计划生育手术休假 is any 职工's ground, so the
# identity row may not be limited to 女职工 ----------------------------------------------------------------

def test_yb005_identity_row_fits_a_male_worker_on_surgery_leave(catalog):
    m = matter(catalog, "370100-YB-005")
    chosen = names(m, {"birth_type": "fp_surgery", "applicant": "employer"})
    assert "申领津贴的职工本人居民身份证或社会保障卡" in chosen
    assert not any(n.startswith("女职工居民身份证") for n in chosen)


# --- SW-024 多缴税款退还: 《税收征收管理法》第五十一条 — interest only where the taxpayer finds the overpayment
# within three years and asks for it back; 实施细则第七十八条第二款 excludes prepaid, export and relief refunds ---

def test_sw024_interest_only_in_the_taxpayer_found_case(catalog):
    m = matter(catalog, "370100-SW-024")
    faq = next(f for f in m.faq if "利息" in f.q)
    assert not faq.a.startswith("多缴税款退还加算")
    assert "三年内" in faq.a and "要求退还" in faq.a
    assert "出口退税" in faq.a and "活期存款利率" in faq.a


# --- WL-004 营业性演出审批: 《营业性演出管理条例》第十五条第三款 sets the 20-day decision for foreign / HK / Macao
# acts that the time-limit note states ------------------------------------------------------------------

def test_wl004_foreign_act_twenty_days_has_its_source(catalog):
    m = matter(catalog, "370100-WL-004")
    assert "20日内" in m.time_limit.note and "山东省文化和旅游主管部门" in m.time_limit.note
    src = next(s for s in m.sources if "营业性演出管理条例" in s.law and s.article == "第十五条")
    assert "time_limit" in src.covers


# --- SW-030 股权转让个税: 《个人所得税法》第十五条第二款 — the 完税凭证 check at the 变更登记 is what the
# time-limit note ("before the change registration") rests on --------------------------------------------

def test_sw030_before_registration_note_has_its_source(catalog):
    m = matter(catalog, "370100-SW-030")
    assert "股权变更登记前" in m.time_limit.note
    src = next(s for s in m.sources if "个人所得税法》" in s.law and s.article == "第十五条")
    assert "time_limit" in src.covers


# --- SW-027 跨区域涉税事项报告: 实施细则第二十一条 binds every 从事生产、经营的纳税人 and 发票管理办法第十七条
# names 单位或者个人, so individual businesses are subjects too -------------------------------------------

def test_sw027_open_to_individual_businesses(catalog):
    m = matter(catalog, "370100-SW-027")
    assert "自然人" in m.subjects and "法人" in m.subjects
