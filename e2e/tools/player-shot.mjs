// Screenshots of the running session player (slow test programme) at 390 px, 320 px and 390 px
// with 200% text, in the languages of LANGS: the controls and the cue while a session plays.
//   cd e2e && HANGMAT_BIN=../target/debug/hangmat node tools/player-shot.mjs OUT_DIR
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { SLOW_PROGRAMME, startServer } from "../lib/server.js";
import { brusselsDate } from "../lib/app.js";
import { launch, zoomText } from "./shots.mjs";

const out = process.argv[2] || "screens";
await mkdir(out, { recursive: true });
const server = await startServer({ programme: SLOW_PROGRAMME });
const browser = await launch();
try {
  for (const lang of (process.env.LANGS || "nl,fr,en").split(",")) {
    for (const [name, width, zoom] of [["390", 390, 1], ["320", 320, 1], ["390-200", 390, 2]]) {
      const context = await browser.newContext({ locale: lang, bypassCSP: true, viewport: { width, height: 844 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/?lang=${lang}`);
      await page.locator("#birth_date").fill(brusselsDate(20));
      await page.locator("form[action='/start'] button[type=submit]").first().click();
      await page.goto(`${server.url}/session`);
      await zoomText(page, zoom);
      await page.locator("#start").click();
      await page.waitForFunction(() => document.body.dataset.playerState === "playing");
      await page.waitForTimeout(1500);
      const file = path.join(out, `${lang}-${name}-player.png`);
      await page.screenshot({ path: file });
      console.log(file);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
