"""Streamlit servers and Debian's Chromium for everything that drives the app in a real browser:
the browser tests (``conftest.py``) and the benchmarks that time or census it (``benchmarks/``).

Plain Python, no pytest: a benchmark imports it as ``tests.browser.server`` with the repository on
``sys.path``. A server that does not start raises ``RuntimeError`` with its log; each caller says
it its own way (a test fails, a benchmark exits).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))  # Debian's Chromium
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SERVER_START_TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class StreamlitServer:
    """``streamlit run SCRIPT`` on 127.0.0.1 and a free port, from the repository root."""

    def __init__(self, script: Path, cwd: Path = REPO_ROOT) -> None:
        self.script = script
        self.cwd = cwd
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        # Lives as long as the server (closed in stop()); a file, not a pipe, so it never fills up.
        self._log = tempfile.TemporaryFile()  # noqa: SIM115

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(self.script),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(self.port),
            "--browser.gatherUsageStats",
            "false",
            # No reruns or "source changed" prompts if someone edits the pages during a run.
            "--server.fileWatcherType",
            "none",
        ]

    def output(self, tail: int | None = 6000) -> str:
        """The server's log so far: its last ``tail`` characters, or all of it with None."""
        if self._log.closed:
            return ""
        self._log.seek(0)
        text = self._log.read().decode("utf-8", "replace")
        return text if tail is None else text[-tail:]

    def start(self, timeout: float = SERVER_START_TIMEOUT) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            self.command(), cwd=self.cwd, stdout=self._log, stderr=subprocess.STDOUT, env=env
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"streamlit run {self.script.name} exited with status "
                    f"{self.process.returncode} before answering /_stcore/health:\n{self.output()}"
                )
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.read().decode().strip() == "ok":
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(0.2)
        output = self.output()
        self.stop()
        raise RuntimeError(
            f"streamlit run {self.script.name} did not answer /_stcore/health within "
            f"{timeout:.0f} s:\n{output}"
        )

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log.close()

    def cpu_seconds(self) -> float:
        """CPU time the server process has used so far (user + system, from /proc)."""
        assert self.process is not None
        stat = Path(f"/proc/{self.process.pid}/stat").read_text()
        fields = stat.rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
