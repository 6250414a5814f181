import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../testing/harness.js";

describe.each(testEngines)("case-insensitive matching beyond ASCII on %s", (engine) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(engine);
  });
  afterAll(async () => app.close());

  it("lower() folds non-ASCII letters the way JavaScript's toLowerCase() does", async () => {
    const { rows } = await sql<{ folded: string }>`select lower(${"ÄRZTE Œuvre ÇA"}) as folded`.execute(app.ctx.db);
    expect(rows[0]?.folded).toBe("ärzte œuvre ça");
  });

  it("finds a partner by a non-ASCII prefix, and a CSV re-import in other case updates it instead of adding one", async () => {
    const partner = await createPartner(app, { name: "Ärzte Sicherheit" });
    const admin = await signedIn(app, "vendor_admin");
    const found = await admin.client.get(`/api/v1/partners?q=${encodeURIComponent("ärzte")}`);
    expect(found.statusCode).toBe(200);
    expect(found.json().items.map((p: { id: string }) => p.id)).toEqual([partner.id]);

    const count = async () =>
      Number(
        (
          await app.ctx.db
            .selectFrom("partners")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const csv = "name,legal_name,country,region\nÄRZTE SICHERHEIT,Ärzte Sicherheit Ltd,US,North America\n";
    const imported = await admin.client.post("/api/v1/partners/import", csv, { "content-type": "text/csv" });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(await count()).toBe(before);
    expect((await admin.client.get(`/api/v1/partners/${partner.id}`)).json().name).toBe("ÄRZTE SICHERHEIT");
  });
});
