// page-weight: bytes over the wire for Today, measured over CDP (Network domain of the page AND of
// the service worker, so the worker's precache and its network fetches are counted), and checked
// against a byte-counting TCP proxy in front of the server.
//   first:  Today right after onboarding, in a browser context with an empty HTTP cache and no
//           service worker (onboarding happens in another context; only its cookie is carried over).
//   repeat: Today again once the service worker is active.
import net from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Browser } from "./lib/cdp.mjs";
import { CHROMIUM, CHROMIUM_FLAGS, daysAgo, parseArgs, progress, round, sleep } from "./lib/common.mjs";

const args = parseArgs(process.argv.slice(2));
if (!args.base) throw new Error("--base URL is required (bench/run passes it)");
const upstream = new URL(args.base);
const GOALS = { first_visit_max_bytes: 50 * 1024, repeat_visit_asset_bytes: 0 };
const QUIET_MS = 1500;

// ---- A byte-counting proxy: what really crossed the loopback, per phase ----------------------
let phase = "setup";
const wire = {};
let lastWireActivity = Date.now();
const wirePhase = () => (wire[phase] ||= { up: 0, down: 0, responses: [] });
const proxy = net.createServer((client) => {
  const server = net.connect(Number(upstream.port), upstream.hostname);
  const queue = []; // request lines waiting for their response (HTTP/1.1, no pipelining)
  let current = null;
  client.on("data", (chunk) => {
    lastWireActivity = Date.now();
    wirePhase().up += chunk.length;
    const text = chunk.toString("latin1");
    for (const m of text.matchAll(/(?:^|\r\n\r\n)(GET|HEAD|POST|PUT|DELETE) (\S+) HTTP\/1\.[01]\r\n/g)) {
      queue.push({ method: m[1], path: m[2] });
    }
    server.write(chunk);
  });
  server.on("data", (chunk) => {
    lastWireActivity = Date.now();
    const w = wirePhase();
    w.down += chunk.length;
    const head = chunk.subarray(0, 16).toString("latin1");
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(head);
    if (status) {
      const req = queue.shift() || { method: "?", path: "?" };
      current = { ...req, status: Number(status[1]), bytes: 0 };
      w.responses.push(current);
    }
    if (current) current.bytes += chunk.length;
    client.write(chunk);
  });
  const end = () => { client.destroy(); server.destroy(); };
  client.on("error", end);
  server.on("error", end);
  client.on("close", end);
  server.on("close", end);
});
await new Promise((resolve) => proxy.listen(0, "127.0.0.1", resolve));
const BASE = `http://127.0.0.1:${proxy.address().port}`;

// ---- Chromium over CDP ------------------------------------------------------------------------
const userDataDir = mkdtempSync(join(tmpdir(), "hangmat-bench-chromium-"));
const browser = await Browser.launch({ executablePath: CHROMIUM, flags: CHROMIUM_FLAGS, userDataDir });
const sessions = new Map(); // sessionId -> targetInfo
const records = new Map(); // `${sessionId}|${requestId}` -> record
const finished = [];
let measuredContext = null;

