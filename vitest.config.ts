import path from "node:path";
import { LOCAL_CLIENT } from "polar-emulator/client";
import { defineConfig } from "vitest/config";

// Two projects: the app (this folder) and each workspace package under
// packages/, with its own config.
export default defineConfig({
  test: {
    projects: [
      {
        resolve: {
          alias: {
            "@": path.resolve(import.meta.dirname),
            // Tests run on the server side of the app, where `server-only` is empty.
            "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
          },
        },
        test: {
          name: "app",
          include: ["**/*.test.ts"],
          exclude: ["node_modules/**", ".tools/**", "e2e/**", ".next*/**", "packages/**"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          // next-auth imports next/server without an extension, which only a
          // bundler resolves: Vite bundles it for the tests that reach it.
          server: { deps: { inline: ["next-auth"] } },
          env: {
            DATABASE_URL:
              process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/polar_starter_test",
            TOKEN_ENCRYPTION_KEY: Buffer.from("unit-test-key-not-for-production").toString("base64"),
            // Tests that talk to Polar start an emulator and set POLAR_EMULATOR_URL.
            POLAR_SERVER: "local",
            POLAR_CLIENT_ID: LOCAL_CLIENT.id,
            POLAR_CLIENT_SECRET: LOCAL_CLIENT.secret,
          },
        },
      },
      "packages/*",
    ],
  },
});
