// a. Starting in Dutch, refused birth dates, the recovery code, switching to French, restoring.
import { test, expect } from "../lib/fixtures.js";
import { nl, fr } from "../lib/ftl.js";
import { RECOVERY_CODE, brusselsDate, onboard, submitBirthDate } from "../lib/app.js";

test("start page is Dutch; refused birth dates keep what she typed; a good one gives a code and Today", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nl("welcome-title"));
  await expect(page.getByText(nl("welcome-intro"))).toBeVisible();
  await expect(page.getByLabel(nl("field-birth-date"))).toBeVisible();

  // In the future.
  const tomorrow = brusselsDate(-1);
  await submitBirthDate(page, tomorrow);
  await expect(page.getByRole("alert")).toHaveText(nl("error-birth-date-future"));
  await expect(page.locator("#birth_date")).toHaveValue(tomorrow);
  await expect(page.locator("#birth_date")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");

  // More than a year ago.
  const longAgo = brusselsDate(400);
  await submitBirthDate(page, longAgo);
  await expect(page.getByRole("alert")).toHaveText(nl("error-birth-date-too-old"));
  await expect(page.locator("#birth_date")).toHaveValue(longAgo);

  // Empty.
  await page.locator("#birth_date").fill("");
  await page.getByRole("button", { name: nl("welcome-start-button"), exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText(nl("error-birth-date-missing"));

  // A good date: the recovery code page, then Today on the right day.
  await submitBirthDate(page, brusselsDate(12));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nl("code-title"));
  await expect(page.locator("#recovery-code")).toHaveText(RECOVERY_CODE);
  await expect(page.getByText(nl("code-once"))).toBeVisible();
  await page.getByRole("link", { name: nl("code-continue"), exact: true }).click();
  await expect(page).toHaveURL(/\/today$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nl("today-day", { day: 12 }));
  await expect(page.getByText(nl("today-week", { week: 2 }), { exact: true })).toBeVisible();
});

test("?lang=fr switches to French and is remembered on the next page", async ({ page }) => {
  await page.goto("/?lang=fr");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fr("welcome-title"));

  // The next page, without ?lang: still French.
  await page.getByRole("link", { name: fr("welcome-have-code") }).click();
  await expect(page).toHaveURL(/\/restore$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fr("restore-title"));

  // Starting from French makes a French profile: Today is French too.
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await page.locator("#birth_date").fill(brusselsDate(3));
  await page.getByRole("button", { name: fr("welcome-start-button"), exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fr("code-title"));
  await page.getByRole("link", { name: fr("code-continue"), exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fr("today-day", { day: 3 }));

  // And back to Dutch with ?lang=nl, remembered as well.
  await page.goto("/today?lang=nl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nl("today-day", { day: 3 }));
  await page.goto("/progress");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nl("progress-title"));
});

test("a recovery code restores the same profile in another browser", async ({ page, browser, baseURL }) => {
  const code = await onboard(page, { daysAgo: 20 });

  const other = await browser.newContext({ baseURL, locale: "nl-BE", timezoneId: "Europe/Brussels" });
  try {
    const phone = await other.newPage();
    // A new browser has no profile: Today sends it to the start.
    await phone.goto("/today");
    await expect(phone.getByRole("heading", { level: 1 })).not.toHaveText(nl("today-day", { day: 20 }));

    await phone.goto("/");
    await phone.getByRole("link", { name: nl("welcome-have-code") }).click();
    await expect(phone.getByRole("heading", { level: 1 })).toHaveText(nl("restore-title"));

    // A wrong code: a Dutch error, the typed code kept.
    await phone.getByLabel(nl("field-recovery-code")).fill("AAAA-BBBB-CCCC-DDDD");
    await phone.getByRole("button", { name: nl("restore-button"), exact: true }).click();
    await expect(phone.getByRole("alert")).toHaveText(nl("error-code-unknown"));
    await expect(phone.getByLabel(nl("field-recovery-code"))).toHaveValue("AAAA-BBBB-CCCC-DDDD");

    // The right code, typed in lower case without dashes: the same profile, the same day.
    await phone.getByLabel(nl("field-recovery-code")).fill(code.toLowerCase().replaceAll("-", " "));
    await phone.getByRole("button", { name: nl("restore-button"), exact: true }).click();
    await expect(phone).toHaveURL(/\/today$/);
    await expect(phone.getByRole("heading", { level: 1 })).toHaveText(nl("today-day", { day: 20 }));
  } finally {
    await other.close();
  }
});
