// b. What Today shows by the day after the birth: rest and learn, exercises, physiotherapy.
import { test, expect } from "../lib/fixtures.js";
import { nl } from "../lib/ftl.js";
import { onboard } from "../lib/app.js";

test("one day after the birth: rest and learn, no session to start", async ({ page }) => {
  await onboard(page, { daysAgo: 1 });
  const rest = page.locator("#rest-and-learn");
  await expect(rest.getByRole("heading", { level: 2 })).toHaveText(nl("today-rest-title"));
  await expect(rest.getByText(nl("today-rest-start", { days: 1 }))).toBeVisible();
  await expect(page.locator("#today-sessions")).toHaveCount(0);
  await expect(page.getByRole("link", { name: nl("today-start-session") })).toHaveCount(0);
  await expect(page.locator("#coordination")).toHaveCount(0);
  // The recovery advice of the first weeks, and when physiotherapy may start (day 42).
  await expect(page.locator("#recovery").getByText(nl("today-physio-soon", { days: 41 }))).toBeVisible();
  await expect(page.locator("#physiotherapy")).toHaveCount(0);

  // The session page says the same instead of offering a player.
  await page.goto("/session");
  await expect(page.getByText(nl("today-rest-start", { days: 1 }))).toBeVisible();
  await expect(page.locator("#start")).toHaveCount(0);
});

test("ten days after the birth: the day's sessions and the coordination habit", async ({ page }) => {
  await onboard(page, { daysAgo: 10 });
  await expect(page.locator("#rest-and-learn")).toHaveCount(0);
  const sessions = page.locator("#today-sessions");
  await expect(sessions.getByRole("heading", { level: 2 })).toHaveText(nl("today-sessions-title"));
  await expect(sessions.getByText(nl("today-sessions-done", { done: 0, planned: 3 }), { exact: true })).toBeVisible();
  await expect(sessions.locator("span[data-count=contractions]")).toHaveText("0");
  await expect(page.getByRole("link", { name: nl("today-start-session") })).toBeVisible();
  await expect(page.locator("#coordination").getByRole("button", { name: nl("today-coordination-done") })).toBeVisible();
  await expect(page.locator("#physiotherapy")).toHaveCount(0);
});

test("fifty days after the birth: physiotherapy with the deployment's contacts", async ({ page }) => {
  await onboard(page, { daysAgo: 50 });
  const physio = page.locator("#physiotherapy");
  await expect(physio.getByRole("heading", { level: 2 })).toHaveText(nl("today-physio-title"));
  await expect(physio.getByText(nl("today-physio-sessions", { sessions: 9 }))).toBeVisible();
  await expect(physio.getByText(nl("today-physio-prescription"))).toBeVisible();
  // config/uzleuven.toml: booking contact and the phone for questions.
  await expect(physio.getByText("Perinatale kinesitherapie in UZ Leuven")).toBeVisible();
  const phones = physio.getByRole("link", { name: "016 33 87 99" });
  await expect(phones.first()).toBeVisible();
  await expect(phones.first()).toHaveAttribute("href", "tel:016338799");
  await expect(physio.getByRole("link", { name: "madtherapietoren@uzleuven.be" })).toHaveAttribute("href", "mailto:madtherapietoren@uzleuven.be");
  await expect(physio.getByText(nl("contacts-questions"))).toBeVisible();
  await expect(physio.getByRole("link", { name: /Bicap/ })).toHaveAttribute("href", "https://www.bicap.be");
  // Past the recovery weeks: no more rest advice; exercises go on.
  await expect(page.locator("#recovery")).toHaveCount(0);
  await expect(page.locator("#today-sessions")).toBeVisible();
});
