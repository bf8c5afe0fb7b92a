// The load benchmark's population: the emulator's generated users
// (load-user-…@example.com), spread round-robin over its generated
// organizations, each signed in to the app over OAuth with their
// organization connected.
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { loadPopulation, loadUserEmail } from "polar-emulator/load-population";
import { signInToApp, type AppSession } from "./app-sign-in.ts";

/** One signed-in person of the population. */
export interface LoadPerson extends AppSession {
  /** Which generated user (1-based): user n belongs to organization ((n - 1) mod organizations) + 1. */
  n: number;
}

/**
 * Sign-ins at once, and how many may start a minute. Each sign-in makes three
 * requests Polar counts per IP address (500 a minute) rather than per OAuth
 * client: two code exchanges and the introspection of the sign-in grant; every
 * sign-in of the benchmark comes from the app's one address, so 150 a minute
 * keep it at 450. Each connect also makes one Polar API call within the app's
 * budget (450 a minute).
 */
const SIGN_IN_CONCURRENCY = 16;
const SIGN_INS_PER_MINUTE = 150;

/** The emulator's environment for `organizations` × `people` generated users. */
export const populationEnv = (organizations: number, people: number) => ({
  EMULATOR_LOAD_USERS: String(organizations * people),
  EMULATOR_LOAD_ORGANIZATIONS: String(organizations),
});

/** The slugs of the generated organizations by their ids (a cache entry's tenant names the id). */
export function organizationSlugs(organizations: number, people: number) {
  const { catalogue } = loadPopulation({ users: organizations * people, organizations });
  return new Map(catalogue.map(({ organization }) => [organization.id, organization.slug]));
}

/**
 * Signs in all `users` generated users, SIGN_IN_CONCURRENCY at a time and at
 * most SIGN_INS_PER_MINUTE, each connecting their organization; prints how far
 * it got every quarter.
 */
export async function signInEveryone(appUrl: string, users: number): Promise<LoadPerson[]> {
  const started = performance.now();
  const people: LoadPerson[] = [];
  let next = 1;
  const signInNext = async () => {
    while (next <= users) {
      const n = next++;
      const due = started + ((n - 1) * 60_000) / SIGN_INS_PER_MINUTE - performance.now();
      if (due > 0) await sleep(due);
      people.push({ n, ...(await signInToApp(appUrl, { userEmail: loadUserEmail(n, users) })) });
      if (people.length % Math.ceil(users / 4) === 0 && people.length < users)
        console.log(
          `  signed in ${people.length} of ${users} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
        );
    }
  };
  await Promise.all(Array.from({ length: SIGN_IN_CONCURRENCY }, signInNext));
  return people.sort((a, b) => a.n - b.n);
}
