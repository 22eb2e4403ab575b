"""The HTML report: one self-contained page with the desk's claims, verdicts, evidence
quotes, sources with track records and the verify status; `claimledger report` writes it;
headless Chromium renders it offline with no console errors and no request beyond the
file itself, and a screenshot is kept in build/screenshots/report.png."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Optional

import claimledger as cl
import pytest
from claimledger.cli import main as cli_main
from claimledger.demo import build_demo
from claimledger.notebook.display import esc

SCRIPT = "<script>alert('x')</script>"


# --- headless Chromium over the DevTools protocol ------------------------------------------


def chromium_executable() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(
        "headless Chromium is needed to test the report and is not installed: "
        "apt-get install -y chromium (make test installs it)"
    )


class Page:
    """A page loaded in headless Chromium, driven over the DevTools protocol on a pipe
    (--remote-debugging-pipe: JSON messages ending in NUL on file descriptors 3 and 4).
    Every console message, uncaught exception, log entry and network request of the
    page is kept in `events`. The network resolves no name, so nothing loads from
    outside."""

    def __init__(self, url: str, *, width: int = 1280, height: int = 1600) -> None:
        self.events: list = []
        self._buffer = b""
        self._id = 0
        self._profile = tempfile.mkdtemp(prefix="claimledger-chromium-")
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def fds() -> None:  # in the child: the pipe ends on 3 (commands) and 4 (replies)
            a, b = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self._process = subprocess.Popen(
            [
                chromium_executable(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--remote-debugging-pipe",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                f"--user-data-dir={self._profile}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=fds,
            close_fds=False,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        try:
            target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
            self._session = self._call(
                "Target.attachToTarget", {"targetId": target, "flatten": True}
            )["sessionId"]
            for domain in ("Page", "Runtime", "Log", "Network"):
                self._call(f"{domain}.enable", session=True)
            self._call(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
                session=True,
            )
            self._call("Page.navigate", {"url": url}, session=True)
            self._wait(lambda m: m.get("method") == "Page.loadEventFired")
        except BaseException:
            self.close()
            raise

    def _send(self, method: str, params: dict, session: bool) -> int:
        self._id += 1
        message = {"id": self._id, "method": method, "params": params}
        if session:
            message["sessionId"] = self._session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        return self._id

    def _wait(self, done, timeout: float = 30.0) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "method" in message:
                    self.events.append(message)
                if done(message):
                    return message
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._from_chrome], [], [], max(0.0, left))
            if not ready:
                raise TimeoutError("headless Chromium did not answer in time")
            chunk = os.read(self._from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("headless Chromium exited")
            self._buffer += chunk

    def _call(self, method: str, params: Optional[dict] = None, session: bool = False) -> dict:
        sent = self._send(method, params or {}, session)
        reply = self._wait(lambda m: m.get("id") == sent)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply["result"]

    def evaluate(self, expression: str):
        result = self._call(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self) -> bytes:
        data = self._call("Page.captureScreenshot", {"format": "png"}, session=True)["data"]
        return base64.b64decode(data)

    def settle(self) -> None:
        """Lets late console messages arrive (a round trip after the load event)."""
        self.evaluate("1")

    def errors(self) -> list:
        """Console errors and warnings, uncaught exceptions and error log entries."""
        found = []
        for e in self.events:
            method, params = e["method"], e.get("params", {})
            if method == "Runtime.consoleAPICalled" and params["type"] in (
                "error",
                "warning",
                "assert",
            ):
                found.append(f"console.{params['type']}: {params.get('args')}")
            elif method == "Runtime.exceptionThrown":
                found.append(f"uncaught: {params['exceptionDetails']}")
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                found.append(f"log: {params['entry']['text']}")
        return found

    def requests(self) -> list:
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e["method"] == "Network.requestWillBeSent"
        ]

    def close(self) -> None:
        try:
            if self._process.poll() is None:
                try:
                    self._send("Browser.close", {}, session=False)
                    self._process.wait(timeout=10)
                except (OSError, subprocess.TimeoutExpired):
                    self._process.kill()
                    self._process.wait()
        finally:
            for fd in (self._to_chrome, self._from_chrome):
                with contextlib.suppress(OSError):
                    os.close(fd)
            shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> Page:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# --- the report's content ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_ledger(tmp_path_factory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo"), say=None)


@pytest.fixture(scope="module")
def demo_report(demo_ledger, tmp_path_factory) -> Path:
    """The demo desk's report, written by the command line."""
    target = tmp_path_factory.mktemp("report") / "report.html"
    assert cli_main(["report", str(demo_ledger), "-o", str(target), "--all"]) == 0
    return target


