// The browser half of tools/portal-screens.sh: signs in as the seeded physiotherapist (cookie
// hangmat_staff=bench-staff) and writes LANG-WIDTH[-200]-PAGE.png for each path.
import { chromium } from "playwright-core";
import { mkdir } from "node:fs/promises";
import path from "node:path";

const [out, base, ...paths] = process.argv.slice(2);
const langs = (process.env.LANGS || "nl,fr,en").split(",");
const views = (process.env.VIEWS || "390,1366,390-200").split(",").map((name) => {
  const [width, zoom] = name.split("-");
  return { name, width: Number(width), height: 800, zoom: zoom ? Number(zoom) / 100 : 1 };
});
await mkdir(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
try {
  for (const lang of langs) {
    const context = await browser.newContext({ locale: lang, timezoneId: "Europe/Brussels", bypassCSP: true });
    await context.addCookies([{ name: "hangmat_staff", value: "bench-staff", url: base }]);
    const page = await context.newPage();
    for (const view of views) {
      await page.setViewportSize({ width: view.width, height: view.height });
      for (const p of paths) {
        await page.goto(`${base}${p}${p.includes("?") ? "&" : "?"}lang=${lang}`);
        if (view.zoom !== 1) await page.addStyleTag({ content: `html { font-size: ${view.zoom * 100}% !important; }` });
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
