import { defineConfig } from "@playwright/test";
import { artifacts, e2eEnv } from "./test-support/e2e-env";
import { chromiumPath } from "./scripts/lib/chromium.ts";

export default defineConfig({
  testDir: "./e2e",
  outputDir: process.env.E2E_OUTPUT_DIR ?? "./test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  reporter: [["list"], ["json", { outputFile: ".reports/playwright.json" }]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: e2eEnv.AUTH_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // CHROMIUM_PATH, the system's Chromium or Chrome, or Playwright's own; never a download.
      executablePath: chromiumPath(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-features=AutofillServerCommunication",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: [
    {
      name: "emulator",
      command: `mkdir -p ${artifacts} && node packages/polar-emulator/src/main.ts 2>&1 | tee ${artifacts}/emulator.log`,
      url: `${e2eEnv.POLAR_EMULATOR_URL}/.well-known/openid-configuration`,
      env: e2eEnv,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      name: "app",
      // The app's output is kept so e2e/leaks.spec.ts can check no token is logged.
      command: `mkdir -p ${artifacts} && (next build && next start --port ${e2eEnv.PORT}) 2>&1 | tee ${artifacts}/app.log`,
      url: `${e2eEnv.AUTH_URL}/api/auth/providers`,
      env: e2eEnv,
      reuseExistingServer: false,
      timeout: 240_000,
    },
  ],
});
