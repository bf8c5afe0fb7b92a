import { handlers } from "@/auth";
import { withSpecificAuthErrors } from "@/lib/auth/auth-errors";

export const GET = withSpecificAuthErrors(handlers.GET);
export const POST = withSpecificAuthErrors(handlers.POST);
