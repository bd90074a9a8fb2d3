"""Facts corrected by the second independent 10% re-check, first half (docs/recheck2-a.md).

Sample: 41 of 403 matters, random.seed(20261201 * 2); this file covers the first 21 ids. Each test
pins one corrected fact against the statute text it comes from, so it fails if the old content
comes back.
"""


from tests.truth_helpers import matter, names

# --- GA-039 外国人签证延期换发补发: 《外国人入境出境管理条例》第十九条第一款 ----------------------

def test_ga039_all_three_grounds_for_an_agent_are_listed(catalog):
    m = matter(catalog, "370100-GA-039")
    rule = [c for c in m.conditions if "代为申请" in c]
    assert rule, m.conditions
    text = rule[0]
    # (1) age or illness, (2) not the first entry and a clean stay record, (3) cost guarantee
    assert "未满16周岁" in text and "已满60周岁" in text and "行动不便" in text
    assert "此前入境过" in text and "记录" in text
    assert "保证措施" in text
    # the old wording listed ground (1) only
    assert "因病行动不便等情形可由" not in text
    src = next(s for s in m.sources if "第十九条" in s.article)
    assert "conditions" in src.covers


# --- JJ-003 机动车注册登记: 《机动车登记规定》第十一条 ------------------------------------------

def test_jj003_faq_keeps_imported_cars_out_of_the_inspection_duty(catalog):
    m = matter(catalog, "370100-JJ-003")
    faq = next(f for f in m.faq if "先验车" in f.q)
    # art. 11(1): imported vehicles are exempt like certified models; art. 11(2): both lose the
    # exemption after two years or after an accident before registration
    assert "经海关进口" in faq.a
    assert "两年内" in faq.a and "交通事故" in faq.a
    assert "出过事故的，仍要先检验" in faq.a
    src = next(s for s in m.sources if s.article == "第十条至第十二条")
    assert "faq" in src.covers


# --- JJ-019 机动车驾驶证审验: 《机动车驾驶证申领和使用规定》第七十四条第一款 ---------------------

def test_jj019_drivers_over_70_bring_a_medical_certificate(catalog):
    m = matter(catalog, "370100-JJ-019")
    listed = names(m, {"driver": "elder"})
    assert "医疗机构出具的有关身体条件的证明" in listed, listed
    row = next(x for x in m.materials if x.name == "医疗机构出具的有关身体条件的证明")
    assert row.form == "原件" and row.copies == 1 and row.required
    assert "三十日内" in row.notes
    # the declaration of art. 74(3) stays with the heavy-vehicle and fatal-accident cases
    assert "身体条件情况申报" not in listed
    assert "医疗机构出具的有关身体条件的证明" not in names(m, {"driver": "heavy"})


# --- JJ-043 交通技术监控记录违法行为处理: 处理程序规定第五十二条、第八十一条 ------------------------

def test_jj043_a_200_yuan_fine_is_in_the_simple_procedure(catalog):
    m = matter(catalog, "370100-JJ-043")
    rule = [c for c in m.conditions if "简易程序" in c]
    assert rule, m.conditions
    # art. 52: 二百元（不含）以上 -> general procedure; art. 81: 以上 includes the number unless noted
    assert "超过二百元" in rule[0]
    assert "处二百元以上罚款" not in rule[0]


# --- JJ-050 道路交通事故自行协商处理: 《道路交通事故处理程序规定》第十三条、第十四条 ----------------

def test_jj050_article_14_cases_are_reported_after_moving(catalog):
    m = matter(catalog, "370100-JJ-050")
    rule = [c for c in m.conditions if "保险标志" in c]
    assert rule, m.conditions
    text = rule[0]
    assert "检验合格标志" in text and "公共设施" in text
    assert "报警" in text and "不妨碍交通" in text
    src = next(s for s in m.sources if "第十三条" in s.article)
    assert "第十四条" in src.article
    assert any("第十四条" in b for b in m.legal_basis if "事故处理程序规定" in b)


def test_jj050_article_13_school_bus_and_passenger_case_is_listed(catalog):
    m = matter(catalog, "370100-JJ-050")
    rule = next(c for c in m.conditions if "立即报警" in c)
    assert "校车" in rule and "旅客运输" in rule


# --- JY-003 初中新生入学报名: 《民办教育促进法实施条例》第三十一条 -------------------------------

def test_jy003_random_allocation_is_not_attributed_to_the_regulation(catalog):
    m = matter(catalog, "370100-JY-003")
    statutory = [c for c in m.conditions if "第三十一条" in c]
    assert statutory, m.conditions
    assert "同期招生" in statutory[0] and "不得提前招生" in statutory[0]
    assert "随机" not in statutory[0]
    lottery = [c for c in m.conditions if "随机派位" in c]
    assert lottery and "2019" in lottery[0] and "义务教育质量的意见" in lottery[0]
    faq = next(f for f in m.faq if "考试选拔" in f.q)
    assert "2019" in faq.a
    assert any("义务教育质量的意见" in b for b in m.legal_basis)
