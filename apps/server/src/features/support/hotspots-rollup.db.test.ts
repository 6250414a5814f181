import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backfillSupportHotspots } from "../../db/migrations/0005_support_hotspots.js";
import type { Database } from "../../db/types.js";
import { createPartner, createTestApp, createUser, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { createProductFixture, createTicketFixture } from "../../testing/support-fixtures.js";
import { type Client, openTicket, replyTo } from "../../testing/tickets.js";
import { rebuildSupportHotspots } from "./hotspots-rollup.js";

type Row = Record<string, string | number>;

/** The rollup's four tables, each sorted, with numbers as numbers (PostgreSQL's bigint comes as text otherwise). */
async function snapshot(db: Kysely<Database>) {
  const read = async (table: "support_hotspots" | "support_hotspot_months" | "support_hotspot_keys" | "support_hotspot_partners") =>
    ((await db.selectFrom(table).selectAll().execute()) as Row[])
      .map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "string" ? v : Number(v)])))
      .map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)))))
      .sort();
  return {
    hotspots: await read("support_hotspots"),
    months: await read("support_hotspot_months"),
    keys: await read("support_hotspot_keys"),
    partners: await read("support_hotspot_partners"),
  };
}

/** What the rollup must hold, counted here from the tickets without the code under test. */
async function recount(db: Kysely<Database>) {
  const tickets = await db
    .selectFrom("tickets")
    .select(["id", "partner_id", "created_at", "firmware_version", "known_problem_id", "minutes_logged"])
    .execute();
  const named = await db.selectFrom("ticket_products").select(["ticket_id", "product_id"]).execute();
  const rows = new Map<string, { dimension: string; key: string; month: string; partner_id: string; tickets: number; minutes: number }>();
  const add = (dimension: string, key: string, month: string, partnerId: string, minutes: number) => {
    const id = JSON.stringify([dimension, key, month, partnerId]);
    const row = rows.get(id) ?? { dimension, key, month, partner_id: partnerId, tickets: 0, minutes: 0 };
    row.tickets += 1;
    row.minutes += minutes;
    rows.set(id, row);
  };
  for (const t of tickets) {
    const month = new Date(t.created_at).toISOString().slice(0, 7);
    const minutes = Number(t.minutes_logged);
    const products = new Set(named.filter((n) => n.ticket_id === t.id).map((n) => n.product_id));
    for (const product of products) {
      add("product", product, month, t.partner_id, minutes);
      add("firmware", `${product}|${t.firmware_version}`, month, t.partner_id, minutes);
      if (t.known_problem_id) add("product_known_problem", `${product}|${t.known_problem_id}`, month, t.partner_id, minutes);
    }
    if (t.known_problem_id) add("known_problem", t.known_problem_id, month, t.partner_id, minutes);
  }
  const sum = (group: (row: Row) => Row) => {
    const sums = new Map<string, Row>();
    for (const row of rows.values()) {
      const head = group(row);
      const id = JSON.stringify(head);
      const entry = sums.get(id) ?? { ...head, tickets: 0, minutes: 0 };
      entry.tickets = Number(entry.tickets) + row.tickets;
      entry.minutes = Number(entry.minutes) + row.minutes;
      sums.set(id, entry);
    }
    return [...sums.values()];
  };
  const masks = new Map<string, Row>();
  for (const row of rows.values()) {
    const index = Number(row.month.slice(0, 4)) * 12 + Number(row.month.slice(5, 7)) - 1;
    const head = { dimension: row.dimension, key: row.key, partner_id: row.partner_id, era: Math.floor(index / 48) };
    const id = JSON.stringify(head);
    masks.set(id, { ...head, months_mask: Number(masks.get(id)?.months_mask ?? 0) + 2 ** (index % 48) });
  }
  const sorted = (list: Row[]) =>
    list.map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b))))).sort();
  return {
    hotspots: sorted([...rows.values()]),
    months: sorted(sum((r) => ({ dimension: r.dimension as string, key: r.key as string, month: r.month as string }))),
    keys: sorted(sum((r) => ({ dimension: r.dimension as string, key: r.key as string }))),
    partners: sorted([...masks.values()]),
  };
}

