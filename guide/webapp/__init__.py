"""Flask app factory: loads one finished build read-only; never builds."""
from __future__ import annotations

import logging

from flask import Flask

from guide.config import Settings, load_settings
from guide.resources import shipped

log = logging.getLogger(__name__)
WEB_DIR = shipped("web")


def create_app(config: Settings | dict | None = None, guide=None) -> Flask:
    """Build the app. `config` is a Settings or a mapping of settings; `guide` an already loaded Guide."""
    if isinstance(config, Settings):
        settings = config
    else:
        settings = load_settings(**(config or {}))
    app = Flask(__name__, template_folder=str(WEB_DIR / "templates"), static_folder=str(WEB_DIR / "static"))
    app.config.update(JSON_AS_ASCII=False)
    app.json.ensure_ascii = False
    if guide is None:
        from guide.service import Guide

        guide = Guide.load(settings=settings)
    app.extensions["guide"] = guide
    app.extensions["settings"] = settings
    from guide.chat import ChatService
    from guide.runtime import RuntimeStore

    store = RuntimeStore(settings.runtime_db, settings.session_idle_minutes, settings.retention_days)
    app.extensions["store"] = store
    app.extensions["chat"] = ChatService(guide, store, settings.max_message_chars)

    from guide.webapp.api import api
    from guide.webapp.pages import pages
    from guide.webapp.production import init_reloader
    from guide.webapp.security import init_security
    from guide.webapp.staff import init_staff

    init_security(app, settings)     # headers, size limit (16 KiB), rate limits, JSON errors
    init_reloader(app, settings)     # picks up a new build when index/CURRENT changes
    app.register_blueprint(api)
    app.register_blueprint(pages)
    init_staff(app, settings)        # session cookie, /staff/login, /api/staff/*, /api/admin/*
    from guide.webapp.curation_views import curation
    app.register_blueprint(curation)  # staff curation: /staff/gaps, /api/staff/gaps, /api/staff/drafts
    return app
