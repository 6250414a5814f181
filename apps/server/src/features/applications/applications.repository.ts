import type { ApplicationStatus } from "@trellis/shared";
import type { ExpressionBuilder, Kysely } from "kysely";
import { containsText, engineOf } from "../../db/dialect.js";
import type { ApplicationTable, Database } from "../../db/types.js";

export async function insertApplication(db: Kysely<Database>, row: ApplicationTable) {
  await db.insertInto("applications").values(row).execute();
}

/** The name of the vendor user who decided, for the reviewer's screen. */
const decidedByName = (eb: ExpressionBuilder<Database, "applications">) =>
  eb.selectFrom("users").select("users.name").whereRef("users.id", "=", "applications.decided_by").as("decided_by_name");

export function findApplicationRow(db: Kysely<Database>, id: string) {
  return db.selectFrom("applications").selectAll().select(decidedByName).where("id", "=", id).executeTakeFirst();
}

/** The row, locked until the transaction ends on PostgreSQL (SQLite's BEGIN IMMEDIATE already serialises). */
export function lockApplicationRow(db: Kysely<Database>, id: string) {
  const query = db.selectFrom("applications").selectAll().where("id", "=", id);
  return engineOf(db) === "postgres" ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

export async function pendingApplicationFor(db: Kysely<Database>, principalEmail: string): Promise<boolean> {
  const row = await db
    .selectFrom("applications")
    .select("id")
    .where("principal_email", "=", principalEmail)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return row !== undefined;
}

/** Newest first, keyset on (created_at, id); limit + 1 rows for toPage. */
export function findApplicationPage(
  db: Kysely<Database>,
  filters: { status?: ApplicationStatus; q?: string },
  limit: number,
  after: { createdAt: string; id: string } | undefined,
) {
  let query = db.selectFrom("applications").selectAll().select(decidedByName);
  if (filters.status) query = query.where("status", "=", filters.status);
  if (filters.q) {
    query = query.where(containsText(["company_name", "legal_name", "principal_name", "principal_email"], filters.q));
  }
  if (after) {
    query = query.where((eb) =>
      eb.or([eb("created_at", "<", after.createdAt), eb.and([eb("created_at", "=", after.createdAt), eb("id", "<", after.id)])]),
    );
  }
  return query
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();
}

export async function updateApplicationRow(db: Kysely<Database>, id: string, values: Partial<Omit<ApplicationTable, "id">>) {
  await db.updateTable("applications").set(values).where("id", "=", id).execute();
}

/** Who reviews applications: active vendor admins and channel managers (users read-only). */
export async function findReviewerIds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom("users")
    .select("id")
    .where("role", "in", ["vendor_admin", "channel_manager"])
    .where("status", "=", "active")
    .orderBy("id")
    .execute();
  return rows.map((row) => row.id);
}
