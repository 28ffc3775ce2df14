// The mother's passkey against the real binary and Chromium's virtual authenticator: she onboards,
// adds a passkey on her Sharing page, then on a new phone (a fresh context whose authenticator holds
// the same passkey) restores her profile with the passkey alone, no code typed, and sees her days.
// Her recovery code still works afterwards. axe runs on the new sections.
import { test, expect } from "../lib/fixtures.js";
import { nl } from "../lib/ftl.js";
import { onboard } from "../lib/app.js";
import { axeClean } from "../lib/axe.js";

/** A page whose browser has a platform authenticator with resident keys and user verification. */
async function phoneWithAuthenticator(browser, base) {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2", transport: "internal", hasResidentKey: true,
      hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true,
    },
  });
  return { context, page, cdp, authenticatorId };
}

test("she adds a passkey and restores her profile on a new phone with it alone", async ({ browser, server }) => {
  test.setTimeout(120_000);
  // WebAuthn needs a domain: localhost, not 127.0.0.1.
  const base = server.url.replace("127.0.0.1", "localhost");
  const first = await phoneWithAuthenticator(browser, base);
  const code = await onboard(first.page, { daysAgo: 12 });

  await first.page.goto("/settings/sharing");
  const section = first.page.locator("#mother-passkeys");
  await expect(section.getByText(nl("mother-passkey-none"))).toBeVisible();
  await expect(section.getByText(nl("mother-passkey-unsupported"))).toBeHidden();
  await axeClean(first.page, "sharing with passkeys");
  await section.getByRole("button", { name: nl("mother-passkey-add-button"), exact: true }).click();
  await expect(first.page.locator("#mother-passkey-list li")).toHaveCount(1);
  await expect(section.getByText(nl("mother-passkey-none"))).toHaveCount(0);
  await axeClean(first.page, "sharing with one passkey");

  // The passkey is a resident one for localhost; copy it to the new phone's authenticator.
  const { credentials } = await first.cdp.send("WebAuthn.getCredentials", { authenticatorId: first.authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0].isResidentCredential).toBe(true);
  expect(credentials[0].rpId).toBe("localhost");

  const second = await phoneWithAuthenticator(browser, base);
  await second.cdp.send("WebAuthn.addCredential", { authenticatorId: second.authenticatorId, credential: credentials[0] });
  await second.page.goto("/restore");
  await axeClean(second.page, "restore with passkey");
  await second.page.getByRole("button", { name: nl("mother-passkey-restore-button"), exact: true }).click();
  await expect(second.page).toHaveURL(/\/today$/);
  await expect(second.page.getByRole("heading", { level: 1 })).toHaveText(nl("today-day", { day: 12 }));
  // Her Sharing page on the new phone lists the passkey, now used.
  await second.page.goto("/settings/sharing");
  await expect(second.page.locator("#mother-passkey-list li")).toHaveCount(1);
  await expect(second.page.locator("#mother-passkey-list li .muted")).toBeVisible();

  // Her recovery code stays valid: a third phone without any passkey restores with it.
  const third = await browser.newContext({ baseURL: base });
  const page = await third.newPage();
  await page.goto("/restore");
  await page.locator("#code").fill(code);
  await page.getByRole("button", { name: nl("restore-button"), exact: true }).click();
  await expect(page).toHaveURL(/\/today$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nl("today-day", { day: 12 }));

  // She removes the passkey: it is gone from her list and restores no one any more.
  await second.page.getByRole("button", { name: /^Verwijder de passkey/ }).click();
  await expect(second.page.locator("#mother-passkey-list li")).toHaveCount(0);
  await expect(second.page.getByText(nl("mother-passkey-none"))).toBeVisible();
  await first.context.clearCookies();
  await first.page.goto("/restore");
  await first.page.getByRole("button", { name: nl("mother-passkey-restore-button"), exact: true }).click();
  await expect(first.page.locator("#mother-passkey-restore [role=alert]")).toHaveText(nl("mother-passkey-restore-failed"));
  await expect(first.page).toHaveURL(/\/restore$/);

  await third.close();
  await second.context.close();
  await first.context.close();
});

test("without WebAuthn the sections say so plainly and the recovery code remains", async ({ browser, server }) => {
  const context = await browser.newContext({ baseURL: server.url });
  await context.addInitScript(() => { delete window.PublicKeyCredential; });
  const page = await context.newPage();
  await page.goto("/restore");
  const section = page.locator("#mother-passkey-restore");
  await expect(section.getByText(nl("mother-passkey-unsupported"))).toBeVisible();
  await expect(section.getByRole("button")).toBeHidden();
  await expect(page.locator("#code")).toBeVisible();
  await axeClean(page, "restore without passkeys");
  await context.close();
});
