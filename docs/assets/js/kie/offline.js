/* Offline: the service worker, "save for offline" (one language or all), remove, and the update notice.
 * Nothing starts on a page opened from files or over plain http (no service worker there: see classroom.js).
 * Saving downloads one gzip "pack" per language (plus one for shared files) and unpacks it into the cache:
 * pages share most of their markup, so this is several times smaller than page by page.
 * The names (offline.json, the cache prefix, the saved-languages marker, the worker's messages) come from
 * kie.contract; the shape of offline.json is written by kie.offline.packs. */
(function (kie) {
  "use strict";

  /* ---------- Pure logic: what to download, how big, which caches are ours ---------- */
  function parts(manifest, languages) {
    return [manifest.shared].concat(languages.map(function (lang) { return manifest.languages[lang]; }));
  }
  function packBytes(manifest, languages) {
    return parts(manifest, languages).reduce(function (sum, part) { return sum + part.pack.bytes; }, 0);
  }
  /* "all": every language in the manifest; anything else: the page's own language. */
  function languagesFor(choice, manifest, lang) {
    return choice === "all" ? Object.keys(manifest.languages) : [lang];
  }
  function megabytes(bytes, lang) {
    return (bytes / 1048576).toLocaleString(lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  }
  function cacheName(contract, version) {
    return contract.cachePrefix + version;
  }
  function isSiteCache(contract, key) {
    return key.indexOf(contract.cachePrefix) === 0;
  }
  /* The languages saved before and now, each once, in the order they were saved. */
  function savedLanguages(before, added) {
    return before.concat(added).filter(function (l, i, a) { return a.indexOf(l) === i; });
  }

  /* ---------- The browser's side: worker, cache, panel ---------- */
  function start(page) {
    var t = page.t, root = page.root, contract = page.contract;
    var panels = document.querySelectorAll("[data-kie-offline]");
    var canSave = "serviceWorker" in navigator && "caches" in window && /^https?:$/.test(location.protocol);
    var saveData = !!(navigator.connection && navigator.connection.saveData);
    var swUrl = new URL(contract.serviceWorker, root).href;

    function register() {
      return navigator.serviceWorker.register(swUrl, { scope: root.href }).then(function (reg) {
        watchUpdates(reg);
        return navigator.serviceWorker.ready.then(function (ready) {
          var urls = [location.href.split("#")[0]].concat(performance.getEntriesByType("resource")
            .map(function (entry) { return entry.name; }));
          if (ready.active) ready.active.postMessage({ type: contract.messageKeep, urls: urls });
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
        bar.querySelector("button").onclick = function () { worker.postMessage({ type: contract.messageSkipWaiting }); };
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

    function fetchManifest() {
      return fetch(new URL(contract.offlineManifest, root).href, { cache: "no-cache" }).then(function (res) {
        if (!res.ok) throw new Error(res.status);
        return res.json();
      });
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
      return caches.open(cacheName(contract, manifest.version)).then(function (cache) {
        return parts(manifest, languages).reduce(function (chain, part) {
          return chain.then(function () { return load(part, cache, onBytes); });
        }, Promise.resolve()).then(function () {
          var marker = new URL(contract.savedMarker, root).href;
          return cache.match(marker).then(function (old) {
            return old ? old.json() : { languages: [] };
          }).then(function (saved) {
            var all = savedLanguages(saved.languages, languages);
            return cache.put(marker, new Response(JSON.stringify({ languages: all })));
          });
        });
      });
    }
    function removeCopy() {
      return caches.keys().then(function (keys) {
        return Promise.all(keys.filter(function (k) { return isSiteCache(contract, k); })
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
          var mine = packBytes(manifest, languagesFor("lang", manifest, page.lang));
          var all = packBytes(manifest, languagesFor("all", manifest, page.lang));
          choices.querySelector("[data-kie-save='lang'] span").textContent = megabytes(mine, page.lang);
          choices.querySelector("[data-kie-save='all'] span").textContent = megabytes(all, page.lang);
          choices.hidden = false;
          status.textContent = "";
          choices.querySelectorAll("[data-kie-save]").forEach(function (button) {
            button.onclick = function () {
              var langs = languagesFor(button.getAttribute("data-kie-save"), manifest, page.lang);
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
  }

  kie.offline = {
    parts: parts, packBytes: packBytes, languagesFor: languagesFor, megabytes: megabytes,
    cacheName: cacheName, isSiteCache: isSiteCache, savedLanguages: savedLanguages, start: start
  };
})(window.kie = window.kie || {});
