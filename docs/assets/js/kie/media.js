/* Images to share, under the article of a modus or province page (overrides/partials/kie-media.html).
 * No image is in the first load: each thumbnail's address waits in data-src until the section is scrolled to
 * (an IntersectionObserver; a browser without one shows no thumbnails, the links still work). "Share image"
 * appears only where the browser can share a file (navigator.canShare({files})): it sends the PNG itself to
 * the phone's share sheet (WhatsApp among them). Everywhere else the plain download link does the job. */
(function (kie) {
  "use strict";

  /* True when this browser can share files like `file` (Web Share level 2: Chrome on Android). */
  function canShareFiles(nav, file) {
    try {
      return !!(nav && nav.share && nav.canShare && nav.canShare({ files: [file] }));
    } catch (err) {
      return false;
    }
  }
  /* Load a thumbnail: its address moves from data-src to src. */
  function reveal(img) {
    var src = img.getAttribute("data-src");
    if (!src) return;
    img.setAttribute("src", src);
    img.removeAttribute("data-src");
  }
  /* Thumbnails load when they come into view, never before. */
  function lazy(images, Observer) {
    if (!Observer) return null;
    var seen = new Observer(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        reveal(entry.target);
        seen.unobserve(entry.target);
      });
    });
    Array.prototype.forEach.call(images, function (img) { seen.observe(img); });
    return seen;
  }
  /* The button shares the image file itself; if that fails, nothing breaks: the download link is beside it. */
  function share(button) {
    return fetch(button.getAttribute("data-kie-share-file")).then(function (res) {
      if (!res.ok) throw new Error(res.status);
      return res.blob();
    }).then(function (blob) {
      var file = new File([blob], button.getAttribute("data-name"), { type: blob.type || "image/png" });
      return navigator.share({ files: [file] });
    }).catch(function () {});
  }

  function start() {
    var section = document.querySelector("[data-kie-media]");
    if (!section) return;
    lazy(section.querySelectorAll("img[data-src]"), window.IntersectionObserver);
    if (!canShareFiles(navigator, new File([""], "kie.png", { type: "image/png" }))) return;
    section.querySelectorAll("[data-kie-share-file]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { share(button); });
    });
  }

  kie.media = { canShareFiles: canShareFiles, reveal: reveal, lazy: lazy, share: share, start: start };
})(window.kie = window.kie || {});
