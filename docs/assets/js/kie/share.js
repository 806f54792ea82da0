/* Share: the phone's own share sheet where there is one. The wa.me link next to it works everywhere, so
 * the button stays hidden on browsers without navigator.share. */
(function (kie) {
  "use strict";

  /* What a share button shares: the page's title and its public address (both written by the build). */
  function details(button) {
    return { title: button.getAttribute("data-title"), url: button.getAttribute("data-url") };
  }

  function start() {
    if (!navigator.share) return;
    document.querySelectorAll("[data-kie-share]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.share(details(button)).catch(function () {});
      });
    });
  }

  kie.share = { details: details, start: start };
})(window.kie = window.kie || {});
