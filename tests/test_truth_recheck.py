"""Facts corrected by the independent 10% re-check of 2026-12-01 (docs/recheck-2026-12-01.md).

Sample: 14 of 135 matters, random.seed(20261201). Each test pins one corrected fact against the
statute text it comes from, so it fails if the old content comes back.
"""


from tests.truth_helpers import matter, names, option_label

# --- JJ-003 机动车注册登记: 《机动车登记规定》第十一条第二款 --------------------------------------

def test_jj003_imported_cars_are_exempt_only_within_two_years_and_without_accident(catalog):
    # Art. 11(2): an exempt vehicle, imported ones included, must be inspected if it was imported
    # more than two years before registration or had an accident before registration.
    label = option_label(matter(catalog, "370100-JJ-003"), "inspect", "exempt")
    assert "经海关进口" in label
    assert "两年内" in label and "交通事故" in label
    # the caveat must not be attached to the exempt models alone, with imports listed after it
    assert not label.rstrip("）").endswith("或经海关进口")


# --- JJ-004 机动车转让登记: 《机动车登记规定》第二十七条 -------------------------------------------

def test_jj004_small_car_traded_elsewhere_goes_through_transfer_out_and_in(catalog):
    m = matter(catalog, "370100-JJ-004")
    rule = [c for c in m.conditions if "转入地" in c]
    assert rule, m.conditions
    # art. 27(3): only small/micro passenger cars and motorcycles traded in the destination apply
    # there directly; any other case (also a small car traded elsewhere) uses art. 27(1)-(2)
    assert "不在济南交易的小型、微型载客汽车和摩托车" in rule[0]
    assert "三十日" in rule[0]


def test_jj004_faq_on_buying_a_car_from_another_city(catalog):
    m = matter(catalog, "370100-JJ-004")
    faq = next(f for f in m.faq if "回原籍" in f.q)
    assert "在济南交易" in faq.a
    assert "在外地交易的" in faq.a and "原登记地办理转出" in faq.a
    assert "；其他车辆需先在原登记地办理转出" not in faq.a


# --- GA-012 往来港澳通行证及签注: 暂行管理办法第九条 ----------------------------------------------

def test_ga012_application_form_is_listed(catalog):
    m = matter(catalog, "370100-GA-012")
    for kind in ("new_card", "replace"):
        listed = names(m, {"kind": kind, "endorsement": "tour_group", "age": "adult"})
        assert "出入境证件申请表" in listed, (kind, listed)
    row = next(x for x in m.materials if x.name == "出入境证件申请表")
    assert row.form == "原件" and row.copies == 1


def test_ga012_source_says_which_materials_article_9_and_10_cover(catalog):
    m = matter(catalog, "370100-GA-012")
    src = next(s for s in m.sources if s.article == "第九条、第十条")
    assert "materials" in src.covers
    assert "1986" in src.note and "亲属函件" in src.note


# --- JY-002 教师资格认定: 《教师法》第十条, 《教师资格条例》第八条、第十二条、第十五条 --------------

def test_jy002_condition_states_the_statutory_degree_or_exam_rule(catalog):
    m = matter(catalog, "370100-JY-002")
    exam_rule = [c for c in m.conditions if "教师资格考试" in c and "合格" in c]
    assert exam_rule, m.conditions
    text = exam_rule[0]
    assert "《教师法》第十条" in text and "第八条" in text and "第十二条" in text
    assert "具备法定学历或者教师资格考试合格" in text
    assert "考试改革" in text
    src = next(s for s in m.sources if s.law == "《教师资格条例》")
    assert "第六条至第八条" in src.article


def test_jy002_pledge_row_stands_for_article_15_item_4(catalog):
    m = matter(catalog, "370100-JY-002")
    row = next(x for x in m.materials if x.name == "个人承诺书")
    assert "第十五条第四项" in row.notes
    assert "思想品德" in row.notes and "犯罪记录" in row.notes
