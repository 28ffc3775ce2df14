// Listen mode (issue 6): the session rendered into one audio track that plays on with the screen
// off, a picture that follows the track, the lock screen's pause and play, and the outcome stored
// as in the guided player. The short programme's session lasts 4 s (counts of 100 ms).
import { test, expect } from "../lib/fixtures.js";
import { nl, dateLabel } from "../lib/ftl.js";
import { HiddenTab } from "../lib/hidden-tab.js";
import { REPO_ROOT, SLOW_PROGRAMME, startServer } from "../lib/server.js";
import path from "node:path";
import {
  SHORT, brusselsDate, contractionsToday, onboard, outboxFlushes, rateAndSave, serviceWorkerReady, sessionsLine,
  letCountsPass, waitForFinished, waitForPhase, watchOutbox,
} from "../lib/app.js";

/** On the session page: the suggested position, then Listen. Waits until the track plays. */
async function startListening(page) {
  await expect(page.locator("#position-picker")).toBeVisible();
  await page.getByRole("button", { name: nl("listen-start"), exact: true }).click();
  await expect(page.locator("body")).toHaveAttribute("data-player-state", "playing", { timeout: 15_000 });
  await expect(page.locator("#player-root .player")).toHaveAttribute("data-mode", "listen");
}

/** Today's counts, once the outbox has sent the outcome (reloads until it arrived). */
async function expectToday(page, contractions, sessions, begun = 0) {
  await page.goto("/today");
  await expect(async () => {
    await page.reload();
    await expect(contractionsToday(page)).toHaveText(String(contractions), { timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await expect(page.getByText(sessionsLine(sessions, undefined, begun), { exact: true })).toBeVisible();
}

test("a listen-mode session plays to the end with the page hidden, and is stored once", async ({ page, browser, baseURL }) => {
  await onboard(page, { daysAgo: 10 });
  const tab = await HiddenTab.open(browser, `${baseURL}/session`, await page.context().cookies());
  try {
    await tab.evaluate(`(() => {
      window.__visibility = [];
      document.addEventListener("visibilitychange", () => window.__visibility.push(document.visibilityState));
      window.__frames = 0;
      const count = () => { window.__frames++; requestAnimationFrame(count); };
      requestAnimationFrame(count);
    })()`);
    // She taps Listen with the screen on (a phone starts sound only then), and as soon as the track
    // plays the screen goes off: the rest of the session happens in a hidden page.
    await tab.evaluate(`document.getElementById("listen").click()`, { userGesture: true });
    await tab.until(() => tab.evaluate(`window.hangmatPlayer.state === "playing" && window.hangmatPlayer.audio.currentTime > 0`), "the track to play");
    await tab.hide();
    const atHide = await tab.evaluate(`({ frames: window.__frames, trackMs: window.hangmatPlayer.audio.currentTime * 1000 })`);
    const end = await tab.until(() => tab.evaluate(`window.hangmatPlayer.state === "finished" && {
      visibility: document.visibilityState,
      changes: window.__visibility,
      frames: window.__frames,
      trackAtEnd: window.hangmatPlayer.audio.currentTime,
    }`), "the session to finish", 30_000);
    expect(end.visibility).toBe("hidden");
    expect(end.changes).toEqual(["hidden"]);
    // No animation frame ran: the session was carried by the track alone.
    expect(end.frames).toBe(atHide.frames);
    const script = JSON.parse(await tab.evaluate(`document.getElementById("session-script").textContent`));
    expect(atHide.trackMs, "most of the session played hidden").toBeLessThan(script.total_ms / 2);
    expect(end.trackAtEnd * 1000).toBeGreaterThanOrEqual(script.total_ms);

    // Stored while the page is still hidden, and counted once.
    await expectToday(page, SHORT.strengthReps + SHORT.enduranceReps, 1);

    // Back on the page, she rates it: the same session, not a second one.
    await tab.show();
    await tab.until(() => tab.evaluate(`!!document.querySelector("#player-root form.after")`), "the after-session form");
    await tab.evaluate(`(() => {
      document.querySelector("#player-root form.after input[name=rating][value=easy]").click();
      document.querySelector("#player-root form.after button[type=submit]").click();
    })()`, { userGesture: true });
    await tab.until(() => tab.evaluate(`document.querySelector("#player-root h2")?.textContent === ${JSON.stringify(nl("player-saved"))}`), "saved");
  } finally {
    await tab.close();
  }
  await expectToday(page, SHORT.strengthReps + SHORT.enduranceReps, 1);
  await page.getByRole("link", { name: nl("nav-progress") }).click();
  const row = page.locator("table.data").first().getByRole("row", { name: dateLabel("nl", brusselsDate(0)) });
  await expect(row.getByRole("cell")).toHaveText(["1", "0", "6"]);
});

test.describe("at a fifth of the short programme's pace (counts of 0.5 s)", () => {
  test.use({ programme: SLOW_PROGRAMME });

  test("pausing the track or the lock screen pauses the picture; stop keeps the partial session", async ({ page }) => {
    // The lock screen's buttons call the handlers the page gave the Media Session: keep them at hand.
    await page.addInitScript(() => {
      window.__media = {};
      const session = navigator.mediaSession;
      if (!session) return;
      const set = session.setActionHandler.bind(session);
      session.setActionHandler = (action, handler) => { window.__media[action] = handler; set(action, handler); };
    });
    await onboard(page, { daysAgo: 10 });
    await page.goto("/session");
    // At a fifth of the pace a count lasts 0.5 s.
    await startListening(page);
    const player = page.locator("#player-root .player");
    const body = page.locator("body");
    const audioPaused = () => page.evaluate(() => window.hangmatPlayer.audio.paused);
    expect(await page.evaluate(() => navigator.mediaSession.metadata?.title)).toBe(nl("listen-media-title"));
    expect(await audioPaused()).toBe(false);

    // The track is paused (headphones out, another app's sound): the picture pauses with it.
    await page.evaluate(() => window.hangmatPlayer.audio.pause());
    await expect(body).toHaveAttribute("data-player-state", "paused");
    await expect(player.getByText(nl("player-paused"), { exact: true })).toBeVisible();
    const frozen = { phase: await player.getAttribute("data-phase"), count: await player.locator(".player-count").textContent() };
    const trackAt = await page.evaluate(() => window.hangmatPlayer.audio.currentTime);
    await letCountsPass(page, 6);
    expect({ phase: await player.getAttribute("data-phase"), count: await player.locator(".player-count").textContent() }).toEqual(frozen);
    expect(await page.evaluate(() => window.hangmatPlayer.audio.currentTime)).toBe(trackAt);

    // Play on the lock screen: both go on.
    await page.evaluate(() => window.__media.play());
    await expect(body).toHaveAttribute("data-player-state", "playing");
    expect(await audioPaused()).toBe(false);
    // Pause on the lock screen: both stop.
    await page.evaluate(() => window.__media.pause());
    await expect(body).toHaveAttribute("data-player-state", "paused");
    expect(await audioPaused()).toBe(true);
    // The picture's own Resume starts the track again.
    await player.getByRole("button", { name: nl("player-resume"), exact: true }).click();
    await expect(body).toHaveAttribute("data-player-state", "playing");
    expect(await audioPaused()).toBe(false);

    // After the first squeeze, the picture's Pause stops the track too; then Stop.
    await waitForPhase(page, "relax");
    await player.getByRole("button", { name: nl("player-pause"), exact: true }).click();
    await expect(body).toHaveAttribute("data-player-state", "paused");
    expect(await audioPaused()).toBe(true);
    const phase = await player.getAttribute("data-phase");
    const repText = await player.locator(".player-rep").textContent();
    const rep = [1, 2, 3].find((r) => repText === nl("player-rep", { rep: r, reps: 3 }));
    expect(rep, `rep line "${repText}"`).toBeDefined();
    expect(await player.locator(".player-part").textContent()).toBe(nl("exercise-strength"));
    const done = phase === "relax" ? rep : rep - 1;
    expect(done).toBeGreaterThanOrEqual(1);
    await player.getByRole("button", { name: nl("player-stop"), exact: true }).click();
    await expect(body).toHaveAttribute("data-player-state", "finished");
    expect(await audioPaused()).toBe(true);
    expect(await page.evaluate(() => navigator.mediaSession.playbackState)).toBe("none");
    await page.locator("#player-root form.after").getByRole("link", { name: nl("player-skip"), exact: true }).click();
    // Stopped: its contractions count, the session shows as begun, not done.
    await expectToday(page, done, 0, 1);
  });
});

test("offline from the first time, listening works on tones alone and the outcome waits in the outbox", async ({ page, context }) => {
  await onboard(page, { daysAgo: 10 });
  await serviceWorkerReady(page);
  await page.goto("/session");
  await serviceWorkerReady(page);
  await context.setOffline(true);
  await startListening(page);
  // Its words were never fetched, so the track is tones alone, and it plays to the end.
  await waitForFinished(page);
  await rateAndSave(page, "fine");
  await expect(page.locator("#player-root").getByText(nl("player-saved-offline"))).toBeVisible();
  await watchOutbox(page);
  await context.setOffline(false);
  await expect.poll(() => outboxFlushes(page)).toContainEqual({ sent: 1, pending: 0 });
  await expectToday(page, SHORT.strengthReps + SHORT.enduranceReps, 1);
});

/** 16-bit mono PCM WAV -> { rate, samples } (floats). */
function readWav(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe("RIFF");
  expect(view.getUint16(20, true)).toBe(1); // PCM
  expect(view.getUint16(22, true)).toBe(1); // mono
  expect(view.getUint16(34, true)).toBe(16);
  const rate = view.getUint32(24, true);
  const count = view.getUint32(40, true) / 2;
  const samples = new Float32Array(count);
  for (let i = 0; i < count; i++) samples[i] = view.getInt16(44 + i * 2, true) / 32768;
  return { rate, samples };
}

/** Onsets: where the sound rises above `threshold` after at least `gapMs` below it. In ms. */
function onsets({ rate, samples }, threshold = 0.01, gapMs = 2) {
  const gap = Math.round((gapMs * rate) / 1000);
  const found = [];
  let quiet = gap;
  for (let i = 0; i < samples.length; i++) {
    if (Math.abs(samples[i]) > threshold) {
      if (quiet >= gap) found.push((i * 1000) / rate);
      quiet = 0;
    } else {
      quiet++;
    }
  }
  return found;
}

test("the rendered track sounds every cue of the script within 10 ms, and only listen mode fetches words", async ({ page }) => {
  const audioRequests = [];
  page.on("request", (request) => { if (/\/audio\//.test(request.url())) audioRequests.push(request.url()); });
  await onboard(page, { daysAgo: 10 });
  await page.goto("/session");
  expect(audioRequests).toEqual([]);
  await startListening(page);
  // Paused, so the track is still there to read however slow the machine is.
  await page.evaluate(() => window.hangmatPlayer.audio.pause());
  const { script, wav } = await page.evaluate(async () => {
    const bytes = new Uint8Array(await window.hangmatPlayer.track.blob.arrayBuffer());
    let text = "";
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { script: JSON.parse(document.getElementById("session-script").textContent), wav: btoa(text) };
  });
  // The only cue with room for a word in a 4-second session is the end ("Klaar. Goed gedaan!"): it
  // is fetched first; then every other Dutch clip, for the service worker to keep for later sessions.
  const fetched = audioRequests.map((url) => new URL(url).pathname.split("/").slice(-2).join("/"));
  expect(fetched[0]).toBe("nl/done.mp3");
  await expect.poll(() => new Set(audioRequests).size).toBe(script.listen.clips.length);
  expect(audioRequests.every((url) => url.includes("/audio/nl/"))).toBe(true);

  // What the script says must sound, worked out here from the steps alone: each step's start, each
  // further count of a step, and the end.
  const expected = [];
  for (const step of script.steps) {
    for (let c = 0; c < step.counts; c++) expected.push(step.start_ms + c * script.count_ms);
  }
  expected.push(script.total_ms);

  const track = readWav(Buffer.from(wav, "base64"));
  expect(track.rate).toBe(script.track.sample_rate);
  expect(track.samples.length / track.rate * 1000).toBeGreaterThanOrEqual(script.total_ms);
  // Onsets up to the end cue (the end's word follows it, inside its ringing).
  const heard = onsets(track).filter((ms) => ms <= script.total_ms + 10);
  expect(heard.length, `onsets ${heard.map(Math.round).join(", ")}`).toBe(expected.length);
  const worst = Math.max(...heard.map((ms, i) => Math.abs(ms - expected[i])));
  test.info().annotations.push({ type: "worst onset error", description: `${worst.toFixed(2)} ms over ${heard.length} cues` });
  expect(worst).toBeLessThanOrEqual(10);
});

test("with room for them, the track says its words at their cues and nowhere else", async ({ browser }) => {
  // The brochure's own programme (counts of a second): room for words.
  const server = await startServer({ programme: path.join(REPO_ROOT, "programme", "brochure.toml") });
  const context = await browser.newContext({ baseURL: server.url, locale: "nl-BE", timezoneId: "Europe/Brussels" });
  try {
    const page = await context.newPage();
    await onboard(page, { daysAgo: 10 });
    await page.goto("/session");
    await startListening(page);
    await page.evaluate(() => window.hangmatPlayer.audio.pause());
    // The track as played, against the same track rendered without words (listen.js's own option):
    // they differ inside the cues that have a word, and nowhere else.
    const found = await page.evaluate(async () => {
      const samples = async (blob) => new Int16Array((await blob.arrayBuffer()).slice(44));
      const script = JSON.parse(document.getElementById("session-script").textContent);
      const src = document.querySelector("script[src$='/js/player.js']").getAttribute("src");
      const { renderTrack } = await import(src.replace(/player\.js$/, "listen.js"));
      const spoken = await samples(window.hangmatPlayer.track.blob);
      const tones = await samples(await renderTrack(script.track, script.lang, { words: false }));
      const inWord = new Uint8Array(spoken.length);
      const wordCues = [];
      for (const cue of script.track.cues) {
        if (!cue.word) continue;
        const until = cue.kind === "end" ? spoken.length : cue.until_frame;
        inWord.fill(1, cue.frame, until);
        let loudest = 0;
        for (let i = cue.frame; i < until; i++) loudest = Math.max(loudest, Math.abs(spoken[i] - (tones[i] ?? 0)));
        wordCues.push({ word: cue.word, loudest: loudest / 32768 });
      }
      let outside = 0;
      for (let i = 0; i < spoken.length; i++) if (!inWord[i] && spoken[i] !== (tones[i] ?? 0)) outside++;
      // The track rings on after the end for as long as its last word lasts.
      return { longer: spoken.length >= tones.length, wordCues, outside };
    });
    expect(found.longer).toBe(true);
    expect(found.outside).toBe(0);
    expect(found.wordCues.length).toBeGreaterThan(20);
    const silent = found.wordCues.filter((cue) => cue.loudest < 0.05);
    expect(silent, "word cues with no word heard").toEqual([]);
    expect(new Set(found.wordCues.map((cue) => cue.word))).toEqual(new Set([
      "exercise-strength", "contract-strength", "relax-strength", "exercise-endurance", "contract-endurance",
      "relax-endurance", "number-1", "number-2", "number-3", "number-4", "done",
    ]));
  } finally {
    await context.close();
    await server.stop();
  }
});
