// Shared by the benchmarks: arguments, statistics, Chromium's launch flags, output.
import { execFileSync } from "node:child_process";

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

// The flags every benchmark launches Chromium with (TOOLING.md, "Browser tests"); a fresh
// --user-data-dir is added per launch.
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--autoplay-policy=no-user-gesture-required",
];

/** `--name value` and `--flag` pairs into an object. */
export function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) throw new Error(`unexpected argument ${arg}`);
    const key = arg.slice(2);
    if (key.includes("=")) {
      const [k, v] = key.split(/=(.*)/s);
      out[k] = v;
    } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
      out[key] = argv[++i];
    } else {
      out[key] = true;
    }
  }
  return out;
}

export function chromiumVersion() {
  try {
    return execFileSync(CHROMIUM, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unknown";
  }
}

/** Nearest-rank percentile (p in 0..100) of a list of numbers. */
export function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

export function median(values) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Least-squares slope of y over x. */
export function slope(xs, ys) {
  const n = xs.length;
  if (n < 2) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den ? num / den : 0;
}

/** Theil-Sen estimator: the median of the slopes between every pair of points. */
export function theilSen(xs, ys) {
  const slopes = [];
  for (let i = 0; i < xs.length; i++) {
    for (let j = i + 1; j < xs.length; j++) {
      if (xs[j] !== xs[i]) slopes.push((ys[j] - ys[i]) / (xs[j] - xs[i]));
    }
  }
  return slopes.length ? median(slopes) : 0;
}

export const round = (x, digits = 2) => (x == null || !Number.isFinite(x) ? x : Number(x.toFixed(digits)));

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Progress for a person watching: stderr, so stdout stays the report. */
export const progress = (...parts) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${parts.join(" ")}\n`);

/** Twenty days before today, in the browser's local calendar, as YYYY-MM-DD. */
export function daysAgo(days) {
  const d = new Date(Date.now() - days * 86_400_000);
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
