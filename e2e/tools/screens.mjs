// Screenshots of her pages, to look at before calling a screen done: each page at 390 px (a
// phone), at 1366 px (a practice PC) and at 390 px with 200% text, in nl, fr and en.
//
//   cd e2e && HANGMAT_BIN=../target/debug/hangmat node tools/screens.mjs OUT_DIR [PATH ...]
//
// PATHs default to her main pages; a mother is onboarded (born 20 days ago) in each language.
// Not a test: it asserts nothing and writes PNG files named LANG-WIDTH[-200]-PAGE.png.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { startServer } from "../lib/server.js";
import { brusselsDate } from "../lib/app.js";
import { VIEWS, launch, zoomText } from "./shots.mjs";

const out = process.argv[2] || "screens";
const paths = process.argv.slice(3).length
  ? process.argv.slice(3)
  : ["/today", "/session", "/progress", "/learn", "/learn/warning-signs", "/settings", "/settings/reminders", "/settings/sharing"];
const langs = (process.env.LANGS || "nl,fr,en").split(",");
const views = VIEWS;

await mkdir(out, { recursive: true });
const server = await startServer({ programme: process.env.PROGRAMME || undefined });
const browser = await launch();
try {
  for (const lang of langs) {
    // bypassCSP: the 200% text is a style tag added here, which the page's strict CSP would refuse.
    const context = await browser.newContext({ locale: lang, timezoneId: "Europe/Brussels", bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/?lang=${lang}`);
    await page.locator("#birth_date").fill(brusselsDate(20));
    await page.locator("form[action='/start'] button[type=submit]").first().click();
    await page.waitForURL(/./);
    for (const view of views) {
      await page.setViewportSize({ width: view.width, height: view.height });
      for (const p of paths) {
        await page.goto(`${server.url}${p}${p.includes("?") ? "&" : "?"}lang=${lang}`);
        // 200% text: the browser's text zoom, as a phone's larger-text setting does.
        await zoomText(page, view.zoom);
        const file = path.join(out, `${lang}-${view.name}-${p.replaceAll("/", "_").replace(/^_/, "") || "home"}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
