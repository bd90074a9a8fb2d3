"""Flask app factory: loads one finished build read-only; never builds."""
from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from guide.config import Settings, load_settings

log = logging.getLogger(__name__)
WEB_DIR = Path(__file__).resolve().parent.parent.parent / "web"


def create_app(config: Settings | dict | None = None, guide=None) -> Flask:
    """Build the app. `config` is a Settings or a mapping of settings; `guide` an already loaded Guide."""
    if isinstance(config, Settings):
        settings = config
    else:
        settings = load_settings(**(config or {}))
    app = Flask(__name__, template_folder=str(WEB_DIR / "templates"), static_folder=str(WEB_DIR / "static"))
    app.config.update(MAX_CONTENT_LENGTH=16 * 1024, JSON_AS_ASCII=False)
    app.json.ensure_ascii = False
    if guide is None:
        from guide.service import Guide

        guide = Guide.load(settings=settings)
    app.extensions["guide"] = guide
    app.extensions["settings"] = settings
    from guide.chat import ChatService
    from guide.runtime import RuntimeStore

    store = RuntimeStore(settings.runtime_db, settings.session_idle_minutes)
    app.extensions["store"] = store
    app.extensions["chat"] = ChatService(guide, store, settings.max_message_chars)

    from guide.webapp.api import api
    from guide.webapp.pages import pages

    app.register_blueprint(api)
    app.register_blueprint(pages)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return jsonify(error=exc.name, message=exc.description, status=exc.code), exc.code

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        log.exception("unhandled error")
        return jsonify(error="Internal Server Error", message="服务暂时不可用，请稍后再试。", status=500), 500

    return app
