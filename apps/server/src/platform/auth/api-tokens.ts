import type { Role } from "@trellis/shared";
import type { Db } from "../../db/database.js";
import { nowIso } from "../../db/dialect.js";
import type { Actor } from "../access/actor.js";
import { hashToken } from "./secrets.js";

export const apiTokenPrefix = "trl_";
const touchEveryMs = 60_000;

export async function resolveApiToken(db: Db, token: string): Promise<Actor> {
  if (!token.startsWith(apiTokenPrefix)) return { kind: "anonymous" };
  const row = await db
    .selectFrom("api_tokens")
    .select(["id", "name", "role", "revoked_at", "last_used_at"])
    .where("token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row || row.revoked_at) return { kind: "anonymous" };
  if (!row.last_used_at || Date.now() - Date.parse(row.last_used_at) > touchEveryMs) {
    await db.updateTable("api_tokens").set({ last_used_at: nowIso() }).where("id", "=", row.id).execute();
  }
  return { kind: "token", tokenId: row.id, role: row.role as Role, partnerId: null, name: row.name };
}
