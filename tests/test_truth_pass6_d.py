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


# --- MZ-007 高龄津贴: 山东省老年人权益保障条例第三十一条 and 养老服务条例第五十五条第二款 set only a
# 本省户籍, 80+ allowance; the Jinan-hukou and one-share rules are local practice, said so (kind g) -----

def test_mz007_provincial_articles_do_not_carry_the_jinan_rules(catalog):
    m = matter(catalog, "370100-MZ-007")
    first = m.conditions[0]
    assert "本省户籍" in first and "未能在法规库核对" in first
    share = next(c for c in m.conditions if "一份" in c)
    assert "上述两条没有规定" in share
    src = next(s for s in m.sources if s.article == "第三十一条")
    assert "具体办法由省人民政府制定" in src.note


# --- MZ-028 慈善组织认定: 慈善法第十条第一款 gives 30 days for registering a new 慈善组织 (the FAQ's case),
# besides the 20 days of the 认定 in 第二款 (kind h) --------------------------------------------------------

def test_mz028_new_organisation_faq_gives_the_30_day_registration_period(catalog):
    m = matter(catalog, "370100-MZ-028")
    faq = next(f for f in m.faq if "新成立" in f.q)
    assert "三十日内作出决定" in faq.a and "第十条第一款" in faq.a
    assert "第七条" in faq.a


# --- RS-014 劳动人事争议仲裁: 劳动争议调解仲裁法第三十条 (cited) sets 5 days to serve the application, 10
# days to answer; 第五十条 makes an unchallenged ordinary award binding when the 15 days run out (kind h) --

def test_rs014_answer_period_and_award_taking_effect(catalog):
    m = matter(catalog, "370100-RS-014")
    step = next(p for p in m.process if p.startswith("送达答辩"))
    assert "在规定期限内答辩" not in step
    assert "10日内提交答辩书" in step and "5日内" in step and "第三十条" in step
    award = next(p for p in m.process if p.startswith("裁决"))
    assert "期满不起诉的裁决书发生法律效力" in award and "第五十条" in award


# --- RS-008 参保证明打印: 社会保险法第七十四条 gives only free query and 核对; the who-may-print, 实名,
# 电子印章 and correction rules are practice, said in the source note (kind g) ---------------------------

def test_rs008_article_74_note_marks_the_practice_rules(catalog):
    m = matter(catalog, "370100-RS-008")
    src = next(s for s in m.sources if s.article == "第七十四条")
    assert "免费向经办机构查询、核对" in src.note and "经办实践和窗口要求" in src.note


# --- RS-010 失业登记: 社会保险法第四十五条、第五十条 say nothing on keeping in touch with the employment
# service, so the FAQ names where that comes from (kind g) ------------------------------------------------

def test_rs010_keep_in_touch_faq_is_not_credited_to_the_social_insurance_law(catalog):
    m = matter(catalog, "370100-RS-010")
    faq = next(f for f in m.faq if "定期" in f.q)
    assert "不在《社会保险法》第四十五条、第五十条中" in faq.a
    assert "就业服务与就业管理规定" in faq.a


# --- RS-016 丧葬补助金: 社会保险经办条例第四十六条 sets refund, instalments and set-off only; the "from the
# month after death" rule is practice (kind g) ----------------------------------------------------------

def test_rs016_article_46_does_not_set_the_month_after_death(catalog):
    m = matter(catalog, "370100-RS-016")
    src = next(s for s in m.sources if s.article == "第十九条、第二十五条、第四十六条")
    assert "死亡次月起" in src.note and "此条没有规定" in src.note


# --- RS-003 社会保障卡补换: 社会保险经办条例第六条、第七条、第九条 do not set the loss-report channels or the
# 挂失-then-补卡 order; the source note says they are card-service practice (kind g) ----------------------

def test_rs003_articles_6_7_9_do_not_carry_the_loss_report_rules(catalog):
    m = matter(catalog, "370100-RS-003")
    src = next(s for s in m.sources if s.article == "第六条、第七条、第九条")
    assert "挂失的渠道" in src.note and "经办实践" in src.note


# --- MZ-029 公开募捐资格: 山东省慈善条例第二十一条第二款 (cited) also sets 10 days to complete a deficient
# 募捐方案 and 10 days to report a change to it (kind h) ----------------------------------------------------

def test_mz029_plan_correction_and_change_periods(catalog):
    m = matter(catalog, "370100-MZ-029")
    step = next(p for p in m.process if p.startswith("开展募捐"))
    assert "在十日内补正" in step
    assert "自变化之日起十日内" in step and "第二十一条第二款" in step
