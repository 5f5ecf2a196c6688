"""`indicators dashboard`: one offline HTML page, checked in a real headless Chromium.

The browser is driven over the DevTools protocol through a pipe (``--remote-debugging-pipe``: JSON
messages separated by NUL bytes on file descriptors 3 and 4), so the tests need no Python package
beyond the standard library, only Debian's ``chromium``. They assert what ran in the live DOM (the
SVG markers drawn by the page's script), what the console said, and which requests went out.
"""
from __future__ import annotations

import base64
import fcntl
import json
import os
import re
import select
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Any, Callable

import pytest

from pipeline.build import build_dataset
from pipeline.dashboard import dashboard_data, embed_json, render_dashboard, safe_url, write_dashboard

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium")
needs_browser = pytest.mark.skipif(
    shutil.which("chromium") is None and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (apt-get install chromium); in CI these tests always run",
)

# --- a minimal DevTools-protocol client over --remote-debugging-pipe ------------------------------


class DevToolsError(RuntimeError):
    pass


class Chromium:
    """A headless Chromium with its DevTools protocol on a pipe (fd 3: commands in, fd 4: replies)."""

    FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
             "--disable-dev-shm-usage", "--remote-debugging-pipe", "--enable-logging=stderr", "--v=0", "--window-size=1400,1000"]

    def __init__(self, profile: Path) -> None:
        profile.mkdir(parents=True, exist_ok=True)
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def plumb() -> None:  # in the child, before exec: the protocol pipe becomes fds 3 and 4
            high_r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            high_w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self.log_path = profile / "chromium.log"
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [CHROMIUM, *self.FLAGS, f"--user-data-dir={profile}", "about:blank"],
                stdin=subprocess.DEVNULL, stdout=log, stderr=log, close_fds=False, preexec_fn=plumb,
                start_new_session=True)
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self._replies: dict[int, dict[str, Any]] = {}

    def _send(self, message: dict[str, Any]) -> None:
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self._to_child, data):]

    def _pump(self, deadline: float) -> None:
        """Read at least one message (or time out) and file it as a reply or an event."""
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no message from chromium; log: " + self.log_path.read_text(errors="replace")[-2000:])
            ready, _, _ = select.select([self._from_child], [], [], remaining)
            if ready:
                chunk = os.read(self._from_child, 1 << 20)
                if not chunk:
                    raise DevToolsError("chromium closed the pipe; log: " + self.log_path.read_text(errors="replace")[-2000:])
                self._buffer += chunk
        while b"\0" in self._buffer:
            raw, self._buffer = self._buffer.split(b"\0", 1)
            message = json.loads(raw)
            if "id" in message:
                self._replies[message["id"]] = message
            else:
                self.events.append(message)

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None,
             timeout: float = 15) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._send(message)
        deadline = time.monotonic() + timeout
        while self._next_id not in self._replies:
            self._pump(deadline)
        reply = self._replies.pop(self._next_id)
        if "error" in reply:
            raise DevToolsError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def wait_event(self, predicate: Callable[[dict[str, Any]], bool], timeout: float = 15) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        seen = 0
        while True:
            for event in self.events[seen:]:
                if predicate(event):
                    return event
            seen = len(self.events)
            self._pump(deadline)

    def new_page(self) -> "Page":
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        return Page(self, target, session)

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=5)
        except (DevToolsError, TimeoutError, OSError):
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)  # only the group this fixture started
            self.process.wait(timeout=5)
        for fd in (self._to_child, self._from_child):
            os.close(fd)


