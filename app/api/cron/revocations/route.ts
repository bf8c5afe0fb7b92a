import { revocationCron } from "@/lib/cron/revocations";

export const maxDuration = 60;
export const GET = revocationCron;
