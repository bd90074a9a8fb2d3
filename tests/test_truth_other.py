"""Pins the catalog corrections made by the truth-other review (issue 16).

Each test asserts the corrected fact, so it fails if the old (wrong or unverifiable) content returns.
Departments: MZ YB GJJ SW ZRZY WJ JT ZJ TY GY CG CL HB SWJ XF and the bundles.
"""
from pathlib import Path

import pytest

CATALOG = Path(__file__).resolve().parents[1] / "data" / "matters"
DEPTS = ("MZ", "YB", "GJJ", "SW", "ZRZY", "WJ", "JT", "ZJ", "TY", "GY", "CG", "CL", "HB", "SWJ", "XF")




def m(catalog, suffix):
    item = catalog.get(f"370100-{suffix}")
    assert item is not None, suffix
    return item


def text_of(matter) -> str:
    parts = [matter.summary, matter.notes, matter.result, matter.time_limit.note,
             matter.fee.standard, matter.fee.basis, *matter.conditions, *matter.legal_basis,
             *(f.q + f.a for f in matter.faq), *(x.name + x.notes + x.source for x in matter.materials)]
    return "\n".join(parts)


def materials_for(matter, chosen):
    return {x.name for x in matter.materials if x.applies(chosen)}


def option_keys(matter):
    return {f"{s.id}.{o.id}" for s in matter.situations for o in s.options}


def driven(matter):
    keys = set()
    for x in (*matter.materials, *matter.situations):
        keys.update(x.when)
        keys.update(x.when_all)
    return keys


# --- situations that changed nothing -------------------------------------------------------

def test_gjj006_scope_situation_removed(catalog):
    assert "scope" not in {s.id for s in m(catalog, "GJJ-006").situations}


def test_sw005_energy_situation_removed(catalog):
    assert "energy" not in {s.id for s in m(catalog, "SW-005").situations}


def test_sw004_buyer_drives_identity_materials(catalog):
    sw4 = m(catalog, "SW-004")
    base = {"house": "new", "relief": "no_relief"}
    person = materials_for(sw4, {**base, "buyer": "person", "family_homes": "third_more"})
    unit = materials_for(sw4, {**base, "buyer": "unit"})
    assert "承受方居民身份证" in person and "承受方居民身份证" not in unit
    assert any("营业执照" in n for n in unit) and not any("营业执照" in n for n in person)
    family = next(s for s in sw4.situations if s.id == "family_homes")
    assert family.when == ("buyer.person",)


def test_yb004_direction_drives_materials(catalog):
    yb4 = m(catalog, "YB-004")
    into = materials_for(yb4, {"direction": "into_jinan", "scheme": "cross_scheme"})
    out = materials_for(yb4, {"direction": "out_of_jinan", "scheme": "cross_scheme"})
    assert into != out


@pytest.mark.parametrize("suffix", ["GJJ-006", "SW-004", "SW-005", "YB-004"])
def test_every_situation_drives_something(catalog, suffix):
    matter = m(catalog, suffix)
    used = {k.partition(".")[0] for k in driven(matter)}
    assert {s.id for s in matter.situations} <= used


# --- numbers that could not be verified are gone -------------------------------------------

def test_shandong_deed_tax_rate_not_asserted(catalog):
    sw4 = m(catalog, "SW-004")
    assert "山东一般税率3%" not in sw4.fee.standard
    assert "山东省契税适用税率为3%" not in text_of(sw4)
    assert "3%至5%" in sw4.fee.standard  # the range 《契税法》第三条 really gives


def test_mz012_no_unverified_amount(catalog):
    assert "630" not in text_of(m(catalog, "MZ-012"))


def test_marriage_decree_number_not_asserted(catalog):
    for suffix in ("MZ-001", "MZ-002", "MZ-003"):
        assert "804号" not in text_of(m(catalog, suffix)), suffix


def test_disability_card_validity_not_invented(catalog):
    cl1 = m(catalog, "CL-001")
    assert "有效期一般为一年" not in text_of(cl1)
    assert "免交残疾鉴定费和工本费" in cl1.fee.basis


