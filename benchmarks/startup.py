"""Start-up benchmark: how long the web process takes to start, against its frameworks alone.

    python benchmarks/startup.py [--repeat 7]

Each repetition runs two fresh interpreters one after the other: one imports the frameworks the
application is built on (Flask and its extensions, SQLAlchemy, Huey, Babel) and nothing else; the
other creates the application and answers its home page. The start-up is reported as the ratio of
the two medians, measured in the same run, so that a busy machine inflates both sides alike; the
seconds are printed too, with each side's CPU time. Exits with status 1 when the web process
loaded torch, numpy or another part of the numeric stack (tests/app/test_startup.py checks that
too, without timing anything).
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("torch", "sentence_transformers", "transformers", "numpy", "sklearn", "scipy", "umap")

CLOCK = "import resource, time\nstart = time.perf_counter()\n"
REPORT = """
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"wall": time.perf_counter() - start, "cpu": usage.ru_utime + usage.ru_stime,
                  "heavy": [name for name in HEAVY if name in sys.modules], "status": status}))
"""
FRAMEWORKS = CLOCK + """
import json, sys
import flask, flask_babel, flask_htmx, flask_login, flask_migrate, flask_sqlalchemy, flask_wtf
import huey, sqlalchemy, wtforms, argon2
status = None
""" + REPORT
APPLICATION = CLOCK + """
import json, sys
from convention import create_app
app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://", "TASKS_IMMEDIATE": True})
from convention.extensions import db
with app.app_context():
    db.create_all()
status = app.test_client().get("/").status_code
""" + REPORT


def measure(script: str) -> dict:
    output = subprocess.run([sys.executable, "-c", f"HEAVY = {HEAVY!r}\n" + script], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="pairs of runs (default 7)")
    args = parser.parse_args(argv)
    measure(FRAMEWORKS), measure(APPLICATION)   # warm the file cache and the bytecode
    frameworks, application = [], []
    for _ in range(args.repeat):
        frameworks.append(measure(FRAMEWORKS))
        application.append(measure(APPLICATION))

    def median(runs, key):
        return statistics.median(run[key] for run in runs)

    print(f"Start-up of the web process, median of {args.repeat} runs (CPU time in brackets)")
    for name, runs in (("frameworks alone", frameworks), ("application", application)):
        print(f"  {name:<17} {median(runs, 'wall'):6.2f} s  ({median(runs, 'cpu'):.2f} s)")
    print(f"  ratio             {median(application, 'wall') / median(frameworks, 'wall'):6.2f}x"
          f"  ({median(application, 'cpu') / median(frameworks, 'cpu'):.2f}x)")
    heavy = sorted({name for run in application for name in run["heavy"]})
    statuses = sorted({run["status"] for run in application})
    if heavy or statuses != [200]:
        print(f"FAILED: the web process loaded {heavy or 'nothing heavy'}, home page status {statuses}")
        return 1
    print("The web process loads none of " + ", ".join(HEAVY) + ".")
    return 0


if __name__ == "__main__":
    sys.exit(main())
