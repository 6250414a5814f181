import type { JobDefinition } from "../../platform/jobs/runner.js";
import { runDigests } from "./digests.service.js";

/**
 * Every five minutes: compose the digests that are due and send what is pending. Each user's
 * digest time is on its own clock, so a run takes whoever's hour has come; "immediate" users
 * are due at every run.
 */
export const newsDigestJob: JobDefinition = {
  name: "news.digests",
  schedule: "*/5 * * * *",
  run: async (ctx) => {
    const run = await runDigests(ctx);
    if (run.claimed > 0 || run.sent > 0 || run.failed > 0) ctx.log.info({ job: "news.digests", ...run }, "news digests");
  },
};
