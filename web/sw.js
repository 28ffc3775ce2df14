// Hangmat service worker. The server prepends:
//   const ASSET_BASE = "/static/<hash>/";  const ASSETS = [...the css and js files to precache];
const CACHE = `hangmat-${ASSET_BASE.split("/").filter(Boolean).pop()}`;
const PAGES = "hangmat-pages";
const OFFLINE = "/offline";

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const assets = await caches.open(CACHE);
    await assets.addAll(ASSETS.map((a) => ASSET_BASE + a));
    const pages = await caches.open(PAGES);
    await pages.add(new Request(OFFLINE, { credentials: "same-origin" })).catch(() => {});
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("hangmat-") && name !== CACHE && name !== PAGES) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

async function cacheFirst(request) {
  const hit = await caches.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.status === 200) {
    const copy = response.clone();
    caches.open(CACHE).then((c) => c.put(request, copy));
  }
  return response;
}

async function networkFirst(request, cacheable) {
  try {
    const response = await fetch(request);
    if (cacheable && response.status === 200 && response.type === "basic" && !response.redirected &&
        !/no-store/i.test(response.headers.get("cache-control") || "")) {
      const copy = response.clone();
      caches.open(PAGES).then((c) => c.put(request, copy));
    }
    return response;
  } catch (err) {
    const hit = await caches.match(request, { cacheName: PAGES });
    if (hit) return hit;
    if (request.mode === "navigate") {
      const offline = await caches.match(OFFLINE, { cacheName: PAGES });
      if (offline) return offline;
    }
    throw err;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(cacheFirst(request));
  } else {
    // Portal pages (other mothers' data, shared practice PCs) are never kept.
    const cacheable = !url.pathname.startsWith("/api/") && !url.pathname.startsWith("/portal")
      && url.pathname !== "/sw.js";
    event.respondWith(networkFirst(request, cacheable));
  }
});

// A page may ask to forget cached pages (after signing out on a shared device).
self.addEventListener("message", (event) => {
  if (event.data === "hangmat:clear-pages") {
    event.waitUntil(caches.delete(PAGES).then(() => caches.open(PAGES))
      .then((c) => c.add(new Request(OFFLINE, { credentials: "same-origin" }))).catch(() => {}));
  }
});
