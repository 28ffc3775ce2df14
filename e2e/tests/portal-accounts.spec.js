// The account features a hospital needs, against the real binary: a physiotherapist names a
// passkey, signs in with it, sees when it was last used and removes it, and changes her password;
// an admin makes a password-reset link (she sets a new password and authenticator with it),
// disables her account (she is signed out, sign-in says the account is disabled, and the mother
// she followed sees that the hospital ended the link) and enables it again. axe runs on every page.
import { test, expect } from "../lib/fixtures.js";
import { nl } from "../lib/ftl.js";
import { onboard } from "../lib/app.js";
import { axeClean } from "../lib/axe.js";
import { PASSWORD, join, signIn } from "../lib/portal.js";
import { createAdmin } from "../lib/server.js";
import { nextStep, totp } from "../lib/totp.js";

const NEW_PASSWORD = "another long password";

/** The admin signed in, and Anna Peeters invited, joined and signed in (in her own context). */
async function adminAndAnna(browser, server, base, { authenticator = false } = {}) {
  const adminSecret = await createAdmin(server, { password: PASSWORD });
  const adminContext = await browser.newContext({ baseURL: base });
  const admin = await adminContext.newPage();
  await signIn(admin, "admin", adminSecret);
  await expect(admin).toHaveURL(/\/portal\/staff$/);
  await admin.getByLabel(nl("staff-field-name")).fill("Anna Peeters");
  await admin.getByRole("button", { name: nl("staff-invite-button") }).click();
  const invitation = (await admin.locator("#invitation-link").textContent()).trim();

  const context = await browser.newContext({ baseURL: base });
  const anna = await context.newPage();
  if (authenticator) {
    const cdp = await context.newCDPSession(anna);
    await cdp.send("WebAuthn.enable");
    await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2", transport: "internal", hasResidentKey: true,
        hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true,
      },
    });
  }
  const secret = await join(anna, invitation, "anna");
  await nextStep(); // the code that joined is used up
  await signIn(anna, "anna", secret);
  await expect(anna).toHaveURL(/\/portal\/mothers$/);
  return { admin, adminContext, anna, context, secret };
}

test("a physiotherapist names a passkey, signs in with it, removes it and changes her password", async ({ browser, server }) => {
  test.setTimeout(180_000);
  // WebAuthn needs a domain: localhost, not 127.0.0.1.
  const base = server.url.replace("127.0.0.1", "localhost");
  const { anna, context, adminContext, secret } = await adminAndAnna(browser, server, base, { authenticator: true });

  await anna.getByRole("link", { name: nl("portal-account-title") }).click();
  await expect(anna.getByRole("heading", { level: 1 })).toHaveText(nl("portal-account-title"));
  await expect(anna.locator("#portal-passkeys-none")).toHaveText(nl("portal-passkeys-none"));
  await axeClean(anna, "account, no passkey");
  await anna.getByLabel(nl("portal-passkey-name")).fill("Praktijk-pc");
  await anna.getByRole("button", { name: nl("portal-passkey-add-button") }).click();
  await expect(anna.locator("#account-notice")).toHaveText(nl("portal-passkey-added"));
  const list = anna.locator("#portal-passkey-list");
  await expect(list.getByText("Praktijk-pc", { exact: true })).toBeVisible();
  await expect(list).toContainText(nl("portal-passkey-never-used"));
  await axeClean(anna, "account, one passkey");

  await anna.getByRole("button", { name: nl("portal-logout") }).click();
  await anna.getByLabel(nl("portal-field-username")).fill("anna");
  await anna.getByRole("button", { name: nl("portal-passkey-login-button") }).click();
  await expect(anna).toHaveURL(/\/portal\/mothers$/);
  await anna.goto("/portal/account");
  await expect(list).not.toContainText(nl("portal-passkey-never-used"));
  await expect(list).toContainText(nl("portal-passkey-used-on", { when: "" }).trim());

  await anna.getByRole("button", { name: nl("portal-passkey-remove", { name: "Praktijk-pc" }) }).click();
  await expect(anna.locator("#account-notice")).toHaveText(nl("portal-passkey-removed"));
  await expect(anna.locator("#portal-passkeys-none")).toBeVisible();

  const form = anna.locator("#portal-password");
  await form.getByLabel(nl("portal-field-current-password")).fill("not my password");
  await form.getByLabel(nl("portal-field-new-password")).fill(NEW_PASSWORD);
  await form.getByRole("button", { name: nl("portal-password-button") }).click();
  await expect(anna.locator("#password_error")).toHaveText(nl("portal-password-current-wrong"));
  await axeClean(anna, "account, wrong password");
  await form.getByLabel(nl("portal-field-current-password")).fill(PASSWORD);
  await form.getByLabel(nl("portal-field-new-password")).fill(NEW_PASSWORD);
  await form.getByRole("button", { name: nl("portal-password-button") }).click();
  await expect(anna.locator("#account-notice")).toHaveText(nl("portal-password-changed"));

  await anna.getByRole("button", { name: nl("portal-logout") }).click();
  await nextStep();
  await signIn(anna, "anna", secret, { password: NEW_PASSWORD });
  await expect(anna).toHaveURL(/\/portal\/mothers$/);
  await context.close();
  await adminContext.close();
});

