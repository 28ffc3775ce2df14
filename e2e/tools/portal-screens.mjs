// The browser half of tools/portal-screens.sh: signs in as the seeded physiotherapist (cookie
// hangmat_staff=bench-staff) and writes LANG-WIDTH[-200]-PAGE.png for each path.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { VIEWS, launch, zoomText } from "./shots.mjs";

const [out, base, ...paths] = process.argv.slice(2);
const langs = (process.env.LANGS || "nl,fr,en").split(",");
const wanted = (process.env.VIEWS || "390,1366,390-200").split(",");
const views = VIEWS.filter((view) => wanted.includes(view.name));
await mkdir(out, { recursive: true });
const browser = await launch();
try {
  for (const lang of langs) {
    const context = await browser.newContext({ locale: lang, timezoneId: "Europe/Brussels", bypassCSP: true });
    await context.addCookies([{ name: "hangmat_staff", value: "bench-staff", url: base }]);
    const page = await context.newPage();
    for (const view of views) {
      await page.setViewportSize({ width: view.width, height: view.height });
      for (const p of paths) {
        await page.goto(`${base}${p}${p.includes("?") ? "&" : "?"}lang=${lang}`);
        await zoomText(page, view.zoom);
        const name = p.replaceAll("/", "_").replace(/^_/, "").replace(/00000000-0000-4000-b000-0+/, "m");
        const file = path.join(out, `${lang}-${view.name}-${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
}
