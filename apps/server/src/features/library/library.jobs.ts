import { assetTypeLabels } from "@trellis/shared";
import type { JobDefinition } from "../../platform/jobs/runner.js";
import { getVendorSettings } from "../settings/settings.service.js";
import { userNamesByIds } from "../users/users.service.js";
import { findRecentlyStaleCompetitive, findStaleAssets } from "./library.repository.js";
import { reindexAsset, todayUtc } from "./library.service.js";

/**
 * Every morning, each asset owner is told which of their assets are past their review-by date.
 * Stale competitive claims are worse than none, so the mail says when those are hidden from partners.
 */
export const libraryReviewReminderJob: JobDefinition = {
  name: "library.review-reminders",
  schedule: "10 6 * * *",
  run: async (ctx) => {
    const today = todayUtc();
    // Competitive sheets that went past review lately get their "stale" search facet (the
    // listing's SQL already hides them; this keeps filtered searches' pages full).
    const weekAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
    for (const asset of await findRecentlyStaleCompetitive(ctx.db, weekAgo, today))
      await ctx.db.transaction().execute((trx) => reindexAsset(trx, asset.id));
    const stale = await findStaleAssets(ctx.db, today);
    if (stale.length === 0) return;
    const settings = await getVendorSettings(ctx.db);
    const byOwner = new Map<string, typeof stale>();
    for (const asset of stale) {
      const owner = asset.owner_id ?? asset.created_by;
      if (owner) byOwner.set(owner, [...(byOwner.get(owner) ?? []), asset]);
    }
    const owners = await userNamesByIds(ctx.db, [...byOwner.keys()]);
    for (const [ownerId, assets] of byOwner) {
      const owner = owners.get(ownerId);
      if (owner?.status !== "active") continue;
      const lines = assets.map((asset) => {
        const hidden = settings.hideStaleCompetitive && asset.type === "competitive_data_sheet" ? " (hidden from partners until reviewed)" : "";
        return `- ${asset.title} [${assetTypeLabels[asset.type]}], review by ${asset.review_by}${hidden}\n  ${ctx.config.publicUrl}/library/assets/${asset.id}`;
      });
      await ctx.mailer.send({
        to: owner.email,
        subject: `${assets.length} sales asset${assets.length === 1 ? "" : "s"} past the review-by date`,
        text: `Hello ${owner.name},\n\nThese assets you own in the sales library are past their review-by date. Update them or set a new review-by date:\n\n${lines.join("\n")}\n`,
      });
    }
  },
};
