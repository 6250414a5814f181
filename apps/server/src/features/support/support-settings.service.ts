import { type TicketSeverity, ticketSeverities } from "@trellis/shared";
import type { Kysely } from "kysely";
import type { z } from "zod";
import { nowIso } from "../../db/dialect.js";
import type { Database, SupportSettingsTable } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { badRequest, notFound } from "../../platform/http/problem.js";
import { listProductFamilies } from "../products/products.service.js";
import { tierExists } from "../tiers/tiers.service.js";
import { isActiveVendorUserWithRole } from "../users/users.service.js";
import { type BusinessCalendar, calendarProblems, defaultCalendar } from "./business-hours.js";
import type { agentCoverage, allowanceInput, slaPoliciesInput, slaPolicyRow, supportSettings, supportSettingsInput } from "./support.schemas.js";
import {
  defaultTierKey,
  findAgents,
  findCoverage,
  findSlaPolicies,
  findSlaPolicy,
  findSupportSettings,
  findTierAllowances,
  replaceCoverage,
  replaceSlaPolicies,
  setTierAllowance,
  settingsId,
  upsertSupportSettings,
} from "./support-settings.repository.js";
import { findPartnerTier } from "./tickets.repository.js";

export type SupportSettings = z.infer<typeof supportSettings>;
export type SlaPolicy = z.infer<typeof slaPolicyRow>;
export type AgentCoverage = z.infer<typeof agentCoverage>;
export const agentRoles = ["support_agent", "vendor_admin"] as const;

/** Targets in business minutes when the vendor has set none: a sensible start, shown and editable. */
export const defaultSlaTargets: Record<TicketSeverity, { firstResponseMinutes: number; resolutionMinutes: number }> = {
  P1: { firstResponseMinutes: 60, resolutionMinutes: 8 * 60 },
  P2: { firstResponseMinutes: 4 * 60, resolutionMinutes: 20 * 60 },
  P3: { firstResponseMinutes: 8 * 60, resolutionMinutes: 50 * 60 },
  P4: { firstResponseMinutes: 20 * 60, resolutionMinutes: 100 * 60 },
};

const defaults: Omit<SupportSettingsTable, "updated_at"> = {
  id: settingsId,
  cost_per_hour_minor: 8500,
  currency: "EUR",
  capacity_hours_per_month: 640,
  reopen_window_days: 14,
  warn_before_minutes: 60,
  team_lead_id: null,
  auto_assign: 1,
  calendar: JSON.stringify(defaultCalendar),
};

function toSettings(row: SupportSettingsTable): SupportSettings {
  const stored = JSON.parse(row.calendar) as BusinessCalendar;
  // Every weekday present (the built-in calendar names only Monday-Friday): the response schema requires all seven.
  const week = stored.week;
  const calendar: SupportSettings["calendar"] = {
    timeZone: stored.timeZone,
    week: { 1: week[1] ?? [], 2: week[2] ?? [], 3: week[3] ?? [], 4: week[4] ?? [], 5: week[5] ?? [], 6: week[6] ?? [], 7: week[7] ?? [] },
    holidays: [...stored.holidays],
  };
  return {
    costPerHourMinor: row.cost_per_hour_minor,
    currency: row.currency,
    capacityHoursPerMonth: row.capacity_hours_per_month,
    reopenWindowDays: row.reopen_window_days,
    warnBeforeMinutes: row.warn_before_minutes,
    teamLeadId: row.team_lead_id,
    autoAssign: row.auto_assign === 1,
    calendar,
    updatedAt: row.updated_at,
  };
}

// The calendar is read on every ticket write; cache the parsed row per database handle briefly.
const cache = new WeakMap<object, { at: number; settings: SupportSettings }>();
const cacheMs = 5_000;

export async function getSupportSettings(db: Kysely<Database>): Promise<SupportSettings> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < cacheMs) return hit.settings;
  const row = await findSupportSettings(db);
  const settings = toSettings(row ?? { ...defaults, updated_at: "1970-01-01T00:00:00.000Z" });
  cache.set(db, { at: Date.now(), settings });
  return settings;
}

export function businessCalendarOf(settings: SupportSettings): BusinessCalendar {
  return settings.calendar as BusinessCalendar;
}

