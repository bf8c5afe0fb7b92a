// No Polar token reaches the browser (HTML, RSC payloads, JS, cookies) or a log
// line, and the database holds no usable session cookie. (The one-time
// authorization code, polar_ac_, is in the callback URL by design of OAuth,
// but in no log either.)
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "./fixtures";
import { resetDatabase, withDatabase } from "./db";
import { artifacts } from "../test-support/e2e-env";
import { connectOrganization, signInAs } from "./flows";

const TOKEN = /polar_(at|rt|cs)_/;
const TOKEN_OR_CODE = /polar_(at|rt|cs|ac)_/;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

test.beforeEach(async () => {
  await resetDatabase();
});

test("no token in what the app serves, in its client bundle, or in its logs", async ({ page, baseURL }) => {
  const served: string[] = [];
  page.on("response", async (response) => {
    if (!response.url().startsWith(baseURL!)) return;
    const body = await response.text().catch(() => "");
    if (TOKEN.test(body) || TOKEN.test(response.url())) served.push(response.url());
  });

  await signInAs(page);
  await connectOrganization(page, "Nebula Labs");
  await expect(page.getByRole("heading", { level: 1, name: "Nebula Labs" })).toBeVisible();
  await page.goto("/dashboard");
  await page.goto("/dashboard/nebula-labs");
  expect(served).toEqual([]);

  for (const cookie of await page.context().cookies()) expect(cookie.value).not.toMatch(TOKEN);
  // A production build: the session cookie is __Host- prefixed (Secure, host-only, Path=/).
  const sessionCookie = (await page.context().cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(sessionCookie).toMatchObject({
    name: "__Host-authjs.session-token",
    httpOnly: true,
    secure: true,
    sameSite: "Lax",
    path: "/",
    domain: "localhost",
  });
  const session = await (await page.request.get("/api/auth/session")).json();
  expect(Object.keys(session).sort()).toEqual(["expires", "user"]);
  expect(JSON.stringify(session)).not.toMatch(/polar_|token/i);

  const bundle = await filesUnder(path.join(process.env.NEXT_DIST_DIR ?? ".next", "static"));
  expect(bundle.length).toBeGreaterThan(0);
  for (const file of bundle) expect(await readFile(file, "utf8"), file).not.toMatch(TOKEN);

  for (const log of ["app.log", "emulator.log"]) {
    const text = await readFile(path.join(artifacts, log), "utf8");
    expect(text.length, log).toBeGreaterThan(0);
    expect(text, log).not.toMatch(TOKEN_OR_CODE);
  }
});

test("the Session table holds a hash of the session cookie: a dump of it signs nobody in", async ({
  signedIn: page,
  context,
  baseURL,
}) => {
  const cookie = (await context.cookies()).find((c) => c.name === "__Host-authjs.session-token")!;
  const { rows } = await withDatabase((db) => db.query('SELECT "sessionToken" FROM "Session"'));
  expect(rows).toEqual([{ sessionToken: createHash("sha256").update(cookie.value).digest("hex") }]);

  await context.clearCookies();
  await context.addCookies([{ ...cookie, value: rows[0].sessionToken }]);
  expect(await (await page.request.get("/api/auth/session")).json()).toBeNull();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(new RegExp(`^${baseURL}/\\?callbackUrl=`));

  await context.clearCookies();
  await context.addCookies([cookie]);
  expect((await (await page.request.get("/api/auth/session")).json())?.user?.email).toBe("ada@example.com");
});
