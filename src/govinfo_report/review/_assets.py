"""The review pages' stylesheet and script, inlined in every page (no file to fetch: offline).

The script does three things and needs no library: following a link to a cell (from a finding
or a quoted figure) scrolls the cell into view and highlights it; clicking a cell opens a panel
with what was printed there, where it was read and the findings about it (linked back); on the
index page, clicking a column header sorts the table by it.
"""

from __future__ import annotations

__all__ = ["INDEX_SCRIPT", "PAGE_SCRIPT", "STYLE"]

STYLE = """\
:root { --failed: #f8c4c0; --failed-edge: #b3261e; --na: #fde9a9; --na-edge: #8a6d00;
  --blank: repeating-linear-gradient(45deg, #fff, #fff 4px, #eee 4px, #eee 8px);
  --settled: #cfe3fb; --agrees: #d4f0d4; --hl: #1a5fb4; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
  margin: 0; color: #1d1d1f; line-height: 1.6; background: #fafafa; }
header.top { background: #fff; border-bottom: 1px solid #ddd; padding: 0.8em 2em; }
header.top h1 { font-size: 1.3em; margin: 0; }
.meta, .legend { font-size: 0.85em; color: #555; margin: 0.2em 0; }
nav a { margin-right: 1em; }
.summary { display: flex; gap: 0.6em; flex-wrap: wrap; padding: 0; margin: 0.4em 0 0; }
.summary li { list-style: none; border: 1px solid #ccc; border-radius: 1em; padding: 0 0.8em;
  font-size: 0.85em; background: #fff; }
.summary li.bad { border-color: var(--failed-edge); color: var(--failed-edge); }
.swatch { display: inline-block; width: 1.2em; height: 0.9em; vertical-align: middle;
  border: 1px solid #999; margin: 0 0.2em 0 0.8em; }
main { display: grid; grid-template-columns: minmax(18em, 26em) 1fr; gap: 1.5em; padding: 1em 2em; }
#findings { position: sticky; top: 0.5em; align-self: start; max-height: calc(100vh - 1em);
  overflow: auto; background: #fff; border: 1px solid #ddd; padding: 0.5em 1em; }
#findings h2 { font-size: 1.05em; }
#findings ol { padding-left: 1.2em; }
#findings li { margin: 0.4em 0; padding: 0.2em 0.3em; font-size: 0.9em;
  border-left: 3px solid #ccc; }
#findings li.sev-error { border-left-color: var(--failed-edge); }
#findings li.sev-warning { border-left-color: #e8a000; }
#findings li.hl { background: #e3ecfa; outline: 2px solid var(--hl); }
.rule { font-weight: bold; font-family: monospace; margin-right: 0.3em; }
a.goto { font-size: 0.85em; margin-left: 0.3em; }
blockquote { margin: 0.3em 0; padding: 0.2em 0.6em; border-left: 3px solid #bbb; color: #444;
  background: #f4f4f4; font-size: 0.9em; }
article { background: #fff; border: 1px solid #ddd; padding: 1em 2em; min-width: 0; }
article h2 { font-size: 1.1em; border-bottom: 1px solid #eee; }
.narrative { white-space: pre-line; }
.empty { color: #999; font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: 0.8em 0; font-size: 0.8em; }
th, td { border: 1px solid #888; padding: 0.15em 0.3em; }
th { font-weight: normal; background: #f3f3f3; }
th.caption { font-weight: bold; text-align: left; }
td.value { text-align: right; min-width: 2.2em; cursor: pointer;
  font-variant-numeric: tabular-nums; }
.st-blank { background: var(--blank); }
.st-na { background: var(--na); }
.st-settled { background: var(--settled); }
.st-agrees { background: var(--agrees); }
.st-failed { background: var(--failed); font-weight: bold; color: var(--failed-edge); }
td.hl, mark.hl { outline: 3px solid var(--hl); outline-offset: -1px; }
mark.fig { background: #eee; border-radius: 3px; padding: 0 0.1em; cursor: pointer; }
mark.fig.failed { background: var(--failed); color: var(--failed-edge); font-weight: bold; }
mark.fig.passed { background: var(--agrees); }
mark.fig.not_assessable { background: var(--na); }
mark.fig.other { background: transparent; border-bottom: 1px dotted #999; }
#cell-panel { position: fixed; right: 1em; bottom: 1em; width: 24em; background: #fff;
  border: 2px solid var(--hl); padding: 0.6em 1em; box-shadow: 0 2px 10px rgba(0,0,0,.2);
  font-size: 0.9em; z-index: 10; }
#cell-panel dt { font-weight: bold; }
#cell-panel dd { margin: 0 0 0.3em 0; word-break: break-all; }
#cell-panel button { float: right; }
table.index th { cursor: pointer; user-select: none; }
table.index th[aria-sort="ascending"]::after { content: " ▲"; }
table.index th[aria-sort="descending"]::after { content: " ▼"; }
table.index td.num { text-align: right; }
@media print { #findings, #cell-panel { position: static; } main { display: block; } }
"""

