"""The curation loop end to end: a chat question the tiny build cannot answer shows up as a gap,
becomes an approved Q&A draft (and an alias draft), `guide curate export` writes them into a copy
of the test catalog, `guide build` of that copy answers the same question with the new Q&A."""
import yaml
from click.testing import CliRunner

from guide.chat import ChatService
from guide.cli import main
from guide.config import load_settings
from guide.curation import DRAFT_MARK
from guide.runtime import MemoryStore
from guide.service import Guide
from guide.webapp import create_app
from tests.conftest import make_tiny_catalog

TOKEN = "walk-token-0123456789"
BEARER = {"Authorization": f"Bearer {TOKEN}"}
QUESTION = "公司让我试岗三天不给工资合不合法"
ALIAS = "身份证旧得看不清了"


def cli(args, **env):
    result = CliRunner().invoke(main, args, env={"GUIDE_CONFIG": None, **env}, catch_exceptions=False)
    return result


def test_gap_to_draft_to_export_to_build_answers_the_question(tiny_guide, tiny_settings, tmp_path):
    db = tmp_path / "runtime.db"
    app = create_app(tiny_settings.replace(runtime_db=str(db), staff_token=TOKEN), guide=tiny_guide)
    client = app.test_client()

    # 1. the question is not answered on the tiny build, and is logged
    assert client.post("/api/chat", json={"message": QUESTION}).get_json()["type"] == "no_match"
    # 2. it is a gap
    groups = client.get("/api/staff/gaps", headers=BEARER).get_json()["groups"]
    [gap] = [g for g in groups if g["example"] == QUESTION]
    assert gap["unanswered"] == 1 and gap["weekly"][-1] == 1
    # 3. staff write a Q&A draft for it (the citizen's wording as a variant) and an alias draft; approve
    qa = client.post("/api/staff/drafts", headers=BEARER, json={
        "kind": "qa", "gap": gap["normalized"], "question": "试岗期间单位可以不发工资吗", "variants": [QUESTION],
        "answer": "用人单位自用工之日起即与劳动者建立劳动关系。试岗、试工也是用工，单位应当支付劳动报酬，"
                  "不得低于当地最低工资标准。",
        "topic": "LD", "department": "RS",
        "basis": [{"law": "《中华人民共和国劳动合同法》", "article": "第七条"}]})
    assert qa.status_code == 201, qa.get_json()
    alias = client.post("/api/staff/drafts", headers=BEARER,
                        json={"kind": "alias", "matter_id": "370100-GA-002", "alias": ALIAS})
    assert alias.status_code == 201, alias.get_json()
    pending = client.post("/api/staff/drafts", headers=BEARER,
                          json={"kind": "alias", "matter_id": "370100-GA-001", "alias": "办个临时的身份证件"})
    for draft in (qa, alias):
        assert client.post(f"/api/staff/drafts/{draft.get_json()['id']}/approve", headers=BEARER).status_code == 200

    # 4. export into a copy of the test catalog
    data = make_tiny_catalog(tmp_path / "copy").parent
    matter_file = next(data.rglob("370100-GA-002.yaml"))
    before = matter_file.read_text(encoding="utf-8")
    first = cli(["curate", "export", "--out", str(data)], GUIDE_RUNTIME_DB=str(db))
    assert first.exit_code == 0, first.output
    qa_file = data / "qa" / "LD" / "000000-QA-LD-001.yaml"
    assert f"-> {qa_file}" in first.output and "2 draft(s) exported" in first.output
    text = qa_file.read_text(encoding="utf-8")
    assert text.startswith(DRAFT_MARK.format(id=qa.get_json()["id"]))
    record = yaml.safe_load(text)
    assert record["id"] == "000000-QA-LD-001" and record["variants"] == [QUESTION]
    assert record["written_by"] == "token" and "checked_by" not in record and "checked_on" not in record
    assert record["basis"] == [{"law": "《中华人民共和国劳动合同法》", "article": "第七条"}]
    # the alias is appended to the one-line list; every other line of the file is unchanged
    after = matter_file.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert len(before.splitlines()) == len(after.splitlines()) and len(changed) == 1
    assert changed[0][0].startswith("aliases: [") and changed[0][1] == changed[0][0][:-1] + f", {ALIAS}]"
    # the server's drafts list says where they went; the unapproved draft stays pending
    listed = {d["id"]: d for d in client.get("/api/staff/drafts", headers=BEARER).get_json()["drafts"]}
    assert listed[qa.get_json()["id"]]["status"] == "exported"
    assert listed[qa.get_json()["id"]]["export_path"] == str(qa_file)
    assert listed[pending.get_json()["id"]]["status"] == "pending"

    # 5. a second export writes nothing new
    second = cli(["curate", "export", "--out", str(data)], GUIDE_RUNTIME_DB=str(db))
    assert second.exit_code == 0 and "0 draft(s) exported" in second.output
    assert qa_file.read_text(encoding="utf-8") == text and matter_file.read_text(encoding="utf-8") == after
    assert sorted(p.name for p in (data / "qa").rglob("*.yaml")) == ["000000-QA-LD-001.yaml"]

    # 6. the copy validates (lint included: no eval question copied) and builds
    env = {"GUIDE_CATALOG_DIR": str(data / "matters"), "GUIDE_INDEX_DIR": str(tmp_path / "copy-index"),
           "GUIDE_RUNTIME_DB": str(tmp_path / "copy.db"), "GUIDE_MODEL": "hash"}
    validated = cli(["validate", "--lint"], **env)
    assert f"{qa_file}" not in validated.output and "1 Q&As" in validated.output
    built = cli(["build"], **env)
    assert built.exit_code == 0, built.output

    # 7. the same question is now answered with the new Q&A, and the alias finds its matter
    settings = load_settings(env={}, catalog_dir=str(data / "matters"), index_dir=str(tmp_path / "copy-index"),
                             model="hash")
    guide = Guide.load(settings=settings)
    answer = ChatService(guide, MemoryStore()).turn(QUESTION)
    assert answer["type"] == "qa" and answer["matter"]["id"] == "000000-QA-LD-001"
    assert "用工之日起" in answer["text"] or "用工之日起" in str(answer["view"])
    hits = guide.search(ALIAS, k=1)
    assert hits.hits[0].id == "370100-GA-002"


