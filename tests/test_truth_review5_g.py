"""Review of the fifth pass, part G (docs/review5-g.md): the six matters pass 5 changed
(SW-024, SW-027, SW-030, WJ-006, WL-004, YB-005).

The review found no introduced error, so nothing here pins a fix. Each test guards one checked
fact of a pass-5 change that tests/test_truth_pass5_g.py does not already pin, so a later edit
cannot widen or narrow it without failing.
"""

from tests.truth_helpers import matter, names

# --- SW-024: 《税收征收管理法》第五十一条 and 实施细则第七十八条第一款 — an overpayment the tax office finds
# itself is refunded within 10 days; the interest rule is for the taxpayer-found case only ------------

def test_sw024_office_found_refund_has_no_interest_claim(catalog):
    m = matter(catalog, "370100-SW-024")
    faq = next(f for f in m.faq if f.q.startswith("退税有利息"))
    assert "税务机关自行发现" in faq.a and "没有规定加算利息" in faq.a
    cond = next(c for c in m.conditions if "税务机关发现纳税人多缴" in c)
    assert "10日内" in cond


# --- SW-027: 实施细则第二十一条 names 从事生产、经营的纳税人, not only companies ---------------------------

def test_sw027_condition_binds_every_business_taxpayer(catalog):
    m = matter(catalog, "370100-SW-027")
    assert "从事生产经营的纳税人" in m.conditions[0]
    assert "自然人" in m.subjects


# --- WJ-006: 《中医药法》第十四条第二款 — the filing goes to the 县级中医药主管部门 and covers only 中医诊所 ---

def test_wj006_tcm_source_note_keeps_its_limits(catalog):
    m = matter(catalog, "370100-WJ-006")
    src = next(s for s in m.sources if "中医药法" in (s.law or ""))
    assert "县级中医药主管部门" in src.note
    assert "普通诊所" in src.note and "未核对" in src.note


# --- WL-004: 《营业性演出管理条例》第十五条 — Taiwan acts go to the approval body set by the State Council
# culture department; the 20-day limit is in 第三款 ----------------------------------------------------

def test_wl004_article15_entry_keeps_the_taiwan_route(catalog):
    m = matter(catalog, "370100-WL-004")
    src = next(s for s in m.sources if "营业性演出管理条例" in s.law and s.article == "第十五条")
    assert "台湾" in src.note and "国务院文化主管部门" in src.note and "20日内" in src.note
    assert not any("第十五条" in s.article for s in m.sources if s is not src)


# --- YB-005: 《社会保险法》第五十六条第一款第二项 — surgery leave is a ground for any 职工; the identity row
# applies on every route and cites that item -------------------------------------------------------------

def test_yb005_identity_row_on_every_route_with_its_citation(catalog):
    m = matter(catalog, "370100-YB-005")
    row = next(x for x in m.materials if x.name == "申领津贴的职工本人居民身份证或社会保障卡")
    assert "第五十六条第一款第二项" in row.notes
    for who in ("employer", "individual"):
        assert row.name in names(m, {"birth_type": "normal", "applicant": who}), who
