"""Facts corrected by the eighth independent 10% re-check, part D (docs/recheck8-d.md).

Sample: 41 of 403 matters, random.seed(20261201 * 8); part D covers 11 ids (SW, WJ, YB, ZJ, ZRZY).
Each test pins one corrected fact against the statute text it comes from, so it fails if the old
content comes back.
"""

from tests.truth_helpers import matter

# --- SW-021 增值税及附加税费申报: 增值税法第三十条第四款 — imports are declared within the customs
# deadlines; 第三十二条 — import VAT is collected by customs, not declared to the tax authority ---------

def test_sw021_import_vat_goes_to_customs_not_this_declaration(catalog):
    m = matter(catalog, "370100-SW-021")
    cond = next(c for c in m.conditions if "进口货物" in c)
    assert "海关代征" in cond and "海关规定的期限" in cond
    assert "第三十条第四款" in cond and "第三十二条" in cond
    assert any(s.article == "第三十二条" and "conditions" in s.covers
               for s in m.sources if "增值税法" in s.law)
    assert any("第三十条至第三十二条" in b for b in m.legal_basis)


# --- ZRZY-006 新建商品房转移登记: 民法典第二百二十一条第二款 — a 预告登记 lapses when the claim ends or
# when no registration is applied for within 90 days of registration becoming possible ------------------

def test_zrzy006_pre_registration_lapses_after_ninety_days(catalog):
    m = matter(catalog, "370100-ZRZY-006")
    cond = next(c for c in m.conditions if "预告登记" in c)
    assert "九十日" in cond and "失效" in cond and "第二百二十一条第二款" in cond
    faq = next(f for f in m.faq if "预告登记" in f.q)
    assert "九十日" in faq.a and "失效" in faq.a
    assert any(s.article == "第二百二十一条" and "conditions" in s.covers for s in m.sources)