def test_report_has_claims_verdicts_evidence_sources_and_verify_status(demo_ledger, demo_report):
    html = demo_report.read_text(encoding="utf-8")
    with cl.open(demo_ledger, create=False) as wb:
        claims = wb.claims()
        assert len(claims) == 8
        for claim in claims:
            assert f'data-claim="{claim.id}"' in html
            assert esc(claim.text) in html
            if claim.verdict:
                assert esc(claim.verdict.rationale) in html
            for evidence in wb.evidence(claim):
                assert f'data-evidence="{evidence.id}"' in html
                assert esc(evidence.quote.exact) in html
        for source in wb.sources():
            assert f'data-source="{source.id}"' in html
            assert esc(source.name) in html
        checkpoint = wb.checkpoint()
    assert 'data-ok="true"' in html
    assert "Ledger verified" in html
    assert checkpoint.hash in html  # the head of the chain, to verify against later
    assert html.count('class="claimledger cl-claim"') == 8


def test_report_is_self_contained(demo_report):
    html = demo_report.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in html
    assert "<script" not in html.lower()
    assert not re.search(r"<(link|img|iframe|object|embed|video|audio|source)\b", html, re.I)
    assert not re.search(r"\bsrc\s*=", html, re.I)
    assert "@import" not in html
    assert "url(" not in html
    assert "@font-face" not in html


def test_report_escapes_user_text(wb, tmp_path):
    source = wb.add_source(f"Outlet {SCRIPT}", kind="outlet")
    claim = wb.add_claim(f"A claim {SCRIPT}.", claimant=source)
    wb.set_verdict(claim, "false", rationale=f"Because {SCRIPT}.")
    html = wb.report()
    assert "<script" not in html
    assert html.count("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;") >= 3


def test_report_of_a_tampered_ledger_says_so(desk, location, tamper):
    desk.wb.close()
    copy = tamper(location, "UPDATE claims SET text = 'Edited behind the ledger''s back.'")
    with cl.open(copy, create=False) as wb:
        html = wb.report(title="Tampered desk")
    assert 'data-ok="false"' in html
    assert "Verification failed" in html
    assert "projection-mismatch" in html
    assert "<title>Tampered desk</title>" in html


def test_report_limit_shows_fewer_cards_but_counts_every_claim(demo_ledger):
    with cl.open(demo_ledger, create=False) as wb:
        html = wb.report(limit=3)
    assert html.count('class="claimledger cl-claim"') == 3
    assert "Showing 3 of 8 claims." in html


@pytest.fixture(scope="module")
def large_desk(tmp_path_factory) -> Path:
    """8,000 claims from a dataset: verdicts published elsewhere, by 400 speakers; and
    three claims of the desk's own that need attention (no verdict; a verdict not approved
    yet; a verdict reviewed, which does not)."""
    path = tmp_path_factory.mktemp("large") / "large.ledger"
    with cl.open(path, actor="loader") as wb:
        speakers = wb.add_sources([{"name": f"Speaker {i}", "kind": "person"} for i in range(400)])
        ratings = ["true", "mostly-true", "mixed", "mostly-false", "false"]
        wb.add_claims(
            {
                "text": f"Claim number {i} says {i * 7} jobs were added in district {i % 97}.",
                "claimant": speakers[i % 400],
                "verdict": ratings[i % 5],
                "status": "published-elsewhere",
            }
            for i in range(8000)
        )
        todo = wb.add_claim("Our own claim with no verdict yet.", claimant=speakers[0])
        waiting = wb.add_claim("Our own claim with a verdict nobody approved.")
        wb.set_verdict(waiting, "false", rationale="first look")
        with pytest.warns(cl.NearDuplicateWarning):  # the claims are alike on purpose
            done = wb.add_claim("Our own claim, reviewed.")
        wb.set_verdict(done, "true", rationale="checked")
        wb.set_status(done, "reviewed")
        ids = {"todo": todo.id, "waiting": waiting.id, "done": done.id}
    (path.parent / "ids.json").write_text(json.dumps(ids), encoding="utf-8")
    return path


