/* Classroom (`kie serve --lan`): on plain http over a local Wi-Fi, downloads instead of "save for offline".
 * Browsers run service workers only in a secure context (https, localhost). On http://192.168.x.x the save
 * button could not work, so the page offers files to keep instead. kelas.json comes from the laptop's server
 * (the pocket card of the session's province, the participants' page); the build ships an empty one, so
 * other servers answer it too. */
(function (kie) {
  "use strict";

  /* Files can be offered instead of the offline copy only on plain http outside a secure context. */
  function offersFiles(secure, protocol) {
    return !secure && protocol === "http:";
  }
  /* [selector of the item, path to link] for what this session's server offers in the page's language. */
  function offered(kelas, lang) {
    var found = [];
    if (kelas.cards && kelas.cards[lang]) found.push(["[data-kie-card]", kelas.cards[lang]]);
    if (kelas.participants && kelas.participants[lang]) found.push(["[data-kie-participants]", kelas.participants[lang]]);
    return found;
  }

  function start(page) {
    var files = document.querySelector("[data-kie-files]");
    if (!offersFiles(window.isSecureContext, location.protocol) || !files) return;
    files.hidden = false;
    fetch(new URL(page.contract.classroomFile, page.root).href).then(function (res) {
      return res.ok ? res.json() : {};
    }).then(function (kelas) {
      offered(kelas, page.lang).forEach(function (pair) {
        var item = files.querySelector(pair[0]);
        item.querySelector("a").href = new URL(pair[1], page.root).href;
        item.hidden = false;
      });
    }).catch(function () {}); // without it the ZIP and PDF links are enough
  }

  kie.classroom = { offersFiles: offersFiles, offered: offered, start: start };
})(window.kie = window.kie || {});
