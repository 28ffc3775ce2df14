// h. axe-core on every page and state, in Dutch: no serious or critical violations.
import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "../lib/fixtures.js";
import { SLOW_PROGRAMME } from "../lib/server.js";
import { nl } from "../lib/ftl.js";
import { brusselsDate, rateAndSave, startSession, submitBirthDate } from "../lib/app.js";

function scanner(page, found, label = "") {
  return async function scan(name) {
    name = label + name;
    await page.waitForLoadState("load");
    const result = await new AxeBuilder({ page }).analyze();
    for (const v of result.violations) {
      const targets = v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join(" | ");
      const why = (v.nodes[0]?.failureSummary || "").replace(/\s+/g, " ");
      console.log(`[axe] ${name}: ${v.impact} ${v.id} — ${v.help} (${v.nodes.length}×: ${targets}) ${why}`);
      found.push({ page: name, id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, targets });
    }
  };
}

const blockingOf = (found) => found.filter((v) => v.impact === "serious" || v.impact === "critical");

async function setBirthDate(page, daysAgo) {
  await page.goto("/settings");
  await page.locator("#birth_date").fill(brusselsDate(daysAgo));
  await page.locator("form[action='/settings']").getByRole("button", { name: nl("settings-save"), exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(nl("settings-saved"));
}

test("start, code, restore, the first days, offline, 404 and erased pass axe", async ({ page }) => {
  test.setTimeout(180_000);
  const found = [];
  const scan = scanner(page, found);

  await page.goto("/");
  await scan("welcome");
  await submitBirthDate(page, brusselsDate(-3));
  await expect(page.getByRole("alert")).toBeVisible();
  await scan("welcome with an error");
  await page.goto("/restore");
  await scan("restore");
  await page.getByRole("button", { name: nl("restore-button"), exact: true }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await scan("restore with an error");
  await page.goto("/offline");
  await scan("offline");
  await page.goto("/no-such-page");
  await scan("404");

  await page.goto("/");
  await submitBirthDate(page, brusselsDate(1));
  await expect(page.locator("#recovery-code")).toBeVisible();
  await scan("recovery code");
  await page.getByRole("link", { name: nl("code-continue"), exact: true }).click();
  await expect(page.locator("#rest-and-learn")).toBeVisible();
  await scan("today: rest and learn (day 1)");
  await page.goto("/session");
  await scan("session: not yet (day 1)");

  await page.goto("/settings");
  await page.getByRole("checkbox", { name: nl("settings-erase-confirm") }).check();
  await page.getByRole("button", { name: nl("settings-erase-button"), exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nl("erased-title"));
  await scan("erased");

  const blocking = blockingOf(found);
  expect(blocking, JSON.stringify(blocking, null, 2)).toEqual([]);
});

test.describe("at a fifth of the short programme's pace (counts of 0.5 s)", () => {
  test.use({ programme: SLOW_PROGRAMME });

  test("today, the session player, progress and settings pass axe", async ({ page }) => {
    test.setTimeout(180_000);
    const found = [];
    const scan = scanner(page, found);

    await page.goto("/");
    await submitBirthDate(page, brusselsDate(10));
    await page.getByRole("link", { name: nl("code-continue"), exact: true }).click();
    await expect(page.locator("#today-sessions")).toBeVisible();
    await scan("today: exercises (day 10)");
    await page.goto("/session");
    await scan("session: position picker");
    // A slower session (counts of 0.5 s), so the scan sees it running.
    await startSession(page, { position: "back" });
    await expect(page.locator("#player-root .player")).toHaveAttribute("data-phase", "contract");
    await scan("player running");
    await page.getByRole("button", { name: nl("player-pause"), exact: true }).click();
    await scan("player paused");
    await page.getByRole("button", { name: nl("player-stop"), exact: true }).click();
    await expect(page.locator("#player-root form.after")).toBeVisible();
    await scan("after-session panel");
    await rateAndSave(page, "fine");
    await scan("saved panel");
    // Listen mode's player (counts of 0.5 s, so the scan sees it running).
    await page.goto("/session");
      await page.getByRole("button", { name: nl("listen-start"), exact: true }).click();
    await expect(page.locator("#player-root .player")).toHaveAttribute("data-mode", "listen");
    await scan("listen-mode player");
    await page.getByRole("button", { name: nl("player-stop"), exact: true }).click();
    await page.goto("/today");
    await page.locator("#coordination").getByRole("button", { name: nl("today-coordination-done") }).click();
    await expect(page.locator("[data-done-message]")).toBeVisible();
    await scan("today: with data and the thank-you");

    await page.goto("/progress");
    await scan("progress with data");
    await page.goto("/settings");
    await scan("settings");
    await page.getByLabel(nl("field-hold")).fill("12");
    await page.locator("form#hold").getByRole("button", { name: nl("settings-hold-save"), exact: true }).click();
    await expect(page.getByRole("alert")).toBeVisible();
    await scan("settings with an error");

    await setBirthDate(page, 50);
    await page.goto("/today");
    await expect(page.locator("#physiotherapy")).toBeVisible();
    await scan("today: physiotherapy (day 50)");

    const blocking = blockingOf(found);
    expect(blocking, JSON.stringify(blocking, null, 2)).toEqual([]);
  });

  test("the dark theme (night feeds) passes axe too", async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: "dark" });
    const found = [];
    const scan = scanner(page, found, "dark: ");
    await page.goto("/");
    await scan("welcome");
    await submitBirthDate(page, brusselsDate(50));
    await expect(page.locator("#recovery-code")).toBeVisible();
    await scan("recovery code");
    await page.getByRole("link", { name: nl("code-continue"), exact: true }).click();
    await page.locator("#coordination").getByRole("button", { name: nl("today-coordination-done") }).click();
    await expect(page.locator("[data-done-message]")).toBeVisible();
    await scan("today (day 50)");
    await page.goto("/session");
    await scan("session");
    await startSession(page, { position: "back" });
    await expect(page.locator("#player-root .player")).toHaveAttribute("data-phase", "contract");
    await scan("player running");
    await page.getByRole("button", { name: nl("player-stop"), exact: true }).click();
    await expect(page.locator("#player-root form.after")).toBeVisible();
    await scan("after-session panel");
    await rateAndSave(page, "fine");
    await page.goto("/progress");
    await scan("progress with data");
    await page.goto("/settings");
    await scan("settings");
    await page.goto("/no-such-page");
    await scan("404");
    const blocking = blockingOf(found);
    expect(blocking, JSON.stringify(blocking, null, 2)).toEqual([]);
  });
});

test("the reminders screen passes axe, with errors, a calendar link, and in the dark", async ({ page }) => {
  test.setTimeout(120_000);
  const found = [];
  const scan = scanner(page, found);
  await page.goto("/");
  await submitBirthDate(page, brusselsDate(20));
  await page.getByRole("link", { name: nl("code-continue"), exact: true }).click();
  await page.goto("/settings/reminders");
  await scan("reminders");
  await page.locator("#time_0").fill("");
  await page.locator("#habit_1").selectOption("own-words");
  await page.getByRole("button", { name: nl("reminders-save"), exact: true }).click();
  await expect(page.locator("#moments").getByRole("alert").first()).toBeVisible();
  await scan("reminders with errors");
  await page.getByRole("button", { name: nl("reminders-calendar-make"), exact: true }).click();
  await expect(page.locator("#calendar-url")).toBeVisible();
  await scan("reminders with a calendar link");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/settings/reminders");
  await scan("dark: reminders");
  const blocking = blockingOf(found);
  expect(blocking, JSON.stringify(blocking, null, 2)).toEqual([]);
});

test("sharing, the code with its QR, the portal's sign-in pages pass axe", async ({ page }) => {
  const found = [];
  const scan = scanner(page, found);
  await page.goto("/");
  await submitBirthDate(page, brusselsDate(8));
  await page.goto("/settings/sharing");
  await scan("sharing");
  await page.getByRole("button", { name: nl("sharing-code-button") }).click();
  await expect(page.locator("#link-code")).toBeVisible();
  await scan("sharing with a code");
  await page.goto("/portal/login");
  await scan("portal login");
  await page.getByLabel(nl("portal-field-username")).fill("nobody");
  await page.getByLabel(nl("portal-field-password")).fill("wrong password");
  await page.getByRole("button", { name: nl("portal-login-button"), exact: true }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await scan("portal login with an error");
  const blocking = blockingOf(found);
  expect(blocking, JSON.stringify(blocking, null, 2)).toEqual([]);
});
