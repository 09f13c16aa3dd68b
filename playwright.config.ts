import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);

/** Runs against the production build served by `npm start`, on a freshly seeded database. */
export default defineConfig({
  testDir: "e2e",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    command: "npm start -- --fresh",
    url: `http://127.0.0.1:${port}/login`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: "pipe",
    env: {
      PORT: String(port),
      // Only used when DATABASE_URL is unset: a folder of its own, wiped by --fresh.
      PGLITE_DIR: ".data/e2e-pglite",
      AUTH_SECRET: "e2e-secret-not-for-production-0123456789",
      SEED_DEMO: "1",
      // Open pages notice new mail within two seconds, so tests wait on it without long timeouts.
      LIVE_REFRESH_SECONDS: "2",
    },
  },
});
