// Reminders page: turns Web Push on and off for this browser.
//
// The page works without this module (the moments form is a plain form); it only adds the
// notifications switch. Without push support or with notifications blocked, the page says so
// plainly and points to the calendar link. `window.hangmatPush.store(subscription)` sends a
// subscription to the server the same way a real subscribe does (headless browsers reach no push
// service, so tests hand it one).

const section = document.getElementById("push");
const key = section && section.dataset.vapidKey;

function show(state) {
  for (const el of section.querySelectorAll("[data-push-state]")) el.hidden = el.dataset.pushState !== state;
  section.querySelector("[data-push-action=subscribe]").hidden = !(state === "off" || state === "failed");
  section.querySelector("[data-push-action=unsubscribe]").hidden = state !== "on";
  section.dataset.pushShown = state;
}

function keyBytes(base64url) {
  const text = atob(base64url.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

async function send(method, body) {
  const response = await fetch("/api/push/subscription", {
    method,
    headers: { "content-type": "application/json" },
    credentials: "same-origin",
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`push subscription: ${response.status}`);
}

/** Stores a subscription (a PushSubscription or its toJSON()) for this mother. */
async function store(subscription) {
  const json = typeof subscription.toJSON === "function" ? subscription.toJSON() : subscription;
  await send("PUT", { endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth } });
  show("on");
}

async function subscribe() {
  const permission = await Notification.requestPermission();
  if (permission !== "granted") return show("denied");
  const registration = await navigator.serviceWorker.ready;
  const existing = await registration.pushManager.getSubscription();
  const subscription = existing || await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: keyBytes(key),
  });
  await store(subscription);
}

async function unsubscribe() {
  const registration = await navigator.serviceWorker.ready;
  const subscription = await registration.pushManager.getSubscription();
  if (subscription) {
    await send("DELETE", { endpoint: subscription.endpoint });
    await subscription.unsubscribe();
  }
  show("off");
}

async function start() {
  const supported = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
  if (!supported) return show("unsupported");
  if (Notification.permission === "denied") return show("denied");
  window.hangmatPush = { store, subscribe, unsubscribe };
  section.querySelector("[data-push-action=subscribe]").addEventListener("click", () => {
    subscribe().catch(() => show("failed"));
  });
  section.querySelector("[data-push-action=unsubscribe]").addEventListener("click", () => {
    unsubscribe().catch(() => show("failed"));
  });
  let subscribed = false;
  try {
    const registration = await navigator.serviceWorker.getRegistration("/");
    subscribed = Boolean(registration && await registration.pushManager.getSubscription());
  } catch { /* treat as not subscribed */ }
  show(subscribed && Notification.permission === "granted" ? "on" : "off");
}

if (section && key) start();