def test_gjj_rent_withdrawal_cap_has_no_amount(catalog):
    gjj1 = m(catalog, "GJJ-001")
    rent_faq = next(f for f in gjj1.faq if "租房" in f.q)
    assert "元" not in rent_faq.a


def test_road_occupation_fee_amount_removed(catalog):
    assert "0.5元" not in m(catalog, "CG-003").fee.standard


# --- article numbers and legal bases -------------------------------------------------------

def test_wj003_time_limit_from_administrative_licensing_law(catalog):
    wj3 = m(catalog, "WJ-003")
    assert not any("实施细则》第二十二条" in b for b in wj3.legal_basis)
    assert any(s.law == "《中华人民共和国行政许可法》" and "第四十二条" in s.article for s in wj3.sources)
    assert "4年" not in wj3.result


def test_zj003_unverified_article_and_order_numbers_removed(catalog):
    zj3 = m(catalog, "ZJ-003")
    joined = "".join(zj3.legal_basis)
    assert "第十四条" not in joined and "令第" not in joined
    assert any("城市房地产管理法" in s.law and s.article == "第五十四条" for s in zj3.sources)


def test_veteran_matters_cite_the_2024_regulation(catalog):
    for suffix in ("TY-002", "TY-003"):
        matter = m(catalog, suffix)
        assert not any("退役士兵安置条例》第" in b for b in matter.legal_basis), suffix
        assert any(s.law == "《退役军人安置条例》" for s in matter.sources), suffix


def test_jinan_time_limits_from_local_ordinances(catalog):
    assert m(catalog, "CG-001").time_limit.legal_days == 7
    cg3 = m(catalog, "CG-003")
    assert cg3.time_limit.legal_days == 10
    assert any(b.startswith("《济南市市政设施管理条例》") for b in cg3.legal_basis)
    assert m(catalog, "CG-002").time_limit.legal_days == 10
    assert m(catalog, "GY-003").time_limit.legal_days == 3


def test_calendar_day_limits(catalog):
    for suffix in ("ZJ-001", "HB-002", "MZ-009", "MZ-011", "GJJ-001", "GJJ-002"):
        assert m(catalog, suffix).time_limit.days_unit == "自然日", suffix


def test_invoice_issue_five_working_days(catalog):
    sw2 = m(catalog, "SW-002")
    assert sw2.time_limit.legal_days == 5 and sw2.time_limit.days_unit == "工作日"
    first = next(s for s in sw2.situations if s.id == "first")
    assert first.when == ("kind.paper",)


def test_physician_refusal_grounds_follow_2021_law(catalog):
    text = "".join(m(catalog, "WJ-004").conditions)
    assert "定期考核不合格被注销注册不满一年" in text
    assert "甲类乙类传染病" not in text


def test_adoption_materials_follow_2023_measures(catalog):
    mz11 = m(catalog, "MZ-011")
    welfare = materials_for(mz11, {"source": "welfare"})
    assert any("生育情况证明" in n for n in welfare)
    hardship = materials_for(mz11, {"source": "hardship"})
    assert "送养人有特殊困难无力抚养子女的声明" in hardship


def test_small_eatery_threshold_in_bundle(catalog):
    note = next(x.note for x in m(catalog, "YJS-001").members if x.matter == "370100-SCJG-001")
    assert "不足50平方米" in note


# --- review bookkeeping ---------------------------------------------------------------------

def test_sources_and_verified_on(catalog):
    unchecked = {"370100-MZ-003", "370100-ZJ-002"}  # no governing text in the mirror
    for matter in catalog.matters:
        if matter.department not in DEPTS or matter.id in unchecked:
            continue
        assert matter.verified_on == "2026-12-01", matter.id
        assert matter.sources, matter.id
    for bundle in catalog.bundles:
        assert bundle.verified_on == "2026-12-01", bundle.id


def test_generic_hedges_removed(catalog):
    for matter in catalog.matters:
        if matter.department not in DEPTS:
            continue
        for phrase in ("以受理窗口公告为准", "以窗口为准", "以受理回执为准"):
            assert phrase not in text_of(matter), (matter.id, phrase)
