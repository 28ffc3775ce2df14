// g. Settings: her hold within the programme's range, and erasing everything.
import { test, expect } from "../lib/fixtures.js";
import { nl } from "../lib/ftl.js";
import { onboard, serviceWorkerReady } from "../lib/app.js";

const holdError = () => nl("error-hold-range", { min: 3, max: 10 });

async function saveHold(page, value) {
  await page.getByLabel(nl("field-hold")).fill(value);
  await page.locator("form#hold").getByRole("button", { name: nl("settings-hold-save"), exact: true }).click();
}

test("a hold outside 3..10 is refused in Dutch; a valid one is used in the next session", async ({ page }) => {
  await onboard(page, { daysAgo: 10 });
  await page.getByRole("link", { name: nl("nav-settings") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nl("settings-title"));
  const hold = page.getByLabel(nl("field-hold"));
  await expect(hold).toHaveValue("3");
  await expect(page.getByText(nl("settings-hold-range", { min: 3, max: 10, current: 3 }))).toBeVisible();

  for (const bad of ["2", "11", "0", "-4"]) {
    await saveHold(page, bad);
    await expect(page.locator("#hold").getByRole("alert")).toHaveText(holdError());
    await expect(hold).toHaveValue(bad);
    await expect(hold).toHaveAttribute("aria-invalid", "true");
  }

  await saveHold(page, "7");
  await expect(page).toHaveURL(/\/settings\?saved=1#hold$/);
  await expect(page.getByRole("status")).toHaveText(nl("settings-saved"));
  await expect(hold).toHaveValue("7");
  await expect(page.getByRole("alert")).toHaveCount(0);

  await page.getByRole("link", { name: nl("nav-session") }).click();
  await expect(page.getByText(nl("session-hold-yours", { counts: 7 }))).toBeVisible();
  const script = JSON.parse(await page.locator("#session-script").textContent());
  expect(script.hold_counts).toBe(7);
  const endurance = script.parts.findIndex((p) => p.exercise === "endurance");
  const holds = script.steps.filter((s) => s.part === endurance && s.phase === "contract");
  expect(holds.map((s) => s.counts)).toEqual([7, 7, 7]);

  // Progress shows the hold she chose.
  await page.goto("/progress");
  const holdRows = page.locator("#hold table tbody tr");
  await expect(holdRows.last().getByRole("cell")).toHaveText(["7", nl("progress-set-by-you")]);
});

test("erasing needs the confirmation, then forgets her everywhere", async ({ page, browser, baseURL }) => {
  const code = await onboard(page, { daysAgo: 10 });
  await page.goto("/settings");
  const erase = page.getByRole("button", { name: nl("settings-erase-button"), exact: true });
  const confirm = page.getByRole("checkbox", { name: nl("settings-erase-confirm") });

  // Without the tick the browser does not send the form...
  await erase.click();
  await expect(page).toHaveURL(/\/settings$/);
  expect(await confirm.evaluate((box) => box.validity.valueMissing)).toBe(true);
  // ...and the server refuses it too, in Dutch, when it comes without the tick.
  const csrf = await page.locator("form[action='/settings/erase'] input[name=csrf]").inputValue();
  const refused = await page.request.post("/settings/erase", { form: { csrf }, maxRedirects: 0 });
  expect(refused.status()).toBe(422);
  expect(await refused.text()).toContain(nl("error-erase-confirm"));
  await page.goto("/today");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nl("today-day", { day: 10 }));

  await page.goto("/settings");
  await confirm.check();
  await erase.click();
  await expect(page).toHaveURL(/\/erased(\?lang=nl)?$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nl("erased-title"));
  await expect(page.getByText(nl("erased-text"))).toBeVisible();

  await page.getByRole("link", { name: nl("erased-start-again") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nl("welcome-title"));
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nl("welcome-title"));
  await page.goto("/today");
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(nl("today-day", { day: 10 }));

  // The old recovery code leads nowhere any more, here or on another phone.
  for (const p of [page, await (await browser.newContext({ baseURL, locale: "nl-BE" })).newPage()]) {
    await p.goto("/restore");
    await p.getByLabel(nl("field-recovery-code")).fill(code);
    await p.getByRole("button", { name: nl("restore-button"), exact: true }).click();
    await expect(p.getByRole("alert")).toHaveText(nl("error-code-unknown"));
    await expect(p).toHaveURL(/\/restore$/);
  }
});

test("after erasing, the phone keeps none of her pages for offline use", async ({ page, context }) => {
  await onboard(page, { daysAgo: 10 });
  await serviceWorkerReady(page);
  // Visit her pages under the service worker, which keeps them for offline use.
  await page.reload();
  await page.goto("/progress");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nl("progress-title"));
  await page.goto("/settings");
  await page.getByRole("checkbox", { name: nl("settings-erase-confirm") }).check();
  await page.getByRole("button", { name: nl("settings-erase-button"), exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nl("erased-title"));
  // The erased page asks the service worker to forget the pages it kept.
  await expect.poll(() => page.evaluate(async () => {
    const cache = await caches.open("hangmat-pages");
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  })).toEqual(["/offline"]);

  await context.setOffline(true);
  for (const path of ["/today", "/progress", "/settings"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(nl("offline-title"));
  }
});
