"""Checks of the brief's two files shared by the unit and browser tests: nothing in the HTML is
loaded from elsewhere, and the PDF renders (poppler's pdftoppm) to pages that are not blank."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

URL_ATTRIBUTES = frozenset(
    {"src", "href", "xlink:href", "srcset", "action", "formaction", "poster", "data", "background"}
)
CSS_FETCH = re.compile(r"url\s*\(|@import", re.IGNORECASE)


class _References(HTMLParser):
    """Every element or style in a page that could fetch something."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "link", "iframe", "object", "embed", "img", "image", "base"):
            self.found.append(f"<{tag}> element")
        for name, value in attrs:
            if name.lower() in URL_ATTRIBUTES and not (value or "").startswith("#"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name.lower() == "style" and CSS_FETCH.search(value or ""):
                self.found.append(f"<{tag} style={value!r}>")
            if name.lower().startswith("on"):
                self.found.append(f"<{tag} {name}> handler")
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style and CSS_FETCH.search(data):
            self.found.append(f"style sheet fetches: {CSS_FETCH.search(data).group(0)}")


def external_references(html: str) -> list[str]:
    """What in ``html`` would load a script, style, font or image (empty: self-contained)."""
    parser = _References()
    parser.feed(html)
    parser.close()
    return parser.found


def need_poppler() -> None:
    """Skip without poppler on a developer's machine; fail in CI, where .ci/run installs it."""
    if shutil.which("pdftoppm") and shutil.which("pdftotext"):
        return
    message = "poppler-utils (pdftoppm, pdftotext) is not installed"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI is set, so the PDF tests may not be skipped)", pytrace=False)
    pytest.skip(message)


def pdf_pages(data: bytes, folder: Path, resolution: int = 60) -> list[Path]:
    """The PDF's pages as PNG images, first to last."""
    need_poppler()
    path = folder / "brief.pdf"
    path.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(resolution), str(path), str(folder / "page")],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return sorted(folder.glob("page*.png"))


def pdf_text(data: bytes, folder: Path, page: int | None = None) -> str:
    """The PDF's text (of one ``page``, from 1, when given) as poppler extracts it, lines joined
    by spaces."""
    need_poppler()
    path = folder / "text.pdf"
    path.write_bytes(data)
    pages = ["-f", str(page), "-l", str(page)] if page else []
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return " ".join(done.stdout.decode("utf-8").split())


def ink(page: Path) -> float:
    """Share of a page's pixels that are not near white."""
    grey = np.asarray(Image.open(page).convert("L"))
    return float((grey < 200).mean())


def has_colour(page: Path, colour: tuple[int, int, int], tolerance: int = 30) -> bool:
    """Whether any pixel is within ``tolerance`` of ``colour`` on every channel (a drawn bar)."""
    pixels = np.asarray(Image.open(page).convert("RGB")).astype(int)
    return bool((np.abs(pixels - np.array(colour)) <= tolerance).all(axis=-1).any())
