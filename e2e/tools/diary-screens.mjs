// Screenshots of her bladder diary, to look at before calling its screens done: the logging page
// and each step, a refusal, the night prompt, her figures and the printout (on screen, and as
// print media on an A4 page with the PDF's page count), at 390 px, 1366 px and 390 px with 200%
// text, in nl, fr and en.
//
//   cd e2e && HANGMAT_BIN=../target/debug/hangmat node tools/diary-screens.mjs OUT_DIR
//
// Not a test: it asserts nothing and writes PNG files named LANG-VIEW-STATE.png.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { startServer } from "../lib/server.js";
import { brusselsDate } from "../lib/app.js";
import { VIEWS, launch, zoomText } from "./shots.mjs";

const out = process.argv[2] || "diary-screens";
const langs = (process.env.LANGS || "nl,fr,en").split(",");
await mkdir(out, { recursive: true });
const server = await startServer({});
const browser = await launch();

/** Logs one entry through the pages, as she would: a step link, a choice link, a button. */
async function log(page, kind, choice, button) {
  await page.goto(`${server.url}/diary?add=${kind}`);
  if (choice) await page.locator(`#step a[href*="amount=${choice}"]`).first().click();
  await page.locator(`#step button[type=submit]${button ? `[value="${button}"]` : ""}`).first().click();
}

try {
  for (const lang of langs) {
    const context = await browser.newContext({ locale: lang, timezoneId: "Europe/Brussels", bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/?lang=${lang}`);
    await page.locator("#birth_date").fill(brusselsDate(20));
    await page.locator("form[action='/start'] button[type=submit]").first().click();
    await page.waitForURL(/./);
    const shots = [["not-started", "/diary"]];
    await page.goto(`${server.url}/diary`);
    await page.locator("form[action='/diary/start'] button").click();
    await log(page, "void", "300", "2");
    await log(page, "void", "none", "3");
    await log(page, "drink", "250", "coffee-tea");
    await log(page, "leak", "little", "sneeze");
    await log(page, "pad", null, null);
    const figures = await page.locator("a[href^='/diary/']").first().getAttribute("href");
    shots.push(
      ["running", "/diary"],
      ["void-how-much", "/diary?add=void"],
      ["void-urgency", "/diary?add=void&amount=300"],
      ["drink-kind", "/diary?add=drink&amount=250"],
      ["night", "/diary?woke=1"],
      ["figures", figures],
      ["print", `${figures}/print`],
      ["today", "/today"],
    );
    for (const view of VIEWS) {
      await page.setViewportSize({ width: view.width, height: view.height });
      for (const [name, p] of shots) {
        await page.goto(`${server.url}${p}${p.includes("?") ? "&" : "?"}lang=${lang}`);
        await zoomText(page, view.zoom);
        const file = path.join(out, `${lang}-${view.name}-${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
      }
      // A refusal: 5000 mL typed, kept, and the message.
      await page.goto(`${server.url}/diary?add=void&amount=300&lang=${lang}`);
      await zoomText(page, view.zoom);
      await page.locator("#entry-volume").fill("5000");
      await page.locator('#step button[value="1"]').click();
      await zoomText(page, view.zoom);
      await page.screenshot({ path: path.join(out, `${lang}-${view.name}-refused.png`), fullPage: true });
    }
    // The printout as paper: print media on an A4 width, and the PDF Chromium prints.
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.goto(`${server.url}${figures}/print?lang=${lang}`);
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: path.join(out, `${lang}-a4-print.png`), fullPage: true });
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    await writeFile(path.join(out, `${lang}-print.pdf`), pdf);
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
    console.log(`${lang} printout: ${pages} PDF page(s)`);
    await page.emulateMedia({ media: "screen" });
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
