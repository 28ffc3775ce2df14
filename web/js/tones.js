// The sound of each cue kind (core's track::CueKind), shared by the guided player (a live
// AudioContext, scheduled ahead) and listen mode (an OfflineAudioContext rendering the whole track),
// so both sound the same. Each kind has its own shape, so tones alone are enough to follow a session:
// a squeeze rises, a relaxation falls, a count ticks, a new part sounds one steady low note, the end
// rises slowly.

// [start Hz, end Hz, seconds, peak gain, waveform]
const TONES = {
  part: [523, 523, 0.3, 0.2, "triangle"],
  contract: [587, 880, 0.35, 0.32, "sine"],
  relax: [440, 330, 0.5, 0.28, "sine"],
  count: [784, 784, 0.07, 0.09, "triangle"],
  end: [523, 784, 0.9, 0.25, "sine"],
};

// Silence kept before the next cue: every cue starts from silence, clear to hear and to measure.
const GAP_S = 0.004;

/**
 * Schedules the tone of a `kind` cue at `when` (seconds on ctx's clock) into `destination`, faded
 * out before `until` (the next cue). Returns the oscillator (to cancel it).
 */
export function tone(ctx, destination, when, kind, until = Infinity) {
  const [f0, f1, length, peak, type] = TONES[kind] || TONES.count;
  const end = Math.max(when + 0.01, Math.min(when + length, until - GAP_S));
  const attack = Math.min(0.012, (end - when) / 3);
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = type;
  osc.frequency.setValueAtTime(f0, when);
  if (f1 !== f0) osc.frequency.exponentialRampToValueAtTime(f1, when + Math.min(0.25, end - when));
  gain.gain.setValueAtTime(0.0001, when);
  gain.gain.linearRampToValueAtTime(peak, when + attack);
  gain.gain.exponentialRampToValueAtTime(0.0001, end);
  osc.connect(gain).connect(destination);
  osc.start(when);
  osc.stop(end + 0.002);
  osc.onended = () => { osc.disconnect(); gain.disconnect(); };
  return osc;
}
