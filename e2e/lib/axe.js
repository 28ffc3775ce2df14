// axe-core on a page as it is now: serious and critical findings fail the test, each named.
import AxeBuilder from "@axe-core/playwright";
import { expect } from "@playwright/test";

/** Fails on axe's serious and critical findings on the page as it is now. */
export async function axeClean(page, name) {
  await page.waitForLoadState("load");
  const result = await new AxeBuilder({ page }).analyze();
  const blocking = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  for (const v of blocking) console.log(`[axe] ${name}: ${v.impact} ${v.id} ${v.help}`);
  expect(blocking.map((v) => `${name}: ${v.id}`)).toEqual([]);
}
