"""A published output folder -> one self-contained, offline HTML dashboard (`indicators dashboard`).

The page has no external resource at all: the data is one JSON block inside the page, the charts
are SVG drawn by a small hand-written script, the styles are inline. Everything shown comes from
articles found on the web and is treated as untrusted:

- the data is embedded in ``<script type="application/json">`` with ``<``, ``>``, ``&`` and
  U+2028/U+2029 escaped, so a ``</script>`` in a title cannot end the block;
- the script builds the page with ``createElement`` / ``textContent`` only (never ``innerHTML``);
- only ``http://`` and ``https://`` sources become links (``rel="noopener noreferrer"``), checked
  here and again in the script; ``javascript:``, ``data:`` and relative paths stay plain text;
- a Content-Security-Policy meta tag (``default-src 'none'``, the script allowed by its SHA-256
  hash) means that even injected markup could load or run nothing.

>>> embed_json({"title": "</script><script>alert(1)</script>"})
'{"title":"\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
>>> safe_url("https://example.org/a?b=1"), safe_url("javascript:alert(1)"), safe_url("seeds/a.txt")
('https://example.org/a?b=1', None, None)
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import math
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

__all__ = ["write_dashboard", "render_dashboard", "dashboard_data", "embed_json", "safe_url"]

#: document statuses listed as errors (``no_indicators`` is counted, not listed as an error)
ERROR_STATUSES = ("unreadable", "empty", "duplicate", "failed")
#: at most this many rejected rows are embedded (the page says how many were left out)
MAX_REJECTED = 5000

_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f<>\"'`\\]+", re.IGNORECASE)


def safe_url(source: Any) -> str | None:
    """`source` when it is an absolute http(s) URL with a host, else None (shown as plain text)."""
    if not isinstance(source, str) or not _URL.fullmatch(source):
        return None
    try:
        parts = urlsplit(source)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return source


_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")


def embed_json(data: Any) -> str:
    """JSON that is safe inside a ``<script type="application/json">`` element."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group()], text)


# --- reading the output folder ----------------------------------------------------------------