describe.each(testEngines)("support hot-spots rollup on %s", (engine) => {
  let app: TestApp;
  let agent: Client;
  let finance: Client;
  let partners: { a: string; b: string };
  let techs: { a: Client; b: Client };
  let requesters: { a: string; b: string };
  let camera: { id: string };
  let recorder: { id: string };
  let doorLock: string;
  let badFirmware: string;

  const patch = async (id: string, body: Record<string, unknown>) => {
    const response = await agent.patch(`/api/v1/support/tickets/${id}`, body);
    expect(response.statusCode, response.body).toBe(200);
  };
  const report = async (query: string) => {
    const response = await finance.get(`/api/v1/support/hotspots?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { items: { key: string; tickets: number; hours: number; partners: number }[] }).items;
  };
  const old = (partner: "a" | "b", createdAt: string, fields: Partial<Parameters<typeof createTicketFixture>[1]>) =>
    createTicketFixture(app, { partnerId: partners[partner], requesterId: requesters[partner], createdAt, ...fields });

  beforeAll(async () => {
    app = await createTestApp(engine);
    agent = (await signedIn(app, "support_agent")).client;
    finance = (await signedIn(app, "finance")).client;
    partners = { a: (await createPartner(app)).id, b: (await createPartner(app)).id };
    const tech = async (partnerId: string) => signedIn(app, "technician", partnerId);
    const [a, b] = [await tech(partners.a), await tech(partners.b)];
    techs = { a: a.client, b: b.client };
    requesters = { a: (await createUser(app, { role: "technician", partnerId: partners.a })).id, b: b.user.id };
    camera = await createProductFixture(app, { name: "Camera" });
    recorder = await createProductFixture(app, { name: "Recorder" });
    const problem = async (title: string) => (await agent.post("/api/v1/support/known-problems", { title, kind: "defect" })).json().id as string;
    doorLock = await problem("Door lock relay sticks");
    badFirmware = await problem("Bad firmware 2.1");
  });
  afterAll(async () => app.close());

  it("equals a recount from the tickets after opening, logging time, changing firmware and (un)linking known problems", async () => {
    const both = await openTicket(techs.a, {
      products: [{ productId: camera.id, serials: ["CAM-000001", "CAM-000002"] }, { productId: recorder.id }],
      firmwareVersion: "2.1",
    });
    const cameraOnly = await openTicket(techs.b, { products: [{ productId: camera.id }], firmwareVersion: "2.1" });
    const noProducts = await openTicket(techs.a);
    // Opened in earlier months (written as the tests' fixtures write them), on both sides of an era of the partner masks.
    const december = await old("a", "2023-12-15T10:00:00.000Z", { products: [{ productId: camera.id }], firmwareVersion: "1.0", minutesLogged: 30 });
    const january = await old("a", "2024-01-10T10:00:00.000Z", {
      products: [{ productId: camera.id }, { productId: recorder.id }],
      firmwareVersion: "1.0",
    });
    await old("b", "2024-01-20T10:00:00.000Z", { products: [{ productId: camera.id }], firmwareVersion: "1.1", knownProblemId: doorLock });

    for (const [id, minutes] of [
      [both.id, 45],
      [cameraOnly.id, 15],
      [noProducts.id, 20],
      [december.id, 10],
      [january.id, 25],
    ] as const)
      await replyTo(agent, id, { body: "Looked into it", internal: true, minutes });
    await patch(both.id, { firmwareVersion: "2.2" });
    await patch(december.id, { firmwareVersion: "1.1" });
    await patch(december.id, { firmwareVersion: "1.1", subject: "Same firmware, new subject" });
    await patch(both.id, { knownProblemId: badFirmware });
    await patch(january.id, { knownProblemId: badFirmware });
    await replyTo(agent, both.id, { body: "Linked; more time", internal: true, minutes: 5 });
    await patch(january.id, { knownProblemId: doorLock });
    await patch(both.id, { knownProblemId: null });
    await patch(cameraOnly.id, { knownProblemId: doorLock, firmwareVersion: "" });

    const live = await snapshot(app.ctx.db);
    expect(live.hotspots.length).toBeGreaterThan(10);
    expect(live).toEqual(await recount(app.ctx.db));

    // The migration's backfill, and the rebuild the demo and bench use, give the same rows.
    await rebuildSupportHotspots(app.ctx.db);
    expect(await snapshot(app.ctx.db)).toEqual(live);
    for (const table of ["support_hotspots", "support_hotspot_months", "support_hotspot_keys", "support_hotspot_partners"] as const) {
      await app.ctx.db.deleteFrom(table).execute();
    }
    expect((await snapshot(app.ctx.db)).hotspots).toEqual([]);
    await backfillSupportHotspots(app.ctx.db as unknown as Kysely<unknown>, engine);
    expect(await snapshot(app.ctx.db)).toEqual(live);

    // Over a range across the eras, a partner with tickets in both months counts once.
    const byProduct = await report("from=2023-12&to=2024-01&dimension=product");
    expect(byProduct.map((i) => [i.key, i.tickets, i.hours, i.partners])).toEqual([
      [camera.id, 3, 1.08, 2],
      [recorder.id, 1, 0.42, 1],
    ]);
    const byFirmware = await report("from=2023-12&to=2024-01&dimension=firmware");
    expect(byFirmware.map((i) => [i.key, i.tickets, i.partners])).toEqual([
      [`${camera.id}|1.1`, 2, 2],
      [`${camera.id}|1.0`, 1, 1],
      [`${recorder.id}|1.0`, 1, 1],
    ]);
    const recorderProblems = await report(`from=2023-12&to=2024-01&dimension=known_problem&productId=${recorder.id}`);
    expect(recorderProblems.map((i) => [i.key, i.tickets, i.hours])).toEqual([[doorLock, 1, 0.42]]);
  });

  it("keeps a firmware version with the key separator in it whole, and a product id with one names nothing", async () => {
    await old("b", "2019-02-03T00:00:00.000Z", { products: [{ productId: camera.id }], firmwareVersion: "1|rc" });
    const firmware = (await finance.get(`/api/v1/support/hotspots?from=2019-02&to=2019-02&dimension=firmware&productId=${camera.id}`)).json();
    expect(firmware.items).toMatchObject([{ key: `${camera.id}|1|rc`, productId: camera.id, firmwareVersion: "1|rc", label: "Camera 1|rc" }]);
    const widened = await report(`from=2019-02&to=2019-02&dimension=firmware&productId=${encodeURIComponent(`${camera.id}|1`)}`);
    expect(widened).toEqual([]);
  });

  it("ranks by the all-time bound exactly as a full pass over the months would", async () => {
    // 24 products in 2022-05; the all-time leader had its tickets years before, so the bound must not trust it.
    const products = [];
    for (let i = 0; i < 24; i++) products.push(await createProductFixture(app, { name: `Ranked ${String(i).padStart(2, "0")}` }));
    const leader = products[0] as { id: string };
    for (let n = 0; n < 30; n++) await old("a", "2021-03-01T00:00:00.000Z", { products: [{ productId: leader.id }] });
    const expected: { key: string; tickets: number; minutes: number }[] = [];
    for (const [i, product] of products.entries()) {
      const tickets = 1 + (i % 4);
      for (let n = 0; n < tickets; n++) {
        await old(n % 2 === 0 ? "a" : "b", "2022-05-15T00:00:00.000Z", { products: [{ productId: product.id }], minutesLogged: 7 * i });
      }
      expected.push({ key: product.id, tickets, minutes: 7 * i * tickets });
    }
    expected.sort((x, y) => y.tickets - x.tickets || y.minutes - x.minutes || (x.key < y.key ? -1 : 1));
    const items = await report("from=2022-05&to=2022-05&dimension=product");
    expect(items.map((i) => [i.key, i.tickets])).toEqual(expected.slice(0, 20).map((e) => [e.key, e.tickets]));
    expect(items.some((i) => i.key === leader.id)).toBe(false);
    expect(await snapshot(app.ctx.db)).toEqual(await recount(app.ctx.db));
  });
});
