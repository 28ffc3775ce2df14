// Reminders in Chromium with notifications granted: the settings screen offers push; its
// subscribe path stores what the browser returns (headless Chromium reaches no push service, so
// the test hands the same code a subscription of its own); a push delivered to the service worker
// over CDP shows her text; and tapping it opens the guided session.
import { createECDH, randomBytes } from "node:crypto";
import { test, expect } from "../lib/fixtures.js";
import { nl } from "../lib/ftl.js";
import { onboard, serviceWorkerReady } from "../lib/app.js";

const b64url = (bytes) => Buffer.from(bytes).toString("base64url");

/** A subscription as a browser's PushSubscription.toJSON() gives it, with a real P-256 key. */
function testSubscription() {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return {
    // A listed push service's host (the server refuses any other); nothing is due during the test,
    // so nothing is sent there.
    endpoint: `https://fcm.googleapis.com/fcm/send/e2e-${b64url(randomBytes(12))}`,
    expirationTime: null,
    keys: { p256dh: b64url(ecdh.getPublicKey()), auth: b64url(randomBytes(16)) },
  };
}

test.use({ permissions: ["notifications"] });

test("push is offered, a subscription is stored, a push shows her text and opens the session", async ({ page, context, baseURL }) => {
  await onboard(page, { daysAgo: 10 });
  await page.goto("/settings");
  await page.getByRole("link", { name: nl("reminders-settings-link"), exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/reminders$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nl("reminders-title"));
  await serviceWorkerReady(page);

  // Push is supported and allowed here: the switch is offered, the "cannot" text is gone.
  const push = page.locator("#push");
  await expect(push.getByRole("button", { name: nl("reminders-push-turn-on"), exact: true })).toBeVisible();
  await expect(push.getByText(nl("reminders-push-unsupported"))).toBeHidden();

  // The subscribe path's last step, fed what a browser would return.
  await page.evaluate((subscription) => window.hangmatPush.store(subscription), testSubscription());
  await expect(push.getByRole("status")).toHaveText(nl("reminders-push-on"));
  await page.reload();
  await expect(page.locator("#push-devices")).toHaveText(nl("reminders-push-devices", { count: 1 }));

  // A push, as the server sends it, delivered to the service worker over CDP.
  const cdp = await context.newCDPSession(page);
  const registration = new Promise((resolve) => {
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const ours = registrations.find((r) => r.scopeURL === `${baseURL}/` && !r.isDeleted);
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send("ServiceWorker.enable");
  const registrationId = await registration;
  const body = nl("reminders-push-moment", { habit: nl("reminders-habit-feeding") });
  const message = {
    title: "Hangmat",
    body,
    lang: "nl",
    tag: "hangmat-moment",
    url: "/session",
    actions: [
      { action: "open", title: nl("reminders-action-open") },
      { action: "snooze", title: nl("reminders-action-snooze") },
    ],
  };
  const shown = async () => page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return (await reg.getNotifications()).map((n) => ({ title: n.title, body: n.body, lang: n.lang, url: n.data && n.data.url }));
  });
  // A push the DevTools protocol hands a worker that is still starting can be dropped (seen in one
  // of a dozen runs here); a push service retries too. The same tag replaces, never stacks.
  await expect(async () => {
    await cdp.send("ServiceWorker.deliverPushMessage", {
      origin: baseURL,
      registrationId,
      data: JSON.stringify(message),
    });
    await expect.poll(shown, { timeout: 3_000 }).toEqual([{ title: "Hangmat", body, lang: "nl", url: "/session" }]);
  }).toPass({ timeout: 20_000 });

  // Tapping it: no test can tap a system notification, so the service worker gets the same
  // notificationclick event its own notification would raise.
  const [worker] = context.serviceWorkers();
  expect(worker, "the service worker runs").toBeTruthy();
  await worker.evaluate(async () => {
    const [notification] = await self.registration.getNotifications();
    self.dispatchEvent(new NotificationEvent("notificationclick", { notification, action: "" }));
  });
  await expect(page).toHaveURL(/\/session$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nl("session-title"));
});

test("without notification permission the page says so and offers the calendar link", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: "nl-BE", timezoneId: "Europe/Brussels" });
  await context.grantPermissions([]);
  const page = await context.newPage();
  await page.addInitScript(() => {
    // A browser where she blocked notifications.
    Object.defineProperty(Notification, "permission", { get: () => "denied" });
  });
  await onboard(page, { daysAgo: 10 });
  await page.goto("/settings/reminders");
  await expect(page.locator("#push").getByText(nl("reminders-push-denied"))).toBeVisible();
  await expect(page.locator("#push").getByRole("button", { name: nl("reminders-push-turn-on") })).toBeHidden();
  await page.getByRole("button", { name: nl("reminders-calendar-make"), exact: true }).click();
  const url = (await page.locator("#calendar-url").textContent()).trim();
  expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]+\.ics$/);
  const feed = await page.request.get(new URL(new URL(url).pathname, baseURL).href);
  expect(feed.status()).toBe(200);
  const text = await feed.text();
  expect(text).toContain("BEGIN:VCALENDAR");
  expect(text).toMatch(/DTSTART;TZID=Europe\/Brussels:\d{8}T083000/);
  await context.close();
});

test("the moments form works without JavaScript", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: "nl-BE", timezoneId: "Europe/Brussels", javaScriptEnabled: false });
  const page = await context.newPage();
  await onboard(page, { daysAgo: 10 });
  await page.goto("/settings/reminders");
  await expect(page.locator("#push").getByText(nl("reminders-push-unsupported"))).toBeVisible();
  await page.locator("#habit_0").selectOption("in-the-car");
  await page.locator("#time_0").fill("07:45");
  await page.getByRole("button", { name: nl("reminders-save"), exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(nl("reminders-saved"));
  await expect(page.locator("#habit_0")).toHaveValue("in-the-car");
  await expect(page.locator("#time_0")).toHaveValue("07:45");
  await context.close();
});

test("after her first recovery code, reminders are offered with her three moments and accepted in one place", async ({ page }) => {
  await page.goto("/");
  await page.locator("#birth_date").fill(new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10));
  await page.locator("form[action='/start'] button[type=submit]").first().click();
  const offer = page.locator("#remind-offer");
  await expect(offer.getByRole("heading", { level: 2 })).toHaveText(nl("offer-reminders-title"));
  await expect(offer.getByRole("listitem")).toHaveText([
    `08:30 · ${nl("reminders-habit-brushing-teeth")}`,
    `13:00 · ${nl("reminders-habit-feeding")}`,
    `20:00 · ${nl("reminders-habit-watching-tv")}`,
  ]);
  await serviceWorkerReady(page);
  const push = page.locator("#push");
  await expect(push.getByRole("button", { name: nl("offer-reminders-yes"), exact: true })).toBeVisible();
  // The yes button's path ends in the same store() a real subscription reaches.
  await page.evaluate((subscription) => window.hangmatPush.store(subscription), testSubscription());
  await expect(push.getByRole("status")).toHaveText(nl("reminders-push-on"));
  await page.getByRole("link", { name: nl("code-continue"), exact: true }).click();
  await expect(page).toHaveURL(/\/today$/);
  await page.goto("/settings/reminders");
  await expect(page.locator("#push-devices")).toHaveText(nl("reminders-push-devices", { count: 1 }));
});
