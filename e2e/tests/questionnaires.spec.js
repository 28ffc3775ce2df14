// Questionnaires: the gentle invitation on Today, the Sandvik index answered with one thumb, a
// refused answer kept with its message, "not now", and her scores on her progress; axe passes on
// each state.
import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "../lib/fixtures.js";
import { nl } from "../lib/ftl.js";
import { onboard } from "../lib/app.js";
import { REPO_ROOT } from "../lib/server.js";
import path from "node:path";

// The brochure's programme: it offers the Sandvik index at the start, week 6, months 3 and 6.
test.use({ programme: path.join(REPO_ROOT, "programme", "brochure.toml") });

async function expectAxeClean(page, name) {
  await page.waitForLoadState("load");
  const result = await new AxeBuilder({ page }).analyze();
  const blocking = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(blocking.map((v) => `${name}: ${v.id} ${v.help}`)).toEqual([]);
}

const TITLE = "Hoe vaak en hoeveel verlies je urine?";

test("Today invites her, she answers, a wrong answer is kept with its message, progress shows it", async ({ page }) => {
  await onboard(page, { daysAgo: 10 });
  const card = page.locator("#questionnaire-sandvik");
  await expect(card.getByRole("heading", { level: 2 })).toHaveText(TITLE);
  await expectAxeClean(page, "today with the invitation");

  await card.getByRole("link", { name: nl("questionnaire-invite-answer"), exact: true }).click();
  await expect(page).toHaveURL(/\/questionnaires\/sandvik$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expectAxeClean(page, "questionnaire");

  const often = page.getByRole("group", { name: "Hoe vaak verlies je urine?" });
  const much = page.getByRole("group", { name: "Hoeveel urine verlies je meestal?" });
  // Dry, yet an amount chosen: refused, her first answer kept, the amount cleared for her.
  await often.getByLabel("Ik verlies geen urine", { exact: true }).check();
  await much.getByLabel("Een paar druppels", { exact: true }).check();
  await page.getByRole("button", { name: nl("questionnaire-send"), exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText(nl("questionnaire-refused"));
  await expect(much).toContainText(nl("questionnaire-error-not-enabled"));
  await expect(often.getByLabel("Ik verlies geen urine", { exact: true })).toBeChecked();
  await expect(much.getByLabel("Een paar druppels", { exact: true })).not.toBeChecked();
  await expectAxeClean(page, "questionnaire refused");

  await often.getByLabel("Een paar keer per week", { exact: true }).check();
  await much.getByLabel("Een paar druppels", { exact: true }).check();
  await page.getByRole("button", { name: nl("questionnaire-send"), exact: true }).click();
  await expect(page).toHaveURL(/\/progress#scores-sandvik$/);
  const scores = page.locator("#scores-sandvik");
  await expect(scores.getByRole("heading", { level: 2 })).toHaveText(TITLE);
  await expect(scores.locator("tbody tr").first().locator("td")).toHaveText([
    "Een paar keer per week · Een paar druppels",
    "3",
  ]);
  await expectAxeClean(page, "progress with scores");

  await page.goto("/today");
  await expect(page.locator("#questionnaire-sandvik")).toHaveCount(0);
});

test("not now puts the invitation away for this occasion", async ({ page }) => {
  await onboard(page, { daysAgo: 3 });
  const card = page.locator("#questionnaire-sandvik");
  await card.getByRole("button", { name: nl("questionnaire-invite-not-now"), exact: true }).click();
  await expect(page).toHaveURL(/\/today$/);
  await expect(page.locator("#questionnaire-sandvik")).toHaveCount(0);
});
