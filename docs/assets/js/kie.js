/* Cegah TPPO: the site's only script (Material's own bundle is not loaded, to keep pages light).
 * Quick exit · search in the page's own language (engine: kie-search.js) · save for offline / remove / update notice.
 * Nothing is sent anywhere and nothing is stored except the offline copy the reader asks for.
 */
/* Quick exit by keyboard: Shift on its own, three times within 1.5 s. Shift held for a capital (or with any
 * other key) and keys typed in a form field do not count. Tested alone: tests/test_quick_exit.py. */
function kieQuickExitKeys(target, fire, now) {
  "use strict";
  now = now || Date.now;
  var taps = [];
  var alone = false; // Shift is down, nothing else pressed since
  function inField(el) {
    return !!(el && el.closest && el.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])"));
  }
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
    taps = taps.filter(function (t) { return time - t < 1500; });
    taps.push(time);
    if (taps.length >= 3) { taps = []; fire(); }
  }, true);
}

(function () {
  "use strict";
  if (!document.getElementById("kie-config")) return; // loaded alone by a test
  document.documentElement.classList.remove("no-js"); // Material's CSS shows the search box only with JS
  document.documentElement.classList.add("js");
  var config = JSON.parse(document.getElementById("kie-config").textContent);
  var t = config.t;
  var root = new URL(config.root.replace(/\/?$/, "/"), location.href);

  /* ---------- The directory filter: its script is fetched only by pages that have the filter ---------- */
  if (document.querySelector("form.kie-filter")) {
    var filter = document.createElement("script");
    filter.src = new URL("assets/js/kie-directory.js", root).href;
    document.body.appendChild(filter);
  }

  /* ---------- Quick exit: button, or Shift pressed on its own three times (kieQuickExitKeys) ---------- */
  function quickExit(event) {
    if (event) event.preventDefault();
    document.title = "";
    document.body.innerHTML = "";
    location.replace(config.exit);
  }
  document.querySelectorAll("[data-kie-exit]").forEach(function (el) {
    el.addEventListener("click", quickExit);
  });
  kieQuickExitKeys(document, quickExit);

  /* ---------- Share: the browser's share sheet where there is one (the wa.me link works everywhere) ---------- */
  if (navigator.share) {
    document.querySelectorAll("[data-kie-share]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.share({ title: button.getAttribute("data-title"), url: button.getAttribute("data-url") })
          .catch(function () {});
      });
    });
  }

  /* ---------- Search: Material's search box; the engine (assets/js/kie-search.js) and this language's
   * index (search/<lang>.js) load on the first search, as scripts: they work from file:// too ---------- */
  var input = document.querySelector(".md-search__input");
  var toggle = document.getElementById("__search");
  var list = document.querySelector(".md-search-result__list");
  var meta = document.querySelector(".md-search-result__meta");
  var engine = null;
  function loadSearch() {
    if (engine) return;
    meta.textContent = t.search_loading;
    engine = document.createElement("script");
    engine.src = new URL("assets/js/kie-search.js", root).href;
    engine.onerror = function () { meta.textContent = t.search_unavailable; engine = null; };
    document.head.appendChild(engine);
  }
  if (input && toggle && list && meta) {
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

  /* ---------- Offline: service worker, save, remove, update notice ---------- */
  var panels = document.querySelectorAll("[data-kie-offline]");
  var canSave = "serviceWorker" in navigator && "caches" in window && /^https?:$/.test(location.protocol);
  var saveData = !!(navigator.connection && navigator.connection.saveData);
  var swUrl = new URL("sw.js", root).href;

  function register() {
    return navigator.serviceWorker.register(swUrl, { scope: root.href }).then(function (reg) {
      watchUpdates(reg);
      return navigator.serviceWorker.ready.then(function (ready) {
        var urls = [location.href.split("#")[0]].concat(performance.getEntriesByType("resource")
          .map(function (entry) { return entry.name; }));
        if (ready.active) ready.active.postMessage({ type: "keep", urls: urls });
        return ready;
      });
    });
  }
  function watchUpdates(reg) {
    function offer(worker) {
      if (!worker || !navigator.serviceWorker.controller) return; // first install: nothing to update
      var bar = document.querySelector("[data-kie-update]");
      if (!bar) return;
      bar.hidden = false;
      bar.querySelector("button").onclick = function () { worker.postMessage({ type: "skip-waiting" }); };
    }
    if (reg.waiting) offer(reg.waiting);
    reg.addEventListener("updatefound", function () {
      var worker = reg.installing;
      worker.addEventListener("statechange", function () { if (worker.state === "installed") offer(worker); });
    });
  }
  var reloading = false;
  if (canSave) {
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      if (!reloading && document.querySelector("[data-kie-update]:not([hidden])")) {
        reloading = true;
        location.reload();
      }
    });
  }

  function megabytes(bytes) {
    return (bytes / 1048576).toLocaleString(config.lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  }
  function fetchManifest() {
    return fetch(new URL("offline.json", root).href, { cache: "no-cache" }).then(function (res) {
      if (!res.ok) throw new Error(res.status);
      return res.json();
    });
  }
  /* Saving downloads one gzip "pack" per language (plus one for shared files) and unpacks it into
   * the cache: pages share most of their markup, so this is several times smaller than page by page. */
  function parts(manifest, languages) {
    return [manifest.shared].concat(languages.map(function (lang) { return manifest.languages[lang]; }));
  }
  function packBytes(manifest, languages) {
    return parts(manifest, languages).reduce(function (sum, part) { return sum + part.pack.bytes; }, 0);
  }
  function unpack(part, cache, onBytes) {
    return fetch(new URL(part.pack.path, root).href, { cache: "no-cache" }).then(function (res) {
      if (!res.ok) throw new Error(part.pack.path + ": " + res.status);
      var reader = res.body.getReader();
      var counted = new ReadableStream({
        pull: function (controller) {
          return reader.read().then(function (chunk) {
            if (chunk.done) return controller.close();
            onBytes(chunk.value.length);
            controller.enqueue(chunk.value);
          });
        }
      });
      return new Response(counted.pipeThrough(new DecompressionStream("gzip"))).json();
    }).then(function (items) {
      return Promise.all(items.map(function (item) {
        var text = typeof item.text === "string";
        var body = text ? item.text : Uint8Array.from(atob(item.base64), function (c) { return c.charCodeAt(0); });
        var type = item.type + (text ? "; charset=utf-8" : "");
        return cache.put(new URL(item.path, root).href, new Response(body, { headers: { "Content-Type": type } }));
      }));
    });
  }
  function fetchEach(part, cache, onBytes) { // browsers without DecompressionStream
    return part.files.reduce(function (chain, file) {
      return chain.then(function () {
        var url = new URL(file.path, root).href;
        return fetch(url, { cache: "no-cache" }).then(function (res) {
          if (!res.ok) throw new Error(file.path + ": " + res.status);
          return cache.put(url, res);
        }).then(function () { onBytes(part.pack.bytes * file.bytes / part.bytes); });
      });
    }, Promise.resolve());
  }
  function saveLanguages(manifest, languages, progress) {
    var total = packBytes(manifest, languages);
    var done = 0;
    var onBytes = function (n) { done += n; progress(Math.min(1, done / total)); };
    var load = "DecompressionStream" in window ? unpack : fetchEach;
    return caches.open("kie-" + manifest.version).then(function (cache) {
      return parts(manifest, languages).reduce(function (chain, part) {
        return chain.then(function () { return load(part, cache, onBytes); });
      }, Promise.resolve()).then(function () {
        var marker = new URL("__kie_saved__", root).href;
        return cache.match(marker).then(function (old) {
          return old ? old.json() : { languages: [] };
        }).then(function (saved) {
          var all = saved.languages.concat(languages).filter(function (l, i, a) { return a.indexOf(l) === i; });
          return cache.put(marker, new Response(JSON.stringify({ languages: all })));
        });
      });
    });
  }
  function removeCopy() {
    return caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) { return k.indexOf("kie-") === 0; })
        .map(function (k) { return caches.delete(k); }));
    }).then(function () {
      return navigator.serviceWorker.getRegistrations();
    }).then(function (regs) {
      return Promise.all(regs.filter(function (r) { return r.scope === root.href; })
        .map(function (r) { return r.unregister(); }));
    });
  }

  function setupPanel(panel) {
    panel.hidden = false;
    var status = panel.querySelector("[data-kie-status]");
    var bar = panel.querySelector("progress");
    var choices = panel.querySelector("[data-kie-choices]");
    var open = panel.querySelector("[data-kie-save-open]");
    if (saveData) panel.querySelector("[data-kie-savedata]").hidden = false;
    open.addEventListener("click", function () {
      open.disabled = true;
      status.textContent = t.offline_checking;
      fetchManifest().then(function (manifest) {
        var mine = packBytes(manifest, [config.lang]);
        var all = packBytes(manifest, Object.keys(manifest.languages));
        choices.querySelector("[data-kie-save='lang'] span").textContent = megabytes(mine);
        choices.querySelector("[data-kie-save='all'] span").textContent = megabytes(all);
        choices.hidden = false;
        status.textContent = "";
        choices.querySelectorAll("[data-kie-save]").forEach(function (button) {
          button.onclick = function () {
            var langs = button.getAttribute("data-kie-save") === "all"
              ? Object.keys(manifest.languages) : [config.lang];
            choices.hidden = true;
            bar.hidden = false;
            bar.value = 0;
            status.textContent = t.offline_saving;
            register().then(function () {
              return saveLanguages(manifest, langs, function (share) { bar.value = Math.round(share * 100); });
            }).then(function () {
              status.textContent = t.offline_saved;
            }).catch(function () {
              status.textContent = t.offline_failed;
              choices.hidden = false;
            });
          };
        });
      }).catch(function () {
        status.textContent = t.offline_failed;
        open.disabled = false;
      });
    });
    panel.querySelector("[data-kie-remove]").addEventListener("click", function () {
      removeCopy().then(function () { status.textContent = t.offline_removed; });
    });
  }

  if (canSave) {
    panels.forEach(setupPanel);
    // Pages already read keep working offline; with Save-Data on, nothing starts until asked.
    if (!saveData) register().catch(function () {});
  }

  /* ---------- Plain http on a local Wi-Fi (`kie serve --lan`): downloads instead of "save for offline" ---------- */
  // Browsers run service workers only in a secure context (https, localhost). On http://192.168.x.x the
  // save button could not work, so the page offers files to keep instead. kelas.json comes from the
  // laptop's server (the pocket card of the session's province, the participants' page); the build
  // ships an empty one, so other servers answer it too.
  (function offerFiles() {
    var files = document.querySelector("[data-kie-files]");
    if (window.isSecureContext || location.protocol !== "http:" || !files) return;
    files.hidden = false;
    function show(selector, path) {
      var item = files.querySelector(selector);
      item.querySelector("a").href = new URL(path, root).href;
      item.hidden = false;
    }
    fetch(new URL("kelas.json", root).href).then(function (res) {
      return res.ok ? res.json() : {};
    }).then(function (kelas) {
      var lang = config.lang;
      if (kelas.cards && kelas.cards[lang]) show("[data-kie-card]", kelas.cards[lang]);
      if (kelas.participants && kelas.participants[lang]) show("[data-kie-participants]", kelas.participants[lang]);
    }).catch(function () {}); // without it the ZIP and PDF links are enough
  })();

  /* ---------- Presentation view for a projector: ?presentasi or the button; one h2 section per screen ---------- */
  (function presentation() {
    var article = document.querySelector(".md-content__inner");
    // The quiz page already shows one card at a time and uses the arrow keys itself.
    if (!article || !article.querySelector("h2") || document.querySelector("[data-kie-quiz]")) return;
    var tools = article.querySelector("[data-kie-tools]");
    var slides = [[]];
    Array.prototype.forEach.call(article.children, function (el) {
      if (el === tools) return; // on every slide: its button ends the presentation
      if (el.tagName === "H2" && slides[slides.length - 1].length) slides.push([]);
      slides[slides.length - 1].push(el);
    });
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
      at = Math.max(0, Math.min(slides.length - 1, i));
      slides.forEach(function (slide, k) {
        slide.forEach(function (el) { el.classList.toggle("kie-slide-hidden", on && k !== at); });
      });
      count.textContent = on ? at + 1 + " / " + slides.length : "";
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
      if (["ArrowRight", "PageDown", " "].indexOf(event.key) >= 0) { event.preventDefault(); show(at + 1); }
      if (["ArrowLeft", "PageUp"].indexOf(event.key) >= 0) { event.preventDefault(); show(at - 1); }
      if (event.key === "Escape") present(false);
    });
    article.addEventListener("click", function (event) { // tap: left third back, elsewhere forward
      if (!on || event.target.closest("a, button, summary, select, textarea, input:not([disabled]), label:not(.task-list-control)")) return;
      show(event.clientX < window.innerWidth / 3 ? at - 1 : at + 1);
    });
    present(/[?&]presentasi(=|&|$)/.test(location.search));
  })();
})();
