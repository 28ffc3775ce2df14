// The app can be installed on a phone's home screen: Chromium itself reports no installability
// error (manifest, icons, service worker). Chromium answers this only for a persistent profile.
import { chromium } from "@playwright/test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { test, expect } from "../lib/fixtures.js";
import { completeSession, onboard, serviceWorkerReady } from "../lib/app.js";
import { nl } from "../lib/ftl.js";

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

test.describe("on an iPhone", () => {
  test.use({ userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1" });

  test("after her first session, Today offers the home screen with the iPhone's steps, once", async ({ page }) => {
    await onboard(page, { daysAgo: 10 });
    const card = page.locator("#home-screen");
    await expect(card).toHaveCount(0);
    await completeSession(page);
    await page.goto("/today");
    await expect(card.getByRole("heading", { level: 2 })).toHaveText(nl("home-screen-title"));
    await expect(card.getByText(nl("home-screen-ios"))).toBeVisible();
    await expect(card.getByText(nl("home-screen-android"))).toBeHidden();
    await card.getByRole("button", { name: nl("home-screen-dismiss"), exact: true }).click();
    await expect(card).toBeHidden();
    await page.reload();
    await expect(card).toBeHidden();
  });
});

test("on a computer, Today offers no home screen steps", async ({ page }) => {
  await onboard(page, { daysAgo: 10 });
  await completeSession(page);
  await page.goto("/today");
  await expect(page.locator("#home-screen")).toBeHidden();
});