export async function updateSupportSettings(
  ctx: AppContext,
  actor: AuthenticatedActor,
  input: z.infer<typeof supportSettingsInput>,
  requestId: string,
): Promise<SupportSettings> {
  if (input.calendar) {
    const problems = calendarProblems(input.calendar as BusinessCalendar);
    if (problems.length > 0) {
      throw badRequest(
        problems.map((problem) => `calendar.${problem.path} ${problem.message}`).join("; "),
        problems.map((problem) => ({ path: `body.calendar.${problem.path}`, message: problem.message })),
      );
    }
  }
  if (input.teamLeadId && !(await isActiveVendorUserWithRole(ctx.db, input.teamLeadId, agentRoles))) {
    throw badRequest("teamLeadId is not an active support agent or vendor admin", [
      { path: "body.teamLeadId", message: "must be an active support agent or vendor admin" },
    ]);
  }
  const before = await getSupportSettings(ctx.db);
  const after: SupportSettings = { ...before, ...input, updatedAt: nowIso() };
  await ctx.db.transaction().execute(async (trx) => {
    await upsertSupportSettings(trx, {
      id: settingsId,
      cost_per_hour_minor: after.costPerHourMinor,
      currency: after.currency,
      capacity_hours_per_month: after.capacityHoursPerMonth,
      reopen_window_days: after.reopenWindowDays,
      warn_before_minutes: after.warnBeforeMinutes,
      team_lead_id: after.teamLeadId,
      auto_assign: after.autoAssign ? 1 : 0,
      calendar: JSON.stringify(after.calendar),
      updated_at: after.updatedAt,
    });
    await recordAudit(
      trx,
      actor,
      { action: "support_settings.update", entityType: "support_settings", entityId: settingsId, partnerId: null, before, after },
      requestId,
    );
  });
  cache.delete(ctx.db);
  return getSupportSettings(ctx.db);
}

/** Every stored policy; the default row of a severity falls back to the built-in targets. */
export async function listSlaPolicies(db: Kysely<Database>, tierId?: string | null): Promise<SlaPolicy[]> {
  const rows = await findSlaPolicies(db);
  const stored = rows.map((row) => ({
    tierId: row.tier_key === defaultTierKey ? null : row.tier_key,
    severity: row.severity,
    firstResponseMinutes: row.first_response_minutes,
    resolutionMinutes: row.resolution_minutes,
  }));
  const withDefaults = [...stored];
  for (const severity of ticketSeverities) {
    if (!stored.some((policy) => policy.tierId === null && policy.severity === severity)) {
      withDefaults.push({ tierId: null, severity, ...defaultSlaTargets[severity] });
    }
  }
  if (tierId === undefined) return withDefaults;
  // A partner sees the targets that apply to its tier: its own row, else the default.
  return ticketSeverities.map(
    (severity) =>
      withDefaults.find((policy) => policy.tierId === tierId && tierId !== null && policy.severity === severity) ??
      (withDefaults.find((policy) => policy.tierId === null && policy.severity === severity) as SlaPolicy),
  );
}

/** The targets for a new ticket of this tier and severity. */
export async function slaTargetsFor(db: Kysely<Database>, tierId: string | null, severity: TicketSeverity) {
  const own = tierId ? await findSlaPolicy(db, tierId, severity) : undefined;
  const policy = own ?? (await findSlaPolicy(db, defaultTierKey, severity));
  if (!policy) return defaultSlaTargets[severity];
  return { firstResponseMinutes: policy.first_response_minutes, resolutionMinutes: policy.resolution_minutes };
}

