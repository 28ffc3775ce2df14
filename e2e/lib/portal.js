// What staff do on the portal, step by step, as the tests need it: sign in with password and
// authenticator code, join by an invitation.
import { expect } from "@playwright/test";
import { axeClean } from "./axe.js";
import { nl } from "./ftl.js";
import { totp } from "./totp.js";

/** The password every test account starts with. */
export const PASSWORD = "a long enough password";

/** Signs in with password and the authenticator's current code; `axe` checks both pages. */
export async function signIn(page, username, secret, { password = PASSWORD, axe = false } = {}) {
  await page.goto("/portal/login");
  if (axe) await axeClean(page, "login");
  await page.getByLabel(nl("portal-field-username")).fill(username);
  await page.getByLabel(nl("portal-field-password")).fill(password);
  await page.getByRole("button", { name: nl("portal-login-button"), exact: true }).click();
  await expect(page).toHaveURL(/\/portal\/login\/code$/);
  if (axe) await axeClean(page, "code");
  await page.getByLabel(nl("portal-field-code")).fill(totp(secret));
  await page.getByRole("button", { name: nl("portal-code-button"), exact: true }).click();
}

/**
 * Opens an invitation link (as the admin's page showed it), chooses `username` and the test
 * password, sets up the authenticator and joins. Resolves to the TOTP secret.
 */
export async function join(page, invitation, username, { axe = false } = {}) {
  await page.goto(invitation.slice(invitation.indexOf("/portal/join/")));
  if (axe) await axeClean(page, "join");
  const secret = (await page.locator("#totp-secret").textContent()).trim();
  await page.getByLabel(nl("portal-field-username")).fill(username);
  await page.getByLabel(nl("portal-field-password")).fill(PASSWORD);
  await page.getByLabel(nl("portal-field-code")).fill(totp(secret));
  await page.getByRole("button", { name: nl("portal-join-button") }).click();
  await expect(page).toHaveURL(/\/portal\/login\?done=joined$/);
  await expect(page.getByRole("status")).toHaveText(nl("portal-joined-notice"));
  return secret;
}
