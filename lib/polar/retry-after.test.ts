import { describe, expect, it } from "vitest";
import { retryAfterSeconds } from "./retry-after";

describe("retryAfterSeconds", () => {
  const now = Date.UTC(2026, 11, 6, 12, 0, 0);

  it("reads seconds and HTTP dates (RFC 9110 §10.2.3)", () => {
    expect(retryAfterSeconds("60", now)).toBe(60);
    expect(retryAfterSeconds(" 7 ", now)).toBe(7);
    expect(retryAfterSeconds(new Date(now + 30_000).toUTCString(), now)).toBe(30);
    expect(retryAfterSeconds("Sun, 06 Dec 2026 12:01:30 GMT", now)).toBe(90);
  });

  it("waits at least a second and at most ten minutes", () => {
    expect(retryAfterSeconds("0", now)).toBe(1);
    expect(retryAfterSeconds(new Date(now - 60_000).toUTCString(), now)).toBe(1);
    expect(retryAfterSeconds("86400", now)).toBe(600);
    expect(retryAfterSeconds(new Date(now + 3_600_000).toUTCString(), now)).toBe(600);
  });

  it("has no answer for an absent or unreadable header", () => {
    for (const header of [null, "", "soon", "-5", "1.5"]) expect(retryAfterSeconds(header, now)).toBeNull();
  });
});
