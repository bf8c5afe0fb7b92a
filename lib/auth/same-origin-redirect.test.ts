import { describe, expect, it } from "vitest";
import { sameOriginRedirect } from "./same-origin-redirect";

const baseUrl = "https://app.example.com";
const redirect = (url: string) => sameOriginRedirect({ url, baseUrl });

describe("sameOriginRedirect", () => {
  it("keeps paths and URLs on the app's origin", () => {
    expect(redirect("/dashboard/acme?tab=orders")).toBe("https://app.example.com/dashboard/acme?tab=orders");
    expect(redirect("https://app.example.com/dashboard")).toBe("https://app.example.com/dashboard");
  });

  it.each([
    "https://evil.example",
    "//evil.example/dashboard",
    "/\\evil.example",
    "\\\\evil.example",
    "https://app.example.com.evil.example/",
    "http://app.example.com/dashboard",
    "javascript:alert(1)",
    "https://app.example.com:8443/",
  ])("sends %s home", (url) => {
    expect(redirect(url)).toBe(baseUrl);
  });
});
