"""Outside tests, tasks are queued (SQLite, or Redis when configured) and run by a worker thread."""
import json
import os
import subprocess
import sys

import pytest

SCRIPT = """
import json, sys, time
from convention import create_app
from convention.extensions import db
from convention.tasks import services as tasks
from convention.tasks.models import TaskRun

@tasks.background_task()
def double(progress, n):
    progress.report(0.5, "halfway")
    return {"double": 2 * n}

folder = sys.argv[1]
app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/app.sqlite",
                  "TASKS_DATABASE": f"{folder}/tasks.sqlite", **json.loads(sys.argv[2])})
with app.app_context():
    db.create_all()
with app.test_request_context():  # from a web request: queued for the worker thread
    run_id = tasks.start(double, 21).id
with app.app_context():
    deadline = time.monotonic() + 240   # no time limit in a test: only a bound for a hung worker
    while True:
        run = db.session.get(TaskRun, run_id)
        db.session.commit()  # end the read transaction, as the end of a request does
        if run.is_finished or time.monotonic() > deadline:
            break
        time.sleep(0.05)
from convention.tasks import queue
from convention.extensions import huey
print(json.dumps({"state": run.state.name, "result": run.result, "worker": queue._state["consumer"] is not None,
                  "storage": type(huey.storage).__name__}))
"""


CLI_SCRIPT = SCRIPT.replace("with app.test_request_context():", "with app.app_context():")


@pytest.mark.parametrize(("script", "worker"), [(SCRIPT, True), (CLI_SCRIPT, False)], ids=["web", "command-line"])
def test_queued_tasks_run(tmp_path, script, worker):
    """From a request, a worker thread runs the task; from the command line, it runs at once."""
    assert _run(script, tmp_path, {}) == {"state": "done", "result": {"double": 42}, "worker": worker,
                                          "storage": "SqliteStorage"}


REDIS_URL = "redis://127.0.0.1:6379/13"  # a database of its own, emptied before and after


def test_queued_tasks_run_through_redis(tmp_path):
    """With REDIS_URL set, the production set-up: the queue lives in Redis, the worker thread runs it."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip("no Redis server at 127.0.0.1:6379")
    client.flushdb()
    try:
        assert _run(SCRIPT, tmp_path, {"REDIS_URL": REDIS_URL}) == {
            "state": "done", "result": {"double": 42}, "worker": True, "storage": "RedisStorage"}
    finally:
        client.flushdb()


def _run(script, folder, config):
    output = subprocess.run([sys.executable, "-c", script, str(folder), json.dumps(config)],
                            capture_output=True, text=True, timeout=280)
    assert output.returncode == 0, output.stderr
    return json.loads(output.stdout.strip().splitlines()[-1])


HEARTBEAT_SCRIPT = SCRIPT.replace('''def double(progress, n):
    progress.report(0.5, "halfway")
    return {"double": 2 * n}''', '''def double(progress, n):
    progress.report(0.1, "reading")
    progress(None, "solving")   # a panels-style report, not committed yet (throttled)...
    reported = utcnow()   # ...then a long solver step that reports nothing: the heartbeat thread beats meanwhile
    deadline = time.monotonic() + 120   # however slow the machine: the beat must come, not come fast
    beat = reported
    while beat <= reported and time.monotonic() < deadline:
        time.sleep(0.1)
        beat = db.session.scalar(db.select(TaskRun.heartbeat_at).filter_by(id=progress.run.id))
        db.session.commit()   # between transactions, as a solver step is on SQLite
    return {"double": 2 * n, "beat": beat > reported}''').replace(
    "from convention.tasks.models import TaskRun", "from convention.tasks.models import TaskRun\nfrom convention.database import utcnow")


def test_a_long_silent_step_keeps_beating(tmp_path):
    """A worker thread touches the heartbeat while the task works, even when it reports nothing."""
    assert _run(HEARTBEAT_SCRIPT, tmp_path, {"TASK_HEARTBEAT_SECONDS": 0.1}) == {
        "state": "done", "result": {"double": 42, "beat": True}, "worker": True, "storage": "SqliteStorage"}
