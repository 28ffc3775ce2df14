// Playwright drives Debian's Chromium (/usr/bin/chromium) against the real `hangmat` binary.
// Never run `npx playwright install`: the browser comes from the system.
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "./tests",
  testMatch: "**/*.spec.js",
  // Two cores on CI: two workers, each test with its own server and database.
  workers: Number(process.env.E2E_WORKERS || 2),
  fullyParallel: true,
  retries: 0,
  reporter: "list",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  outputDir: "./test-results",
  use: {
    browserName: "chromium",
    headless: true,
    locale: "nl-BE",
    timezoneId: "Europe/Brussels",
    viewport: { width: 390, height: 844 },
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
});
