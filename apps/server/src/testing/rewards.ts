import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { expect } from "vitest";
import type { Database } from "../db/types.js";
import { postLedgerTransaction, repBalance, verifyLedger } from "../features/incentives/ledger.service.js";
import type { signedIn, TestApp } from "./harness.js";
import { movement } from "./ledger.js";

// Rewards fixtures: points granted as the claims part posts them, catalog items made through the API.

export type Client = Awaited<ReturnType<typeof signedIn>>["client"];

/** Points earned by a rep (a claim approved: funding -> rep_points), posted as the claims part does. */
export async function grantPoints(db: Kysely<Database>, userId: string, points: number, kind: "claim_approved" | "adjustment" = "claim_approved") {
  return db.transaction().execute((trx) => postLedgerTransaction(trx, movement(kind, userId, points, randomUUID())));
}

export async function createRewardItem(
  client: Client,
  input: Record<string, unknown> = {},
): Promise<{ id: string; name: string; pointCost: number }> {
  const response = await client.post("/api/v1/rewards/catalog", {
    kind: "gift_card",
    name: `Gift card ${randomUUID().slice(0, 6)}`,
    description: "A gift card",
    pointCost: 100,
    stock: null,
    ...input,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

export const key = () => ({ "idempotency-key": randomUUID() });

export async function balanceOf(app: TestApp, userId: string) {
  return repBalance(app.ctx.db, userId);
}

/** The ledger balances and matches its stored balances and rollups. */
export async function expectLedgerBalanced(app: TestApp): Promise<void> {
  const check = await verifyLedger(app.ctx.db);
  expect(check, JSON.stringify(check)).toMatchObject({ ok: true });
}

export async function stockOf(app: TestApp, rewardId: string): Promise<number | null> {
  const row = await app.ctx.db.selectFrom("rewards").select("stock").where("id", "=", rewardId).executeTakeFirstOrThrow();
  return row.stock === null ? null : Number(row.stock);
}
