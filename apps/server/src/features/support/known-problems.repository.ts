import type { Kysely } from "kysely";
import { containsText } from "../../db/dialect.js";
import type { Database, KnownProblemTable } from "../../db/types.js";

export type KnownProblemRow = Omit<KnownProblemTable, "description" | "workaround" | "affected_versions"> & {
  description: string;
  workaround: string;
  affected_versions: string;
};

export interface KnownProblemFilters {
  q?: string;
  productId?: string;
  status?: KnownProblemTable["status"];
}

/** Newest change first, keyset-paged on (updated_at, id); limit+1 rows. */
export function listKnownProblemRows(
  db: Kysely<Database>,
  filters: KnownProblemFilters,
  page: { after: [string, string] | undefined; limit: number },
): Promise<KnownProblemRow[]> {
  let query = db.selectFrom("known_problems").selectAll("known_problems");
  if (filters.q) {
    query = query.where(
      containsText(
        ["known_problems.title", "known_problems.description", "known_problems.workaround", "known_problems.affected_versions"],
        filters.q,
      ),
    );
  }
  if (filters.status) query = query.where("known_problems.status", "=", filters.status);
  const productId = filters.productId;
  if (productId) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("known_problem_products")
          .select("known_problem_products.product_id")
          .whereRef("known_problem_products.known_problem_id", "=", "known_problems.id")
          .where("known_problem_products.product_id", "=", productId),
      ),
    );
  }
  const after = page.after;
  if (after) query = query.where((eb) => eb(eb.refTuple("known_problems.updated_at", "known_problems.id"), "<", eb.tuple(after[0], after[1])));
  return query
    .orderBy("known_problems.updated_at", "desc")
    .orderBy("known_problems.id", "desc")
    .limit(page.limit + 1)
    .execute() as Promise<KnownProblemRow[]>;
}

export function findKnownProblemRow(db: Kysely<Database>, id: string): Promise<KnownProblemRow | undefined> {
  return db.selectFrom("known_problems").selectAll().where("id", "=", id).executeTakeFirst() as Promise<KnownProblemRow | undefined>;
}

export function findKnownProblemCreator(db: Kysely<Database>, userId: string) {
  return db.selectFrom("users").select(["id", "name"]).where("id", "=", userId).executeTakeFirst();
}

/** Linked tickets and distinct partners per problem (tickets_known_problem_idx). */
export async function ticketCountsByKnownProblem(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, { tickets: number; partners: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("tickets")
    .select([
      "tickets.known_problem_id",
      (eb) => eb.fn.countAll<number>().as("tickets"),
      (eb) => eb.fn.count<number>("tickets.partner_id").distinct().as("partners"),
    ])
    .where("tickets.known_problem_id", "in", ids)
    .groupBy("tickets.known_problem_id")
    .execute();
  return new Map(rows.map((r) => [r.known_problem_id as string, { tickets: Number(r.tickets), partners: Number(r.partners) }]));
}

export async function productIdsByKnownProblem(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom("known_problem_products")
    .select(["known_problem_id", "product_id"])
    .where("known_problem_id", "in", ids)
    .execute();
  for (const row of rows) map.set(row.known_problem_id, [...(map.get(row.known_problem_id) ?? []), row.product_id]);
  return map;
}

/** The newest tickets linked to a problem, with the partner's name. */
export function linkedTicketRows(db: Kysely<Database>, id: string, limit: number) {
  return db
    .selectFrom("tickets")
    .innerJoin("partners", "partners.id", "tickets.partner_id")
    .select([
      "tickets.id",
      "tickets.number",
      "tickets.subject",
      "tickets.status",
      "tickets.created_at",
      "partners.id as partner_id",
      "partners.name as partner_name",
    ])
    .where("tickets.known_problem_id", "=", id)
    .orderBy("tickets.created_at", "desc")
    .orderBy("tickets.id", "desc")
    .limit(limit)
    .execute();
}

export async function insertKnownProblem(db: Kysely<Database>, row: KnownProblemTable) {
  await db.insertInto("known_problems").values(row).execute();
}

export async function updateKnownProblemRow(db: Kysely<Database>, id: string, values: Partial<KnownProblemTable>) {
  await db.updateTable("known_problems").set(values).where("id", "=", id).execute();
}

export async function replaceKnownProblemProducts(db: Kysely<Database>, id: string, productIds: readonly string[]) {
  await db.deleteFrom("known_problem_products").where("known_problem_id", "=", id).execute();
  if (productIds.length === 0) return;
  await db
    .insertInto("known_problem_products")
    .values(productIds.map((productId) => ({ known_problem_id: id, product_id: productId })))
    .execute();
}
