/* Presentation view for a projector: ?presentasi in the address or the button under the article; the title,
 * then one h2 section per screen. Arrow keys, Page Up/Down and Space move; a tap on the left third goes
 * back, elsewhere forward; Escape or the button ends it. The quiz page already shows one card at a time
 * and uses the arrow keys itself: it gets no presentation view. */
(function (kie) {
  "use strict";
  var FORWARD = ["ArrowRight", "PageDown", " "], BACK = ["ArrowLeft", "PageUp"];
  var NOT_A_TAP = "a, button, summary, select, textarea, input:not([disabled]), label:not(.task-list-control)";

  /* The article's children in screens: a new screen at each h2. `tools` (the page's buttons) is on none:
   * it stays on every screen, so its button can end the presentation. */
  function slides(elements, tools) {
    var found = [[]];
    Array.prototype.forEach.call(elements, function (el) {
      if (el === tools) return;
      if (el.tagName === "H2" && found[found.length - 1].length) found.push([]);
      found[found.length - 1].push(el);
    });
    return found;
  }
  /* +1, -1 or 0: where a key moves. */
  function keyStep(key) {
    if (FORWARD.indexOf(key) >= 0) return 1;
    if (BACK.indexOf(key) >= 0) return -1;
    return 0;
  }
  /* A tap on the left third goes back, elsewhere forward. */
  function tapStep(x, width) {
    return x < width / 3 ? -1 : 1;
  }
  function clamp(at, count) {
    return Math.max(0, Math.min(count - 1, at));
  }
  function askedFor(search) {
    return /[?&]presentasi(=|&|$)/.test(search);
  }

  function start(page) {
    var t = page.t;
    var article = document.querySelector(".md-content__inner");
    if (!article || !article.querySelector("h2") || document.querySelector("[data-kie-quiz]")) return;
    var tools = article.querySelector("[data-kie-tools]");
    var screens = slides(article.children, tools);
    var at = 0, on = false;
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "md-button kie-present-toggle";
    var count = document.createElement("span");
    count.className = "kie-present-count";
    count.setAttribute("aria-live", "polite");
    if (tools) tools.appendChild(toggle); else article.appendChild(toggle);
    article.appendChild(count);
    function show(i) {
      at = clamp(i, screens.length);
      screens.forEach(function (screen, k) {
        screen.forEach(function (el) { el.classList.toggle("kie-slide-hidden", on && k !== at); });
      });
      count.textContent = on ? at + 1 + " / " + screens.length : "";
      window.scrollTo(0, 0);
    }
    function present(state) {
      on = state;
      document.body.classList.toggle("kie-present", on);
      toggle.textContent = on ? t.present_exit : t.present_start;
      show(at);
    }
    toggle.addEventListener("click", function () { present(!on); });
    document.addEventListener("keydown", function (event) {
      if (!on) return;
      var step = keyStep(event.key);
      if (step) { event.preventDefault(); show(at + step); }
      if (event.key === "Escape") present(false);
    });
    article.addEventListener("click", function (event) {
      if (!on || event.target.closest(NOT_A_TAP)) return;
      show(at + tapStep(event.clientX, window.innerWidth));
    });
    present(askedFor(location.search));
  }

  kie.presentation = {
    slides: slides, keyStep: keyStep, tapStep: tapStep, clamp: clamp, askedFor: askedFor, start: start
  };
})(window.kie = window.kie || {});
