// The app can be installed on a phone's home screen: Chromium itself reports no installability
// error (manifest, icons, service worker). Chromium answers this only for a persistent profile.
import { chromium } from "@playwright/test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { test, expect } from "../lib/fixtures.js";
import { serviceWorkerReady } from "../lib/app.js";

test("Chromium finds nothing that keeps the app from being installed", async ({ server }) => {
  const profile = await mkdtemp(path.join(tmpdir(), "hangmat-install-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/`);
    await serviceWorkerReady(page);
    await page.reload();
    const cdp = await context.newCDPSession(page);
    let errors = null;
    await expect
      .poll(async () => {
        errors = (await cdp.send("Page.getInstallabilityErrors")).installabilityErrors;
        return errors.length;
      }, { timeout: 15_000 })
      .toBe(0);
    expect(errors).toEqual([]);
    const manifest = await cdp.send("Page.getAppManifest");
    expect(manifest.errors).toEqual([]);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
});
