// A small Chrome DevTools Protocol client over --remote-debugging-pipe (no WebSocket, no extra
// package). Flat sessions: one connection, every message may carry a sessionId. Used where
// Playwright's CDP sessions cannot reach: the service worker's own network requests.
import { spawn } from "node:child_process";

export class Browser {
  static async launch({ executablePath, flags, userDataDir }) {
    const proc = spawn(executablePath, [...flags, `--user-data-dir=${userDataDir}`, "--remote-debugging-pipe", "about:blank"], {
      stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"],
    });
    const browser = new Browser(proc);
    // The browser is ready when it answers.
    const version = await browser.send("Browser.getVersion");
    browser.version = version.product;
    return browser;
  }

  constructor(proc) {
    this.proc = proc;
    this.nextId = 0;
    this.pending = new Map();
    this.listeners = new Set();
    this.stderr = [];
    this.closed = false;
    proc.stderr.setEncoding("utf8");
    proc.stderr.on("data", (chunk) => {
      this.stderr.push(chunk);
      if (this.stderr.length > 200) this.stderr.shift();
    });
    let buffer = Buffer.alloc(0);
    proc.stdio[4].on("data", (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      let end;
      while ((end = buffer.indexOf(0)) !== -1) {
        const message = JSON.parse(buffer.subarray(0, end).toString("utf8"));
        buffer = buffer.subarray(end + 1);
        this.dispatch(message);
      }
    });
    proc.on("exit", () => {
      this.closed = true;
      for (const { reject, method } of this.pending.values()) reject(new Error(`browser exited during ${method}`));
      this.pending.clear();
    });
  }

  dispatch(message) {
    if (message.id !== undefined) {
      const call = this.pending.get(message.id);
      if (!call) return;
      this.pending.delete(message.id);
      if (message.error) call.reject(new Error(`${call.method}: ${message.error.message}`));
      else call.resolve(message.result);
      return;
    }
    for (const listener of this.listeners) {
      try {
        listener(message.method, message.params, message.sessionId);
      } catch (error) {
        process.stderr.write(`cdp listener failed on ${message.method}: ${error.stack}\n`);
      }
    }
  }

  send(method, params = {}, sessionId = undefined) {
    if (this.closed) return Promise.reject(new Error(`browser closed before ${method}`));
    const id = ++this.nextId;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.proc.stdio[3].write(JSON.stringify(message) + "\0");
    });
  }

  /** Calls listener(method, params, sessionId) for every event; returns a function that stops it. */
  on(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The next event matching predicate(method, params, sessionId), within timeoutMs. */
  waitFor(predicate, timeoutMs = 30_000, what = "event") {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const off = this.on((method, params, sessionId) => {
        if (predicate(method, params, sessionId)) {
          clearTimeout(timer);
          off();
          resolve({ method, params, sessionId });
        }
      });
    });
  }

  async close() {
    if (this.closed) return;
    const exited = new Promise((resolve) => this.proc.once("exit", resolve));
    this.send("Browser.close").catch(() => {});
    const timer = setTimeout(() => this.proc.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  }
}
