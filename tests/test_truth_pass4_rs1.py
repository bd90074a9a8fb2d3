"""Facts corrected by the fourth pass over RS-001..037, CL, HB, XF, SWJ, TY and JY (docs/pass4-rs1.md).

Each test pins one corrected fact against the article it comes from, so it fails if the old
content comes back.
"""


from tests.truth_helpers import matter


def _src(m, law_part, article=None):
    return [s for s in m.sources if law_part in (s.law or "") and (article is None or s.article == article)]


# --- RS-001 失业保险金申领: 《社会保险法》第五十一条、《失业保险条例》第十五条 ------------------------

def test_rs001_stop_cases_in_notes_are_covered(catalog):
    m = matter(catalog, "370100-RS-001")
    assert "被判刑收监执行" in m.notes
    assert all("general" in s.covers for s in _src(m, "社会保险法") + _src(m, "失业保险条例"))


# --- RS-002 社会保障卡申领: fee rule is practice, not 经办条例 ------------------------------------

def test_rs002_free_first_card_is_credited_as_practice(catalog):
    m = matter(catalog, "370100-RS-002")
    assert m.fee.basis.startswith("按济南社会保障卡经办做法")


# --- RS-003 社会保障卡补换: 《社会保险经办条例》第九条 (notes) -----------------------------------------

def test_rs003_notes_duty_is_covered_by_article_9(catalog):
    m = matter(catalog, "370100-RS-003")
    assert "general" in _src(m, "社会保险经办条例")[0].covers


# --- RS-004 灵活就业人员养老保险参保登记: age is not in 社会保险法 art. 10 ------------------------------

def test_rs004_age_condition_is_practice_and_faq_covered(catalog):
    m = matter(catalog, "370100-RS-004")
    assert any(c.startswith("按社会保险经办做法") and "十六周岁" in c for c in m.conditions)
    assert "faq" in _src(m, "社会保险法")[0].covers


# --- RS-005 城乡居民养老保险参保登记: conditions come from 国发〔2014〕8号 --------------------------------

def test_rs005_conditions_credited_to_state_council_opinion(catalog):
    m = matter(catalog, "370100-RS-005")
    assert "国发〔2014〕8号" in _src(m, "社会保险法")[0].note


# --- RS-006 退休待遇申领: the "next month" start is practice -------------------------------------

def test_rs006_next_month_start_is_practice(catalog):
    m = matter(catalog, "370100-RS-006")
    assert any(p.startswith("发放：按经办规定") for p in m.process)


# --- RS-007 养老保险关系转移: steps and 15-day limits come from 国办发〔2009〕66号 ------------------------

def test_rs007_transfer_steps_credited_to_interim_measures(catalog):
    m = matter(catalog, "370100-RS-007")
    assert "国办发〔2009〕66号" in _src(m, "社会保险经办条例")[0].note


# --- RS-013 工伤认定申请: 《工伤保险条例》第十七条 -----------------------------------------------------

def test_rs013_office_is_the_one_article_17_names(catalog):
    m = matter(catalog, "370100-RS-013")
    step = m.process[0]
    assert "生产经营地" not in step
    assert "用人单位所在地统筹地区社会保险行政部门" in step


# --- RS-014 劳动人事争议仲裁申请: 《劳动争议调解仲裁法》第二十二条、第四十二条、第二十七条 ----------------

def test_rs014_mediation_and_joint_parties_are_cited(catalog):
    m = matter(catalog, "370100-RS-014")
    src = next(s for s in m.sources if "第四十二条" in s.article and "第二十二条" in s.article)
    assert "process" in src.covers and "situations" in src.covers
    limitation = next(s for s in m.sources if "第二十七条" in s.article)
    assert "faq" in limitation.covers


# --- RS-015 高校毕业生报到: 《人力资源市场暂行条例》第十五条 ------------------------------------------

def test_rs015_free_archive_service_cites_hr_market_regulation(catalog):
    m = matter(catalog, "370100-RS-015")
    src = _src(m, "人力资源市场暂行条例", "第十五条")
    assert src and "fee" in src[0].covers
    assert "第十五条" in m.fee.basis


# --- RS-018 就业困难人员认定: 《山东省就业促进条例》第四十六条 (notes) -----------------------------------

def test_rs018_three_year_limit_in_notes_is_covered(catalog):
    m = matter(catalog, "370100-RS-018")
    assert "3年" in m.notes
    assert "general" in _src(m, "山东省就业促进条例")[0].covers


# --- RS-023 失业保险关系转移: no article names the office to apply to ----------------------------

def test_rs023_no_invented_office(catalog):
    m = matter(catalog, "370100-RS-023")
    assert "向转入地或转出地" not in m.process[0]


# --- RS-033 职业培训补贴申领: 《社会保险经办条例》第二十四条第三款 names the 社会保险经办机构 ----------------

def test_rs033_process_does_not_send_art24_claims_to_employment_office(catalog):
    m = matter(catalog, "370100-RS-033")
    step = next(p for p in m.process if p.startswith("申领"))
    assert "社会保险经办机构" in step and "第二十四条第三款" in step
    assert "process" in _src(m, "社会保险经办条例")[0].covers


