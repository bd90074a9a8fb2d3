"""Facts corrected by the fourth full pass over the GA (公安) matters (docs/pass4-ga.md).

Each test pins one corrected fact against the article it comes from, so it fails if the old
content comes back.
"""


from tests.truth_helpers import matter


def _src(m, article, law_part=""):
    return next(s for s in m.sources if s.article == article and law_part in s.law)


# --- GA-001: 居民身份证法 art. 7 (apply where the permanent residence is) also backs the note ------

def test_ga001_note_on_place_is_covered_by_art_7(catalog):
    m = matter(catalog, "370100-GA-001")
    assert "常住户口所在地" in m.notes
    assert "general" in _src(m, "第二条、第七条").covers


# --- GA-006 / 007 / 008: 户口登记条例 art. 6 sets no housing or address rule (Jinan policy) --------

def test_ga006_housing_condition_credited_to_jinan_policy(catalog):
    m = matter(catalog, "370100-GA-006")
    cond = next(c for c in m.conditions if "合法稳定住所" in c)
    assert "按济南现行户籍政策" in cond and "未作规定" in cond


def test_ga007_purchase_and_co_owner_rules_credited_to_jinan_policy(catalog):
    m = matter(catalog, "370100-GA-007")
    assert "按济南现行购房落户政策" in next(c for c in m.conditions if "合法产权的住房" in c)
    assert "按济南现行做法" in next(c for c in m.conditions if "共有人" in c)


def test_ga008_address_rule_credited_to_jinan_policy(catalog):
    m = matter(catalog, "370100-GA-008")
    assert "按济南现行人才落户政策" in next(c for c in m.conditions if "合法落户地址" in c)
    assert "按济南现行做法" in next(c for c in m.conditions if "集体户管理单位同意" in c)


# --- GA-010: 居住证暂行条例 art. 2 (no prior 居住登记) and art. 3 (what the card proves) -----------

def test_ga010_prior_residence_registration_is_practice(catalog):
    m = matter(catalog, "370100-GA-010")
    faq = next(f for f in m.faq if "马上" in f.q)
    assert "半年以上" in faq.a and "按济南现行做法" in faq.a
    step = next(p for p in m.process if p.startswith("居住登记"))
    assert "条例本身未规定" in step


def test_ga010_use_faq_follows_art_3_not_points_scheme(catalog):
    m = matter(catalog, "370100-GA-010")
    faq = next(f for f in m.faq if "有什么用" in f.q)
    assert "申请登记常住户口的证明" in faq.a
    assert "积分落户" not in faq.a


# --- GA-011: 护照法 art. 16 (lost passport declared void) and art. 6(2) (written reasons) ----------

def test_ga011_void_after_loss_cites_art_16(catalog):
    m = matter(catalog, "370100-GA-011")
    src = _src(m, "第十六条", "护照法")
    assert "faq" in src.covers and "materials" in src.covers
    assert "宣布作废" in next(f.a for f in m.faq if "丢了" in f.q)
    assert "process" in _src(m, "第五条、第六条", "护照法").covers


# --- GA-012: 暂行管理办法 art. 6 (apply where registered) and art. 22 named in the note ------------

def test_ga012_nationwide_service_is_credited_as_practice(catalog):
    m = matter(catalog, "370100-GA-012")
    faq = next(f for f in m.faq if "外地户口" in f.q)
    assert "全国通办" in faq.a and "第六条" in faq.a
    assert "faq" in _src(m, "第六条", "香港").covers
    assert "general" in _src(m, "第二十二条", "香港").covers
    assert "conditions" in _src(m, "第九条、第十条", "香港").covers


# --- GA-013: 往来台湾地区管理办法 arts. 24, 25 are named in the note and FAQ -----------------------

def test_ga013_validity_and_endorsement_articles_cited(catalog):
    m = matter(catalog, "370100-GA-013")
    src = _src(m, "第二十四条、第二十五条", "台湾")
    assert "faq" in src.covers and "general" in src.covers


# --- GA-015: 退役军人安置条例 art. 49 (choice of settlement place for decorated veterans) -----------

def test_ga015_art_49_choice_of_place_listed(catalog):
    m = matter(catalog, "370100-GA-015")
    cond = next(c for c in m.conditions if "勋章" in c)
    assert "全国范围内选择安置地" in cond and "累计满15年" in cond and "累计满10年" in cond
    assert "conditions" in _src(m, "第四十九条").covers


# --- GA-016: 户口登记条例 art. 18(1) does not require both parents' consent -------------------------

def test_ga016_both_parents_consent_is_practice(catalog):
    m = matter(catalog, "370100-GA-016")
    mat = next(x for x in m.materials if x.name.startswith("父母双方同意"))
    assert "第十八条" in mat.notes and "现行做法" in mat.notes
    assert "materials" in _src(m, "第十七条、第十八条").covers


# --- GA-017: 户口登记条例 art. 10(2): the hiring proof comes from the 城市劳动部门 --------------------

def test_ga017_hiring_proof_source_is_labour_department_only(catalog):
    m = matter(catalog, "370100-GA-017")
    mat = next(x for x in m.materials if x.name == "城市劳动部门的录用证明")
    assert mat.source == "城市劳动部门"
    assert "faq" in _src(m, "第十条").covers


# --- GA-024: 户口登记条例 arts. 13, 14 back the process steps ---------------------------------------

def test_ga024_process_covered_by_arts_13_and_14(catalog):
    m = matter(catalog, "370100-GA-024")
    assert "process" in _src(m, "第十三条").covers
    assert "process" in _src(m, "第十四条").covers


# --- GA-039: 外国人入境出境管理条例 art. 21 (refusal of extension, renewal, replacement) -------------

def test_ga039_refusal_grounds_of_art_21(catalog):
    m = matter(catalog, "370100-GA-039")
    cond = next(c for c in m.conditions if c.startswith("有下列情形之一的，不予批准"))
    assert "弄虚作假" in cond and "不能按照规定提供申请材料" in cond
    assert "conditions" in _src(m, "第二十一条", "外国人").covers


# --- GA-040: 出境入境管理法 art. 31 (refusal grounds and the 停留→居留 route) ------------------------

def test_ga040_art_31_refusal_and_change_route(catalog):
    m = matter(catalog, "370100-GA-040")
    cond = next(c for c in m.conditions if c.startswith("有下列情形之一的，不予签发居留证件"))
    assert "投资者" in cond and "设区的市级以上" in cond
    assert "conditions" in _src(m, "第三十一条", "出境入境管理法").covers


# --- GA-044: 国籍法 arts. 15, 16 set no local review step --------------------------------------------

def test_ga044_local_forwarding_marked_as_practice(catalog):
    m = matter(catalog, "370100-GA-044")
    step = next(p for p in m.process if p.startswith("转报"))
    assert "现行做法" in step and "未规定" in step
    assert "审核：地方公安机关审核后报公安部。" not in m.process


# --- GA-011: 护照法 art. 10: a change of registered items must (应当) be annotated ------------------

def test_ga011_annotation_is_a_duty_under_art_10(catalog):
    m = matter(catalog, "370100-GA-011")
    cond = next(c for c in m.conditions if "变更加注" in c)
    assert "应当" in cond and "也可以申请护照变更加注" not in cond
    assert "应当" in next(f.a for f in m.faq if "没过期" in f.q)
    assert "conditions" in _src(m, "第十条", "护照法").covers
