import type { PlanItemKind } from "@trellis/shared";
import type { PlanItemStatus } from "../db/types.js";
import type { PlanItemInput } from "../features/business-plans/business-plans.schemas.js";
import { createBusinessPlan, updateBusinessPlan, updatePlanItem } from "../features/business-plans/business-plans.service.js";
import type { AppContext } from "../platform/context.js";
import { uuidv7 } from "../platform/ids.js";
import { atOn, dayFrom, type RelationshipWorld } from "./relationships-world.js";

// Joint business plans for this year, agreed in January by the channel manager and the partner's
// principal: the partner's targets and commitments, the vendor's commitments. Items measured from
// data (revenue, marketing funds, channel-manager and support hours) fill themselves; the others
// are kept by hand, and the demo records how far each got. Northgate is the model partner, Harbor
// the one whose support allowance is long spent, Andes the efficient one the vendor promised to
// invest in and has not yet (its marketing funds are still at zero: the plan shows it).

type Quarter = 1 | 2 | 3 | 4;

interface DemoItem {
  side: PlanItemInput["side"];
  kind: PlanItemKind;
  title: string;
  target: number;
  unit: PlanItemInput["unit"];
  due: Quarter;
  /** What was achieved by hand (count), for items not measured from data. */
  actual?: number;
  note?: string;
}

const item = (
  side: DemoItem["side"],
  kind: PlanItemKind,
  title: string,
  target: number,
  unit: DemoItem["unit"],
  due: Quarter,
  actual?: number,
): DemoItem => ({
  side,
  kind,
  title,
  target,
  unit,
  due,
  ...(actual === undefined ? {} : { actual }),
});

export const demoPlans: Record<string, { notes: string; items: DemoItem[] }> = {
  "Northgate Security Integrators": {
    notes: "Grow healthcare and logistics in Chicagoland; certify the install team on VMS Enterprise and LPR.",
    items: [
      item("partner", "revenue", "Sell-through revenue", 60_000_000, "money", 4),
      item("partner", "certified_staff", "Technicians certified on VMS Enterprise", 4, "count", 3),
      item("partner", "promotions", "Spring NVR upgrade promotion to the installed base", 1, "count", 2, 1),
      item("partner", "events", "Customer demo days at the Chicago showroom", 2, "count", 4, 1),
      item("partner", "demo_equipment", "Showroom demo kit: PTZ, thermal and a 64-channel recorder", 1, "count", 1, 1),
      item("vendor", "marketing_funds", "Co-marketing funds", 2_400_000, "money", 4),
      item("vendor", "sales_support_hours", "Channel-manager and pre-sales hours", 16_800, "hours", 4),
      item("vendor", "support_allowance", "Platinum support allowance", 48_000, "hours", 4),
      item("vendor", "training_sessions", "Instructor-led sessions: VMS Enterprise and LPR analytics", 3, "count", 4, 2),
    ],
  },
  "Harbor City Systems": {
    notes: "Win the transit and port projects in Puget Sound without the integrations taking over the support desk.",
    items: [
      item("partner", "revenue", "Sell-through revenue", 40_000_000, "money", 4),
      item("partner", "staff_to_train", "Technicians to certify on VMS Enterprise", 2, "count", 4, 0),
      item("partner", "opportunities", "Transit and port opportunities registered", 6, "count", 4),
      item("partner", "events", "Reference visit at Emerald Transit for other operators", 1, "count", 3, 1),
      item("vendor", "support_allowance", "Gold support allowance", 24_000, "hours", 4),
      item("vendor", "sales_support_hours", "Channel-manager and pre-sales hours", 14_400, "hours", 4),
      item("vendor", "marketing_funds", "Co-marketing funds for the transit bids", 2_000_000, "money", 4),
      item("vendor", "training_sessions", "VMS SDK integration workshop", 1, "count", 4, 1),
    ],
  },
  "Andes Vigilancia": {
    notes: "Santiago retail and clinics: sell VMS Professional with every camera project; the vendor backs the first reference.",
    items: [
      item("partner", "revenue", "Sell-through revenue", 12_000_000, "money", 4),
      item("partner", "promotions", "VMS Professional bundle for Santiago retailers", 1, "count", 2, 1),
      item("partner", "events", "Launch event with the Mall Plaza Norte reference", 1, "count", 3, 1),
      item("vendor", "marketing_funds", "Co-marketing funds for the retail reference", 400_000, "money", 3),
      item("vendor", "sales_support_hours", "Channel-manager hours", 3_600, "hours", 4),
      item("vendor", "training_sessions", "Remote VMS Professional training for the sales team", 2, "count", 2, 2),
    ],
  },
};

const quarterStart = (year: number, quarter: Quarter) => `${year}-${String(quarter * 3 - 2).padStart(2, "0")}-01`;
const quarterEnd = (year: number, quarter: Quarter) =>
  ["", `${year}-03-31`, `${year}-06-30`, `${year}-09-30`, `${year}-12-31`][quarter] ?? `${year}-12-31`;

/** A hand-kept item's status from what it reached by its due date. */
function handStatus(actual: number, target: number, due: string, today: string): PlanItemStatus {
  if (actual >= target) return "done";
  if (due < today) return "missed";
  return actual > 0 ? "in_progress" : "planned";
}

/** Creates and agrees each plan through the business-plans service, records the hand-kept progress, and dates the plan in January. */
export async function loadDemoPlans(ctx: AppContext, world: RelationshipWorld): Promise<number> {
  const year = world.now.getUTCFullYear();
  const today = dayFrom(world.now, 0);
  let plans = 0;
  for (const [name, plan] of Object.entries(demoPlans)) {
    const partner = world.partners.get(name);
    const manager = partner?.manager;
    if (!partner || !manager) continue;
    const created = await createBusinessPlan(
      ctx,
      manager,
      partner.id,
      {
        year,
        notes: plan.notes,
        items: plan.items.map((i) => ({
          side: i.side,
          kind: i.kind,
          title: i.title,
          targetValue: i.target,
          unit: i.unit,
          dueOn: quarterEnd(year, i.due),
          note: i.note ?? "",
        })),
      },
      uuidv7(),
    );
    await updateBusinessPlan(ctx, manager, partner.id, year, { status: "agreed" }, uuidv7());
    for (const demo of plan.items) {
      const stored = created.items.find((i) => i.title === demo.title);
      // Only items of a quarter that has begun have moved.
      if (demo.actual === undefined || !stored || stored.measure !== null || quarterStart(year, demo.due) > today) continue;
      const due = quarterEnd(year, demo.due);
      await updatePlanItem(
        ctx,
        manager,
        partner.id,
        year,
        stored.id,
        { actualValue: demo.actual, status: handStatus(demo.actual, demo.target, due, today) },
        uuidv7(),
      );
    }
    // Agreed in the year's second week, or a month after the partner joined when that is later.
    const agreed = atOn(world.now, [`${year}-01-14`, dayFrom(new Date(Date.parse(partner.createdAt)), 30)].sort()[1] ?? today, 10);
    await ctx.db.updateTable("business_plans").set({ created_at: agreed }).where("id", "=", created.id).execute();
    await ctx.db.updateTable("business_plan_items").set({ created_at: agreed }).where("plan_id", "=", created.id).execute();
    plans++;
  }
  return plans;
}
