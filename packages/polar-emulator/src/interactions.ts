import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import { users } from "./data/seed.ts";
import { findClient, findUser, organizationsOf } from "./directory.ts";
import { readForm, redirect, sendHtml } from "./http.ts";
import { ROUTES } from "./routes.ts";
import { parseScope } from "./scopes.ts";
import type { EmulatorState, Subject } from "./state.ts";
import { consentPage } from "./views/consent.ts";
import { errorPage } from "./views/error.ts";
import { loginPage } from "./views/login.ts";

const PATH = new RegExp(`^${ROUTES.interaction}/([\\w-]+)(?:/(login|confirm|switch))?$`);

// Login and consent pages. Unlike polar.sh, the emulator keeps no login session
// and remembers no consent: every authorization asks for the account and shows
// the consent screen, so a flow always looks the same to a test.
export function createInteractions(provider: Provider, state: EmulatorState) {
  const finish = (req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>) =>
    provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });

  return async function handleInteraction(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    const match = PATH.exec(pathname);
    if (!match) return false;
    const [, uid, step] = match;

    const details = await provider.interactionDetails(req, res).catch(() => undefined);
    const client = details ? findClient(details.params["client_id"] ?? "") : undefined;
    if (!details || details.uid !== uid || !client) {
      sendHtml(
        res,
        400,
        errorPage({
          title: "This sign-in has expired",
          error: "invalid_request",
          description: "The authorization request expired or was already completed. Start signing in again from the app.",
        }),
      );
      return true;
    }

    const base = `${ROUTES.interaction}/${uid}`;
    // sub_type was validated by authorize-checks.ts before oidc-provider saw the request.
    const subType = details.params["sub_type"] === "organization" ? "organization" : "user";
    const scopes = parseScope(details.params["scope"]);

    const userId = state.pendingLogins.get(uid);
    const user = userId ? findUser(userId) : undefined;

    if (req.method === "POST" && step === "login") {
      const picked = findUser((await readForm(req)).get("user_id") ?? "");
      if (picked) state.pendingLogins.set(uid, picked.id);
      redirect(res, base);
      return true;
    }
    if (req.method === "POST" && step === "switch") {
      state.pendingLogins.delete(uid);
      redirect(res, base);
      return true;
    }
    if (!user) {
      sendHtml(res, 200, loginPage({ action: `${base}/login`, clientName: client.client_name, users }));
      return true;
    }

    const organizations = organizationsOf(user.id);
    const page = (status: number, error?: string) =>
      sendHtml(
        res,
        status,
        consentPage({
          action: `${base}/confirm`,
          switchAction: `${base}/switch`,
          clientName: client.client_name,
          user,
          scopes,
          subType,
          organizations,
          error,
        }),
      );

    if (req.method !== "POST" || step !== "confirm") {
      page(200);
      return true;
    }

    const form = await readForm(req);
    if (form.get("action") !== "allow") {
      state.pendingLogins.delete(uid);
      await finish(req, res, {
        error: "access_denied",
        error_description: "The resource owner or authorization server denied the request",
      });
      return true;
    }

    let subject: Subject = { type: "user", userId: user.id };
    if (subType === "organization") {
      const org = organizations.find((candidate) => candidate.id === form.get("organization_id"));
      if (!org) {
        page(400, "Choose the organization to grant access to.");
        return true;
      }
      subject = { type: "organization", organizationId: org.id, userId: user.id };
    }

    const grant = new provider.Grant({ accountId: user.id, clientId: client.client_id });
    grant.addOIDCScope(scopes.join(" "));
    const grantId = await grant.save();
    state.subjects.set(grantId, subject);
    state.pendingLogins.delete(uid);
    state.stats.authorizations += 1;
    await finish(req, res, { login: { accountId: user.id }, consent: { grantId } });
    return true;
  };
}
