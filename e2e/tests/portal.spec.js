// The physiotherapist's portal against the real binary: the admin made with the CLI signs in with
// password + TOTP and invites a physiotherapist, who joins and signs in; a mother makes a code, the
// physiotherapist links with it and sees her; she ends the link and the portal no longer shows her.
// axe runs on every portal page and on her Sharing page.
import { test, expect } from "../lib/fixtures.js";
import { nl } from "../lib/ftl.js";
import { onboard } from "../lib/app.js";
import { axeClean } from "../lib/axe.js";
import { PASSWORD, join, signIn } from "../lib/portal.js";
import { createAdmin } from "../lib/server.js";
import { nextStep } from "../lib/totp.js";

test("admin invites, a physiotherapist joins, links with a mother's code and loses her when she ends it", async ({ browser, page, server }) => {
  test.setTimeout(180_000);
  const adminSecret = await createAdmin(server, { password: PASSWORD });
  await signIn(page, "admin", adminSecret, { axe: true });
  await expect(page).toHaveURL(/\/portal\/staff$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nl("staff-title"));
  await axeClean(page, "staff");
  await page.getByLabel(nl("staff-field-name")).fill("Anna Peeters");
  await page.getByRole("button", { name: nl("staff-invite-button") }).click();
  const invitation = (await page.locator("#invitation-link").textContent()).trim();
  const joinPath = invitation.slice(invitation.indexOf("/portal/join/"));

  const physio = await browser.newContext({ baseURL: server.url });
  const anna = await physio.newPage();
  const secret = await join(anna, joinPath, "anna", { axe: true });
  await nextStep();
  await signIn(anna, "anna", secret, { axe: true });
  await expect(anna).toHaveURL(/\/portal\/mothers$/);
  await axeClean(anna, "mothers, empty");

  const motherContext = await browser.newContext({ baseURL: server.url });
  const mother = await motherContext.newPage();
  await onboard(mother, { daysAgo: 12 });
  await mother.goto("/settings");
  await mother.getByRole("link", { name: nl("sharing-open") }).click();
  await expect(mother).toHaveURL(/\/settings\/sharing$/);
  await mother.getByRole("button", { name: nl("sharing-code-button") }).click();
  const code = (await mother.locator("#link-code").textContent()).trim();
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(mother.locator("#sharing-code svg")).toBeVisible();
  await axeClean(mother, "sharing with a code");

  await anna.getByLabel(nl("portal-link-code")).fill(code);
  await anna.getByLabel(nl("portal-link-label")).fill("D-4711");
  await anna.getByRole("button", { name: nl("portal-link-button"), exact: true }).click();
  await expect(anna.getByRole("heading", { level: 1 })).toHaveText("D-4711");
  await expect(anna.getByText(nl("portal-mother-day", { day: 12 }))).toBeVisible();
  await axeClean(anna, "one mother");
  await anna.getByRole("link", { name: nl("portal-back-to-list") }).click();
  await expect(anna.getByRole("link", { name: "D-4711" })).toBeVisible();
  await axeClean(anna, "mothers, one");

  await mother.goto("/settings/sharing");
  await expect(mother.getByText("Anna Peeters").first()).toBeVisible();
  await expect(mother.locator("#sharing-audit")).toContainText(nl("sharing-audit-read"));
  await axeClean(mother, "sharing, linked");
  await mother.getByRole("button", { name: nl("sharing-link-end", { name: "Anna Peeters" }) }).click();
  await expect(mother).toHaveURL(/\/settings\/sharing$/);

  await anna.reload();
  await expect(anna.getByRole("link", { name: "D-4711" })).toHaveCount(0);
  await physio.close();
  await motherContext.close();
});

test("a physiotherapist adds a passkey and signs in with it alone (Chromium's virtual authenticator)", async ({ browser, server }) => {
  test.setTimeout(180_000);
  // WebAuthn needs a domain: localhost, not 127.0.0.1.
  const base = server.url.replace("127.0.0.1", "localhost");
  const adminSecret = await createAdmin(server, { password: PASSWORD });
  const adminContext = await browser.newContext({ baseURL: base });
  const admin = await adminContext.newPage();
  await signIn(admin, "admin", adminSecret);
  await admin.getByLabel(nl("staff-field-name")).fill("Anna Peeters");
  await admin.getByRole("button", { name: nl("staff-invite-button") }).click();
  const invitation = (await admin.locator("#invitation-link").textContent()).trim();

  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2", transport: "internal", hasResidentKey: true,
      hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true,
    },
  });
  const secret = await join(page, invitation, "anna");
  await nextStep();
  await signIn(page, "anna", secret);
  await expect(page).toHaveURL(/\/portal\/mothers$/);

  await page.getByRole("link", { name: nl("portal-account-title") }).click();
  await page.getByRole("button", { name: nl("portal-passkey-add-button") }).click();
  await expect(page.locator("#account-notice")).toHaveText(nl("portal-passkey-added"));
  await page.getByRole("button", { name: nl("portal-logout") }).click();
  await expect(page).toHaveURL(/\/portal\/login$/);

  await page.getByLabel(nl("portal-field-username")).fill("anna");
  await page.getByRole("button", { name: nl("portal-passkey-login-button") }).click();
  await expect(page).toHaveURL(/\/portal\/mothers$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nl("portal-mothers-title"));
  await context.close();
  await adminContext.close();
});
