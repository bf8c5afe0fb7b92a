import type { Page } from "@playwright/test";

/**
 * Collects every Content-Security-Policy violation on the app's own pages: the
 * browser's console reports and `securitypolicyviolation` events (the emulator's
 * pages on another origin are not the app's business).
 */
export async function watchCspViolations(page: Page, appOrigin: string) {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (
      page.url().startsWith(appOrigin) &&
      /Content Security Policy|securitypolicyviolation/i.test(message.text())
    ) {
      violations.push(`${page.url()}: ${message.text()}`);
    }
  });
  await page.addInitScript((origin) => {
    if (location.origin !== origin) return;
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(
        `securitypolicyviolation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`,
      );
    });
  }, appOrigin);
  return violations;
}
