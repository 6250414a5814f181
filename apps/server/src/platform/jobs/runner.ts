import { Cron } from "croner";
import type { Db } from "../../db/database.js";
import { nowIso } from "../../db/dialect.js";
import type { AppContext } from "../context.js";

export interface JobDefinition {
  name: string;
  /** Cron pattern, evaluated in UTC. */
  schedule: string;
  run: (ctx: AppContext) => Promise<void>;
}

/**
 * Claims one scheduled run. The (job, slot) pair is unique in job_runs, so when several app
 * processes fire at the same minute, exactly one insert wins and only that process runs it.
 */
export async function claimRun(db: Db, jobName: string, slot: string): Promise<boolean> {
  const result = await db
    .insertInto("job_runs")
    .values({ job_name: jobName, slot, started_at: nowIso(), finished_at: null, error: null })
    .onConflict((oc) => oc.columns(["job_name", "slot"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

async function finishRun(db: Db, jobName: string, slot: string, error: string | null) {
  await db.updateTable("job_runs").set({ finished_at: nowIso(), error }).where("job_name", "=", jobName).where("slot", "=", slot).execute();
}

/** Runs a job for a slot if this process wins the claim; records the outcome either way. */
export async function runOnce(ctx: AppContext, job: JobDefinition, slot: string): Promise<"ran" | "skipped" | "failed"> {
  if (!(await claimRun(ctx.db, job.name, slot))) return "skipped";
  try {
    await job.run(ctx);
    await finishRun(ctx.db, job.name, slot, null);
    return "ran";
  } catch (error) {
    ctx.log.error({ err: error, job: job.name, slot }, "job failed");
    await finishRun(ctx.db, job.name, slot, String(error));
    return "failed";
  }
}

/** The scheduled slot a run belongs to: its minute, so processes whose clocks differ by seconds agree. */
export function slotOf(date: Date): string {
  return new Date(Math.floor(date.getTime() / 60_000) * 60_000).toISOString();
}

export function startJobRunner(ctx: AppContext, jobs: JobDefinition[]): { stop: () => void } {
  const crons = jobs.map(
    (job) =>
      new Cron(job.schedule, { timezone: "UTC", protect: true }, async () => {
        await runOnce(ctx, job, slotOf(new Date()));
      }),
  );
  return {
    stop: () => {
      for (const cron of crons) cron.stop();
    },
  };
}
