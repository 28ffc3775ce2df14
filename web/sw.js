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
    // Portal pages (other mothers' data, shared practice PCs) are never kept, nor her calendar
    // feed (a secret URL: once she makes a new one, the old must show nothing, offline too).
    const cacheable = !url.pathname.startsWith("/api/") && !url.pathname.startsWith("/portal")
      && !url.pathname.startsWith("/calendar/") && url.pathname !== "/sw.js";
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

// Reminders (Web Push). The server sends {title, body, lang, tag, url, actions}; every push shows
// a notification (iOS revokes a subscription whose pushes show none). Tapping opens the guided
// session; "Later" snoozes 15 minutes through the same-origin API.
self.addEventListener("push", (event) => {
  let message = {};
  try { message = event.data ? event.data.json() : {}; } catch { message = {}; }
  const title = message.title || "Hangmat";
  event.waitUntil(self.registration.showNotification(title, {
    body: message.body || "",
    lang: message.lang || "",
    tag: message.tag || "hangmat",
    icon: `${ASSET_BASE}img/icon-192.png`,
    badge: `${ASSET_BASE}img/icon-192.png`,
    data: { url: message.url || "/session" },
    actions: (message.actions || []).slice(0, 2),
  }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL((event.notification.data && event.notification.data.url) || "/session", self.location.origin).href;
  const done = event.action === "snooze"
    ? fetch("/api/reminders/snooze", {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ minutes: 15 }),
    }).catch(() => {})
    : openApp(url);
  // A synthetic event (browser tests dispatch one: no test can tap a system notification) cannot
  // be extended; the work above has started all the same.
  try { event.waitUntil(done); } catch { /* untrusted event */ }
});

// Reuses an open Hangmat window (navigating it to the target) rather than opening a second one.
async function openApp(url) {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
  if (open) {
    const navigated = await open.navigate(url).catch(() => null);
    const client = navigated || open;
    if ("focus" in client) await client.focus().catch(() => {});
    return client;
  }
  return self.clients.openWindow(url);
}
