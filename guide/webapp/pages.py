"""HTML pages: citizen chat (/), counter workspace (/counter), matter pages (/matters/<id>)."""
from __future__ import annotations

from flask import Blueprint

pages = Blueprint("pages", __name__)
