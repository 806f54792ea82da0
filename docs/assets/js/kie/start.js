/* Start: last in kie.js. Reads the page's config (#kie-config: root, language, quick-exit address, strings)
 * and starts each part in this order. A module loaded alone by a test finds no config and starts nothing. */
(function (kie) {
  "use strict";
  var node = document.getElementById("kie-config");
  if (!node) return;
  document.documentElement.classList.remove("no-js"); // Material's CSS shows the search box only with JS
  document.documentElement.classList.add("js");
  var config = JSON.parse(node.textContent);
  var page = {
    config: config,
    t: config.t,
    lang: config.lang,
    root: new URL(config.root.replace(/\/?$/, "/"), location.href),
    contract: kie.contract
  };
  [kie.quickExit, kie.share, kie.media, kie.listen, kie.search, kie.offline, kie.classroom, kie.presentation].forEach(function (part) {
    part.start(page);
  });
})(window.kie = window.kie || {});
