import { nowIso } from "../../db/dialect.js";
import type { FlagRule, RelationshipFlagTable } from "../../db/types.js";
import type { AppContext } from "../../platform/context.js";
import { uuidv7 } from "../../platform/ids.js";
import type { JobDefinition } from "../../platform/jobs/runner.js";
import { notify } from "../notifications/notifications.service.js";
import { recordTimelineEvent } from "../relationship-decisions/timeline.service.js";
import { clearFlag, findOpenFlags, findVendorAdminIds, insertFlag, markFlagNotified } from "./evaluation.repository.js";
import { findPartnerDirectory } from "./figures.repository.js";
import { monthFiguresByPartner } from "./figures.service.js";
import { refreshFigures } from "./refresh.service.js";
import { addMonths, periodFigures } from "./scorecard-math.js";
import { getRelationshipSettings } from "./settings.service.js";

export interface EvaluationResult {
  today: string;
  partners: number;
  raised: number;
  cleared: number;
  open: number;
  refreshMs: number;
  ms: number;
}

/** Only partners in a live relationship are judged; prospects have nothing to measure yet. */
const evaluatedStatuses = new Set(["active", "probation"]);

const ruleTitles: Record<FlagRule, string> = {
  net_negative: "Net contribution turned negative",
  health_low: "Health below the threshold",
  support_over_allowance: "Support consumption over the allowance",
};

/** More newly flagged partners than this for one recipient in one evaluation are told in one notification. */
export const flagsNotifiedOneByOne = 5;

