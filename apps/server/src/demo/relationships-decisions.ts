import type { Kysely } from "kysely";
import type { Database } from "../db/types.js";
import { addAction, createDecision, updateAction } from "../features/relationship-decisions/decisions.service.js";
import { recordReview } from "../features/relationship-decisions/reviews.service.js";
import { flagsList } from "../features/scorecards/flags.service.js";
import type { AppContext } from "../platform/context.js";
import { uuidv7 } from "../platform/ids.js";
import { fraudStory } from "./incentives-content.js";
import { recordDemoCostLines } from "./relationships-costs.js";
import { atOn, dayFrom, type RelationshipWorld, type WorldPartner } from "./relationships-world.js";

// The decisions of the demo, made through the decisions service by the owning channel manager and
// then dated when they happened (the service stamps the load time): Harbor City Systems' fix plan,
// decided a few weeks after its flags, two of its four actions done and one review recorded; and
// Vistula Monitoring's probation (watch, after the fraud the incentive demo tells), reviewed with the
// outcome "cut", and the cut proposed next, its notice, reduced access and end still ahead.

const euros = (minor: number) => `€${Math.round(minor / 100).toLocaleString("en-GB")}`;

/** Dates what a decision wrote: the decision, its actions, reviews and timeline events (in the order they were written). */
async function backdate(
  trx: Kysely<Database>,
  decisionId: string,
  dates: {
    decidedAt: string;
    /** The timeline events in the order the service wrote them. */
    events: string[];
    reviews?: string[];
    /** Per action id: when it was added (the decision's time otherwise), last changed, and done. */
    actions?: Record<string, { createdAt?: string; updatedAt?: string; doneAt?: string }>;
    closedAt?: string;
    /** The review date the decision was opened with, when it differs from the one the service was given. */
    firstReview?: { given: string; was: string };
  },
): Promise<void> {
  await trx
    .updateTable("relationship_decisions")
    .set({ decided_at: dates.decidedAt, ...(dates.closedAt ? { closed_at: dates.closedAt } : {}) })
    .where("id", "=", decisionId)
    .execute();
  const actions = await trx.selectFrom("relationship_actions").select("id").where("decision_id", "=", decisionId).execute();
  for (const action of actions) {
    const when = dates.actions?.[action.id] ?? {};
    const createdAt = when.createdAt ?? dates.decidedAt;
    await trx
      .updateTable("relationship_actions")
      .set({ created_at: createdAt, updated_at: when.updatedAt ?? when.doneAt ?? createdAt, done_at: when.doneAt ?? null })
      .where("id", "=", action.id)
      .execute();
  }
  const reviews = await trx.selectFrom("relationship_reviews").select("id").where("decision_id", "=", decisionId).orderBy("id").execute();
  for (const [index, review] of reviews.entries()) {
    const at = dates.reviews?.[index];
    if (at) await trx.updateTable("relationship_reviews").set({ reviewed_at: at }).where("id", "=", review.id).execute();
  }
  const events = await trx
    .selectFrom("relationship_timeline")
    .select(["id", "kind", "title"])
    .where("decision_id", "=", decisionId)
    .orderBy("id")
    .execute();
  for (const [index, event] of events.entries()) {
    const at = dates.events[index] ?? dates.events.at(-1) ?? dates.decidedAt;
    const first = dates.firstReview;
    const title = first && event.kind === "decision_opened" ? event.title.replace(first.given, first.was) : event.title;
    await trx.updateTable("relationship_timeline").set({ at, title }).where("id", "=", event.id).execute();
  }
}

/**
 * Harbor's fix plan: decided 26 days ago by its channel manager with two actions a side; the
 * vendor's workshop (a training cost line) and the partner's single point of contact are done;
 * reviewed 5 days ago (continue), next review in 23 days.
 */
