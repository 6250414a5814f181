import type { ProductLifecycle } from "@trellis/shared";
import type { Kysely } from "kysely";
import { containsText } from "../../db/dialect.js";
import type { Database, ProductFamilyTable, ProductTable } from "../../db/types.js";
import type { ProductFilters, ProductSort } from "./products.schemas.js";

/**
 * What the caller may see of the catalogue: partner roles see only active products. Every
 * product read takes it, so no handler can show a partner a retired product.
 */
export type ProductVisibility = "all" | "active_only";

export type ProductRow = ProductTable & { family_name: string };
export type SortKey = [string | number, string];

const sortColumns = {
  name: "products.name",
  sku: "products.sku",
  price: "products.list_price_minor",
  updatedAt: "products.updated_at",
} as const;

export function sortSpec(sort: ProductSort): {
  field: keyof typeof sortColumns;
  column: (typeof sortColumns)[keyof typeof sortColumns];
  desc: boolean;
} {
  const desc = sort.startsWith("-");
  const field = (desc ? sort.slice(1) : sort) as keyof typeof sortColumns;
  return { field, column: sortColumns[field], desc };
}

function selectProducts(db: Kysely<Database>, visibility: ProductVisibility) {
  let query = db
    .selectFrom("products")
    .innerJoin("product_families", "product_families.id", "products.family_id")
    .selectAll("products")
    .select("product_families.name as family_name");
  if (visibility === "active_only") query = query.where("products.lifecycle", "=", "active");
  return query;
}

export function findProductRow(db: Kysely<Database>, id: string, visibility: ProductVisibility): Promise<ProductRow | undefined> {
  return selectProducts(db, visibility).where("products.id", "=", id).executeTakeFirst();
}

/** Filtered and sorted, keyset-paged when `page` is given (limit+1 rows), else every match. */
export function listProductRows(
  db: Kysely<Database>,
  filters: ProductFilters,
  visibility: ProductVisibility,
  page?: { after: SortKey | undefined; limit: number },
): Promise<ProductRow[]> {
  let query = selectProducts(db, visibility);
  if (filters.q) {
    query = query.where(containsText(["products.sku", "products.name", "products.description"], filters.q));
  }
  if (filters.familyId) query = query.where("products.family_id", "=", filters.familyId);
  if (filters.lifecycle) query = query.where("products.lifecycle", "=", filters.lifecycle);
  const { column, desc } = sortSpec(filters.sort);
  const direction = desc ? "desc" : "asc";
  const after = page?.after;
  if (after) query = query.where((eb) => eb(eb.refTuple(column, "products.id"), desc ? "<" : ">", eb.tuple(after[0], after[1])));
  query = query.orderBy(column, direction).orderBy("products.id", direction);
  return page ? query.limit(page.limit + 1).execute() : query.execute();
}

export async function findProductRowsBySku(db: Kysely<Database>, skus: readonly string[]): Promise<ProductRow[]> {
  const rows: ProductRow[] = [];
  for (let i = 0; i < skus.length; i += 500) {
    const chunk = skus.slice(i, i + 500);
    rows.push(...(await selectProducts(db, "all").where("products.sku", "in", chunk).execute()));
  }
  return rows;
}

export async function insertProducts(db: Kysely<Database>, rows: ProductTable[]) {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto("products")
      .values(rows.slice(i, i + 200))
      .execute();
}

export async function updateProductRow(db: Kysely<Database>, id: string, values: Partial<ProductTable>) {
  await db.updateTable("products").set(values).where("id", "=", id).execute();
}

export function listFamilyRows(db: Kysely<Database>, visibility: ProductVisibility) {
  return db
    .selectFrom("product_families")
    .leftJoin("products", (join) => {
      const on = join.onRef("products.family_id", "=", "product_families.id");
      return visibility === "active_only" ? on.on("products.lifecycle", "=", "active") : on;
    })
    .select([
      "product_families.id",
      "product_families.name",
      "product_families.description",
      (eb) => eb.fn.count<number>("products.id").as("product_count"),
    ])
    .groupBy(["product_families.id", "product_families.name", "product_families.description"])
    .orderBy("product_families.name")
    .orderBy("product_families.id")
    .execute();
}

export function findFamilyRow(db: Kysely<Database>, id: string) {
  return db.selectFrom("product_families").selectAll().where("id", "=", id).executeTakeFirst();
}

export function listAllFamilyRows(db: Kysely<Database>): Promise<ProductFamilyTable[]> {
  return db.selectFrom("product_families").selectAll().execute();
}

export async function insertFamily(db: Kysely<Database>, row: ProductFamilyTable) {
  await db.insertInto("product_families").values(row).execute();
}

export async function updateFamilyRow(db: Kysely<Database>, id: string, values: Partial<ProductFamilyTable>) {
  await db.updateTable("product_families").set(values).where("id", "=", id).execute();
}

export async function deleteFamilyRow(db: Kysely<Database>, id: string) {
  await db.deleteFrom("product_families").where("id", "=", id).execute();
}

export async function countProductsInFamily(db: Kysely<Database>, id: string): Promise<number> {
  const row = await db
    .selectFrom("products")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("family_id", "=", id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findProductRefs(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<{ id: string; sku: string; name: string; lifecycle: string }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom("products").select(["id", "sku", "name", "lifecycle"]).where("id", "in", ids).orderBy("name").execute();
}

export async function findProductSerialRefs(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<{ id: string; sku: string; name: string; lifecycle: ProductLifecycle; family_id: string; serial_pattern: string }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom("products").select(["id", "sku", "name", "lifecycle", "family_id", "serial_pattern"]).where("id", "in", ids).execute();
}
