// IndexedDB outbox: PUT requests keyed by a client-made id, sent once the network allows.
const DB = "hangmat-outbox";
const STORE = "requests";
let dbPromise = null;
let flushing = null;

function open() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "id" });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => { dbPromise = null; reject(req.error); };
    });
  }
  return dbPromise;
}

async function tx(mode, fn) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const t = db.transaction(STORE, mode);
    const result = fn(t.objectStore(STORE));
    t.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error);
  });
}

const all = () => tx("readonly", (s) => s.getAll());
// Remove an item only if it was not replaced (same id, newer body) while it was in flight.
const remove = (item) => tx("readwrite", (s) => {
  const get = s.get(item.id);
  get.onsuccess = () => { if (get.result && get.result.stamp === item.stamp) s.delete(item.id); };
});
let seq = 0;

export async function pending() {
  return tx("readonly", (s) => s.count());
}

export async function has(id) {
  return (await tx("readonly", (s) => s.count(id))) > 0;
}

export async function enqueue({ id, method, url, body }) {
  await tx("readwrite", (s) => s.put({ id, method, url, body, queued_at: Date.now(), stamp: `${Date.now()}-${++seq}-${Math.random()}` }));
  flush().catch(() => {});
}

function showPending(n) {
  for (const el of document.querySelectorAll("[data-outbox-pending]")) {
    el.hidden = n === 0;
    const c = el.querySelector("[data-outbox-count]");
    if (c) c.textContent = String(n);
  }
}

async function run() {
  let sent = 0;
  const items = (await all()).sort((a, b) => (a.queued_at || 0) - (b.queued_at || 0));
  for (const item of items) {
    let res;
    try {
      res = await fetch(item.url, {
        method: item.method,
        headers: { "content-type": "application/json" },
        body: JSON.stringify(item.body),
        credentials: "same-origin",
      });
    } catch {
      break; // offline: keep it, try later
    }
    if (res.ok) {
      await remove(item);
      sent++;
      // The answer says where her day stands now; the player's after-session panel shows it.
      const answer = await res.json().catch(() => null);
      window.dispatchEvent(new CustomEvent("hangmat:outbox-sent", { detail: { id: item.id, answer } }));
    } else if (res.status >= 400 && res.status < 500) {
      await remove(item);
      window.dispatchEvent(new CustomEvent("hangmat:outbox-rejected", { detail: { id: item.id, url: item.url, status: res.status } }));
    } else {
      break; // 5xx: keep it and stop
    }
  }
  const left = await pending();
  showPending(left);
  window.dispatchEvent(new CustomEvent("hangmat:outbox-flushed", { detail: { sent, pending: left } }));
  return { sent, pending: left };
}

let again = false;

// One flush at a time; a request made during a flush runs once more right after it.
export function flush() {
  if (flushing) {
    again = true;
    return flushing;
  }
  flushing = (async () => {
    let r;
    do {
      again = false;
      r = await run();
    } while (again);
    return r;
  })().finally(() => { flushing = null; });
  return flushing;
}
