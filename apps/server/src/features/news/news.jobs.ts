import { nowIso } from "../../db/dialect.js";
import type { JobDefinition } from "../../platform/jobs/runner.js";
import { findMustReadDue, notifyMustReadIfDue } from "./must-read.service.js";

/**
 * Every 5 minutes: must-read posts that went live since (scheduled ones whose publish time passed)
 * notify their audience. Each post's notice is claimed with a compare-and-set, so a post is
 * announced once even when a save and the job, or two processes, reach it together.
 */
export const newsMustReadJob: JobDefinition = {
  name: "news.must-read",
  schedule: "*/5 * * * *",
  run: async (ctx) => {
    const now = nowIso();
    for (const postId of await findMustReadDue(ctx.db, now)) {
      const told = await notifyMustReadIfDue(ctx, postId, now);
      if (told > 0) ctx.log.info({ postId, users: told }, "must-read post announced");
    }
  },
};
