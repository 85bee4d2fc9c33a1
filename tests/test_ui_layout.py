"""The legacy-multipage guard (ui/common/layout.py): a fresh server with a ``pages/`` folder runs a shared
link's page without app.py; the guard switches that mode off and reruns through app.py. And a
page link that degrades to a caption where no navigation is running."""

from __future__ import annotations

import pytest
from streamlit.errors import StreamlitPageNotFoundError
from streamlit.runtime.pages_manager import PagesManager

import ui.common.layout as layout


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


def test_a_page_link_without_navigation_is_a_caption(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []

    def missing_page(page: str, **_: object) -> None:
        raise StreamlitPageNotFoundError(page, "", False)

    monkeypatch.setattr(layout.st, "page_link", missing_page)
    monkeypatch.setattr(layout.st, "caption", shown.append)
    layout.page_link("pages/questionnaire.py", "Back to the questionnaire")
    assert shown == ["Back to the questionnaire: open it from the navigation."]


def test_the_header_is_a_caption_on_inner_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[tuple[str, str]] = []
    for kind in ("title", "markdown", "caption"):
        monkeypatch.setattr(layout.st, kind, lambda text, kind=kind: shown.append((kind, text)))
    layout.product_header()
    assert shown == [("title", layout.PRODUCT_NAME), ("markdown", layout.PURPOSE)]
    shown.clear()
    layout.product_header(compact=True)
    assert shown == [("caption", f"{layout.PRODUCT_NAME}: {layout.PURPOSE}")]