export async function replaceSlaPolicyTable(
  ctx: AppContext,
  actor: AuthenticatedActor,
  input: z.infer<typeof slaPoliciesInput>,
  requestId: string,
): Promise<SlaPolicy[]> {
  const seen = new Set<string>();
  for (const [index, policy] of input.policies.entries()) {
    const key = `${policy.tierId ?? defaultTierKey}/${policy.severity}`;
    if (seen.has(key))
      throw badRequest(`policies[${index}] repeats ${key}`, [{ path: `body.policies.${index}`, message: "repeats a tier and severity" }]);
    seen.add(key);
    if (policy.resolutionMinutes < policy.firstResponseMinutes) {
      throw badRequest(`policies[${index}]: resolution must not come before first response`, [
        { path: `body.policies.${index}.resolutionMinutes`, message: "must be at least the first-response target" },
      ]);
    }
    if (policy.tierId && !(await tierExists(ctx.db, policy.tierId))) {
      throw badRequest(`policies[${index}].tierId is not a tier`, [{ path: `body.policies.${index}.tierId`, message: "is not a tier" }]);
    }
  }
  const before = await listSlaPolicies(ctx.db);
  const at = nowIso();
  await ctx.db.transaction().execute(async (trx) => {
    await replaceSlaPolicies(
      trx,
      input.policies.map((policy) => ({
        tier_key: policy.tierId ?? defaultTierKey,
        severity: policy.severity,
        first_response_minutes: policy.firstResponseMinutes,
        resolution_minutes: policy.resolutionMinutes,
        updated_at: at,
      })),
    );
    await recordAudit(
      trx,
      actor,
      {
        action: "sla_policies.replace",
        entityType: "sla_policies",
        entityId: "sla_policies",
        partnerId: null,
        before: { before },
        after: { policies: input.policies },
      },
      requestId,
    );
  });
  return listSlaPolicies(ctx.db);
}

export async function setTierAllowances(
  ctx: AppContext,
  actor: AuthenticatedActor,
  input: z.infer<typeof allowanceInput>,
  requestId: string,
): Promise<void> {
  const at = nowIso();
  await ctx.db.transaction().execute(async (trx) => {
    for (const [index, allowance] of input.allowances.entries()) {
      const updated = await setTierAllowance(trx, allowance.tierId, allowance.hoursPerMonth, at);
      if (updated === 0)
        throw badRequest(`allowances[${index}].tierId is not a tier`, [{ path: `body.allowances.${index}.tierId`, message: "is not a tier" }]);
    }
    await recordAudit(
      trx,
      actor,
      { action: "support_allowances.update", entityType: "tier", entityId: "support_allowances", partnerId: null, after: input },
      requestId,
    );
  });
}

export async function listTierAllowances(db: Kysely<Database>) {
  const rows = await findTierAllowances(db);
  return { allowances: rows.map((row) => ({ tierId: row.id, tierName: row.name, hoursPerMonth: row.support_allowance_hours })) };
}

export async function listAgentCoverage(db: Kysely<Database>): Promise<AgentCoverage[]> {
  const [agents, coverage] = await Promise.all([findAgents(db), findCoverage(db)]);
  return agents.map((agent) => ({
    userId: agent.id,
    name: agent.name,
    email: agent.email,
    role: agent.role,
    familyIds: coverage.filter((row) => row.user_id === agent.id).map((row) => row.family_id),
    openTickets: agent.open_tickets,
  }));
}

export async function setAgentCoverage(
  ctx: AppContext,
  actor: AuthenticatedActor,
  userId: string,
  familyIds: readonly string[],
  requestId: string,
): Promise<AgentCoverage> {
  if (!(await isActiveVendorUserWithRole(ctx.db, userId, agentRoles))) throw notFound("Support agent");
  const families = new Set((await listProductFamilies(ctx.db, actor)).map((family) => family.id));
  const unknown = familyIds.findIndex((id) => !families.has(id));
  if (unknown >= 0)
    throw badRequest(`familyIds[${unknown}] is not a product family`, [{ path: `body.familyIds.${unknown}`, message: "is not a product family" }]);
  await ctx.db.transaction().execute(async (trx) => {
    await replaceCoverage(trx, userId, [...new Set(familyIds)]);
    await recordAudit(
      trx,
      actor,
      { action: "agent_coverage.update", entityType: "user", entityId: userId, partnerId: null, after: { familyIds } },
      requestId,
    );
  });
  const agent = (await listAgentCoverage(ctx.db)).find((row) => row.userId === userId);
  if (!agent) throw notFound("Support agent");
  return agent;
}

/** A partner's tier, for the SLA targets it sees. */
export async function findPartnerTierFor(db: Kysely<Database>, partnerId: string): Promise<string | null> {
  return findPartnerTier(db, partnerId);
}
