// For Vitest files: one emulator per file on a free port, reset before each test.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startEmulator, type RunningEmulator } from "./server.ts";
import { control } from "./testing.ts";

/** Registers the hooks; `onStart` receives the emulator's URL before any test runs. */
export function withEmulator(onStart: (url: string) => void | Promise<void>) {
  let emulator: RunningEmulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quiet: true });
    await onStart(emulator.url);
  });
  afterAll(() => emulator?.close());
  beforeEach(async () => {
    await control(emulator!.url, "reset", {});
  });
}
