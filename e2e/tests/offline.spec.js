// e. A session done offline: kept in the outbox, sent when the phone is back online, counted once.
import { test, expect } from "../lib/fixtures.js";
import { nl } from "../lib/ftl.js";
import {
  contractionsToday, onboard, outboxFlushes, rateAndSave, watchOutbox, serviceWorkerReady, sessionsLine, startSession, waitForFinished,
} from "../lib/app.js";

test("an outcome recorded offline is sent on 'online' and counted exactly once", async ({ page, context }) => {
  await onboard(page, { daysAgo: 10 });
  await serviceWorkerReady(page);
  // Visit Today and the session page under the service worker, so they are kept for offline use.
  await page.reload();
  await page.goto("/session");
  await serviceWorkerReady(page);
  await expect(page.locator("#position-picker")).toBeVisible();

  await context.setOffline(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  await startSession(page, { position: "standing" });
  await waitForFinished(page);
  await rateAndSave(page, "fine");
  // The player says it is kept on the phone.
  await expect(page.locator("#player-root").getByText(nl("player-saved-offline"))).toBeVisible();

  // Back to Today, still offline: the service worker shows the kept page, with the pending notice.
  await page.getByRole("link", { name: nl("player-back"), exact: true }).click();
  await expect(page).toHaveURL(/\/today$/);
  const pending = page.locator("[data-outbox-pending]");
  await expect(pending).toBeVisible();
  await expect(pending).toContainText(nl("outbox-pending"));
  await expect(pending.locator("[data-outbox-count]")).toHaveText("1");

  // Online again: the page flushes the outbox by itself.
  await watchOutbox(page);
  await context.setOffline(false);
  await expect.poll(() => outboxFlushes(page)).toContainEqual({ sent: 1, pending: 0 });
  await expect(pending).toBeHidden();

  await page.reload();
  await expect(contractionsToday(page)).toHaveText("6");
  await expect(page.getByText(sessionsLine(1), { exact: true })).toBeVisible();
  await page.reload();
  await expect(contractionsToday(page)).toHaveText("6");

  // A manual flush with nothing left, and a replay of the same outcome id, change nothing.
  const outbox = await page.locator("script[src$='/js/app.js']").getAttribute("src");
  const again = await page.evaluate(async (src) => {
    const m = await import(src.replace(/app\.js$/, "outbox.js"));
    return m.flush();
  }, outbox);
  expect(again).toEqual({ sent: 0, pending: 0 });
  await page.reload();
  await expect(contractionsToday(page)).toHaveText("6");
  await expect(page.getByText(sessionsLine(1), { exact: true })).toBeVisible();
  await expect(page.locator("[data-outbox-pending]")).toBeHidden();
});
