// cue-timing: plays a whole guided session at real speed in headless Chromium and measures how
// late each visual cue was drawn, how many tones were scheduled too late, and whether the session
// drifted. Run through `bench/run cue-timing [--quick]`, which starts the server and passes --base.
import { chromium } from "playwright-core";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CHROMIUM, CHROMIUM_FLAGS, chromiumVersion, daysAgo, median, parseArgs, percentile, progress,
  round, sleep,
} from "./lib/common.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const args = parseArgs(process.argv.slice(2));
const BASE = args.base;
// --from-logs: analyse the raw logs of the last run (bench/out/) again instead of playing.
const FROM_LOGS = Boolean(args["from-logs"]);
if (!BASE && !FROM_LOGS) throw new Error("--base URL is required (bench/run passes it)");
const QUICK = Boolean(args.quick);
const HOLD = 10;
const BUSY_MS = 150;
const BUSY_EVERY_MS = 1000;
const FRAME_MS = 1000 / 60;
const RUNS = String(args.runs || "idle,busy").split(",");
const MIN_TOTAL_MS = QUICK ? 30_000 : 600_000;

// Goals (README.md): visual p99 <= 17 ms idle; no late tone in either run; no drift.
const GOALS = { visual_p99_idle_ms: 17, audio_late: 0, drift_ms: 0 };

