// The app's icons: every page declares them, they load, and loading a page
// asks the app for nothing it does not have (a missing favicon is a 404 in
// every browser's console).
import { expect, test } from "@playwright/test";

test("a page load requests no missing file, and its icons load", async ({ page, baseURL }) => {
  const failures: string[] = [];
  page.on("response", (response) => {
    if (response.url().startsWith(baseURL!) && response.status() >= 400) {
      failures.push(`${response.status()} ${response.url()}`);
    }
  });
  page.on("requestfailed", (request) => {
    if (request.url().startsWith(baseURL!)) failures.push(`${request.failure()?.errorText} ${request.url()}`);
  });
  page.on("console", (message) => {
    if (message.type() === "error") failures.push(`console: ${message.text()}`);
  });

  await page.goto("/");
  await page.waitForLoadState("networkidle");
  expect(failures).toEqual([]);

  const icons = await page
    .locator('link[rel="icon"], link[rel="apple-touch-icon"]')
    .evaluateAll((links) => links.map((link) => [link.getAttribute("rel"), (link as HTMLLinkElement).href]));
  expect(icons.map(([rel]) => rel).sort()).toEqual(["apple-touch-icon", "icon"]);
  for (const [rel, href] of icons) {
    const response = await page.request.get(href!);
    expect(response.status(), `${rel} ${href}`).toBe(200);
    expect(response.headers()["content-type"], `${rel} ${href}`).toMatch(/^image\/(svg\+xml|png)/);
  }
});
