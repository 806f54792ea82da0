/* Search glue: Material's search box. The engine (kie-search.js) and this language's index load on the
 * first search, as scripts: they work from file:// too. Pages with the services filter load its script
 * (kie-directory.js) at once; other pages never download it. */
(function (kie) {
  "use strict";

  function loadDirectoryFilter(page) {
    if (!document.querySelector("form.kie-filter")) return;
    var filter = document.createElement("script");
    filter.src = new URL(page.contract.directoryScript, page.root).href;
    document.body.appendChild(filter);
  }

  function start(page) {
    loadDirectoryFilter(page);
    var t = page.t;
    var input = document.querySelector(".md-search__input");
    var toggle = document.getElementById("__search");
    var list = document.querySelector(".md-search-result__list");
    var meta = document.querySelector(".md-search-result__meta");
    if (!(input && toggle && list && meta)) return;
    var engine = null;
    function loadSearch() {
      if (engine) return;
      meta.textContent = t.search_loading;
      engine = document.createElement("script");
      engine.src = new URL(page.contract.searchScript, page.root).href;
      engine.onerror = function () { meta.textContent = t.search_unavailable; engine = null; };
      document.head.appendChild(engine);
    }
    meta.textContent = t.search_prompt;
    toggle.addEventListener("change", function () {
      if (toggle.checked) setTimeout(function () { input.focus(); }, 50);
    });
    input.addEventListener("focus", loadSearch);
    input.addEventListener("input", loadSearch); // the engine searches for what was typed while it loaded
    input.form.addEventListener("submit", function (event) { event.preventDefault(); loadSearch(); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) { toggle.checked = false; input.blur(); }
    });
  }

  kie.search = { start: start };
})(window.kie = window.kie || {});
