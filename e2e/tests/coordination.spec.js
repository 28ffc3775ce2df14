// f. "I did it" for coordination: with JavaScript through the outbox, without it as a plain form.
import { test, expect } from "../lib/fixtures.js";
import { nl } from "../lib/ftl.js";
import {
  brusselsDate, contractionsToday, coordinationToday, onboard, outboxFlushes, submitBirthDate, watchOutbox,
} from "../lib/app.js";

test("the enhanced tap counts at once and survives a reload", async ({ page }) => {
  await onboard(page, { daysAgo: 10 });
  const button = page.locator("#coordination").getByRole("button", { name: nl("today-coordination-done") });
  await expect(coordinationToday(page)).toHaveText("0");

  await watchOutbox(page);
  await button.click();
  // No page load: the count goes up in place, with a thank-you.
  await expect(page).toHaveURL(/\/today$/);
  await expect(coordinationToday(page)).toHaveText("1");
  await expect(contractionsToday(page)).toHaveText("1");
  await expect(page.getByRole("status").filter({ hasText: nl("today-coordination-thanks") })).toBeVisible();
  await expect.poll(() => outboxFlushes(page)).toContainEqual({ sent: 1, pending: 0 });

  await page.reload();
  await expect(coordinationToday(page)).toHaveText("1");
  await expect(contractionsToday(page)).toHaveText("1");

  // Two more taps, then reload: three in all.
  await button.click();
  await expect(coordinationToday(page)).toHaveText("2");
  await button.click();
  await expect(coordinationToday(page)).toHaveText("3");
  await expect(async () => {
    await page.reload();
    await expect(coordinationToday(page)).toHaveText("3", { timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await page.reload();
  await expect(coordinationToday(page)).toHaveText("3");
});

test("without JavaScript the plain form counts each tap once", async ({ browser, baseURL }) => {
  const context = await browser.newContext({
    baseURL, locale: "nl-BE", timezoneId: "Europe/Brussels", javaScriptEnabled: false,
  });
  try {
    const page = await context.newPage();
    await page.goto("/");
    await submitBirthDate(page, brusselsDate(10));
    await expect(page.locator("#recovery-code")).toBeVisible();
    await page.getByRole("link", { name: nl("code-continue"), exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(nl("today-day", { day: 10 }));
    await expect(coordinationToday(page)).toHaveText("0");

    await page.locator("#coordination").getByRole("button", { name: nl("today-coordination-done") }).click();
    await expect(page).toHaveURL(/\/today#coordination$/);
    await expect(coordinationToday(page)).toHaveText("1");
    await expect(contractionsToday(page)).toHaveText("1");
    await page.reload();
    await expect(coordinationToday(page)).toHaveText("1");

    // The same form sent twice (a double tap, a resent form) counts once.
    const tapId = await page.locator("#coordination input[name=id]").inputValue();
    const csrf = await page.locator("#coordination input[name=csrf]").inputValue();
    for (let i = 0; i < 2; i++) {
      const response = await page.request.post("/coordination", { form: { id: tapId, csrf }, maxRedirects: 0 });
      expect(response.status()).toBe(303);
    }
    await page.reload();
    await expect(coordinationToday(page)).toHaveText("2");

    // The manual session log works without JavaScript too.
    await page.goto("/session");
    await expect(page.locator("#manual-log")).toBeVisible();
    await page.getByLabel(nl("session-log-reps-strength", { reps: 3 })).fill("2");
    await page.getByRole("button", { name: nl("session-log-save") }).click();
    await expect(page).toHaveURL(/\/today$/);
    await expect(contractionsToday(page)).toHaveText(String(2 + 2 + 3));
  } finally {
    await context.close();
  }
});
