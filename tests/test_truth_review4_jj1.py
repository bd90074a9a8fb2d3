"""Errors introduced by the fourth pass in JJ-001..030 and WJ, found by review 4 (docs/review4-jj1.md).

Each test pins one corrected fact against the statute text it comes from, so it fails if the
fourth pass's wording comes back.
"""

from tests.truth_helpers import matter

# --- WJ-001 出生医学证明: 《民法典》第一千零一十五条第二款 — the surname rule of the first paragraph
# ("应当随父姓或者母姓" with three exceptions) is not the whole article: minority children's surnames
# may follow their own ethnic tradition ------------------------------------------------------------

def test_wj001_surname_rule_keeps_minority_paragraph(catalog):
    m = matter(catalog, "370100-WJ-001")
    cond = next(c for c in m.conditions if "姓氏" in c)
    assert "应当随父姓或者母姓" in cond
    assert "少数民族" in cond and "本民族" in cond
    assert cond.index("少数民族") < cond.index("第一千零一十五条")
    assert any("民法典" in s.law and s.article == "第一千零一十五条" and "conditions" in s.covers
               for s in m.sources)
