import { partnerStatuses, regions } from "@trellis/shared";
import type { Kysely } from "kysely";
import type { Database } from "../apps/server/src/db/types.js";
import { uuidv7 } from "../apps/server/src/platform/ids.js";

export interface Scale {
  partners: number;
  usersPerPartner: number;
  products: number;
  auditEntries: number;
}

export const fullScale: Scale = { partners: 2_000, usersPerPartner: 20, products: 2_000, auditEntries: 200_000 };

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>, size = 500) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Deterministic bench data, written straight to the tables in batches. */
export async function generate(db: Kysely<Database>, scale: Scale, passwordHash: string) {
  const now = new Date().toISOString();
  const tierIds = ["Platinum", "Gold", "Silver", "Registered"].map((name, i) => ({
    id: uuidv7(),
    name,
    rank: i + 1,
    description: "",
    created_at: now,
    updated_at: now,
  }));
  await db.insertInto("tiers").values(tierIds).execute();
  await db
    .insertInto("vendor_settings")
    .values({ id: "vendor", vendor_name: "Bench", supported_partner_capacity: scale.partners, updated_at: now })
    .execute();

  const managers = Array.from({ length: 20 }, (_, i) => ({
    id: uuidv7(),
    email: `manager${i}@vendor.bench`,
    name: `Manager ${i}`,
    role: "channel_manager" as const,
    partner_id: null,
    status: "active" as const,
    password_hash: passwordHash,
    last_login_at: null,
    created_at: now,
    updated_at: now,
  }));
  await db.insertInto("users").values(managers).execute();

  const partners = Array.from({ length: scale.partners }, (_, i) => ({
    id: uuidv7(),
    name: `Reseller ${String(i).padStart(5, "0")} ${["Security", "Systems", "Integrators", "Vision"][i % 4]}`,
    legal_name: `Reseller ${i} Ltd`,
    address_line1: `${i} Main St`,
    address_line2: "",
    city: `City ${i % 150}`,
    postal_code: String(10000 + i),
    country: "US",
    region: regions[i % regions.length] ?? "North America",
    territory: "",
    website: `https://reseller${i}.bench`,
    phone: "",
    tier_id: tierIds[i % tierIds.length]?.id ?? null,
    status: partnerStatuses[i % partnerStatuses.length] ?? "active",
    channel_manager_id: managers[i % managers.length]?.id ?? null,
    logo_key: null,
    logo_content_type: null,
    archived_at: null,
    created_at: now,
    updated_at: now,
  }));
  await insertInBatches(partners, (batch) => db.insertInto("partners").values(batch).execute(), 200);

  const users = partners.flatMap((partner, p) =>
    Array.from({ length: scale.usersPerPartner }, (_, u) => ({
      id: uuidv7(),
      email: `user${u}@reseller${p}.bench`,
      name: `User ${u} of ${p}`,
      role: (u === 0 ? "partner_admin" : u % 3 === 0 ? "technician" : "sales_rep") as "partner_admin" | "technician" | "sales_rep",
      partner_id: partner.id,
      status: "active" as const,
      password_hash: passwordHash,
      last_login_at: null,
      created_at: now,
      updated_at: now,
    })),
  );
  await insertInBatches(users, (batch) => db.insertInto("users").values(batch).execute(), 500);

  const familyId = uuidv7();
  await db.insertInto("product_families").values({ id: familyId, name: "Cameras", description: "", created_at: now, updated_at: now }).execute();
  const products = Array.from({ length: scale.products }, (_, i) => ({
    id: uuidv7(),
    sku: `SKU-${String(i).padStart(6, "0")}`,
    name: `Camera model ${i}`,
    family_id: familyId,
    description: `A camera, model ${i}`,
    list_price_minor: 10000 + i,
    currency: "USD",
    lifecycle: (i % 10 === 0 ? "end_of_sale" : "active") as "active" | "end_of_sale",
    serial_pattern: "[A-Z]{2}[0-9]{8}",
    image_key: null,
    image_content_type: null,
    created_at: now,
    updated_at: now,
  }));
  await insertInBatches(products, (batch) => db.insertInto("products").values(batch).execute(), 500);

  const audit = Array.from({ length: scale.auditEntries }, (_, i) => {
    const partner = partners[i % partners.length];
    return {
      id: uuidv7(),
      at: now,
      actor_user_id: null,
      actor_token_id: null,
      actor_label: "bench",
      action: "partner.update",
      entity_type: "partner",
      entity_id: partner?.id ?? "",
      partner_id: partner?.id ?? null,
      before_json: null,
      after_json: '{"status":"active"}',
      request_id: null,
    };
  });
  await insertInBatches(audit, (batch) => db.insertInto("audit_log").values(batch).execute(), 500);

  return { partners, users, products, admin: managers[0] };
}
