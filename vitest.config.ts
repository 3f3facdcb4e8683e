import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        // Pure modules, the build and the site files: plain Node, real files on disk.
        test: {
          name: "node",
          include: ["tests/search/**/*.test.ts", "tests/corpus/**/*.test.ts", "tests/site/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        // The API, inside workerd, serving an artifact built from seeds/.
        plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" } })],
        test: {
          name: "worker",
          include: ["tests/routes/**/*.test.ts"],
          globalSetup: ["tests/routes/build-seeds.ts"],
          // A file's first request loads the index inside workerd: seconds when the files run side by side on 2 cores.
          testTimeout: 20_000,
        },
      },
    ],
  },
});
