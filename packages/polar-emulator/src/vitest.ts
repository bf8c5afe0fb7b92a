// For Vitest files: one emulator per file on free ports, reset before each test,
// answering at once unless `options.latency` gives Polar's slowness a profile.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "./server.ts";
import { control } from "./testing.ts";

/**
 * Registers the hooks; `onStart` receives the issuer (the API origin, which
 * every helper in polar-emulator/testing takes) before any test runs.
 */
export function withEmulator(
  onStart: (issuer: string, emulator: RunningEmulator) => void | Promise<void>,
  options: EmulatorOptions = {},
) {
  let emulator: RunningEmulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quiet: true, latency: {}, ...options });
    await onStart(emulator.apiUrl, emulator);
  });
  afterAll(() => emulator?.close());
  beforeEach(async () => {
    await control(emulator!.apiUrl, "reset", {});
  });
}
