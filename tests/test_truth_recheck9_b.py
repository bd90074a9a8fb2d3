"""Facts checked by the ninth independent 10% re-check, part B (docs/recheck9-b.md).

Sample: 41 of 403 matters, random.seed(20261201 * 9); part B covers 10 ids (GJJ, HB, JJ, RS). All ten
were found correct on their checkable parts, so nothing was changed. These tests pin the statute facts
that were checked (day counts, counting units, fee, key conditions), so a later edit that breaks one of
them fails here.
"""

from tests.truth_helpers import matter


# 排污许可管理条例第十二条: 20 days (simplified), 30 days (key), 45 days with a site check, counted in 日;
# 第十四条: 5-year term, renewal asked 60 days before expiry, change within 30 days of the change
def test_hb001_day_counts_follow_regulation_arts_12_and_14(catalog):
    m = matter(catalog, "370100-HB-001")
    assert m.time_limit.legal_days == 30 and m.time_limit.days_unit == "自然日"
    assert all(x in m.time_limit.note for x in ("20日", "30日", "45日"))
    assert "5年" in m.result
    renew = next(f for f in m.faq if "到期" in f.q)
    assert "60日前" in renew.a and "20日内" in renew.a
    change = next(f for f in m.faq if "改名" in f.q)
    assert "30日内" in change.a


# 劳动争议调解仲裁法第四十三条 (45 days, extension at most 15), 第五十三条 (no fee), 第二十七条 (one year)
def test_rs014_arbitration_limits_and_fee(catalog):
    m = matter(catalog, "370100-RS-014")
    assert m.time_limit.legal_days == 45 and m.time_limit.days_unit == "自然日"
    assert "15日" in m.time_limit.note
    assert m.fee.charged is False and "第五十三条" in m.fee.basis
    assert any("1年" in c and "中断" in c and "中止" in c for c in m.conditions)


# 劳动保障监察条例第十七条: 60 working days from filing, extension 30 working days; 第二十条: two years
def test_rs037_inspection_limits(catalog):
    m = matter(catalog, "370100-RS-037")
    assert m.time_limit.legal_days == 60 and m.time_limit.days_unit == "工作日"
    assert "30个工作日" in m.time_limit.note
    assert any("二年" in c and "终了" in c for c in m.conditions)


# 社会保险经办条例第二十四条第三款: certificate reviewed, done within 10 working days of the application
def test_rs012_ten_working_days(catalog):
    m = matter(catalog, "370100-RS-012")
    assert m.time_limit.legal_days == 10 and m.time_limit.days_unit == "工作日"


# 机动车驾驶证申领和使用规定第七十四条、第七十九条第一款第九项、第八十五条第二款
def test_jj018_exam_intervals_and_cancellation(catalog):
    m = matter(catalog, "370100-JJ-018")
    assert any("每年进行一次" in c and "三十日内" in c for c in m.conditions)
    assert any("每三年" in c for c in m.conditions)
    assert any("一年内" in c and "三个记分周期" in c and "注销" in c for c in m.conditions)
    cert = next(x for x in m.materials if x.name == "机动车驾驶人身体条件证明")
    assert "六个月" in cert.notes


# 机动车驾驶证申领和使用规定第二十一条: three months for short stays, up to one year beyond three months
def test_jj013_validity_periods(catalog):
    m = matter(catalog, "370100-JJ-013")
    assert any("三个月" in c and "一年" in c for c in m.conditions)


# 住房公积金管理条例第十三条第二款: one account per employee
def test_gjj026_one_account_rule(catalog):
    m = matter(catalog, "370100-GJJ-026")
    assert any("只能有一个" in c for c in m.conditions)
