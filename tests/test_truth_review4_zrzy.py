"""Errors the fourth statute pass introduced in ZRZY and GJJ, found by the review of that pass
(docs/review4-zrzy.md). Each test fails if the fourth pass's wording comes back."""

from tests.truth_helpers import matter


def _src(m, law, article):
    return [s for s in m.sources if law in s.law and article in s.article]


# --- ZRZY-001: 《城市房地产管理法》第四十条 — the buyer pays the land price when the transfer is approved
# with a 出让 procedure; where no 出让 procedure is required the seller hands the land income to the
# state OR deals with it otherwise ("或者作其他处理"); the fourth pass left that alternative out -----

def test_zrzy001_allocated_land_rule_keeps_both_routes_of_art40(catalog):
    m = matter(catalog, "370100-ZRZY-001")
    cond = next(c for c in m.conditions if "划拨" in c)
    assert "第四十条" in cond
    assert "作其他处理" in cond
    assert "买方" in cond and "出让金" in cond
    assert "卖方" in cond and "土地收益" in cond
    assert "缴纳土地使用权出让金或上缴土地收益" not in cond
    note = _src(m, "城市房地产管理法", "第四十条")[0].note
    assert "作其他处理" in note and "受让方" in note and "转让方" in note


# --- ZRZY-006: 《物业管理条例》第五十三条第三款 — the fund's rules are made by the State Council's
# construction department together with its finance department; the article does not say that the
# 住房城乡建设部门 sets the deposit standard --------------------------------------------------------

def test_zrzy006_maintenance_fund_note_matches_art53(catalog):
    m = matter(catalog, "370100-ZRZY-006")
    note = _src(m, "物业管理条例", "第五十三条")[0].note
    assert "缴存标准由住房城乡建设部门规定" not in note
    assert "财政部门" in note and "国务院建设行政主管部门" in note
