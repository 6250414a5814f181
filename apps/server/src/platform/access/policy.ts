import type { Permission } from "@trellis/shared";

/**
 * Every route declares one. `public`: no sign-in; `authenticated`: any signed-in actor;
 * `permission`: the actor's role must hold it. Partner scoping is then the repository's job.
 */
export type Policy = { kind: "public" } | { kind: "authenticated" } | { kind: "permission"; permission: Permission };

export const policy = {
  public: { kind: "public" } as Policy,
  authenticated: { kind: "authenticated" } as Policy,
  permission: (permission: Permission): Policy => ({ kind: "permission", permission }),
};

export interface RegisteredRoute {
  method: string;
  url: string;
  policy: Policy;
  partnerParam?: string;
  /** The route validates a request body (for the generated bad-input test). */
  hasBody: boolean;
}

declare module "fastify" {
  interface FastifyContextConfig {
    policy?: Policy;
    /**
     * The URL parameter that holds a partner id (e.g. "partnerId"). A partner-side actor asking
     * for another partner's id gets 404 before anything else runs; repositories scope as well.
     */
    partnerParam?: string;
    /**
     * A public route whose URL carries a secret that is its whole authority (one-click
     * unsubscribe, RFC 8058). The CSRF checks do not apply: a forged request would need the
     * secret, and mail providers and webmail post it without our cookie or from another site.
     */
    secretInUrl?: boolean;
  }
}
