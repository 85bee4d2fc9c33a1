"""The legacy-multipage guard (ui/layout.py): a fresh server with a ``pages/`` folder runs a shared
link's page without app.py; the guard switches that mode off and reruns through app.py."""

from __future__ import annotations

import pytest
from streamlit.runtime.pages_manager import PagesManager

import ui.layout as layout


class Rerun(Exception):
    pass


@pytest.fixture
def rerun(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_rerun() -> None:
        raise Rerun

    monkeypatch.setattr(layout.st, "rerun", fake_rerun)
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)


def app_test(monkeypatch: pytest.MonkeyPatch, on: bool) -> None:
    monkeypatch.setattr(layout.config, "get_option", lambda name: on)


def test_legacy_mode_is_switched_off_and_the_page_reruns(rerun, monkeypatch) -> None:
    app_test(monkeypatch, False)
    PagesManager.uses_pages_directory = True
    with pytest.raises(Rerun):
        layout.ensure_entry_point()
    assert PagesManager.uses_pages_directory is False


@pytest.mark.parametrize("mode", [False, None])
def test_navigation_mode_runs_on(rerun, monkeypatch, mode) -> None:
    app_test(monkeypatch, False)
    PagesManager.uses_pages_directory = mode
    layout.ensure_entry_point()  # no rerun


def test_apptest_is_left_alone(rerun, monkeypatch) -> None:
    app_test(monkeypatch, True)
    PagesManager.uses_pages_directory = True
    layout.ensure_entry_point()
    assert PagesManager.uses_pages_directory is True
