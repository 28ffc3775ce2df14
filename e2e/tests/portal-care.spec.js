// Her care across both sides: a physiotherapist changes her hold and reps and adds quick squeezes;
// her next session uses them and Today says who changed what; a physiotherapy session with Oxford
// and PERFECT shows in the printable summary; axe on the portal's care pages.
//
// The physiotherapist's account, her signed-in session and the link are written straight into the
// server's database (the same rows sign-in and code entry make), so this spec tests the care pages
// on their own; the access specs test signing in and linking.
import AxeBuilder from "@axe-core/playwright";
import { execFile } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { test, expect } from "../lib/fixtures.js";
import { nl } from "../lib/ftl.js";
import { onboard } from "../lib/app.js";

const run = promisify(execFile);

/** Runs SQL on the server's own database (SQLite file, or its PostgreSQL database). */
async function sql(server, statements) {
  if (server.databaseUrl) {
    await run("psql", [server.databaseUrl, "-v", "ON_ERROR_STOP=1", "-qc", statements]);
  } else {
    await run("sqlite3", ["-cmd", ".timeout 5000", path.join(server.dataDir, "hangmat.sqlite"), statements]);
  }
}

const tokenHash = (token) => createHash("sha256").update(token).digest("base64url");

/** A physiotherapist "An", signed in, linked to the only mother as "Dossier 17"; her link's id. */
async function linkedPhysiotherapist(server, context) {
  const staff = randomUUID();
  const link = randomUUID();
  const token = `e2e-${randomUUID()}`;
  const now = Date.now();
  await sql(server, `
    INSERT INTO staff_accounts (id, role, username, display_name, language, created_at)
      VALUES ('${staff}', 'physiotherapist', 'an', 'An', 'nl', ${now});
    INSERT INTO staff_sessions (token_hash, staff_id, stage, created_at, expires_at)
      VALUES ('${tokenHash(token)}', '${staff}', 'signed-in', ${now}, ${now + 3_600_000});
    INSERT INTO links (id, profile_id, staff_id, label, created_at)
      SELECT '${link}', id, '${staff}', 'Dossier 17', ${now} FROM profiles;`);
  await context.addCookies([{ name: "hangmat_staff", value: token, url: `${server.url}/portal` }]);
  return link;
}

async function axe(page, name, found) {
  await page.waitForLoadState("load");
  const result = await new AxeBuilder({ page }).analyze();
  for (const v of result.violations) {
    if (v.impact === "serious" || v.impact === "critical") {
      found.push(`${name}: ${v.impact} ${v.id} (${v.nodes.map((n) => n.target.join(" ")).join(" | ")})`);
    }
  }
}

test("a physiotherapist's changes reach her next session, and sessions reach the summary", async ({ page, browser, server }) => {
  test.setTimeout(120_000);
  const found = [];
  await onboard(page, { daysAgo: 10 });
  const portal = await browser.newContext({ baseURL: server.url });
  const physio = await portal.newPage();
  const link = await linkedPhysiotherapist(server, portal);
  const base = `/portal/mothers/${link}`;

  await physio.goto(`${base}/programme`);
  await expect(physio.getByRole("heading", { level: 1 })).toHaveText(`${nl("care-portal-programme-title")} · Dossier 17`);
  await axe(physio, "programme", found);
  // Each field named as a physiotherapist names it, with its unit, inside its exercise's group.
  await physio.getByLabel(nl("care-editor-hold"), { exact: true }).fill("8");
  const section = (kind) => physio.getByRole("group", { name: nl(`exercise-${kind}`), exact: true });
  await section("strength").getByLabel(nl("care-editor-reps"), { exact: true }).fill("4");
  await section("fast").getByLabel(nl("care-editor-included"), { exact: true }).check();
  await physio.getByRole("button", { name: nl("care-portal-programme-save"), exact: true }).click();
  await expect(physio.getByRole("status")).toHaveText(nl("care-portal-programme-saved", { count: 3 }));
  const history = physio.locator("#programme-history tbody tr");
  await expect(history).toHaveCount(3);
  await expect(history.first()).toContainText("An");
  await axe(physio, "programme saved", found);

  // Her side, from her next page.
  await page.goto("/today");
  const told = page.locator("#care-changes");
  await expect(told).toContainText(nl("care-change", {
    name: "An", what: nl("care-field-hold"), old: "3", new: nl("care-value-counts", { counts: 8 }),
    date: await dateLabel(page),
  }));
  await expect(told).toContainText(nl("care-change-added", { name: "An", what: nl("care-kind-fast"), date: await dateLabel(page) }));
  await page.goto("/session");
  const script = JSON.parse(await page.locator("#session-script").textContent());
  expect(script.hold_counts).toBe(8);
  expect(script.parts.map((p) => p.exercise)).toEqual(["strength", "endurance", "fast"]);
  const strength = script.steps.filter((s) => s.part === 0 && s.phase === "contract");
  expect(strength).toHaveLength(4);

  // A physiotherapy session with Oxford and PERFECT.
  await physio.goto(`${base}/sessions`);
  await axe(physio, "sessions", found);
  const form = physio.locator("#session-form");
  await form.getByLabel(nl("care-contraction-correct"), { exact: true }).check();
  // The Oxford grade is six buttons, each with its grade's name.
  const oxford = form.getByRole("group", { name: nl("care-portal-oxford"), exact: true });
  await expect(oxford.getByRole("radio")).toHaveCount(7);
  await oxford.getByRole("radio", { name: `3 ${nl("care-oxford-3")}`, exact: true }).check();
  await form.getByLabel(nl("care-portal-perfect-e"), { exact: true }).fill("6");
  await form.getByLabel(nl("care-portal-perfect-r"), { exact: true }).fill("4");
  await form.getByLabel(nl("care-portal-perfect-f"), { exact: true }).fill("3");
  await form.getByRole("button", { name: nl("care-portal-session-save"), exact: true }).click();
  await expect(physio.getByRole("status")).toHaveText(nl("care-portal-session-saved", { number: 1 }));
  await expect(physio.locator("#physio-sessions")).toContainText("P3 E6 R4 F3");

  await physio.goto(`${base}/summary`);
  await expect(physio.getByRole("heading", { level: 1 })).toContainText(nl("care-portal-summary-title"));
  await expect(physio.locator("#summary-assessments")).toContainText("P3 E6 R4 F3");
  await expect(physio.locator("#summary")).toContainText(nl("care-portal-summary-hold", { counts: 8 }));
  await axe(physio, "summary", found);
  await portal.close();
  expect(found).toEqual([]);
});

/** Today's date as the app writes it for her ("25 november"). */
async function dateLabel(page) {
  const [day, month] = await page.evaluate(() => {
    const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Brussels", day: "numeric", month: "numeric" }).formatToParts(new Date());
    return [parts.find((p) => p.type === "day").value, parts.find((p) => p.type === "month").value];
  });
  return nl("date-day-month", { day: Number(day), month: nl(`month-${month}`) });
}
