"""Wave-2 catalog fields (region, sources, verified_on, provenance, all-of `when`), the Q&A kind
and the content findings of `guide validate --lint`."""
from __future__ import annotations

import json

import pytest
import yaml

from guide.catalog import CatalogError, applies, undecided
from guide.lint import lint_catalog, near_copy
from guide.loader import load_catalog
from guide.qa import load_qa
from tests.conftest import make_tiny_catalog


def _edit(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _problems(root):
    with pytest.raises(CatalogError) as info:
        load_catalog(root)
    return {(p.path.rsplit("/", 1)[-1], p.field): p.message for p in info.value.problems}


def test_applies_any_and_all():
    assert applies((), (), {})
    assert applies(("a.x", "a.y"), (), {"a": "y"}) and not applies(("a.x",), (), {"a": "y"})
    assert applies((), ("a.x", "b.z"), {"a": "x", "b": "z"})
    assert not applies((), ("a.x", "b.z"), {"a": "x"})
    assert not applies(("c.q",), ("a.x",), {"a": "x", "c": "r"})
    assert undecided((), ("a.x", "b.z"), {"a": "x"}) and not undecided(("a.x",), (), {"a": "y"})


def test_new_fields_load_with_defaults_and_values(tmp_path):
    root = make_tiny_catalog(tmp_path)
    _edit(root / "GA" / "370100-GA-001.yaml", lambda d: [d.pop(k, None) for k in ("sources", "verified_on")])
    path = root / "GA" / "370100-GA-002.yaml"
    _edit(path, lambda d: d.update(
        verified_on="2026-12-01",
        sources=[{"law": "《中华人民共和国居民身份证法》", "article": "第十一条", "covers": ["conditions"]},
                 {"title": "居民身份证换领办事指南", "issuer": "济南市公安局"}]))
    _edit(path, lambda d: d["materials"][1].update(when={"all": ["reason.changed", "reason.expire"]}))
    catalog = load_catalog(root)
    matter = catalog.get("370100-GA-002")
    assert matter.region == "370100" and matter.verified_on == "2026-12-01"
    assert [s.article for s in matter.sources] == ["第十一条", ""] and matter.sources[1].local
    book = matter.materials[1]
    assert book.when == () and book.when_all == ("reason.changed", "reason.expire")
    assert not book.applies({"reason": "changed"})          # one answer per situation: all-of never holds
    first = catalog.get("370100-GA-001")
    assert first.sources == () and first.verified_on == "" and first.region == "370100"


def test_bad_new_fields_are_reported_by_field(tmp_path):
    root = make_tiny_catalog(tmp_path)
    ga = root / "GA"
    _edit(ga / "370100-GA-001.yaml", lambda d: d.update(region="440000"))
    _edit(ga / "370100-GA-002.yaml", lambda d: d.update(sources=[{"law": "《居民身份证法》"}, {"title": "某指南"}, {}]))
    _edit(ga / "370100-GA-003.yaml", lambda d: d.update(region="济南", verified_on="昨天"))
    _edit(root / "GJJ" / "370100-GJJ-001.yaml", lambda d: d["materials"][0].update(when={"all": ["x.y"]}))
    _edit(root / "MZ" / "370100-MZ-001.yaml", lambda d: d.update(provenance={"system": "x"}))
    found = _problems(root)
    assert "region part '370100'" in found[("370100-GA-001.yaml", "id")]
    assert "article" in found[("370100-GA-002.yaml", "sources[0].article")]
    assert "issuer" in found[("370100-GA-002.yaml", "sources[1].issuer")]
    assert ("370100-GA-002.yaml", "sources[2]") in found
    assert "6-digit" in found[("370100-GA-003.yaml", "region")]
    assert ("370100-GA-003.yaml", "verified_on") in found
    assert "x.y" in found[("370100-GJJ-001.yaml", "materials[0].when")]
    assert ("370100-MZ-001.yaml", "provenance.source_id") in found


QA = {"id": "000000-QA-LD-001", "question": "试用期最长可以约定多久？", "variants": ["试用期最多几个月"],
      "answer": "按劳动合同期限分档，最长不超过六个月。", "topic": "LD", "department": "RS",
      "basis": [{"law": "《中华人民共和国劳动合同法》", "article": "第十九条"}],
      "related": ["370100-GA-002"], "updated": "2026-12-01", "written_by": "a"}


def _qa_dir(tmp_path, *items):
    folder = tmp_path / "qa" / "LD"
    folder.mkdir(parents=True)
    for n, item in enumerate(items):
        (folder / f"{n}.yaml").write_text(yaml.safe_dump(item, allow_unicode=True), encoding="utf-8")
    return tmp_path / "qa"


def test_qa_loads_and_problems_name_file_and_field(tmp_path):
    root = make_tiny_catalog(tmp_path)
    catalog = load_catalog(root)
    ids = {e.id for e in catalog.entries}
    items, digest = load_qa(_qa_dir(tmp_path / "ok", QA), catalog.departments, ids)
    assert items[0].region == "000000" and items[0].basis[0].article == "第十九条" and digest
    bad = [{**QA, "id": "000000-QA-LD-002", "related": ["370100-XX-001"]},
           {**QA, "id": "370100-QA-LD-003"},
           {**QA, "id": "000000-QA-LD-004", "topic": "魔法", "checked_by": "a", "checked_on": "2026-12-01"},
           {**QA, "id": "000000-QA-LD-005", "basis": [{"title": "某指南", "issuer": "某局"}]},
           {**QA, "id": "000000-QA-LD-002"}]
    with pytest.raises(CatalogError) as info:
        load_qa(_qa_dir(tmp_path / "bad", *bad), catalog.departments, ids)
    found = {(p.path.rsplit("/", 1)[-1], p.field) for p in info.value.problems}
    assert {("0.yaml", "related[0]"), ("1.yaml", "id"), ("2.yaml", "topic"), ("2.yaml", "checked_by"),
            ("3.yaml", "basis[0]")} <= found
    assert any(f == "id" and "duplicate" in p.message for p in info.value.problems for f in [p.field])


def test_lint_finds_dead_situations_day_notes_and_eval_copies(tmp_path):
    root = make_tiny_catalog(tmp_path)
    ga2 = root / "GA" / "370100-GA-002.yaml"
    _edit(ga2, lambda d: [m.pop("when", None) for m in (*d["materials"], *d["situations"])])   # drive nothing
    _edit(ga2, lambda d: d.update(aliases=[*d["aliases"], "身份证过期了咋整"]))
    _edit(root / "GA" / "370100-GA-001.yaml", lambda d: d["time_limit"].update(
        legal_days=None, promised_days=None, on_the_spot=False, note="一般15个工作日办结"))
    evals = tmp_path / "eval"
    evals.mkdir()
    (evals / "dev.jsonl").write_text(json.dumps({"qid": "d1", "query": "身份证过期了咋整？"}, ensure_ascii=False)
                                     + "\n", encoding="utf-8")
    catalog = load_catalog(root)
    findings = lint_catalog(catalog, (), evals)
    text = "\n".join(map(str, findings))
    situations = [s.id for s in catalog.get("370100-GA-002").situations]
    assert len(situations) >= 2
    for sid in situations:
        assert f"situation {sid!r} changes nothing" in text
    assert "'15个工作日'" in text
    assert "near-copy of eval question dev.jsonl:d1" in text
    assert len([f for f in findings if "/GA/" in f.path]) == len(situations) + 2   # nothing else in those files


@pytest.mark.parametrize("a,b,near", [
    ("重度残疾护理补贴", "重度残疾人护理补贴", True), ("身份证被偷了", "身份证被偷了吗？", True),
    ("人才引进落户", "人才引进落户条件", True), ("身份证丢了", "护照丢了", False),
    ("开饭馆", "开饭馆要办什么证件和许可", False), ("失业金", "公积金", False)])
def test_near_copy(a, b, near):
    assert near_copy(a, b) is near


def test_an_unrecorded_fee_is_never_shown_as_free(tmp_path):
    from guide.present.view import fee_text

    root = make_tiny_catalog(tmp_path)
    _edit(root / "GA" / "370100-GA-001.yaml", lambda d: d.update(fee={"charged": None}))
    matter = load_catalog(root).get("370100-GA-001")
    assert matter.fee.charged is None and "未收录" in fee_text(matter) and "不收费" not in fee_text(matter)
