// A tenant is whose Polar data a read is: an organization's, shared by everyone
// connected to it, or one person's own (their list of organizations). The read
// cache keeps each tenant's entries apart (and bounded), and each tenant gets a
// share of the OAuth client's request budget.

export const organizationTenant = (organizationId: string) => `organization:${organizationId}`;

export const userTenant = (userId: string) => `user:${userId}`;
