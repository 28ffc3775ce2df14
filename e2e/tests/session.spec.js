// c, d. A guided session from start to finish; pause, resume and stopping early.
import { test, expect } from "../lib/fixtures.js";
import { SLOW_PROGRAMME } from "../lib/server.js";
import { nl, dateLabel } from "../lib/ftl.js";
import {
  SHORT, brusselsDate, completeSession, contractionsToday, onboard, rateAndSave, recordPlayer,
  letCountsPass, seenInPlayer, sessionsLine, startSession, waitForFinished, waitForPhase,
} from "../lib/app.js";

test("a complete short session counts 6 contractions and one session, on Today and in Progress", async ({ page }) => {
  await onboard(page, { daysAgo: 10 });
  await page.getByRole("link", { name: nl("today-start-session") }).click();
  await expect(page).toHaveURL(/\/session$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nl("session-title"));
  // Without JavaScript's player the manual log is the way; with it, the log form is hidden.
  await expect(page.locator("#manual-log")).toBeHidden();

  await recordPlayer(page);
  await startSession(page, { position: "sitting" });
  const player = page.locator("#player-root .player");
  await expect(player.getByRole("button", { name: nl("player-pause"), exact: true })).toBeVisible();
  await expect(player.getByRole("button", { name: nl("player-stop"), exact: true })).toBeVisible();
  await waitForFinished(page);

  // The player went through every step with the programme's words, in order.
  const rep = (r) => nl("player-rep", { rep: r, reps: 3 });
  const expected = [];
  for (const kind of ["strength", "endurance"]) {
    const part = nl(`exercise-${kind}`);
    expected.push({ phase: "get_ready", part, text: nl("phase-get_ready"), rep: "" });
    for (const r of [1, 2, 3]) {
      expected.push({ phase: "contract", part, text: nl(`phase-contract-${kind}`), rep: rep(r) });
      expected.push({ phase: "relax", part, text: nl(`phase-relax-${kind}`), rep: rep(r) });
    }
  }
  expect(await seenInPlayer(page)).toEqual(expected);
  // A moment that feels good: what she did, where her day stands, a warm line; no streak.
  const after = page.locator("#player-root form.after");
  await expect(after.getByRole("heading", { level: 2 })).toHaveText(nl("player-done"));
  await expect(after.locator(".after-did li")).toHaveText([
    nl("player-did-strength", { count: 3 }),
    nl("player-did-endurance", { count: 3, hold: 3 }),
  ]);
  await expect(after.locator(".after-today")).toHaveText(nl("player-today", { done: 6, target: SHORT.target }));
  await expect(after.getByText(nl("player-warm"))).toBeVisible();
  await rateAndSave(page, "easy");
  await page.getByRole("link", { name: nl("player-back"), exact: true }).click();

  await expect(page).toHaveURL(/\/today$/);
  await expect(contractionsToday(page)).toHaveText(String(SHORT.strengthReps + SHORT.enduranceReps));
  await expect(page.getByText(sessionsLine(1), { exact: true })).toBeVisible();

  // The next session suggests the next position in turn (after sitting: standing).
  await page.goto("/session");
  await expect(page.getByRole("radio", { name: nl("position-standing") })).toBeChecked();

  await page.getByRole("link", { name: nl("nav-progress") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nl("progress-title"));
  const row = page.locator("table.data").first().getByRole("row", { name: dateLabel("nl", brusselsDate(0)) });
  await expect(row.getByRole("cell")).toHaveText(["1", "0", "6"]);
});

test.describe("at a fifth of the short programme's pace (counts of 0.5 s)", () => {
  test.use({ programme: SLOW_PROGRAMME });

  test("pause and resume, then stop after the first contraction: the partial session counts what was done", async ({ page }) => {
    await onboard(page, { daysAgo: 10 });
    await page.goto("/session");
    // At a fifth of the short programme's pace a count lasts 0.5 s:
    // time enough to press Pause in the first rest.
    await startSession(page, { position: "back" });
    const player = page.locator("#player-root .player");

    // Pause while getting ready or in the first squeeze; the count stands still.
    await player.getByRole("button", { name: nl("player-pause"), exact: true }).click();
    await expect(page.locator("body")).toHaveAttribute("data-player-state", "paused");
    await expect(player.getByText(nl("player-paused"), { exact: true })).toBeVisible();
    const resume = player.getByRole("button", { name: nl("player-resume"), exact: true });
    await expect(resume).toBeFocused();
    const frozen = { phase: await player.getAttribute("data-phase"), count: await player.locator(".player-count").textContent() };
    // A paused player must not move on: let several counts pass on the page's clock.
    await letCountsPass(page, 6);
    expect({ phase: await player.getAttribute("data-phase"), count: await player.locator(".player-count").textContent() }).toEqual(frozen);
    expect(await page.evaluate(() => window.hangmatPlayer.state)).toBe("paused");

    await resume.click();
    await expect(page.locator("body")).toHaveAttribute("data-player-state", "playing");
    await expect(player.getByText(nl("player-paused"), { exact: true })).toBeHidden();

    // The first squeeze is done once the first rest starts; pause there and read where she is.
    await waitForPhase(page, "relax");
    await player.getByRole("button", { name: nl("player-pause"), exact: true }).click();
    await expect(page.locator("body")).toHaveAttribute("data-player-state", "paused");
    const phase = await player.getAttribute("data-phase");
    const repText = await player.locator(".player-rep").textContent();
    const partText = await player.locator(".player-part").textContent();
    expect(partText).toBe(nl("exercise-strength"));
    const rep = [1, 2, 3].find((r) => repText === nl("player-rep", { rep: r, reps: 3 }));
    expect(rep, `rep line "${repText}"`).toBeDefined();
    const done = phase === "relax" ? rep : rep - 1;
    expect(done).toBeGreaterThanOrEqual(1);

    await player.getByRole("button", { name: nl("player-stop"), exact: true }).click();
    await expect(page.locator("body")).toHaveAttribute("data-player-state", "finished");
    // Stopped: no "well done" for a whole session, but what she did counts, said warmly.
    const after = page.locator("#player-root form.after");
    await expect(after.getByRole("heading", { level: 2 })).toHaveText(nl("player-stopped"));
    await expect(after.locator(".after-did li")).toHaveText([nl("player-did-strength", { count: done })]);
    await rateAndSave(page, "hard");
    await page.getByRole("link", { name: nl("player-back"), exact: true }).click();
    await expect(contractionsToday(page)).toHaveText(String(done));
    await expect(page.getByText(sessionsLine(0, undefined, 1), { exact: true })).toBeVisible();
  });

  test("stopping and skipping the rating still keeps the partial session", async ({ page }) => {
    await onboard(page, { daysAgo: 10 });
    await page.goto("/session");
    await startSession(page);
    const player = page.locator("#player-root .player");
    await expect(player.locator(".player-part")).toHaveText(nl("exercise-endurance"));
    await player.getByRole("button", { name: nl("player-pause"), exact: true }).click();
    await expect(page.locator("body")).toHaveAttribute("data-player-state", "paused");
    // All three squeezes of strength are done; of endurance, what the player shows.
    const phase = await player.getAttribute("data-phase");
    const repText = await player.locator(".player-rep").textContent();
    const rep = [1, 2, 3].find((r) => repText === nl("player-rep", { rep: r, reps: 3 })) ?? 0;
    const done = SHORT.strengthReps + (phase === "relax" ? rep : phase === "contract" ? rep - 1 : 0);
    await player.getByRole("button", { name: nl("player-stop"), exact: true }).click();
    await expect(page.locator("body")).toHaveAttribute("data-player-state", "finished");
    await page.locator("#player-root form.after").getByRole("link", { name: nl("player-skip"), exact: true }).click();
    await expect(page).toHaveURL(/\/today$/);
    // Today counts them once the outbox has sent the outcome (it may still be on its way when
    // Today is drawn: reload until it arrived).
    await expect(async () => {
      await page.reload();
      await expect(contractionsToday(page)).toHaveText(String(done), { timeout: 500 });
    }).toPass({ timeout: 10_000 });
    await expect(page.getByText(sessionsLine(0, undefined, 1), { exact: true })).toBeVisible();
  });
});

test("two sessions in a day add up", async ({ page }) => {
  await onboard(page, { daysAgo: 10 });
  await completeSession(page, { position: "back" });
  await expect(contractionsToday(page)).toHaveText("6");
  await completeSession(page, { position: "side" });
  await expect(contractionsToday(page)).toHaveText("12");
  await expect(page.getByText(sessionsLine(2), { exact: true })).toBeVisible();
});
