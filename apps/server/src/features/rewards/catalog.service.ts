import { isPartnerRole } from "@trellis/shared";
import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { Database, RewardEligibilityTable, RewardTable } from "../../db/types.js";
import { type AuthenticatedActor, can } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { decodeCursor, type Page, toPage } from "../../platform/http/pagination.js";
import { badRequest, notFound } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import {
  type CatalogViewer,
  findEligibility,
  findRewardRow,
  findViewerPartner,
  insertReward,
  listRewardRows,
  type RewardRow,
  replaceEligibility,
  tierIdsExist,
  updateRewardRow,
} from "./catalog.repository.js";
import type { Eligibility, Reward, RewardInput, RewardPatch, RewardQuery } from "./rewards.schemas.js";

/** What the actor may see of the catalog (catalog.repository.ts, CatalogViewer). */
export async function catalogViewer(db: Kysely<Database>, actor: AuthenticatedActor): Promise<CatalogViewer> {
  if (can(actor, "rewards:manage")) return { kind: "manager" };
  if (!isPartnerRole(actor.role)) return { kind: "vendor" };
  const partner = actor.partnerId ? await findViewerPartner(db, actor.partnerId) : undefined;
  if (!partner) return { kind: "nobody" };
  return { kind: "partner", tierId: partner.tier_id, region: partner.region, role: actor.role };
}

function toReward(row: RewardRow, rules: RewardEligibilityTable[]): Reward {
  const values = (kind: RewardEligibilityTable["kind"]) => rules.filter((rule) => rule.kind === kind).map((rule) => rule.value);
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    description: row.description,
    pointCost: Number(row.point_cost),
    stock: row.stock === null ? null : Number(row.stock),
    inStock: row.stock === null || Number(row.stock) > 0,
    hasImage: row.image_key !== null,
    eligibility: { tierIds: values("tier"), regions: values("region"), roles: values("role") },
    active: Number(row.active) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function withEligibility(db: Kysely<Database>, rows: RewardRow[]): Promise<Reward[]> {
  const rules = await findEligibility(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) =>
    toReward(
      row,
      rules.filter((rule) => rule.reward_id === row.id),
    ),
  );
}

/** An item the actor may see (partners: active and eligible), or 404. */
export async function getReward(db: Kysely<Database>, actor: AuthenticatedActor, id: string): Promise<Reward> {
  const row = await findRewardRow(db, id, await catalogViewer(db, actor));
  if (!row) throw notFound("Reward");
  const [reward] = await withEligibility(db, [row]);
  if (!reward) throw notFound("Reward");
  return reward;
}

/** The row behind getReward, for the redemption service (inside its transaction). */
export async function findVisibleRewardRow(db: Kysely<Database>, actor: AuthenticatedActor, id: string): Promise<RewardRow | undefined> {
  return findRewardRow(db, id, await catalogViewer(db, actor));
}

function decodeAfter(cursor: string | undefined, sort: RewardQuery["sort"]): [string | number, string] | undefined {
  const values = decodeCursor(cursor, 2);
  if (!values) return undefined;
  const [value, id] = values;
  const valueOk = sort === "points" ? typeof value === "number" : typeof value === "string";
  if (!valueOk || typeof id !== "string" || value === null || value === undefined) {
    throw badRequest("cursor is not valid", [{ path: "cursor", message: "not a cursor of this sort order" }]);
  }
  return [value, id];
}

export async function listRewards(ctx: AppContext, actor: AuthenticatedActor, query: RewardQuery): Promise<Page<Reward>> {
  const viewer = await catalogViewer(ctx.db, actor);
  const rows = await listRewardRows(
    ctx.db,
    viewer,
    { kind: query.kind, q: query.q || undefined, sort: query.sort, includeInactive: viewer.kind === "manager" && query.includeInactive },
    { after: decodeAfter(query.cursor, query.sort), limit: query.limit },
  );
  const page = toPage(await withEligibility(ctx.db, rows), query.limit, (reward) => [
    query.sort === "points" ? reward.pointCost : reward.name,
    reward.id,
  ]);
  return page;
}

