// The grant check against the real PostgreSQL and the emulator: Polar's answer
// to GET /v1/organizations/{id} with the grant's own token decides whether
// cached data may be served through it, once per grant per interval, whoever
// asks and however many ask at once.
import { beforeEach, expect, it, vi } from "vitest";
import { ACME_ID, NEBULA_ID } from "polar-emulator/seed";
import { setUpEmulator, type PolarSetUp } from "@/test-support/integration";

type Fixtures = PolarSetUp["grants"];

let grantCheckProblem: typeof import("./grant-check").grantCheckProblem;
let callWithGrant: typeof import("./grant-call").callWithGrant;
let control: Fixtures["control"];
let organizationGrant: Fixtures["organizationGrant"];

const db = setUpEmulator(async ({ grants }) => {
  ({ grantCheckProblem } = await import("./grant-check"));
  ({ callWithGrant } = await import("./grant-call"));
  ({ control, organizationGrant } = grants);
});

beforeEach(() => {
  vi.stubEnv("POLAR_GRANT_CHECK_SECONDS", undefined);
});

/** A connection to `organizationId` holding a grant Polar issued for `grantedFor` (the same, unless said). */
async function connection(organizationId: string, grantedFor = organizationId) {
  const tokens = await organizationGrant(grantedFor);
  const user = await db.user.create({ data: { email: `ada+${crypto.randomUUID()}@example.com` } });
  const row = await db.organizationConnection.create({
    data: {
      userId: user.id,
      organizationId,
      organizationSlug: `org-${user.id}`,
      organizationName: "Organization",
      access_token: tokens.access_token,
      refresh_token: tokens.refresh_token,
      expires_at: Math.floor(Date.now() / 1000) + 3600,
    },
  });
  return {
    tokens,
    grant: { table: "OrganizationConnection", id: row.id, userId: user.id, organizationId } as const,
  };
}

const state = (id: string) =>
  db.organizationConnection.findUniqueOrThrow({
    where: { id },
    select: { grantCheckedAt: true, grantCheck: true, needsReconnect: true, reconnectReason: true },
  });

async function checks() {
  const { api } = (await control("stats")) as { api: Record<string, number> };
  return api["GET /v1/organizations/{id}"] ?? 0;
}

it("asks Polar once per grant per interval, however many requests need the answer at once", async () => {
  const { grant } = await connection(NEBULA_ID);
  const unchecked = await state(grant.id);
  const answers = await Promise.all(Array.from({ length: 20 }, () => grantCheckProblem(grant, unchecked)));
  expect(answers.every((answer) => answer === null)).toBe(true);
  expect(await checks()).toBe(1);
  const checked = await state(grant.id);
  expect(checked.grantCheck).toBe("confirmed");
  // Within the interval the stored answer stands, even for a request that read
  // the connection before the check; past it, Polar is asked again.
  expect(await grantCheckProblem(grant, checked)).toBeNull();
  expect(await grantCheckProblem(grant, unchecked)).toBeNull();
  expect(await checks()).toBe(1);
  vi.stubEnv("POLAR_GRANT_CHECK_SECONDS", "5");
  await db.organizationConnection.update({
    where: { id: grant.id },
    data: { grantCheckedAt: new Date(Date.now() - 6_000) },
  });
  expect(await grantCheckProblem(grant, await state(grant.id))).toBeNull();
  expect(await checks()).toBe(2);
});

it("hands over the organization a confirmed check read, and nothing otherwise", async () => {
  const { grant } = await connection(NEBULA_ID);
  const read: string[] = [];
  expect(await grantCheckProblem(grant, await state(grant.id), (org) => read.push(org.slug))).toBeNull();
  expect(read).toEqual(["nebula-labs"]);
  const denied = await connection(NEBULA_ID, ACME_ID);
  await grantCheckProblem(denied.grant, await state(denied.grant.id), (org) => read.push(org.slug));
  expect(read).toEqual(["nebula-labs"]);
});

it("marks a grant Polar revoked for reconnecting at once", async () => {
  const { grant, tokens } = await connection(NEBULA_ID);
  await control("revoke", { refresh_token: tokens.refresh_token });
  expect(await grantCheckProblem(grant, await state(grant.id))).toEqual({
    kind: "reconnect",
    reason: undefined,
  });
  expect(await state(grant.id)).toMatchObject({ needsReconnect: true, reconnectReason: "revoked" });
});

it("records that Polar no longer lets the person see the organization", async () => {
  // A grant for Acme Analytics checked against Nebula Labs: Polar answers 404,
  // as it does to a person who is no longer a member.
  const { grant } = await connection(NEBULA_ID, ACME_ID);
  expect(await grantCheckProblem(grant, await state(grant.id))).toEqual({ kind: "denied" });
  expect(await state(grant.id)).toMatchObject({ grantCheck: "denied", needsReconnect: false });
  // Until the next check, the answer stands without asking Polar.
  expect(await grantCheckProblem(grant, await state(grant.id))).toEqual({ kind: "denied" });
  expect(await checks()).toBe(1);
});

it("records nothing when Polar cannot answer, and lets the next request ask again", async () => {
  const { grant } = await connection(NEBULA_ID);
  await control("api-failures", { status: 503, path: "/v1/organizations", count: 1 });
  expect(await grantCheckProblem(grant, await state(grant.id))).toEqual({ kind: "unavailable" });
  expect(await state(grant.id)).toMatchObject({ grantCheckedAt: null, grantCheck: null });
  expect(await grantCheckProblem(grant, await state(grant.id))).toBeNull();
});

it("marks the grant when a data read gets 401 that no rotation explains", async () => {
  const { grant, tokens } = await connection(NEBULA_ID);
  await control("revoke", { refresh_token: tokens.refresh_token });
  const read = callWithGrant(grant, "interactive", (polar) => polar.products.list({}));
  await expect(read).rejects.toMatchObject({ name: "GrantRefusedError" });
  expect(await state(grant.id)).toMatchObject({ needsReconnect: true, reconnectReason: "revoked" });
});