class Page:
    """One tab: console messages, exceptions and requests are recorded from the moment it opens."""

    def __init__(self, browser: Chromium, target: str, session: str) -> None:
        self.browser, self.target, self.session = browser, target, session
        self.first_event = len(browser.events)
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride", {"width": 1400, "height": 1000, "deviceScaleFactor": 1,
                                                         "mobile": False})

    def call(self, method: str, params: dict[str, Any] | None = None, timeout: float = 15) -> dict[str, Any]:
        return self.browser.call(method, params, self.session, timeout)

    def _events(self, method: str) -> list[dict[str, Any]]:
        return [e["params"] for e in self.browser.events[self.first_event:]
                if e.get("sessionId") == self.session and e.get("method") == method]

    def open(self, path: Path) -> None:
        self.first_event = len(self.browser.events)
        self.call("Page.navigate", {"url": path.resolve().as_uri()})
        self.browser.wait_event(lambda e: e.get("sessionId") == self.session and e.get("method") == "Page.loadEventFired")

    def eval(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise DevToolsError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def console_errors(self) -> list[str]:
        errors = [" ".join(str(a.get("value", a.get("description", ""))) for a in e["args"])
                  for e in self._events("Runtime.consoleAPICalled") if e["type"] in ("error", "assert")]
        errors += [e["exceptionDetails"].get("exception", {}).get("description") or e["exceptionDetails"]["text"]
                   for e in self._events("Runtime.exceptionThrown")]
        errors += [e["entry"]["text"] for e in self._events("Log.entryAdded") if e["entry"]["level"] == "error"]
        return errors

    def requests(self) -> list[str]:
        return [e["request"]["url"] for e in self._events("Network.requestWillBeSent")]

    def click(self, selector: str) -> None:
        """A real mouse click (press and release) in the middle of the first element matching `selector`."""
        box = self.eval(f"""(() => {{ const n = document.querySelector({json.dumps(selector)});
            n.scrollIntoView({{block: "center"}}); const r = n.getBoundingClientRect();
            return {{x: r.left + r.width / 2, y: r.top + r.height / 2}}; }})()""")
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {"type": kind, "x": box["x"], "y": box["y"], "button": "left",
                                                   "clickCount": 1})

    def screenshot(self, *paths: Path) -> None:
        size = self.call("Page.getLayoutMetrics")["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 8000), "scale": 1}
        png = base64.b64decode(self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                                    "clip": clip}, timeout=30)["data"])
        for path in paths:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(png)

    def close(self) -> None:
        self.browser.call("Target.closeTarget", {"targetId": self.target})


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if CHROMIUM is None:
        pytest.fail("chromium is missing: apt-get install -y chromium (the browser tests always run in CI)")
    chromium = Chromium(tmp_path_factory.mktemp("chromium-profile"))
    yield chromium
    chromium.close()


@pytest.fixture
def page(browser):
    tab = browser.new_page()
    yield tab
    tab.close()


# --- the data sets -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seeds_dashboard(tmp_path_factory, seeds_dir):
    folder = tmp_path_factory.mktemp("seeds-dashboard")
    build_dataset([seeds_dir], folder / "output")
    return write_dashboard(folder / "output", folder / "dashboard.html")


EVIL_TXT = """UBND thị xã Từ Sơn <script>window.__pwned=1</script> báo cáo <img src=x onerror="window.__pwned=2">
Sáng ngày 26/11/2021, UBND thị xã Từ Sơn tổ chức phiên họp thường kỳ tháng 11 năm 2021 <script>window.__pwned=1</script>.
Năm 2021, giá trị sản xuất công nghiệp ước đạt 98.765,4 tỷ đồng <img src=x onerror="window.__pwned=2">, tăng 8,2% so với năm 2020.
Tỷ lệ hộ nghèo còn 150% <script>window.__pwned=1</script>.
"""
JS_URL = "javascript:window.__pwned=3"
BREAKOUT_TITLE = "</script><script>window.__pwned=4</script> UBND huyện Văn Lâm"
WEB_URL = "https://example.invalid/tin-tuc/bai-1.html?a=1&b=2"
DATA_URL = "data:text/html,<script>window.__pwned=5</script>"
EVIL_JSONL = [
    {"url": JS_URL, "title": BREAKOUT_TITLE, "published": "2021-12-20",
     "text": "UBND huyện Văn Lâm tổng kết năm 2021\nNăm 2021, tổng thu ngân sách nhà nước trên địa bàn huyện Văn Lâm "
             "ước đạt 1.650,5 tỷ đồng, tăng 11% so với năm 2020 </script><script>window.__pwned=4</script>."},
    {"url": WEB_URL, "title": "Huyện Văn Lâm: thu nhập bình quân", "published": "2021-12-21",
     "text": "Huyện Văn Lâm năm 2021\nNăm 2021, thu nhập bình quân đầu người huyện Văn Lâm đạt 70,2 triệu đồng."},
    {"url": DATA_URL, "title": "data url", "published": "2021-12-22",
     "text": "UBND huyện Văn Lâm\nNăm 2021, tỷ lệ hộ nghèo của huyện Văn Lâm còn 0,8%."},
]


