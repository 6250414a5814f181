import type { TicketSeverity } from "@trellis/shared";
import type { Kysely } from "kysely";
import type { Database, SlaPolicyTable, SupportSettingsTable } from "../../db/types.js";

export const settingsId = "support";
export const defaultTierKey = "*";

export async function findSupportSettings(db: Kysely<Database>): Promise<SupportSettingsTable | undefined> {
  return db.selectFrom("support_settings").selectAll().where("id", "=", settingsId).executeTakeFirst();
}

export async function upsertSupportSettings(db: Kysely<Database>, row: SupportSettingsTable): Promise<void> {
  const { id: _id, ...changes } = row;
  await db
    .insertInto("support_settings")
    .values(row)
    .onConflict((oc) => oc.column("id").doUpdateSet(changes))
    .execute();
}

export async function findSlaPolicies(db: Kysely<Database>): Promise<SlaPolicyTable[]> {
  return db.selectFrom("sla_policies").selectAll().orderBy("tier_key").orderBy("severity").execute();
}

export async function findSlaPolicy(db: Kysely<Database>, tierKey: string, severity: TicketSeverity): Promise<SlaPolicyTable | undefined> {
  return db.selectFrom("sla_policies").selectAll().where("tier_key", "=", tierKey).where("severity", "=", severity).executeTakeFirst();
}

export async function replaceSlaPolicies(db: Kysely<Database>, rows: SlaPolicyTable[]): Promise<void> {
  await db.deleteFrom("sla_policies").execute();
  if (rows.length > 0) await db.insertInto("sla_policies").values(rows).execute();
}

export async function findTierAllowances(db: Kysely<Database>): Promise<{ id: string; name: string; support_allowance_hours: number | null }[]> {
  const rows = await db.selectFrom("tiers").select(["id", "name", "support_allowance_hours"]).orderBy("rank").execute();
  return rows.map((row) => ({ id: row.id, name: row.name, support_allowance_hours: row.support_allowance_hours ?? null }));
}

export async function setTierAllowance(db: Kysely<Database>, tierId: string, hours: number | null, at: string): Promise<number> {
  const result = await db.updateTable("tiers").set({ support_allowance_hours: hours, updated_at: at }).where("id", "=", tierId).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function findCoverage(db: Kysely<Database>): Promise<{ user_id: string; family_id: string }[]> {
  return db.selectFrom("agent_coverage").select(["user_id", "family_id"]).execute();
}

export async function replaceCoverage(db: Kysely<Database>, userId: string, familyIds: readonly string[]): Promise<void> {
  await db.deleteFrom("agent_coverage").where("user_id", "=", userId).execute();
  if (familyIds.length === 0) return;
  await db
    .insertInto("agent_coverage")
    .values(familyIds.map((family_id) => ({ user_id: userId, family_id, last_assigned_at: null })))
    .execute();
}

export async function findAgents(db: Kysely<Database>): Promise<{ id: string; name: string; email: string; role: string; open_tickets: number }[]> {
  const rows = await db
    .selectFrom("users")
    .select((eb) => [
      "users.id",
      "users.name",
      "users.email",
      "users.role",
      eb
        .selectFrom("tickets")
        .select((inner) => inner.fn.countAll<number>().as("n"))
        .whereRef("tickets.assignee_id", "=", "users.id")
        .where("tickets.active", "=", 1)
        .as("open_tickets"),
    ])
    .where("users.role", "in", ["support_agent", "vendor_admin"])
    .where("users.status", "=", "active")
    .orderBy("users.name")
    .execute();
  return rows.map((row) => ({ ...row, open_tickets: Number(row.open_tickets ?? 0) }));
}

/**
 * The next agent for a product family: the active covering agent assigned longest ago (never first).
 * Marks the pick in the same statement's transaction so two tickets in a row go to different agents.
 */
export async function pickRoundRobinAgent(db: Kysely<Database>, familyId: string, at: string): Promise<string | null> {
  const candidate = await db
    .selectFrom("agent_coverage")
    .innerJoin("users", "users.id", "agent_coverage.user_id")
    .select(["agent_coverage.user_id", "agent_coverage.last_assigned_at"])
    .where("agent_coverage.family_id", "=", familyId)
    .where("users.status", "=", "active")
    .where("users.role", "in", ["support_agent", "vendor_admin"])
    .orderBy((eb) => eb.case().when("agent_coverage.last_assigned_at", "is", null).then(0).else(1).end())
    .orderBy("agent_coverage.last_assigned_at")
    .orderBy("agent_coverage.user_id")
    .limit(1)
    .executeTakeFirst();
  if (!candidate) return null;
  await db
    .updateTable("agent_coverage")
    .set({ last_assigned_at: at })
    .where("user_id", "=", candidate.user_id)
    .where("family_id", "=", familyId)
    .execute();
  return candidate.user_id;
}