function eligibilityRows(rewardId: string, input: Eligibility): RewardEligibilityTable[] {
  const unique = (values: readonly string[]) => [...new Set(values)];
  return [
    ...unique(input.tierIds).map((value) => ({ reward_id: rewardId, kind: "tier" as const, value })),
    ...unique(input.regions).map((value) => ({ reward_id: rewardId, kind: "region" as const, value })),
    ...unique(input.roles).map((value) => ({ reward_id: rewardId, kind: "role" as const, value })),
  ];
}

async function checkTiers(db: Kysely<Database>, tierIds: readonly string[]): Promise<void> {
  const known = await tierIdsExist(db, [...new Set(tierIds)]);
  const index = tierIds.findIndex((tierId) => !known.has(tierId));
  if (index >= 0)
    throw badRequest("eligibility names a tier that does not exist", [{ path: `body.eligibility.tierIds.${index}`, message: "no such tier" }]);
}

export async function createReward(ctx: AppContext, actor: AuthenticatedActor, input: RewardInput, requestId: string | null): Promise<Reward> {
  const now = nowIso();
  const row: RewardTable = {
    id: uuidv7(),
    kind: input.kind,
    name: input.name,
    description: input.description,
    point_cost: input.pointCost,
    stock: input.stock,
    image_key: null,
    image_content_type: null,
    active: input.active ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await checkTiers(trx, input.eligibility.tierIds);
    await insertReward(trx, row);
    await replaceEligibility(trx, row.id, eligibilityRows(row.id, input.eligibility));
    await recordAudit(
      trx,
      actor,
      { action: "reward.create", entityType: "reward", entityId: row.id, partnerId: null, after: { ...row, eligibility: input.eligibility } },
      requestId,
    );
  });
  return getReward(ctx.db, actor, row.id);
}

export async function updateReward(
  ctx: AppContext,
  actor: AuthenticatedActor,
  id: string,
  patch: RewardPatch,
  requestId: string | null,
): Promise<Reward> {
  const values: Partial<RewardTable> = { updated_at: nowIso() };
  if (patch.kind !== undefined) values.kind = patch.kind;
  if (patch.name !== undefined) values.name = patch.name;
  if (patch.description !== undefined) values.description = patch.description;
  if (patch.pointCost !== undefined) values.point_cost = patch.pointCost;
  if (patch.stock !== undefined) values.stock = patch.stock;
  if (patch.active !== undefined) values.active = patch.active ? 1 : 0;
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findRewardRow(trx, id, { kind: "manager" });
    if (!before) throw notFound("Reward");
    if (patch.eligibility) {
      await checkTiers(trx, patch.eligibility.tierIds);
      await replaceEligibility(trx, id, eligibilityRows(id, patch.eligibility));
    }
    await updateRewardRow(trx, id, values);
    await recordAudit(
      trx,
      actor,
      {
        action: "reward.update",
        entityType: "reward",
        entityId: id,
        partnerId: null,
        before,
        after: { ...before, ...values, ...(patch.eligibility ? { eligibility: patch.eligibility } : {}) },
      },
      requestId,
    );
  });
  return getReward(ctx.db, actor, id);
}

/** Call after the upload is stored (file I/O stays outside the transaction). */
export async function setRewardImage(
  ctx: AppContext,
  actor: AuthenticatedActor,
  id: string,
  image: { key: string; contentType: string },
  requestId: string | null,
): Promise<Reward> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findRewardRow(trx, id, { kind: "manager" });
    if (!before) throw notFound("Reward");
    const values = { image_key: image.key, image_content_type: image.contentType, updated_at: nowIso() };
    await updateRewardRow(trx, id, values);
    await recordAudit(
      trx,
      actor,
      {
        action: "reward.image",
        entityType: "reward",
        entityId: id,
        partnerId: null,
        before: { image_key: before.image_key, image_content_type: before.image_content_type },
        after: values,
      },
      requestId,
    );
  });
  return getReward(ctx.db, actor, id);
}

export async function getRewardImage(ctx: AppContext, actor: AuthenticatedActor, id: string): Promise<{ key: string; contentType: string }> {
  const row = await findVisibleRewardRow(ctx.db, actor, id);
  if (!row) throw notFound("Reward");
  if (!row.image_key || !row.image_content_type || !(await ctx.storage.exists(row.image_key))) throw notFound("Reward image");
  return { key: row.image_key, contentType: row.image_content_type };
}
