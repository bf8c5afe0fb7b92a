// What each sign-in error code means to the person who hit it. The codes are
// Auth.js's, made specific by lib/auth/auth-errors.ts.

export interface Explanation {
  title: string;
  body: string[];
}

export const explanations: Record<string, Explanation> = {
  AccessDenied: {
    title: "Access wasn’t granted",
    body: [
      "You chose Deny on Polar’s consent screen, so Polar shared nothing with this app.",
      "If that was a mistake, start again and choose Allow.",
    ],
  },
  InvalidCheck: {
    title: "This sign-in couldn’t be verified",
    body: [
      "A sign-in has to finish in the same browser that started it, within 15 minutes. This one came back without the matching security check, for example because it was opened in another browser or tab, took too long, or cookies were cleared.",
      "Nothing was signed in. Start again from this browser.",
    ],
  },
  CallbackRouteError: {
    title: "This sign-in link has expired",
    body: [
      "Polar’s one-time code had already been used or had expired (codes last 5 minutes), which happens after going back, reloading or double-clicking during sign-in.",
      "Start again. If you were connecting an organization, connect it again from your dashboard.",
    ],
  },
  OAuthCallbackError: {
    title: "Polar couldn’t complete the sign-in",
    body: ["Polar returned an error instead of signing you in. Try again in a moment."],
  },
  OAuthAccountNotLinked: {
    title: "This email already belongs to another sign-in",
    body: [
      "An account with the same email address was created here through a different sign-in. For your safety, the two are not linked automatically.",
      "Sign in the way you did the first time.",
    ],
  },
  Verification: {
    title: "This link is no longer valid",
    body: ["It has expired or was already used. Sign in again to get a new one."],
  },
  MissingCSRF: {
    title: "The sign-in form expired",
    body: [
      "The request didn’t carry this app’s security token, for example because it came from another site or an old tab. Reload the page and try again.",
    ],
  },
  NoOrganization: {
    title: "No organization was shared",
    body: [
      "Polar’s answer gave this app access to no organization, so nothing was connected and the access was withdrawn at Polar.",
      "This happens when you are no longer a member of the organization you picked. Connect again and pick one of your organizations.",
    ],
  },
  SeveralOrganizations: {
    title: "Polar shared more than one organization",
    body: [
      "This app connects one organization per grant, but Polar’s answer gave access to several at once, so nothing was connected and the access was withdrawn at Polar.",
      "Polar limits the token to the organization you pick only when the request asks for sub_type=organization. Connect again from your dashboard.",
    ],
  },
  WrongIssuer: {
    title: "Sign-in isn’t pointed at Polar",
    body: [
      "The address this app uses as Polar’s issuer doesn’t answer as Polar: it serves no OpenID configuration, or one that names a different issuer. Nothing was sent to Polar.",
    ],
  },
  IssuerMismatch: {
    title: "The answer didn’t come from the expected Polar",
    body: [
      "Polar’s redirect back to this app named a different issuer than the one this app signs in with, so it was refused and nothing was signed in.",
      "Start again. If it keeps happening, the app and its OAuth client point at different Polar servers.",
    ],
  },
  PolarBusy: {
    title: "Polar is busy",
    body: [
      "Too many requests reached Polar from this app at once, so the organization could not be read and nothing was connected. Try again in a minute.",
    ],
  },
  PolarApiVersion: {
    title: "Polar no longer serves this app’s API version",
    body: [
      "Polar retires its oldest API version every quarter and refuses every request made with it, so the organization could not be read and nothing was connected.",
      "Whoever runs this app: upgrade @polar-sh/sdk and the version in lib/polar/client.ts, then deploy.",
    ],
  },
  PolarUnreachable: {
    title: "Polar can’t be reached",
    body: [
      "This app couldn’t connect to Polar, or Polar didn’t answer in time, to start or finish signing in. Try again in a moment.",
    ],
  },
  Configuration: {
    title: "Sign-in isn’t set up correctly",
    body: [
      "The server could not talk to Polar with its configuration, for example because of a wrong client ID or secret, or a redirect URI that isn’t registered with the OAuth client.",
      "If you run this app, the server log has the details (look for [auth][error]).",
    ],
  },
  Default: {
    title: "Sign-in didn’t complete",
    body: [
      "Something unexpected went wrong. Try again; if it keeps happening, the server log has the details.",
    ],
  },
};
