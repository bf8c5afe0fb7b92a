// The layering in eslint.config.mjs refuses each back-edge, static or dynamic,
// and lets the imports that run the right way through.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: import.meta.dirname });

/** The messages of the import rules for `code` as if it were the file `filePath`. */
async function importErrors(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "no-restricted-syntax")
    .map((m) => m.message);
}

describe("refused", () => {
  it.each([
    ["lib/polar/x.ts", `import { db } from "@/lib/db/client";`, /lib\/polar cannot import lib\/db/],
    [
      "lib/polar/x.ts",
      `export const load = () => import("@/lib/polar-cache/read-cache");`,
      /lib\/polar cannot import lib\/polar-cache/,
    ],
    ["lib/grants/x.ts", `import { auth } from "@/auth";`, /lib\/grants cannot import lib\/auth/],
    [
      "lib/grants/x.test.ts",
      `let route: typeof import("@/app/api/cron/revocations/route");`,
      /lib\/ does not import app\//,
    ],
    [
      "lib/dashboard/x.ts",
      `import { Pagination } from "@/components/pagination";`,
      /lib\/ does not import app\/ or components\//,
    ],
    ["lib/db/x.ts", `import { env } from "../env";`, /as @\/lib\/<folder>/],
    ["lib/dashboard/x.ts", `import { seed } from "polar-emulator/seed";`, /over HTTP only/],
    ["app/x.tsx", `import { db } from "@/lib/db/client";`, /app\/ and components\/ do not reach lib\/db/],
    ["app/x.tsx", `import { grantCall } from "@/lib/grants/grant-call";`, /do not reach lib\/grants/],
    [
      "components/x.tsx",
      `import { cachedRead } from "@/lib/polar-cache/read-cache";`,
      /do not reach lib\/polar-cache/,
    ],
    [
      "scripts/lib/x.ts",
      `import { signInAs } from "../../e2e/flows";`,
      /Scripts do not import the e2e suite/,
    ],
    ["test-support/x.ts", `import { signInAs } from "../e2e/flows";`, /does not import it/],
    [
      "packages/polar-emulator/src/x.ts",
      `import { db } from "../../../lib/db/client.ts";`,
      /A package stands alone/,
    ],
  ])("%s: %s", async (filePath, code, message) => {
    expect(await importErrors(filePath, code)).toEqual([expect.stringMatching(message)]);
  });
});

describe("allowed", () => {
  it.each([
    ["lib/dashboard/x.ts", `import { db } from "@/lib/db/client";`],
    ["lib/grants/x.ts", `import { callPolar } from "@/lib/polar-cache/call-polar";`],
    ["lib/auth/x.ts", `import { auth } from "@/auth";`],
    ["app/x.tsx", `import { productsLoader } from "@/lib/dashboard/products";`],
    ["lib/grants/x.test.ts", `import { withEmulator } from "polar-emulator/vitest";`],
    [
      "packages/polar-emulator/src/data/x.ts",
      `import { READ_SCOPES } from "../../../../lib/polar/scopes.ts";`,
    ],
  ])("%s: %s", async (filePath, code) => {
    expect(await importErrors(filePath, code)).toEqual([]);
  });
});
