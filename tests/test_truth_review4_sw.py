"""Errors the fourth full pass (docs/pass4-sw.md) introduced in SCJG and SW, found by the review of
its own corrections (docs/review4-sw.md).

Each test pins the fixed fact against the article it comes from, so it fails if the fourth pass's
broader (or narrower) wording comes back.
"""

from tests.truth_helpers import matter


def _source_articles(m, law_part):
    return " ".join(s.article or "" for s in m.sources if law_part in (s.law or ""))


# --- SCJG-012: 《公司法》第二百二十五条 — a reduction to cover losses needs no creditor notice, only the
# 30-day publication; the art. 224 creditor rules do not apply to it ---------------------------------

def test_scjg012_loss_covering_reduction_exception(catalog):
    m = matter(catalog, "370100-SCJG-012")
    cond = next(c for c in m.conditions if c.startswith("减少注册资本"))
    assert "弥补亏损" in cond and "第二百二十五条" in cond
    assert "不适用" in cond and "30日内" in cond
    step = next(p for p in m.process if "仅减资" in p)
    assert "弥补亏损的无须通知债权人" in step
    assert "第二百二十五条" in _source_articles(m, "公司法")
    assert any("第二百二十五条" in b for b in m.legal_basis)


# --- SCJG-018: 《特种设备安全法》第二十五条 lists the equipment whose installation needs supervisory
# inspection; it does not name 场（厂）内专用机动车辆 (the matter covers forklifts) ---------------------

def test_scjg018_art25_note_names_the_equipment(catalog):
    m = matter(catalog, "370100-SCJG-018")
    src = next(s for s in m.sources if "特种设备安全法" in s.law and "第二十五条" in s.article)
    assert not src.note.startswith("安装、改造、重大修理须经监督检验")
    assert "锅炉" in src.note and "电梯" in src.note and "起重机械" in src.note
    assert "场（厂）内专用机动车辆" in src.note


# --- SW-004: 《契税法》第八条 claws back the art. 6 reliefs; it is not stated for the art. 7 provincial
# reliefs ------------------------------------------------------------------------------------------

def test_sw004_clawback_is_tied_to_art6(catalog):
    m = matter(catalog, "370100-SW-004")
    cond = next(c for c in m.conditions if "第八条" in c)
    assert "享受免征、减征后改变用途或不再属于免征、减征情形的" not in cond
    assert "按第六条享受免征、减征后" in cond


# --- SW-016: 《耕地占用税法》第八条 reaches only the art. 7(1) exemptions and the art. 7(2) 2-yuan
# reduction, not the rural-housing reliefs of art. 7(3)/(4) ------------------------------------------

def test_sw016_clawback_scope_is_art7_paras_1_and_2(catalog):
    m = matter(catalog, "370100-SW-016")
    housing = next(c for c in m.conditions if c.startswith("农村烈士遗属"))
    assert "补缴" not in housing and "第八条" not in housing
    claw = next(c for c in m.conditions if "补缴" in c and "第八条" in c)
    assert "军事设施" in claw and "每平方米2元" in claw
    assert "农村烈士遗属" not in claw


# --- SW-021: 《城市维护建设税法》第三条 — no 城建税 on VAT paid on imports (the matter's subjects include
# importers) ----------------------------------------------------------------------------------------

def test_sw021_no_urban_tax_on_import_vat(catalog):
    m = matter(catalog, "370100-SW-021")
    assert "进口货物" in m.fee.standard and "不征收城市维护建设税" in m.fee.standard
    assert "第三条" in m.fee.standard
    arts = _source_articles(m, "城市维护建设税法")
    assert "第二条至第四条" in arts