def _plain(value: Any) -> Any:
    """A JSON-ready value: dates as ISO text, non-finite floats as None."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def _rows(folder: Path) -> list[dict[str, Any]]:
    """The rows of a Parquet dataset as plain dicts; [] when the table is missing."""
    if not folder.exists():
        return []
    import pyarrow.parquet as pq

    return [{k: _plain(v) for k, v in row.items()} for row in pq.read_table(folder).to_pylist()]


def _area_key(row: dict[str, Any]) -> str:
    """Series key of a place: its official code when known (Từ Sơn thị xã and thành phố are one)."""
    if row.get("area_code"):
        return f"code:{row['area_code']}"
    if row.get("area"):
        return f"name:{row['area']}"
    return "none:"


def dashboard_data(output_dir: Path) -> dict[str, Any]:
    """Everything the page shows, as one JSON-ready dict."""
    output_dir = Path(output_dir)
    manifest_path = output_dir / "manifest.json"
    if not output_dir.is_dir():
        raise FileNotFoundError(f"{output_dir}: no such output folder (run `indicators build` first)")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else {}

    documents = _rows(output_dir / "documents")
    titles: dict[str, str] = {}
    for doc in documents:
        if doc.get("source") and doc.get("title"):
            titles.setdefault(doc["source"], doc["title"])

    areas: dict[str, dict[str, Any]] = {}
    series = []
    for row in _rows(output_dir / "series"):
        if row.get("measure") != "level" or row.get("value_std") is None:
            continue
        key = _area_key(row)
        label = row.get("area") or "(no area)"
        area = areas.setdefault(key, {"key": key, "label": label, "province": row.get("province"),
                                      "code": row.get("area_code"), "names": []})
        if label not in area["names"]:
            area["names"].append(label)
        series.append({
            "area": key, "area_name": label, "area_type": row.get("area_type"),
            "indicator": row.get("indicator"), "qualifier": row.get("qualifier"), "period": row.get("period"),
            "year": row.get("year"), "value": row.get("value_std"), "unit": row.get("unit_std"),
            "value_stated": row.get("value"), "unit_stated": row.get("unit"),
            "status": row.get("status"), "derived": bool(row.get("derived")),
            "source": row.get("source"), "url": safe_url(row.get("source")),
            "title": titles.get(row.get("source") or ""), "published": row.get("published"),
            "n_sources": row.get("n_sources"), "vintages": row.get("vintages"),
        })

    rejected_all = _rows(output_dir / "rejected")
    rejected = []
    for row in rejected_all[:MAX_REJECTED]:
        rejected.append({
            "area": _area_key(row), "area_name": row.get("area"), "indicator": row.get("indicator"),
            "measure": row.get("measure"), "qualifier": row.get("qualifier"), "value": row.get("value"),
            "unit": row.get("unit"), "year": row.get("year"), "period": row.get("period"),
            "status": row.get("status"), "raw": row.get("raw"), "sentence": row.get("sentence"),
            "expectation": row.get("expectation"), "detail": row.get("detail"),
            "source": row.get("source"), "url": safe_url(row.get("source")),
        })
        areas.setdefault(_area_key(row), {"key": _area_key(row), "label": row.get("area") or "(no area)",
                                          "province": row.get("province"), "code": row.get("area_code"),
                                          "names": [row.get("area") or "(no area)"]})

    for area in areas.values():  # "Từ Sơn", or "Từ Sơn / Other name" when the name changed
        area["label"] = " / ".join(area["names"])

    docs = [{
        "source": d.get("source"), "url": safe_url(d.get("source")), "title": d.get("title"),
        "published": d.get("published"), "area": d.get("area"), "area_type": d.get("area_type"),
        "province": d.get("province"), "status": d.get("status"), "n_observations": d.get("n_observations"),
        "encoding": d.get("encoding"), "error": d.get("error"),
    } for d in documents]

    validation = {}
    for suite, result in (manifest.get("validation") or {}).items():
        if isinstance(result, dict):
            validation[suite] = {"success": bool(result.get("success")), "failed": list(result.get("failed") or []),
                                 "evaluated": result.get("evaluated")}

    return {
        "generated_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "manifest": {k: manifest.get(k) for k in ("tool", "version", "rules_version", "ran_at")},
        "counts": manifest.get("counts") or {"observations": None, "rejected": len(rejected_all),
                                             "documents": len(documents), "series": None},
        "validation": validation,
        "areas": sorted(areas.values(), key=lambda a: (a["label"].casefold(), a["key"])),
        "indicators": sorted({s["indicator"] for s in series} | {r["indicator"] for r in rejected if r["indicator"]}),
        "periods": [p for p, _ in Counter(s["period"] for s in series).most_common()],
        "years": sorted({s["year"] for s in series if s["year"] is not None}),
        "series": series,
        "rejected": rejected,
        "rejected_total": len(rejected_all),
        "documents": docs,
        "error_statuses": list(ERROR_STATUSES),
    }


# --- the page ---------------------------------------------------------------------------------

_STYLE = """
:root { --fg:#1d2530; --muted:#5b6573; --line:#d8dde3; --bg:#f6f7f9; --ok:#1a7f37; --bad:#c62828; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
       color: var(--fg); background: var(--bg); }
