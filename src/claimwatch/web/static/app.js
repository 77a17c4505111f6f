// claimwatch: small progressive enhancements only; every page works without this file.
(function () {
  "use strict";
  // Filter a table's rows by the words typed into an input[data-table].
  document.querySelectorAll("input.table-filter").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-table"));
    if (!table) { return; }
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var text = row.textContent.toLowerCase();
        row.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
      });
    });
  });
  // Hovering a highlight shows every part of the same statement (source, cue, content).
  document.querySelectorAll("mark[data-statement]").forEach(function (mark) {
    var key = mark.getAttribute("data-statement");
    var parts = document.querySelectorAll('mark[data-statement="' + key.replace(/"/g, "") + '"]');
    mark.addEventListener("mouseenter", function () { parts.forEach(function (p) { p.classList.add("active"); }); });
    mark.addEventListener("mouseleave", function () { parts.forEach(function (p) { p.classList.remove("active"); }); });
  });
  // Chart points name the statement behind them in the chart's readout, on hover and on keyboard focus.
  document.querySelectorAll("figure.timeline").forEach(function (figure) {
    var readout = figure.querySelector(".chart-readout");
    if (!readout) { return; }
    var idle = readout.getAttribute("data-idle") || "";
    figure.querySelectorAll("svg .pt").forEach(function (point) {
      var show = function () { readout.textContent = point.getAttribute("data-label"); readout.classList.add("active"); };
      var hide = function () { readout.textContent = idle; readout.classList.remove("active"); };
      point.addEventListener("mouseenter", show);
      point.addEventListener("focus", show);
      point.addEventListener("mouseleave", hide);
      point.addEventListener("blur", hide);
    });
  });
})();
