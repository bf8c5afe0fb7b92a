// The slice of oidc-provider 9 that the emulator uses. oidc-provider ships no
// types; @types/oidc-provider (9.12.x) would replace this file.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export interface KoaContextWithOIDC {
    path: string;
    method: string;
    status: number;
    body: unknown;
    req: IncomingMessage;
    set(field: string, value: string): void;
    redirect(url: string): void;
    response: { get(field: string): string };
    oidc: {
      route: string;
      provider: Provider;
      params: Record<string, unknown>;
      prompts: Set<string>;
      client: { clientId: string };
      session: { accountId?: string };
      result?: { consent?: { grantId?: string } };
    };
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export interface BaseToken {
    jti: string;
    accountId?: string;
    clientId?: string;
    grantId?: string;
    scope?: string;
    exp?: number;
    iat?: number;
    kind: string;
    destroy(): Promise<void>;
  }

  export interface TokenClass<T extends BaseToken> {
    new (properties: {
      accountId: string;
      client: ClientModel;
      grantId: string;
      scope: string;
      gty?: string;
    }): T & { save(): Promise<string>; readonly expiration: number };
    prototype: T & { generateTokenId(): string };
    find(value: string, options?: { ignoreExpiration?: boolean }): Promise<T | undefined>;
  }

  export class Grant {
    constructor(properties: { accountId: string; clientId: string });
    jti: string;
    accountId: string;
    clientId: string;
    addOIDCScope(scope: string): void;
    rejectOIDCScope(scope: string): void;
    save(): Promise<string>;
    destroy(): Promise<void>;
    static find(id: string): Promise<Grant | undefined>;
  }

  export interface ClientModel {
    clientId: string;
    clientSecret?: string;
    clientAuthMethod: string;
    clientName?: string;
    redirectUris: string[];
    scope?: string;
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[] };
    params: Record<string, string | undefined>;
    /** The login session the interaction started in, absent before anyone signed in. */
    session?: { accountId: string; uid: string; cookie?: string };
    /** Saves the interaction for the rest of its lifetime. */
    persist(): Promise<void>;
  }

  export class OIDCProviderError extends Error {
    error: string;
    error_description?: string;
    status: number;
  }

  export const errors: {
    InvalidRequest: new (description?: string) => OIDCProviderError;
  };

  export type Configuration = Record<string, unknown>;

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    proxy: boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    use(middleware: (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>): void;
    on(event: string, listener: (...args: any[]) => void): this;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    Grant: typeof Grant;
    AccessToken: TokenClass<BaseToken>;
    RefreshToken: TokenClass<BaseToken>;
    AuthorizationCode: TokenClass<BaseToken>;
    Client: { find(id: string): Promise<ClientModel | undefined> };
    Session: { find(id: string): Promise<{ destroy(): Promise<void> } | undefined> };
  }
}