@pytest.fixture(scope="module")
def evil_dashboard(tmp_path_factory):
    folder = tmp_path_factory.mktemp("evil-dashboard")
    corpus = folder / "corpus"
    corpus.mkdir()
    (corpus / "evil.txt").write_text(EVIL_TXT, encoding="utf-8")
    (corpus / "evil-again.txt").write_text(EVIL_TXT, encoding="utf-8")  # a duplicate: an error row
    (corpus / "empty.txt").write_text("  \n", encoding="utf-8")
    (corpus / "evil.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in EVIL_JSONL),
                                       encoding="utf-8")
    build_dataset([corpus], folder / "output")
    return write_dashboard(folder / "output", folder / "dashboard.html")


def data_block(html: str) -> tuple[str, str]:
    """The embedded JSON text, and the page without it."""
    match = re.search(r'<script type="application/json" id="dashboard-data">(.*?)</script>', html, re.S)
    assert match, "no data block"
    return match.group(1), html[:match.start(1)] + html[match.end(1):]


# --- without a browser -------------------------------------------------------------------------

def test_embedded_json_cannot_close_its_script_element():
    text = embed_json({"t": "</script><script>x()</script>\u2028\u2029 & <!-- -->"})
    assert not re.search(r"[<>&\u2028\u2029]", text)
    assert json.loads(text) == {"t": "</script><script>x()</script>\u2028\u2029 & <!-- -->"}


@pytest.mark.parametrize("source, link", [
    ("https://baobacninh.vn/a?b=1&c=2", True), ("HTTP://example.org/x", True),
    ("javascript:alert(1)", False), ("JavaScript:alert(1)", False), (" javascript:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False), ("vbscript:x", False), ("//example.org/x", False),
    ("seeds/000.txt", False), ("https://", False), ("https://a.b/\" onmouseover=\"x", False), (None, False),
])
def test_only_http_and_https_sources_become_links(source, link):
    assert safe_url(source) == (source if link else None)


def test_page_has_a_strict_csp_and_loads_nothing(seeds_dashboard):
    html = seeds_dashboard.read_text(encoding="utf-8")
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1)
    assert "default-src 'none'" in csp and "style-src 'unsafe-inline'" in csp and "img-src data:" in csp
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", csp) and "unsafe-eval" not in csp
    assert "http://" not in html and "https://" not in html  # seeds have file sources: no URL at all
    markup = re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S)
    assert re.findall(r"\b(?:src|href|srcset|action|poster)\s*=\s*[\"']?([^\"'\s>]*)", markup, re.I) == ["data:,"]
    assert len(re.findall(r"\.href\s*=", html)) == 1  # the one guarded assignment in sourceNode
    assert "innerHTML" not in html and "eval(" not in html and "@import" not in html and "url(" not in html


