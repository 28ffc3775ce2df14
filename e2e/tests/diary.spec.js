// The bladder diary at 390 px with one thumb: started from her progress, a void in three taps
// (counted), a drink, a refused volume kept as typed, the day's lines, her figures with what each
// volume rests on, and the printout; axe passes on each state.
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

test("a void logs in three taps, a drink likewise, and her figures say what they rest on", async ({ page }) => {
  await onboard(page, { daysAgo: 10 });
  // Today offers no diary of its own accord; she starts one from her progress.
  await expect(page.locator("#diary-card")).toHaveCount(0);
  await page.goto("/progress");
  const card = page.locator("#diary-link");
  await expect(card.getByRole("heading", { level: 2 })).toHaveText(nl("diary-title"));
  await card.getByRole("link", { name: nl("diary-today-open"), exact: true }).click();
  await expect(page).toHaveURL(/\/diary$/);
  await expectAxeClean(page, "diary, not started");
  await page.getByRole("button", { name: nl("diary-start"), exact: true }).click();
  const log = page.locator("#log");
  await expect(log.getByRole("heading", { level: 2 })).toHaveText(nl("diary-day-of", { day: 1, days: 3 }));
  await expectAxeClean(page, "diary, running");

  // A void: count every tap from the diary page to the saved line.
  let taps = 0;
  const tap = async (locator) => {
    await locator.click();
    taps += 1;
  };
  await tap(log.getByRole("link", { name: nl("diary-add-void"), exact: true }));
  const step = page.locator("#step");
  await expect(step.getByRole("heading", { level: 2 })).toHaveText(nl("diary-how-much-void"));
  await expectAxeClean(page, "diary, how much");
  await tap(step.getByRole("link", { name: nl("diary-ml", { ml: 300 }), exact: true }));
  await expect(step.getByLabel(nl("diary-volume-void"))).toHaveValue("300");
  await expectAxeClean(page, "diary, urgency");
  await tap(step.getByRole("button", { name: nl("diary-urgency-2"), exact: true }));
  await expect(page.getByRole("status")).toHaveText(nl("diary-saved"));
  expect(taps).toBe(3);
  const today = page.locator("#today");
  await expect(today.locator("li").first()).toContainText(`${nl("diary-ml", { ml: 300 })} · ${nl("diary-urgency-short", { urgency: 2 })}`);

  // Her last volume is offered again.
  await log.getByRole("link", { name: nl("diary-add-void"), exact: true }).click();
  await expect(step.getByText(nl("diary-again"))).toBeVisible();
  // A volume typed wrong: refused, kept as typed, nothing saved.
  await step.getByRole("link", { name: nl("diary-ml", { ml: 300 }), exact: true }).click();
  await step.getByLabel(nl("diary-volume-void")).fill("5000");
  await step.getByRole("button", { name: nl("diary-urgency-1"), exact: true }).click();
  await expect(step.getByRole("alert")).toHaveText(nl("diary-error-volume", { max: "2000" }));
  await expect(step.getByLabel(nl("diary-volume-void"))).toHaveValue("5000");
  await expectAxeClean(page, "diary, refused");
  await step.getByRole("link", { name: nl("diary-cancel"), exact: true }).click();
  await expect(today.locator("li")).toHaveCount(1);

  // A drink in three taps too.
  await log.getByRole("link", { name: nl("diary-add-drink"), exact: true }).click();
  await step.getByRole("link", { name: nl("diary-ml", { ml: 250 }), exact: true }).click();
  await step.getByRole("button", { name: nl("diary-drink-water"), exact: true }).click();
  await expect(today.locator("li")).toHaveCount(2);

  await today.getByRole("link", { name: nl("diary-see-figures"), exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nl("diary-figures-title"));
  const figures = page.locator("#figures");
  await expect(figures).toContainText(nl("diary-basis", { measured: 1, voids: 1 }));
  await expect(figures).toContainText(nl("diary-fig-largest"));
  await expectAxeClean(page, "diary figures");
  await page.getByRole("link", { name: nl("diary-print-open"), exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nl("diary-print-title"));
  await expect(page.locator("#print-days")).toContainText(nl("diary-drink-water"));
  await expectAxeClean(page, "diary printout");
});
