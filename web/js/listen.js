// Listen mode's renderer: the session's cue timeline (core's track, handed over in the page's script
// data) rendered on the phone into one WAV file, for an <audio> element to play. Only an <audio>
// element keeps playing on every phone when the screen locks (iOS suspends the page and its Web Audio
// clock), and rendering here needs no network: the tones are made on the spot, the spoken words are
// small clips fetched (and cached by the service worker) only when she chooses to listen. A missing
// clip is simply not said: tones alone are enough.
import { tone } from "./tones.js";

const WORD_GAIN = 0.8;
// How long a word cut short by the next cue takes to fade out.
const FADE_S = 0.015;

/** Decodes the clips of the words this track says, in `lang`; a word that cannot be had is left out. */
async function loadWords(track, lang) {
  const AC = window.OfflineAudioContext || window.webkitOfflineAudioContext;
  const decoder = new AC(1, 1, track.sample_rate);
  const words = [...new Set(track.cues.map((cue) => cue.word).filter(Boolean))];
  const clips = new Map();
  await Promise.all(words.map(async (word) => {
    try {
      const response = await fetch(new URL(`../audio/${lang}/${word}.mp3`, import.meta.url));
      if (!response.ok) return;
      clips.set(word, await decoder.decodeAudioData(await response.arrayBuffer()));
    } catch { /* offline and not cached yet, or not decodable: tones only for this word */ }
  }));
  return clips;
}

/**
 * Fetches every clip of `lang` in the background, for the service worker to keep: the next session
 * (another hold, other numbers) then has all its words offline.
 */
export function keepWords(clips, lang) {
  for (const clip of clips) {
    fetch(new URL(`../audio/${lang}/${clip}.mp3`, import.meta.url)).catch(() => {});
  }
}

/** 16-bit PCM mono WAV of `samples` (floats in -1..1). */
export function wavBlob(samples, sampleRate) {
  const bytes = new ArrayBuffer(44 + samples.length * 2);
  const view = new DataView(bytes);
  const text = (at, s) => { for (let i = 0; i < s.length; i++) view.setUint8(at + i, s.charCodeAt(i)); };
  text(0, "RIFF");
  view.setUint32(4, 36 + samples.length * 2, true);
  text(8, "WAVE");
  text(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, "data");
  view.setUint32(40, samples.length * 2, true);
  const pcm = new Int16Array(bytes, 44);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]));
    pcm[i] = s < 0 ? s * 0x8000 : s * 0x7fff;
  }
  return new Blob([bytes], { type: "audio/wav" });
}

/** Renders one sound, `frames` long, starting on frame 0 of its own little context. */
async function renderSound(rate, frames, draw) {
  const AC = window.OfflineAudioContext || window.webkitOfflineAudioContext;
  const ctx = new AC(1, frames, rate);
  draw(ctx);
  return (await ctx.startRendering()).getChannelData(0);
}

/**
 * Renders `track` ({ sample_rate, total_frames, cues: [{ frame, until_frame, kind, word }] }) with the
 * words of `lang` (none when `words` is false) into a WAV blob. Each distinct sound is rendered once
 * and added into the track at its cue's frame: every cue starts exactly on its frame, and a
 * 6-minute track takes a fraction of the time a whole-session audio graph would.
 */
export async function renderTrack(track, lang, { words = true } = {}) {
  const rate = track.sample_rate;
  const clips = words ? await loadWords(track, lang) : new Map();
  const last = track.cues[track.cues.length - 1];
  const lastWord = last && clips.get(last.word);
  // After the session's end the end tone and its word ring on.
  const tail = Math.ceil((Math.max(1, lastWord ? lastWord.duration : 0) + 0.25) * rate);
  const out = new Float32Array(track.total_frames + tail);
  const limitOf = (cue) => (cue.kind === "end" ? out.length : cue.until_frame);

  // Tones: one rendering per kind and room before the next cue (no tone lasts over a second).
  const tones = new Map();
  const toneKeys = track.cues.map((cue) => {
    const frames = Math.min(limitOf(cue) - cue.frame, rate);
    const key = `${cue.kind}|${frames}`;
    if (!tones.has(key)) {
      const until = cue.kind === "end" ? Infinity : frames / rate;
      tones.set(key, renderSound(rate, frames, (ctx) => tone(ctx, ctx.destination, 0, cue.kind, until)));
    }
    return key;
  });
  const rendered = new Map(await Promise.all([...tones].map(async ([key, sound]) => [key, await sound])));

  const fade = Math.round(FADE_S * rate);
  track.cues.forEach((cue, index) => {
    const sound = rendered.get(toneKeys[index]);
    for (let i = 0; i < sound.length; i++) out[cue.frame + i] += sound[i];
    const clip = cue.word && clips.get(cue.word);
    if (!clip) return;
    // A word that would run into the next cue fades out just before it.
    const limit = limitOf(cue);
    const fadeStart = limit - 2 * fade;
    const fadeEnd = limit - fade / 2;
    const data = clip.getChannelData(0);
    const n = Math.min(data.length, limit - cue.frame);
    for (let i = 0; i < n; i++) {
      const at = cue.frame + i;
      const gain = at < fadeStart ? WORD_GAIN : at >= fadeEnd ? 0 : (WORD_GAIN * (fadeEnd - at)) / (fadeEnd - fadeStart);
      out[at] += data[i] * gain;
    }
  });
  return wavBlob(out, rate);
}
