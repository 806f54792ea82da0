/* Service worker of the Cegah TPPO site (version = hash of the site's files).
 * - Pages the reader opens are kept, so they work again with no connection.
 * - "Save for offline" (in kie.js) fills the same cache with a whole language, on request only.
 * - A new version carries over unchanged files, re-downloads changed ones only for saved
 *   languages, then deletes the old cache.
 * KIE, on the line above this comment, is written by the build (kie.offline.packs): this build's version,
 * the stylesheet and script every page uses, and the names shared with the pages (kie.views.contract).
 */
const VERSION = KIE.version;
const PREFIX = KIE.cachePrefix;
const CACHE = PREFIX + VERSION;
const SCOPE = self.registration.scope;
const SAVED = new URL(KIE.savedMarker, SCOPE).href;
const PRECACHE = KIE.precache;

self.addEventListener("install", (event) => event.waitUntil(carryOver().then(precache)));

/* From the browser's HTTP cache (the page that registered us has just loaded them): no extra download. */
async function precache() {
  const cache = await caches.open(CACHE);
  for (const path of PRECACHE) {
    const url = new URL(path, SCOPE).href;
    if (await cache.match(url)) continue;
    try {
      const response = await fetch(url, { cache: "force-cache" });
      if (response.ok) await cache.put(url, response);
    } catch (err) { /* offline: the page keeps what it loaded (see "keep") */ }
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  const msg = event.data || {};
  if (msg.type === KIE.messageSkipWaiting) self.skipWaiting();
  if (msg.type === KIE.messageKeep && Array.isArray(msg.urls)) event.waitUntil(keep(msg.urls));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  event.respondWith(respond(request));
});

async function respond(request) {
  const cache = await caches.open(CACHE);
  let hit = await cache.match(request, { ignoreSearch: true });
  if (!hit && request.mode === "navigate" && new URL(request.url).pathname.endsWith("/")) {
    hit = await cache.match(new URL("index.html", request.url).href); // "/" and "/en/" are index pages
  }
  if (hit) return hit;
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") await cache.put(request, response.clone());
    return response;
  } catch (err) {
    return new Response("<!doctype html><meta charset=utf-8><title>Offline</title>" +
      "<p>Halaman ini belum disimpan untuk dibaca offline. / This page has not been saved for offline reading.</p>",
      { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
  }
}

/* The page that registered us was loaded before we ran: keep it from the browser's HTTP cache
 * (force-cache), so this costs no extra download. */
async function keep(urls) {
  const cache = await caches.open(CACHE);
  for (const url of urls) {
    if (!url.startsWith(SCOPE) || (await cache.match(url, { ignoreSearch: true }))) continue;
    try {
      const response = await fetch(url, { cache: "force-cache" });
      if (response.ok) await cache.put(url, response);
    } catch (err) { /* offline: nothing to keep */ }
  }
}

async function sha16(response) {
  const digest = await crypto.subtle.digest("SHA-256", await response.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("").slice(0, 16);
}

async function carryOver() {
  const older = (await caches.keys()).filter((k) => k.startsWith(PREFIX) && k !== CACHE);
  if (!older.length) return;
  let manifest;
  try {
    manifest = await (await fetch(new URL(KIE.offlineManifest, SCOPE).href, { cache: "no-cache" })).json();
  } catch (err) {
    return; // offline during the update: the old version keeps serving until we can fetch
  }
  const cache = await caches.open(CACHE);
  const files = new Map();
  const add = (list) => list.forEach((f) => files.set(new URL(f.path, SCOPE).href, f.hash));
  add(manifest.shared.files);
  Object.values(manifest.languages).forEach((l) => add(l.files));
  let saved = [];
  for (const key of older) {
    const old = await caches.open(key);
    const marker = await old.match(SAVED);
    if (marker) saved = (await marker.json()).languages || saved;
    for (const request of await old.keys()) {
      const hash = files.get(request.url);
      const response = await old.match(request);
      if (hash && response && (await sha16(response.clone())) === hash) await cache.put(request, response);
    }
  }
  if (!saved.length) return;
  const wanted = [...manifest.shared.files, ...saved.flatMap((lang) => manifest.languages[lang]?.files || [])];
  for (const file of wanted) {
    const url = new URL(file.path, SCOPE).href;
    if (await cache.match(url)) continue;
    const response = await fetch(url, { cache: "no-cache" });
    if (response.ok) await cache.put(url, response);
  }
  await cache.put(SAVED, new Response(JSON.stringify({ languages: saved })));
}
