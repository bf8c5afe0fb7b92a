import path from "node:path";
import { LOCAL_CLIENT } from "polar-emulator/client";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

// The app's tests run one file at a time (fileParallelism: false: they share
// one database) in two projects: "app" shares one worker and its modules across
// files (isolate: false), which spares each file re-importing the app; files
// that change what the app reads once when its modules load (POLAR_EMULATOR_URL,
// the encryption keys) or mock a module run in "app-isolated", each in a fresh
// worker. Each workspace package under packages/ is a project with its own config.
const ISOLATED = [
  // vi.resetModules() and the encryption keys stubbed before each import.
  "lib/db/token-crypto.test.ts",
  // vi.mock of the signed-in user.
  "lib/dashboard/grant-retry.test.ts",
  // POLAR_EMULATOR_URL at an address where nothing listens.
  "lib/grants/revoke.test.ts",
  // POLAR_EMULATOR_URL at a proxy in front of the emulator.
  "lib/grants/refresh-leaks.test.ts",
];

const appProject = {
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Tests run on the server side of the app, where `server-only` is empty.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // One Polar emulator per project for the run, named in POLAR_EMULATOR_URL
    // before each file loads (test-support/integration.ts resets it per test).
    globalSetup: ["test-support/emulator-global-setup.ts"],
    setupFiles: ["test-support/emulator-env.ts"],
    // next-auth imports next/server without an extension, which only a
    // bundler resolves: Vite bundles it for the tests that reach it.
    server: { deps: { inline: ["next-auth"] } },
    env: {
      DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/polar_starter_test",
      TOKEN_ENCRYPTION_KEY: Buffer.from("unit-test-key-not-for-production").toString("base64"),
      POLAR_SERVER: "local",
      POLAR_CLIENT_ID: LOCAL_CLIENT.id,
      POLAR_CLIENT_SECRET: LOCAL_CLIENT.secret,
    },
  },
} satisfies TestProjectInlineConfiguration;

const APP_EXCLUDE = ["node_modules/**", ".tools/**", "e2e/**", ".next*/**", "packages/**"];

export default defineConfig({
  test: {
    projects: [
      {
        ...appProject,
        test: {
          ...appProject.test,
          name: "app",
          include: ["**/*.test.ts"],
          exclude: [...APP_EXCLUDE, ...ISOLATED],
          isolate: false,
        },
      },
      {
        ...appProject,
        test: { ...appProject.test, name: "app-isolated", include: ISOLATED, exclude: APP_EXCLUDE },
      },
      "packages/*",
    ],
  },
});
