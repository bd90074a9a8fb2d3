"""Facts corrected by the fifth pass, part B (docs/pass5-b.md).

Matters 370100-GA-045 .. 370100-JJ-014 (sorted ids 50-99). Each test pins one corrected fact against the
statute text it comes from, so it fails if the old content comes back.
"""

from tests.truth_helpers import cites, matter

# --- JJ-008 / JJ-012: 驾驶证规定第一百零九条第一项第6目 — a foreigner may show a passport OR another
# international travel document, with a visa or permit for a stay of three months or more ---------------

def test_jj008_jj012_foreigner_may_use_another_international_travel_document(catalog):
    for mid in ("370100-JJ-008", "370100-JJ-012"):
        m = matter(catalog, mid)
        row = next(x for x in m.materials if list(x.when) == ["applicant.foreigner"])
        assert "其他国际旅行证件" in row.name, mid
        assert "停居留期三个月以上" in row.name and "住宿登记证明" in row.name, mid
        assert "外国人永久居留身份证" in row.name, mid


# --- JJ-012: 第一百零九条第一项第3目、第4目 — the 旅行证 route and the five-year Taiwan pass ----------

def test_jj012_hmt_identity_alternatives(catalog):
    m = matter(catalog, "370100-JJ-012")
    row = next(x for x in m.materials if "港澳居民居住证" in x.name)
    assert list(row.when) == ["applicant.hmt"]
    assert "旅行证" in row.notes and "五年有效" in row.notes and "住宿登记证明" in row.notes


# --- JJ-009 考试预约: 第三十九条第一款 (科目一 first) binds only those who take 科目一; 第三十条第二款至
# 第五款 cases get the 学习驾驶证明 on acceptance (第四十条第二款) ------------------------------------

def test_jj009_subject_one_precondition_scoped(catalog):
    m = matter(catalog, "370100-JJ-009")
    first = m.conditions[0]
    assert "需考科目一的，科目一合格后方可预约" in first
    assert "第三十条第二款至第五款" in first and "第四十条第二款" in first
    assert "不以科目一合格为前提" in first
    assert cites(m, "驾驶证申领和使用规定", "第四十条", "conditions")


# --- GA-046 居住就业落户: 户口登记条例第十条、第十三条 — the statutory move-out and move-in route ---------

def test_ga046_statutory_migration_route(catalog):
    m = matter(catalog, "370100-GA-046")
    out = next(p for p in m.process if p.startswith("迁出"))
    assert "第十条" in out and "领取迁移证件" in out and "条例未作规定" in out
    settle = next(p for p in m.process if p.startswith("落户"))
    assert "三日以内" in settle and "十日以内" in settle
    assert cites(m, "户口登记条例", "第十条", "process")


# --- GJJ-005 异地转移接续: 条例第十三条、第十五条 set no 封存 or no-loan precondition ----------------

def test_gjj005_transfer_preconditions_credited_as_practice(catalog):
    m = matter(catalog, "370100-GJJ-005")
    sealed = next(c for c in m.conditions if "封存状态" in c)
    loan = next(c for c in m.conditions if "未结清的住房公积金贷款" in c)
    assert "条例》未作规定" in sealed and "条例未作规定" in loan


# --- JJ-002 补证: 驾驶证规定第一百零五条 — an agent may apply for a replacement licence -------------------

def test_jj002_agent_may_apply_for_replacement(catalog):
    m = matter(catalog, "370100-JJ-002")
    step = m.process[0]
    assert "本人到车管所" not in step
    assert "第一百零五条" in step and "委托书" in step and "驾驶人的身份证明" in step
    faq = next(f for f in m.faq if "代办" in f.q)
    assert "代理人本人的身份证明" in faq.a and "委托书" in faq.a
    assert cites(m, "驾驶证申领和使用规定", "第一百零五条", "process")


# --- GJJ-007 单位信息变更: 条例第十四条第二款 — 变更登记 or 注销登记 after a merger ---------------------

def test_gjj007_merger_faq_names_both_registrations(catalog):
    m = matter(catalog, "370100-GJJ-007")
    faq = next(f for f in m.faq if "合并" in f.q)
    assert "变更登记或者注销登记" in faq.a and "20日内" in faq.a


# --- GJJ-025 贷款信息查询: the note's rule on 条例第三十六条 now has its source entry ------------------

def test_gjj025_article_36_source(catalog):
    m = matter(catalog, "370100-GJJ-025")
    assert cites(m, "住房公积金管理条例", "第三十六条", "general")
    assert "第三十六条" in m.notes and "缴存、提取" in m.notes


# --- GA-049 迁移证件补发和延期: 户口登记条例 has no reissue or extension procedure (art. 10 covers only
# the move-out declaration) — where to apply is credited as practice --------------------------------

def test_ga049_reissue_route_credited_as_practice(catalog):
    m = matter(catalog, "370100-GA-049")
    cond = next(c for c in m.conditions if "原签发证件的公安机关" in c)
    assert "没有规定迁移证件的补发、延期程序" in cond and "现行做法" in cond