const debugLog = process.env.BENCH_DEBUG ? (await import("node:fs")).createWriteStream(process.env.BENCH_DEBUG) : null;
browser.on((method, params, sessionId) => {
  if (debugLog) debugLog.write(`${Date.now()} ${phase} ${sessionId || "-"} ${method} ${JSON.stringify(params).slice(0, 300)}\n`);
  if (method === "Target.attachedToTarget") {
    attach(params).catch((error) => progress(`attach ${params.targetInfo.type} failed: ${error.message}`));
    return;
  }
  if (method === "Target.detachedFromTarget") return;
  if (!method.startsWith("Network.")) return;
  const target = sessions.get(sessionId);
  if (!target || target.duplicate) return;
  const key = `${sessionId}|${params.requestId}`;
  let r = records.get(key);
  // Chromium sometimes reports a response without its request (a worker's own script, resources
  // requested while the page's renderer was being swapped): start the record from the response.
  if (!r && method === "Network.responseReceived") {
    r = newRecord(target, params.response.url, "GET", params.type);
    records.set(key, r);
  }
  if (r) r.lastEvent = Date.now();
  switch (method) {
    case "Network.requestWillBeSent": {
      if (r && params.redirectResponse) {
        // The hop that redirected: its own bytes, then a new record for the next hop.
        r.status = params.redirectResponse.status;
        r.encoded = params.redirectResponse.encodedDataLength || 0;
        r.done = true;
        finished.push(r);
      }
      r = newRecord(target, params.request.url, params.request.method, params.type);
      records.set(key, r);
      break;
    }
    case "Network.requestWillBeSentExtraInfo": {
      if (!r) break;
      const h = Object.fromEntries(Object.entries(params.headers || {}).map(([k, v]) => [k.toLowerCase(), v]));
      r.acceptEncoding = h["accept-encoding"] || r.acceptEncoding;
      break;
    }
    case "Network.requestServedFromCache":
      if (r) r.fromCache = true;
      break;
    case "Network.responseReceived": {
      if (!r) break;
      const res = params.response;
      r.status = res.status;
      r.fromDiskCache = Boolean(res.fromDiskCache);
      r.fromServiceWorker = Boolean(res.fromServiceWorker);
      r.fromPrefetchCache = Boolean(res.fromPrefetchCache);
      const h = Object.fromEntries(Object.entries(res.headers || {}).map(([k, v]) => [k.toLowerCase(), v]));
      r.contentEncoding = h["content-encoding"] || "";
      r.encodedSoFar += res.encodedDataLength || 0;
      r.mimeType = res.mimeType;
      if (!r.type) r.type = params.type || "";
      break;
    }
    case "Network.dataReceived":
      if (r) r.encodedSoFar += params.encodedDataLength || 0;
      break;
    case "Network.responseReceivedExtraInfo":
      if (r) r.rawStatus = params.statusCode;
      break;
    case "Network.loadingFinished":
      if (!r) break;
      r.encoded = params.encodedDataLength;
      r.done = true;
      finished.push(r);
      records.delete(key);
      break;
    case "Network.loadingFailed":
      if (!r) break;
      r.failed = params.errorText || "failed";
      r.done = true;
      finished.push(r);
      records.delete(key);
      break;
  }
});

function newRecord(target, url, method, type) {
  return {
    phase, context: target.browserContextId, target: target.type, url, method, type: type || "",
    status: null, encoded: 0, encodedSoFar: 0, lastEvent: Date.now(),
    fromDiskCache: false, fromServiceWorker: false, fromPrefetchCache: false, fromCache: false,
    contentEncoding: "", acceptEncoding: "", rawStatus: null, done: false, failed: null,
  };
}

async function attach({ sessionId, targetInfo, waitingForDebugger }) {
  // One target may be attached through more than one parent: record its network once.
  const seen = [...sessions.values()].some((t) => t.targetId === targetInfo.targetId);
  sessions.set(sessionId, seen ? { ...targetInfo, duplicate: true } : targetInfo);
  const calls = [];
  if (!seen && ["page", "service_worker", "worker", "shared_worker"].includes(targetInfo.type)) {
    // Chromium's own compression negotiation is kept: no Accept-Encoding override.
    calls.push(browser.send("Network.enable", {}, sessionId));
    if (targetInfo.type === "page") {
      calls.push(browser.send("Page.enable", {}, sessionId));
      calls.push(browser.send("Runtime.enable", {}, sessionId));
    }
  }
  // A worker paused on start answers nothing until it runs: send, resume, then wait for all.
  if (waitingForDebugger) calls.push(browser.send("Runtime.runIfWaitingForDebugger", {}, sessionId));
  await Promise.all(calls);
}

