// The leak log: "I leaked" on Today in one tap, the optional details on the confirmation, and the
// week's count on her progress; axe passes on each state.
import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "../lib/fixtures.js";
import { nl } from "../lib/ftl.js";
import { onboard } from "../lib/app.js";

async function expectAxeClean(page, name) {
  await page.waitForLoadState("load");
  const result = await new AxeBuilder({ page }).analyze();
  const blocking = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(blocking.map((v) => `${name}: ${v.id} ${v.help}`)).toEqual([]);
}

test("one tap notes a leak, the details complete it, and progress counts the week", async ({ page }) => {
  await onboard(page, { daysAgo: 10 });
  const card = page.locator("#leak");
  await expect(card.getByRole("heading", { level: 2 })).toHaveText(nl("leak-title"));
  await expectAxeClean(page, "today");

  await card.getByRole("button", { name: nl("leak-button"), exact: true }).click();
  await expect(page).toHaveURL(/\/today\?leak=[0-9a-f-]+#leak$/);
  await expect(card.getByRole("status")).toHaveText(nl("leak-noted"));
  await expectAxeClean(page, "today, leak noted");

  await card.getByRole("group", { name: nl("leak-activity-legend") })
    .getByLabel(nl("leak-activity-sneeze"), { exact: true }).check();
  await card.getByRole("group", { name: nl("leak-amount-legend") })
    .getByLabel(nl("leak-amount-drops"), { exact: true }).check();
  await card.getByRole("button", { name: nl("leak-details-save"), exact: true }).click();
  await expect(page).toHaveURL(/\/today\?leak_saved=1#leak$/);
  await expect(card.getByRole("status")).toHaveText(nl("leak-details-saved"));

  await page.goto("/progress");
  const leaks = page.locator("#leaks");
  await expect(leaks.getByRole("heading", { level: 2 })).toHaveText(nl("leaks-per-week-title"));
  await expect(leaks.locator("tbody tr").first().locator("td")).toHaveText("1");
  await expectAxeClean(page, "progress");
});