// Before any page script: keep a handle on the player's AudioContext, note when the player's state
// changes (with both clocks), and sample the audio clock against performance.now() every 5 s.
function initScript() {
  const bench = (window.__bench = { states: [], clock: [], contexts: [] });
  const Orig = window.AudioContext;
  if (Orig) {
    window.AudioContext = class extends Orig {
      constructor(...a) {
        super(...a);
        bench.contexts.push(this);
      }
    };
  }
  const sampleClock = (why) => {
    const ctx = bench.contexts[bench.contexts.length - 1];
    if (!ctx) return;
    const out = ctx.getOutputTimestamp ? ctx.getOutputTimestamp() : {};
    bench.clock.push({
      why, perf: performance.now(), ctx_time: ctx.currentTime, state: ctx.state,
      out_ctx: out.contextTime ?? null, out_perf: out.performanceTime ?? null,
      base_latency: ctx.baseLatency ?? null, output_latency: ctx.outputLatency ?? null,
    });
  };
  new MutationObserver(() => {
    const s = document.body && document.body.dataset.playerState;
    const last = bench.states[bench.states.length - 1];
    if (s && (!last || last.state !== s)) {
      bench.states.push({ state: s, perf: performance.now(), wall: Date.now() });
      sampleClock(s);
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-player-state"] });
  setInterval(() => sampleClock("tick"), 5000);
  // Frames that came late (the machine's own jank, to tell it from the player's).
  const frames = (bench.frames = { n: 0, over25: 0, over50: 0, worst: 0, long: [] });
  let last = 0;
  const frame = (t) => {
    if (last) {
      const dt = t - last;
      frames.n++;
      if (dt > 25) frames.over25++;
      if (dt > 50) frames.over50++;
      if (dt > frames.worst) frames.worst = dt;
      if (dt > 25 && frames.long.length < 5000) frames.long.push([last, dt]);
    }
    last = t;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

async function onboard(page) {
  await page.goto(`${BASE}/`);
  await page.fill("#birth_date", daysAgo(20));
  await Promise.all([page.waitForURL(/\/(start|today)/), page.click('form[action="/start"] button[type=submit]')]);
  // /start shows her recovery code once; from there she goes on to Today.
  await page.goto(`${BASE}/today`);
  if (new URL(page.url()).pathname !== "/today") throw new Error(`onboarding failed: Today sent her to ${page.url()}`);
  // Her hold: the settings form posts to /settings/hold.
  await page.goto(`${BASE}/settings`);
  if (await page.locator("form#hold #hold_counts").count()) {
    await page.fill("form#hold #hold_counts", String(HOLD));
    await Promise.all([page.waitForURL(/saved=1/), page.click("form#hold button[type=submit]")]);
  } else {
    // The form is only shown in some phases: post what it would post.
    const status = await page.evaluate(async (hold) => {
      const r = await fetch("/settings/hold", {
        method: "POST", body: new URLSearchParams({ hold_counts: String(hold) }), redirect: "manual",
      });
      return r.status || r.type;
    }, HOLD);
    progress(`  no hold form on /settings; posted /settings/hold directly: ${status}`);
  }
}

async function runOnce(label, busy) {
  const userDataDir = mkdtempSync(join(tmpdir(), "hangmat-bench-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 412, height: 915 },
  });
  try {
    await context.addInitScript(initScript);
    const page = context.pages()[0] || (await context.newPage());
    const consoleErrors = [];
    page.on("pageerror", (e) => consoleErrors.push(String(e)));
    page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
    await onboard(page);
    await page.goto(`${BASE}/session`);
    const script = JSON.parse(await page.locator("#session-script").textContent());
    if (script.hold_counts !== HOLD) throw new Error(`session hold is ${script.hold_counts}, expected ${HOLD}`);
    if (script.count_ms !== 1000) throw new Error(`count_ms is ${script.count_ms}, expected 1000`);
    if (script.total_ms < MIN_TOTAL_MS) throw new Error(`session lasts ${script.total_ms} ms, expected >= ${MIN_TOTAL_MS}`);
    await page.locator("label.position-option").first().click();
    const position = await page.evaluate(() => new FormData(document.getElementById("position-picker")).get("position"));
    if (busy) {
      // Every second, one stall of BUSY_MS at a (seeded) random point of that second: cue deadlines
      // fall on whole seconds, so a stall at a fixed phase would hit either every cue or none.
      await page.evaluate(({ ms, every, seed }) => {
        let a = seed >>> 0;
        const rand = () => {
          a = (a + 0x6d2b79f5) >>> 0;
          let t = a;
          t = Math.imul(t ^ (t >>> 15), t | 1);
          t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
          return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
        };
        const stalls = (window.__benchStalls = []);
        window.__benchBusy = setInterval(() => {
          setTimeout(() => {
            const start = performance.now();
            while (performance.now() < start + ms) { /* busy main thread */ }
            stalls.push([start, performance.now()]);
          }, Math.floor(rand() * (every - ms)));
        }, every);
      }, { ms: BUSY_MS, every: BUSY_EVERY_MS, seed: 20261125 });
    }
    const loadBefore = os.loadavg().map((x) => round(x));
    const wallStart = Date.now();
    await page.click("#start");
    progress(`${label}: playing ${script.steps.length} steps, ${(script.total_ms / 1000).toFixed(0)} s, position ${position}`);
    // Wait at real speed, looking in rarely (each look is a little main-thread work).
    const deadline = wallStart + script.total_ms + 120_000;
    let state = "playing";
    while (Date.now() < deadline) {
      const left = wallStart + script.total_ms - Date.now();
      await sleep(left > 15_000 ? 10_000 : 500);
      state = await page.evaluate(() => window.hangmatPlayer && window.hangmatPlayer.state);
      if (state === "finished") break;
      if (state !== "playing") throw new Error(`player state ${state} during the session`);
      if (left > 15_000) progress(`${label}: ${Math.round((Date.now() - wallStart) / 1000)} s of ${Math.round(script.total_ms / 1000)} s`);
    }
    if (state !== "finished") throw new Error("the session did not finish in time");
    await sleep(300);
    const data = await page.evaluate(() => ({
      cueLog: window.hangmatPlayer.cueLog,
      audioLog: window.hangmatPlayer.audioLog,
      bench: { states: window.__bench.states, clock: window.__bench.clock, frames: window.__bench.frames, stalls: window.__benchStalls || [] },
      ua: navigator.userAgent,
    }));
    mkdirSync(join(here, "out"), { recursive: true });
    const wallMs = Date.now() - wallStart;
    writeFileSync(logPath(label), JSON.stringify({ script, ...data, wallMs, consoleErrors, loadBefore, loadAfter: os.loadavg() }, null, 1));
    return analyse(label, busy, script, data, wallMs, consoleErrors, loadBefore);
  } finally {
    await context.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

function logPath(label) {
  return join(here, "out", `cue-timing-${QUICK ? "quick" : "full"}-${label}.json`);
}

// The tones the session should sound: core's cue timeline (one per step, one per further count of a
// step, the end), which the player plays as given.
function expectedTones(script) {
  return script.track.cues.length;
}

function analyse(label, busy, script, data, wallMs, consoleErrors, loadBefore) {
  const { cueLog, audioLog, bench } = data;
  const errors = cueLog.map((c) => c.shown_ms - c.deadline_ms);
  const t0 = cueLog.length ? cueLog[0].deadline_ms - script.steps[cueLog[0].step].start_ms : NaN;
  const finished = bench.states.find((s) => s.state === "finished");
  const playing = bench.states.find((s) => s.state === "playing");
  const last = cueLog[cueLog.length - 1];
  // Drift: does the error grow over the session? The mean error of the last ten cues against that
  // of the first ten (the very first cue left out: it waits for the player's first frame). Errors
  // are quantised by frames and their phase against the frame clock wanders, so a fitted slope would
  // follow that sawtooth; a first-to-last comparison stays within a frame unless the cues drift.
  const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const tail = Math.min(10, Math.floor((errors.length - 1) / 2));
  const errorChange = mean(errors.slice(-tail)) - mean(errors.slice(1, 1 + tail));
  // Busy run: which deadlines fell inside a stall, and how much later than the stall's end they
  // were drawn ("a busy main thread delays a visual cue by the length of the stall, no more").
  const stalls = bench.stalls || [];
  // A deadline just before a stall (within a frame) waits for it too: the frame was not drawn yet.
  const inStall = cueLog.map((c) => stalls.find(([a, b]) => c.deadline_ms >= a - FRAME_MS && c.deadline_ms < b) || null);
  const outside = errors.filter((_, i) => !inStall[i]);
  const beyondStall = cueLog.map((c, i) => (inStall[i] ? c.shown_ms - inStall[i][1] : null)).filter((x) => x != null);
  // The last cue and the end may fall inside a stall: what is beyond the stall is drift.
  const stallAt = (t) => stalls.find(([a, b]) => t >= a - FRAME_MS && t < b) || null;
  const lastStall = last ? stallAt(last.deadline_ms) : null;
  const endStall = finished ? stallAt(t0 + script.total_ms) : null;

  // Audio: tones scheduled (re-scheduling after a re-sync adds entries), late ones, and where the
  // final "end" tone sits against the visual end, mapped through the audio clock.
  const late = audioLog.filter((a) => a.late).length;
  // The audio clock against performance.now(), from the first 5 s sample (the output has started by
  // then) to the end.
  const running = bench.clock.filter((c) => c.why !== "playing" && c.state === "running" && c.ctx_time > 0);
  let audioRateDriftMs = null;
  let doneToneErrorMs = null;
  if (running.length >= 2) {
    const a = running[0];
    const b = running[running.length - 1];
    audioRateDriftMs = (b.ctx_time - a.ctx_time) * 1000 - (b.perf - a.perf);
  }
  const done = [...audioLog].reverse().find((a) => a.kind === "end");
  const atFinish = bench.clock.find((c) => c.why === "finished");
  if (done && atFinish && atFinish.ctx_time > 0) {
    const donePerf = atFinish.perf + (done.at - atFinish.ctx_time) * 1000;
    doneToneErrorMs = donePerf - (t0 + script.total_ms);
  }
  const lateTones = audioLog.map((a, index) => ({ ...a, index })).filter((a) => a.late).slice(0, 5)
    .map((a) => ({ index: a.index, kind: a.kind, late_ms: round((a.scheduled_at - a.at) * 1000, 1) }));

  const worst = cueLog.map((c, i) => ({ step: c.step, phase: script.steps[c.step].phase, error_ms: round(errors[i], 1) }))
    .sort((a, b) => b.error_ms - a.error_ms).slice(0, 3);
  return {
    run: label,
    busy: busy ? { stall_ms: BUSY_MS, every_ms: BUSY_EVERY_MS } : null,
    steps: script.steps.length,
    cues_logged: cueLog.length,
    visual_error_ms: {
      median: round(median(errors)),
      p99: round(percentile(errors, 99)),
      max: round(Math.max(...errors)),
      min: round(Math.min(...errors)),
      worst,
      ...(busy ? {
        stalls: stalls.length,
        cues_due_in_a_stall: beyondStall.length,
        p99_outside_stalls: round(percentile(outside, 99)),
        max_outside_stalls: outside.length ? round(Math.max(...outside)) : null,
        max_after_stall_end: beyondStall.length ? round(Math.max(...beyondStall)) : null,
      } : {}),
    },
    audio: {
      expected_tones: expectedTones(script),
      scheduled: audioLog.length,
      late,
      late_examples: lateTones,
      context_state_at_finish: atFinish ? atFinish.state : null,
      clock_vs_performance_ms: round(audioRateDriftMs),
      done_tone_vs_visual_end_ms: round(doneToneErrorMs),
    },
    drift: {
      last_step: last ? last.step : null,
      last_step_error_ms: last ? round(last.shown_ms - last.deadline_ms) : null,
      last_step_beyond_stall_ms: last ? round(lastStall ? last.shown_ms - lastStall[1] : last.shown_ms - last.deadline_ms) : null,
      error_change_first_to_last_ms: round(errorChange),
      total_ms: script.total_ms,
      elapsed_ms: finished ? round(finished.perf - t0) : null,
      end_overrun_ms: finished ? round(finished.perf - t0 - script.total_ms) : null,
      end_beyond_stall_ms: finished ? round(endStall ? finished.perf - endStall[1] : finished.perf - t0 - script.total_ms) : null,
      wall_elapsed_ms: finished && playing ? finished.wall - playing.wall : null,
    },
    run_wall_s: round(wallMs / 1000, 1),
    frames: bench.frames
      ? { count: bench.frames.n, over_25ms: bench.frames.over25, over_50ms: bench.frames.over50, worst_ms: round(bench.frames.worst, 1) }
      : { count: null, over_25ms: null, over_50ms: null, worst_ms: null },
    load_average: { before: loadBefore, after: (data.loadAfter || (FROM_LOGS ? [] : os.loadavg())).map((x) => round(x)) },
    page_errors: consoleErrors.slice(0, 5),
  };
}

function describe(r) {
  const v = r.visual_error_ms;
  const a = r.audio;
  const d = r.drift;
  return [
    `run ${r.run}${r.busy ? ` (main thread busy ${r.busy.stall_ms} ms every ${r.busy.every_ms} ms)` : " (idle)"}: ${r.cues_logged}/${r.steps} cues, ${r.run_wall_s} s`,
    `  visual cue error (shown - deadline): median ${v.median} ms, p99 ${v.p99} ms, max ${v.max} ms, min ${v.min} ms; worst: ${v.worst.map((w) => `step ${w.step} (${w.phase}) ${w.error_ms} ms`).join(", ")}`,
    ...(r.busy ? [`  busy: ${v.stalls} stalls; ${v.cues_due_in_a_stall} cues due inside a stall, drawn at most ${v.max_after_stall_end} ms after it ended; cues outside stalls: p99 ${v.p99_outside_stalls} ms, max ${v.max_outside_stalls} ms`] : []),
    `  audio: ${a.scheduled} tones scheduled (${a.expected_tones} in the script), ${a.late} late${a.late ? ` (${a.late_examples.map((x) => `tone #${x.index} ${x.kind} by ${x.late_ms} ms`).join(", ")})` : ""}; audio clock vs performance clock ${a.clock_vs_performance_ms} ms over the session; done tone vs visual end ${a.done_tone_vs_visual_end_ms} ms`,
    `  drift: last step (${d.last_step}) error ${d.last_step_error_ms} ms; mean error of the last ten cues minus the first ten ${d.error_change_first_to_last_ms} ms; elapsed ${d.elapsed_ms} ms for total_ms ${d.total_ms} (end overrun ${d.end_overrun_ms} ms, wall ${d.wall_elapsed_ms} ms)`,
    `  frames: ${r.frames.count} drawn, ${r.frames.over_25ms} late by over 25 ms, ${r.frames.over_50ms} over 50 ms, worst gap ${r.frames.worst_ms} ms; load average ${r.load_average.before.join(" ") || "?"} before, ${r.load_average.after.join(" ") || "?"} after`,
    ...(r.page_errors.length ? [`  page errors: ${r.page_errors.join(" | ")}`] : []),
  ];
}

const started = Date.now();
const results = {};
for (const label of RUNS) {
  if (!["idle", "busy"].includes(label)) throw new Error(`unknown run ${label}`);
  if (FROM_LOGS) {
    const log = JSON.parse(readFileSync(logPath(label), "utf8"));
    console.log(`(analysed again from ${logPath(label).slice(here.length + 1)})`);
    results[label] = analyse(label, label === "busy", log.script, log, log.wallMs ?? NaN, log.consoleErrors || [], (log.loadBefore || []).map((x) => round(x)));
  } else {
    results[label] = await runOnce(label, label === "busy");
  }
  for (const line of describe(results[label])) console.log(line);
}

const idle = results.idle;
const pass = {
  visual_p99_idle: idle ? idle.visual_error_ms.p99 <= GOALS.visual_p99_idle_ms : null,
  audio_late_none: Object.values(results).every((r) => r.audio.late === 0),
  // "No drift": the error does not grow over the session (trend within one frame) and the session
  // ends within one frame of total_ms, in the idle run; the busy run may end inside a stall.
  // "No drift": in every run the errors do not grow (last ten cues against the first ten within a
  // frame), and the last cue and the end land within a frame of their deadline (of the end of the
  // stall they fell into, in the busy run).
  no_drift: Object.values(results).every((r) => Math.abs(r.drift.error_change_first_to_last_ms) <= FRAME_MS &&
    r.drift.last_step_beyond_stall_ms <= FRAME_MS && r.drift.end_beyond_stall_ms <= FRAME_MS),
};
console.log(`goals: visual p99 idle <= ${GOALS.visual_p99_idle_ms} ms: ${pass.visual_p99_idle}; 0 late tones: ${pass.audio_late_none}; no drift: ${pass.no_drift}`);
const programme = QUICK ? "bench/programme-1min.toml" : "bench/programme-10min.toml";
const pkg = JSON.parse(readFileSync(join(here, "node_modules/playwright-core/package.json"), "utf8"));
const summary = {
  benchmark: "cue-timing",
  mode: QUICK ? "quick" : "full",
  programme,
  hold_counts: HOLD,
  total_ms: Object.values(results)[0]?.drift.total_ms,
  steps: Object.values(results)[0]?.steps,
  sequential: true,
  ...(FROM_LOGS ? { analysed_from_logs: true } : {}),
  nice: process.env.BENCH_NICE ? Number(process.env.BENCH_NICE) : 0,
  chromium: chromiumVersion(),
  playwright_core: pkg.version,
  goals: GOALS,
  pass,
  runs: Object.fromEntries(Object.entries(results).map(([k, r]) => [k, {
    visual_error_ms: {
      median: r.visual_error_ms.median, p99: r.visual_error_ms.p99, max: r.visual_error_ms.max,
      ...(r.busy ? {
        cues_due_in_a_stall: r.visual_error_ms.cues_due_in_a_stall,
        max_after_stall_end: r.visual_error_ms.max_after_stall_end,
        p99_outside_stalls: r.visual_error_ms.p99_outside_stalls,
      } : {}),
    },
    audio_late: r.audio.late,
    audio_scheduled: r.audio.scheduled,
    audio_expected: r.audio.expected_tones,
    audio_clock_vs_performance_ms: r.audio.clock_vs_performance_ms,
    done_tone_vs_visual_end_ms: r.audio.done_tone_vs_visual_end_ms,
    last_step_error_ms: r.drift.last_step_error_ms,
    error_change_first_to_last_ms: r.drift.error_change_first_to_last_ms,
    elapsed_ms: r.drift.elapsed_ms,
    end_overrun_ms: r.drift.end_overrun_ms,
    wall_elapsed_ms: r.drift.wall_elapsed_ms,
    cues: r.cues_logged,
    frames_over_25ms: r.frames.over_25ms,
    worst_frame_gap_ms: r.frames.worst_ms,
    load_average_1min: [r.load_average.before[0], r.load_average.after[0]],
    run_s: r.run_wall_s,
  }])),
  duration_s: round((Date.now() - started) / 1000, 1),
};
console.log(JSON.stringify(summary));
