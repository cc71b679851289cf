"""A real server in a thread and Debian's Chromium driven by Playwright (never a downloaded browser)."""
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "app"))

from axe import Audit, collect_before_actions  # noqa: E402
from convention_testing import ROOT, app_config, compile_catalogues  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "test-artifacts"
# How long a wait may take before it fails: a bound against a hung page, never a speed requirement
# (a machine running make bench beside make test can take many seconds to answer).
WAIT_MS = 120_000


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(item.fspath).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    from convention import create_app
    from convention.extensions import db

    compile_catalogues()
    folder = tmp_path_factory.mktemp("browser")
    # Tasks go through the real queue and the web process's worker thread, so progress shows.
    app = create_app(app_config(f"sqlite:///{folder / 'convention.sqlite'}", WTF_CSRF_ENABLED=True,
                                TESTING=False, TASKS_IMMEDIATE=False, TASKS_IN_PROCESS_WORKER=True,
                                TASKS_DATABASE=str(folder / "tasks.sqlite")))
    with app.app_context():
        db.create_all()
    result = app.test_cli_runner().invoke(args=["convention", "demo"])
    assert result.exit_code == 0, result.output
    return app


@pytest.fixture(scope="session")
def base_url(live_app):
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make chromium)")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=WAIT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def audited_context(browser, base_url, monkeypatch):
    """new_context(**options): a French browser context whose every page state axe-core checks; the
    test fails on any axe violation, or if the browser logs an error (a CSP violation, a script error)."""
    opened, audits = [], {}
    collect_before_actions(monkeypatch, audits)

    def new_context(**options):
        context = browser.new_context(**{"base_url": base_url, "locale": "fr-FR",
                                         "viewport": {"width": 1280, "height": 900}, **options})
        errors = []
        context.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        context.on("weberror", lambda error: errors.append(str(error.error)))
        audits[context] = Audit(context)
        opened.append((context, audits[context], errors))
        return context

    yield new_context
    violations, errors = [], []
    for context, audit, logged in opened:
        for open_page in context.pages:
            audit.collect(open_page)                 # the last state of each page
        context.close()
        violations += audit.violations
        errors += logged
    # htmx logs the 422 answers it swaps in on purpose, and a proposal's conflict page answers 409 on
    # purpose (an edit made from an older version); anything else is a bug.
    assert [e for e in errors if "422" not in e and "409" not in e] == []
    assert violations == [], "axe-core:\n" + "\n".join(dict.fromkeys(violations))


@pytest.fixture
def page(audited_context):
    """A French page at 1280 x 900, checked by axe-core (see audited_context)."""
    return audited_context().new_page()


@pytest.fixture
def screenshot(page, request):
    """screenshot("step") saves test-artifacts/<test>-<n>-<step>.png (of the test's `page`)."""
    ARTIFACTS.mkdir(exist_ok=True)
    for old in ARTIFACTS.glob(f"{request.node.name}-*.png"):
        old.unlink()
    counter = iter(range(1, 100))

    def take(step, full_page=True):
        path = ARTIFACTS / f"{request.node.name}-{next(counter):02d}-{step}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take
