"""`make test`: the whole suite on SQLite, then the application tests on PostgreSQL.

Both runs happen even when the first fails. At the end, one line per database, then the totals as
one plain line ("N passed, N failed", errors counted as failures); the exit status is non-zero
when either run failed. Options for both runs go in PYTEST_ADDOPTS (`PYTEST_ADDOPTS=-x make test`).
"""
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = (("SQLite", {}, []),
        ("PostgreSQL", {"CONVENTION_TEST_DATABASE": "postgresql"}, ["-m", "not browser", "tests/app"]))


def counts(report):
    """(passed, failed, skipped) from a JUnit XML report, or None when pytest wrote none."""
    if not report.is_file():
        return None
    root = ElementTree.parse(report).getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    total = {key: sum(int(suite.get(key, 0)) for suite in suites) for key in ("tests", "failures", "errors", "skipped")}
    failed = total["failures"] + total["errors"]
    return total["tests"] - failed - total["skipped"], failed, total["skipped"]


def run(name, env, arguments, folder, root):
    report = Path(folder) / f"{name}.xml"
    command = [sys.executable, "-m", "pytest", "-q", f"--junit-xml={report}", *arguments]
    print(f"\n=== {name}: {' '.join(command[1:])}", flush=True)
    status = subprocess.run(command, cwd=root, env={**os.environ, **env}).returncode
    return status, counts(report)


def summary(name, status, numbers):
    verdict = "passed" if status == 0 else "FAILED"
    if numbers is None:
        return f"{name}: {verdict} (pytest exited with status {status} and no report)"
    passed, failed, skipped = numbers
    return f"{name}: {verdict} ({passed} passed, {failed} failed, {skipped} skipped)"


def main(runs=RUNS, root=ROOT):
    with tempfile.TemporaryDirectory() as folder:
        results = [(name, *run(name, env, arguments, folder, root)) for name, env, arguments in runs]
    print()
    for name, status, numbers in results:
        print(summary(name, status, numbers))
    passed = sum(numbers[0] for _, _, numbers in results if numbers)
    failed = sum(numbers[1] for _, _, numbers in results if numbers)
    failed += sum(1 for _, status, numbers in results if status != 0 and not (numbers and numbers[1]))
    print(f"{passed} passed, {failed} failed", flush=True)
    return 0 if all(status == 0 for _, status, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
