"""Every command has help; validate reports problems and exits non-zero."""
import json

from click.testing import CliRunner

from guide.cli import main
from tests.conftest import make_tiny_catalog


def test_every_command_has_help():
    runner = CliRunner()
    for name, command in main.commands.items():
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert command.help and " ".join(command.help.split()[:4]) in " ".join(result.output.split())


def test_validate_reports_and_fails(tmp_path):
    root = make_tiny_catalog(tmp_path)
    (root / "GA" / "370100-GA-001.yaml").write_text("id: 370100-GA-001\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--catalog", str(root)])
    assert result.exit_code == 1
    assert "370100-GA-001.yaml: name: missing required field" in result.output
    assert "nothing loaded" in result.output


def test_validate_reads_a_relative_catalog_path_from_the_working_directory(tmp_path, monkeypatch):
    """`guide validate --catalog data/matters` inside another checkout checks that checkout's
    catalog, not the project's (it printed OK for the project's while the other had a problem)."""
    root = make_tiny_catalog(tmp_path)
    (root / "GA" / "370100-GA-001.yaml").write_text("id: 370100-GA-001\n", encoding="utf-8")
    monkeypatch.chdir(root.parent)
    result = CliRunner().invoke(main, ["validate", "--catalog", root.name])
    assert result.exit_code == 1 and "370100-GA-001.yaml: name: missing required field" in result.output


def test_validate_stats(tmp_path):
    result = CliRunner().invoke(main, ["validate", "--catalog", str(make_tiny_catalog(tmp_path)), "--stats"])
    assert result.exit_code == 0
    assert "matters: 7" in result.output and "GA 济南市公安局: 3" in result.output


def test_unknown_env_setting_is_a_usage_error(monkeypatch):
    monkeypatch.setenv("GUIDE_COLOUR", "red")
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 2 and "GUIDE_COLOUR" in result.output


def test_bad_e5_engine_setting_is_a_usage_error(monkeypatch):
    monkeypatch.setenv("GUIDE_E5_ENGINE", "turbo")
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 2 and "e5_engine" in result.output and "native" in result.output


def test_ask_answers_from_the_catalog_and_says_no_match(tiny_build, tiny_settings, monkeypatch):
    import json

    monkeypatch.setenv("GUIDE_INDEX_DIR", str(tiny_settings.index_dir))
    monkeypatch.setenv("GUIDE_CATALOG_DIR", str(tiny_settings.catalog_dir))
    monkeypatch.setenv("GUIDE_MODEL", "hash")
    runner = CliRunner()
    result = runner.invoke(main, ["ask", "身份证丢了怎么补办", "--json"])
    payload = json.loads(result.output)
    assert payload["type"] == "answer" and payload["matter"]["id"] == "370100-GA-003"
    result = runner.invoke(main, ["ask", "今天天气怎么样"])
    assert "12345" in result.output


def test_chat_walks_a_situation_flow_by_number(tiny_build, tiny_settings, monkeypatch):
    monkeypatch.setenv("GUIDE_INDEX_DIR", str(tiny_settings.index_dir))
    monkeypatch.setenv("GUIDE_CATALOG_DIR", str(tiny_settings.catalog_dir))
    monkeypatch.setenv("GUIDE_MODEL", "hash")
    result = CliRunner().invoke(main, ["chat"], input="身份证过期了怎么办\n1\n1\n1\n那要多少钱\nq\n")
    assert result.exit_code == 0, result.output
    assert "已按您的描述选择：有效期满" in result.output and "您的户口在哪里" in result.output
    assert "申请人是否已满十六周岁" in result.output
    assert "原居民身份证" in result.output and "收费：" in result.output


def test_a_missing_extra_is_named(tiny_build, tiny_settings, monkeypatch):
    """guide eval without the eval extra says which extra to install, instead of a traceback."""
    import sys

    monkeypatch.setenv("GUIDE_INDEX_DIR", str(tiny_settings.index_dir))
    monkeypatch.setenv("GUIDE_CATALOG_DIR", str(tiny_settings.catalog_dir))
    monkeypatch.setenv("GUIDE_MODEL", "hash")
    monkeypatch.setitem(sys.modules, "rank_bm25", None)        # as if the package were not installed
    result = CliRunner().invoke(main, ["eval", "--methods", "lexical"])
    assert result.exit_code == 1
    assert "'eval' extra" in result.output and "pip install 'zhihui-guide[eval]'" in result.output


def test_search_with_an_unknown_filter_fails_like_the_api(tiny_build, tiny_settings, monkeypatch):
    monkeypatch.setenv("GUIDE_INDEX_DIR", str(tiny_settings.index_dir))
    monkeypatch.setenv("GUIDE_CATALOG_DIR", str(tiny_settings.catalog_dir))
    monkeypatch.setenv("GUIDE_MODEL", "hash")
    result = CliRunner().invoke(main, ["search", "身份证", "--department", "XX"])
    assert result.exit_code == 1 and "未知部门代码 'XX'" in result.output and "--department" in result.output
    ok = CliRunner().invoke(main, ["search", "身份证丢了", "--json"])
    assert ok.exit_code == 0 and json.loads(ok.output)["results"][0]["id"] == "370100-GA-003"
