// Guided session player. Every deadline comes from one start time plus the step's start_ms:
// visuals are drawn per animation frame against performance.now(), tones are scheduled ahead on the
// AudioContext clock. No relative timer chains.
// Listen mode plays the same session as one rendered audio track in an <audio> element (it goes on
// when the screen locks); the visuals then follow the track's own clock, `audio.currentTime`.
// The sounds are core's cue timeline (`script.track`), played as given: no cue is computed here.
import { enqueue, flush, has } from "./outbox.js";
import { tone as playTone } from "./tones.js";
import { keepWords, renderTrack, wavBlob } from "./listen.js";

const scriptEl = document.getElementById("session-script");
const picker = document.getElementById("position-picker");
const root = document.getElementById("player-root");
const manual = document.getElementById("manual-log");

// Instrumentation the timing benchmark (bench/) and the browser tests read: the player's state,
// when each cue was due and shown, when each tone was scheduled. Read only, and bounded: each log
// keeps its last LOG_LIMIT entries, so a long listen on a phone cannot grow it without end.
const LOG_LIMIT = 2000;
const hp = (window.hangmatPlayer = { cueLog: [], audioLog: [], state: "idle" });
const keep = (log, entry) => { log.push(entry); if (log.length > LOG_LIMIT) log.shift(); };
const setState = (s) => { hp.state = s; document.body.dataset.playerState = s; };
setState("idle");

if (scriptEl && picker && root) {
  if (manual) manual.hidden = true;
  const script = JSON.parse(scriptEl.textContent);
  const listenChoice = document.getElementById("listen-choice");
  const canListen = Boolean(window.OfflineAudioContext || window.webkitOfflineAudioContext);
  if (listenChoice) listenChoice.hidden = !canListen;
  // Which button sent the form (`event.submitter` is missing before Safari 15.4).
  let listenTapped = false;
  picker.addEventListener("click", (event) => { listenTapped = Boolean(event.target.closest?.("#listen")); });
  picker.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = new FormData(picker).get("position");
    const first = picker.querySelector("input[name=position]");
    const position = chosen || (first && first.value) || null;
    const wantsListen = event.submitter ? event.submitter.id === "listen" : listenTapped;
    if (canListen && wantsListen) listen(script, position);
    else start(script, position);
  });
}

// Listen mode: render the track, then play it in an <audio> element. The element is made and
// started here, in the tap itself: a phone only lets sound start from a tap, and the rendering
// that follows takes longer than a tap's permission lasts.
async function listen(script, position) {
  const L = script.listen;
  const audio = new Audio();
  audio.preload = "auto";
  const silence = URL.createObjectURL(wavBlob(new Float32Array(1600), 16000));
  audio.src = silence;
  audio.play().catch(() => {});
  const note = el("p", { class: "notice", role: "status", text: L.preparing });
  picker.hidden = true;
  root.replaceChildren(el("div", { class: "card stack" }, note));
  root.hidden = false;
  setState("preparing");
  try {
    const began = performance.now();
    const blob = await renderTrack(script.track, script.lang);
    hp.track = { blob, bytes: blob.size, render_ms: performance.now() - began };
    audio.pause();
    URL.revokeObjectURL(silence);
    audio.src = URL.createObjectURL(blob);
    start(script, position, audio);
    keepWords(L.clips, script.lang);
  } catch {
    URL.revokeObjectURL(silence);
    start(script, position);
    root.prepend(el("p", { class: "notice", role: "status", text: L.failed }));
  }
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k in node && typeof v !== "string") node[k] = v;
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

