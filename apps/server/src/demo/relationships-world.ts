import type { Kysely } from "kysely";
import type { Database } from "../db/types.js";
import type { AuthenticatedActor } from "../platform/access/actor.js";
import type { FamilyName } from "./relationships-content.js";
import type { Random } from "./support-random.js";

// What the relationships demo reads once from the loaded demo (partners, people, products) and the
// date arithmetic its parts share. Every date is relative to the load date `now`.

export const dayMs = 86_400_000;

export interface WorldPartner {
  id: string;
  name: string;
  status: string;
  createdAt: string;
  admin: AuthenticatedActor | null;
  manager: AuthenticatedActor | null;
}

export interface WorldProduct {
  id: string;
  sku: string;
  family: FamilyName;
  priceMinor: number;
  lifecycle: string;
}

export interface RelationshipWorld {
  now: Date;
  random: Random;
  partners: Map<string, WorldPartner>;
  /** Vendor users as actors, by email. */
  vendor: Map<string, AuthenticatedActor>;
  products: WorldProduct[];
  families: Map<FamilyName, string>;
}

export function actorOf(user: {
  id: string;
  name: string;
  email: string;
  role: AuthenticatedActor["role"];
  partner_id: string | null;
}): AuthenticatedActor {
  return {
    kind: "user",
    userId: user.id,
    role: user.role,
    partnerId: user.partner_id,
    name: user.name,
    email: user.email,
    sessionId: "demo-loader",
    csrfToken: "",
  };
}

/** Reads the partners, their principal and channel manager, the vendor's people and the catalog. */
export async function readWorld(db: Kysely<Database>, now: Date, random: Random): Promise<RelationshipWorld> {
  const [partners, users, products] = await Promise.all([
    db.selectFrom("partners").select(["id", "name", "status", "created_at", "channel_manager_id"]).where("archived_at", "is", null).execute(),
    db.selectFrom("users").select(["id", "name", "email", "role", "partner_id"]).where("status", "=", "active").orderBy("email").execute(),
    db
      .selectFrom("products")
      .innerJoin("product_families", "product_families.id", "products.family_id")
      .select([
        "products.id",
        "products.sku",
        "products.list_price_minor",
        "products.lifecycle",
        "product_families.id as family_id",
        "product_families.name as family",
      ])
      .execute(),
  ]);
  const byId = new Map(users.map((user) => [user.id, user]));
  const world: RelationshipWorld = {
    now,
    random,
    partners: new Map(),
    vendor: new Map(users.filter((user) => user.partner_id === null).map((user) => [user.email, actorOf(user)])),
    // The same order on both engines (their collations differ), so the seeded story is the same too.
    products: products
      .map((p) => ({ id: p.id, sku: p.sku, family: p.family as FamilyName, priceMinor: Number(p.list_price_minor), lifecycle: p.lifecycle }))
      .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0)),
    families: new Map(products.map((p) => [p.family as FamilyName, p.family_id])),
  };
  for (const partner of partners) {
    const admin = users.find((user) => user.partner_id === partner.id && user.role === "partner_admin");
    const manager = partner.channel_manager_id ? byId.get(partner.channel_manager_id) : undefined;
    world.partners.set(partner.name, {
      id: partner.id,
      name: partner.name,
      status: partner.status,
      createdAt: new Date(partner.created_at).toISOString(),
      admin: admin ? actorOf(admin) : null,
      manager: manager ? actorOf(manager) : null,
    });
  }
  return world;
}

/** YYYY-MM of the month `back` months before now's. */
export function monthBack(now: Date, back: number): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
}

export function daysIn(month: string): number {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
}

/** The day as YYYY-MM-DD, `days` days from now (negative: ago). */
export function dayFrom(now: Date, days: number): string {
  return new Date(now.getTime() + days * dayMs).toISOString().slice(0, 10);
}

/** A time of day on a date, as an ISO timestamp, never later than now. */
export function atOn(now: Date, day: string, hour: number): string {
  const at = Date.parse(`${day}T${String(hour).padStart(2, "0")}:00:00.000Z`);
  return new Date(Math.min(at, now.getTime() - 60_000)).toISOString();
}

/** The day of `month` closest to `day` (1..31) that is neither before `from` nor after now. null when none is. */
export function dayWithin(now: Date, month: string, day: number, from: string): string | null {
  const today = now.toISOString().slice(0, 10);
  const first = `${month}-01` < from ? from : `${month}-01`;
  const last = `${month}-${String(daysIn(month)).padStart(2, "0")}` > today ? today : `${month}-${String(daysIn(month)).padStart(2, "0")}`;
  if (first > last || first.slice(0, 7) !== month || last.slice(0, 7) !== month) return null;
  const wanted = `${month}-${String(Math.min(day, daysIn(month))).padStart(2, "0")}`;
  return wanted < first ? first : wanted > last ? last : wanted;
}
