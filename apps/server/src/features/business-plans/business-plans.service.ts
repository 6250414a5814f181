import type { PlanItemKind, PlanItemMeasure } from "@trellis/shared";
import type { Kysely } from "kysely";
import { isUniqueViolation, nowIso } from "../../db/dialect.js";
import type { BusinessPlanItemTable, BusinessPlanStatus, BusinessPlanTable, Database } from "../../db/types.js";
import { type AuthenticatedActor, partnerScope } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { badRequest, businessRule, conflict, notFound } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { partnerExists } from "../partners/partners.service.js";
import { partnerMonthFigures } from "../scorecards/figures.service.js";
import type { MonthFigures } from "../scorecards/scorecard.types.js";
import { getRelationshipSettings } from "../scorecards/settings.service.js";
import { itemProgress, measuredFromData, type SideFulfilment, sideFulfilment } from "./business-plan-progress.js";
import {
  findItemRow,
  findPlanRow,
  insertItems,
  insertPlan,
  listItemRows,
  listPlanRows,
  updateItemRow,
  updatePlanRow,
} from "./business-plans.repository.js";
import {
  effectiveMeasure,
  type Plan,
  type PlanInput,
  type PlanItem,
  type PlanItemInput,
  type PlanItemPatch,
  type PlanPatch,
  type PlanSummary,
} from "./business-plans.schemas.js";

// Joint business plans (docs/business-plans.md). The arithmetic is in business-plan-progress.ts; here: access,
// storage, audit, and the month figures a measured item is read from (the scorecards service).

type Db = Kysely<Database>;

export function todayUtc(): string {
  return nowIso().slice(0, 10);
}

/** Another partner's plan is a 404, whatever the route did; so is an unknown partner. */
async function assertPartner(db: Db, actor: AuthenticatedActor, partnerId: string): Promise<void> {
  const scope = partnerScope(actor);
  if ((scope !== null && scope !== partnerId) || !(await partnerExists(db, partnerId))) throw notFound("Partner");
}

async function loadPlan(db: Db, partnerId: string, year: number): Promise<BusinessPlanTable> {
  const row = await findPlanRow(db, partnerId, year);
  if (!row) throw notFound("Business plan");
  return row;
}

/** The partner's figures for the plan's year up to the current month; none before the year starts. */
async function yearFigures(db: Db, partnerId: string, year: number, today: string): Promise<MonthFigures[]> {
  const toMonth = [`${year}-12`, today.slice(0, 7)].sort()[0] as string;
  return toMonth < `${year}-01` ? [] : partnerMonthFigures(db, partnerId, `${year}-01`, toMonth);
}

function toItem(row: BusinessPlanItemTable, year: number, months: readonly MonthFigures[], today: string): PlanItem {
  const measure = row.measure as PlanItemMeasure | null;
  const progress = itemProgress(
    {
      side: row.side,
      targetValue: Number(row.target_value),
      measure,
      dueOn: row.due_on,
      storedStatus: row.status,
      storedActual: row.actual_value === null ? null : Number(row.actual_value),
    },
    year,
    months,
    today,
  );
  return {
    id: row.id,
    side: row.side,
    kind: row.kind as PlanItemKind,
    title: row.title,
    targetValue: Number(row.target_value),
    unit: row.unit,
    measure,
    dueOn: row.due_on,
    status: progress.status,
    actualValue: progress.actualValue,
    measured: progress.source === "measured",
    source: progress.source,
    basis: progress.basis,
    progress: progress.progress,
    note: row.note,
    updatedAt: row.updated_at,
  };
}

async function itemsOf(db: Db, plan: BusinessPlanTable, today: string): Promise<PlanItem[]> {
  const rows = await listItemRows(db, plan.id);
  const months = rows.some((r) => r.measure !== null) ? await yearFigures(db, plan.partner_id, plan.year, today) : [];
  return rows.map((row) => toItem(row, plan.year, months, today));
}

