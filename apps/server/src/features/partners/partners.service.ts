import { isPartnerRole, type PartnerStatus, type ProblemField, type Role } from "@trellis/shared";
import type { Kysely } from "kysely";
import type { z } from "zod";
import { nowIso } from "../../db/dialect.js";
import type { Database, PartnerTable } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { decodeCursor, type Page, toPage } from "../../platform/http/pagination.js";
import { badRequest, businessRule, forbidden, notFound } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import type { AuditEntry } from "../audit/audit.schemas.js";
import { listAuditEntries } from "../audit/audit.service.js";
import { capacityHeadroom, getVendorSettings } from "../settings/settings.service.js";
import { tierExists } from "../tiers/tiers.service.js";
import { countStaffByPartner, isActiveVendorUserWithRole } from "../users/users.service.js";
import {
  countByStatus,
  countingStatuses,
  findPartnerNames,
  findPartnerPage,
  findPartnerRow,
  insertPartner,
  type PartnerRow,
  type PartnerScope,
  partnerIdExists,
  sortOf,
  tableRowOf,
  updatePartnerRow,
} from "./partners.repository.js";
import {
  type ActivityQuery,
  type Partner,
  type PartnerCreateInput,
  type PartnerListQuery,
  type PartnerPatch,
  type PartnerSummary,
  partnerCreate,
} from "./partners.schemas.js";

export type { PartnerCreateInput } from "./partners.schemas.js";

/** What createPartnerRecord accepts: the create body, defaults optional (it parses it again). */
export type PartnerCreateFields = PartnerCreateInput | z.input<typeof partnerCreate>;

/**
 * The partner an actor is confined to: null = every partner (vendor side), a partner id for a
 * partner-side actor, undefined for a partner-side actor without a partner (sees nothing).
 */
export function scopeOf(actor: AuthenticatedActor): PartnerScope | undefined {
  if (!isPartnerRole(actor.role)) return null;
  return actor.partnerId ?? undefined;
}

export function countsAgainstCapacity(status: PartnerStatus, archivedAt: string | null): boolean {
  return archivedAt === null && countingStatuses.includes(status);
}

