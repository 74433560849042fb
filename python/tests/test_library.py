"""What the package tells SwiftGeNN about the interpreter that loads it."""

from __future__ import annotations

import os
from pathlib import Path

from swiftgenn import _library


def test_the_interpreters_folders_come_first_for_cuda_discovery(monkeypatch, tmp_path):
    variable = _library.SITE_PACKAGES_VARIABLE
    monkeypatch.setenv(variable, f"/inherited/site-packages{os.pathsep}{tmp_path}")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.syspath_prepend(str(tmp_path / "missing"))
    _library._list_site_packages()
    listed = os.environ[variable].split(os.pathsep)
    assert listed[0] == str(tmp_path)
    assert listed[-1] == "/inherited/site-packages"
    assert str(tmp_path / "missing") not in listed
    assert listed.count(str(tmp_path)) == 1
    assert all(Path(folder).is_dir() for folder in listed[:-1])

