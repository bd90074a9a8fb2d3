"""Facts corrected by the eighth independent 10% re-check, part B (docs/recheck8-b.md).

Sample: 41 of 403 matters, random.seed(20261201 * 8); part B covers 10 ids (JJ, MZ, RS). Each test
pins one corrected fact against the statute text it comes from, so it fails if the old content comes
back.
"""

from tests.truth_helpers import matter

# --- JJ-043 技术监控违法处理: 处理程序规定第五十一条 sets seven days (working days, 第八十一条) from 接受处理
# or the end of the hearing for a 吊销驾驶证 decision; 第五十二条 sends such camera cases to 一般程序 ------

def test_jj043_time_note_gives_the_seven_day_limit_for_revocation(catalog):
    m = matter(catalog, "370100-JJ-043")
    note = m.time_limit.note
    assert "二十四小时" in note and m.time_limit.legal_days == 7 and m.time_limit.days_unit == "工作日"
    assert "吊销机动车驾驶证" in note and "七个工作日" in note and "听证程序结束" in note
    assert any("第五十一条" in s.article and "time_limit" in s.covers for s in m.sources)


# --- Observations (not counted): legal_basis now names every text and article that `sources` cites --

def test_jj046_legal_basis_names_the_jinan_regulation(catalog):
    m = matter(catalog, "370100-JJ-046")
    assert any("济南市道路交通安全条例" in x and "第六十二条" in x for x in m.legal_basis)


def test_jj007_legal_basis_names_the_working_day_rule(catalog):
    m = matter(catalog, "370100-JJ-007")
    assert any("机动车登记规定" in x and "第九十二条" in x for x in m.legal_basis)
