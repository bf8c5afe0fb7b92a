// Vitest's global set-up of the app's projects (vitest.config.ts): one Polar
// emulator for the whole run, on free ports, answering at once. Its API origin
// reaches the test files as inject("polarIssuer"); test-support/emulator-env.ts
// names it in POLAR_EMULATOR_URL before each file's modules load.
import { startEmulator } from "polar-emulator";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's emulator's API origin (the issuer), which every helper in polar-emulator/testing takes. */
    polarIssuer: string;
  }
}

/** Starts the emulator; Vitest calls the function returned once the project's tests have run. */
export default async function startRunEmulator(project: TestProject) {
  const emulator = await startEmulator({ port: 0, quiet: true, latency: {} });
  project.provide("polarIssuer", emulator.apiUrl);
  return () => emulator.close();
}
