import { isPartnerRole, type Role } from "@trellis/shared";
import type { Kysely } from "kysely";
import type { Database } from "../db/types.js";
import type { ClaimDraft } from "../features/incentives/claim-validation.js";
import { checkClaims } from "../features/incentives/claim-validation.js";
import { claimableRep, fileClaimIn } from "../features/incentives/claims.service.js";
import { getIncentiveSettings } from "../features/incentives/incentive-settings.service.js";
import { repBalance, verifyLedger } from "../features/incentives/ledger.service.js";
import { approveClaim, rejectClaim, reverseClaim } from "../features/incentives/review.service.js";
import { setLeaderboardPreference } from "../features/rewards/leaderboard.service.js";
import { approveRedemption, cancelRedemption, fulfilRedemption, requestRedemption } from "../features/rewards/redemptions.service.js";
import { type FulfilInput, shippedKinds } from "../features/rewards/rewards.schemas.js";
import type { AuthenticatedActor } from "../platform/access/actor.js";
import type { AppContext } from "../platform/context.js";
import { uuidv7 } from "../platform/ids.js";
import { backdateMovements } from "./incentives-backdate.js";
import { type DemoRedemption, demoRedemptions, demoRewards, optedOutEmail } from "./incentives-content.js";
import { type PlannedClaim, type PlanPartner, planClaims } from "./incentives-plan.js";
import { setUpCatalog, setUpProgram } from "./incentives-setup.js";
import { demoVendorUsers } from "./people.js";
import { type Random, seededRandom } from "./support-random.js";

// The demo's incentive program: settings, rules and promotions, a rewards catalog, a year of claims
// by the resellers' reps (more from the strong partners; some rejected, one reversed for fraud) and
// redemptions in every state. Every step goes through the program's services, replayed oldest
// first; each step's ledger movements are then moved to the step's date (incentives-backdate.ts),
// so statements, leaderboards, liability and cost per partner read as a real year.

const dayMs = 86_400_000;
const hourMs = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const dayStart = (ms: number) => ms - (ms % dayMs);

interface DemoUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  partner_id: string | null;
}

function actorOf(user: DemoUser): AuthenticatedActor {
  return {
    kind: "user",
    userId: user.id,
    role: user.role,
    partnerId: user.partner_id,
    name: user.name,
    email: user.email,
    sessionId: "demo-loader",
    csrfToken: "",
  };
}

type Step =
  | { at: number; kind: "file"; claim: PlannedClaim }
  | { at: number; kind: "review"; claim: PlannedClaim }
  | { at: number; kind: "reverse"; claim: PlannedClaim }
  | { at: number; kind: "redeem"; redemption: number; plan: DemoRedemption }
  | { at: number; kind: "approve_redemption"; redemption: number }
  | { at: number; kind: "fulfil"; redemption: number; input: FulfilInput }
  | { at: number; kind: "cancel"; redemption: number; reason: string };

/** Each redemption's steps after its request, as far as the load date allows. */
function redemptionSteps(plan: DemoRedemption, index: number, now: number, random: Random): Step[] {
  const requested = dayStart(now - plan.daysAgo * dayMs) + random.between(9, 16) * hourMs;
  const steps: Step[] = [{ at: requested, kind: "redeem", redemption: index, plan }];
  if (plan.end === "requested") return steps;
  const approved = requested + random.between(0.3, 1.5) * dayMs;
  steps.push({ at: approved, kind: "approve_redemption", redemption: index });
  const sent = approved + random.between(1, 3) * dayMs;
  const carrier = random.chance(0.5) ? "1Z" : "JJD";
  const tracking = `${carrier}${Array.from({ length: 16 }, () => random.int(0, 9)).join("")}`;
  const code = `LUM-${Array.from({ length: 3 }, () => random.int(1000, 9999)).join("-")}`;
  if (plan.end === "cancelled") steps.push({ at: sent, kind: "cancel", redemption: index, reason: plan.cancelReason ?? "Cancelled by finance" });
  if (plan.end === "code_sent") steps.push({ at: sent, kind: "fulfil", redemption: index, input: { method: "code_sent", voucherCode: code } });
  if (plan.end === "shipped" || plan.end === "delivered")
    steps.push({ at: sent, kind: "fulfil", redemption: index, input: { method: "shipped", trackingNumber: tracking } });
  if (plan.end === "delivered")
    steps.push({ at: sent + random.between(2, 6) * dayMs, kind: "fulfil", redemption: index, input: { method: "delivered" } });
  // A step the load date has not reached yet has not happened: the redemption stays where it got to.
  const reached = steps.findIndex((step) => step.at >= now);
  return reached < 0 ? steps : steps.slice(0, reached);
}

