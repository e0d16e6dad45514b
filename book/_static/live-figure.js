/* The interactive figures (book/interactive.py): live where plotly.js is there.
 *
 * Loaded in the page's head after plotly.min.js (book/extensions/offline_assets.py),
 * so the page is marked "book-plotly" before any plot is drawn: live-figure.css then
 * shows the live plots instead of their static images. Once the page is read, every
 * figure is marked "is-live" (live-keys.js and the browser tests look for it), and
 * each figure made by slider_grid shows the state its sliders point at: every state is
 * precomputed in layout.meta.grid, in the order of the sliders (a table look-up, no
 * arithmetic on the data).
 */
(function () {
  "use strict";
  if (!window.Plotly) { return; }          // no plotly.js: the static images stay
  document.documentElement.classList.add("book-plotly");

  // plotly rejects the promise of an animation that a newer one interrupts (Pause, or a
  // slider moved while playing), with no reason: expected here, not an error to report.
  window.addEventListener("unhandledrejection", function (event) {
    if (event.reason === undefined) { event.preventDefault(); }
  });

  function followSliders(gd) {
    var grid = gd.layout.meta.grid;
    gd.on("plotly_sliderchange", function () {
      var i = 0;
      gd.layout.sliders.forEach(function (s, k) { i = i * grid.shape[k] + s.active; });
      var update = {};
      update[grid.key] = grid.values[i];
      window.Plotly.restyle(gd, update, grid.traces);
    });
  }

  function start() {
    document.querySelectorAll(".book-live-figure").forEach(function (box) {
      box.classList.add("is-live");
      var gd = box.querySelector(".js-plotly-plot");
      if (gd && gd.layout && gd.layout.meta && gd.layout.meta.grid) { followSliders(gd); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else { start(); }
})();
