/* Share: the phone's own share sheet where there is one. The wa.me link next to it works everywhere, so
 * the button stays hidden on browsers without navigator.share. */
(function (kie) {
  "use strict";

  /* What a share button shares: the page's title and its public address (both written by the build). While
   * the site's address is still an example one, the build writes none: then the address the page was opened
   * at, if it is a web address (a file on a USB stick is no use to the friend it is shared with). */
  function details(button, here) {
    var url = button.getAttribute("data-url") || (/^https?:$/.test(here.protocol) ? here.href : "");
    var shared = { title: button.getAttribute("data-title") };
    if (url) shared.url = url;
    return shared;
  }

  function start() {
    if (!navigator.share) return;
    document.querySelectorAll("[data-kie-share]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.share(details(button, location)).catch(function () {});
      });
    });
  }

  kie.share = { details: details, start: start };
})(window.kie = window.kie || {});