async function openPage(browserContextId) {
  const attached = browser.waitFor((m, p) => m === "Target.attachedToTarget" && p.targetInfo.browserContextId === browserContextId &&
    p.targetInfo.type === "page", 10_000, "the new page");
  await browser.send("Target.createTarget", { url: "about:blank", browserContextId });
  const { params } = await attached;
  await sleep(200); // let attach() enable the domains
  return params.sessionId;
}

async function navigate(sessionId, url) {
  const loaded = browser.waitFor((m, _p, s) => m === "Page.loadEventFired" && s === sessionId, 30_000, `load of ${url}`);
  const result = await browser.send("Page.navigate", { url }, sessionId);
  if (result.errorText) throw new Error(`navigating to ${url}: ${result.errorText}`);
  await loaded;
}

async function evaluate(sessionId, expression) {
  const { result, exceptionDetails } = await browser.send("Runtime.evaluate", {
    expression, awaitPromise: true, returnByValue: true,
  }, sessionId);
  if (exceptionDetails) throw new Error(`${expression.slice(0, 60)}…: ${exceptionDetails.exception?.description || exceptionDetails.text}`);
  return result.value;
}

/** Waits until nothing is in flight (CDP and the proxy) for QUIET_MS. */
async function quiet(timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  let quietSince = Date.now();
  while (Date.now() < until) {
    const inflight = [...records.values()].some((r) => r.context === measuredContext && !r.done && Date.now() - r.lastEvent < 5000);
    if (inflight || Date.now() - lastWireActivity < 100) quietSince = Date.now();
    if (Date.now() - quietSince >= QUIET_MS) return;
    await sleep(50);
  }
  progress("warning: the network never went quiet");
}

const overNetwork = (r) => !r.fromDiskCache && !r.fromServiceWorker && !r.fromPrefetchCache && !r.fromCache;

function report(name, documentUrl) {
  const unfinished = [...records.values()].filter((r) => r.phase === name && r.context === measuredContext && !r.done)
    .map((r) => ({ ...r, encoded: r.encodedSoFar, failed: r.status == null ? "no response" : null, unfinished: true }));
  const rows = [...finished, ...unfinished].filter((r) => r.phase === name && r.context === measuredContext)
    .sort((a, b) => Number(overNetwork(b)) - Number(overNetwork(a)));
  const docPath = new URL(documentUrl).pathname;
  const kind = (r) => {
    const path = new URL(r.url).pathname;
    if (path === docPath) return "document";
    if (path === "/sw.js") return "service-worker";
    if (path === "/manifest.webmanifest") return "manifest";
    if (path.startsWith("/static/")) return "asset";
    return "other";
  };
  // The proxy's view of each response, matched by path in order.
  const wireLeft = [...(wire[name]?.responses || [])];
  const wireBytes = (r) => {
    const u = new URL(r.url);
    const i = wireLeft.findIndex((w) => w.path === u.pathname + u.search);
    return i < 0 ? null : wireLeft.splice(i, 1)[0].bytes;
  };
  const lines = [];
  const totals = { document: 0, "service-worker": 0, manifest: 0, asset: 0, other: 0 };
  let total = 0;
  let pageOnly = 0;
  const resources = [];
  for (const r of rows) {
    const network = overNetwork(r);
    const bytes = network ? r.encoded : 0;
    const k = kind(r);
    if (network) {
      totals[k] += bytes;
      total += bytes;
      if (r.target === "page") pageOnly += bytes;
    }
    const source = r.unfinished ? "network (no end)" : r.failed ? `failed: ${r.failed}` : r.fromServiceWorker ? "service worker" : r.fromDiskCache ? "disk cache"
      : r.fromCache ? "memory cache" : r.fromPrefetchCache ? "prefetch cache" : "network";
    const path = new URL(r.url).pathname + new URL(r.url).search;
    const onWire = network ? wireBytes(r) : null;
    const status = r.rawStatus && r.rawStatus !== r.status ? `${r.rawStatus} (${r.status})` : String(r.status ?? "-");
    lines.push(`  ${String(bytes).padStart(7)} ${String(onWire ?? "-").padStart(7)}  ${status.padEnd(9)} ${(r.contentEncoding || "-").padEnd(5)} ${r.target === "service_worker" ? "sw  " : "page"} ${source.padEnd(14)} ${path}`);
    resources.push({ url: path, by: r.target === "service_worker" ? "service_worker" : "page", status: r.rawStatus ?? r.status, encoding: r.contentEncoding || null, source, bytes, wire_bytes: onWire, kind: k });
  }
  const wirePhaseData = wire[name] || { up: 0, down: 0, responses: [] };
  const acceptEncoding = [...new Set(rows.map((r) => r.acceptEncoding).filter(Boolean))];
  return { lines, totals, total, pageOnly, resources, wire: wirePhaseData, acceptEncoding };
}

