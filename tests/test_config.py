"""The dashboard's security and privacy settings (.streamlit/config.toml) stay as the issue set
them: the browser tests pass some of these on the command line too, so only this test notices a
regression in the file itself."""

from __future__ import annotations

import tomllib
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml"


def test_no_telemetry_xsrf_on_small_uploads_no_error_details() -> None:
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["enableXsrfProtection"] is True
    assert 0 < config["server"]["maxUploadSize"] <= 5  # megabytes
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["disableDataExport"] is True
