import type { Kysely } from "kysely";
import type { BusinessPlanItemTable, BusinessPlanTable, Database } from "../../db/types.js";

// Every query names the partner: the routes check the actor may reach it (config.partnerParam), and a plan or item
// id from another partner's URL finds nothing.

export function listPlanRows(db: Kysely<Database>, partnerId: string) {
  return db
    .selectFrom("business_plans")
    .leftJoin("business_plan_items", "business_plan_items.plan_id", "business_plans.id")
    .select([
      "business_plans.id",
      "business_plans.year",
      "business_plans.status",
      "business_plans.updated_at",
      (eb) => eb.fn.count<number>("business_plan_items.id").as("item_count"),
    ])
    .where("business_plans.partner_id", "=", partnerId)
    .groupBy(["business_plans.id", "business_plans.year", "business_plans.status", "business_plans.updated_at"])
    .orderBy("business_plans.year", "desc")
    .execute();
}

export function findPlanRow(db: Kysely<Database>, partnerId: string, year: number) {
  return db.selectFrom("business_plans").selectAll().where("partner_id", "=", partnerId).where("year", "=", year).executeTakeFirst();
}

export async function insertPlan(db: Kysely<Database>, row: BusinessPlanTable): Promise<void> {
  await db.insertInto("business_plans").values(row).execute();
}

export async function updatePlanRow(db: Kysely<Database>, id: string, values: Partial<BusinessPlanTable>): Promise<void> {
  await db.updateTable("business_plans").set(values).where("id", "=", id).execute();
}

export function listItemRows(db: Kysely<Database>, planId: string) {
  return db.selectFrom("business_plan_items").selectAll().where("plan_id", "=", planId).orderBy("side").orderBy("due_on").orderBy("id").execute();
}

export function findItemRow(db: Kysely<Database>, planId: string, itemId: string) {
  return db.selectFrom("business_plan_items").selectAll().where("plan_id", "=", planId).where("id", "=", itemId).executeTakeFirst();
}

export async function insertItems(db: Kysely<Database>, rows: BusinessPlanItemTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto("business_plan_items").values(rows).execute();
}

export async function updateItemRow(db: Kysely<Database>, id: string, values: Partial<BusinessPlanItemTable>): Promise<void> {
  await db.updateTable("business_plan_items").set(values).where("id", "=", id).execute();
}
