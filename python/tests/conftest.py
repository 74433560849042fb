"""Shared fixtures: models are built in a temporary folder, never in the clone."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def in_temporary_folder(tmp_path, monkeypatch):
    """Runs each test in its own folder, where ``GeNNModel.build`` writes."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
