"""Facts touched by the ninth independent 10% re-check, part D (docs/recheck9-d.md).

Sample: 41 of 403 matters, random.seed(20261201 * 9); part D covers 11 ids (XF, YB, ZJ, ZRZY). No
matter of part D needed a counted correction. Two `legal_basis` lists were completed so they name every
article that `sources` cites (fixed, not counted); these tests pin that.
"""

from tests.truth_helpers import matter

# --- ZJ-014: sources cite 山东省建设工程抗震设防条例第四十一条 (住建部门督促加固或拆除), so legal_basis must too --

def test_zj014_legal_basis_reaches_article_41(catalog):
    m = matter(catalog, "370100-ZJ-014")
    assert any(s.article == "第三十八条、第四十一条" for s in m.sources)
    assert "《山东省建设工程抗震设防条例》第三十六条至第四十一条" in m.legal_basis


# --- ZRZY-007: sources cite 不动产登记暂行条例第十七条 (受理) and 第二十一条 (登簿、发证) --------------------

def test_zrzy007_legal_basis_names_articles_17_and_21(catalog):
    m = matter(catalog, "370100-ZRZY-007")
    basis = next(b for b in m.legal_basis if b.startswith("《不动产登记暂行条例》"))
    assert "第十七条" in basis and "第二十一条" in basis
    assert "第二十二条" in basis