// `audio`: in listen mode, the <audio> element holding the rendered track; the player follows it.
function start(script, position, audio = null) {
  const L = script.labels;
  const lang = script.lang || document.documentElement.lang || "";
  const steps = script.steps;
  const total = script.total_ms;
  const countMs = script.count_ms || 1000;
  const id = crypto.randomUUID();
  const startedAt = new Date();
  const reduceMotion = matchMedia("(prefers-reduced-motion: reduce)").matches;

  // ---- UI ----
  const shape = el("div", { class: "player-shape" });
  const count = el("div", { class: "player-count", "aria-hidden": "true" });
  const partTitle = el("p", { class: "player-part" });
  const repText = el("p", { class: "player-rep" });
  const phaseText = el("p", { class: "player-phase", "aria-live": "polite" });
  const caution = el("p", { class: "player-caution" });
  const status = el("p", { class: "player-status", text: L.paused, hidden: true });
  const pauseBtn = el("button", { type: "button", class: "button", text: L.pause });
  const resumeBtn = el("button", { type: "button", class: "button primary", text: L.resume, hidden: true });
  const stopBtn = el("button", { type: "button", class: "button danger", text: L.stop });
  const soundBox = el("input", { type: "checkbox", checked: true });
  const speechBox = el("input", { type: "checkbox", checked: false });
  const speechLabel = el("label", { hidden: true }, speechBox, L.speech);
  const listening = el("p", { class: "hint", text: script.listen.playing, hidden: !audio });
  // The drawing of the position she chose, as a reminder of how to lie or sit while she squeezes.
  const option = position && picker.querySelector(`input[name=position][value="${CSS.escape(position)}"]`);
  const drawing = option && option.closest("label").querySelector("img");
  const head = el("div", { class: "player-head" }, el("div", {}, partTitle, repText));
  if (drawing) {
    head.prepend(el("img", { class: "player-position", src: drawing.getAttribute("src"), alt: "", width: "120", height: "90" }));
  }
  const player = el("div", { class: "player", "data-phase": "get_ready", "data-mode": audio ? "listen" : "guided" },
    head,
    el("div", { class: "player-stage" }, shape, count),
    phaseText, caution, status, listening,
    el("div", { class: "player-toggles" }, el("label", {}, soundBox, L.sound), speechLabel),
    el("div", { class: "player-controls" }, pauseBtn, resumeBtn, stopBtn));
  picker.hidden = true;
  root.replaceChildren(player);
  root.hidden = false;
  root.scrollIntoView({ block: "start" });

  // Spoken counting only when the phone has a voice for the page's language.
  const synth = window.speechSynthesis;
  // (Listen mode speaks in its own track.)
  const hasVoice = () => !audio && synth && synth.getVoices().some((v) => (v.lang || "").toLowerCase().startsWith(lang.toLowerCase()));
  if (synth) {
    speechLabel.hidden = !hasVoice();
    synth.addEventListener?.("voiceschanged", () => { speechLabel.hidden = !hasVoice(); });
  }
  const say = (text, interrupt) => {
    if (!synth || !speechBox.checked) return;
    if (interrupt) synth.cancel();
    const u = new SpeechSynthesisUtterance(String(text));
    u.lang = lang;
    synth.speak(u);
  };

  // ---- Audio: one context, created on the Start tap (listen mode has its track instead) ----
  let ctx = null;
  let master = null;
  try {
    const AC = window.AudioContext || window.webkitAudioContext;
    if (AC && !audio) {
      ctx = new AC();
      ctx.resume?.()?.catch(() => {});
      master = ctx.createGain();
      master.gain.value = 1;
      master.connect(ctx.destination);
    }
  } catch { ctx = null; }
  soundBox.addEventListener("change", () => {
    if (master) master.gain.setValueAtTime(soundBox.checked ? 1 : 0, ctx.currentTime);
    if (audio) audio.muted = !soundBox.checked;
  });

  // Every sound of the session, in script milliseconds: core's cue timeline.
  const rate = script.track.sample_rate;
  const events = script.track.cues.map((cue) => ({
    t: cue.at_ms,
    until: cue.kind === "end" ? Infinity : (cue.until_frame * 1000) / rate,
    kind: cue.kind,
    step: cue.step,
  }));

  const scheduled = new Set();
  let nextEvent = 0;
  let audioStart = 0;
  const LOOKAHEAD_S = 1.5;

  function tone(when, kind, until) {
    const osc = playTone(ctx, master, when, kind, until);
    scheduled.add(osc);
    osc.addEventListener("ended", () => scheduled.delete(osc));
    const now = ctx.currentTime;
    keep(hp.audioLog, { at: when, scheduled_at: now, late: when < now, kind });
  }

  function topUpAudio() {
    if (!ctx || hp.state !== "playing") return;
    const horizon = (ctx.currentTime - audioStart + LOOKAHEAD_S) * 1000;
    while (nextEvent < events.length && events[nextEvent].t <= horizon) {
      const ev = events[nextEvent++];
      tone(audioStart + ev.t / 1000, ev.kind, audioStart + ev.until / 1000);
    }
  }

  function cancelAudio() {
    for (const osc of scheduled) {
      try { osc.stop(); } catch { /* already stopped */ }
    }
    scheduled.clear();
  }

  // Map the audio clock to the same start as the visuals and schedule from `fromMs` on; `leadMs`
  // puts that start a little in the future, so the first tone is scheduled before it is due.
  function syncAudio(fromMs, leadMs = 0) {
    if (!ctx) return;
    cancelAudio();
    audioStart = ctx.currentTime + leadMs / 1000 - fromMs / 1000;
    nextEvent = events.findIndex((e) => e.t >= fromMs);
    if (nextEvent < 0) nextEvent = events.length;
    topUpAudio();
  }

  // ---- Timing: one start, absolute deadlines ----
  let t0 = 0;            // performance.now() at script time 0
  let pausedAt = 0;      // script ms at pause
  let raf = 0;
  let shownStep = -1;
  let shownCount = -1;
  const logged = new Set();
  // Script milliseconds reached: the track's own clock in listen mode, else one start time.
  const elapsed = () => (audio ? audio.currentTime * 1000 : performance.now() - t0);

  function stepAt(ms) {
    let lo = 0, hi = steps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (steps[mid].start_ms <= ms) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  const ease = (x) => 0.5 - 0.5 * Math.cos(Math.PI * Math.min(1, Math.max(0, x)));
  const SMALL = 0.55, BIG = 1;

  function scaleFor(step, into) {
    if (step.phase === "contract") {
      return reduceMotion ? BIG : SMALL + (BIG - SMALL) * ease(into / Math.min(step.duration_ms, 1500));
    }
    if (step.phase === "relax") {
      return reduceMotion ? SMALL : BIG - (BIG - SMALL) * ease(into / Math.min(step.duration_ms, 3000));
    }
    return reduceMotion ? SMALL : SMALL + 0.04 * Math.sin((into / 4000) * 2 * Math.PI);
  }

  function renderStep(i) {
    const s = steps[i];
    const part = script.parts[s.part] || {};
    const prev = steps[i - 1];
    player.dataset.phase = s.phase;
    partTitle.textContent = part.title || "";
    phaseText.textContent = s.phase === "contract" ? part.contract_label
      : s.phase === "relax" ? part.relax_label : L.get_ready;
    repText.textContent = s.rep > 0 ? L.rep.replace("{rep}", s.rep).replace("{reps}", s.reps) : "";
    const list = (part.cautions && part.cautions[s.phase]) || [];
    caution.textContent = list.length ? list[Math.max(0, s.rep - 1) % list.length] : "";
    if (!prev || prev.phase !== s.phase) {
      if (navigator.vibrate && s.phase !== "get_ready") navigator.vibrate(s.phase === "contract" ? 120 : [60, 80, 60]);
      say(phaseText.textContent, true);
    }
  }

  function frame() {
    raf = 0;
    if (hp.state !== "playing") return;
    const now = performance.now();
    const ms = elapsed();
    if (ms >= total) { finish(false); return; }
    if (ms >= 0) draw(now, ms);
    raf = requestAnimationFrame(frame);
  }

  // Shows the step and count due at script time `ms` (seen at `now`).
  function draw(now, ms) {
    const i = stepAt(ms);
    const s = steps[i];
    const into = ms - s.start_ms;
    if (i !== shownStep) {
      renderStep(i);
      shownStep = i;
      shownCount = -1;
      if (!logged.has(i)) {
        logged.add(i);
        keep(hp.cueLog, audio
          ? { step: i, start_ms: s.start_ms, track_ms: ms, shown_ms: now }
          : { step: i, deadline_ms: t0 + s.start_ms, shown_ms: now });
      }
    }
    const c = Math.min(s.counts, Math.floor(into / countMs) + 1);
    if (c !== shownCount) {
      // Getting ready counts down; contract and relax count up.
      count.textContent = String(s.phase === "get_ready" ? s.counts - c + 1 : c);
      if (shownCount !== -1) say(count.textContent);
      shownCount = c;
    }
    shape.style.transform = `scale(${scaleFor(s, into).toFixed(4)})`;
  }

  // The audio top-up also notices the end when the page is hidden and frames stop.
  const interval = setInterval(() => {
    if (hp.state !== "playing") return;
    const ms = elapsed();
    if (ms >= total) { finish(false); return; }
    // If the audio clock started late or stalled, map it to the shared start again.
    if (ctx && ctx.state === "running" && Math.abs((ctx.currentTime - audioStart) * 1000 - ms) > 40) {
      syncAudio(ms);
    }
    topUpAudio();
  }, 250);

  // ---- Screen wake lock ----
  let wakeLock = null;
  async function lockScreen() {
    // Listen mode is made for a locked screen: it keeps no wake lock.
    if (audio || !("wakeLock" in navigator) || document.visibilityState !== "visible" || wakeLock) return;
    try {
      wakeLock = await navigator.wakeLock.request("screen");
      wakeLock.addEventListener("release", () => { wakeLock = null; });
    } catch { wakeLock = null; }
  }
  function unlockScreen() {
    if (wakeLock) wakeLock.release().catch(() => {});
    wakeLock = null;
  }

  function onVisibility() {
    if (hp.state === "finished") return;
    if (document.visibilityState === "visible") {
      if (hp.state !== "playing") return;
      lockScreen();
      if (ctx) {
        ctx.resume?.()?.catch(() => {});
        // A suspended audio clock (phone locked) no longer matches: map it again.
        const drift = (ctx.currentTime - audioStart) * 1000 - elapsed();
        if (Math.abs(drift) > 50) syncAudio(elapsed());
      }
    } else if (hp.state === "playing") {
      // She may close the page now: keep what she did so far (replaced later by the same id).
      enqueue(outcome(Math.min(elapsed(), total), null, null)).catch(() => {});
    }
  }
  document.addEventListener("visibilitychange", onVisibility);

  // ---- Controls ----
  // Playing (or resuming) starts this far ahead of the tap: the first tone of the session would
  // otherwise be scheduled at the very instant it is due, and land a render quantum late.
  const LEAD_MS = 150;

  function play(fromMs) {
    if (audio) {
      setState("playing");
      shownStep = -1;
      if (Math.abs(audio.currentTime * 1000 - fromMs) > 1) audio.currentTime = fromMs / 1000;
      // Sound may be refused (no tap, another app holds the audio): then the player waits, paused.
      audio.play().catch(() => pause());
      if (navigator.mediaSession) navigator.mediaSession.playbackState = "playing";
      if (!raf) raf = requestAnimationFrame(frame);
      return;
    }
    t0 = performance.now() + LEAD_MS - fromMs;
    setState("playing");
    syncAudio(fromMs, LEAD_MS);
    shownStep = -1;
    lockScreen();
    if (!raf) raf = requestAnimationFrame(frame);
  }

  function pause() {
    if (hp.state !== "playing") return;
    if (audio) {
      audio.pause();
      if (navigator.mediaSession) navigator.mediaSession.playbackState = "paused";
    }
    pausedAt = elapsed();
    // The paused screen shows exactly the moment that was reached, as the outcome will count it.
    if (pausedAt >= 0 && pausedAt < total) draw(performance.now(), pausedAt);
    setState("paused");
    cancelAudio();
    synth?.cancel();
    unlockScreen();
    if (raf) cancelAnimationFrame(raf);
    raf = 0;
    status.hidden = false;
    pauseBtn.hidden = true;
    resumeBtn.hidden = false;
    resumeBtn.focus();
  }

  function resume() {
    if (hp.state !== "paused") return;
    status.hidden = true;
    resumeBtn.hidden = true;
    pauseBtn.hidden = false;
    pauseBtn.focus();
    play(pausedAt);
  }

  pauseBtn.addEventListener("click", pause);
  resumeBtn.addEventListener("click", resume);
  stopBtn.addEventListener("click", () => finish(true));

  // ---- Listen mode: the track and the lock screen drive the player too ----
  // Pausing the track (lock screen, headphones out, another app's sound) pauses the picture; the
  // end of the track ends the session even when the page was hidden and drew nothing.
  const media = audio ? navigator.mediaSession : null;
  if (audio) {
    hp.audio = audio;
    audio.addEventListener("pause", () => {
      if (audio.ended) finish(false);
      else if (hp.state === "playing") pause();
    });
    audio.addEventListener("play", () => { if (hp.state === "paused") resume(); });
    audio.addEventListener("ended", () => { finish(false); URL.revokeObjectURL(audio.src); });
  }
  const mediaActions = { play: resume, pause, stop: () => finish(true) };
  function mediaSession(on) {
    if (!media) return;
    try {
      media.metadata = on ? new MediaMetadata({
        title: script.listen.media_title,
        artwork: [{ src: new URL("../img/icon-192.png", import.meta.url).href, sizes: "192x192", type: "image/png" }],
      }) : null;
    } catch { /* no MediaMetadata: the lock screen shows the page's title */ }
    for (const [action, handler] of Object.entries(mediaActions)) {
      try { media.setActionHandler(action, on ? handler : null); } catch { /* action not offered here */ }
    }
    if (!on) media.playbackState = "none";
  }
  mediaSession(true);

  // ---- Outcome ----
  const hasEndurance = script.parts.some((p) => p.exercise === "endurance");
  let endedAt = null;
  let doneMs = 0;

  function outcome(doneMs, rating, heldEveryCount) {
    const reps = script.parts.map(() => 0);
    for (const s of steps) {
      if (s.phase === "contract" && s.start_ms + s.duration_ms <= doneMs) reps[s.part]++;
    }
    return {
      id,
      method: "PUT",
      url: `${script.outcome_url}/${id}`,
      body: {
        started_at: startedAt.toISOString(),
        ended_at: (endedAt || new Date()).toISOString(),
        position,
        hold_counts: script.hold_counts,
        completed: doneMs >= total,
        parts: script.parts.map((p, i) => ({ exercise: p.exercise, reps_done: reps[i] })),
        rating,
        held_every_count: heldEveryCount,
      },
    };
  }

  function finish(stopped) {
    if (hp.state === "finished") return;
    doneMs = hp.state === "paused" ? pausedAt : Math.min(elapsed(), total);
    endedAt = new Date();
    setState("finished");
    if (raf) cancelAnimationFrame(raf);
    raf = 0;
    clearInterval(interval);
    document.removeEventListener("visibilitychange", onVisibility);
    unlockScreen();
    mediaSession(false);
    if (hp.track) hp.track.blob = null; // 10 MB or more: not kept past the session
    if (stopped) {
      cancelAudio();
      synth?.cancel();
      if (audio) {
        audio.pause();
        URL.revokeObjectURL(audio.src);
      }
    } else {
      say(L.done, false);
      if (navigator.vibrate) navigator.vibrate([80, 60, 80]);
    }
    if (ctx) setTimeout(() => ctx.close().catch(() => {}), 2000);
    // Store it right away: nothing is lost if she closes the page now.
    enqueue(outcome(doneMs, null, null)).catch(() => {});
    showAfter();
  }

  // Where her day stands, once the server has her outcome (at once online; later offline).
  const todayLine = el("p", { class: "after-today", hidden: "" });
  window.addEventListener("hangmat:outbox-sent", (event) => {
    const answer = event.detail && event.detail.id === id ? event.detail.answer : null;
    if (!answer || typeof answer.today_contractions !== "number") return;
    todayLine.textContent = L.today.replace("{done}", String(answer.today_contractions));
    todayLine.hidden = false;
  });

  // What she did, in words: one line per part she did some of. A moment that feels good: no
  // streak, no guilt; a stopped session says that what she did counts.
  function whatSheDid() {
    const reps = script.parts.map(() => 0);
    for (const s of steps) {
      if (s.phase === "contract" && s.start_ms + s.duration_ms <= doneMs) reps[s.part]++;
    }
    const list = el("ul", { class: "after-did" });
    reps.forEach((n, i) => { if (n > 0 && L.did[i]) list.append(el("li", { text: L.did[i][n] })); });
    return list;
  }

  function showAfter() {
    const complete = doneMs >= total;
    const heading = el("h2", { text: complete ? L.done : L.stopped, tabindex: "-1" });
    const summary = el("div", { class: "after-summary stack" }, whatSheDid(), todayLine, el("p", { class: "hint", text: L.warm }));
    const rating = el("fieldset", { class: "rating" }, el("legend", { text: L.how_did_it_go }));
    for (const value of ["easy", "fine", "hard"]) {
      rating.append(el("label", {}, el("input", { type: "radio", name: "rating", value }), L[`rating_${value}`]));
    }
    const held = el("input", { type: "checkbox", name: "held_every_count" });
    const form = el("form", { class: "after card stack" }, heading, summary, rating);
    if (hasEndurance) form.append(el("label", { class: "check" }, held, L.held_every_count));
    form.append(el("div", { class: "row" },
      el("button", { type: "submit", class: "button primary", text: L.save }),
      el("a", { class: "button quiet", href: L.back_url, text: L.skip })));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const chosen = new FormData(form).get("rating");
      const o = outcome(doneMs, chosen || null, hasEndurance ? held.checked : null);
      let offline = true;
      try {
        await enqueue(o);
        await flush();
        offline = await has(id);
      } catch { /* IndexedDB unavailable */ }
      const saved = el("div", { class: "after card stack" },
        el("h2", { text: L.saved, tabindex: "-1" }), todayLine);
      if (offline) saved.append(el("p", { class: "notice", text: L.saved_offline }));
      saved.append(el("a", { class: "button primary", href: L.back_url, text: L.back }));
      root.replaceChildren(saved);
      saved.firstChild.focus();
    });
    root.replaceChildren(form);
    heading.focus();
  }

  play(0);
}