def test_dashboard_data_reads_every_table(seeds_dashboard):
    data = dashboard_data(seeds_dashboard.parent / "output")
    assert [a["label"] for a in data["areas"]] == ["Từ Sơn"]
    assert len(data["series"]) == 11 and data["years"] == [2019, 2020, 2021]
    assert data["validation"]["observations"] == {"success": True, "failed": [], "evaluated": data["validation"]["observations"]["evaluated"]}
    with pytest.raises(FileNotFoundError):
        dashboard_data(seeds_dashboard.parent / "missing")


# --- in the browser ----------------------------------------------------------------------------

CHART_MARKERS = """(() => { const out = {}; for (const c of document.querySelectorAll('#charts .chart')) {
  out[c.dataset.indicator + '|' + c.dataset.unit] = {
    stated: c.querySelectorAll('svg .pt.stated').length, implied: c.querySelectorAll('svg .pt.implied').length,
    dashed: c.querySelectorAll('svg path.seg[stroke-dasharray]').length,
    titles: [...c.querySelectorAll('svg .pt title')].map(t => t.textContent) }; }
  return out; })()"""
COMPARE_ROWS = """[...document.querySelectorAll('#compare tbody tr')].map(tr => ({
  indicator: tr.dataset.indicator || null, unit: tr.dataset.unit || null,
  cells: [...tr.cells].map(td => td.textContent) }))"""


def set_select(page: Page, select_id: str, values: list[str]) -> None:
    page.eval(f"""(() => {{ const s = document.getElementById({json.dumps(select_id)}), v = {json.dumps(values)};
        for (const o of s.options) o.selected = v.includes(o.value);
        s.dispatchEvent(new Event('change')); }})()""")


@needs_browser
def test_dashboard_renders_seeds_in_chromium(page, seeds_dashboard):
    page.open(seeds_dashboard)
    assert page.eval("document.body.dataset.ready") == "1"
    charts = page.eval(CHART_MARKERS)
    # Từ Sơn's 11 level points: 7 stated, 4 implied (2019 income in USD and VND, 2020 output and revenue)
    assert sum(c["stated"] + c["implied"] for c in charts.values()) == 11
    assert sum(c["implied"] for c in charts.values()) == 4
    output = charts["industrial_output_value|billion_VND"]
    assert (output["stated"], output["implied"], output["dashed"]) == (1, 1, 1)
    assert any("125,952.5 billion_VND" in t and "stated, estimate" in t for t in output["titles"])
    assert any("113,881.1 billion_VND" in t and "implied" in t and "000_31fdb8ba51b1d058.txt" in t for t in output["titles"])
    assert set(charts) >= {"per_capita_income|USD", "per_capita_income|million_VND", "poverty_rate|percent"}

    rows = {(r["indicator"], r["unit"]): r["cells"] for r in page.eval(COMPARE_ROWS)}
    industrial = rows[("industrial_output_value", "billion_VND")]
    # Area, Indicator, Unit, 2020 value/kind/status/source, 2021 value/kind/status/source, change, change %
    assert industrial[:3] == ["Từ Sơn", "industrial_output_value", "billion_VND"]
    assert industrial[3:5] == ["113,881.1", "implied"] and industrial[7:9] == ["125,952.5", "stated"]
    assert industrial[6] == industrial[10] == "000_31fdb8ba51b1d058.txt"
    assert industrial[11:] == ["+12,071.4", "+10.6%"]
    assert page.eval("[...document.querySelectorAll('#compare thead th')].slice(3, 4).map(t => t.textContent)") == ["2020"]

    page.screenshot(REPO / "output" / "dashboard.png", seeds_dashboard.parent / "dashboard.png")

    suites = page.eval("[...document.querySelectorAll('#suites .suite')].map(s => s.dataset.suite + ':' + s.querySelector('.state').textContent)")
    assert sorted(suites) == ["documents:ok", "observations:ok", "series:ok"]
    assert page.eval("document.querySelector('[data-count=observations] b').textContent") == "12"
    assert page.eval("document.querySelector('#rejected tbody td').textContent") == "No rejected rows."

    # the filters redraw the charts and the table
    set_select(page, "f-indicator", ["industrial_output_value"])
    assert list(page.eval(CHART_MARKERS)) == ["industrial_output_value|billion_VND"]
    assert [r["indicator"] for r in page.eval(COMPARE_ROWS)] == ["industrial_output_value"]
    page.click("#f-indicator-all")
    set_select(page, "f-year-a", ["2019"])
    set_select(page, "f-year-b", ["2020"])
    rows = {(r["indicator"], r["unit"]): r["cells"] for r in page.eval(COMPARE_ROWS)}
    assert rows[("per_capita_income", "million_VND")][3:5] == ["173.42", "implied"]
    assert rows[("per_capita_income", "million_VND")][7] == "175.5"
    set_select(page, "f-area", [])
    assert page.eval("document.querySelectorAll('#charts svg .pt').length") == 0
    assert page.eval("document.querySelector('#charts .empty').textContent") == "No level series for this selection."

    assert page.console_errors() == []
    assert [u for u in page.requests() if not u.startswith(("file:", "data:"))] == []