interface Replay {
  ctx: AppContext;
  since: string;
  users: Map<string, DemoUser>;
  partners: Map<string, { name: string; address: string }>;
  rewardIds: Map<string, string>;
  claimIds: Map<PlannedClaim, string>;
  redemptionIds: Map<number, string>;
  finance: DemoUser;
}

const userOf = (state: Replay, id: string): DemoUser => {
  const user = state.users.get(id);
  if (!user) throw new Error(`demo incentives: unknown user ${id}`);
  return user;
};

async function datedClaim(trx: Kysely<Database>, state: Replay, claimId: string, at: string, values: { decided?: boolean; reversed?: boolean }) {
  await trx
    .updateTable("incentive_claims")
    .set({ updated_at: at, ...(values.decided ? { decided_at: at } : {}), ...(values.reversed ? { reversed_at: at } : {}) })
    .where("id", "=", claimId)
    .execute();
  await trx.updateTable("incentive_launch_grants").set({ created_at: at }).where("claim_id", "=", claimId).execute();
  await backdateMovements(trx, state.since, at);
}

async function fileClaim(state: Replay, claim: PlannedClaim, at: string): Promise<void> {
  const filer = userOf(state, claim.filerId);
  await state.ctx.db.transaction().execute(async (trx) => {
    const rep = await claimableRep(trx, claim.partnerId, claim.repId);
    if (!rep) throw new Error(`demo incentives: ${claim.repId} cannot earn points`);
    const settings = await getIncentiveSettings(trx);
    const draft: ClaimDraft = {
      invoiceNumber: claim.invoiceNumber,
      invoiceDate: claim.saleDate,
      endCustomer: claim.endCustomer,
      lines: claim.lines.map((line) => ({
        productId: line.productId,
        quantity: line.quantity,
        unitNetMinor: line.unitNetMinor,
        currency: line.currency,
        serials: line.serials,
      })),
    };
    // Checked as on the day it was filed: the claim window counts back from then.
    const { issues, products } = await checkClaims(trx, [draft], settings.claimWindowDays, at.slice(0, 10));
    if (issues.length > 0) throw new Error(`demo incentives: claim ${claim.invoiceNumber} refused: ${issues.map((i) => i.message).join("; ")}`);
    const row = await fileClaimIn(trx, actorOf(filer), filer.id, rep, draft, products, settings, uuidv7());
    await trx.updateTable("incentive_claims").set({ created_at: at }).where("id", "=", row.id).execute();
    await datedClaim(trx, state, row.id, at, { decided: row.status === "approved" });
    state.claimIds.set(claim, row.id);
  });
}

async function decideClaim(state: Replay, step: Step & { kind: "review" | "reverse" }, at: string): Promise<void> {
  const id = state.claimIds.get(step.claim);
  if (!id) throw new Error(`demo incentives: claim ${step.claim.invoiceNumber} was not filed`);
  await state.ctx.db.transaction().execute(async (trx) => {
    const { status } = await trx.selectFrom("incentive_claims").select("status").where("id", "=", id).executeTakeFirstOrThrow();
    if (step.kind === "reverse" && step.claim.reversal) {
      await reverseClaim(trx, actorOf(userOf(state, step.claim.reversal.reviewerId)), id, step.claim.reversal.reason, uuidv7());
      await datedClaim(trx, state, id, at, { reversed: true });
      return;
    }
    const review = step.claim.review;
    // Small claims were approved when filed; only the rest wait for a reviewer.
    if (!review || status !== "pending") return;
    const reviewer = actorOf(userOf(state, review.reviewerId));
    if (review.reject) await rejectClaim(trx, reviewer, id, review.reject, uuidv7());
    else await approveClaim(trx, reviewer, id, review.note ?? undefined, uuidv7());
    await datedClaim(trx, state, id, at, { decided: true });
  });
}

/** The named rep, or (when it is short of points) its team-mate with the most. */
async function redeemer(state: Replay, plan: DemoRedemption, cost: number): Promise<DemoUser | undefined> {
  const named = [...state.users.values()].find((user) => user.email === plan.repEmail);
  if (!named) return undefined;
  const team = [...state.users.values()].filter((u) => u.partner_id === named.partner_id && (u.role === "sales_rep" || u.role === "partner_admin"));
  const balances = await Promise.all(
    [named, ...team].map(async (user) => ({ user, available: (await repBalance(state.ctx.db, user.id)).available })),
  );
  return balances.find((b) => b.available >= cost)?.user;
}

