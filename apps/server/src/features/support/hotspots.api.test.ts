import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, createUser, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { createProductFixture, createTicketFixture, type TicketFixtureInput } from "../../testing/support-fixtures.js";

type Client = Awaited<ReturnType<typeof signedIn>>["client"];
interface Item {
  key: string;
  label: string;
  productId: string | null;
  firmwareVersion: string | null;
  knownProblemId: string | null;
  tickets: number;
  hours: number;
  partners: number;
  series: { month: string; tickets: number; hours: number }[];
}

describe.each(testEngines)("support hot-spots on %s", (engine) => {
  let app: TestApp;
  let finance: Client;
  let camera: { id: string; name: string };
  let recorder: { id: string; name: string };
  let doorLock: string;
  let badFirmware: string;

  const report = async (client: Client, query: string) => {
    const response = await client.get(`/api/v1/support/hotspots?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { from: string; to: string; months: string[]; items: Item[] };
  };
  const brief = (items: Item[]) => items.map((i) => ({ label: i.label, tickets: i.tickets, hours: i.hours, partners: i.partners }));

  beforeAll(async () => {
    app = await createTestApp(engine);
    finance = (await signedIn(app, "finance")).client;
    const agent = await signedIn(app, "support_agent");
    const [a, b, c] = [await createPartner(app), await createPartner(app), await createPartner(app)];
    const requester = async (partnerId: string) => (await createUser(app, { role: "technician", partnerId })).id;
    const requesters = { a: await requester(a.id), b: await requester(b.id), c: await requester(c.id) };
    camera = await createProductFixture(app, { name: "Camera" });
    recorder = await createProductFixture(app, { name: "Recorder" });
    const problem = async (title: string) =>
      (await agent.client.post("/api/v1/support/known-problems", { title, kind: "defect" })).json().id as string;
    doorLock = await problem("Door lock relay sticks");
    badFirmware = await problem("Bad firmware 2.1");

    const ticket = (partner: "a" | "b" | "c", createdAt: string, fields: Partial<TicketFixtureInput>) =>
      createTicketFixture(app, {
        partnerId: { a: a.id, b: b.id, c: c.id }[partner],
        requesterId: requesters[partner],
        createdAt,
        ...fields,
      });
    // Two serials of one product: the ticket still counts once for it.
    await ticket("a", "2025-01-10T09:00:00.000Z", {
      products: [{ productId: camera.id, serials: ["CAM-000001", "CAM-000002"] }],
      firmwareVersion: "2.1",
      knownProblemId: badFirmware,
      minutesLogged: 90,
    });
    await ticket("b", "2025-01-20T09:00:00.000Z", {
      products: [{ productId: camera.id }, { productId: recorder.id }],
      firmwareVersion: "2.1",
      knownProblemId: badFirmware,
      minutesLogged: 30,
    });
    await ticket("a", "2025-03-05T09:00:00.000Z", { products: [{ productId: camera.id }], minutesLogged: 60 });
    await ticket("c", "2025-02-28T23:59:59.999Z", { products: [{ productId: recorder.id }], firmwareVersion: "3.0", knownProblemId: doorLock });
    // Outside the range on either side, and a ticket without products.
    await ticket("c", "2024-12-31T23:59:59.999Z", { products: [{ productId: camera.id }], minutesLogged: 600 });
    await ticket("a", "2025-04-01T00:00:00.000Z", { products: [{ productId: camera.id }], minutesLogged: 600 });
    await ticket("b", "2025-02-01T00:00:00.000Z", { minutesLogged: 45 });
  });
  afterAll(async () => app.close());

  it("sums tickets, hours and distinct partners per product, with a zero-filled monthly series", async () => {
    const body = await report(finance, "from=2025-01&to=2025-03&dimension=product");
    expect(body.months).toEqual(["2025-01", "2025-02", "2025-03"]);
    expect(brief(body.items)).toEqual([
      { label: "Camera", tickets: 3, hours: 3, partners: 2 },
      { label: "Recorder", tickets: 2, hours: 0.5, partners: 2 },
    ]);
    expect(body.items[0]).toMatchObject({ key: camera.id, productId: camera.id, firmwareVersion: null, knownProblemId: null });
    expect(body.items[0]?.series).toEqual([
      { month: "2025-01", tickets: 2, hours: 2 },
      { month: "2025-02", tickets: 0, hours: 0 },
      { month: "2025-03", tickets: 1, hours: 1 },
    ]);
    expect(body.items[1]?.series).toEqual([
      { month: "2025-01", tickets: 1, hours: 0.5 },
      { month: "2025-02", tickets: 1, hours: 0 },
      { month: "2025-03", tickets: 0, hours: 0 },
    ]);
  });

  it("splits by product and firmware version, showing a missing version as unknown", async () => {
    const body = await report(finance, "from=2025-01&to=2025-03&dimension=firmware");
    expect(brief(body.items)).toEqual([
      { label: "Camera 2.1", tickets: 2, hours: 2, partners: 2 },
      { label: "Camera unknown", tickets: 1, hours: 1, partners: 1 },
      { label: "Recorder 2.1", tickets: 1, hours: 0.5, partners: 1 },
      { label: "Recorder 3.0", tickets: 1, hours: 0, partners: 1 },
    ]);
    expect(body.items[1]).toMatchObject({ key: `${camera.id}|`, productId: camera.id, firmwareVersion: "" });
  });

  it("groups by known problem, and narrows any dimension to tickets naming one product", async () => {
    const byProblem = await report(finance, "from=2025-01&to=2025-03&dimension=known_problem");
    expect(brief(byProblem.items)).toEqual([
      { label: "Bad firmware 2.1", tickets: 2, hours: 2, partners: 2 },
      { label: "Door lock relay sticks", tickets: 1, hours: 0, partners: 1 },
    ]);
    expect(byProblem.items[0]).toMatchObject({ key: badFirmware, knownProblemId: badFirmware, productId: null });

    const recorderProblems = await report(finance, `from=2025-01&to=2025-03&dimension=known_problem&productId=${recorder.id}`);
    expect(brief(recorderProblems.items)).toEqual([
      { label: "Bad firmware 2.1", tickets: 1, hours: 0.5, partners: 1 },
      { label: "Door lock relay sticks", tickets: 1, hours: 0, partners: 1 },
    ]);
    const recorderOnly = await report(finance, `from=2025-01&to=2025-03&productId=${recorder.id}`);
    expect(recorderOnly.items.map((i) => i.label)).toEqual(["Recorder"]);
    expect(doorLock).not.toBe(badFirmware);
  });

  it("returns the top 20 keys by tickets, then hours", async () => {
    const owner = await createPartner(app);
    const requesterId = (await createUser(app, { role: "technician", partnerId: owner.id })).id;
    const createdAt = "2023-06-15T12:00:00.000Z";
    const busiest = await createProductFixture(app, { name: "Busiest" });
    for (let n = 0; n < 2; n++)
      await createTicketFixture(app, { partnerId: owner.id, requesterId, createdAt, products: [{ productId: busiest.id }] });
    for (let i = 0; i < 21; i++) {
      const product = await createProductFixture(app, { name: `Bulk ${String(i).padStart(2, "0")}` });
      await createTicketFixture(app, {
        partnerId: owner.id,
        requesterId,
        createdAt,
        products: [{ productId: product.id }],
        minutesLogged: 60 * (i + 1),
      });
    }
    const body = await report(finance, "from=2023-06&to=2023-06");
    expect(body.items).toHaveLength(20);
    expect(body.items[0]).toMatchObject({ label: "Busiest", tickets: 2, hours: 0 });
    expect(body.items[1]).toMatchObject({ label: "Bulk 20", tickets: 1, hours: 21 });
    expect(body.items.at(-1)).toMatchObject({ label: "Bulk 02", tickets: 1, hours: 3 });
  });

  it("defaults to the last 12 months and refuses bad ranges, naming the field", async () => {
    const body = await report(finance, "");
    expect(body.months).toHaveLength(12);
    expect(body.to).toBe(new Date().toISOString().slice(0, 7));
    const backwards = await finance.get("/api/v1/support/hotspots?from=2025-03&to=2025-01");
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().fields).toEqual([{ path: "querystring.to", message: "must not be before from" }]);
    const tooLong = await finance.get("/api/v1/support/hotspots?from=2020-01&to=2025-01");
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().fields[0].path).toBe("querystring.from");
    const badMonth = await finance.get("/api/v1/support/hotspots?from=2025-13");
    expect(badMonth.statusCode).toBe(400);
    expect(badMonth.json().fields[0].path).toBe("querystring.from");
    expect((await finance.get("/api/v1/support/hotspots?dimension=partner")).statusCode).toBe(400);
  });

  it("is for the vendor's analysts: partners and marketing are refused", async () => {
    const partner = await createPartner(app);
    expect((await (await signedIn(app, "partner_admin", partner.id)).client.get("/api/v1/support/hotspots")).statusCode).toBe(403);
    expect((await (await signedIn(app, "marketing")).client.get("/api/v1/support/hotspots")).statusCode).toBe(403);
    expect((await (await signedIn(app, "channel_manager")).client.get("/api/v1/support/hotspots")).statusCode).toBe(200);
  });
});
