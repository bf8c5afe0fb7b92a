// A server process that claims a grant's lease with the app's own code and then
// hangs until it is killed (lib/grants/refresh-faults.test.ts "crash"). Prints
// the lease as one JSON line once it holds it. Run with
// `node --import ./test-support/app-module-hooks.ts`; argv: table, grant id.
import type { GrantTable } from "@/lib/grants/grant-row";

const [table, grantId] = process.argv.slice(2) as [GrantTable, string];
const { claimLease } = await import("@/lib/grants/grant-lease");
const lease = await claimLease(table, grantId);
console.log(JSON.stringify(lease));
setInterval(() => {}, 60_000);