async function redeem(state: Replay, step: Step & { kind: "redeem" }, at: string): Promise<void> {
  const item = demoRewards.find((reward) => reward.key === step.plan.reward);
  const rewardId = state.rewardIds.get(step.plan.reward);
  if (!item || !rewardId) throw new Error(`demo incentives: unknown reward ${step.plan.reward}`);
  const rep = await redeemer(state, step.plan, item.pointCost);
  if (!rep) {
    state.ctx.log.warn({ redemption: step.plan }, "demo incentives: no rep of the team has the points for this redemption");
    return;
  }
  const partner = state.partners.get(rep.partner_id ?? "");
  const shipped = (shippedKinds as readonly string[]).includes(item.kind);
  await state.ctx.db.transaction().execute(async (trx) => {
    const redemption = await requestRedemption(
      trx,
      actorOf(rep),
      { rewardId, quantity: 1, ...(shipped ? { shippingAddress: `${rep.name}, ${partner?.name}, ${partner?.address}` } : {}) },
      uuidv7(),
    );
    await trx.updateTable("reward_redemptions").set({ requested_at: at, updated_at: at }).where("id", "=", redemption.id).execute();
    await backdateMovements(trx, state.since, at);
    state.redemptionIds.set(step.redemption, redemption.id);
  });
}

async function settle(state: Replay, step: Step & { kind: "approve_redemption" | "fulfil" | "cancel" }, at: string): Promise<void> {
  const id = state.redemptionIds.get(step.redemption);
  if (!id) return; // never requested (no rep had the points)
  const finance = actorOf(state.finance);
  if (step.kind === "approve_redemption") {
    await approveRedemption(state.ctx, finance, id, uuidv7());
    await state.ctx.db.updateTable("reward_redemptions").set({ approved_at: at, updated_at: at }).where("id", "=", id).execute();
    return;
  }
  await state.ctx.db.transaction().execute(async (trx) => {
    if (step.kind === "cancel") {
      await cancelRedemption(trx, finance, id, { reason: step.reason }, uuidv7());
      await trx.updateTable("reward_redemptions").set({ cancelled_at: at, updated_at: at }).where("id", "=", id).execute();
    } else {
      const settling = step.input.method !== "delivered";
      await fulfilRedemption(trx, finance, id, step.input, uuidv7());
      await trx
        .updateTable("reward_redemptions")
        .set({ updated_at: at, ...(settling ? { fulfilled_at: at } : {}) })
        .where("id", "=", id)
        .execute();
    }
    await backdateMovements(trx, state.since, at);
  });
}

async function replayStep(state: Replay, step: Step): Promise<void> {
  const at = iso(step.at);
  if (step.kind === "file") return fileClaim(state, step.claim, at);
  if (step.kind === "review" || step.kind === "reverse") return decideClaim(state, step, at);
  if (step.kind === "redeem") return redeem(state, step, at);
  return settle(state, step, at);
}

export interface DemoIncentivesResult {
  loaded: boolean;
  claims: number;
  redemptions: number;
}

/**
 * Loads the demo incentive program once: when a rule, a reward or a claim exists, nothing changes.
 * Needs the demo data set (loadDemoData) for its partners, people and products. Throws when the
 * ledger does not verify afterwards.
 */
