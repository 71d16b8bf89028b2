import { defineConfig, devices } from "@playwright/test";

// Browser journeys against two app instances on PostgreSQL (scripts/test-shared.sh). The servers come
// from globalSetup, not webServer: two instances plus a database do not fit webServer's one command.
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  timeout: 90_000,
  expect: { timeout: 15_000 },
  globalSetup: "./shared-setup.ts",
  use: { trace: "retain-on-failure", locale: "en-US", launchOptions },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions, locale: "en-US", viewport: { width: 1400, height: 900 } } }],
});
