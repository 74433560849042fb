#!/usr/bin/env python3
"""Runs GeNN 5.4.0's own feature tests (``../shared/genn-tests/features``) against
SwiftGeNN's Python package, unmodified: ``pygenn`` is made to resolve to
``swiftgenn`` and pytest runs in that folder. The CPU backend runs each test as
``single_threaded_cpu`` and, with ``batch_size`` 5 where the test is batched, as
``cpu``.

Prints, per file, the test cases that pass, fail for a feature SwiftGeNN does not have
yet (``NotImplementedError``, naming it), fail otherwise, and skip. Exits 1 when any
test fails otherwise (a wrong result or a crash), 0 when every failure is a named
missing feature. The tests run in a temporary folder (holding links to their ``.npy``
data), where the models' files go: nothing is written into the tests' folder.

    python3 python/tools/run_genn_feature_tests.py [FEATURES_DIR] [--markdown] [-k EXPR]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
DEFAULT_FEATURES = REPOSITORY.parent / "shared" / "genn-tests" / "features"
OUTCOMES = ("passed", "missing feature", "failed", "skipped")


#: A second name for SwiftGeNN's CPU backend, listed beside ``single_threaded_cpu`` so
#: that the tests' ``conftest.py``, which runs the batched cases (``batch_size`` 5) and
#: the SIMT backends' cases on every backend but ``single_threaded_cpu`` (GeNN's CPU
#: backend has no batches), runs them on SwiftGeNN's CPU backend too.
BATCHED_CPU = "cpu"


def alias_pygenn() -> None:
    """Makes ``import pygenn`` and its submodules give SwiftGeNN's, with the CPU backend
    also listed as ``BATCHED_CPU``."""
    sys.path.insert(0, str(REPOSITORY / "python"))
    from swiftgenn import genn_model, pygenn_alias

    pygenn_alias.install()
    genn_model.backend_modules[BATCHED_CPU] = "cpu"


class Outcomes:
    """A pytest plugin that sorts each test case's outcome: by its call, or by the first
    phase that did not pass when the call did not run."""

    def __init__(self):
        self.reports: dict[str, dict[str, object]] = defaultdict(dict)

    def pytest_runtest_logreport(self, report):
        self.reports[report.nodeid].setdefault(report.when, report)

    def pytest_collectreport(self, report):
        # A file that cannot be collected (a missing module) counts as a failure, one
        # that skips itself (CuPy absent) as a skip, as pytest counts them.
        if report.failed or report.skipped:
            self.reports[report.nodeid].setdefault("setup", report)

    def sorted_outcomes(self) -> tuple[dict[str, Counter], dict[str, str]]:
        by_file: dict[str, Counter] = defaultdict(Counter)
        reasons: dict[str, str] = {}
        for nodeid, phases in self.reports.items():
            file = nodeid.split("::", 1)[0]
            report = next((phases[w] for w in ("setup", "call", "teardown")
                           if w in phases and phases[w].outcome != "passed"), None)
            if report is None:
                by_file[file]["passed"] += 1
            elif report.outcome == "skipped":
                by_file[file]["skipped"] += 1
            else:
                text = str(report.longrepr)
                if "NotImplementedError" in text or "GeNNNotSupportedError" in text:
                    by_file[file]["missing feature"] += 1
                    line = next((l for l in text.splitlines() if "Error: " in l
                                 and "not supported yet" in l or "NotImplementedError:" in l), "")
                    reasons[nodeid] = line.split("Error: ", 1)[-1].strip()
                else:
                    by_file[file]["failed"] += 1
                    lines = [l for l in text.splitlines() if l.startswith("E ")]
                    reasons[nodeid] = " ".join(lines[:3]) or text[-300:]
        return by_file, reasons

    def table(self, markdown: bool) -> str:
        by_file, _ = self.sorted_outcomes()
        rows = []
        totals = Counter()
        for file in sorted(by_file):
            counts = by_file[file]
            totals.update(counts)
            rows.append([Path(file).name] + [str(counts[o]) for o in OUTCOMES])
        rows.append(["total"] + [str(totals[o]) for o in OUTCOMES])
        header = ["file", *OUTCOMES]
        if markdown:
            lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            lines += ["| " + " | ".join(row) + " |" for row in rows]
            return "\n".join(lines)
        widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
        return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths))
                         for row in [header] + rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("features", nargs="?", default=str(DEFAULT_FEATURES))
    parser.add_argument("--markdown", action="store_true", help="print the table in Markdown")
    parser.add_argument("-k", dest="keyword", help="only tests matching this pytest -k expression")
    arguments = parser.parse_args()
    features = Path(arguments.features).resolve()
    if not (features / "conftest.py").is_file():
        print(f"no GeNN feature tests at {features}", file=sys.stderr)
        return 2

    sys.dont_write_bytecode = True
    alias_pygenn()
    import pytest

    outcomes = Outcomes()
    options = [str(features), "-q", "-p", "no:cacheprovider", "-o", "addopts=",
               "--rootdir", str(features), "--tb=short", "-W", "ignore::pytest.PytestUnknownMarkWarning"]
    if arguments.keyword:
        options += ["-k", arguments.keyword]
    with tempfile.TemporaryDirectory(prefix="swiftgenn-feature-tests-") as folder:
        # The tests read their .npy data from the folder they run in.
        for data in features.glob("*.npy"):
            (Path(folder) / data.name).symlink_to(data)
        previous = os.getcwd()
        os.chdir(folder)
        try:
            pytest.main(options, plugins=[outcomes])
        finally:
            os.chdir(previous)

    print()
    print(outcomes.table(arguments.markdown))
    by_file, reasons = outcomes.sorted_outcomes()
    if reasons:
        print("\nWhy each test did not pass:")
        for nodeid, reason in sorted(reasons.items()):
            print(f"- {nodeid}: {reason}")
    return 1 if sum(c["failed"] for c in by_file.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