def test_export_refuses_what_it_cannot_write_cleanly(tiny_guide, tiny_settings, tmp_path):
    db = tmp_path / "runtime.db"
    client = create_app(tiny_settings.replace(runtime_db=str(db), staff_token=TOKEN), guide=tiny_guide).test_client()
    made = client.post("/api/staff/drafts", headers=BEARER,
                       json={"kind": "alias", "matter_id": "370100-GA-001", "alias": "临时身份证明"})
    assert made.status_code == 201, made.get_json()
    client.post(f"/api/staff/drafts/{made.get_json()['id']}/approve", headers=BEARER)
    data = make_tiny_catalog(tmp_path / "copy").parent
    matter_file = next(data.rglob("370100-GA-001.yaml"))
    # a flow list over two lines: no safe one-line edit -> left approved, file untouched, exit 1
    odd = matter_file.read_text(encoding="utf-8").replace("aliases: [", "aliases: [\n  ", 1)
    matter_file.write_text(odd, encoding="utf-8")
    result = cli(["curate", "export", "--out", str(data)], GUIDE_RUNTIME_DB=str(db))
    assert result.exit_code == 1 and "add it by hand" in result.output
    assert matter_file.read_text(encoding="utf-8") == odd
    [draft] = client.get("/api/staff/drafts", headers=BEARER).get_json()["drafts"]
    assert draft["status"] == "approved"
    missing = cli(["curate", "export", "--out", str(data)], GUIDE_RUNTIME_DB=str(tmp_path / "none.db"))
    assert missing.exit_code == 1 and "no runtime database" in missing.output


def test_an_interrupted_export_is_only_marked_the_second_time(tiny_guide, tiny_settings, tmp_path):
    """The file was written but the run stopped before marking the draft: no second copy."""
    from guide.curation import export_approved, list_drafts
    from guide.loader import load_departments
    from guide.qa import load_qa
    from guide.runtime import RuntimeStore

    db = tmp_path / "runtime.db"
    client = create_app(tiny_settings.replace(runtime_db=str(db), staff_token=TOKEN), guide=tiny_guide).test_client()
    made = client.post("/api/staff/drafts", headers=BEARER, json={
        "kind": "qa", "question": "单位能不能扣押我的身份证", "answer": "用人单位招用劳动者，不得扣押劳动者的居民身份证和其他证件。",
        "topic": "LD", "department": "RS", "basis": [{"law": "《中华人民共和国劳动合同法》", "article": "第九条"}]})
    client.post(f"/api/staff/drafts/{made.get_json()['id']}/approve", headers=BEARER)
    data = make_tiny_catalog(tmp_path / "copy").parent
    store = RuntimeStore(db)
    departments = load_departments(data / "matters")
    first = export_approved(store, data / "qa", [data / "matters"], departments)
    [(_, path, _)] = first.written
    store._run(lambda d: d.execute("UPDATE drafts SET status = 'approved'"))     # as if the mark was lost
    again = export_approved(store, data / "qa", [data / "matters"], departments)
    assert again.written == [(made.get_json()["id"], path, "already on disk")]
    assert len(list((data / "qa").rglob("*.yaml"))) == 1
    assert list_drafts(store)[0]["status"] == "exported"
    qas, _ = load_qa(data / "qa", departments, set())
    assert [q.id for q in qas] == ["000000-QA-LD-001"] and qas[0].written_by == "token" and not qas[0].checked


def test_an_alias_can_be_appended_to_every_shipped_matter_and_bundle_file(tmp_path):
    """The textual edit works on the real catalog's layout: only the aliases line changes."""
    import shutil

    from guide.config import PROJECT_ROOT
    from guide.curation import _export_alias

    catalog = tmp_path / "matters"
    shutil.copytree(PROJECT_ROOT / "data" / "matters", catalog)
    files = sorted(catalog.rglob("*.yaml"))
    assert len(files) > 300
    for n, path in enumerate(files):
        before = path.read_text(encoding="utf-8")
        draft = {"id": n, "payload": {"matter_id": path.stem, "alias": "测试: 别名, [甲]"}}
        written, what = _export_alias(draft, [catalog])
        after = written.read_text(encoding="utf-8")
        assert written == path and what.startswith("alias")
        changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
        assert len(changed) == 1 and changed[0][0].startswith("aliases:"), path
        assert yaml.safe_load(after)["aliases"][-1] == "测试: 别名, [甲]"