PAGE_SCRIPT = """\
(function () {
  "use strict";
  var cells = JSON.parse(document.getElementById("cell-data").textContent);
  var texts = JSON.parse(document.getElementById("ui-texts").textContent);
  var panel = document.getElementById("cell-panel");
  function clear() {
    document.querySelectorAll(".hl").forEach(function (el) { el.classList.remove("hl"); });
  }
  function add(parent, tag, text) {
    var el = document.createElement(tag);
    if (text !== undefined) { el.textContent = text; }
    parent.appendChild(el);
    return el;
  }
  function show(cell) {
    var info = cells[cell.getAttribute("data-path")] || {};
    panel.replaceChildren();
    var close = add(panel, "button", "×");
    close.type = "button";
    close.setAttribute("aria-label", texts.close);
    close.addEventListener("click", function () { panel.hidden = true; });
    add(panel, "strong", info.label || cell.getAttribute("data-path"));
    var list = add(panel, "dl");
    [[texts.path, cell.getAttribute("data-path")], [texts.value, info.value],
     [texts.raw, info.raw], [texts.where, info.where],
     [texts.candidates, info.candidates]].forEach(function (pair) {
      if (pair[0] === texts.candidates && !pair[1]) { return; }
      add(list, "dt", pair[0]);
      add(list, "dd", pair[1] === undefined || pair[1] === null ? "—" : String(pair[1]));
    });
    var ids = (cell.getAttribute("data-findings") || "").split(" ").filter(Boolean);
    if (ids.length) {
      add(list, "dt", texts.findings);
      var dd = add(list, "dd");
      ids.forEach(function (id) {
        var link = add(dd, "a", id.replace("f-", "#"));
        link.href = "#" + id;
        link.className = "to-finding";
        link.setAttribute("data-finding", id);
        dd.appendChild(document.createTextNode(" "));
        var item = document.getElementById(id);
        if (item) { item.classList.add("hl"); }
      });
    }
    panel.hidden = false;
  }
  function focusCells(ids) {
    clear();
    var found = ids.map(function (id) { return document.getElementById(id); }).filter(Boolean);
    found.forEach(function (cell) { cell.classList.add("hl"); });
    if (found.length) {
      found[0].scrollIntoView({block: "center"});
      show(found[0]);
    }
  }
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-cells], td[data-path], a.to-finding");
    if (!target) { return; }
    if (target.matches("a.to-finding")) {
      event.preventDefault();
      clear();
      var item = document.getElementById(target.getAttribute("data-finding"));
      if (item) { item.classList.add("hl"); item.scrollIntoView({block: "center"}); }
      return;
    }
    if (target.matches("td[data-path]")) {
      clear();
      target.classList.add("hl");
      show(target);
      return;
    }
    event.preventDefault();
    focusCells(target.getAttribute("data-cells").split(" ").filter(Boolean));
  });
})();
"""

INDEX_SCRIPT = """\
(function () {
  "use strict";
  var table = document.querySelector("table.index");
  var heads = table.querySelectorAll("thead th");
  heads.forEach(function (th, column) {
    th.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      heads.forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column].getAttribute("data-sort") || a.cells[column].textContent;
        var y = b.cells[column].getAttribute("data-sort") || b.cells[column].textContent;
        var numeric = th.classList.contains("num");
        var order = numeric ? Number(x) - Number(y) : x.localeCompare(y, "zh");
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
"""
