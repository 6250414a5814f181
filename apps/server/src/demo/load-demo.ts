import type { Kysely } from "kysely";
import type { Database } from "../db/types.js";
import { systemActor } from "../platform/access/actor.js";
import { recordAudit } from "../platform/audit/audit.js";
import { hashPassword } from "../platform/auth/secrets.js";
import { uuidv7 } from "../platform/ids.js";
import { demoFamilies } from "./catalog.js";
import { demoApplications, demoPassword, demoResellers, demoTiers, demoVendorUsers } from "./people.js";

export const demoVendorName = "Lumeris Security";
export const demoCapacity = 12;

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const emailOf = (name: string, website: string) =>
  `${name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, ".")}@${new URL(website).hostname}`;

/**
 * Loads the demo data set once: a second run finds the demo admin and changes nothing.
 * Written straight to the tables in one transaction, with audit entries, so it is all or nothing.
 */
export async function loadDemoData(db: Kysely<Database>): Promise<{ loaded: boolean }> {
  const existing = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", demoVendorUsers[0]?.email ?? "")
    .executeTakeFirst();
  if (existing) return { loaded: false };
  const passwordHash = await hashPassword(demoPassword);

  await db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    await trx
      .insertInto("vendor_settings")
      .values({ id: "vendor", vendor_name: demoVendorName, supported_partner_capacity: demoCapacity, updated_at: now })
      .onConflict((oc) => oc.column("id").doUpdateSet({ vendor_name: demoVendorName, supported_partner_capacity: demoCapacity, updated_at: now }))
      .execute();

    const tierIds = new Map<string, string>();
    for (const tier of demoTiers) {
      const id = uuidv7();
      tierIds.set(tier.name, id);
      await trx
        .insertInto("tiers")
        .values({ id, ...tier, created_at: daysAgo(900), updated_at: daysAgo(900) })
        .execute();
    }

    const userIds = new Map<string, string>();
    for (const user of demoVendorUsers) {
      const id = uuidv7();
      userIds.set(user.email, id);
      await trx
        .insertInto("users")
        .values({
          id,
          ...user,
          partner_id: null,
          status: "active",
          password_hash: passwordHash,
          last_login_at: null,
          created_at: daysAgo(900),
          updated_at: daysAgo(900),
        })
        .execute();
    }

    for (const reseller of demoResellers) {
      const id = uuidv7();
      const createdAt = daysAgo(reseller.monthsAgo * 30);
      const row = {
        id,
        name: reseller.name,
        legal_name: reseller.legalName,
        address_line1: `${10 + reseller.monthsAgo} Commerce Street`,
        address_line2: "",
        city: reseller.city,
        postal_code: String(10000 + reseller.monthsAgo * 137),
        country: reseller.country,
        region: reseller.region,
        territory: reseller.city,
        website: reseller.website,
        phone: reseller.phone,
        tier_id: tierIds.get(reseller.tier) ?? null,
        status: reseller.status,
        channel_manager_id: userIds.get(reseller.manager) ?? null,
        logo_key: null,
        logo_content_type: null,
        archived_at: null,
        created_at: createdAt,
        updated_at: createdAt,
      };
      await trx.insertInto("partners").values(row).execute();
      await recordAudit(trx, systemActor, { action: "partner.create", entityType: "partner", entityId: id, partnerId: id, after: row });
      for (const member of reseller.staff) {
        const userId = uuidv7();
        const user = {
          id: userId,
          email: emailOf(member.name, reseller.website),
          name: member.name,
          role: member.role,
          partner_id: id,
          status: "active" as const,
          password_hash: passwordHash,
          last_login_at: null,
          created_at: createdAt,
          updated_at: createdAt,
        };
        await trx.insertInto("users").values(user).execute();
        await recordAudit(trx, systemActor, { action: "user.create", entityType: "user", entityId: userId, partnerId: id, after: user });
      }
    }

    for (const family of demoFamilies) {
      const familyId = uuidv7();
      await trx
        .insertInto("product_families")
        .values({ id: familyId, name: family.name, description: family.description, created_at: daysAgo(800), updated_at: daysAgo(800) })
        .execute();
      for (const product of family.products) {
        await trx
          .insertInto("products")
          .values({
            id: uuidv7(),
            sku: product.sku,
            name: product.name,
            family_id: familyId,
            description: product.description,
            list_price_minor: product.priceMinor,
            currency: "USD",
            lifecycle: product.lifecycle,
            serial_pattern: family.serialPattern,
            image_key: null,
            image_content_type: null,
            created_at: daysAgo(700),
            updated_at: daysAgo(60),
          })
          .execute();
      }
    }

    for (const application of demoApplications) {
      await trx
        .insertInto("applications")
        .values({
          id: uuidv7(),
          company_name: application.companyName,
          legal_name: application.legalName,
          website: application.website,
          country: application.country,
          region: application.region,
          city: application.city,
          principal_name: application.principal.name,
          principal_email: application.principal.email,
          principal_phone: application.principal.phone,
          contacts: "[]",
          regions: JSON.stringify(application.regions),
          sells: JSON.stringify(application.sells),
          installs: JSON.stringify(application.installs),
          expected_annual_volume_minor: application.volumeMinor,
          currency: "USD",
          message: application.message,
          status: "pending",
          decided_by: null,
          decided_at: null,
          decision_reason: null,
          override_reason: null,
          partner_id: null,
          created_at: daysAgo(application.daysAgo),
        })
        .execute();
    }
  });
  return { loaded: true };
}

/** One login per role, for the README and the demo's start-up message. */
export function demoLogins(): { role: string; email: string }[] {
  const partner = demoResellers[0];
  const partnerLogins = partner
    ? (["partner_admin", "sales_rep", "technician"] as const).flatMap((role) => {
        const member = partner.staff.find((s) => s.role === role);
        return member ? [{ role: `${role} (${partner.name})`, email: emailOf(member.name, partner.website) }] : [];
      })
    : [];
  return [
    ...demoVendorUsers.filter((u, i, all) => all.findIndex((o) => o.role === u.role) === i).map((u) => ({ role: u.role, email: u.email })),
    ...partnerLogins,
  ];
}
