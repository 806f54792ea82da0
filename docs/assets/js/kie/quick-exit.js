/* Quick exit: the red button, or Shift pressed on its own three times within 1.5 s. Shift held for a
 * capital (or with any other key) and keys typed in a form field do not count, so typing "SAPA 129" into
 * the search box never leaves the page. Before leaving it tells the other parts (kie.contract.exitEvent), which
 * stop what they were doing (reading aloud) without this file knowing them. Tested alone: tests/test_front_end_browser.py, tests/test_quick_exit.py. */
(function (kie) {
  "use strict";
  var TAPS = 3, WITHIN_MS = 1500;

  function inField(el) {
    return !!(el && el.closest && el.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])"));
  }

  /* Calls fire() on the third bare Shift tap within 1.5 s on target; now() is the clock (a test brings its own). */
  function listen(target, fire, now) {
    now = now || Date.now;
    var taps = [];
    var alone = false; // Shift is down, nothing else pressed since
    target.addEventListener("keydown", function (event) {
      if (event.key === "Shift") {
        if (!event.repeat) alone = !inField(event.target) && !event.ctrlKey && !event.altKey && !event.metaKey;
        return;
      }
      alone = false; // Shift as a modifier, or another key between taps: start again
      taps = [];
    }, true);
    target.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") return;
      var bare = alone && !inField(event.target);
      alone = false;
      if (!bare) { taps = []; return; }
      var time = now();
      taps = taps.filter(function (t) { return time - t < WITHIN_MS; });
      taps.push(time);
      if (taps.length >= TAPS) { taps = []; fire(); }
    }, true);
  }

  function start(page) {
    function quickExit(event) {
      if (event) event.preventDefault();
      document.dispatchEvent(new Event(page.contract.exitEvent)); // others stop what they do (listen.js: speech)
      document.title = "";
      document.body.innerHTML = "";
      location.replace(page.config.exit);
    }
    document.querySelectorAll("[data-kie-exit]").forEach(function (el) {
      el.addEventListener("click", quickExit);
    });
    listen(document, quickExit);
  }

  kie.quickExit = { listen: listen, start: start };
})(window.kie = window.kie || {});