export async function loadHarborFixPlan(ctx: AppContext, world: RelationshipWorld, harbor: WorldPartner): Promise<string | null> {
  const manager = harbor.manager;
  if (!manager) return null;
  const now = world.now;
  const flags = (await flagsList(ctx.db, "open")).items.filter((flag) => flag.partnerId === harbor.id);
  const net = flags.find((flag) => flag.rule === "net_negative")?.figures;
  const support = flags.find((flag) => flag.rule === "support_over_allowance")?.figures;
  const facts = [
    net
      ? `margin ${euros(Number(net.marginMinor))} against resources of ${euros(Number(net.resourcesMinor))} over ${net.fromMonth}..${net.toMonth}`
      : null,
    support
      ? `support ${Number(support.supportHours).toFixed(0)} h in ${support.month} against a Gold allowance of ${Number(support.allowanceHours)} h`
      : null,
  ].filter((fact) => fact !== null);
  const nextReview = dayFrom(now, 23);
  const firstReview = dayFrom(now, -5);
  const decision = await createDecision(
    ctx,
    manager,
    harbor.id,
    {
      kind: "fix",
      reason:
        `Flagged by the daily evaluation${facts.length ? `: ${facts.join("; ")}` : ""}. Harbor sells the second-most of any reseller, ` +
        "but its custom integrations (VMS SDK scripts, third-party access panels) fill the desk and need an engineer on site every month. " +
        "Worth fixing, not cutting: teach its technicians the SDK, put integration questions through one contact on each side, and certify two technicians before new transit sites.",
      reviewOn: nextReview,
      actions: [
        { side: "vendor", title: "Run a two-day VMS SDK integration workshop for Harbor's technicians", owner: "Sam Iyer", dueOn: dayFrom(now, -12) },
        {
          side: "vendor",
          title: "Name one support engineer for Harbor and hold a weekly integration call instead of ad-hoc P2 tickets",
          owner: manager.name,
          dueOn: dayFrom(now, 9),
        },
        { side: "partner", title: "Route every integration request through one project lead", owner: "Owen Harper", dueOn: dayFrom(now, -10) },
        {
          side: "partner",
          title: "Certify two technicians on VMS Enterprise before taking on new transit sites",
          owner: "Jake Ruiz",
          dueOn: dayFrom(now, 30),
        },
      ],
    },
    uuidv7(),
  );
  const workshop = decision.actions.find((a) => a.title.includes("workshop"));
  const contact = decision.actions.find((a) => a.title.includes("one project lead"));
  const done: Record<string, { doneAt: string }> = {};
  for (const [action, days] of [
    [workshop, -13],
    [contact, -9],
  ] as const) {
    if (!action) continue;
    await updateAction(ctx, manager, harbor.id, decision.id, action.id, { status: "done" }, uuidv7());
    done[action.id] = { doneAt: atOn(now, dayFrom(now, days), 16) };
  }
  await recordDemoCostLines(ctx.db, harbor.id, [
    {
      actor: manager,
      source: "manual",
      input: {
        spentOn: dayFrom(now, -14),
        category: "training",
        amount: "3200.00",
        hours: "16.00",
        purpose: "Two-day VMS SDK integration workshop for Harbor's technicians (fix plan)",
      },
    },
  ]);
  await recordReview(
    ctx,
    manager,
    harbor.id,
    decision.id,
    {
      outcome: "continue",
      note:
        "Workshop held and one project lead named on Harbor's side: integration tickets are down from about 14 a month to 9, " +
        "but support is still well over the Gold allowance and the field engineer is still needed at Port of Tacoma. " +
        "Keep the plan; check the certifications and the weekly call at the next review.",
      nextReviewOn: nextReview,
    },
    uuidv7(),
  );
  const decidedAt = atOn(now, dayFrom(now, -26), 10);
  const reviewedAt = atOn(now, firstReview, 15);
  await ctx.db.transaction().execute((trx) =>
    backdate(trx, decision.id, {
      decidedAt,
      events: [decidedAt, done[workshop?.id ?? ""]?.doneAt ?? decidedAt, done[contact?.id ?? ""]?.doneAt ?? decidedAt, reviewedAt],
      reviews: [reviewedAt],
      actions: done,
      firstReview: { given: nextReview, was: firstReview },
    }),
  );
  return decision.id;
}

/**
 * Vistula: on probation (a watch) since the week its fraudulent claim was reversed (the incentive
 * demo's story), a partner action missed, reviewed 8 days ago with the outcome "cut";
 * the cut decided 6 days ago gives notice in a week, reduces access in 37 days and ends in 67.
 */
export async function loadVistulaCut(ctx: AppContext, world: RelationshipWorld, vistula: WorldPartner): Promise<string | null> {
  const manager = vistula.manager;
  if (!manager) return null;
  const now = world.now;
  const today = dayFrom(now, 0);
  const reviewedOn = dayFrom(now, -8);
  const watch = await createDecision(
    ctx,
    manager,
    vistula.id,
    {
      kind: "watch",
      reason:
        "On probation after a paid claim was reversed for fraud: beyond its first order it has sent no sell-through report, " +
        "its claims are a few small ones a quarter, and nobody came to the last two partner webinars. " +
        "Watch for a quarter: a first project registered and monthly sell-through reports would keep it.",
      reviewOn: today,
      actions: [],
    },
    uuidv7(),
  );
  const project = await addAction(
    ctx,
    manager,
    vistula.id,
    watch.id,
    { side: "partner", title: "Register a first project with the vendor", owner: "Marek Nowak", dueOn: dayFrom(now, -30) },
    uuidv7(),
  );
  await updateAction(ctx, manager, vistula.id, watch.id, project.id, { status: "missed" }, uuidv7());
  await recordReview(
    ctx,
    manager,
    vistula.id,
    watch.id,
    {
      outcome: "cut",
      note:
        "No project registered and still no sell-through report; the claims stayed small. It costs more in channel-manager time than its sales earn. " +
        "Propose the cut: the team's hours go further with the partners that sell.",
    },
    uuidv7(),
  );
  const cut = await createDecision(
    ctx,
    manager,
    vistula.id,
    {
      kind: "cut",
      reason:
        "All but dormant: a trickle of small claims in a year, nothing in the pipeline, a fraud incident, and it still takes channel-manager time every month. " +
        "Notice at next week's call; its open claims and tickets are settled before access is reduced; its data is kept.",
      cut: { noticeOn: dayFrom(now, 7), reduceOn: dayFrom(now, 37), endOn: dayFrom(now, 67) },
      actions: [],
    },
    uuidv7(),
  );
  const watchedAt = atOn(now, dayFrom(now, -(fraudStory.reversedDaysAgo - 3)), 11);
  const reviewedAt = atOn(now, reviewedOn, 14);
  const addedAt = atOn(now, dayFrom(now, -(fraudStory.reversedDaysAgo - 8)), 11);
  const missedAt = atOn(now, dayFrom(now, -29), 9);
  await ctx.db.transaction().execute(async (trx) => {
    await backdate(trx, watch.id, {
      decidedAt: watchedAt,
      events: [watchedAt, addedAt, missedAt, reviewedAt, reviewedAt],
      actions: { [project.id]: { createdAt: addedAt, updatedAt: missedAt } },
      reviews: [reviewedAt],
      closedAt: reviewedAt,
      firstReview: { given: today, was: reviewedOn },
    });
    await trx.updateTable("relationship_decisions").set({ review_on: reviewedOn }).where("id", "=", watch.id).execute();
    const cutAt = atOn(now, dayFrom(now, -6), 9);
    await backdate(trx, cut.id, { decidedAt: cutAt, events: [cutAt] });
  });
  return cut.id;
}
