// What the screenshot tools share: Debian's Chromium, and the three views every screen is looked
// at in (a phone, a practice PC, a phone with 200% text).
import { chromium } from "playwright-core";

export const VIEWS = [
  { name: "390", width: 390, height: 844, zoom: 1 },
  { name: "1366", width: 1366, height: 768, zoom: 1 },
  { name: "390-200", width: 390, height: 844, zoom: 2 },
];

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
}

/** 200% text: the browser's text zoom, as a phone's larger-text setting does (needs bypassCSP). */
export async function zoomText(page, zoom) {
  if (zoom !== 1) await page.addStyleTag({ content: `html { font-size: ${zoom * 100}% !important; }` });
}
