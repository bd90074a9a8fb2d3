"""Pins the facts corrected by the truth check of the RS, SCJG, WL and JY entries (issue 16).

Each test loads the shipped catalog and asserts the corrected content, so reverting a fix fails."""
from __future__ import annotations

from pathlib import Path

import pytest


def _sources(matter, law_part: str):
    return [s for s in matter.sources if law_part in s.law]


def _drives_something(matter, situation) -> bool:
    """True when at least one material or follow-up situation depends on one of its options."""
    keys = {f"{situation.id}.{o.id}" for o in situation.options}
    for m in matter.materials:
        if keys.intersection(m.when) or keys.intersection(m.when_all):
            return True
    for s in matter.situations:
        if keys.intersection(s.when) or keys.intersection(s.when_all):
            return True
    return False


def test_rs001_unemployment_benefit_decided_within_10_working_days(catalog):
    m = catalog.get("370100-RS-001")
    assert m.time_limit.legal_days == 10
    assert m.time_limit.days_unit == "工作日"
    assert "10个工作日" in m.time_limit.note
    src = _sources(m, "社会保险经办条例")
    assert src and src[0].article == "第二十四条" and "time_limit" in src[0].covers
    assert any("社会保险经办条例》第二十四条" in b for b in m.legal_basis)


def test_rs002_card_rests_on_the_handling_regulation_not_article_58(catalog):
    m = catalog.get("370100-RS-002")
    assert not any("第五十八条" in b for b in m.legal_basis)
    src = _sources(m, "社会保险经办条例")
    assert src and "第七条" in src[0].article
    assert any("社会保险经办条例" in b and "第七条" in b for b in m.legal_basis)


def test_rs003_card_replacement_does_not_cite_article_58_for_the_card(catalog):
    m = catalog.get("370100-RS-003")
    assert not any(b.endswith("第五十八条") for b in m.legal_basis)
    assert "20元" not in m.fee.standard


def test_rs006_short_contribution_faq_names_lump_sum_payment(catalog):
    m = catalog.get("370100-RS-006")
    faq = [f for f in m.faq if "不满15年" in f.q]
    assert faq, "the FAQ on reaching retirement age with under 15 years must stay"
    assert "一次性缴费" in faq[0].a and "延长缴费" in faq[0].a
    assert any("一次性缴费" in c for c in m.conditions)
    src = _sources(m, "渐进式延迟法定退休年龄的办法")
    assert src and ("第二条" in src[0].article or "第一条至第三条" in src[0].article)
    assert m.time_limit.legal_days == 20


@pytest.mark.parametrize("matter_id,removed", [("370100-RS-007", "applicant"), ("370100-RS-012", "status")])
def test_situations_that_changed_nothing_are_gone(catalog, matter_id, removed):
    m = catalog.get(matter_id)
    assert removed not in {s.id for s in m.situations}
    for s in m.situations:
        assert _drives_something(m, s), f"{matter_id}: situation {s.id} changes nothing"


def test_rs_situations_all_drive_something(catalog):
    for m in catalog.matters:
        if m.department != "RS":
            continue
        for s in m.situations:
            assert _drives_something(m, s), f"{m.id}: situation {s.id} changes nothing"


def test_wl003_travel_agency_needs_managers_and_tour_guides(catalog):
    m = catalog.get("370100-WL-003")
    assert any("导游" in c and "经营管理人员" in c for c in m.conditions)
    faq = [f for f in m.faq if "导游证" in f.q]
    assert faq and "许可条件" in faq[0].a and "不要求" not in faq[0].a
    src = _sources(m, "旅游法")
    assert any(s.article == "第二十八条" and "conditions" in s.covers for s in src)


def test_jy002_teaching_school_route(catalog):
    m = catalog.get("370100-JY-002")
    assert any("任教学校所在地" in c for c in m.conditions)
    place = next(s for s in m.situations if s.id == "place")
    assert "school" in {o.id for o in place.options}
    assert any("place.school" in mat.when for mat in m.materials)
    assert "任教学校" in m.agency
    src = _sources(m, "教师资格条例")
    assert src and "第十二条至第十六条" in src[0].article


def test_scjg007_workshop_registration_within_15_days(catalog):
    m = catalog.get("370100-SCJG-007")
    assert m.time_limit.legal_days == 15
    assert m.time_limit.days_unit == "自然日"
    src = _sources(m, "山东省食品小作坊小餐饮和食品摊点管理条例")
    assert any("第十七条" in s.article and "time_limit" in s.covers for s in src)


def test_checked_entries_carry_sources_and_verified_on(catalog):
    for m in catalog.matters:
        if m.department in {"RS", "SCJG", "WL", "JY"} and m.verified_on:
            assert m.sources, f"{m.id}: verified_on without sources"
            assert all(s.article.startswith("第") for s in m.sources if s.law), m.id


def test_scjg009_operator_changed_by_change_registration(catalog):
    m = catalog.get("370100-SCJG-009")
    item = next(s for s in m.situations if s.id == "item")
    assert "operator" in {o.id for o in item.options}
    assert any("item.operator" in mat.when for mat in m.materials)
    assert not any("注销后由新经营者重新办理设立登记" in c for c in m.conditions)
    assert any("直接申请变更登记" in c for c in m.conditions)
    src = _sources(m, "促进个体工商户发展条例")
    assert src and "第十三条" in src[0].article


def test_wl001_time_limit_rests_on_the_licensing_law(catalog):
    m = catalog.get("370100-WL-001")
    assert m.time_limit.legal_days == 20 and m.time_limit.days_unit == "工作日"
    assert any("行政许可法" in s.law and "第四十二条" in s.article and "time_limit" in s.covers
               for s in m.sources)
    assert any("听证" in p and "应当" in p for p in m.process)


def test_no_lint_findings_in_these_departments(catalog):
    from guide.lint import lint_catalog

    findings = lint_catalog(catalog, eval_dir=Path(__file__).resolve().parents[1] / "eval")
    mine = [str(f) for f in findings if any(f"/{d}/" in f.path for d in ("RS", "SCJG", "WL", "JY"))]
    assert not mine, mine
