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
}

declare module "fastify" {
  interface FastifyContextConfig {
    policy?: Policy;
  }
}
