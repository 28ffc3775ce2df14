// The leak log: "I leaked" on Today in one tap (through the outbox with JavaScript, so offline too;
// as plain forms without it), the optional details of that leak, and the week's count on her
// progress; axe passes on each state.
import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "../lib/fixtures.js";
import { nl } from "../lib/ftl.js";
import {
  brusselsDate, onboard, outboxFlushes, serviceWorkerReady, submitBirthDate, watchOutbox,
} from "../lib/app.js";

async function expectAxeClean(page, name) {
  await page.waitForLoadState("load");
  const result = await new AxeBuilder({ page }).analyze();
  const blocking = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(blocking.map((v) => `${name}: ${v.id} ${v.help}`)).toEqual([]);
}

/** Her leaks this week, as her progress shows them. */
async function leaksThisWeek(page) {
  await page.goto("/progress");
  const leaks = page.locator("#leaks");
  await expect(leaks.getByRole("heading", { level: 2 })).toHaveText(nl("leaks-per-week-title"));
  return leaks.locator("tbody tr").first().locator("td");
}

async function addDetails(card) {
  await card.getByRole("group", { name: nl("leak-activity-legend") })
    .getByLabel(nl("leak-activity-sneeze"), { exact: true }).check();
  await card.getByRole("group", { name: nl("leak-amount-legend") })
    .getByLabel(nl("leak-amount-drops"), { exact: true }).check();
  await card.getByRole("button", { name: nl("leak-details-save"), exact: true }).click();
}

test("one tap notes a leak without leaving Today, the details complete it, and progress counts it once", async ({ page }) => {
  await onboard(page, { daysAgo: 10 });
  const card = page.locator("#leak");
  await expect(card.getByRole("heading", { level: 2 })).toHaveText(nl("leak-title"));
  await expectAxeClean(page, "today");

  await watchOutbox(page);
  await card.getByRole("button", { name: nl("leak-button"), exact: true }).click();
  await expect(page).toHaveURL(/\/today$/);
  await expect(card.getByRole("status")).toHaveText(nl("leak-noted"));
  await expect(card.getByRole("button", { name: nl("leak-button"), exact: true })).toBeHidden();
  await expectAxeClean(page, "today, leak noted");

  await addDetails(card);
  await expect(card.getByRole("status")).toHaveText(nl("leak-details-saved"));
  await expect(card.getByRole("button", { name: nl("leak-button"), exact: true })).toBeVisible();
  // Nothing left on her phone: the leak and its details reached the server.
  await expect(page.locator("[data-outbox-pending]")).toBeHidden();
  await expect.poll(async () => (await outboxFlushes(page)).at(-1)).toMatchObject({ pending: 0 });

  await expect(await leaksThisWeek(page)).toHaveText("1");
  await expectAxeClean(page, "progress");
});

test("a leak noted offline is kept on her phone with its details and counted once when she is back online", async ({ page, context }) => {
  await onboard(page, { daysAgo: 10 });
  await serviceWorkerReady(page);
  await page.reload();
  const card = page.locator("#leak");

  await context.setOffline(true);
  await card.getByRole("button", { name: nl("leak-button"), exact: true }).click();
  await expect(card.getByRole("status")).toHaveText(nl("leak-noted"));
  await addDetails(card);
  await expect(card.getByRole("status")).toHaveText(nl("leak-details-saved"));
  const pending = page.locator("[data-outbox-pending]");
  await expect(pending.locator("[data-outbox-count]")).toHaveText("1");

  await watchOutbox(page);
  await context.setOffline(false);
  await expect.poll(() => outboxFlushes(page)).toContainEqual({ sent: 1, pending: 0 });
  await expect(await leaksThisWeek(page)).toHaveText("1");
});

test("without JavaScript the plain forms note a leak and its details", async ({ browser, baseURL }) => {
  const context = await browser.newContext({
    baseURL, locale: "nl-BE", timezoneId: "Europe/Brussels", javaScriptEnabled: false,
  });
  try {
    const page = await context.newPage();
    await page.goto("/");
    await submitBirthDate(page, brusselsDate(10));
    await page.getByRole("link", { name: nl("code-continue"), exact: true }).click();
    const card = page.locator("#leak");
    await card.getByRole("button", { name: nl("leak-button"), exact: true }).click();
    await expect(page).toHaveURL(/\/today\?leak=[0-9a-f-]+#leak$/);
    await expect(card.getByRole("status")).toHaveText(nl("leak-noted"));
    await addDetails(card);
    await expect(page).toHaveURL(/\/today\?leak_saved=1#leak$/);
    await expect(card.getByRole("status")).toHaveText(nl("leak-details-saved"));
    await expect(await leaksThisWeek(page)).toHaveText("1");
  } finally {
    await context.close();
  }
});
