import "server-only";
import { cache } from "react";
import { currentUser } from "@/lib/auth/current-user";
import { listConnections, type Connection } from "@/lib/grants/connections";

export type { Connection };

/** The signed-in user's connected organizations (never their tokens), once per request. */
export const connectedOrganizations = cache(async () => listConnections((await currentUser()).id));
