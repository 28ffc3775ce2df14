// i. Privacy: a whole walk-through makes no request to anything but the deployment's own server.
import { test, expect } from "../lib/fixtures.js";
import { nl } from "../lib/ftl.js";
import {
  contractionsToday, onboard, rateAndSave, serviceWorkerReady, startSession, waitForFinished,
} from "../lib/app.js";

test("every request of a walk-through goes to the server's own origin", async ({ page, context, server }) => {
  const requests = [];
  context.on("request", (request) => requests.push(request.url()));
  context.on("websocket", (ws) => requests.push(ws.url()));

  await page.goto("/");
  await page.goto("/?lang=fr");
  await page.goto("/?lang=nl");
  const code = await onboard(page, { daysAgo: 10 });
  await serviceWorkerReady(page);
  await page.locator("#coordination").getByRole("button", { name: nl("today-coordination-done") }).click();
  await expect(page.locator("#coordination span[data-count=coordination]")).toHaveText("1");
  await page.getByRole("link", { name: nl("today-start-session") }).click();
  await startSession(page, { position: "side" });
  await waitForFinished(page);
  await rateAndSave(page, "easy");
  await page.getByRole("link", { name: nl("player-back"), exact: true }).click();
  await expect(contractionsToday(page)).toHaveText("7");
  await page.getByRole("link", { name: nl("nav-progress") }).click();
  await page.getByRole("link", { name: nl("nav-settings") }).click();
  await page.getByLabel(nl("field-hold")).fill("5");
  await page.locator("form#hold").getByRole("button", { name: nl("settings-hold-save"), exact: true }).click();
  await page.goto("/manifest.webmanifest");
  await page.goto("/offline");
  await page.goto("/no-such-page");
  await page.goto("/restore");
  await page.getByLabel(nl("field-recovery-code")).fill(code);
  await page.getByRole("button", { name: nl("restore-button"), exact: true }).click();
  await expect(page).toHaveURL(/\/today$/);
  await page.goto("/settings");
  await page.getByRole("checkbox", { name: nl("settings-erase-confirm") }).check();
  await page.getByRole("button", { name: nl("settings-erase-button"), exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nl("erased-title"));
  await page.goto("/");

  const origin = new URL(server.url).origin;
  expect(requests.length).toBeGreaterThan(20);
  const elsewhere = requests.filter((url) => !/^(data|blob):/.test(url) && new URL(url).origin !== origin);
  expect(elsewhere, `requests to other origins:\n${elsewhere.join("\n")}`).toEqual([]);
});
