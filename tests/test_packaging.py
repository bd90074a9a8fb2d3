"""A built wheel carries everything an installed guide needs to serve the shipped catalog."""
import subprocess
import sys
import zipfile

import pytest

from guide.config import PROJECT_ROOT


@pytest.mark.slow
def test_wheel_ships_catalog_web_files_and_retrieval_settings(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(tmp_path), str(PROJECT_ROOT)], check=True, cwd=tmp_path,
                   env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    wheel = next(tmp_path.glob("zhihui_guide-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {n.split("guide/_shipped/", 1)[1] for n in names if "guide/_shipped/" in n}
    matters = {p.relative_to(PROJECT_ROOT).as_posix() for p in (PROJECT_ROOT / "data" / "matters").rglob("*.yaml")}
    assert matters <= shipped and "data/departments.yaml" in shipped
    assert {"web/templates/base.html", "web/static/chat.js", "web/static/app.css"} <= shipped
    assert "guide/search/retrieval.yaml" in names
    modules = {p.relative_to(PROJECT_ROOT).as_posix() for p in (PROJECT_ROOT / "guide").rglob("*.py")}
    assert modules <= names, sorted(modules - names)          # every module, every subpackage
    assert not any(n.startswith(("guide/_shipped/index", "index/", "var/")) for n in names)   # no builds, no runtime
