// What a mother does in the app, step by step, as the tests need it. Selectors use ids, names and
// roles; visible texts come from the locale files (see ftl.js).
import { expect } from "@playwright/test";
import { nl, tr } from "./ftl.js";

export const RECOVERY_CODE = /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

/** The short programme's numbers (e2e/programme-short.toml). */
export const SHORT = { strengthReps: 3, enduranceReps: 3, sessionsPerDay: 3, target: 60 };

/** A civil date "YYYY-MM-DD" in Brussels, `days` days before today (negative: in the future). */
export function brusselsDate(daysAgo = 0) {
  const today = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Brussels", year: "numeric", month: "2-digit", day: "2-digit",
  }).format(new Date());
  const [y, m, d] = today.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d - daysAgo));
  return date.toISOString().slice(0, 10);
}

/** Fills in the birth date on the welcome page and starts. Leaves the page where the server sent it. */
export async function submitBirthDate(page, isoDate, lang = "nl") {
  await page.locator("#birth_date").fill(isoDate);
  await page.getByRole("button", { name: tr(lang, "welcome-start-button"), exact: true }).click();
}

/**
 * Starts a new profile from the welcome page with a birth date `daysAgo` days ago, reads the
 * recovery code and continues to Today. Returns the code.
 */
export async function onboard(page, { daysAgo = 10, lang = "nl" } = {}) {
  await page.goto("/");
  await submitBirthDate(page, brusselsDate(daysAgo), lang);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(tr(lang, "code-title"));
  const code = (await page.locator("#recovery-code").textContent()).trim();
  expect(code).toMatch(RECOVERY_CODE);
  await page.getByRole("link", { name: tr(lang, "code-continue"), exact: true }).click();
  await expect(page).toHaveURL(/\/today$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(tr(lang, "today-day", { day: daysAgo }));
  return code;
}

/** Waits until the service worker controls nothing less than an active registration. */
export async function serviceWorkerReady(page) {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return !!registration.active;
  });
}

/** The big contractions number on Today. */
export const contractionsToday = (page) => page.locator("#today-sessions span[data-count=contractions]");
export const coordinationToday = (page) => page.locator("#coordination span[data-count=coordination]");

/** Today's "N of M sessions done" line. */
export const sessionsLine = (done, planned = SHORT.sessionsPerDay, begun = 0) =>
  nl("today-sessions-done", { done, planned }) + (begun ? ` ${nl("today-sessions-begun", { count: begun })}` : "");

/** On the session page: picks a position by its visible name and starts the player. */
export async function startSession(page, { position = "side" } = {}) {
  await expect(page.locator("#position-picker")).toBeVisible();
  // The radio itself is visually hidden inside its card: she taps the card (the label).
  const radio = page.getByRole("radio", { name: nl(`position-${position}`) });
  await page.locator("label.position-option").filter({ has: radio }).click();
  await expect(radio).toBeChecked();
  await page.locator("#start").click();
  await expect(page.locator("body")).toHaveAttribute("data-player-state", "playing");
  await expect(page.locator("#player-root .player")).toBeVisible();
}

/** Waits for the player to finish on its own. */
export async function waitForFinished(page, timeout = 20_000) {
  await page.waitForFunction(() => window.hangmatPlayer.state === "finished", null, { timeout });
  await expect(page.locator("body")).toHaveAttribute("data-player-state", "finished");
}

/** In the after-session panel: rates and saves, and waits for the answer. */
export async function rateAndSave(page, rating = "fine") {
  const after = page.locator("#player-root form.after");
  await expect(after.getByRole("heading", { level: 2 })).toBeVisible();
  await after.locator(`.rating input[name=rating][value=${rating}]`).check();
  await after.getByRole("button", { name: nl("player-save"), exact: true }).click();
  await expect(page.locator("#player-root").getByRole("heading", { name: nl("player-saved"), exact: true })).toBeVisible();
}

/** A whole session from Today: open the session page, play it to the end, rate, save, back to Today. */
export async function completeSession(page, { position = "side", rating = "fine" } = {}) {
  await page.goto("/session");
  await startSession(page, { position });
  await waitForFinished(page);
  await rateAndSave(page, rating);
  await page.getByRole("link", { name: nl("player-back"), exact: true }).click();
  await expect(page).toHaveURL(/\/today$/);
}

/**
 * Records what the player shows, every time it changes (phases last a fraction of a second with
 * the short programme: too short to poll). Call before Start; read with `seenInPlayer`.
 */
export async function recordPlayer(page) {
  await page.evaluate(() => {
    const root = document.getElementById("player-root");
    const seen = (window.__playerSeen = []);
    const note = () => {
      const player = root.querySelector(".player");
      if (!player || !player.querySelector(".player-phase")?.textContent) return;
      const entry = {
        phase: player.dataset.phase,
        part: player.querySelector(".player-part")?.textContent ?? "",
        text: player.querySelector(".player-phase")?.textContent ?? "",
        rep: player.querySelector(".player-rep")?.textContent ?? "",
      };
      const last = seen[seen.length - 1];
      if (!last || last.phase !== entry.phase || last.text !== entry.text || last.rep !== entry.rep || last.part !== entry.part) {
        seen.push(entry);
      }
    };
    new MutationObserver(note).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

export const seenInPlayer = (page) => page.evaluate(() => window.__playerSeen);

/** Waits, frame by frame, until the player shows `phase` (phases can be short). */
/// Lets `counts` of the session's counts pass on the page's own frame clock (the clock the player
/// draws from), so a check that a paused player stands still has given it the time in which a
/// running one would have moved on, however slow the machine.
export async function letCountsPass(page, counts) {
  await page.evaluate((n) => {
    const countMs = JSON.parse(document.getElementById("session-script").textContent).count_ms || 1000;
    const end = performance.now() + n * countMs;
    let frames = 0;
    return new Promise((done) => {
      const frame = (now) => (now >= end && ++frames >= n ? done() : requestAnimationFrame(frame));
      requestAnimationFrame(frame);
    });
  }, counts);
}

export async function waitForPhase(page, phase) {
  await page.waitForFunction(
    (p) => document.querySelector("#player-root .player")?.dataset.phase === p,
    phase,
    { polling: "raf" },
  );
}

/** Starts recording the outbox's "flushed" events on this page (await it before acting). */
export async function watchOutbox(page) {
  await page.evaluate(() => {
    window.__outboxFlushes = [];
    window.addEventListener("hangmat:outbox-flushed", (e) => window.__outboxFlushes.push(e.detail));
  });
}

/** The outbox flushes seen since `watchOutbox`: [{ sent, pending }, ...]. */
export const outboxFlushes = (page) => page.evaluate(() => window.__outboxFlushes);
