// Listen mode's renderer: the session's cue timeline (core's track, handed over in the page's script
// data) rendered on the phone into one WAV file, for an <audio> element to play. Only an <audio>
// element keeps playing on every phone when the screen locks (iOS suspends the page and its Web Audio
// clock), and rendering here needs no network: the tones are made on the spot, the spoken words are
// small clips fetched (and cached by the service worker) only when she chooses to listen. A missing
// clip is simply not said: tones alone are enough.
import { tone } from "./tones.js";

const WORD_GAIN = 0.8;
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

/**
 * Renders `track` ({ sample_rate, total_frames, cues: [{ frame, until_frame, kind, word }] }) with the
 * words of `lang` (none when `words` is false) into a WAV blob. Every cue starts on its own frame.
 */
export async function renderTrack(track, lang, { words = true } = {}) {
  const rate = track.sample_rate;
  const clips = words ? await loadWords(track, lang) : new Map();
  const last = track.cues[track.cues.length - 1];
  const lastWord = last && clips.get(last.word);
  // After the session's end the end tone and its word ring on.
  const tail = Math.ceil((Math.max(1, lastWord ? lastWord.duration : 0) + 0.25) * rate);
  const AC = window.OfflineAudioContext || window.webkitOfflineAudioContext;
  const ctx = new AC(1, track.total_frames + tail, rate);
  for (const cue of track.cues) {
    const when = cue.frame / rate;
    const until = cue.kind === "end" ? Infinity : cue.until_frame / rate;
    tone(ctx, ctx.destination, when, cue.kind, until);
    const clip = cue.word && clips.get(cue.word);
    if (!clip) continue;
    const source = ctx.createBufferSource();
    const gain = ctx.createGain();
    source.buffer = clip;
    gain.gain.setValueAtTime(WORD_GAIN, when);
    if (until !== Infinity && when + clip.duration > until - FADE_S) {
      // A word that would run into the next cue fades out just before it.
      gain.gain.setValueAtTime(WORD_GAIN, Math.max(when, until - 2 * FADE_S));
      gain.gain.linearRampToValueAtTime(0, until - FADE_S / 2);
    }
    source.connect(gain).connect(ctx.destination);
    source.start(when);
    if (until !== Infinity) source.stop(until);
  }
  const rendered = await ctx.startRendering();
  return wavBlob(rendered.getChannelData(0), rate);
}
