import { defineConfig } from "vitest/config";

// The search page in a real browser: Debian's Chromium, driven by
// playwright-core, against `wrangler dev` on loopback (tests/browser/server.ts).
// Run with `npm run test:browser`; CI installs Chromium first.
export default defineConfig({
  test: {
    name: "browser",
    include: ["tests/browser/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/browser/server.ts"],
    // One browser, one dev server: the files take turns.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
