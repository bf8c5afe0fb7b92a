// Vitest strips types; this runs the compiler over the emulator so the
// serializers stay assignable to @polar-sh/sdk's models (see api.test.ts).
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

it("type-checks against @polar-sh/sdk's models", async () => {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const project = fileURLToPath(new URL("../tsconfig.json", import.meta.url));
  const output = await new Promise<string>((resolve) => {
    execFile(process.execPath, [tsc, "-p", project], (error, stdout, stderr) =>
      resolve(error ? `${stdout}${stderr}` : ""),
    );
  });
  expect(output).toBe("");
}, 60_000);
