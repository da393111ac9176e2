import { defineConfig } from 'vitest/config';

// Three tiers (HOUSE-STYLE 9): pure rule and calendar tests (`unit`: no database, no build); command,
// repository, HTTP and CLI tests on both databases (`server`); browser tests in Debian's Chromium
// (`e2e`). The database tiers copy template databases made once per run (test/support/templates.ts).
const withDatabases = { globalSetup: ['test/support/global-setup.ts'] };

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/core/**/*.test.ts'] } },
      { extends: true, test: { name: 'server', include: ['test/server/**/*.test.ts', 'test/cli/**/*.test.ts'], isolate: false, ...withDatabases } },
      // A browser step waits for the page, not for a fixed second: the machine is shared with the server tier,
      // and a journey through a whole procedure (county-officer, officer-day) takes a minute when it is loaded.
      // Not isolated, like the server tier: a worker imports the server once and keeps one Chromium for its
      // files (test/support/browser.ts) instead of paying both again for every file.
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], isolate: false, testTimeout: 180_000, expect: { poll: { timeout: 15_000 } }, ...withDatabases } },
    ],
  },
});
