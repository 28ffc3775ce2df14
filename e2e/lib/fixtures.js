// The test fixture: every test gets its own real `hangmat` server (fresh SQLite database in a temp
// directory, the short programme unless the test asks for another with `test.use({ programme })`),
// and `baseURL` points at it.
import { test as base, expect } from "@playwright/test";
import { SHORT_PROGRAMME, startServer } from "./server.js";

export const test = base.extend({
  programme: [SHORT_PROGRAMME, { option: true }],
  server: async ({ programme }, use, testInfo) => {
    const server = await startServer({ programme });
    await use(server);
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach("hangmat-server.log", { body: server.log(), contentType: "text/plain" });
    }
    await server.stop();
  },
  baseURL: async ({ server }, use) => {
    await use(server.url);
  },
});

export { expect };
