// Polar's UserInfo, for userinfo and the ID token alike
// (server/polar/oauth2/userinfo.py `generate_user_info`): a user is `sub`,
// plus `email` and `email_verified` with the email scope, and no name; a legacy
// organization token is `sub`, plus `name` = the organization's slug with the
// openid scope.
import type { models } from "@polar-sh/sdk/2026-10";
import type { Dataset } from "./data/dataset.ts";
import type { Subject } from "./state.ts";

export function userInfo(
  data: Dataset,
  subject: Subject,
  scopes: ReadonlySet<string>,
): models.UserInfoUser | models.UserInfoOrganization | undefined {
  if (subject.type === "organization") {
    const org = data.findOrganization(subject.organizationId);
    return org && { sub: org.id, ...(scopes.has("openid") ? { name: org.slug } : {}) };
  }
  const user = data.findUser(subject.userId);
  return (
    user && {
      sub: user.id,
      ...(scopes.has("email") ? { email: user.email, email_verified: user.email_verified } : {}),
    }
  );
}
