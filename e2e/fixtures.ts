// The specs' common set-up as Playwright fixtures: a page signed in as a seeded
// user, and one that has also connected an organization, each through the real
// emulator flow (e2e/flows.ts). `user` and `organization` are options: a spec
// or a group picks others with test.use. Fixtures run after the beforeEach
// hooks, so a spec's reset of the database and the emulator comes first.
import { expect, test as base, type Page } from "@playwright/test";
import { connectOrganization, settled, signInAs } from "./flows";

/** The fixtures' options. */
interface SetUpOptions {
  /** The seeded user who signs in (the emulator's "Continue as …"). */
  user: string;
  /** The organization the user connects, by its name on Polar's picker. */
  organization: string;
}

/** Pages past the set-up. */
interface SetUpPages {
  /** The test's page, signed in as `user`, on the dashboard. */
  signedIn: Page;
  /** The test's page, signed in as `user` and connected to `organization`, on its overview. */
  connected: Page;
}

export const test = base.extend<SetUpOptions & SetUpPages>({
  user: ["Ada Lovelace", { option: true }],
  organization: ["Acme Analytics", { option: true }],
  signedIn: async ({ page, user }, provide) => {
    await signInAs(page, user);
    await provide(page);
  },
  connected: async ({ signedIn, user, organization }, provide) => {
    await connectOrganization(signedIn, organization, user);
    // Landed, with every panel read: no read of the set-up meets what the test changes at Polar next.
    await expect(signedIn).toHaveURL(/\/dashboard\/[^/?]+$/);
    await settled(signedIn);
    await provide(signedIn);
  },
});

export { expect } from "@playwright/test";
