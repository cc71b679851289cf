"""`make test` runs both databases even when the first fails, and says how each went."""
import importlib.util
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "both_databases.py"


def _suite(folder):
    (folder / "test_sample.py").write_text(
        "import os\n\n"
        "def test_ok():\n    pass\n\n"
        "def test_database():\n    assert os.environ.get('SAMPLE_DATABASE') != 'broken'\n")
    (folder / "conftest.py").write_text("")


def _main(folder, runs):
    spec = importlib.util.spec_from_file_location("both_databases", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main(runs, root=folder)


def test_a_failure_in_the_first_run_does_not_skip_the_second(tmp_path, capfd):
    _suite(tmp_path)
    runs = (("SQLite", {"SAMPLE_DATABASE": "broken"}, ["-p", "no:cacheprovider", "test_sample.py"]),
            ("PostgreSQL", {"SAMPLE_DATABASE": "fine"}, ["-p", "no:cacheprovider", "test_sample.py"]))
    assert _main(tmp_path, runs) == 1
    lines = capfd.readouterr().out.strip().splitlines()
    assert lines[-3:] == ["SQLite: FAILED (1 passed, 1 failed, 0 skipped)",
                          "PostgreSQL: passed (2 passed, 0 failed, 0 skipped)",
                          "3 passed, 1 failed"]


def test_both_passing_exit_zero_and_a_failing_second_run_fails(tmp_path, capfd):
    _suite(tmp_path)
    fine = ["-p", "no:cacheprovider", "test_sample.py"]
    assert _main(tmp_path, (("SQLite", {}, fine), ("PostgreSQL", {}, fine))) == 0
    assert capfd.readouterr().out.strip().splitlines()[-1] == "4 passed, 0 failed"
    assert _main(tmp_path, (("SQLite", {}, fine), ("PostgreSQL", {"SAMPLE_DATABASE": "broken"}, fine))) == 1
    assert capfd.readouterr().out.strip().splitlines()[-2:] == [
        "PostgreSQL: FAILED (1 passed, 1 failed, 0 skipped)", "3 passed, 1 failed"]


def test_a_run_that_cannot_start_counts_as_failed(tmp_path, capfd):
    _suite(tmp_path)
    runs = (("SQLite", {}, ["-p", "no:cacheprovider", "test_sample.py"]),
            ("PostgreSQL", {}, ["-p", "no:cacheprovider", "--no-such-option"]))
    assert _main(tmp_path, runs) == 1
    assert capfd.readouterr().out.strip().splitlines()[-2:] == [
        "PostgreSQL: FAILED (pytest exited with status 4 and no report)", "2 passed, 1 failed"]


def test_the_makefile_runs_the_script():
    dry_run = subprocess.run(["make", "-n", "test"], cwd=SCRIPT.parent.parent, capture_output=True, text=True)
    assert "tests/both_databases.py" in dry_run.stdout
    assert "CONVENTION_TEST_DATABASE" not in dry_run.stdout   # no second pytest line that a failure would skip