test("an admin resets a password, disables an account and enables it again; the mother sees who ended the link", async ({ browser, server }) => {
  test.setTimeout(180_000);
  const { admin, adminContext, anna, context } = await adminAndAnna(browser, server, server.url);

  const motherContext = await browser.newContext({ baseURL: server.url });
  const mother = await motherContext.newPage();
  await onboard(mother, { daysAgo: 12 });
  await mother.goto("/settings/sharing");
  await mother.getByRole("button", { name: nl("sharing-code-button") }).click();
  const code = (await mother.locator("#link-code").textContent()).trim();
  await anna.getByLabel(nl("portal-link-code")).fill(code);
  await anna.getByLabel(nl("portal-link-label")).fill("D-4711");
  await anna.getByRole("button", { name: nl("portal-link-button"), exact: true }).click();
  await expect(anna.getByRole("heading", { level: 1 })).toHaveText("D-4711");

  await admin.reload();
  const row = admin.locator('[id="staff-anna"]');
  await expect(row).toContainText(nl("staff-status-active"));
  await expect(row).not.toContainText(nl("staff-never-signed-in"));
  await axeClean(admin, "staff accounts");

  // A reset link: a new password and a new authenticator, and her session ends.
  await admin.getByRole("button", { name: nl("staff-reset-button", { name: "Anna Peeters" }) }).click();
  const reset = (await admin.locator("#reset-link").textContent()).trim();
  await axeClean(admin, "staff accounts, reset link");
  await anna.goto(reset.slice(reset.indexOf("/portal/reset/")));
  await expect(anna.getByRole("heading", { level: 1 })).toHaveText(nl("portal-reset-title"));
  await axeClean(anna, "reset");
  const newSecret = (await anna.locator("#totp-secret").textContent()).trim();
  await anna.getByLabel(nl("portal-field-password")).fill(NEW_PASSWORD);
  await anna.getByLabel(nl("portal-field-code")).fill(totp(newSecret));
  await anna.getByRole("button", { name: nl("portal-reset-button") }).click();
  await expect(anna).toHaveURL(/\/portal\/login\?done=reset$/);
  await expect(anna.getByRole("status")).toHaveText(nl("portal-reset-notice"));
  await anna.goto("/portal/mothers");
  await expect(anna).toHaveURL(/\/portal\/login$/);
  await nextStep(); // the code that reset it is used up
  await signIn(anna, "anna", newSecret, { password: NEW_PASSWORD });
  await expect(anna).toHaveURL(/\/portal\/mothers$/);

  // Disabling: confirm, then she is out at once and told why when she signs in.
  const actions = admin.locator('[id="staff-actions-anna"]');
  await actions.getByRole("button", { name: nl("staff-disable-button", { name: "Anna Peeters" }) }).click();
  await expect(admin.locator("#staff-refusal")).toHaveText(nl("staff-disable-confirm-missing"));
  await axeClean(admin, "staff accounts, refusal");
  await admin.locator('[id="staff-actions-anna"]').getByLabel(nl("staff-disable-confirm")).check();
  await admin.locator('[id="staff-actions-anna"]').getByRole("button", { name: nl("staff-disable-button", { name: "Anna Peeters" }) }).click();
  await expect(admin.locator("#staff-notice")).toHaveText(nl("staff-disabled-done", { name: "Anna Peeters" }));
  await expect(admin.locator('[id="staff-anna"]')).toContainText(nl("staff-status-disabled"));
  await axeClean(admin, "staff accounts, disabled");

  await anna.reload();
  await expect(anna).toHaveURL(/\/portal\/login$/);
  await anna.getByLabel(nl("portal-field-username")).fill("anna");
  await anna.getByLabel(nl("portal-field-password")).fill(NEW_PASSWORD);
  await anna.getByRole("button", { name: nl("portal-login-button"), exact: true }).click();
  await expect(anna.locator("#login_error")).toHaveText(nl("portal-login-disabled"));
  await axeClean(anna, "sign-in, disabled");

  await mother.goto("/settings/sharing");
  await expect(mother.locator("#sharing-links")).toContainText(nl("sharing-link-ended-by-hospital", { when: "" }).trim());
  await expect(mother.getByRole("button", { name: nl("sharing-link-end", { name: "Anna Peeters" }) })).toHaveCount(0);
  await expect(mother.locator("#sharing-audit")).toContainText(nl("sharing-audit-end-link"));
  await axeClean(mother, "sharing, ended by the hospital");

  await admin.locator('[id="staff-actions-anna"]').getByRole("button", { name: nl("staff-enable-button", { name: "Anna Peeters" }) }).click();
  await expect(admin.locator("#staff-notice")).toHaveText(nl("staff-enabled-done", { name: "Anna Peeters" }));
  await expect(admin.locator('[id="staff-anna"]')).toContainText(nl("staff-status-active"));
  await context.close();
  await adminContext.close();
  await motherContext.close();
});
