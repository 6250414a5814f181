import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, createPartner, createTestApp, createUser, login, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { createAsset, publish, publishedFileAsset } from "../../testing/library.js";

// Other features' events reaching the right people's notification centres (the support desk's are
// asserted beside its own tests: support/notifications.api.test.ts and support.jobs.db.test.ts).

type Client = ReturnType<typeof as>;
interface Item {
  kind: string;
  title: string;
  body: string;
  link: string;
}

describe.each(testEngines)("events in the notification centre on %s", (engine) => {
  let app: TestApp;
  let admin: Awaited<ReturnType<typeof signedIn>>;

  beforeAll(async () => {
    app = await createTestApp(engine);
    admin = await signedIn(app, "vendor_admin");
  });
  afterAll(async () => app.close());

  const itemsOf = async (client: Client, kind: string): Promise<Item[]> => {
    const response = await client.get("/api/v1/notifications?limit=200");
    expect(response.statusCode).toBe(200);
    return (response.json().items as (Item & { kind: string })[]).filter((item) => item.kind === kind);
  };
  const clientFor = async (email: string) => as(app, await login(app, email));
  /** Who has a notification of this kind about this record, read from the table (deactivated users cannot sign in). */
  const recipientsOf = async (kind: "asset_published" | "application_submitted", sourceId: string) =>
    (
      await app.ctx.db
        .selectFrom("notifications")
        .select("user_id")
        .where("kind", "=", kind)
        .where("source_id", "=", sourceId)
        .orderBy("user_id")
        .execute()
    )
      .map((row) => row.user_id)
      .sort();

  it("tells only the partner users an asset is meant for when it is first published", async () => {
    const marketing = await signedIn(app, "marketing");
    const gold = (await admin.client.post("/api/v1/tiers", { name: "Gold", rank: 1 })).json().id as string;
    const silver = (await admin.client.post("/api/v1/tiers", { name: "Silver", rank: 2 })).json().id as string;
    const goldPartner = await createPartner(app, { tierId: gold, region: "Western Europe" });
    const silverPartner = await createPartner(app, { tierId: silver, region: "North America" });
    const archivedGold = await createPartner(app, { tierId: gold, region: "Western Europe" });
    await app.ctx.db.updateTable("partners").set({ archived_at: new Date().toISOString() }).where("id", "=", archivedGold.id).execute();
    const goldTech = await createUser(app, { role: "technician", partnerId: goldPartner.id });
    const goldRep = await createUser(app, { role: "sales_rep", partnerId: goldPartner.id });
    await createUser(app, { role: "sales_rep", partnerId: goldPartner.id, status: "deactivated" });
    const silverRep = await createUser(app, { role: "sales_rep", partnerId: silverPartner.id });
    await createUser(app, { role: "partner_admin", partnerId: archivedGold.id });
    const agent = await createUser(app, { role: "support_agent" });
    const sorted = (...users: { id: string }[]) => users.map((user) => user.id).sort();
    const none = { tierIds: [], regions: [], partnerIds: [] };

    const forGold = await publishedFileAsset(marketing.client, {
      title: "Gold installer guide",
      summary: "Step by step",
      audience: "tiers",
      audienceTargets: { ...none, tierIds: [gold] },
    });
    expect(await recipientsOf("asset_published", forGold.id)).toEqual(sorted(goldTech, goldRep));
    const [item] = await itemsOf(await clientFor(goldTech.email), "asset_published");
    expect(item).toMatchObject({ title: "New in the library: Gold installer guide", body: "Step by step", link: `/portal/library/${forGold.id}` });
    // The link opens for the user it was sent to.
    expect((await (await clientFor(goldTech.email)).get(`/api/v1/library/assets/${forGold.id}`)).statusCode).toBe(200);
    expect(await itemsOf(await clientFor(silverRep.email), "asset_published")).toEqual([]);

    const forRegion = await publishedFileAsset(marketing.client, {
      title: "US price list",
      audience: "regions",
      audienceTargets: { ...none, regions: ["North America"] },
    });
    expect(await recipientsOf("asset_published", forRegion.id)).toEqual(sorted(silverRep));
    const forPartner = await publishedFileAsset(marketing.client, {
      title: "Joint offer",
      audience: "partners",
      audienceTargets: { ...none, partnerIds: [silverPartner.id] },
    });
    expect(await recipientsOf("asset_published", forPartner.id)).toEqual(sorted(silverRep));
    const forAll = await publishedFileAsset(marketing.client, { title: "Catalogue", audience: "all", audienceTargets: none });
    const everyone = await recipientsOf("asset_published", forAll.id);
    expect(everyone).toEqual(expect.arrayContaining(sorted(goldTech, goldRep, silverRep)));
    expect(everyone).not.toContain(agent.id);
    expect(everyone).not.toContain(marketing.user.id);

    // Unpublishing and publishing again announces nothing new; a draft announces nothing; nobody is mailed by default.
    expect((await marketing.client.patch(`/api/v1/library/assets/${forAll.id}`, { status: "draft" })).statusCode).toBe(200);
    await publish(marketing.client, forAll.id);
    expect(await recipientsOf("asset_published", forAll.id)).toEqual(everyone);
    const draft = await createAsset(marketing.client, { title: "Not yet", audience: "all", audienceTargets: none });
    expect(await recipientsOf("asset_published", draft.id)).toEqual([]);
    const mailed = await app.ctx.db.selectFrom("mail_messages").select("id").where("to_address", "in", [goldTech.email, silverRep.email]).execute();
    expect(mailed).toEqual([]);
  });

  it("tells vendor admins and channel managers of a partner application, by mail too", async () => {
    const manager = await signedIn(app, "channel_manager");
    const formerManager = await createUser(app, { role: "channel_manager", status: "deactivated" });
    const marketing = await createUser(app, { role: "marketing" });
    const partnerAdmin = await createUser(app, { role: "partner_admin", partnerId: (await createPartner(app)).id });
    const submitted = await app.app.inject({
      method: "POST",
      url: "/api/v1/applications",
      payload: {
        companyName: "Watchful Systems",
        legalName: "Watchful Systems GmbH",
        website: "https://watchful.example.test",
        country: "de",
        region: "Western Europe",
        city: "Hamburg",
        principal: { name: "Petra Principal", email: `petra.${Date.now()}@watchful.test`, phone: "+49 40 123" },
        contacts: [],
        regions: ["Western Europe"],
        sells: ["IP cameras"],
        installs: ["Retail"],
        expectedAnnualVolume: { amountMinor: 25_000_000, currency: "EUR" },
        message: "We install 200 sites a year.",
      },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const id = submitted.json().id as string;

    const recipients = await recipientsOf("application_submitted", id);
    expect(recipients).toEqual(expect.arrayContaining([admin.user.id, manager.user.id]));
    for (const outsider of [formerManager, marketing, partnerAdmin]) expect(recipients).not.toContain(outsider.id);
    for (const client of [admin.client, manager.client]) {
      const [item] = await itemsOf(client, "application_submitted");
      expect(item).toMatchObject({ title: "New partner application: Watchful Systems", link: `/applications/${id}` });
    }
    const mail = await app.ctx.db.selectFrom("mail_messages").selectAll().where("to_address", "=", manager.user.email).executeTakeFirstOrThrow();
    expect(mail.subject).toBe("New partner application: Watchful Systems");
    expect(mail.text_body).toContain(`http://localhost:3000/applications/${id}`);
  });
});
