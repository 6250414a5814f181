import type { Role } from "@trellis/shared";
import { nowIso } from "../../db/dialect.js";
import type { IncentiveRuleVersionTable } from "../../db/types.js";
import { uuidv7 } from "../../platform/ids.js";
import { as, createPartner, createUser, login, type TestApp } from "../../testing/harness.js";
import { daysBefore } from "./claim-validation.js";

// Test fixtures for rules and claims: two partners with reps, two product families, and rules
// inserted straight into the table so they can be in force on past sale dates.

export const today = () => nowIso().slice(0, 10);
export const daysAgo = (days: number) => daysBefore(today(), days);

export type Client = ReturnType<typeof as>;

export async function signedInAs(app: TestApp, role: Role, partnerId: string | null) {
  const user = await createUser(app, { role, partnerId });
  return { ...user, client: as(app, await login(app, user.email)) };
}

export async function insertProduct(app: TestApp, familyId: string, sku: string, serialPattern: string, listPriceMinor = 45_000) {
  const id = uuidv7();
  const now = nowIso();
  await app.ctx.db
    .insertInto("products")
    .values({
      id,
      sku,
      name: `Model ${sku}`,
      family_id: familyId,
      description: "",
      list_price_minor: listPriceMinor,
      currency: "USD",
      lifecycle: "active",
      serial_pattern: serialPattern,
      image_key: null,
      image_content_type: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function insertFamily(app: TestApp, name: string) {
  const id = uuidv7();
  const now = nowIso();
  await app.ctx.db.insertInto("product_families").values({ id, name, description: "", created_at: now, updated_at: now }).execute();
  return id;
}

/** A rule version in force from a year ago (so claims dated in the past are scored by it). */
export async function insertRule(app: TestApp, values: Partial<IncentiveRuleVersionTable> & Pick<IncentiveRuleVersionTable, "kind" | "points">) {
  const ruleId = uuidv7();
  await app.ctx.db
    .insertInto("incentive_rule_versions")
    .values({
      rule_id: ruleId,
      version: 1,
      name: `Rule ${ruleId.slice(-4)}`,
      product_id: null,
      family_id: null,
      revenue_step_minor: null,
      currency: null,
      multiplier_percent: null,
      starts_on: null,
      ends_on: null,
      tier_ids: "[]",
      regions: "[]",
      partner_roles: "[]",
      monthly_cap_points: null,
      active: 1,
      effective_from: `${daysAgo(365)}T00:00:00.000Z`,
      effective_to: null,
      created_by: null,
      created_at: nowIso(),
      ...values,
    })
    .execute();
  return ruleId;
}

export async function setAutoApproveUpTo(app: TestApp, points: number, claimWindowDays = 60) {
  await app.ctx.db
    .insertInto("incentive_settings")
    .values({
      id: "incentives",
      value_minor_per_1000_points: 1000,
      currency: "EUR",
      expiry_months: 24,
      expiry_warning_days: 30,
      claim_window_days: claimWindowDays,
      auto_approve_up_to_points: points,
      updated_at: nowIso(),
    })
    .onConflict((oc) => oc.column("id").doUpdateSet({ auto_approve_up_to_points: points, claim_window_days: claimWindowDays }))
    .execute();
}

export interface ClaimWorld {
  partnerA: string;
  partnerB: string;
  goldTier: string;
  nvrFamily: string;
  camFamily: string;
  nvr: string;
  cam: string;
  repA: Awaited<ReturnType<typeof signedInAs>>;
  repA2: Awaited<ReturnType<typeof signedInAs>>;
  adminA: Awaited<ReturnType<typeof signedInAs>>;
  techA: Awaited<ReturnType<typeof signedInAs>>;
  repB: Awaited<ReturnType<typeof signedInAs>>;
  finance: Awaited<ReturnType<typeof signedInAs>>;
  marketing: Awaited<ReturnType<typeof signedInAs>>;
}

/** Partner A (Gold, Western Europe) with two reps, an admin and a technician; partner B with one rep. */
export async function claimWorld(app: TestApp): Promise<ClaimWorld> {
  const goldTier = uuidv7();
  const now = nowIso();
  await app.ctx.db
    .insertInto("tiers")
    .values({ id: goldTier, name: `Gold ${goldTier.slice(-4)}`, rank: 1, description: "", created_at: now, updated_at: now })
    .execute();
  const partnerA = (await createPartner(app, { tierId: goldTier, region: "Western Europe" })).id;
  const partnerB = (await createPartner(app, { region: "North America" })).id;
  const nvrFamily = await insertFamily(app, `NVR ${goldTier.slice(-4)}`);
  const camFamily = await insertFamily(app, `Cameras ${goldTier.slice(-4)}`);
  return {
    partnerA,
    partnerB,
    goldTier,
    nvrFamily,
    camFamily,
    nvr: await insertProduct(app, nvrFamily, `NVR-${goldTier.slice(-6)}`, "NVR-\\d{6}", 120_000),
    cam: await insertProduct(app, camFamily, `CAM-${goldTier.slice(-6)}`, "CAM-\\d{6}", 45_000),
    repA: await signedInAs(app, "sales_rep", partnerA),
    repA2: await signedInAs(app, "sales_rep", partnerA),
    adminA: await signedInAs(app, "partner_admin", partnerA),
    techA: await signedInAs(app, "technician", partnerA),
    repB: await signedInAs(app, "sales_rep", partnerB),
    finance: await signedInAs(app, "finance", null),
    marketing: await signedInAs(app, "marketing", null),
  };
}

let serialCounter = 100_000;
/** Serials no other test of the process uses. */
export const freshSerials = (prefix: "NVR" | "CAM", n: number) =>
  Array.from({ length: n }, () => `${prefix}-${String(serialCounter++).padStart(6, "0")}`);

export function claimBody(productId: string, serials: string[], over: Record<string, unknown> = {}) {
  return {
    invoiceNumber: `INV-${uuidv7().slice(-8)}`,
    invoiceDate: daysAgo(1),
    endCustomer: "Harbour Logistics",
    lines: [{ productId, quantity: serials.length, unitNetAmount: { amountMinor: 40_000, currency: "USD" }, serials }],
    ...over,
  };
}

export const withKey = (key = uuidv7()) => ({ "idempotency-key": key });

/** A pending claim straight into the tables (one unit of the product), with an invoice when a stored file is given. */
export async function insertClaimFixture(
  app: TestApp,
  input: { partnerId: string; userId: string; productId: string; serial: string; invoice?: { key: string; size: number } },
): Promise<string> {
  const id = uuidv7();
  const now = nowIso();
  const date = daysAgo(1);
  await app.ctx.db
    .insertInto("incentive_claims")
    .values({
      id,
      partner_id: input.partnerId,
      user_id: input.userId,
      submitted_by: input.userId,
      invoice_number: `INV-${id.slice(-6)}`,
      invoice_date: date,
      sale_month: date.slice(0, 7),
      end_customer: "Fixture customer",
      status: "pending",
      points: 0,
      auto_approved: 0,
      ledger_transaction_id: null,
      decided_by: null,
      decided_at: null,
      decision_reason: null,
      reversed_by: null,
      reversed_at: null,
      reversal_reason: null,
      reversal_transaction_id: null,
      reversed_points: null,
      shortfall_points: null,
      invoice_key: input.invoice?.key ?? null,
      invoice_content_type: input.invoice ? "application/pdf" : null,
      invoice_file_name: input.invoice ? "invoice.pdf" : null,
      invoice_size: input.invoice?.size ?? null,
      import_id: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await app.ctx.db
    .insertInto("incentive_claim_lines")
    .values({ claim_id: id, line_no: 0, product_id: input.productId, quantity: 1, unit_net_minor: 1000, currency: "USD" })
    .execute();
  await app.ctx.db
    .insertInto("incentive_claim_serials")
    .values({ claim_id: id, line_no: 0, position: 0, product_id: input.productId, serial: input.serial, active: 1 })
    .execute();
  return id;
}
