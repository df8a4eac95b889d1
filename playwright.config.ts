import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";

/*
 * Playwright journeys (e2e/*.spec.ts) against the production build, served by
 * e2e/fixtures/start-server.mjs on a fresh embedded database (.data/e2e) each run.
 * Every page a journey visits is checked with axe (see e2e/fixtures/test.ts).
 */
// E2E_PORT lets two checkouts (or two runs) of the journeys coexist on one machine.
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${port}`;

const root = path.dirname(fileURLToPath(import.meta.url));
if (!existsSync(path.join(root, "build/server/index.js"))) {
  throw new Error("Les parcours Playwright testent la version de production, absente : lancez d'abord `npm run build`.");
}

// Debian's Chromium when present (CI installs it with apt), Playwright's own browser otherwise.
const systemChromium = "/usr/bin/chromium";
const launchOptions = existsSync(systemChromium)
  ? {
      executablePath: systemChromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    }
  : {};

export default defineConfig({
  testDir: "e2e",
  // Only the journeys: e2e/fixtures/*.test.ts are vitest unit tests.
  testMatch: "**/*.spec.ts",
  // Per port, so two runs side by side never wipe each other's traces.
  outputDir: `test-results/e2e-${port}`,
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: "list",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    launchOptions,
    trace: "retain-on-failure",
  },
  webServer: {
    command: "node e2e/fixtures/start-server.mjs",
    env: { E2E_PORT: String(port) },
    url: `${baseURL}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
  },
});
