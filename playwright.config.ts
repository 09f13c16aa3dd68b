import { defineConfig } from "@playwright/test";
import { borderPki, patientsOperator, peer, port, pscPort, sink } from "./e2e/instances";
import { pscEnv } from "./tests/psc-provider";

const pki = await borderPki(".data/e2e-pki");
const tls = { SMTP_TLS_CERT: pki.cert, SMTP_TLS_KEY: pki.key, SMTP_CA_FILE: pki.ca, SMTP_HOST: "127.0.0.1" };
const common = {
  AUTH_SECRET: "e2e-secret-not-for-production-0123456789",
  // Open pages notice new mail within two seconds, so tests wait on it without long timeouts.
  LIVE_REFRESH_SECONDS: "2",
  // A deferred delivery is tried again within seconds, not minutes.
  SMTP_RETRY_BASE_SECONDS: "2",
  // Sent at once unless a test chooses a delay for « Annuler l'envoi » (e2e/undo-send.spec.ts does).
  UNDO_SEND_SECONDS: "0",
  // A token's requests per minute: low enough for e2e/api.spec.ts to reach it in one burst.
  API_RATE_PER_MINUTE: "120",
  // Every browser of the run logs in from 127.0.0.1: the per-IP limit would count the whole suite as one guesser.
  LOGIN_FREE_FAILURES_IP: "1000",
  ...tls,
};

/** Runs against the production build served by `npm start`, on a freshly seeded database. */
export default defineConfig({
  testDir: "e2e",
  // A test's whole budget: on 2 cores running the servers and Chromium, a flow of three people's logins or a
  // keyboard triage of five messages took up to 32 s in a CI run whose every step passed. Assertions keep their 10 s.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // One browser at a time: on 2 cores, two workers' pages (each polling and re-rendering its list every 2 s
  // as the other worker's mail arrives) starved the three servers past the timeouts.
  workers: 1,
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
  webServer: [
    {
      command: "npm start -- --fresh",
      url: `http://127.0.0.1:${port}/login`,
      reuseExistingServer: false,
      timeout: 240_000,
      stdout: "pipe",
      env: {
        ...common,
        PORT: String(port),
        // Beside the web port, so runs on other ports never share an SMTP listener.
        SMTP_PORT: String(port + 1000),
        // Only used when DATABASE_URL is unset: a folder of its own, wiped by --fresh.
        PGLITE_DIR: ".data/e2e-pglite",
        SEED_DEMO: "1",
        // Pro Santé Connect is the test provider started below; passwords stay on for the demo accounts.
        ...pscEnv(pscPort),
        SMTP_ROUTES: [
          `${sink.domain}=127.0.0.1:${sink.port}`,
          `${patientsOperator.domain}=127.0.0.1:${patientsOperator.port}`,
          ...(peer ? [`${peer.domain}=127.0.0.1:${peer.smtpPort}`] : []),
        ].join(","),
      },
    },
    {
      command: "npx tsx tests/processes/psc-provider.ts",
      url: `http://127.0.0.1:${pscPort}/auth/realms/esante-wallet/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe" as const,
      env: { PSC_PORT: String(pscPort), APP_ORIGIN: `http://127.0.0.1:${port}` },
    },
    // Started once the first is up (Playwright starts them in turn), so it finds the build made and does not build again.
    ...(peer
      ? [
          {
            command: "npm start -- --fresh",
            url: `http://127.0.0.1:${peer.port}/login`,
            reuseExistingServer: false,
            timeout: 120_000,
            stdout: "pipe" as const,
            env: {
              ...common,
              // Its own database: the embedded PGlite, beside our PostgreSQL.
              DATABASE_URL: "",
              PGLITE_DIR: ".data/e2e-peer-pglite",
              PORT: String(peer.port),
              SMTP_PORT: String(peer.smtpPort),
              SEED_DEMO: "peer",
              SMTP_ROUTES: `*=127.0.0.1:${port + 1000}`,
            },
          },
        ]
      : []),
  ],
});
