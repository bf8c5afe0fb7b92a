// The login and consent pages of polar.sh's authorization flow, on the web
// origin. oidc-provider decides which one a request needs: the login page when
// no one is signed in on this browser (its session cookie), the consent page
// when the signed-in user has not already granted the requested scopes to the
// client (consents.ts). "Use another account" signs the browser out.
//
//   GET  /oauth2/interaction/:uid           the login or the consent page
//   POST /oauth2/interaction/:uid/login     user_id → signs that user in on this browser
//   POST /oauth2/interaction/:uid/confirm   action=allow|deny, organizations=<id> (sub_type=organization)
//   POST /oauth2/interaction/:uid/switch    signs out, back to the login page
import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import { ORGANIZATION_REQUIRED, rememberConsent } from "./consents.ts";
import { accessibleOrganizationIds } from "./access.ts";
import { memberOrganizations } from "./memberships.ts";
import { findClient } from "./directory.ts";
import { saveGrant } from "./grants.ts";
import { readForm, redirect, sendHtml } from "./http.ts";
import { WEB_ROUTES } from "./routes.ts";
import { parseScope } from "./scopes.ts";
import type { EmulatorState, Subject } from "./state.ts";
import { consentPage } from "./views/consent.ts";
import { errorPage } from "./views/error.ts";
import { loginPage } from "./views/login.ts";

const PATH = new RegExp(`^${WEB_ROUTES.interaction}/([\\w-]+)(?:/(login|confirm|switch))?$`);

type Outcome = { subject: Subject } | { error: string; error_description: string };

/**
 * The organizations a consent down-scopes the token to, as Polar resolves them
 * (grants/authorization_code.py `_resolve_organization_ids`): those picked,
 * each one the session can reach, else 400 invalid_request "Organization …
 * is not accessible"; none picked is an unrestricted token. sub_type=organization
 * must pick one: none is a 400 invalid_request, several (a tampered form)
 * keep the first by id (test_oauth2.py
 * `test_organization_sub_type_requires_an_organization`). On the page
 * "All organizations" sends no pick, as Polar's selector sends no checkbox.
 */
function consentSubject(state: EmulatorState, userId: string, subType: string, picked: string[]): Outcome {
  const accessible = new Set(accessibleOrganizationIds(state, { type: "user", userId, organizationIds: [] }));
  const foreign = picked.find((id) => !accessible.has(id));
  if (foreign !== undefined)
    return { error: "invalid_request", error_description: `Organization ${foreign} is not accessible` };
  const organizationIds = [...new Set(picked)].sort();
  if (subType !== "organization") return { subject: { type: "user", userId, organizationIds } };
  const [organizationId] = organizationIds;
  if (organizationId === undefined)
    return { error: "invalid_request", error_description: ORGANIZATION_REQUIRED };
  return { subject: { type: "user", userId, organizationIds: [organizationId] } };
}

/**
 * What the consent form picked. The page's "All organizations" / "Specific
 * organizations" switch stands in for Polar's selector, which leaves the
 * checkboxes out in "all" mode and keeps Allow disabled until "specific" has
 * one checked (OrganizationSelector.tsx).
 */
function pickedOrganizations(form: URLSearchParams): string[] | "none-checked" {
  const access = form.get("organization_access");
  if (access === "all") return [];
  const picked = form.getAll("organizations");
  return access === "specific" && picked.length === 0 ? "none-checked" : picked;
}

/** The consent page's organizations (oauth2/endpoints/oauth2.py `authorize`): those the session can reach. */
function pickableOrganizations(state: EmulatorState, userId: string) {
  const accessible = accessibleOrganizationIds(state, { type: "user", userId, organizationIds: [] });
  return memberOrganizations(state, userId).filter((org) => accessible.includes(org.id));
}

export function createInteractions(provider: Provider, state: EmulatorState) {
  const finish = (req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>) =>
    provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });

  return async function handleInteraction(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
  ): Promise<boolean> {
    const match = PATH.exec(pathname);
    if (!match) return false;
    const [, uid, step] = match;

    const details = await provider.interactionDetails(req, res).catch(() => undefined);
    const client = details ? findClient(state, details.params["client_id"] ?? "") : undefined;
    if (!details || details.uid !== uid || !client) {
      sendHtml(
        res,
        400,
        errorPage({
          title: "This sign-in has expired",
          error: "invalid_request",
          description:
            "The authorization request expired or was already completed. Start signing in again from the app.",
        }),
      );
      return true;
    }

    const base = `${WEB_ROUTES.interaction}/${uid}`;
    const { data } = state;
    const user = details.session ? data.findUser(details.session.accountId) : undefined;

    if (req.method === "POST" && step === "login") {
      const picked = data.findUser((await readForm(req)).get("user_id") ?? "");
      if (picked) await finish(req, res, { login: { accountId: picked.id } });
      else redirect(res, base);
      return true;
    }
    if (req.method === "POST" && step === "switch") {
      const session = details.session?.cookie
        ? await provider.Session.find(details.session.cookie)
        : undefined;
      await session?.destroy();
      delete details.session;
      await details.persist();
      redirect(res, base);
      return true;
    }
    if (!user) {
      sendHtml(res, 200, loginPage({ action: `${base}/login`, clientName: client.client_name, data }));
      return true;
    }

    // sub_type was validated by authorize-checks.ts before oidc-provider saw the request.
    const subType = details.params["sub_type"] === "organization" ? "organization" : "user";
    const scopes = parseScope(details.params["scope"]);
    if (req.method !== "POST" || step !== "confirm") {
      sendHtml(
        res,
        200,
        consentPage({
          action: `${base}/confirm`,
          switchAction: `${base}/switch`,
          clientName: client.client_name,
          user,
          scopes,
          subType,
          organizations: pickableOrganizations(state, user.id),
        }),
      );
      return true;
    }

    const form = await readForm(req);
    if (form.get("action") !== "allow") {
      await finish(req, res, {
        error: "access_denied",
        error_description: "The resource owner or authorization server denied the request",
      });
      return true;
    }
    const picked = pickedOrganizations(form);
    const outcome: Outcome =
      picked === "none-checked"
        ? {
            error: "invalid_request",
            error_description: "Select at least one organization, or choose All organizations.",
          }
        : consentSubject(state, user.id, subType, picked);
    if ("error" in outcome) {
      sendHtml(
        res,
        400,
        errorPage({
          title: "Authorization failed",
          error: outcome.error,
          description: outcome.error_description,
        }),
      );
      return true;
    }
    const grantId = await saveGrant(provider, state, {
      accountId: user.id,
      clientId: client.client_id,
      scopes,
      subject: outcome.subject,
    });
    rememberConsent(state, user.id, client.client_id, scopes);
    state.stats.authorizations += 1;
    await finish(req, res, { consent: { grantId } });
    return true;
  };
}
