// A setup file of the app's projects (vitest.config.ts), run before each test
// file: the app reaches Polar at the run's emulator. The app reads
// POLAR_EMULATOR_URL once, when lib/polar/server.ts loads, which in the shared
// project (isolate: false) happens once for every file.
import { inject } from "vitest";

process.env.POLAR_EMULATOR_URL = inject("polarIssuer");
