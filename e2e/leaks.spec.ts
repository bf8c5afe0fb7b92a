// No Polar token reaches the browser (HTML, RSC payloads, JS, cookies) or a log
// line. (The one-time authorization code, polar_ac_, is in the callback URL by
// design of OAuth.)
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { resetDatabase } from "./db";
import { artifacts } from "./env";
import { connectOrganization, signIn } from "./flows";

const TOKEN = /polar_(at|rt|cs)_/;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

test("no token in what the app serves, in its client bundle, or in its logs", async ({ page, baseURL }) => {
  await resetDatabase();
  const served: string[] = [];
  page.on("response", async (response) => {
    if (!response.url().startsWith(baseURL!)) return;
    const body = await response.text().catch(() => "");
    if (TOKEN.test(body) || TOKEN.test(response.url())) served.push(response.url());
  });

  await signIn(page);
  await connectOrganization(page, "Nebula Labs");
  await expect(page.getByRole("heading", { level: 1, name: "Nebula Labs" })).toBeVisible();
  await page.goto("/dashboard");
  await page.goto("/dashboard/nebula-labs");
  expect(served).toEqual([]);

  for (const cookie of await page.context().cookies()) expect(cookie.value).not.toMatch(TOKEN);
  const sessionCookie = (await page.context().cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(sessionCookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  const session = await (await page.request.get("/api/auth/session")).json();
  expect(Object.keys(session).sort()).toEqual(["expires", "user"]);
  expect(JSON.stringify(session)).not.toMatch(/polar_|token/i);

  const bundle = await filesUnder(path.join(process.env.NEXT_DIST_DIR ?? ".next", "static"));
  expect(bundle.length).toBeGreaterThan(0);
  for (const file of bundle) expect(await readFile(file, "utf8"), file).not.toMatch(TOKEN);

  for (const log of ["app.log", "emulator.log"]) {
    const text = await readFile(path.join(artifacts, log), "utf8");
    expect(text.length, log).toBeGreaterThan(0);
    expect(text, log).not.toMatch(TOKEN);
  }
});
