// Draws the monitor's charts: Vega-Lite specs made on the server, in a JSON data block (#sv-monitor-charts) keyed by
// the id of the element to draw in. Runs under the strict CSP: no eval (Vega's expression interpreter instead of its
// compiler), no injected styles (vega-embed's default style and tooltip off), no action menu. The charts are
// decoration next to their tables (aria-hidden): the tables and the text summaries carry every number.
(function () {
  "use strict";

  function draw() {
    var data = document.getElementById("sv-monitor-charts");
    if (!data || typeof window.vegaEmbed !== "function" || !window.vega || !window.vega.expressionInterpreter) {
      return;
    }
    var specs = JSON.parse(data.textContent);
    Object.keys(specs).forEach(function (id) {
      var target = document.getElementById(id);
      if (!target || !specs[id] || !specs[id].mark && !specs[id].layer) {
        return;
      }
      window
        .vegaEmbed(target, specs[id], {
          actions: false,
          ast: true,
          expr: window.vega.expressionInterpreter,
          defaultStyle: false,
          tooltip: false,
          renderer: "canvas",
        })
        .then(function () {
          target.classList.add("sv-chart--drawn");
        })
        .catch(function () {
          target.classList.add("sv-chart--failed");
        });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
