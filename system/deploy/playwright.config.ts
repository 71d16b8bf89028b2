import { defineConfig, devices } from "@playwright/test";

// The deployment test (scripts/test-shared.sh): the README's production steps with deploy/'s files, two
// instances behind a private nginx over HTTPS (self-signed), driven by Debian's chromium. See setup.ts.
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
  testDir: ".",
  testMatch: "*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  timeout: 120_000,
  expect: { timeout: 20_000 },
  globalSetup: "./setup.ts",
  use: { trace: "retain-on-failure", locale: "en-US", ignoreHTTPSErrors: true, launchOptions },
  projects: [
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], launchOptions, locale: "en-US", ignoreHTTPSErrors: true, viewport: { width: 1400, height: 900 } },
    },
  ],
});
