// The one statement every test uses to empty the app's tables (the migrations
// table stays), whichever client runs it.

/** Empties every table of prisma/schema.prisma. */
export const RESET_DATABASE =
  'TRUNCATE "User", "Account", "Session", "OrganizationConnection", "VerificationToken", "PolarCache", "PolarBudget", "PolarCacheRefresh", "RevocationOutbox" CASCADE';