def test_cli_report_of_a_large_desk_is_small_by_default(large_desk, tmp_path, capsys):
    ids = json.loads((large_desk.parent / "ids.json").read_text(encoding="utf-8"))
    small = tmp_path / "small.html"
    assert cli_main(["report", str(large_desk), "-o", str(small)]) == 0
    html = small.read_text(encoding="utf-8")
    assert html.count('class="claimledger cl-claim"') == 2
    assert f'data-claim="{ids["todo"]}"' in html
    assert f'data-claim="{ids["waiting"]}"' in html
    assert f'data-claim="{ids["done"]}"' not in html
    assert "2 of 8,003 claims need attention" in html
    assert "8,003 claims" in html  # the summary counts every claim
    assert html.count('class="cl-source-row"') == 25
    assert "The 25 sources with the most verdicts, of 400." in html
    assert len(html) < 200_000
    everything = tmp_path / "all.html"
    assert cli_main(["report", str(large_desk), "-o", str(everything), "--all"]) == 0
    html = everything.read_text(encoding="utf-8")
    assert html.count('class="claimledger cl-claim"') == 8003
    assert html.count('class="cl-source-row"') == 400
    capsys.readouterr()


def test_workbench_report_writes_a_file(desk, tmp_path):
    target = desk.wb.report(tmp_path / "desk.html")
    assert target == tmp_path / "desk.html"
    assert "About 28,500 US troops are in South Korea." in target.read_text(encoding="utf-8")


def test_cli_report_prints_where_it_wrote_and_fails_with_one_line(demo_ledger, tmp_path, capsys):
    target = tmp_path / "out.html"
    assert cli_main(["report", str(demo_ledger), "-o", str(target)]) == 0
    out, err = capsys.readouterr()
    assert out == f"{target}: report written (verified)\n"
    assert err == ""  # no progress bar when stderr is not a terminal
    assert cli_main(["report", str(tmp_path / "missing.ledger"), "-o", str(target)]) == 1
    out, err = capsys.readouterr()
    assert err.startswith("claimledger: ")
    assert err.count("\n") == 1
    assert not (tmp_path / "missing.ledger").exists()


# --- in a browser ------------------------------------------------------------------------------


def test_report_renders_in_headless_chromium_without_errors(demo_ledger, demo_report, repo):
    with cl.open(demo_ledger, create=False) as wb:
        texts = [c.text for c in wb.claims()]
    url = demo_report.resolve().as_uri()
    with Page(url) as page:
        page.settle()
        assert page.evaluate("document.title") == f"claimledger report: {demo_ledger.name}"
        shown = page.evaluate(
            "Array.from(document.querySelectorAll('.cl-claim-text')).map(e => e.innerText)"
        )
        assert shown == texts
        heights = page.evaluate(
            "Array.from(document.querySelectorAll('.cl-claim'))"
            ".map(e => e.getBoundingClientRect().height)"
        )
        assert len(heights) == len(texts)
        assert min(heights) > 80
        assert page.evaluate("document.querySelector('[data-ok]').dataset.ok") == "true"
        assert page.evaluate("document.querySelectorAll('.cl-source-row').length") == 8
        assert page.errors() == []
        assert page.requests() == [url]  # nothing but the page itself
        png = page.screenshot()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(png) > 20_000
    screenshots = repo / "build" / "screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    (screenshots / "report.png").write_bytes(png)


def test_the_browser_check_sees_console_errors_and_outside_requests(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text(
        "<!DOCTYPE html><html><body><p>x</p>"
        '<img src="https://example.com/logo.png">'
        "<script>console.error('oops'); undefinedFunction();</script></body></html>",
        encoding="utf-8",
    )
    with Page(broken.as_uri()) as page:
        page.settle()
        errors = page.errors()
        requests = page.requests()
    assert any("oops" in e for e in errors)
    assert any("undefinedFunction" in e for e in errors)
    assert "https://example.com/logo.png" in requests
