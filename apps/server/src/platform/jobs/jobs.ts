import type { JobDefinition } from "./runner.js";

const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

/** Housekeeping: forget ended sessions, old throttle windows and spent reset links. */
export const authCleanupJob: JobDefinition = {
  name: "auth.cleanup",
  schedule: "17 * * * *",
  run: async (ctx) => {
    await ctx.db
      .deleteFrom("sessions")
      .where((eb) => eb.or([eb("expires_at", "<", days(30)), eb("revoked_at", "<", days(30))]))
      .execute();
    await ctx.db.deleteFrom("login_throttle").where("window_started_at", "<", days(1)).execute();
    await ctx.db.deleteFrom("password_resets").where("expires_at", "<", days(30)).execute();
  },
};

/** Every scheduled job of the platform and the features. */
export const scheduledJobs: JobDefinition[] = [authCleanupJob];
