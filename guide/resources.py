"""Where the shipped files are: in a checkout, the repository's own folders; in an installed
package, the copies that setup.py put inside it (guide/_shipped/). And where an installed guide
writes: a per-user home, never site-packages.

    data/matters, data/qa, data/departments.yaml   the shipped Jinan catalog and policy Q&A
    web/templates, web/static                      the pages' templates and assets
"""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_REPO = PACKAGE_DIR.parent
# A source checkout (editable install or PYTHONPATH): the repository's folders are the truth.
CHECKOUT: Path | None = _REPO if (_REPO / "setup.cfg").is_file() and (_REPO / "data" / "matters").is_dir() else None
SHIPPED = CHECKOUT or PACKAGE_DIR / "_shipped"


class MissingExtra(RuntimeError):
    """An optional feature's packages are not installed; the message names the extra to install."""


def shipped(*parts: str) -> Path:
    """A shipped file or folder (catalog, Q&A, templates, static assets)."""
    return SHIPPED.joinpath(*parts)


def default_home() -> Path:
    """Builds (index/) and runtime files (var/) go here: the checkout itself, else
    $XDG_DATA_HOME/zhihui-guide (~/.local/share/zhihui-guide)."""
    if CHECKOUT is not None:
        return CHECKOUT
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "zhihui-guide"


def path_base() -> Path:
    """Relative paths in settings resolve against the checkout, or (installed) the working folder."""
    return CHECKOUT or Path.cwd()


def require(module: str, extra: str, feature: str):
    """Import an optional dependency, or say which extra brings it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(f"{feature} needs the '{extra}' extra ({module} is not installed): "
                           f"pip install 'zhihui-guide[{extra}]'") from None