# --- RS-034 职称评审: 《关于实行专业技术职务聘任制度的规定》第五项 (评审委员会) ------------------------------

def test_rs034_review_board_step_cites_item_5(catalog):
    m = matter(catalog, "370100-RS-034")
    src = m.sources[0]
    assert "第五项" in src.article and "process" in src.covers


# --- CL-001 / CL-002 残疾人证: 《济南市保障残疾人合法权益的若干规定》第七条 --------------------------------

def test_cl_household_register_condition_is_covered_by_jinan_art7(catalog):
    for mid in ("370100-CL-001", "370100-CL-002"):
        m = matter(catalog, mid)
        assert "conditions" in _src(m, "济南市保障残疾人合法权益的若干规定")[0].covers
    m = matter(catalog, "370100-CL-001")
    assert "faq" in _src(m, "山东省实施")[0].covers


# --- HB-001 排污许可证申领: 《排污许可管理条例》第九条、第十条 ----------------------------------------

def test_hb001_review_step_cites_articles_9_and_10(catalog):
    m = matter(catalog, "370100-HB-001")
    src = next(s for s in m.sources if s.article == "第九条、第十条")
    assert "process" in src.covers and "fee" in src.covers
    step = next(p for p in m.process if p.startswith("审查"))
    assert "不得向排污单位收费" in step
    # the 5-day disclosure period is not in art. 8; it is credited to the ministry's measures
    row = next(x for x in m.materials if "信息公开" in x.name)
    assert "排污许可管理办法" in row.notes
    pledge = next(x for x in m.materials if x.name.endswith("承诺书"))
    assert "排污许可管理办法" in pledge.notes


# --- HB-002 环评审批: 《环境影响评价法》第十九条、第二十一条; 《建设项目环境保护管理条例》第十二条 -------------

def test_hb002_preparation_and_public_comment_are_cited(catalog):
    m = matter(catalog, "370100-HB-002")
    src = next(s for s in m.sources if s.article == "第十九条、第二十一条")
    assert "process" in src.covers and "materials" in src.covers
    faq = next(f for f in m.faq if "5年" in f.q)
    assert "视为审核同意" in faq.a
    row = next(x for x in m.materials if x.name == "公众参与说明")
    assert "第二十一条" in row.notes


# --- XF-001 公众聚集场所消防安全检查: rules not in 《消防法》第十五条 are credited to the 检查规则 ------------

def test_xf001_reapplication_rule_is_credited_to_inspection_rules(catalog):
    m = matter(catalog, "370100-XF-001")
    assert any(c.startswith("按该检查规则，已取得许可的场所") for c in m.conditions)
    faq = next(f for f in m.faq if "装修" in f.q)
    assert "检查规则" in faq.a


# --- SWJ-001 排水许可: rules not in 《城镇排水与污水处理条例》第二十二条 are credited to the 办法 -----------

def test_swj001_monitoring_device_rule_is_credited_to_measures(catalog):
    m = matter(catalog, "370100-SWJ-001")
    cond = next(c for c in m.conditions if "自动监测设备" in c)
    assert "按该办法" in cond
    assert "自动监测设备" in m.notes


# --- TY-001 优待证申领: 《军人抚恤优待条例》第五十二条 ------------------------------------------------

def test_ty001_survivor_card_use_cites_pension_regulation(catalog):
    m = matter(catalog, "370100-TY-001")
    src = _src(m, "军人抚恤优待条例")
    assert src and "第五十二条" in src[0].article
    faq = next(f for f in m.faq if "有什么用" in f.q)
    assert "烈士遗属" in faq.a and "第五十二条" in faq.a
    both = next(f for f in m.faq if "办哪种证" in f.q)
    assert both.a.startswith("按退役军人事务部优待证管理办法")


# --- JY-001 小学入学: 《义务教育法》第十二条 (notes) ---------------------------------------------------

def test_jy001_notes_covered(catalog):
    m = matter(catalog, "370100-JY-001")
    assert "general" in _src(m, "义务教育法")[0].covers


# --- JY-002 教师资格认定: 《教师资格条例》第十五条第二款、第十六条第二款 --------------------------------------

def test_jy002_supplementary_courses_and_uncited_rules(catalog):
    m = matter(catalog, "370100-JY-002")
    step = next(p for p in m.process if p.startswith("审核认定"))
    assert "补修教育学、心理学" in step and "受理期限终止前补齐" in step
    assert "process" in _src(m, "教师资格条例")[0].covers
    fee = next(f for f in m.faq if "收费" in f.q)
    assert "未规定收费" in fee.a
    validity = next(f for f in m.faq if "有效期" in f.q)
    assert "未规定有效期" in validity.a


# --- JY-003 初中入学: the fallback to a public school is local practice --------------------------

def test_jy003_lottery_fallback_is_practice(catalog):
    m = matter(catalog, "370100-JY-003")
    faq = next(f for f in m.faq if "没摇中" in f.q)
    assert faq.a.startswith("按济南各区县招生做法")
    src = next(s for s in m.sources if "义务教育法" in (s.law or ""))
    assert "招生政策" in src.note
