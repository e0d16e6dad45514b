/* The interactive figures (book/interactive.py) from the keyboard.
 *
 * Each live plot can take the focus (Tab). Then: Left / Right move the slider one step
 * (Home / End: to its ends), Up / Down choose the slider when there are several, and
 * Space or Enter starts or stops the animation of a figure with a Play button. The new
 * value ("epoch = 12") is announced to screen readers through a live region.
 */
(function () {
  "use strict";

  function announce(box, text) {
    var region = box.querySelector(".live-status");
    if (region) { region.textContent = text; }
  }

  function setStep(gd, box, k, index) {
    var slider = gd.layout.sliders[k];
    var steps = slider.steps;
    index = Math.max(0, Math.min(steps.length - 1, index));
    var update = {};
    update["sliders[" + k + "].active"] = index;
    var step = steps[index];
    window.Plotly.relayout(gd, update).then(function () {
      if (step.method === "animate") {
        window.Plotly.animate(gd, step.args[0], step.args[1]);
      } else {
        gd.emit("plotly_sliderchange", {slider: slider, step: step});
      }
    });
    announce(box, ((slider.currentvalue || {}).prefix || "") + step.label);
  }

  function togglePlay(gd, box) {
    var menus = gd.layout.updatemenus || [];
    if (!menus.length) { return; }
    var buttons = menus[0].buttons;
    var playing = box.dataset.playing === "1";
    var button = buttons[playing ? 1 : 0];
    window.Plotly.animate(gd, button.args[0], button.args[1]);
    box.dataset.playing = playing ? "0" : "1";
    announce(box, button.label);
  }

  function attach(box) {
    var gd = box.querySelector(".js-plotly-plot");
    if (!gd || !gd.layout || !gd.layout.sliders || box.dataset.keys) { return; }
    box.dataset.keys = "1";
    var plot = box.querySelector(".live-plot");
    plot.tabIndex = 0;
    plot.setAttribute("role", "group");
    plot.setAttribute("aria-label", box.dataset.keysLabel || "");
    var k = 0;
    gd.on("plotly_animatingframe", function () { box.dataset.playing = "1"; });
    gd.on("plotly_animated", function () { box.dataset.playing = "0"; });
    plot.addEventListener("keydown", function (event) {
      var sliders = gd.layout.sliders;
      var active = sliders[k].active || 0;
      switch (event.key) {
        case "ArrowRight": setStep(gd, box, k, active + 1); break;
        case "ArrowLeft": setStep(gd, box, k, active - 1); break;
        case "Home": setStep(gd, box, k, 0); break;
        case "End": setStep(gd, box, k, sliders[k].steps.length - 1); break;
        case "ArrowDown":
          k = Math.min(sliders.length - 1, k + 1);
          announce(box, (sliders[k].currentvalue || {}).prefix || "");
          break;
        case "ArrowUp":
          k = Math.max(0, k - 1);
          announce(box, (sliders[k].currentvalue || {}).prefix || "");
          break;
        case " ": case "Enter": togglePlay(gd, box); break;
        default: return;
      }
      event.preventDefault();
    });
  }

  function attachAll() {
    document.querySelectorAll(".book-live-figure.is-live").forEach(attach);
  }

  if (document.readyState === "complete") { attachAll(); }
  else { window.addEventListener("load", attachAll); }
})();
