import { isPartnerRole } from "@trellis/shared";
import type { Kysely } from "kysely";
import { isUniqueViolation, nowIso } from "../../db/dialect.js";
import type { Database } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { conflict, notFound } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { countPartnersInTier, deleteTierRow, findTierByName, findTierRow, insertTier, listTierRows, updateTierRow } from "./tiers.repository.js";
import type { Tier, TierInput, TierPatch } from "./tiers.schemas.js";

export async function listTiers(db: Kysely<Database>): Promise<Tier[]> {
  const rows = await listTierRows(db);
  return rows.map((r) => ({ id: r.id, name: r.name, rank: r.rank, description: r.description, partnerCount: Number(r.partner_count) }));
}

/** The list an actor sees: partner-side actors do not learn how many partners each tier (the network) has. */
export async function listTiersFor(db: Kysely<Database>, actor: AuthenticatedActor): Promise<Tier[]> {
  const tiers = await listTiers(db);
  return isPartnerRole(actor.role) ? tiers.map((t) => ({ ...t, partnerCount: null })) : tiers;
}

export async function getTier(db: Kysely<Database>, id: string): Promise<Tier> {
  const tier = (await listTiers(db)).find((t) => t.id === id);
  if (!tier) throw notFound("Tier");
  return tier;
}

/** For other features (partner import): the tier id for a name, or undefined. */
export async function tierIdByName(db: Kysely<Database>, name: string): Promise<string | undefined> {
  return (await findTierByName(db, name))?.id;
}

export async function tierExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await findTierRow(db, id)) !== undefined;
}

export async function createTier(ctx: AppContext, actor: AuthenticatedActor, input: TierInput, requestId: string | null): Promise<Tier> {
  const now = nowIso();
  const row = { id: uuidv7(), name: input.name, rank: input.rank, description: input.description, created_at: now, updated_at: now };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertTier(trx, row);
      await recordAudit(trx, actor, { action: "tier.create", entityType: "tier", entityId: row.id, partnerId: null, after: row }, requestId);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A tier named "${input.name}" already exists`);
    throw error;
  }
  return getTier(ctx.db, row.id);
}

export async function updateTier(ctx: AppContext, actor: AuthenticatedActor, id: string, patch: TierPatch, requestId: string): Promise<Tier> {
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const before = await findTierRow(trx, id);
      if (!before) throw notFound("Tier");
      const values = { ...patch, updated_at: nowIso() };
      await updateTierRow(trx, id, values);
      await recordAudit(
        trx,
        actor,
        { action: "tier.update", entityType: "tier", entityId: id, partnerId: null, before, after: { ...before, ...values } },
        requestId,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A tier named "${patch.name}" already exists`);
    throw error;
  }
  return getTier(ctx.db, id);
}

export async function deleteTier(ctx: AppContext, actor: AuthenticatedActor, id: string, requestId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findTierRow(trx, id);
    if (!before) throw notFound("Tier");
    const inUse = await countPartnersInTier(trx, id);
    if (inUse > 0) throw conflict(`${inUse} partner(s) are in this tier; move them to another tier first`);
    await deleteTierRow(trx, id);
    await recordAudit(trx, actor, { action: "tier.delete", entityType: "tier", entityId: id, partnerId: null, before }, requestId);
  });
}
