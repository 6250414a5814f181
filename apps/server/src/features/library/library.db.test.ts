import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nowIso } from "../../db/dialect.js";
import { systemActor } from "../../platform/access/actor.js";
import { uuidv7 } from "../../platform/ids.js";
import { createPartner, createTestApp, createUser, type TestApp, testEngines } from "../../testing/harness.js";
import { addPageVersion, createAsset, updateAsset } from "./asset-editing.service.js";
import {
  type AssetRow,
  findAssetRow,
  findAssetRowsByIds,
  insertAsset,
  insertVersion,
  type LibraryViewer,
  listAssetRows,
  replaceAssetLinks,
  updateAssetRow,
} from "./library.repository.js";
import { assetInput } from "./library.schemas.js";
import { reindexAsset, todayUtc } from "./library.service.js";
import { insertUsageEvent } from "./usage.repository.js";
import { libraryEngagement } from "./usage.service.js";

const vendor: LibraryViewer = { kind: "vendor", userId: null };

describe.each(testEngines)("sales library repository on %s", (engine) => {
  let app: TestApp;
  const today = todayUtc();
  const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

  /** Asset ids matching the query, as the listing sees them. */
  async function search(q: string, viewer: LibraryViewer = vendor): Promise<string[]> {
    const rows = await listAssetRows(app.ctx.db, viewer, { q, today, sort: "relevance" }, { offset: 0, limit: 100 });
    return rows.map((row) => row.id);
  }

  /** An asset row straight into the tables: the visibility rules are the repository's, not the service's. */
  async function assetRow(
    fields: Partial<AssetRow>,
    audience: { tierIds?: string[]; regions?: string[]; partnerIds?: string[] } = {},
  ): Promise<string> {
    const now = nowIso();
    const id = uuidv7();
    await insertAsset(app.ctx.db, {
      id,
      title: `Row ${id.slice(-6)}`,
      summary: "",
      type: "brochure",
      format: "file",
      language: "en",
      owner_id: null,
      search_key: null,
      audience: "all",
      review_by: null,
      status: "published",
      co_brandable: 0,
      cobrand_box: null,
      current_version: 1,
      current_version_id: null,
      content_type: "application/pdf",
      size: 10,
      tags_text: "",
      use_count: 0,
      last_used_at: null,
      published_at: now,
      content_updated_at: now,
      created_by: null,
      created_at: now,
      updated_at: now,
      ...fields,
    });
    await replaceAssetLinks(app.ctx.db, id, {
      audience: { tierIds: audience.tierIds ?? [], regions: audience.regions ?? [], partnerIds: audience.partnerIds ?? [] },
    });
    return id;
  }

  beforeAll(async () => {
    app = await createTestApp(engine);
  });
  afterAll(async () => app.close());

  it("keeps the search index in step with title, tag and page edits", async () => {
    const input = assetInput.parse({
      title: "Oldtitleword guide",
      type: "sales_script",
      format: "page",
      tags: ["oldtagword"],
      bodyMarkdown: "Mention oldpageword.",
    });
    const asset = await createAsset(app.ctx, systemActor, input, "req-1");
    expect(await search("oldtitleword")).toEqual([asset.id]);
    expect(await search("oldtagword")).toEqual([asset.id]);
    expect(await search("oldpageword")).toEqual([asset.id]);

    await updateAsset(app.ctx, systemActor, asset.id, { title: "Newtitleword guide", tags: ["newtagword"] }, "req-2");
    expect(await search("oldtitleword")).toEqual([]);
    expect(await search("oldtagword")).toEqual([]);
    expect(await search("newtitleword")).toEqual([asset.id]);
    expect(await search("newtagword")).toEqual([asset.id]);
    expect(await search("oldpageword")).toEqual([asset.id]);

    await addPageVersion(app.ctx, systemActor, asset.id, { bodyMarkdown: "Now about newpageword.", note: "" }, "req-3");
    expect(await search("oldpageword")).toEqual([]);
    expect(await search("newpageword")).toEqual([asset.id]);
    expect(await search("newtitleword")).toEqual([asset.id]);

    // A status change rewrites the document in place: one entry, the same words.
    await updateAsset(app.ctx, systemActor, asset.id, { status: "published" }, "req-4");
    expect(await search("newpageword newtitleword")).toEqual([asset.id]);
    if (engine === "sqlite") {
      const { search_key } = await app.ctx.db.selectFrom("assets").select("search_key").where("id", "=", asset.id).executeTakeFirstOrThrow();
      expect(search_key).not.toBeNull();
      const rows = await app.ctx.db
        .selectFrom("asset_search")
        .select("rowid")
        .where("rowid", "=", search_key as number)
        .execute();
      expect(rows).toHaveLength(1);
    }
  });

  it("ranks title matches above body-only ones and pages through every match exactly once", async () => {
    const make = (title: string, bodyMarkdown: string) =>
      createAsset(app.ctx, systemActor, assetInput.parse({ title, type: "case_study", format: "page", bodyMarkdown }), "req-rank");
    const inTitle = await make("Quillfeather lens guide", "About lenses.");
    const bodyOnly = [
      await make("Mount guide", "The quillfeather mount."),
      await make("Pole guide", "A quillfeather pole."),
      await make("Wall guide", "Quillfeathers on walls."),
    ];
    const pages: string[] = [];
    for (let offset = 0; offset < 10; offset += 1) {
      const rows = await listAssetRows(app.ctx.db, vendor, { q: "quillfeather", today, sort: "relevance" }, { offset, limit: 1 });
      if (rows[0]) pages.push(rows[0].id);
      if (rows.length < 2) break;
    }
    expect(pages[0]).toBe(inTitle.id);
    expect(pages).toHaveLength(4);
    expect(new Set(pages)).toEqual(new Set([inTitle.id, ...bodyOnly.map((asset) => asset.id)]));
  });

  it("indexes the text of a new file version in place of the old one", async () => {
    const id = await assetRow({ title: "Versioned datasheet", current_version: 0, status: "draft" });
    const addVersion = async (version: number, text: string) => {
      const versionId = uuidv7();
      await insertVersion(app.ctx.db, {
        id: versionId,
        asset_id: id,
        version,
        storage_key: "0".repeat(64),
        file_name: "f.pdf",
        content_type: "application/pdf",
        size: 10,
        body_markdown: null,
        extracted_text: text,
        page_count: 1,
        note: "",
        created_by: null,
        created_at: nowIso(),
      });
      await updateAssetRow(app.ctx.db, id, { current_version: version, current_version_id: versionId });
      await reindexAsset(app.ctx.db, id);
    };
    await addVersion(1, "First edition mentions Oldpdfword and Übergröße.");
    expect(await search("oldpdfword")).toEqual([id]);
    expect(await search("ubergroße")).toEqual([id]);
    await addVersion(2, "Second edition mentions newpdfword.");
    expect(await search("oldpdfword")).toEqual([]);
    expect(await search("newpdfword")).toEqual([id]);
    expect(await search("versioned newpdf")).toEqual([id]);
  });

  it("shows a partner viewer only published, versioned assets meant for it, and hides stale competitive sheets when asked", async () => {
    const tierId = uuidv7();
    await app.ctx.db
      .insertInto("tiers")
      .values({ id: tierId, name: "Repo Gold", rank: 1, description: "", created_at: nowIso(), updated_at: nowIso() })
      .execute();
    const partner = await createPartner(app, { tierId, region: "Western Europe" });
    const other = await createPartner(app, { region: "Africa" });
    const viewer = (hideStale: boolean): LibraryViewer => ({
      kind: "partner",
      userId: "",
      partnerId: partner.id,
      tierId,
      region: "Western Europe",
      hideStale,
      today,
    });
    const visible = {
      all: await assetRow({}),
      tier: await assetRow({ audience: "tiers" }, { tierIds: [tierId] }),
      region: await assetRow({ audience: "regions" }, { regions: ["Western Europe", "Asia Pacific"] }),
      named: await assetRow({ audience: "partners" }, { partnerIds: [other.id, partner.id] }),
      reviewToday: await assetRow({ type: "competitive_data_sheet", review_by: today }),
      staleBrochure: await assetRow({ review_by: day(-5) }),
    };
    const stale = await assetRow({ type: "competitive_data_sheet", review_by: day(-1) });
    const hidden = {
      draft: await assetRow({ status: "draft" }),
      archived: await assetRow({ status: "archived" }),
      noVersion: await assetRow({ current_version: 0 }),
      otherTier: await assetRow({ audience: "tiers" }, { tierIds: [uuidv7()] }),
      otherRegion: await assetRow({ audience: "regions" }, { regions: ["Africa"] }),
      otherPartner: await assetRow({ audience: "partners" }, { partnerIds: [other.id] }),
      // An audience with no targets reaches nobody.
      emptyTargets: await assetRow({ audience: "partners" }),
    };
    const all = [...Object.values(visible), stale, ...Object.values(hidden)];

    const strict = viewer(true);
    for (const id of Object.values(visible)) expect(await findAssetRow(app.ctx.db, strict, id)).toBeDefined();
    for (const id of [stale, ...Object.values(hidden)]) expect(await findAssetRow(app.ctx.db, strict, id)).toBeUndefined();
    expect((await findAssetRowsByIds(app.ctx.db, strict, all)).map((row) => row.id).sort()).toEqual(Object.values(visible).sort());
    // The listing applies the same rules; a partner's status filter is ignored.
    const listed = (await listAssetRows(app.ctx.db, strict, { today, sort: "newest", status: "draft" }, { offset: 0, limit: 500 })).map(
      (row) => row.id,
    );
    expect(all.filter((id) => listed.includes(id)).sort()).toEqual(Object.values(visible).sort());

    const relaxed = viewer(false);
    expect(await findAssetRow(app.ctx.db, relaxed, stale)).toBeDefined();
    expect((await findAssetRowsByIds(app.ctx.db, relaxed, all)).map((row) => row.id).sort()).toEqual([...Object.values(visible), stale].sort());
    // The vendor sees every row; its listing leaves archived rows out unless asked.
    expect((await findAssetRowsByIds(app.ctx.db, vendor, all)).length).toBe(all.length);
    const vendorList = (await listAssetRows(app.ctx.db, vendor, { today, sort: "newest" }, { offset: 0, limit: 500 })).map((row) => row.id);
    expect(vendorList).toContain(hidden.draft);
    expect(vendorList).not.toContain(hidden.archived);
    const needsReview = (await listAssetRows(app.ctx.db, vendor, { today, sort: "newest", needsReview: true }, { offset: 0, limit: 500 })).map(
      (row) => row.id,
    );
    expect(needsReview).toContain(stale);
    expect(needsReview).toContain(visible.staleBrochure);
    expect(needsReview).not.toContain(visible.reviewToday);
  });

  it("keeps use_count and last_used_at in step with usage events", async () => {
    const id = await assetRow({});
    const partner = await createPartner(app);
    const user = await createUser(app, { role: "sales_rep", partnerId: partner.id });
    const event = (kind: "view" | "download", at: string) => ({
      id: uuidv7(),
      asset_id: id,
      version: 1,
      partner_id: partner.id,
      user_id: user.id,
      kind,
      occurred_at: at,
    });
    await insertUsageEvent(app.ctx.db, event("view", "2031-01-01T10:00:00.000Z"));
    await insertUsageEvent(app.ctx.db, event("download", "2031-01-02T10:00:00.000Z"));
    const row = await app.ctx.db.selectFrom("assets").select(["use_count", "last_used_at"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.use_count).toBe(2);
    expect(String(row.last_used_at)).toBe("2031-01-02T10:00:00.000Z");
    const sorted = await listAssetRows(app.ctx.db, vendor, { today, sort: "most_used" }, { offset: 0, limit: 1 });
    expect(sorted[0]?.id).toBe(id);
  });

  it("counts engagement only for the partner's active users", async () => {
    const id = await assetRow({});
    const partner = await createPartner(app, { name: "Engagement Ltd" });
    const active = await createUser(app, { role: "sales_rep", partnerId: partner.id });
    await createUser(app, { role: "technician", partnerId: partner.id });
    const departed = await createUser(app, { role: "sales_rep", partnerId: partner.id });
    const at = nowIso();
    for (const userId of [active.id, departed.id]) {
      await insertUsageEvent(app.ctx.db, {
        id: uuidv7(),
        asset_id: id,
        version: 1,
        partner_id: partner.id,
        user_id: userId,
        kind: "view",
        occurred_at: at,
      });
    }
    await app.ctx.db.updateTable("users").set({ status: "deactivated" }).where("id", "=", departed.id).execute();
    const [row] = await libraryEngagement(app.ctx.db, { month: at.slice(0, 7), partnerIds: [partner.id] });
    expect(row).toEqual({
      partnerId: partner.id,
      partnerName: "Engagement Ltd",
      month: at.slice(0, 7),
      usersTotal: 2,
      usersUsingLibrary: 1,
      share: 0.5,
    });
  });
});
