// A tab that can really be hidden. Playwright keeps every page it drives "visible" (it emulates
// focus on each of its pages), so a test of what happens with the screen off drives this tab over
// raw CDP instead: a browser context Playwright does not manage, the mother's cookies copied in, and
// another tab opened in front of it in the same window, which makes Chromium hide it for real
// (document.visibilityState "hidden", no animation frames, throttled timers).

export class HiddenTab {
  /** Opens `url` in a fresh browser context of `browser` with `cookies` (Playwright's format). */
  static async open(browser, url, cookies) {
    const cdp = await browser.newBrowserCDPSession();
    const { browserContextId } = await cdp.send("Target.createBrowserContext", { disposeOnDetach: true });
    await cdp.send("Storage.setCookies", {
      browserContextId,
      cookies: cookies.map(({ name, value, domain, path, httpOnly, secure, sameSite }) => ({ name, value, domain, path, httpOnly, secure, sameSite })),
    });
    const { targetId } = await cdp.send("Target.createTarget", { url: "about:blank", browserContextId });
    const { sessionId } = await cdp.send("Target.attachToTarget", { targetId, flatten: false });
    const tab = new HiddenTab(cdp, browserContextId, targetId, sessionId);
    await tab.send("Page.enable");
    await tab.send("Runtime.enable");
    await tab.navigate(url);
    return tab;
  }

  constructor(cdp, browserContextId, targetId, sessionId) {
    Object.assign(this, { cdp, browserContextId, targetId, sessionId, nextId: 0, pending: new Map(), events: [], front: null });
    cdp.on("Target.receivedMessageFromTarget", ({ sessionId: from, message }) => {
      if (from !== this.sessionId) return;
      const data = JSON.parse(message);
      const call = data.id !== undefined && this.pending.get(data.id);
      if (call) {
        this.pending.delete(data.id);
        if (data.error) call.reject(new Error(`${call.method}: ${data.error.message}`));
        else call.resolve(data.result);
      } else if (data.method) {
        this.events.push(data);
      }
    });
  }

  send(method, params = {}) {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.cdp.send("Target.sendMessageToTarget", {
        sessionId: this.sessionId, message: JSON.stringify({ id, method, params }),
      }).catch(reject);
    });
  }

  async navigate(url) {
    const before = this.events.length;
    await this.send("Page.navigate", { url });
    await this.until(() => this.events.slice(before).some((e) => e.method === "Page.loadEventFired"), `load of ${url}`);
  }

  /** Evaluates `expression` in the page; `userGesture` counts it as her tap. */
  async evaluate(expression, { userGesture = false } = {}) {
    const { result, exceptionDetails } = await this.send("Runtime.evaluate", {
      expression, awaitPromise: true, returnByValue: true, userGesture,
    });
    if (exceptionDetails) throw new Error(`${expression.slice(0, 80)}: ${exceptionDetails.exception?.description || exceptionDetails.text}`);
    return result.value;
  }

  /** Polls `check` (sync or async) every 50 ms until it is truthy. */
  async until(check, what, timeout = 20_000) {
    const end = Date.now() + timeout;
    for (;;) {
      const value = await check();
      if (value) return value;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Opens another tab in front, in the same window: this one is hidden. */
  async hide() {
    const { targetId } = await this.cdp.send("Target.createTarget", {
      url: "about:blank", browserContextId: this.browserContextId, newWindow: false, background: false,
    });
    this.front = targetId;
    await this.until(async () => (await this.evaluate("document.visibilityState")) === "hidden", "the tab to be hidden", 5_000);
  }

  /** Closes the tab in front: this one is shown again. */
  async show() {
    if (this.front) await this.cdp.send("Target.closeTarget", { targetId: this.front });
    this.front = null;
    await this.cdp.send("Target.activateTarget", { targetId: this.targetId });
    await this.until(async () => (await this.evaluate("document.visibilityState")) === "visible", "the tab to be shown", 5_000);
  }

  async close() {
    await this.cdp.send("Target.disposeBrowserContext", { browserContextId: this.browserContextId }).catch(() => {});
    await this.cdp.detach().catch(() => {});
  }
}
