import { isPartnerRole, type Permission, type Role, roleHas } from "@trellis/shared";

export type Actor =
  | { kind: "anonymous" }
  | {
      kind: "user";
      userId: string;
      role: Role;
      partnerId: string | null;
      name: string;
      email: string;
      sessionId: string;
      csrfToken: string;
    }
  | { kind: "token"; tokenId: string; role: Role; partnerId: null; name: string };

export type AuthenticatedActor = Exclude<Actor, { kind: "anonymous" }>;

/** The system itself (demo loader, jobs): audited as "system". */
export const systemActor: AuthenticatedActor = { kind: "token", tokenId: "system", role: "vendor_admin", partnerId: null, name: "system" };

export function isPartnerActor(actor: AuthenticatedActor): actor is AuthenticatedActor & { partnerId: string } {
  return isPartnerRole(actor.role) && actor.partnerId !== null;
}

export function can(actor: AuthenticatedActor, permission: Permission): boolean {
  return roleHas(actor.role, permission);
}

/**
 * The partner a partner-side actor is confined to, or null for vendor actors who see all.
 * Repositories of partner-owned data filter by this; never by a value from the request.
 */
export function partnerScope(actor: AuthenticatedActor): string | null {
  return isPartnerRole(actor.role) ? actor.partnerId : null;
}

export function actorLabel(actor: AuthenticatedActor): string {
  return actor.kind === "user" ? actor.email : `token:${actor.name}`;
}
