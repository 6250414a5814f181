import type { Kysely } from "kysely";
import type { Database, KitTable } from "../../db/types.js";

export function findKitRows(db: Kysely<Database>, publishedOnly: boolean): Promise<KitTable[]> {
  let query = db.selectFrom("kits").selectAll();
  if (publishedOnly) query = query.where("status", "=", "published");
  return query.orderBy("title").orderBy("id").execute();
}

export function findKitRow(db: Kysely<Database>, id: string, publishedOnly: boolean): Promise<KitTable | undefined> {
  let query = db.selectFrom("kits").selectAll().where("id", "=", id);
  if (publishedOnly) query = query.where("status", "=", "published");
  return query.executeTakeFirst();
}

/** kit id -> asset ids in kit order */
export async function findKitAssetIds(db: Kysely<Database>, kitIds: readonly string[]): Promise<Map<string, string[]>> {
  if (kitIds.length === 0) return new Map();
  const rows = await db.selectFrom("kit_assets").selectAll().where("kit_id", "in", kitIds).orderBy("position").execute();
  const grouped = new Map<string, string[]>();
  for (const row of rows) grouped.set(row.kit_id, [...(grouped.get(row.kit_id) ?? []), row.asset_id]);
  return grouped;
}

export function insertKit(db: Kysely<Database>, row: KitTable) {
  return db.insertInto("kits").values(row).execute();
}

export function updateKitRow(db: Kysely<Database>, id: string, changes: Partial<KitTable>) {
  return db.updateTable("kits").set(changes).where("id", "=", id).execute();
}

export async function replaceKitAssets(db: Kysely<Database>, kitId: string, assetIds: readonly string[]): Promise<void> {
  await db.deleteFrom("kit_assets").where("kit_id", "=", kitId).execute();
  const rows = [...new Set(assetIds)].map((asset_id, position) => ({ kit_id: kitId, asset_id, position }));
  if (rows.length) await db.insertInto("kit_assets").values(rows).execute();
}

export async function deleteKitRow(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom("kit_assets").where("kit_id", "=", id).execute();
  await db.deleteFrom("kits").where("id", "=", id).execute();
}