const money = (minor: number, currency: string) =>
  `${(minor / 100).toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;

interface Finding {
  partnerId: string;
  rule: FlagRule;
  figures: Record<string, number | string | null>;
  summary: string;
}

/**
 * The daily evaluation (docs/relationships.md, "Alerts"): refreshes this month's and last
 * month's figures from every source, engagement included, then flags a partner whose net
 * contribution over the configured window is negative, whose health is below the threshold, or
 * whose support time this month is over its tier's allowance. A flag is raised once and stays
 * open while its condition holds; it clears itself when the condition goes. The owning channel
 * manager (vendor admins when there is none) is told the same day, with the figures.
 */
export async function evaluateRelationships(ctx: AppContext, options: { today?: string } = {}): Promise<EvaluationResult> {
  const started = performance.now();
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const endMonth = today.slice(0, 7);
  const refreshed = await refreshFigures(ctx.db, { months: [addMonths(endMonth, -1), endMonth], engagement: true, endMonth });
  const settings = await getRelationshipSettings(ctx.db);
  const windowFrom = addMonths(endMonth, -(settings.netWindowMonths - 1));
  const [directory, figures, open] = await Promise.all([
    findPartnerDirectory(ctx.db, null),
    monthFiguresByPartner(ctx.db, windowFrom, endMonth, null),
    findOpenFlags(ctx.db),
  ]);
  const cards = new Map(refreshed.cards.map((card) => [card.partnerId, card]));
  const findings: Finding[] = [];
  const judged = directory.filter((partner) => partner.archived_at === null && evaluatedStatuses.has(partner.status));
  for (const partner of judged) {
    const months = figures.get(partner.id) ?? [];
    const window = periodFigures(months, windowFrom, endMonth);
    if (window.netContributionMinor < 0) {
      findings.push({
        partnerId: partner.id,
        rule: "net_negative",
        figures: {
          fromMonth: windowFrom,
          toMonth: endMonth,
          marginMinor: window.marginMinor,
          resourcesMinor: window.resourcesMinor,
          netContributionMinor: window.netContributionMinor,
        },
        summary: `Over ${windowFrom}..${endMonth} margin ${money(window.marginMinor, settings.currency)} against resources ${money(window.resourcesMinor, settings.currency)}: net ${money(window.netContributionMinor, settings.currency)}.`,
      });
    }
    const health = cards.get(partner.id)?.health.score ?? null;
    if (health !== null && health < settings.healthThreshold) {
      findings.push({
        partnerId: partner.id,
        rule: "health_low",
        figures: { healthScore: health, threshold: settings.healthThreshold },
        summary: `Health ${health} is below the threshold of ${settings.healthThreshold}.`,
      });
    }
    const month = months.find((m) => m.month === endMonth);
    const minutes = month?.supportMinutes ?? null;
    const allowance = month?.supportAllowanceMinutes ?? null;
    if (minutes !== null && allowance !== null && minutes > allowance) {
      findings.push({
        partnerId: partner.id,
        rule: "support_over_allowance",
        figures: { month: endMonth, supportHours: minutes / 60, allowanceHours: allowance / 60 },
        summary: `Support this month ${(minutes / 60).toFixed(1)} h against an allowance of ${(allowance / 60).toFixed(1)} h.`,
      });
    }
  }

  const key = (partnerId: string, rule: string) => `${partnerId}\u0000${rule}`;
  const openByKey = new Map(open.map((flag) => [key(flag.partner_id, flag.rule), flag]));
  const found = new Set(findings.map((finding) => key(finding.partnerId, finding.rule)));
  const raised: (RelationshipFlagTable & { summary: string })[] = [];
  const at = nowIso();
  const names = new Map(directory.map((partner) => [partner.id, partner]));
  await ctx.db.transaction().execute(async (trx) => {
    for (const finding of findings) {
      if (openByKey.has(key(finding.partnerId, finding.rule))) continue;
      const row: RelationshipFlagTable = {
        id: uuidv7(),
        partner_id: finding.partnerId,
        rule: finding.rule,
        status: "open",
        raised_on: today,
        figures: JSON.stringify(finding.figures),
        notified_user_id: null,
        notified_at: null,
        cleared_at: null,
        created_at: at,
      };
      await insertFlag(trx, row);
      await recordTimelineEvent(trx, {
        partnerId: finding.partnerId,
        kind: "flag_raised",
        title: `Flagged: ${ruleTitles[finding.rule]}`,
        detail: finding.summary,
        actorId: null,
        flagId: row.id,
      });
      raised.push({ ...row, summary: finding.summary });
    }
    for (const flag of open) {
      if (found.has(key(flag.partner_id, flag.rule))) continue;
      await clearFlag(trx, flag.id, at);
      await recordTimelineEvent(trx, {
        partnerId: flag.partner_id,
        kind: "flag_cleared",
        title: `Flag cleared: ${ruleTitles[flag.rule]}`,
        detail: `Raised ${flag.raised_on}; the condition no longer holds on ${today}.`,
        actorId: null,
        flagId: flag.id,
      });
    }
  });

  // After the commit: one notification per partner, to its channel manager (or the vendor admins).
  const admins = await findVendorAdminIds(ctx.db);
  const byPartner = new Map<string, typeof raised>();
  for (const flag of raised) byPartner.set(flag.partner_id, [...(byPartner.get(flag.partner_id) ?? []), flag]);
  const notified: { flagId: string; userId: string | null }[] = [];
  // Per recipient: a few flagged partners are told one by one; more in one evaluation (a first run,
  // a bad month) become one notification listing them all, not a flood of mails.
  const byRecipients = new Map<string, { recipients: string[]; partners: [string, typeof raised][] }>();
  for (const [partnerId, flags] of byPartner) {
    const partner = names.get(partnerId);
    const recipients = partner?.channel_manager_id ? [partner.channel_manager_id] : admins;
    const group = byRecipients.get(recipients.join(",")) ?? { recipients, partners: [] };
    group.partners.push([partnerId, flags]);
    byRecipients.set(recipients.join(","), group);
    for (const flag of flags) notified.push({ flagId: flag.id, userId: recipients[0] ?? null });
  }
  for (const { recipients, partners } of byRecipients.values()) {
    if (partners.length > flagsNotifiedOneByOne) {
      await notify(ctx, {
        userIds: recipients,
        kind: "partner_flagged",
        title: `${partners.length} partners are flagged today`,
        body: partners
          .map(([partnerId, flags]) => `${names.get(partnerId)?.name ?? "A partner"}: ${flags.map((flag) => flag.summary).join(" ")}`)
          .join("\n"),
        link: "/relationships?flagged=1",
      });
      continue;
    }
    for (const [partnerId, flags] of partners) {
      await notify(ctx, {
        userIds: recipients,
        kind: "partner_flagged",
        title: `${names.get(partnerId)?.name ?? "A partner"} is flagged: ${flags.map((flag) => ruleTitles[flag.rule].toLowerCase()).join("; ")}`,
        body: flags.map((flag) => flag.summary).join("\n"),
        link: `/relationships/partners/${partnerId}`,
        sourceType: "partner",
        sourceId: partnerId,
      });
    }
  }
  // One commit for all the marks, not one each.
  const notifiedAt = nowIso();
  await ctx.db.transaction().execute(async (trx) => {
    for (const mark of notified) await markFlagNotified(trx, mark.flagId, mark.userId, notifiedAt);
  });
  const cleared = open.filter((flag) => !found.has(key(flag.partner_id, flag.rule))).length;
  return {
    today,
    partners: judged.length,
    raised: raised.length,
    cleared,
    open: open.length - cleared + raised.length,
    refreshMs: refreshed.ms,
    ms: Math.round(performance.now() - started),
  };
}

/** Daily at 05:30 UTC, before the channel team's day in Europe. */
export const relationshipsEvaluateJob: JobDefinition = {
  name: "relationships.evaluate",
  schedule: "30 5 * * *",
  run: async (ctx) => {
    await evaluateRelationships(ctx);
  },
};

/** Hourly: this month's financial figures (sales, support, points, costs) stay at most an hour behind. */
export const relationshipsRefreshJob: JobDefinition = {
  name: "relationships.refresh",
  schedule: "12 * * * *",
  run: async (ctx) => {
    const month = new Date().toISOString().slice(0, 7);
    await refreshFigures(ctx.db, { months: [month] });
  },
};
