import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const launchOptions = {
  executablePath: chromium,
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
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  timeout: 45_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    // Journeys also call the API with the signed-in browser's cookies (page.request): send the Origin a page of
    // the site would send, since cookie writes without it are refused (lib/http/origin).
    extraHTTPHeaders: { origin: `http://127.0.0.1:${PORT}` },
    trace: "retain-on-failure",
    locale: "en-US",
    launchOptions,
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions, locale: "en-US", extraHTTPHeaders: { origin: `http://127.0.0.1:${PORT}` } } },
  ],
  webServer: {
    // A fresh test database, migrated and seeded, then the production server (built by scripts/test.sh).
    command: `bash scripts/e2e-server.sh ${PORT}`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