export function toPartner(row: PartnerRow, staffCount: number): Partner {
  return {
    id: row.id,
    name: row.name,
    legalName: row.legal_name,
    addressLine1: row.address_line1,
    addressLine2: row.address_line2,
    city: row.city,
    postalCode: row.postal_code,
    country: row.country,
    region: row.region,
    territory: row.territory,
    website: row.website,
    phone: row.phone,
    tierId: row.tier_id,
    tierName: row.tier_name,
    status: row.status,
    channelManagerId: row.channel_manager_id,
    channelManagerName: row.channel_manager_name,
    hasLogo: row.logo_key !== null,
    staffCount,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The partner's row as the actor may see it (the central partner scope); another partner's is a 404. */
export async function findVisible(db: Kysely<Database>, actor: AuthenticatedActor, id: string): Promise<PartnerRow> {
  const scope = scopeOf(actor);
  const row = scope === undefined ? undefined : await findPartnerRow(db, scope, id);
  if (!row) throw notFound("Partner");
  return row;
}

/** For other features: the partner as the actor may see it; another partner's is a 404. */
export async function getPartner(db: Kysely<Database>, actor: AuthenticatedActor, id: string): Promise<Partner> {
  const row = await findVisible(db, actor, id);
  const staff = await countStaffByPartner(db, [id]);
  return toPartner(row, staff.get(id) ?? 0);
}

async function loadPartner(db: Kysely<Database>, id: string): Promise<Partner> {
  const row = await findPartnerRow(db, null, id);
  if (!row) throw notFound("Partner");
  const staff = await countStaffByPartner(db, [id]);
  return toPartner(row, staff.get(id) ?? 0);
}

export async function partnerExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return partnerIdExists(db, id);
}

function sortValue(row: PartnerRow, key: ReturnType<typeof sortOf>["key"]): string {
  if (key === "createdAt") return row.created_at;
  if (key === "status") return row.status;
  if (key === "region") return row.region;
  return row.name;
}

export async function listPartners(ctx: AppContext, actor: AuthenticatedActor, query: PartnerListQuery): Promise<Page<Partner>> {
  const scope = scopeOf(actor);
  if (scope === undefined) return { items: [], nextCursor: null };
  const { key } = sortOf(query.sort);
  // The cursor carries its sort, so a cursor from another ordering is refused, not misread.
  const cursor = decodeCursor(query.cursor, 3);
  if (cursor && (cursor[0] !== query.sort || typeof cursor[1] !== "string" || typeof cursor[2] !== "string")) {
    throw badRequest("cursor does not belong to this sort", [{ path: "querystring.cursor", message: "not a cursor this list issued" }]);
  }
  const after = cursor ? { value: String(cursor[1]), id: String(cursor[2]) } : undefined;
  const rows = await findPartnerPage(ctx.db, scope, query, query.limit, after);
  const page = toPage(rows, query.limit, (r) => [query.sort, sortValue(r, key), r.id]);
  const staff = await countStaffByPartner(
    ctx.db,
    page.items.map((r) => r.id),
  );
  return { nextCursor: page.nextCursor, items: page.items.map((r) => toPartner(r, staff.get(r.id) ?? 0)) };
}

export async function getPartnerSummary(ctx: AppContext, actor: AuthenticatedActor): Promise<PartnerSummary> {
  const scope = scopeOf(actor);
  const counts = scope === undefined ? new Map<PartnerStatus, number>() : await countByStatus(ctx.db, scope);
  const byStatus = {
    prospect: counts.get("prospect") ?? 0,
    active: counts.get("active") ?? 0,
    probation: counts.get("probation") ?? 0,
    terminated: counts.get("terminated") ?? 0,
  };
  if (scope !== null) return { supportedPartnerCapacity: null, activePartners: byStatus.active + byStatus.probation, byStatus };
  const settings = await getVendorSettings(ctx.db);
  return { supportedPartnerCapacity: settings.supportedPartnerCapacity, activePartners: settings.activePartners, byStatus };
}

/**
 * The capacity rule: a partner may start counting against the supported capacity only while
 * there is room, or when a vendor admin overrides with a reason. Call inside the transaction
 * (capacityHeadroom locks the settings row on PostgreSQL). Returns the override used, if any.
 */
export async function checkCapacity(db: Kysely<Database>, actor: AuthenticatedActor, overrideReason: string | undefined): Promise<string | null> {
  const { capacity, active, full } = await capacityHeadroom(db);
  if (!full) return null;
  const figures = `${active} of ${capacity} active partners are already supported: the capacity is reached`;
  if (!overrideReason) {
    throw businessRule(`${figures}. Raise the capacity in settings, or a vendor admin can override it with a written reason.`, "capacity_reached");
  }
  if (actor.role !== "vendor_admin") throw businessRule(`${figures}, and only a vendor admin can override the capacity.`, "capacity_reached");
  return overrideReason;
}

/** Who may own partners: an active vendor user who is a channel manager or a vendor admin. */
export const partnerOwnerRoles = ["channel_manager", "vendor_admin"] as const satisfies readonly Role[];

/** Refuses a tier or channel manager that does not exist or may not own partners (400, naming the field). */
export async function assertReferences(db: Kysely<Database>, tierId: string | null | undefined, channelManagerId: string | null | undefined) {
  const fields: ProblemField[] = [];
  if (tierId && !(await tierExists(db, tierId))) fields.push({ path: "body.tierId", message: "no such tier" });
  if (channelManagerId && !(await isActiveVendorUserWithRole(db, channelManagerId, partnerOwnerRoles))) {
    fields.push({ path: "body.channelManagerId", message: "must be an active vendor user who is a channel manager or vendor admin" });
  }
  if (fields.length > 0) throw badRequest(`Invalid ${fields.map((f) => f.path).join(", ")}`, fields);
}

const withOverride = (row: PartnerTable, overrideReason: string | null) => (overrideReason ? { ...row, overrideReason } : row);

/**
 * Creates a partner: checks references and capacity, inserts, audits. Does not open a
 * transaction: `db` may be the caller's (the applications feature approves inside its own).
 */
export async function createPartnerRecord(
  db: Kysely<Database>,
  actor: AuthenticatedActor,
  input: PartnerCreateFields,
  requestId: string | null,
): Promise<Partner> {
  const parsed = partnerCreate.safeParse(input);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
    throw badRequest(`Invalid ${fields.map((f) => f.path).join(", ")}`, fields);
  }
  const data = parsed.data;
  await assertReferences(db, data.tierId, data.channelManagerId);
  const override = countsAgainstCapacity(data.status, null) ? await checkCapacity(db, actor, data.overrideReason) : null;
  const now = nowIso();
  const row: PartnerTable = {
    id: uuidv7(),
    name: data.name,
    legal_name: data.legalName,
    address_line1: data.addressLine1,
    address_line2: data.addressLine2,
    city: data.city,
    postal_code: data.postalCode,
    country: data.country.toUpperCase(),
    region: data.region,
    territory: data.territory,
    website: data.website,
    phone: data.phone,
    tier_id: data.tierId ?? null,
    status: data.status,
    channel_manager_id: data.channelManagerId ?? null,
    logo_key: null,
    logo_content_type: null,
    archived_at: null,
    created_at: now,
    updated_at: now,
  };
  await insertPartner(db, row);
  await recordAudit(
    db,
    actor,
    { action: "partner.create", entityType: "partner", entityId: row.id, partnerId: row.id, after: withOverride(row, override) },
    requestId,
  );
  return loadPartner(db, row.id);
}

