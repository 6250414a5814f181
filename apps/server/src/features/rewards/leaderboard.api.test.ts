import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { as, createPartner, createTestApp, createUser, login, type TestApp, testEngines } from "../../testing/harness.js";
import { grantPoints } from "../../testing/rewards.js";

// Leaderboards by quarter or month, region or partner, with reps who opted out shown as
// "A rep of <partner>": they keep their rank and points, only the name and id are withheld.

describe.each(testEngines)("leaderboards on %s", (engine) => {
  let app: TestApp;
  const reps: Record<string, { id: string; email: string }> = {};
  let north: { id: string; name: string };
  let west: { id: string; name: string };
  let manager: string;

  const on = (iso: string) => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(iso));
  };
  const client = async (email: string) => as(app, await login(app, email));

  beforeAll(async () => {
    app = await createTestApp(engine);
    north = await createPartner(app, { name: "Northern Alarms", region: "North America" });
    west = await createPartner(app, { name: "Western Vision", region: "Western Europe" });
    for (const [name, partnerId] of [
      ["Ann", north.id],
      ["Ben", north.id],
      ["Cas", west.id],
      ["Dee", west.id],
      ["Eve", west.id],
    ] as const) {
      reps[name] = await createUser(app, { role: "sales_rep", partnerId, name });
    }
    manager = (await createUser(app, { role: "channel_manager" })).email;
    const id = (name: string) => reps[name]?.id as string;
    on("2026-10-15T10:00:00Z");
    await grantPoints(app.ctx.db, id("Ann"), 300);
    await grantPoints(app.ctx.db, id("Cas"), 450);
    on("2026-11-20T10:00:00Z");
    await grantPoints(app.ctx.db, id("Ann"), 200);
    await grantPoints(app.ctx.db, id("Ben"), 400);
    await grantPoints(app.ctx.db, id("Dee"), 600);
    await grantPoints(app.ctx.db, id("Eve"), 400);
    vi.useRealTimers();
  });
  afterEach(() => vi.useRealTimers());
  afterAll(async () => app.close());

  async function board(viewer: string, query: string) {
    const response = await (await client(viewer)).get(`/api/v1/rewards/leaderboard${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as {
      period: string;
      fromMonth: string;
      toMonth: string;
      entries: { rank: number; name: string; userId: string | null; named: boolean; isYou: boolean; partner: { name: string }; points: number }[];
    };
  }
  const rows = (result: Awaited<ReturnType<typeof board>>) => result.entries.map((entry) => `${entry.rank} ${entry.name} ${entry.points}`);
  // Equal points share a rank; the rollup orders them by user id, newest id first.
  const tie = (a: string, b: string) => ((reps[a]?.id ?? "") > (reps[b]?.id ?? "") ? [a, b] : [b, a]);

  it("ranks reps by points earned in a quarter or a month, within a region or a partner", async () => {
    on("2026-11-25T12:00:00Z");
    const [first, second] = tie("Ben", "Eve");
    const quarter = await board(manager, "?period=2026-Q4");
    expect(quarter).toMatchObject({ period: "2026-Q4", fromMonth: "2026-10", toMonth: "2026-12" });
    expect(rows(quarter)).toEqual(["1 Dee 600", "2 Ann 500", "3 Cas 450", `4 ${first} 400`, `4 ${second} 400`]);
    // The current quarter when no period is named.
    expect(rows(await board(manager, ""))).toEqual(rows(quarter));
    expect(rows(await board(manager, "?period=2026-11"))).toEqual(["1 Dee 600", `2 ${first} 400`, `2 ${second} 400`, "4 Ann 200"]);
    expect(rows(await board(manager, "?period=2026-10"))).toEqual(["1 Cas 450", "2 Ann 300"]);
    expect(rows(await board(manager, "?period=2026-Q4&region=Western%20Europe"))).toEqual(["1 Dee 600", "2 Cas 450", "3 Eve 400"]);
    expect(rows(await board(manager, `?period=2026-Q4&partnerId=${north.id}`))).toEqual(["1 Ann 500", "2 Ben 400"]);
    expect(rows(await board(manager, "?period=2025-Q1"))).toEqual([]);
    const bad = await (await client(manager)).get("/api/v1/rewards/leaderboard?period=2026-Q5");
    expect(bad.statusCode).toBe(400);
  });

  it("keeps a rep who opted out in its place, named only to itself", async () => {
    on("2026-11-25T12:00:00Z");
    const dee = await client(reps.Dee?.email as string);
    expect((await dee.get("/api/v1/rewards/me/leaderboard")).json()).toEqual({ optOut: false });
    const changed = await dee.put("/api/v1/rewards/me/leaderboard", { optOut: true });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await dee.get("/api/v1/rewards/me/leaderboard")).json()).toEqual({ optOut: true });

    const seenByAnn = await board(reps.Ann?.email as string, "?period=2026-Q4");
    expect(seenByAnn.entries[0]).toEqual({
      rank: 1,
      userId: null,
      name: "A rep of Western Vision",
      named: false,
      isYou: false,
      partner: { id: west.id, name: "Western Vision" },
      points: 600,
    });
    expect(seenByAnn.entries[1]).toMatchObject({ rank: 2, name: "Ann", isYou: true, named: true, userId: reps.Ann?.id });
    const seenByDee = await board(reps.Dee?.email as string, "?period=2026-Q4");
    expect(seenByDee.entries[0]).toMatchObject({ rank: 1, name: "Dee", userId: reps.Dee?.id, named: false, isYou: true });
    expect((await board(manager, "?period=2026-Q4")).entries[0]?.name).toBe("A rep of Western Vision");

    const audit = await app.ctx.db
      .selectFrom("audit_log")
      .select(["action", "after_json"])
      .where("entity_id", "=", reps.Dee?.id as string)
      .execute();
    expect(audit).toEqual([{ action: "reward_preferences.update", after_json: JSON.stringify({ leaderboardOptOut: true }) }]);

    await dee.put("/api/v1/rewards/me/leaderboard", { optOut: false });
    expect((await board(manager, "?period=2026-Q4")).entries[0]?.name).toBe("Dee");
  });
});
