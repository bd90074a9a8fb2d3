"""Facts corrected by the sixth pass, part A (docs/pass6-a.md): kinds (g) a source claiming more than its
article says, and (h) a time limit, lapse or exemption of an already-cited article left out.

Each test pins one correction so it fails if the old content comes back.
"""

from tests.truth_helpers import matter

# --- GA-003 居民身份证补领: 居民身份证法第七条、第十一条 list no materials for 补领, so that source must not
# claim the materials; the note says they are window requirements -----------------------------------------

def test_ga003_articles_7_and_11_do_not_carry_the_materials(catalog):
    m = matter(catalog, "370100-GA-003")
    src = next(s for s in m.sources if s.article == "第七条、第十一条")
    assert "materials" not in src.covers
    assert "受理窗口要求" in src.note


# --- GA-024 刑满释放人员恢复户口: 户口登记条例第十四条 sets the approval for parolees etc. but lists no
# materials, so it must not claim the materials -------------------------------------------------------

def test_ga024_article_14_does_not_carry_the_materials(catalog):
    m = matter(catalog, "370100-GA-024")
    src = next(s for s in m.sources if s.article == "第十四条")
    assert "materials" not in src.covers
    assert "没有列申报材料" in src.note


# --- CG-002 户外广告和牌匾标识设置: 济南市户外广告和牌匾标识管理条例第二十四条第一款 deems a renewal
# granted when the authority has not decided before the permit expires ------------------------------------

def test_cg002_renewal_not_decided_in_time_is_deemed_granted(catalog):
    m = matter(catalog, "370100-CG-002")
    assert "到期未作决定的视为准予延续" in m.notes
    assert any(s.article == "第二十四条、第三十一条" and "general" in s.covers for s in m.sources)


# --- GA-009 死亡人员户口注销: 户口登记条例第八条 sets who reports a death, when, and the cancellation; it
# says nothing on handing back the ID card or on a cancellation certificate, so the FAQ says so ----------

def test_ga009_id_card_return_is_marked_as_practice_not_article_8(catalog):
    m = matter(catalog, "370100-GA-009")
    faq = next(f for f in m.faq if "身份证" in f.q)
    assert not faq.a.startswith("应交回死者的居民身份证")
    assert "经办实践" in faq.a and "第八条" in faq.a
    src = next(s for s in m.sources if s.article == "第八条")
    assert "收回居民身份证" in src.note and "经办实践" in src.note
