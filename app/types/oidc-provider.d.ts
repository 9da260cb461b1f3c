// The small part of oidc-provider 8 (which ships no types) that the built-in test identity
// provider uses: app/.server/auth/test-idp.ts.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export interface Grant {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
  }

  export interface OidcContext {
    params?: Record<string, unknown>;
    client?: { clientId: string };
    session: { accountId?: string; grantIdFor(clientId: string): string | undefined };
    result?: { login?: unknown; consent?: { grantId?: string } };
    provider: Provider;
  }

  export interface KoaContext {
    oidc: OidcContext;
    body: unknown;
    type: string;
    status: number;
    host: string;
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown>;
    session?: { accountId?: string };
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Record<string, unknown> | Promise<Record<string, unknown>>;
  }

  export class Check {
    static REQUEST_PROMPT: true;
    static NO_NEED_TO_PROMPT: false;
    constructor(reason: string, description: string, check: (ctx: KoaContext) => boolean);
  }
  export interface PromptPolicy extends Array<{ name: string; checks: Check[] & { add?: never } }> {
    get(name: string): { name: string; checks: Check[] };
  }

  export const interactionPolicy: {
    base(): PromptPolicy;
    Check: typeof Check;
  };

  export default class Provider {
    constructor(issuer: string, configuration?: Record<string, unknown>);
    proxy: boolean;
    Grant: new (init: { clientId: string; accountId: string }) => Grant & { jti?: string };
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
}
