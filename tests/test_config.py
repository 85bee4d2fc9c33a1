"""The dashboard's security and privacy settings (.streamlit/config.toml) stay as the issue set
them: the browser tests pass some of these on the command line too, so only this test notices a
regression in the file itself. Its theme's colours are checked for WCAG AA contrast here too,
including the colours Streamlit derives from them (captions, selected pills)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

CONFIG = Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml"


def test_no_telemetry_xsrf_on_small_uploads_no_error_details() -> None:
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["enableXsrfProtection"] is True
    assert 0 < config["server"]["maxUploadSize"] <= 5  # megabytes
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["disableDataExport"] is True


# --- contrast of the theme (WCAG 2.1, success criterion 1.4.3) --------------------------------------

AA_TEXT = 4.5
CAPTION_OPACITY = 0.6
"""Streamlit draws captions, help texts and widget hints in textColor at 60 % opacity (its theme's
``fadedText60``), so their colour is a mix of the text and whatever is behind it."""
PILL_TINT = 0.1
"""A selected pill or segmented-control choice: primaryColor text on primaryColor at 10 %."""


def rgb(colour: str) -> tuple[int, int, int]:
    digits = colour.removeprefix("#")
    assert len(digits) == 6, f"{colour!r} is not #rrggbb"
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def luminance(colour: str) -> float:
    """Relative luminance, as WCAG defines it (linearised sRGB)."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(front: str, opacity: float, back: str) -> str:
    """The colour seen where ``front`` at ``opacity`` lies over ``back``."""
    pairs = zip(rgb(front), rgb(back), strict=True)
    channels = (round(opacity * f + (1 - opacity) * b) for f, b in pairs)
    return "#" + "".join(f"{c:02x}" for c in channels)


def test_the_contrast_helpers_match_known_ratios() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    # Streamlit's default caption: #2f2d2b at 60 % on white, which axe measured at 3.88:1
    assert mix("#2f2d2b", CAPTION_OPACITY, "#ffffff") == "#828180"
    assert contrast("#828180", "#ffffff") == pytest.approx(3.88, abs=0.01)


def theme() -> dict[str, str]:
    return tomllib.loads(CONFIG.read_text(encoding="utf-8"))["theme"]


@pytest.mark.parametrize("background", ["backgroundColor", "secondaryBackgroundColor"])
def test_text_and_captions_reach_aa_contrast(background: str) -> None:
    colours = theme()
    assert colours["base"] == "light"  # the ratios below are for dark text on light ground
    text, back = colours["textColor"], colours[background]
    assert contrast(text, back) >= AA_TEXT
    caption = mix(text, CAPTION_OPACITY, back)
    assert contrast(caption, back) >= AA_TEXT, f"captions {caption} on {back}"


def test_the_primary_colour_reaches_aa_contrast_on_its_tint_and_under_white_text() -> None:
    colours = theme()
    primary, back = colours["primaryColor"], colours["backgroundColor"]
    assert contrast(primary, mix(primary, PILL_TINT, back)) >= AA_TEXT  # a selected pill
    assert contrast("#ffffff", primary) >= AA_TEXT  # a primary button's label
    assert contrast(primary, back) >= AA_TEXT  # a secondary button's label when hovered
