import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { cronSecret } from "@/lib/env";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Whether `request` comes from Vercel Cron: it sends `Authorization: Bearer
 * <CRON_SECRET>`. Compared in constant time. Without CRON_SECRET nothing
 * passes, and the log says why.
 */
export function isCronRequest(request: Request) {
  const secret = cronSecret();
  if (!secret) {
    console.error(
      "[cron] CRON_SECRET is not set, so cron routes refuse every call: set it in the project's environment variables (see .env.example).",
    );
    return false;
  }
  const sent = request.headers.get("authorization") ?? "";
  return timingSafeEqual(digest(sent), digest(`Bearer ${secret}`));
}
