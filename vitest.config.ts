import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "admin/src/**/*.test.ts"],
    // Migrates one template database; every test file then gets its own copy (see test/helpers/database.ts).
    globalSetup: ["test/helpers/global-setup.ts"],
    pool: "forks",
    testTimeout: 30_000,
    // expect.poll waits as long as a browser locator does (10 s), not vitest's 1 s: on a loaded
    // machine a page or a worker may take longer than a second to show what the test waits for.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 60_000,
  },
});
