"""Facts corrected by the sixth pass, part D (docs/pass6-d.md): sources that claimed more than their
article says (kind g) and time limits an already cited article sets but the matter left out (kind h).
Each test pins one corrected fact so it fails if the old content comes back.
"""

from tests.truth_helpers import matter


# --- MZ-011 收养登记: 收养子女登记办法第八条第二款 excludes only the 公告期间 from the 30-day period; it
# says nothing about the 收养评估 time, so the note must not credit the 办法 with that (kind g) -----------

def test_mz011_only_the_notice_period_is_excluded_by_article_8(catalog):
    m = matter(catalog, "370100-MZ-011")
    note = m.time_limit.note
    assert "公告期（60日）和收养评估时间不计入" not in note
    assert "第八条第二款" in note and "公告期间" in note
    assert "办法没有规定" in note