header { padding: 16px 24px 8px; background: #fff; border-bottom: 1px solid var(--line); }
header h1 { margin: 0 0 4px; font-size: 20px; }
header p { margin: 0; color: var(--muted); }
main { padding: 8px 24px 40px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin: 16px 0; }
h2 { font-size: 16px; margin: 0 0 10px; }
.filters { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.filters label { display: flex; flex-direction: column; font-weight: 600; gap: 4px; }
.filters select { font: inherit; min-width: 14em; }
.filters button { font: inherit; margin-top: 4px; }
.hint { color: var(--muted); font-size: 12px; font-weight: normal; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; color: var(--muted); font-size: 12px; margin-bottom: 8px; align-items: center; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 14px; }
.chart { border: 1px solid var(--line); border-radius: 4px; padding: 8px; }
.chart h3 { font-size: 13px; margin: 0 0 4px; }
.chart svg { width: 100%; height: auto; display: block; }
.chart .keys { display: flex; flex-wrap: wrap; gap: 10px; font-size: 12px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; vertical-align: -1px; }
svg .axis { stroke: #9aa3ad; stroke-width: 1; }
svg .grid { stroke: #eceff2; stroke-width: 1; }
svg text { font-size: 11px; fill: var(--muted); }
svg .pt { cursor: default; }
svg .pt:hover { stroke-width: 3; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f0f2f5; position: sticky; top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.implied, span.implied { font-style: italic; color: #6a4fb3; }
td.sentence { color: var(--muted); min-width: 24em; }
td.src { min-width: 10em; max-width: 22em; overflow-wrap: anywhere; }
#compare td:not(.src), #compare th { white-space: nowrap; }
#compare th { position: static; }
#compare th.year { text-align: center; border-left: 2px solid var(--line); }
#compare th[rowspan] { vertical-align: bottom; }
.tablewrap { overflow-x: auto; max-height: 70vh; overflow-y: auto; }
.suites { display: flex; flex-wrap: wrap; gap: 10px; margin-bottom: 10px; }
.suite { border: 1px solid var(--line); border-radius: 4px; padding: 6px 10px; min-width: 12em; }
.suite.ok b.state { color: var(--ok); }
.suite.failed { border-color: var(--bad); }
.suite.failed b.state { color: var(--bad); }
.suite ul { margin: 4px 0 0; padding-left: 18px; color: var(--bad); }
.counts { display: flex; flex-wrap: wrap; gap: 18px; }
.counts div b { font-size: 18px; display: block; }
.empty { color: var(--muted); font-style: italic; }
.status-unreadable, .status-empty, .status-duplicate, .status-failed { color: var(--bad); font-weight: 600; }
details summary { cursor: pointer; margin: 8px 0; }
"""

_BODY = """
<header>
  <h1>Vietnamese local economic indicators</h1>
  <p id="meta"></p>
</header>
<main>
  <noscript><p>This dashboard draws its charts and tables with JavaScript; please enable it.</p></noscript>
  <section id="validation"><h2>Validation</h2>
    <div class="suites" id="suites"></div>
    <div class="counts" id="counts"></div>
  </section>
  <section class="filters" id="filters">
    <label for="f-area">Area <span class="hint">(click one; Ctrl/Cmd-click for several)</span>
      <select id="f-area" multiple size="6"></select>
      <button type="button" id="f-area-all">All areas</button></label>
    <label for="f-indicator">Indicator <span class="hint">(click one; Ctrl/Cmd-click for several)</span>
      <select id="f-indicator" multiple size="6"></select>
      <button type="button" id="f-indicator-all">All indicators</button></label>
    <label for="f-period">Period <select id="f-period"></select></label>
  </section>
  <section id="charts-section"><h2>Time series (levels, in the standard unit)</h2>
    <div class="legend" id="legend"></div>
    <div class="charts" id="charts"></div>
  </section>
  <section id="compare-section"><h2>Year against year</h2>
    <div class="filters-inline">
      <label for="f-year-a">From <select id="f-year-a"></select></label>
      <label for="f-year-b">to <select id="f-year-b"></select></label>
    </div>
    <div class="tablewrap"><table id="compare"></table></div>
  </section>
  <section id="rejected-section"><h2>Rejected rows</h2>
    <p class="hint" id="rejected-note"></p>
    <div class="tablewrap"><table id="rejected"></table></div>
  </section>
  <section id="documents-section"><h2>Documents</h2>
    <p id="doc-statuses"></p>
    <h3>Documents that yielded errors</h3>
    <div class="tablewrap"><table id="doc-errors"></table></div>
    <details><summary id="all-docs-summary">All documents</summary>
      <div class="tablewrap"><table id="documents"></table></div></details>
  </section>
  <svg id="svg-ns" width="0" height="0" aria-hidden="true" style="position:absolute"></svg>
</main>
"""

# The script: no innerHTML, no eval; every piece of data goes through textContent / createTextNode
# or setAttribute of a fixed, non-event attribute name; hrefs only after an http(s) check.
_SCRIPT = r"""
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("dashboard-data").textContent);
  var SVGNS = document.getElementById("svg-ns").namespaceURI;
  var PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
                 "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939", "#843c39", "#7b4173"];
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }
  function svg(tag, attrs, children) {
    var node = document.createElementNS(SVGNS, tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }
  function setAttrs(node, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (name) {
      if (/^on/i.test(name) || name === "href") throw new Error("attribute not allowed: " + name);
      if (attrs[name] !== null && attrs[name] !== undefined) node.setAttribute(name, String(attrs[name]));
    });
  }
  function append(node, children) {
    if (children === null || children === undefined) return;
    if (!Array.isArray(children)) children = [children];
    children.forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
    });
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function isWebUrl(url) {
    if (typeof url !== "string" || !/^https?:\/\/[^\s]+$/i.test(url)) return false;
    try { var u = new URL(url); return u.protocol === "http:" || u.protocol === "https:"; } catch (e) { return false; }
  }
  function sourceNode(source, url, title) {
    var text = source === null || source === undefined ? "" : String(source);
    var node;
    if (url && url === source && isWebUrl(url)) {
      node = el("a", {target: "_blank", rel: "noopener noreferrer", referrerpolicy: "no-referrer"}, text);
      node.href = url;
    } else {
      node = el("span", {"class": "source"}, text);
    }
    if (title) node.title = title;
    return node;
  }

  function fmt(x) {
    if (x === null || x === undefined || typeof x !== "number" || !isFinite(x)) return "\u2013";
    var s = Math.abs(x).toFixed(2).replace(/\.?0+$/, "");
    var parts = s.split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return (x < 0 && s !== "0" ? "-" : "") + parts.join(".");
  }
  function signed(x) { return (x > 0 ? "+" : "") + fmt(x); }
  function fmtTick(t, step) {
    var decimals = step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log(step) / Math.LN10 - 1e-9));
    var s = Math.abs(t).toFixed(decimals), parts = s.split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return (t < 0 && Number(s) !== 0 ? "-" : "") + parts.join(".");
  }
  function show(x) { return x === null || x === undefined ? "" : String(x); }
  function areaLabel(key) { return AREA_LABEL[key] || key; }
  function indicatorLabel(row) { return row.indicator + (row.qualifier ? " (" + row.qualifier + ")" : ""); }

  var AREA_LABEL = {};
  DATA.areas.forEach(function (a) { AREA_LABEL[a.key] = a.label; });
  var AREA_COLOR = {};
  DATA.areas.forEach(function (a, i) { AREA_COLOR[a.key] = PALETTE[i % PALETTE.length]; });

  // --- header, validation, counts ----------------------------------------------------------
  function renderMeta() {
    var m = DATA.manifest || {};
    $("meta").textContent = "Built " + show(m.ran_at) + " by " + show(m.tool) + " " + show(m.version) +
      " (rules " + show(m.rules_version) + "); page generated " + DATA.generated_at + ".";
    var suites = $("suites");
    var names = Object.keys(DATA.validation);
    if (!names.length) append(suites, el("p", {"class": "empty"}, "No validation results in manifest.json."));
    names.forEach(function (name) {
      var r = DATA.validation[name];
      var box = el("div", {"class": "suite " + (r.success ? "ok" : "failed"), "data-suite": name}, [
        el("b", null, name + ": "), el("b", {"class": "state"}, r.success ? "ok" : "failed"),
        r.evaluated === null || r.evaluated === undefined ? null : el("span", {"class": "hint"}, " (" + r.evaluated + " expectations)")]);
      if (r.failed.length) append(box, el("ul", null, r.failed.map(function (f) { return el("li", null, f); })));
      append(suites, box);
    });
    var counts = $("counts");
    ["observations", "rejected", "documents", "series"].forEach(function (name) {
      append(counts, el("div", {"data-count": name}, [el("b", null, fmt(DATA.counts[name])), name]));
    });
  }

  // --- filters ---------------------------------------------------------------------------
  function fillSelect(select, options, selected) {
    options.forEach(function (o) {
      var opt = el("option", {value: o.value}, o.label);
      opt.selected = selected(o.value);
      append(select, opt);
    });
  }
  function chosen(select) {
    return Array.prototype.filter.call(select.options, function (o) { return o.selected; }).map(function (o) { return o.value; });
  }
  function selectAll(select) { Array.prototype.forEach.call(select.options, function (o) { o.selected = true; }); }

  function setupFilters() {
    fillSelect($("f-area"), DATA.areas.map(function (a) {
      return {value: a.key, label: a.label + (a.province && a.province !== a.label ? " (" + a.province + ")" : "")};
    }), function () { return true; });
    fillSelect($("f-indicator"), DATA.indicators.map(function (i) { return {value: i, label: i}; }), function () { return true; });
    var periods = DATA.periods.length ? DATA.periods : ["FY"];
    fillSelect($("f-period"), periods.map(function (p) { return {value: p, label: p}; }),
               function (p) { return p === (periods.indexOf("FY") >= 0 ? "FY" : periods[0]); });
    var years = DATA.years.length ? DATA.years : [2020, 2021];
    var a = years.indexOf(2020) >= 0 ? 2020 : years[Math.max(0, years.length - 2)];
    var b = years.indexOf(2021) >= 0 ? 2021 : years[years.length - 1];
    fillSelect($("f-year-a"), years.map(function (y) { return {value: String(y), label: String(y)}; }), function (y) { return y === String(a); });
    fillSelect($("f-year-b"), years.map(function (y) { return {value: String(y), label: String(y)}; }), function (y) { return y === String(b); });
    ["f-area", "f-indicator", "f-period"].forEach(function (id) { $(id).addEventListener("change", render); });
    ["f-year-a", "f-year-b"].forEach(function (id) { $(id).addEventListener("change", renderCompare); });
    $("f-area-all").addEventListener("click", function () { selectAll($("f-area")); render(); });
    $("f-indicator-all").addEventListener("click", function () { selectAll($("f-indicator")); render(); });
  }
  function state() {
    var areas = {}, indicators = {};
    chosen($("f-area")).forEach(function (k) { areas[k] = true; });
    chosen($("f-indicator")).forEach(function (k) { indicators[k] = true; });
    return {areas: areas, indicators: indicators, period: $("f-period").value};
  }
  function filteredSeries() {
    var s = state();
    return DATA.series.filter(function (r) { return s.areas[r.area] && s.indicators[r.indicator] && r.period === s.period; });
  }

  // --- charts ----------------------------------------------------------------------------
  function niceTicks(lo, hi, count) {
    if (!(hi > lo)) { var pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1; lo -= pad; hi += pad; }
    var raw = (hi - lo) / count, step = Math.pow(10, Math.floor(Math.log(raw) / Math.LN10)), err = raw / step;
    step *= err >= 7.5 ? 10 : err >= 3.5 ? 5 : err >= 1.5 ? 2 : 1;
    var start = Math.floor(lo / step) * step, end = Math.ceil(hi / step) * step, ticks = [];
    for (var t = start; t <= end + step / 2; t += step) ticks.push(Math.round(t / step) * step);
    return ticks;
  }
  function marker(p, x, y, color, opacity) {
    var hollow = p.derived, fill = hollow ? "#ffffff" : color, node;
    var attrs = {"class": "pt" + (p.derived ? " implied" : " stated"), fill: fill, stroke: color, "stroke-width": hollow ? 2 : 1,
                 "fill-opacity": hollow ? null : opacity, "stroke-opacity": opacity,
                 "data-year": p.year, "data-area": p.area, "data-indicator": p.indicator, "data-status": p.status};
    if (p.status === "target") {
      attrs.d = "M" + x + " " + (y - 6) + "L" + (x + 6) + " " + y + "L" + x + " " + (y + 6) + "L" + (x - 6) + " " + y + "Z";
      node = svg("path", attrs);
    } else {
      attrs.cx = x; attrs.cy = y; attrs.r = 4.5;
      node = svg("circle", attrs);
    }
    var lines = [areaLabel(p.area) + " \u2014 " + indicatorLabel(p) + ", " + p.year + " " + p.period,
                 fmt(p.value) + " " + p.unit + (p.unit_stated && p.unit_stated !== p.unit ? " (stated: " + fmt(p.value_stated) + " " + p.unit_stated + ")" : ""),
                 (p.derived ? "implied (derived from a later level and its change)" : "stated") + ", " + p.status,
                 "source: " + show(p.source) + (p.title ? " \u2014 " + p.title : "") + (p.published ? " (" + p.published + ")" : "")];
    append(node, svg("title", null, lines.join("\n")));
    return node;
  }
  function chart(group) {
    var W = 480, H = 250, L = 78, R = 24, T = 12, B = 30;
    var years = group.points.map(function (p) { return p.year; }).filter(function (y) { return y !== null; });
    var values = group.points.map(function (p) { return p.value; });
    var y0 = Math.min.apply(null, years), y1 = Math.max.apply(null, years);
    if (y0 === y1) { y0 -= 1; y1 += 1; }
    var vmin = Math.min.apply(null, values), vmax = Math.max.apply(null, values);
    var span = vmax - vmin || Math.abs(vmax) * 0.2 || 1;
    var lo0 = vmin - span * 0.08, hi0 = vmax + span * 0.08;
    if (vmin >= 0 && lo0 < 0) lo0 = 0;  // no negative axis for positive values
    var ticks = niceTicks(lo0, hi0, 4);
    var lo = ticks[0], hi = ticks[ticks.length - 1];
    var sx = function (yr) { return L + (yr - y0) / (y1 - y0) * (W - L - R); };
    var sy = function (v) { return T + (hi - v) / (hi - lo) * (H - T - B); };
    var root = svg("svg", {viewBox: "0 0 " + W + " " + H, role: "img", "data-indicator": group.indicator, "data-unit": group.unit});
    append(root, svg("title", null, group.indicator + " (" + group.unit + ")"));
    ticks.forEach(function (t) {
      append(root, svg("line", {"class": "grid", x1: L, x2: W - R, y1: sy(t), y2: sy(t)}));
      append(root, svg("text", {x: L - 6, y: sy(t) + 4, "text-anchor": "end"}, fmtTick(t, ticks[1] - ticks[0])));
    });
    var every = Math.max(1, Math.ceil((y1 - y0) / 10));
    for (var yr = Math.ceil(y0); yr <= y1; yr += every) {
      append(root, svg("line", {"class": "axis", x1: sx(yr), x2: sx(yr), y1: H - B, y2: H - B + 4}));
      append(root, svg("text", {x: sx(yr), y: H - B + 16, "text-anchor": "middle"}, String(yr)));
    }
    append(root, svg("line", {"class": "axis", x1: L, x2: W - R, y1: H - B, y2: H - B}));
    append(root, svg("line", {"class": "axis", x1: L, x2: L, y1: T, y2: H - B}));
    var keys = el("div", {"class": "keys"});
    group.lines.forEach(function (line) {
      var color = AREA_COLOR[line.area] || "#444", faint = line.qualifier ? 0.55 : null;  // a sub-item: lighter
      var pts = line.points.filter(function (p) { return p.year !== null; }).sort(function (a, b) { return a.year - b.year; });
      for (var i = 1; i < pts.length; i++) {
        var a = pts[i - 1], b = pts[i];
        append(root, svg("path", {"class": "seg", d: "M" + sx(a.year) + " " + sy(a.value) + "L" + sx(b.year) + " " + sy(b.value),
          stroke: color, "stroke-width": faint ? 1.5 : 2, "stroke-opacity": faint, fill: "none",
          "stroke-dasharray": a.derived || b.derived ? "5 4" : null}));
      }
      pts.forEach(function (p) { append(root, marker(p, sx(p.year), sy(p.value), color, faint)); });
      append(keys, el("span", null, [el("span", {"class": "swatch", style: "background:" + color + (faint ? ";opacity:" + faint : "")}),
                                    areaLabel(line.area) + (line.qualifier ? " \u2014 " + line.qualifier : "")]));
    });
    return el("div", {"class": "chart", "data-indicator": group.indicator, "data-unit": group.unit},
              [el("h3", null, group.indicator + " \u00b7 " + group.unit), root, keys]);
  }
  function renderCharts(rows) {
    var box = $("charts");
    clear(box);
    var groups = {}, order = [];
    rows.forEach(function (r) {
      if (r.year === null || typeof r.value !== "number") return;
      var gk = r.indicator + "\u0000" + r.unit;
      if (!groups[gk]) { groups[gk] = {indicator: r.indicator, unit: r.unit, points: [], lines: [], byLine: {}}; order.push(gk); }
      var g = groups[gk], lk = r.area + "\u0000" + (r.qualifier || "");
      if (!g.byLine[lk]) { g.byLine[lk] = {area: r.area, qualifier: r.qualifier, points: []}; g.lines.push(g.byLine[lk]); }
      g.byLine[lk].points.push(r);
      g.points.push(r);
    });
    order.sort();
    if (!order.length) append(box, el("p", {"class": "empty"}, "No level series for this selection."));
    order.forEach(function (gk) { append(box, chart(groups[gk])); });
  }
  function renderLegend() {
    var box = $("legend");
    function sample(shape) { var s = svg("svg", {width: 16, height: 14, viewBox: "0 0 16 14"}); append(s, shape); return s; }
    append(box, el("span", null, [sample(svg("circle", {cx: 8, cy: 7, r: 4.5, fill: "#555", stroke: "#555"})), " stated"]));
    append(box, el("span", null, [sample(svg("circle", {cx: 8, cy: 7, r: 4.5, fill: "#fff", stroke: "#555", "stroke-width": 2})),
                                  " implied (derived), dashed line"]));
    append(box, el("span", null, [sample(svg("path", {d: "M8 1L14 7L8 13L2 7Z", fill: "#555"})), " target"]));
    append(box, el("span", null, "Hover a point for its value, status and source."));
  }

  // --- year against year -----------------------------------------------------------------
  function renderCompare() {
    var table = $("compare");
    clear(table);
    var ya = parseInt($("f-year-a").value, 10), yb = parseInt($("f-year-b").value, 10);
    var rows = {}, order = [];
    filteredSeries().forEach(function (r) {
      if (r.year !== ya && r.year !== yb) return;
      var k = [r.area, r.indicator, r.qualifier || "", r.unit].join("\u0000");
      if (!rows[k]) { rows[k] = {area: r.area, indicator: r.indicator, qualifier: r.qualifier, unit: r.unit}; order.push(k); }
      rows[k][r.year === ya ? "a" : "b"] = r;
      if (ya === yb) rows[k].b = r;
    });
    order.sort(function (x, y) {
      var p = rows[x], q = rows[y];
      return areaLabel(p.area).localeCompare(areaLabel(q.area)) || (p.indicator < q.indicator ? -1 : p.indicator > q.indicator ? 1 : 0) ||
             String(p.qualifier || "").localeCompare(String(q.qualifier || "")) || String(p.unit).localeCompare(String(q.unit));
    });
    var top = ["Area", "Indicator", "Unit"].map(function (h) { return el("th", {rowspan: 2}, h); });
    var sub = [];
    [ya, yb].forEach(function (y) {
      top.push(el("th", {colspan: 4, "class": "year"}, String(y)));
      ["value", "stated / implied", "status", "source"].forEach(function (h) { sub.push(el("th", null, h)); });
    });
    top.push(el("th", {rowspan: 2}, "Change"), el("th", {rowspan: 2}, "Change %"));
    append(table, el("thead", null, [el("tr", null, top), el("tr", null, sub)]));
    var body = el("tbody");
    if (!order.length) append(body, el("tr", null, el("td", {colspan: 13, "class": "empty"}, "No values for these years and this selection.")));
    order.forEach(function (k) {
      var r = rows[k], cells = [el("td", null, areaLabel(r.area)), el("td", null, indicatorLabel(r)), el("td", null, r.unit)];
      [r.a, r.b].forEach(function (p) {
        var kind = p ? (p.derived ? "implied" : "stated") : "";
        cells.push(el("td", {"class": "num value" + (p && p.derived ? " implied" : "")}, p ? fmt(p.value) : "\u2013"),
                   el("td", {"class": p && p.derived ? "implied" : null}, kind),
                   el("td", null, p ? show(p.status) : ""),
                   el("td", {"class": "src"}, p ? sourceNode(p.source, p.url, p.title) : ""));
      });
      var change = r.a && r.b ? r.b.value - r.a.value : null;
      var pct = change !== null && r.a.value !== 0 ? change / Math.abs(r.a.value) * 100 : null;
      cells.push(el("td", {"class": "num"}, change === null ? "\u2013" : signed(change) + (r.unit === "percent" ? " pp" : "")),
                 el("td", {"class": "num"}, pct === null ? "\u2013" : signed(pct) + "%"));
      append(body, el("tr", {"data-area": r.area, "data-indicator": r.indicator, "data-qualifier": r.qualifier, "data-unit": r.unit}, cells));
    });
    append(table, body);
  }

  // --- rejected rows and documents --------------------------------------------------------
  function renderRejected() {
    var table = $("rejected");
    clear(table);
    var s = state();
    var rows = DATA.rejected.filter(function (r) { return s.areas[r.area] && (!r.indicator || s.indicators[r.indicator]); });
    $("rejected-note").textContent = DATA.rejected_total + " rejected row(s) in the output" +
      (DATA.rejected_total > DATA.rejected.length ? " (first " + DATA.rejected.length + " embedded)" : "") +
      "; " + rows.length + " shown for the chosen areas and indicators.";
    var head = ["Area", "Indicator", "Measure", "Year", "Value", "Unit", "As written", "Expectation", "Detail", "Source", "Sentence"];
    append(table, el("thead", null, el("tr", null, head.map(function (h) { return el("th", null, h); }))));
    var body = el("tbody");
    if (!rows.length) append(body, el("tr", null, el("td", {colspan: head.length, "class": "empty"}, "No rejected rows.")));
    rows.forEach(function (r) {
      append(body, el("tr", {"data-indicator": r.indicator}, [
        el("td", null, show(r.area_name)), el("td", null, indicatorLabel(r)), el("td", null, show(r.measure)),
        el("td", null, show(r.year)), el("td", {"class": "num"}, fmt(r.value)), el("td", null, show(r.unit)),
        el("td", null, show(r.raw)), el("td", null, show(r.expectation)), el("td", null, show(r.detail)),
        el("td", {"class": "src"}, sourceNode(r.source, r.url, null)), el("td", {"class": "sentence"}, show(r.sentence))]));
    });
    append(table, body);
  }
  function docTable(table, docs, columns, emptyText) {
    append(table, el("thead", null, el("tr", null, columns.map(function (c) { return el("th", null, c[0]); }))));
    var body = el("tbody");
    if (!docs.length) append(body, el("tr", null, el("td", {colspan: columns.length, "class": "empty"}, emptyText)));
    docs.forEach(function (d) {
      append(body, el("tr", {"data-status": d.status}, columns.map(function (c) {
        if (c[1] === "source") return el("td", {"class": "src"}, sourceNode(d.source, d.url, null));
        if (c[1] === "status") return el("td", {"class": "status-" + d.status}, show(d.status));
        return el("td", {"class": c[1] === "n_observations" ? "num" : null}, show(d[c[1]]));
      })));
    });
    append(table, body);
  }
  function renderDocuments() {
    var counts = {};
    DATA.documents.forEach(function (d) { counts[d.status] = (counts[d.status] || 0) + 1; });
    $("doc-statuses").textContent = DATA.documents.length + " document(s): " +
      Object.keys(counts).sort().map(function (k) { return k + " " + counts[k]; }).join(", ") + ".";
    var errors = DATA.documents.filter(function (d) { return DATA.error_statuses.indexOf(d.status) >= 0; });
    docTable($("doc-errors"), errors, [["Source", "source"], ["Status", "status"], ["Error", "error"], ["Title", "title"],
             ["Encoding", "encoding"]], "No document yielded an error.");
    $("all-docs-summary").textContent = "All documents (" + DATA.documents.length + ")";
    docTable($("documents"), DATA.documents, [["Source", "source"], ["Title", "title"], ["Published", "published"],
             ["Area", "area"], ["Province", "province"], ["Status", "status"], ["Observations", "n_observations"],
             ["Error", "error"]], "No documents.");
  }

  function render() {
    renderCharts(filteredSeries());
    renderCompare();
    renderRejected();
  }

  renderMeta();
  setupFilters();
  renderLegend();
  renderDocuments();
  render();
  document.body.setAttribute("data-ready", "1");
})();
"""


def _csp(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return ("default-src 'none'; script-src 'sha256-" + digest + "'; style-src 'unsafe-inline'; img-src data:; "
            "base-uri 'none'; form-action 'none'")


def render_dashboard(data: dict[str, Any]) -> str:
    """The page for `dashboard_data(...)`: one HTML string with no external reference."""
    return "".join([
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        f'<meta http-equiv="Content-Security-Policy" content="{_csp(_SCRIPT)}">\n',
        '<meta name="referrer" content="no-referrer">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<link rel="icon" href="data:,">\n',
        "<title>Vietnamese local economic indicators \u2014 dashboard</title>\n",
        "<style>", _STYLE, "</style>\n</head>\n<body>\n", _BODY,
        '<script type="application/json" id="dashboard-data">', embed_json(data), "</script>\n",
        "<script>", _SCRIPT, "</script>\n</body>\n</html>\n",
    ])


def write_dashboard(output_dir: Path, target: Path) -> Path:
    """Write the dashboard of a built output folder to `target` (atomically); return its path."""
    target = Path(target)
    html = render_dashboard(dashboard_data(Path(output_dir)))
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    staging.write_text(html, encoding="utf-8")
    os.replace(staging, target)
    return target
