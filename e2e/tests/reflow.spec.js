// Her pages reflow (WCAG 2.2 AA, 1.4.4 and 1.4.10): at 320 CSS px and at 390 px with 200% text,
// nothing scrolls sideways, no two controls overlap, and no control's text runs out of it. The
// running session player is checked too: its cue, pause, stop and sound switch stay apart.
import { test, expect } from "../lib/fixtures.js";
import { SLOW_PROGRAMME } from "../lib/server.js";
import { onboard } from "../lib/app.js";

// The 200% text is a style rule added by the test; the pages' strict CSP would refuse it.
test.use({ bypassCSP: true, programme: SLOW_PROGRAMME });

const PAGES = ["/today", "/progress", "/learn", "/learn/warning-signs", "/settings", "/settings/reminders", "/settings/sharing"];

const VIEWS = [
  { name: "320 px", width: 320, text: 1 },
  { name: "390 px at 200% text", width: 390, text: 2 },
];

/** Overlapping controls, controls whose text overflows, and sideways scrolling, on this page. */
async function reflowProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const visible = (el) => {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return box.width > 0 && box.height > 0 && style.visibility !== "hidden" && !el.closest("[hidden]")
        && style.clip !== "rect(0px, 0px, 0px, 0px)" && !(box.width <= 1 && box.height <= 1);
    };
    const fixedAncestor = (el) => {
      for (let node = el; node; node = node.parentElement) {
        const position = getComputedStyle(node).position;
        if (position === "fixed" || position === "sticky") return node;
      }
      return null;
    };
    const name = (el) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} "${(el.textContent || el.value || "").trim().slice(0, 30)}"`;
    const root = document.scrollingElement;
    if (root.scrollWidth > window.innerWidth + 1) problems.push(`the page scrolls sideways (${root.scrollWidth} > ${window.innerWidth})`);
    const controls = [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary")]
      .filter(visible)
      // A visually hidden radio or checkbox lives inside its label: the label is the control.
      .filter((el) => !(el.matches("input[type=radio], input[type=checkbox]") && el.getBoundingClientRect().width < 4));
    for (const el of controls) {
      if (el.matches("a.button, button, nav a, .tabbar a") && el.scrollWidth > el.clientWidth + 1) {
        problems.push(`text overflows ${name(el)} (${el.scrollWidth} > ${el.clientWidth})`);
      }
    }
    for (let i = 0; i < controls.length; i++) {
      for (let j = i + 1; j < controls.length; j++) {
        const [a, b] = [controls[i], controls[j]];
        if (a.contains(b) || b.contains(a)) continue;
        // A fixed or sticky bar lies over the page by design; its own controls must not overlap.
        if (fixedAncestor(a) !== fixedAncestor(b)) continue;
        const p = a.getBoundingClientRect();
        const q = b.getBoundingClientRect();
        const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
        const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (w > 1 && h > 1) problems.push(`${name(a)} overlaps ${name(b)}`);
      }
    }
    return problems;
  });
}

async function withText(page, factor) {
  if (factor !== 1) await page.addStyleTag({ content: `html { font-size: ${factor * 100}% !important; }` });
}

for (const view of VIEWS) {
  test(`her pages reflow at ${view.name}, in nl, fr and en`, async ({ page }) => {
    await page.setViewportSize({ width: view.width, height: 780 });
    await onboard(page, { daysAgo: 20 });
    const problems = [];
    for (const lang of ["nl", "fr", "en"]) {
      for (const path of PAGES) {
        await page.goto(`${path}?lang=${lang}`);
        await withText(page, view.text);
        problems.push(...(await reflowProblems(page)).map((p) => `${path} (${lang}): ${p}`));
      }
    }
    expect(problems, `at ${view.name}`).toEqual([]);
  });

  test(`the running session player reflows at ${view.name}`, async ({ page }) => {
    await page.setViewportSize({ width: view.width, height: 780 });
    await onboard(page, { daysAgo: 20 });
    for (const lang of ["nl", "fr", "en"]) {
      await page.goto(`/session?lang=${lang}`);
      await withText(page, view.text);
      await page.locator("#start").click();
      await expect(page.locator("body")).toHaveAttribute("data-player-state", "playing");
      // While it runs, the tab bar gives way: nothing invites a stray tap.
      await expect(page.locator("nav.tabbar")).toBeHidden();
      await expect(page.locator("#player-root .player-controls")).toBeVisible();
      expect(await reflowProblems(page), `the player (${lang}) at ${view.name}`).toEqual([]);
      // The cue she follows is not under the controls.
      const [cue, controls] = await Promise.all([
        page.locator("#player-root .player-phase").boundingBox(),
        page.locator("#player-root .player-controls").boundingBox(),
      ]);
      expect(cue.y + cue.height <= controls.y + 1, `the cue clears the controls (${lang})`).toBe(true);
    }
  });
}