export async function createPartner(ctx: AppContext, actor: AuthenticatedActor, input: PartnerCreateInput, requestId: string): Promise<Partner> {
  return ctx.db.transaction().execute((trx) => createPartnerRecord(trx, actor, input, requestId));
}

function columnsOf(patch: PartnerPatch): Partial<PartnerTable> {
  const values: Partial<PartnerTable> = {};
  if (patch.name !== undefined) values.name = patch.name;
  if (patch.legalName !== undefined) values.legal_name = patch.legalName;
  if (patch.addressLine1 !== undefined) values.address_line1 = patch.addressLine1;
  if (patch.addressLine2 !== undefined) values.address_line2 = patch.addressLine2;
  if (patch.city !== undefined) values.city = patch.city;
  if (patch.postalCode !== undefined) values.postal_code = patch.postalCode;
  if (patch.country !== undefined) values.country = patch.country.toUpperCase();
  if (patch.region !== undefined) values.region = patch.region;
  if (patch.territory !== undefined) values.territory = patch.territory;
  if (patch.website !== undefined) values.website = patch.website;
  if (patch.phone !== undefined) values.phone = patch.phone;
  if (patch.tierId !== undefined) values.tier_id = patch.tierId;
  if (patch.status !== undefined) values.status = patch.status;
  if (patch.channelManagerId !== undefined) values.channel_manager_id = patch.channelManagerId;
  return values;
}

export const archivedState = () => businessRule("The partner is archived: restore it before changing it", "invalid_state");

