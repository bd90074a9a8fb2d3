"""Facts corrected by the seventh independent 10% re-check, part D (docs/recheck7-d.md).

Sample: 41 of 403 matters, random.seed(20261201 * 7); part D covers 11 ids. Each test pins one
corrected fact against the statute text it comes from, so it fails if the old content comes back.
"""

from tests.truth_helpers import matter

# --- SW-033 个人无偿受赠房屋税费申报: 《契税法》第六条第一款第四项 — a gift between spouses during the
# marriage is a change of ownership between spouses and is exempt from 契税 ---------------------------

def test_sw033_spouse_gift_exempt_from_deed_tax(catalog):
    m = matter(catalog, "370100-SW-033")
    cond = "".join(m.conditions)
    assert "夫妻之间" in cond and "免征契税" in cond and "第六条第一款第四项" in cond
    step = next(p for p in m.process if p.startswith("缴税"))
    assert "夫妻之间" in step and "免征契税" in step
    assert "受赠人同时缴纳契税）" not in step
    src = next(s for s in m.sources if "契税法" in s.law and "第六条" in s.article)
    assert "conditions" in src.covers and "process" in src.covers
    assert any("契税法" in b and "第六条" in b for b in m.legal_basis)


# --- SW-033: 《印花税法》第十五条、第十六条 — the stamp-duty deadline runs from signing the gift
# contract (15 days when levied per transaction), not from the transfer registration; 《契税法》第十条
# sets the "before registration" rule for 契税 only --------------------------------------------------

def test_sw033_stamp_duty_deadline_counts_from_signing(catalog):
    m = matter(catalog, "370100-SW-033")
    cond = next(c for c in m.conditions if "纳税义务" in c)
    assert "书立" in cond and "按次" in cond and "15日内" in cond
    assert "第十五条" in cond and "第十六条" in cond
    note = m.time_limit.note
    assert note != "须在办理不动产转移登记前完成申报缴纳。"
    assert "契税" in note and "第十条" in note and "不以过户时间为准" in note
    src = next(s for s in m.sources if "印花税法" in s.law and "第十六条" in s.article)
    assert "time_limit" in src.covers
    assert any("契税法" in s.law and "第十条" in s.article and "time_limit" in s.covers
               for s in m.sources)