PAYLOADS = ['<script>window.__pwned=1</script>', '<img src=x onerror="window.__pwned=2">', JS_URL,
            '</script><script>window.__pwned=4</script>', DATA_URL]


@needs_browser
def test_injected_markup_in_articles_stays_text(page, evil_dashboard):
    html = evil_dashboard.read_text(encoding="utf-8")
    data, rest = data_block(html)
    for payload in PAYLOADS:
        assert ("<" in payload) is (payload not in html)  # markup only escaped, in the data block
    assert "<script" not in data and "</script" not in data

    page.open(evil_dashboard)
    assert page.eval("document.body.dataset.ready") == "1"
    assert page.eval("typeof window.__pwned") == "undefined"
    text = page.eval("document.querySelector('main').textContent")  # closed <details> and svg titles too
    tooltips = page.eval("[...document.querySelectorAll('svg title, [title]')].map(n => n.textContent + ' ' + (n.getAttribute('title') || '')).join('\\n')")
    for payload in PAYLOADS:
        assert payload in text or payload in tooltips, payload
    assert BREAKOUT_TITLE in text and "Tỷ lệ hộ nghèo còn 150% <script>window.__pwned=1</script>." in text

    assert page.eval("document.querySelectorAll('script').length") == 2  # the data block and the page's own
    assert page.eval("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.eval("[...document.querySelectorAll('*')].filter(n => [...n.attributes].some(a => /^on/i.test(a.name))).length") == 0
    links = page.eval("[...document.querySelectorAll('a')].map(a => [a.getAttribute('href'), a.rel, a.textContent])")
    assert links and all(link == [WEB_URL, "noopener noreferrer", WEB_URL] for link in links)
    spans = page.eval("[...document.querySelectorAll('span.source')].map(s => s.textContent)")
    assert JS_URL in spans and DATA_URL in spans

    # click the javascript: and data: sources and the titles: still nothing runs
    for selector in ("#compare span.source", "#documents span.source", "#doc-errors tbody td:nth-child(4)"):
        page.click(selector)
    page.eval("new Promise(r => setTimeout(r, 200))")
    assert page.eval("typeof window.__pwned") == "undefined"
    assert page.eval("location.protocol") == "file:"
    assert page.eval("document.querySelectorAll('#doc-errors tbody tr').length") == 2  # duplicate and empty
    assert page.eval("[...document.querySelectorAll('#rejected tbody tr')].map(r => r.dataset.indicator)") == ["poverty_rate"]
    assert page.console_errors() == []
    assert [u for u in page.requests() if not u.startswith(("file:", "data:"))] == []


@needs_browser
def test_escaping_alone_keeps_payloads_inert_without_the_csp(page, evil_dashboard, tmp_path):
    html = evil_dashboard.read_text(encoding="utf-8")
    no_csp = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    assert no_csp != html
    (tmp_path / "no-csp.html").write_text(no_csp, encoding="utf-8")
    page.open(tmp_path / "no-csp.html")
    assert page.eval("document.body.dataset.ready") == "1"
    page.click("#compare span.source")
    page.eval("new Promise(r => setTimeout(r, 200))")
    assert page.eval("typeof window.__pwned") == "undefined"
    assert page.console_errors() == []


@needs_browser
def test_csp_blocks_markup_that_would_get_in(page, seeds_dashboard, tmp_path):
    """Defence in depth: were markup ever injected, the policy lets it neither run nor load."""
    html = seeds_dashboard.read_text(encoding="utf-8")
    injected = ('<img src=x onerror="window.__pwned=6"><script>window.__pwned=7</script>'
                '<img src="https://example.invalid/pixel.png"><a id="js" href="javascript:window.__pwned=8">x</a>')
    (tmp_path / "injected.html").write_text(html.replace("<main>", "<main>" + injected, 1), encoding="utf-8")
    page.open(tmp_path / "injected.html")
    assert page.eval("document.body.dataset.ready") == "1"  # the page's own script still runs
    assert page.eval("document.querySelectorAll('#charts svg .pt').length") == 11
    page.click("#js")
    page.eval("new Promise(r => setTimeout(r, 200))")
    assert page.eval("typeof window.__pwned") == "undefined"
    errors = page.console_errors()
    assert all("Content Security Policy" in e and "blocked" in e for e in errors)
    for blocked in ("Executing inline event handler", "Executing inline script", "Running the JavaScript URL",
                    "Loading the image 'https://example.invalid/pixel.png'"):
        assert any(e.startswith(blocked) for e in errors), (blocked, errors)
    failed = {e["requestId"]: e.get("blockedReason") for e in page._events("Network.loadingFailed")}
    sent = {e["requestId"]: e["request"]["url"] for e in page._events("Network.requestWillBeSent")}
    assert all(failed.get(rid) == "csp" for rid, url in sent.items() if url.startswith(("http:", "https:")))


def test_no_web_reference_outside_article_sources(evil_dashboard):
    html = evil_dashboard.read_text(encoding="utf-8")
    data, rest = data_block(html)
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]", rest, re.I)

    def strings(node: Any, key: str = "") -> list[tuple[str, str]]:
        if isinstance(node, dict):
            return [s for k, v in node.items() for s in strings(v, k)]
        if isinstance(node, list):
            return [s for v in node for s in strings(v, key)]
        return [(key, node)] if isinstance(node, str) else []

    with_urls = {(k, s) for k, s in strings(json.loads(data)) if re.search(r"https?://", s, re.I)}
    assert with_urls == {("source", WEB_URL), ("url", WEB_URL)}


def test_write_dashboard_replaces_the_file(seeds_dashboard, tmp_path):
    target = tmp_path / "sub" / "d.html"
    assert write_dashboard(seeds_dashboard.parent / "output", target) == target
    first = target.read_text(encoding="utf-8")
    write_dashboard(seeds_dashboard.parent / "output", target)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>") and len(first) > 1000
    assert [p.name for p in target.parent.iterdir()] == ["d.html"]
    assert render_dashboard(dashboard_data(seeds_dashboard.parent / "output")).count("<script") == 2


@needs_browser
def test_an_output_without_tables_still_renders(page, tmp_path):
    (tmp_path / "output").mkdir()
    target = write_dashboard(tmp_path / "output", tmp_path / "empty.html")
    page.open(target)
    assert page.eval("document.body.dataset.ready") == "1"
    assert page.eval("document.querySelector('#charts .empty').textContent") == "No level series for this selection."
    assert page.eval("document.querySelector('#suites .empty').textContent") == "No validation results in manifest.json."
    assert page.console_errors() == []
