/* Listen: the article read aloud by the browser's own speech synthesis, ONLY with a voice on the device
 * (SpeechSynthesisVoice.localService), so no text leaves the phone. The control (overrides/partials/kie-listen.html)
 * stays hidden where there is no such voice for the page's language (Javanese today) or no speech API.
 * It reads the article's text in order (not the menu, the help bar, notices, images or page tools), can pause,
 * resume and stop, and stops on quick exit (quick-exit.js fires kie.contract.exitEvent) and when the page goes. */
(function (kie) {
  "use strict";
  var BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, summary, figcaption";
  var SKIP = "[data-kie-listen], [data-kie-media], [data-kie-tools], .kie-notice, .admonition, .headerlink, " +
    ".md-content__button, .md-source-file, .kie-present-count, [hidden], script, style, noscript";
  /* Older Android voices name Indonesian "in" and Javanese "jw". */
  var ALIASES = { id: ["id", "in"], jv: ["jv", "jw"] };

  /* The first voice on the device for `lang`, or null: never a network voice. */
  function localVoice(voices, lang) {
    var names = ALIASES[lang] || [lang];
    for (var i = 0; i < (voices || []).length; i++) {
      var voice = voices[i];
      var code = String(voice.lang || "").toLowerCase().split(/[-_]/)[0];
      if (voice.localService && names.indexOf(code) >= 0) return voice;
    }
    return null;
  }
  function skipped(el) {
    if (el.closest(SKIP)) return true;
    var fold = el.closest("details:not([open])"); // a folded part: only its summary is on the screen
    return !!(fold && !(el.tagName === "SUMMARY" && el.parentElement === fold));
  }
  /* An element's text without the parts that are not read (a heading's ¶ link, a hidden mark). */
  function textOf(el) {
    var out = "";
    el.childNodes.forEach(function (node) {
      if (node.nodeType === 3) out += node.textContent;
      else if (node.nodeType === 1 && !node.matches(SKIP)) out += textOf(node);
    });
    return out;
  }
  /* The article's text, block by block, in reading order. */
  function texts(article) {
    var found = [];
    article.querySelectorAll(BLOCKS).forEach(function (el) {
      if (el.querySelector(BLOCKS) || skipped(el)) return; // a block holding blocks is read through them
      var text = textOf(el).replace(/\s+/g, " ").trim();
      if (text) found.push(text);
    });
    return found;
  }

  function start(page) {
    var synth = window.speechSynthesis;
    var box = document.querySelector("[data-kie-listen]");
    var article = document.querySelector(".md-content__inner");
    if (!synth || !window.SpeechSynthesisUtterance || !box || !article) return;
    var play = box.querySelector("[data-kie-listen-play]"), pause = box.querySelector("[data-kie-listen-pause]");
    var resume = box.querySelector("[data-kie-listen-resume]"), stopButton = box.querySelector("[data-kie-listen-stop]");
    var run = 0; // each reading has its own number: the end of a stopped one changes nothing
    function show(state) { // "idle", "speaking" or "paused"
      play.hidden = state !== "idle";
      pause.hidden = state !== "speaking";
      resume.hidden = state !== "paused";
      stopButton.hidden = state === "idle";
    }
    function offer() {
      box.hidden = !localVoice(synth.getVoices(), page.lang);
    }
    function stop() {
      run += 1;
      synth.cancel();
      show("idle");
    }
    play.addEventListener("click", function () {
      var voice = localVoice(synth.getVoices(), page.lang);
      if (!voice) return offer();
      stop();
      var mine = run, parts = texts(article);
      parts.forEach(function (text, i) {
        var say = new SpeechSynthesisUtterance(text);
        say.voice = voice;
        say.lang = voice.lang;
        if (i === parts.length - 1) say.onend = function () { if (mine === run) show("idle"); };
        synth.speak(say);
      });
      show("speaking");
    });
    pause.addEventListener("click", function () { synth.pause(); show("paused"); });
    resume.addEventListener("click", function () { synth.resume(); show("speaking"); });
    stopButton.addEventListener("click", stop);
    document.addEventListener(page.contract.exitEvent, stop);
    window.addEventListener("pagehide", function () { synth.cancel(); });
    if (synth.addEventListener) synth.addEventListener("voiceschanged", offer); // voices often arrive late
    offer();
  }

  kie.listen = { localVoice: localVoice, texts: texts, start: start };
})(window.kie = window.kie || {});
