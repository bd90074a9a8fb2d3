"""Facts corrected by the sixth pass, part C (docs/pass6-c.md): sorted ids 100..150 (JJ-015..JJ-060,
JT-001..003, JY-001..002), checked for (g) sources that claim more than their article and (h) time limits
of an already cited article left out. Each test fails if the old content comes back."""

from tests.truth_helpers import matter

# --- JJ-041 校车标牌核发: 机动车登记规定第六十二条 (cited as 第六十一条至第六十四条) has the school apply
# for the 检验合格标志 within one month before the inspection period ends, issued within one day with a
# new 校车标牌 -------------------------------------------------------------------------------------------

def test_jj041_renewal_deadline_of_article_62(catalog):
    m = matter(catalog, "370100-JJ-041")
    cond = next(c for c in m.conditions if "每半年检验一次" in c)
    assert "检验有效期满前一个月内" in cond and "一日内" in cond and "第六十二条" in cond
    faq = next(f for f in m.faq if "有效期多久" in f.q)
    assert "检验有效期满前一个月内" in faq.a


# --- JJ-045 机动车交通违法信息查询: 处理程序规定第十九条 (cited) gives the 发生地 office five working days
# after collection to review a camera record before it is entered and can be queried -----------------------

def test_jj045_five_day_review_before_query(catalog):
    m = matter(catalog, "370100-JJ-045")
    assert any("收集违法记录资料后五日内" in c and "第十九条" in c for c in m.conditions)
    faq = next(f for f in m.faq if "多久能查到" in f.q)
    assert "五个工作日内审核" in faq.a and "第十九条" in faq.a


# --- JJ-051 道路交通事故认定复核: 事故处理程序规定第七十二条第二款 (cited) has the original office hand in
# the case file within five days when the review is filed directly with the higher office -------------------

def test_jj051_direct_filing_five_day_case_file(catalog):
    m = matter(catalog, "370100-JJ-051")
    step = next(p for p in m.process if p.startswith("移送"))
    assert "二日内" in step and "五日内提交案卷材料" in step and "第七十二条" in step


def test_jj051_review_window_is_three_days_not_working_days(catalog):
    """Article 71 gives three days (三日内) from service; the FAQ once said 三个工作日内."""
    m = matter(catalog, "370100-JJ-051")
    faq = next(f for f in m.faq if "复核" in f.q and "多久" in f.q)
    assert "三日内" in faq.a and "工作日" not in faq.a and "第七十一条" in faq.a


# --- JJ-052 道路交通事故损害赔偿调解: 事故处理程序规定第八十八条第二款 (cited) asks a participant who cannot
# come to tell the officer one day before the set time to change it ---------------------------------------

def test_jj052_one_day_notice_to_reschedule(catalog):
    m = matter(catalog, "370100-JJ-052")
    step = next(p for p in m.process if p.startswith("通知"))
    assert "三日前通知" in step and "一日前通知承办交警" in step and "第八十八条第二款" in step
