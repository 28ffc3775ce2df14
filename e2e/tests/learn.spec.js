// Learn pages: from Today to an exercise page to a guided session; every page passes axe; a page
// seen once reads offline; printing leaves a clean handout.
import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "../lib/fixtures.js";
import { nl } from "../lib/ftl.js";
import { onboard, serviceWorkerReady, startSession, waitForFinished } from "../lib/app.js";

const SLUGS = ["pelvic-floor", "what-it-does", "pregnancy-and-birth", "toilet", "exercises", "first-weeks", "physiotherapy", "warning-signs"];

test("Today -> the exercises page -> a guided session", async ({ page }) => {
  await onboard(page, { daysAgo: 10 });
  await page.goto("/today");
  await page.locator("nav.tabbar").getByRole("link", { name: nl("nav-learn"), exact: true }).click();
  await expect(page).toHaveURL(/\/learn$/);
  await page.locator("a[href='/learn/exercises']").click();
  await expect(page.locator("article.learn h1")).toBeVisible();
  await expect(page.locator("article.learn img").first()).toBeVisible();
  await page.getByRole("link", { name: nl("learn-start-session"), exact: true }).click();
  await expect(page).toHaveURL(/\/session$/);
  await startSession(page);
  await waitForFinished(page);
});

test("every learning page passes axe, has described drawings, and the warning signs are one tap away", async ({ page }) => {
  test.setTimeout(180_000);
  const blocking = [];
  await page.goto("/learn");
  for (const slug of ["", ...SLUGS]) {
    await page.goto(slug ? `/learn/${slug}` : "/learn");
    await expect(page.locator("footer.sitefoot a[href='/learn/warning-signs']")).toBeVisible();
    const images = page.locator("article img");
    for (let i = 0; i < await images.count(); i++) {
      const image = images.nth(i);
      expect((await image.getAttribute("alt"))?.trim(), `${slug} image ${i}`).toBeTruthy();
      expect(await image.evaluate((img) => img.complete && img.naturalWidth > 0), `${slug} image ${i} loads`).toBe(true);
    }
    const result = await new AxeBuilder({ page }).analyze();
    for (const v of result.violations) {
      console.log(`[axe] learn/${slug}: ${v.impact} ${v.id} — ${v.help}`);
      if (v.impact === "serious" || v.impact === "critical") blocking.push(`${slug}: ${v.id}`);
    }
  }
  expect(blocking).toEqual([]);
});

test("a learning page seen once reads offline, and prints without the app's chrome", async ({ page, context }) => {
  await page.goto("/learn/toilet");
  await serviceWorkerReady(page);
  await page.reload();
  const title = await page.locator("article.learn h1").textContent();
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator("article.learn h1")).toHaveText(title ?? "");
  await context.setOffline(false);
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("footer.sitefoot")).toBeHidden();
  await expect(page.locator("nav.langs")).toBeHidden();
  await expect(page.locator("article.learn")).toBeVisible();
});
