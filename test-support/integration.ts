// The set-up of the app's integration tests (the Vitest files under lib/ and
// scripts/ that use the database, Polar's emulator or both): the tables emptied
// and the emulator reset before each test, the grant fixtures, and the
// variables a file stubs (vi.stubEnv) and the functions it spies on restored
// after its last test, since the files of the shared project (isolate: false)
// share one worker, its modules and the database client. The emulator is the
// run's (test-support/emulator-global-setup.ts).
import { afterAll, beforeAll, beforeEach, inject, vi } from "vitest";
import { control } from "polar-emulator/testing";
import { db, type Database } from "@/lib/db/client";
import { grantFixtures } from "./grant-fixtures";
import { RESET_DATABASE } from "./reset-database";

/** What a file that talks to Polar gets once its set-up has run. */
export interface PolarSetUp {
  /** The emulator's API origin (the issuer), which every helper in polar-emulator/testing takes. */
  issuer: string;
  /** Grants from the emulator, stored through the app's database client. */
  grants: ReturnType<typeof grantFixtures>;
}

/**
 * The set-up of a file that uses the database: every table emptied before each
 * test; after its last test, the variables it stubbed and the functions it spied
 * on restored, and the client's pool closed (the next file's first query opens
 * it again). Returns the app's database client.
 */
export function setUpDatabase(): Database {
  beforeEach(async () => {
    await db.$executeRawUnsafe(RESET_DATABASE);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    await db.$disconnect();
  });
  return db;
}

/**
 * The set-up of a file that uses the database and Polar: setUpDatabase's, and the
 * emulator reset before each test. `onReady` runs once, before the file's first
 * test, with the emulator's origin and the grant fixtures; files import the
 * app's modules there, after anything they put between the app and Polar.
 */
export function setUpEmulator(onReady: (polar: PolarSetUp) => void | Promise<void>): Database {
  const issuer = inject("polarIssuer");
  beforeAll(() => onReady({ issuer, grants: grantFixtures(issuer, db) }));
  beforeEach(async () => {
    await control(issuer, "reset", {});
  });
  return setUpDatabase();
}
