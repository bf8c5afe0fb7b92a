// Security headers, the nonce-based Content-Security-Policy on every page, and
// CSRF: a cross-origin POST changes nothing, callbackUrl cannot leave the app.
import { expect, test } from "./fixtures";
import { watchCspViolations } from "./csp-violations";
import { resetDatabase } from "./db";
import { emulatorControl } from "./emulator";
import { connectOrganization, signInAs } from "./flows";

const EVIL = "https://evil.example";

test.beforeEach(async () => {
  await resetDatabase();
  await emulatorControl("reset", {});
});

test("every page runs under a nonce-based CSP with no violation", async ({ page, baseURL }) => {
  const violations = await watchCspViolations(page, baseURL!);
  const policies = new Map<string, string>();
  page.on("response", (response) => {
    const isPage = response.headers()["content-type"]?.startsWith("text/html");
    if (response.request().resourceType() === "document" && isPage && response.url().startsWith(baseURL!)) {
      policies.set(new URL(response.url()).pathname, response.headers()["content-security-policy"] ?? "");
    }
  });

  await page.goto("/");
  await signInAs(page);
  await connectOrganization(page, "Acme Analytics");
  await expect(page.getByRole("heading", { level: 1, name: "Acme Analytics" })).toBeVisible();
  for (const path of [
    "/dashboard",
    "/dashboard/acme-analytics",
    "/dashboard/acme-analytics/products",
    "/dashboard/acme-analytics/orders",
    "/dashboard/acme-analytics/customers",
    "/dashboard/acme-analytics/subscriptions",
    "/dashboard/no-such-organization",
    "/auth/error?error=InvalidCheck",
    "/no-such-page",
  ]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  // Client-side navigation after hydration (scripts ran under the policy).
  await page.goto("/dashboard/acme-analytics");
  await page.getByRole("link", { name: "Polar Starter" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in with Polar" })).toBeVisible();

  expect(violations).toEqual([]);
  expect(policies.size).toBeGreaterThanOrEqual(9);
  for (const [path, policy] of policies) {
    expect(policy, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
    expect(policy, path).toContain("frame-ancestors 'none'");
    expect(policy, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  }
});

test("responses carry the security headers, with a fresh nonce per request", async ({ request }) => {
  const [first, second] = await Promise.all([request.get("/"), request.get("/")]);
  const headers = first.headers();
  expect(headers).toMatchObject({
    "strict-transport-security": "max-age=63072000; includeSubDomains",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
  });
  expect(headers["permissions-policy"]).toContain("camera=()");
  const nonce = (response: typeof first) =>
    response.headers()["content-security-policy"]?.match(/'nonce-([^']+)'/)?.[1];
  expect(nonce(first)).toBeTruthy();
  expect(nonce(first)).not.toBe(nonce(second));
  expect(await first.text()).toContain(`nonce="${nonce(first)}"`);

  const api = await request.get("/api/auth/providers");
  expect(api.headers()["content-security-policy"]).toMatch(/^default-src 'none';.*frame-ancestors 'none'/);
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
});

test("a cross-origin POST to a server action is refused", async ({ signedIn: page }) => {
  const signOutAction = await page
    .locator('form input[type="hidden"][name^="$ACTION_ID_"]')
    .first()
    .getAttribute("name");
  const actionId = signOutAction!.replace("$ACTION_ID_", "");
  const callAction = (origin: string) =>
    page.request.post("/dashboard", {
      headers: { origin, "next-action": actionId, "content-type": "text/plain;charset=UTF-8" },
      data: "[]",
      maxRedirects: 0,
    });

  const forged = await callAction(EVIL);
  expect(forged.status()).toBe(500);
  expect((await (await page.request.get("/api/auth/session")).json())?.user?.email).toBe("ada@example.com");

  // The same request from the app's own origin does sign out: the refusal was the Origin check.
  const genuine = await callAction(new URL(page.url()).origin);
  expect(genuine.ok()).toBe(true);
  expect(await (await page.request.get("/api/auth/session")).json()).toBeNull();
});

test("Auth.js refuses a state-changing POST without its CSRF token", async ({ signedIn: page }) => {
  const forged = await page.request.post("/api/auth/signout", {
    headers: { origin: EVIL },
    form: { callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(302);
  expect(forged.headers().location).toMatch(/\/auth\/error\?error=MissingCSRF$/);
  expect((await (await page.request.get("/api/auth/session")).json())?.user?.email).toBe("ada@example.com");
});

test("callbackUrl cannot send the browser to another site", async ({ signedIn: page, baseURL }) => {
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  for (const callbackUrl of [`${EVIL}/phish`, "//evil.example/phish", "/\\evil.example"]) {
    const response = await page.request.post("/api/auth/signin/polar", {
      form: { csrfToken, callbackUrl },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
    const cookie = (await page.context().cookies()).find((c) => c.name.endsWith("authjs.callback-url"));
    expect(decodeURIComponent(cookie?.value ?? ""), callbackUrl).toBe(baseURL);
  }
});
