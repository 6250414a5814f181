import type { AppContext } from "../../platform/context.js";
import type { JobDefinition } from "../../platform/jobs/runner.js";
import { notify } from "../notifications/notifications.service.js";
import { findPartnerForSystem } from "../partners/partners.service.js";
import { listUsers, userNamesByIds } from "../users/users.service.js";
import { findDecisionsToRemind, markReminded } from "./decisions.repository.js";
import { utcToday } from "./decisions.service.js";
import { runOffboarding } from "./offboarding.service.js";

const kindWords = { fix: "fix plan", watch: "watch (probation)", cut: "cut" } as const;
const batch = 500;

/** The partner's channel manager when it is an active vendor user; the vendor admins otherwise. */
async function reviewersOf(ctx: AppContext, channelManagerId: string | null): Promise<string[]> {
  if (channelManagerId) {
    const manager = (await userNamesByIds(ctx.db, [channelManagerId])).get(channelManagerId);
    if (manager?.status === "active" && manager.partnerId === null) return [channelManagerId];
  }
  const admins = await listUsers(ctx.db, { kind: "vendor" }, { role: "vendor_admin", status: "active" });
  return admins.map((admin) => admin.id);
}

/**
 * Reminds the partner's channel manager (the vendor admins when it has none) of each open
 * decision whose review date has come by `today`, once per review date: a review that moves the
 * date arms the reminder again. Returns how many decisions were reminded.
 */
export async function runReviewReminders(ctx: AppContext, today: string): Promise<number> {
  let reminded = 0;
  for (;;) {
    const due = await findDecisionsToRemind(ctx.db, today, batch);
    let marked = 0;
    for (const decision of due) {
      if (!decision.review_on || !(await markReminded(ctx.db, decision.id, decision.review_on))) continue;
      marked++;
      reminded++;
      const partner = await findPartnerForSystem(ctx.db, decision.partner_id);
      if (!partner) continue;
      const overdue = decision.review_on < today ? ` (since ${decision.review_on})` : "";
      await notify(ctx, {
        userIds: await reviewersOf(ctx, partner.channelManagerId),
        kind: "partner_review_due",
        title: `Review due: ${partner.name}'s ${kindWords[decision.kind]}${overdue}`,
        body: `The ${kindWords[decision.kind]} for ${partner.name} is due for review on ${decision.review_on}. Record the review (continue, improved, escalate or cut) with a note.\n\nWhy it was decided: ${decision.reason}`,
        link: `/relationships/partners/${partner.id}`,
        sourceType: "relationship_decision",
        sourceId: `${decision.id}:${decision.review_on}`,
      });
    }
    // Every row read was marked (or changed meanwhile), so the next read moves on; stop when none was.
    if (due.length < batch || marked === 0) return reminded;
  }
}

/** Daily at 06:20 UTC, before the channel team's day in Europe. */
export const reviewRemindersJob: JobDefinition = {
  name: "relationships.reviews",
  schedule: "20 6 * * *",
  run: async (ctx) => {
    const reminded = await runReviewReminders(ctx, utcToday());
    ctx.log.info({ job: "relationships.reviews", reminded }, "review reminders ran");
  },
};

/** Daily at 00:40 UTC, so a step dated today happens at the start of its day. */
export const offboardingJob: JobDefinition = {
  name: "relationships.offboarding",
  schedule: "40 0 * * *",
  run: async (ctx) => {
    const result = await runOffboarding(ctx, utcToday());
    ctx.log.info({ job: "relationships.offboarding", ...result }, "offboarding ran");
  },
};
