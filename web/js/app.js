// Loaded on every page: service worker, outbox flushing, small enhancements.
import { enqueue, flush } from "./outbox.js";

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
  // Pages marked data-clear-offline (e.g. after signing out) drop the cached pages.
  if (document.body.hasAttribute("data-clear-offline")) {
    navigator.serviceWorker.ready.then((reg) => reg.active && reg.active.postMessage("hangmat:clear-pages"));
  }
}

const tryFlush = () => { flush().catch(() => {}); };
tryFlush();
window.addEventListener("online", tryFlush);
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") tryFlush();
});

const uuid = () => crypto.randomUUID();

// Fill the visitor's time zone into forms that ask for it.
try {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (tz) for (const input of document.querySelectorAll("input[name=tz]")) input.value = tz;
} catch { /* keep the server default */ }

// "Coordination done": record without leaving the page, through the outbox.
for (const form of document.querySelectorAll("form[data-enhance=coordination]")) {
  let timer = 0;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const idInput = form.querySelector("input[name=id]");
    const id = (idInput && idInput.value) || uuid();
    enqueue({ id, method: "PUT", url: `/api/coordination/${id}`, body: { at: new Date().toISOString() } })
      .catch(() => form.submit()); // no IndexedDB: fall back to the plain form post
    for (const sel of ["[data-count=contractions]", "[data-count=coordination]"]) {
      for (const el of document.querySelectorAll(sel)) {
        if (el instanceof HTMLMeterElement || el instanceof HTMLProgressElement) {
          el.value = Number(el.value) + 1;
        } else {
          const n = parseInt(el.textContent.replace(/\D/g, ""), 10);
          el.textContent = String((Number.isFinite(n) ? n : 0) + 1);
        }
      }
    }
    if (idInput) idInput.value = uuid();
    const msg = document.querySelector("[data-done-message]");
    if (msg) {
      msg.hidden = false;
      clearTimeout(timer);
      timer = setTimeout(() => { msg.hidden = true; }, 3000);
    }
  });
}

// "I leaked": kept in the outbox with the time she tapped, so it counts even offline (sent when
// the network allows), then the optional details of that same leak, without leaving Today. The
// plain forms stay for a browser without IndexedDB.
for (const card of document.querySelectorAll("[data-leak-card]")) {
  const start = card.querySelector("[data-leak-start]");
  const tapForm = card.querySelector("form[data-enhance=leak]");
  const detailsForm = card.querySelector("form[data-enhance=leak-details]");
  const status = card.querySelector("[data-leak-status]");
  if (!start || !tapForm || !detailsForm || !status) continue;
  const say = (text) => { status.textContent = text; status.hidden = false; };
  let tappedAt = null;
  tapForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const idInput = tapForm.querySelector("input[name=id]");
    const id = (idInput && idInput.value) || uuid();
    tappedAt = new Date().toISOString();
    enqueue({ id, method: "PUT", url: `/api/leaks/${id}`, body: { at: tappedAt } })
      .then(() => {
        if (idInput) idInput.value = uuid();
        detailsForm.querySelector("input[name=id]").value = id;
        for (const error of detailsForm.querySelectorAll(".error")) error.remove();
        start.hidden = true;
        detailsForm.hidden = false;
        say(card.dataset.noted);
      })
      .catch(() => tapForm.submit());
  });
  detailsForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(detailsForm);
    const id = data.get("id") || uuid();
    // The same id keeps the time she tapped; a leak noted by the plain form has its time already.
    const body = { at: tappedAt || new Date().toISOString() };
    for (const key of ["amount", "activity"]) if (data.get(key)) body[key] = data.get(key);
    enqueue({ id, method: "PUT", url: `/api/leaks/${id}`, body })
      .then(() => {
        tappedAt = null;
        detailsForm.reset();
        detailsForm.hidden = true;
        start.hidden = false;
        say(card.dataset.saved);
      })
      .catch(() => detailsForm.submit());
  });
}

// Copy buttons: <button data-copy="element-id" data-copied-label="...">.
for (const button of document.querySelectorAll("button[data-copy]")) {
  button.hidden = !navigator.clipboard;
  button.addEventListener("click", async () => {
    const source = document.getElementById(button.dataset.copy);
    if (!source) return;
    try {
      await navigator.clipboard.writeText(source.textContent.trim());
      if (button.dataset.copiedLabel) button.textContent = button.dataset.copiedLabel;
    } catch { /* clipboard refused: the text stays selectable */ }
  });
}

// Print buttons (the portal's summary): shown only where a script can print; Ctrl+P works anyway.
for (const button of document.querySelectorAll("button[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}

// "Add Hangmat to your home screen", offered on Today after a completed session: on a phone, outside
// the installed app, until she installs it or says no. An iPhone shows notifications only for an
// app on the home screen, so it gets the Share-menu steps; Android gets the browser's own install
// prompt when it offers one, else the menu steps.
const homeScreen = document.getElementById("home-screen");
if (homeScreen) {
  const KEY = "hangmat-home-screen";
  const installed = matchMedia("(display-mode: standalone)").matches || navigator.standalone === true;
  let answered = false;
  try { answered = localStorage.getItem(KEY) !== null; } catch { /* private mode: offer */ }
  const ua = navigator.userAgent;
  const ios = /iPhone|iPad|iPod/.test(ua) || (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
  const android = /Android/.test(ua);
  const install = homeScreen.querySelector("[data-home-screen=install]");
  const done = (answer) => {
    try { localStorage.setItem(KEY, answer); } catch { /* shown again next time */ }
    homeScreen.hidden = true;
  };
  if (!installed && !answered && (ios || android)) {
    homeScreen.querySelector(`[data-platform=${ios ? "ios" : "android"}]`).hidden = false;
    homeScreen.hidden = false;
  }
  let prompt = null;
  window.addEventListener("beforeinstallprompt", (event) => {
    event.preventDefault();
    prompt = event;
    install.hidden = homeScreen.hidden;
  });
  install.addEventListener("click", async () => {
    if (!prompt) return;
    prompt.prompt();
    const choice = await prompt.userChoice.catch(() => ({ outcome: "dismissed" }));
    done(choice.outcome);
  });
  homeScreen.querySelector("[data-home-screen=dismiss]").addEventListener("click", () => done("no"));
}