export async function loadDemoIncentives(ctx: AppContext): Promise<DemoIncentivesResult> {
  const db = ctx.db;
  const none = { loaded: false, claims: 0, redemptions: 0 };
  const vendorEmail = (role: string) => demoVendorUsers.find((user) => user.role === role)?.email ?? "";
  const vendor = await db
    .selectFrom("users")
    .select(["id", "name", "email", "role", "partner_id"])
    .where("email", "in", [vendorEmail("vendor_admin"), vendorEmail("finance")])
    .execute();
  const admin = vendor.find((user) => user.role === "vendor_admin");
  const finance = vendor.find((user) => user.role === "finance");
  if (!admin || !finance) return none;
  const existing = await Promise.all([
    db.selectFrom("incentive_rule_versions").select("rule_id").limit(1).executeTakeFirst(),
    db.selectFrom("rewards").select("id").limit(1).executeTakeFirst(),
    db.selectFrom("incentive_claims").select("id").limit(1).executeTakeFirst(),
  ]);
  if (existing.some((row) => row !== undefined)) return none;

  const since = new Date().toISOString();
  const now = Date.parse(since);
  const [users, partnerRows, products, families, tiers] = await Promise.all([
    db.selectFrom("users").select(["id", "name", "email", "role", "partner_id"]).where("status", "=", "active").execute(),
    db
      .selectFrom("partners")
      .select(["id", "name", "region", "created_at", "channel_manager_id", "address_line1", "postal_code", "city", "country"])
      .where("archived_at", "is", null)
      .execute(),
    db
      .selectFrom("products")
      .innerJoin("product_families", "product_families.id", "products.family_id")
      .select([
        "products.id",
        "products.sku",
        "product_families.name as family",
        "products.serial_pattern",
        "products.list_price_minor",
        "products.lifecycle",
      ])
      .execute(),
    db.selectFrom("product_families").select(["id", "name"]).execute(),
    db.selectFrom("tiers").select(["id", "name"]).execute(),
  ]);
  // The same order on both engines (their collations differ), so the seeded story is the same too.
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  users.sort((a, b) => byText(a.email, b.email));
  partnerRows.sort((a, b) => byText(a.name, b.name));
  products.sort((a, b) => byText(a.sku, b.sku));

  const adminActor = actorOf(admin);
  const start = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth() - 12, 1, 9);
  await setUpProgram(ctx, adminActor, {
    now,
    since: start,
    familyIds: new Map(families.map((f) => [f.name, f.id])),
    productIds: new Map(products.map((p) => [p.sku, p.id])),
  });
  const rewardIds = await setUpCatalog(ctx, actorOf(finance), { since: start + dayMs, tierIds: new Map(tiers.map((t) => [t.name, t.id])) });

  const partners: PlanPartner[] = partnerRows.map((p) => ({
    id: p.id,
    name: p.name,
    region: p.region,
    country: p.country,
    createdAt: Date.parse(p.created_at),
    managerId: p.channel_manager_id,
    sellers: users.flatMap((u) =>
      u.partner_id === p.id && (u.role === "sales_rep" || u.role === "partner_admin") ? [{ id: u.id, role: u.role, email: u.email }] : [],
    ),
  }));
  const random = seededRandom(6_2026);
  const claims = planClaims({
    now,
    partners,
    products: products.map((p) => ({
      id: p.id,
      sku: p.sku,
      family: p.family,
      pattern: p.serial_pattern,
      priceMinor: Number(p.list_price_minor),
      active: p.lifecycle === "active",
    })),
    financeId: finance.id,
    random,
  });
  const steps: Step[] = [
    ...claims.flatMap((claim): Step[] => [
      { at: claim.filedAt, kind: "file", claim },
      ...(claim.review ? [{ at: claim.review.at, kind: "review" as const, claim }] : []),
      ...(claim.reversal ? [{ at: claim.reversal.at, kind: "reverse" as const, claim }] : []),
    ]),
    ...demoRedemptions.flatMap((plan, index) => redemptionSteps(plan, index, now, random)),
  ]
    .map((step) => ({ ...step, at: Math.floor(step.at) }))
    .sort((a, b) => a.at - b.at);
  // Distinct, increasing times: a rep's entries then read in the order they were made.
  for (const [i, step] of steps.entries()) {
    const before = steps[i - 1];
    if (before && step.at <= before.at) step.at = before.at + 1;
  }

  const state: Replay = {
    ctx,
    since,
    users: new Map(users.map((u) => [u.id, u])),
    partners: new Map(partnerRows.map((p) => [p.id, { name: p.name, address: `${p.address_line1}, ${p.postal_code} ${p.city}, ${p.country}` }])),
    rewardIds,
    claimIds: new Map(),
    redemptionIds: new Map(),
    finance,
  };
  for (const step of steps) {
    if (step.at >= now) continue; // not yet happened
    await replayStep(state, step);
  }

  const optedOut = users.find((u) => u.email === optedOutEmail && isPartnerRole(u.role));
  if (optedOut) await setLeaderboardPreference(ctx, actorOf(optedOut), { optOut: true }, uuidv7());

  const check = await verifyLedger(db);
  if (!check.ok) throw new Error(`demo incentives: the ledger does not verify: ${JSON.stringify(check).slice(0, 2000)}`);
  return { loaded: true, claims: state.claimIds.size, redemptions: state.redemptionIds.size };
}