function fulfilmentOf(items: readonly PlanItem[]): { vendor: SideFulfilment; partner: SideFulfilment } {
  const facts = items.map((item) => ({
    side: item.side,
    progress: { actualValue: item.actualValue, source: item.source, status: item.status, progress: item.progress, basis: item.basis },
  }));
  return { vendor: sideFulfilment(facts, "vendor"), partner: sideFulfilment(facts, "partner") };
}

async function toPlan(db: Db, row: BusinessPlanTable, today: string): Promise<Plan> {
  const items = await itemsOf(db, row, today);
  return {
    id: row.id,
    partnerId: row.partner_id,
    year: row.year,
    status: row.status,
    notes: row.notes,
    currency: (await getRelationshipSettings(db)).currency,
    items,
    fulfilment: fulfilmentOf(items),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listBusinessPlans(db: Db, actor: AuthenticatedActor, partnerId: string): Promise<PlanSummary[]> {
  await assertPartner(db, actor, partnerId);
  const rows = await listPlanRows(db, partnerId);
  return rows.map((r) => ({ id: r.id, year: r.year, status: r.status, items: Number(r.item_count), updatedAt: r.updated_at }));
}

export async function getBusinessPlan(db: Db, actor: AuthenticatedActor, partnerId: string, year: number, today = todayUtc()): Promise<Plan> {
  await assertPartner(db, actor, partnerId);
  return toPlan(db, await loadPlan(db, partnerId, year), today);
}

/**
 * Both sides' fulfilment of a partner's plan for a year (for the scorecard); null when there is no plan.
 * No access check: the caller has already decided the actor may see the partner.
 */
export async function businessPlanFulfilment(
  db: Db,
  partnerId: string,
  year: number,
  today = todayUtc(),
): Promise<{ planId: string; year: number; status: BusinessPlanStatus; vendor: SideFulfilment; partner: SideFulfilment } | null> {
  const row = await findPlanRow(db, partnerId, year);
  if (!row) return null;
  const fulfilment = fulfilmentOf(await itemsOf(db, row, today));
  return { planId: row.id, year: row.year, status: row.status, ...fulfilment };
}

function itemRow(input: PlanItemInput, plan: BusinessPlanTable, actor: AuthenticatedActor, field: string): BusinessPlanItemTable {
  if (Number(input.dueOn.slice(0, 4)) !== plan.year) {
    throw badRequest(`An item of the ${plan.year} plan is due within ${plan.year}`, [{ path: field, message: `must be a date in ${plan.year}` }]);
  }
  const now = nowIso();
  return {
    id: uuidv7(),
    plan_id: plan.id,
    partner_id: plan.partner_id,
    side: input.side,
    kind: input.kind,
    title: input.title,
    target_value: input.targetValue,
    unit: input.unit,
    measure: effectiveMeasure(input),
    due_on: input.dueOn,
    status: "planned",
    actual_value: null,
    note: input.note,
    updated_by: actor.kind === "user" ? actor.userId : null,
    created_at: now,
    updated_at: now,
  };
}

export async function createBusinessPlan(
  ctx: AppContext,
  actor: AuthenticatedActor,
  partnerId: string,
  input: PlanInput,
  requestId: string,
): Promise<Plan> {
  await assertPartner(ctx.db, actor, partnerId);
  const now = nowIso();
  const plan: BusinessPlanTable = {
    id: uuidv7(),
    partner_id: partnerId,
    year: input.year,
    status: "draft",
    notes: input.notes,
    created_by: actor.kind === "user" ? actor.userId : null,
    created_at: now,
    updated_at: now,
  };
  const items = input.items.map((item, index) => itemRow(item, plan, actor, `body.items.${index}.dueOn`));
  const duplicate = () => conflict(`The partner already has a business plan for ${input.year}`);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (await findPlanRow(trx, partnerId, input.year)) throw duplicate();
      await insertPlan(trx, plan);
      await insertItems(trx, items);
      await recordAudit(
        trx,
        actor,
        { action: "business_plan.create", entityType: "business_plan", entityId: plan.id, partnerId, after: { ...plan, items } },
        requestId,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
  return getBusinessPlan(ctx.db, actor, partnerId, input.year);
}

export async function updateBusinessPlan(
  ctx: AppContext,
  actor: AuthenticatedActor,
  partnerId: string,
  year: number,
  patch: PlanPatch,
  requestId: string,
): Promise<Plan> {
  await assertPartner(ctx.db, actor, partnerId);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await loadPlan(trx, partnerId, year);
    const values: Partial<BusinessPlanTable> = { ...patch, updated_at: nowIso() };
    await updatePlanRow(trx, before.id, values);
    await recordAudit(
      trx,
      actor,
      { action: "business_plan.update", entityType: "business_plan", entityId: before.id, partnerId, before, after: { ...before, ...values } },
      requestId,
    );
  });
  return getBusinessPlan(ctx.db, actor, partnerId, year);
}

async function openPlan(db: Db, partnerId: string, year: number): Promise<BusinessPlanTable> {
  const plan = await loadPlan(db, partnerId, year);
  if (plan.status === "closed") throw businessRule(`The ${year} plan is closed: reopen it to change its items`, "invalid_state");
  return plan;
}

async function itemAfterWrite(db: Db, plan: BusinessPlanTable, itemId: string): Promise<PlanItem> {
  const item = (await itemsOf(db, plan, todayUtc())).find((i) => i.id === itemId);
  if (!item) throw notFound("Business plan item");
  return item;
}

export async function addPlanItem(
  ctx: AppContext,
  actor: AuthenticatedActor,
  partnerId: string,
  year: number,
  input: PlanItemInput,
  requestId: string,
): Promise<PlanItem> {
  await assertPartner(ctx.db, actor, partnerId);
  const written = await ctx.db.transaction().execute(async (trx) => {
    const plan = await openPlan(trx, partnerId, year);
    const row = itemRow(input, plan, actor, "body.dueOn");
    await insertItems(trx, [row]);
    await updatePlanRow(trx, plan.id, { updated_at: row.created_at });
    await recordAudit(
      trx,
      actor,
      { action: "business_plan.item_create", entityType: "business_plan_item", entityId: row.id, partnerId, after: row },
      requestId,
    );
    return { plan, itemId: row.id };
  });
  return itemAfterWrite(ctx.db, written.plan, written.itemId);
}

export async function updatePlanItem(
  ctx: AppContext,
  actor: AuthenticatedActor,
  partnerId: string,
  year: number,
  itemId: string,
  patch: PlanItemPatch,
  requestId: string,
): Promise<PlanItem> {
  await assertPartner(ctx.db, actor, partnerId);
  const plan = await ctx.db.transaction().execute(async (trx) => {
    const plan = await openPlan(trx, partnerId, year);
    const before = await findItemRow(trx, plan.id, itemId);
    if (!before) throw notFound("Business plan item");
    const measure = before.measure as PlanItemMeasure | null;
    if (measure && measuredFromData.includes(measure) && (patch.status !== undefined || patch.actualValue !== undefined)) {
      throw businessRule(`This item's actual and status come from the ${measure.replaceAll("_", " ")} figures; they cannot be set by hand`);
    }
    if (patch.dueOn !== undefined && Number(patch.dueOn.slice(0, 4)) !== year) {
      throw badRequest(`An item of the ${year} plan is due within ${year}`, [{ path: "body.dueOn", message: `must be a date in ${year}` }]);
    }
    const values: Partial<BusinessPlanItemTable> = {
      ...(patch.status !== undefined && { status: patch.status }),
      ...(patch.actualValue !== undefined && { actual_value: patch.actualValue }),
      ...(patch.note !== undefined && { note: patch.note }),
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.targetValue !== undefined && { target_value: patch.targetValue }),
      ...(patch.dueOn !== undefined && { due_on: patch.dueOn }),
      updated_by: actor.kind === "user" ? actor.userId : null,
      updated_at: nowIso(),
    };
    await updateItemRow(trx, itemId, values);
    await updatePlanRow(trx, plan.id, { updated_at: values.updated_at });
    await recordAudit(
      trx,
      actor,
      { action: "business_plan.item_update", entityType: "business_plan_item", entityId: itemId, partnerId, before, after: { ...before, ...values } },
      requestId,
    );
    return plan;
  });
  return itemAfterWrite(ctx.db, plan, itemId);
}
