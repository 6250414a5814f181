import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { nextDigestAt } from "./digest-schedule.js";

describe.each(testEngines)("digest preferences on %s", (engine) => {
  let app: TestApp;
  let rep: Awaited<ReturnType<typeof signedIn>>;
  let admin: Awaited<ReturnType<typeof signedIn>>;

  beforeAll(async () => {
    app = await createTestApp(engine);
    rep = await signedIn(app, "sales_rep", (await createPartner(app)).id);
    admin = await signedIn(app, "vendor_admin");
  });
  afterAll(async () => app.close());

  const stored = () => app.ctx.db.selectFrom("news_preferences").selectAll().where("user_id", "=", rep.user.id).executeTakeFirst();

  it("shows the defaults until the user chooses, in the support calendar's zone once the vendor saved one", async () => {
    const before = (await rep.client.get("/api/v1/news/preferences")).json();
    expect(before).toMatchObject({ digestFrequency: "weekly", digestHour: 8, digestWeekday: 1, timeZone: "UTC" });
    expect(DateTime.fromISO(before.nextDigestAt, { zone: "UTC" }).toFormat("c HH:mm")).toBe("1 08:00");
    expect(await stored()).toBeUndefined();

    const allDay = [{ start: "00:00", end: "24:00" }];
    const calendar = { timeZone: "America/New_York", week: { 1: allDay, 2: allDay, 3: allDay, 4: allDay, 5: allDay, 6: [], 7: [] }, holidays: [] };
    expect((await admin.client.put("/api/v1/support/settings", { calendar })).statusCode).toBe(200);
    const after = (await rep.client.get("/api/v1/news/preferences")).json();
    expect(after.timeZone).toBe("America/New_York");
    expect(DateTime.fromISO(after.nextDigestAt, { zone: "America/New_York" }).toFormat("c HH:mm")).toBe("1 08:00");
  });

  it("stores a choice, with the next digest on the user's own clock, and audits it", async () => {
    const response = await rep.client.put("/api/v1/news/preferences", { digestFrequency: "daily", digestHour: 7, timeZone: "Europe/Berlin" });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ digestFrequency: "daily", digestHour: 7, digestWeekday: 1, timeZone: "Europe/Berlin" });
    expect(DateTime.fromISO(body.nextDigestAt, { zone: "Europe/Berlin" }).hour).toBe(7);
    const row = await stored();
    expect(row).toMatchObject({ digest_frequency: "daily", digest_hour: 7, time_zone: "Europe/Berlin", next_digest_at: body.nextDigestAt });
    expect(body.nextDigestAt).toBe(nextDigestAt({ frequency: "daily", hour: 7, weekday: 1, timeZone: "Europe/Berlin" }, row?.updated_at as string));
    const audit = await app.ctx.db.selectFrom("audit_log").selectAll().where("action", "=", "news_preferences.update").execute();
    expect(audit.map((entry) => entry.entity_id)).toEqual([rep.user.id]);
    expect((await rep.client.get("/api/v1/news/preferences")).json()).toEqual(body);
  });

  it("refuses a zone that is not IANA, an hour or weekday out of range and unknown fields, changing nothing", async () => {
    const before = await stored();
    const cases: [object, string][] = [
      [{ timeZone: "Mars/Olympus_Mons" }, "body.timeZone"],
      [{ digestHour: 24 }, "body.digestHour"],
      [{ digestWeekday: 0 }, "body.digestWeekday"],
      [{ digestFrequency: "hourly" }, "body.digestFrequency"],
      [{ colour: "red" }, "body"],
    ];
    for (const [payload, path] of cases) {
      const response = await rep.client.put("/api/v1/news/preferences", payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(response.json().fields.map((field: { path: string }) => field.path)).toContain(path);
    }
    expect(await stored()).toEqual(before);
  });

  it("turns digests off and back on without sending the time in between", async () => {
    const off = (await rep.client.put("/api/v1/news/preferences", { digestFrequency: "off" })).json();
    expect(off).toMatchObject({ digestFrequency: "off", nextDigestAt: null });
    const offAt = (await stored())?.last_digest_at;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const on = (await rep.client.put("/api/v1/news/preferences", { digestFrequency: "weekly", digestWeekday: 5 })).json();
    expect(on).toMatchObject({ digestFrequency: "weekly", digestWeekday: 5, digestHour: 7, timeZone: "Europe/Berlin" });
    const row = await stored();
    expect(row?.last_digest_at).not.toBe(offAt);
    expect(row?.last_digest_at).toBe(row?.updated_at);
    // "Immediate" is due at the next run.
    const immediate = (await rep.client.put("/api/v1/news/preferences", { digestFrequency: "immediate" })).json();
    expect(immediate.nextDigestAt).toBe((await stored())?.updated_at);
  });

  it("tells vendor staff that digests are for partner users", async () => {
    for (const response of [
      await admin.client.get("/api/v1/news/preferences"),
      await admin.client.put("/api/v1/news/preferences", { digestHour: 9 }),
    ]) {
      expect(response.statusCode).toBe(422);
      expect(response.json().code).toBe("business_rule");
    }
  });
});