export async function updatePartner(
  ctx: AppContext,
  actor: AuthenticatedActor,
  id: string,
  patch: PartnerPatch,
  requestId: string,
): Promise<Partner> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = tableRowOf(await findVisible(trx, actor, id));
    if (before.archived_at !== null) throw archivedState();
    const values = columnsOf(patch);
    if (Object.keys(values).length === 0) return;
    await assertReferences(trx, patch.tierId, patch.channelManagerId);
    const startsCounting = !countsAgainstCapacity(before.status, null) && countsAgainstCapacity(values.status ?? before.status, null);
    const override = startsCounting ? await checkCapacity(trx, actor, patch.overrideReason) : null;
    values.updated_at = nowIso();
    await updatePartnerRow(trx, id, values);
    await recordAudit(
      trx,
      actor,
      {
        action: "partner.update",
        entityType: "partner",
        entityId: id,
        partnerId: id,
        before,
        after: withOverride({ ...before, ...values }, override),
      },
      requestId,
    );
  });
  return getPartner(ctx.db, actor, id);
}

/** Deleting archives: the partner leaves the list, nothing it earned or filed disappears. */
export async function archivePartner(ctx: AppContext, actor: AuthenticatedActor, id: string, requestId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = tableRowOf(await findVisible(trx, actor, id));
    if (before.archived_at !== null) return;
    const now = nowIso();
    const values = { archived_at: now, status: "terminated" as const, updated_at: now };
    await updatePartnerRow(trx, id, values);
    await recordAudit(
      trx,
      actor,
      { action: "partner.archive", entityType: "partner", entityId: id, partnerId: id, before, after: { ...before, ...values } },
      requestId,
    );
  });
}

/** Back as a prospect, which does not count against the capacity: no capacity check. */
export async function restorePartner(ctx: AppContext, actor: AuthenticatedActor, id: string, requestId: string): Promise<Partner> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = tableRowOf(await findVisible(trx, actor, id));
    if (before.archived_at === null) throw businessRule("The partner is not archived", "invalid_state");
    const values = { archived_at: null, status: "prospect" as const, updated_at: nowIso() };
    await updatePartnerRow(trx, id, values);
    await recordAudit(
      trx,
      actor,
      { action: "partner.restore", entityType: "partner", entityId: id, partnerId: id, before, after: { ...before, ...values } },
      requestId,
    );
  });
  return getPartner(ctx.db, actor, id);
}

/** The partner's audit trail: vendor users and the partner's own admin; reps and technicians may not. */
export async function partnerActivity(ctx: AppContext, actor: AuthenticatedActor, id: string, query: ActivityQuery): Promise<Page<AuditEntry>> {
  if (isPartnerRole(actor.role) && actor.role !== "partner_admin") throw forbidden("Only the partner's admin can see its activity");
  await findVisible(ctx.db, actor, id);
  return listAuditEntries(ctx, actor, { partnerId: id, limit: query.limit, cursor: query.cursor });
}

/** For other features (analytics): partner id -> name, for the given ids. */
export async function partnerNamesByIds(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) for (const row of await findPartnerNames(db, unique.slice(i, i + 500))) names.set(row.id, row.name);
  return names;
}

/** For other features: the partner as the system sees it (no actor scope), or null. */
export async function findPartnerForSystem(db: Kysely<Database>, id: string): Promise<Partner | null> {
  const row = await findPartnerRow(db, null, id);
  return row ? toPartner(row, 0) : null;
}

/**
 * For other features (a cut partner's offboarding): the partner becomes terminated, in the
 * caller's transaction. Terminated does not count against the supported capacity, so no capacity
 * check applies. Nothing is archived or deleted: its data is kept.
 */
export async function terminatePartnerRecord(
  db: Kysely<Database>,
  actor: AuthenticatedActor,
  id: string,
  reason: string,
  requestId: string | null,
): Promise<void> {
  const row = await findPartnerRow(db, null, id);
  if (!row) throw notFound("Partner");
  const before = tableRowOf(row);
  if (before.status === "terminated") return;
  const values = { status: "terminated" as const, updated_at: nowIso() };
  await updatePartnerRow(db, id, values);
  await recordAudit(
    db,
    actor,
    { action: "partner.terminate", entityType: "partner", entityId: id, partnerId: id, before, after: { ...before, ...values, reason } },
    requestId,
  );
}