// ---- The visits -------------------------------------------------------------------------------
const started = Date.now();
let first;
let repeat;
let swState;
try {
  await browser.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });

  // Onboarding, in a context of its own.
  progress("onboarding through the welcome form");
  const { browserContextId: onboarding } = await browser.send("Target.createBrowserContext", { disposeOnDetach: true });
  measuredContext = onboarding;
  const setupPage = await openPage(onboarding);
  await navigate(setupPage, `${BASE}/`);
  const submitted = browser.waitFor((m, _p, s) => m === "Page.loadEventFired" && s === setupPage, 30_000, "Today after onboarding");
  await evaluate(setupPage, `(() => {
    document.getElementById("birth_date").value = ${JSON.stringify(daysAgo(20))};
    document.querySelector('form[action="/start"]').requestSubmit();
  })()`);
  await submitted;
  // /start shows her recovery code once; from there she goes on to Today.
  await navigate(setupPage, `${BASE}/today`);
  const landed = await evaluate(setupPage, "location.pathname");
  if (landed !== "/today") throw new Error(`onboarding failed: Today sent her to ${landed}`);
  await quiet(); // its service worker installs: let it finish before the context goes
  const { cookies } = await browser.send("Storage.getCookies", { browserContextId: onboarding });
  await browser.send("Target.disposeBrowserContext", { browserContextId: onboarding });

  // A fresh context: empty HTTP cache, no service worker, only her cookie.
  const { browserContextId: fresh } = await browser.send("Target.createBrowserContext", { disposeOnDetach: true });
  measuredContext = fresh;
  await browser.send("Storage.setCookies", {
    browserContextId: fresh,
    cookies: cookies.map(({ name, value, domain, path, expires, httpOnly, secure, sameSite, session }) => ({
      name, value, domain, path, httpOnly, secure, ...(sameSite ? { sameSite } : {}), ...(session ? {} : { expires }),
    })),
  });
  const pageId = await openPage(fresh);

  progress("first visit to Today");
  phase = "first";
  await navigate(pageId, `${BASE}/today`);
  swState = await evaluate(pageId, `(async () => {
    if (!("serviceWorker" in navigator)) return { supported: false };
    const reg = await Promise.race([navigator.serviceWorker.ready, new Promise((r) => setTimeout(() => r(null), 20000))]);
    const until = Date.now() + 20000;
    while (reg && !(reg.active && reg.active.state === "activated") && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    while (!navigator.serviceWorker.controller && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    const caches_ = await caches.keys();
    let cached = 0;
    for (const name of caches_) cached += (await (await caches.open(name)).keys()).length;
    return { supported: true, state: reg && reg.active && reg.active.state, controlled: Boolean(navigator.serviceWorker.controller), caches: caches_, cached_entries: cached };
  })()`);
  await quiet();
  if (!swState.controlled) progress(`warning: the service worker does not control the page: ${JSON.stringify(swState)}`);

  progress("repeat visit to Today");
  phase = "between";
  await navigate(pageId, "about:blank");
  await sleep(300);
  phase = "repeat";
  await navigate(pageId, `${BASE}/today`);
  await quiet();
  phase = "done";
  first = report("first", `${BASE}/today`);
  repeat = report("repeat", `${BASE}/today`);
} finally {
  await browser.close().catch(() => {});
  rmSync(userDataDir, { recursive: true, force: true });
  proxy.close();
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const header = `  ${"bytes".padStart(7)} ${"proxy".padStart(7)}  ${"status".padEnd(9)} ${"enc".padEnd(5)} by   ${"from".padEnd(14)} resource`;
console.log("bytes: CDP encodedDataLength (headers included); proxy: what the byte-counting proxy saw for that response");
console.log(`first visit to Today (empty HTTP cache, no service worker; the worker's precache included):`);
console.log(header);
for (const line of first.lines) console.log(line);
console.log(`  total over the network: ${first.total} bytes (${kb(first.total)}); by the page itself ${first.pageOnly}, by the service worker ${first.total - first.pageOnly}; document ${first.totals.document}, assets ${first.totals.asset}, sw.js ${first.totals["service-worker"]}, manifest ${first.totals.manifest}, other ${first.totals.other}`);
console.log(`  byte-counting proxy: ${first.wire.down} bytes down (${first.wire.down - first.total} more than CDP counted), ${first.wire.up} up, ${first.wire.responses.length} responses`);
console.log(`  service worker after the first visit: ${JSON.stringify(swState)}`);
console.log(`repeat visit to Today (service worker active):`);
console.log(header);
for (const line of repeat.lines) console.log(line);
const repeatAssets = repeat.total - repeat.totals.document;
console.log(`  total over the network: ${repeat.total} bytes; HTML document ${repeat.totals.document}, everything else ${repeatAssets} (assets ${repeat.totals.asset}, sw.js ${repeat.totals["service-worker"]}, manifest ${repeat.totals.manifest}, other ${repeat.totals.other})`);
console.log(`  byte-counting proxy: ${repeat.wire.down} bytes down (${repeat.wire.down - repeat.total} more than CDP counted), ${repeat.wire.up} up: ${repeat.wire.responses.map((r) => `${r.method} ${r.path} ${r.status} ${r.bytes}`).join("; ") || "no responses"}`);
console.log(`  Accept-Encoding sent: ${[...new Set([...first.acceptEncoding, ...repeat.acceptEncoding])].join(" | ") || "(not seen)"}`);
const pass = {
  first_visit: first.total <= GOALS.first_visit_max_bytes,
  repeat_visit_assets: repeatAssets <= GOALS.repeat_visit_asset_bytes,
};
console.log(`goals: first visit <= ${kb(GOALS.first_visit_max_bytes)}: ${pass.first_visit} (${kb(first.total)}); repeat visit 0 bytes of assets: ${pass.repeat_visit_assets} (${repeatAssets} bytes)`);
const pick = (p) => ({
  total_bytes: p.total,
  page_bytes: p.pageOnly,
  service_worker_bytes: p.total - p.pageOnly,
  document_bytes: p.totals.document,
  asset_bytes: p.totals.asset,
  sw_js_bytes: p.totals["service-worker"],
  manifest_bytes: p.totals.manifest,
  other_bytes: p.totals.other,
  proxy_down_bytes: p.wire.down,
  proxy_minus_cdp_bytes: p.wire.down - p.total,
  resources: p.resources.filter((r) => r.bytes > 0 || r.source === "network").map((r) => ({ url: r.url, by: r.by, status: r.status, encoding: r.encoding, bytes: r.bytes, proxy_bytes: r.wire_bytes })),
});
console.log(JSON.stringify({
  benchmark: "page-weight",
  chromium: browser.version,
  accept_encoding: [...new Set([...first.acceptEncoding, ...repeat.acceptEncoding])],
  goals: GOALS,
  pass,
  first_visit: pick(first),
  repeat_visit: { ...pick(repeat), non_document_bytes: repeatAssets, served_by_service_worker: repeat.resources.filter((r) => r.source === "service worker").length },
  service_worker: swState,
  duration_s: round((Date.now() - started) / 1000, 1),
}));
