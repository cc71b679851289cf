"""Outside tests, tasks are queued in SQLite and run by a worker thread of the web process."""
import json
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
                  "TASKS_DATABASE": f"{folder}/tasks.sqlite"})
with app.app_context():
    db.create_all()
with app.test_request_context():  # from a web request: queued for the worker thread
    run_id = tasks.start(double, 21).id
with app.app_context():
    for _ in range(100):
        run = db.session.get(TaskRun, run_id)
        db.session.commit()  # end the read transaction, as the end of a request does
        if run.is_finished:
            break
        time.sleep(0.05)
from convention.tasks import queue
print(json.dumps({"state": run.state.name, "result": run.result, "worker": queue._state["consumer"] is not None}))
"""


CLI_SCRIPT = SCRIPT.replace("with app.test_request_context():", "with app.app_context():")


@pytest.mark.parametrize(("script", "worker"), [(SCRIPT, True), (CLI_SCRIPT, False)], ids=["web", "command-line"])
def test_queued_tasks_run(tmp_path, script, worker):
    """From a request, a worker thread runs the task; from the command line, it runs at once."""
    output = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True,
                            timeout=60)
    assert output.returncode == 0, output.stderr
    assert json.loads(output.stdout.strip().splitlines()[-1]) == {"state": "done", "result": {"double": 42},
                                                                  "worker": worker}
