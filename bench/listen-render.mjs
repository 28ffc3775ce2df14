// listen-render: how long the phone takes to render a listen-mode track and how big the WAV is, for
// the brochure's session at hold 5 (5 min 50 s, the usual ~6-minute session) and at hold 10 (6 min
// 40 s, the longest the brochure allows). Each is rendered four times: the first (word clips from the
// network unless an earlier render fetched them) and again (clips from the service worker's cache),
// at the machine's speed and with CDP's CPU throttling at 4x (a mid-range phone). Run through `bench/run listen-render`, which starts the server (the
// brochure's programme) and passes --base.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM, CHROMIUM_FLAGS, chromiumVersion, daysAgo, parseArgs, progress, round } from "./lib/common.mjs";

const args = parseArgs(process.argv.slice(2));
const BASE = args.base;
if (!BASE) throw new Error("--base URL is required (bench/run passes it)");
const HOLDS = [5, 10];
const THROTTLES = [1, 4];

async function setHold(page, hold) {
  const status = await page.evaluate(async (h) => {
    const r = await fetch("/settings/hold", { method: "POST", body: new URLSearchParams({ hold_counts: String(h) }), redirect: "manual" });
    return r.status || r.type;
  }, hold);
  progress(`hold ${hold}: /settings/hold answered ${status}`);
}

/** Opens the session, taps Listen, waits for the rendered track; returns its figures. */
async function renderOnce(page, cdp, hold, throttle, label) {
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  await page.goto(`${BASE}/session`);
  const script = JSON.parse(await page.locator("#session-script").textContent());
  if (script.hold_counts !== hold) throw new Error(`session hold is ${script.hold_counts}, expected ${hold}`);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  await page.click("#listen");
  await page.waitForFunction(() => window.hangmatPlayer.track, null, { timeout: 120_000 });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  const track = await page.evaluate(() => ({
    bytes: window.hangmatPlayer.track.bytes,
    render_ms: window.hangmatPlayer.track.render_ms,
    duration_s: window.hangmatPlayer.audio ? window.hangmatPlayer.audio.duration : null,
  }));
  const row = {
    label, hold, cpu_throttle: throttle, session_s: script.total_ms / 1000, cues: script.track.cues.length,
    wav_bytes: track.bytes, wav_mb: round(track.bytes / 1024 / 1024, 2), render_ms: round(track.render_ms, 0),
    words: new Set(script.track.cues.map((cue) => cue.word).filter(Boolean)).size,
  };
  progress(`  ${label} hold ${hold} cpu x${throttle}: ${row.session_s} s session, ${row.wav_bytes} bytes, rendered in ${row.render_ms} ms (${row.words} distinct words)`);
  return row;
}

const userDataDir = mkdtempSync(join(tmpdir(), "hangmat-bench-chromium-"));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 412, height: 915 },
});
const rows = [];
try {
  const page = context.pages()[0] || (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await page.goto(`${BASE}/`);
  await page.fill("#birth_date", daysAgo(20));
  await Promise.all([page.waitForURL(/\/(start|today)/), page.click('form[action="/start"] button[type=submit]')]);
  await page.goto(`${BASE}/today`);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  for (const hold of HOLDS) {
    await setHold(page, hold);
    let first = true;
    for (const throttle of THROTTLES) {
      rows.push(await renderOnce(page, cdp, hold, throttle, first ? "first" : "again"));
      first = false;
      rows.push(await renderOnce(page, cdp, hold, throttle, "again"));
    }
  }
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}

const again = (hold, throttle) => rows.filter((r) => r.hold === hold && r.cpu_throttle === throttle && r.label === "again");
const summary = {};
for (const hold of HOLDS) {
  for (const throttle of THROTTLES) {
    const list = again(hold, throttle);
    summary[`hold${hold}_cpu${throttle}x_render_ms_max`] = Math.max(...list.map((r) => r.render_ms));
  }
  summary[`hold${hold}_wav_bytes`] = rows.find((r) => r.hold === hold).wav_bytes;
  summary[`hold${hold}_session_s`] = rows.find((r) => r.hold === hold).session_s;
}
console.log(`listen-render (${chromiumVersion()}): tracks as 16-bit mono WAV at 16 kHz`);
for (const r of rows) {
  console.log(`  hold ${r.hold} (${r.session_s} s) cpu x${r.cpu_throttle} ${r.label}: ${r.wav_mb} MB, ${r.render_ms} ms (words fetched and decoded included), ${r.words} distinct words`);
}
console.log(JSON.stringify({ benchmark: "listen-render", chromium: chromiumVersion(), ...summary, runs: rows }));
