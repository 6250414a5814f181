import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { addPageVersion, createAsset, updateAsset } from "../features/library/asset-editing.service.js";
import { createKit } from "../features/library/kits.service.js";
import { insertVersion, updateAssetRow } from "../features/library/library.repository.js";
import { assetInput } from "../features/library/library.schemas.js";
import { reindexAsset } from "../features/library/library.service.js";
import { extractPdfText } from "../features/library/pdf.js";
import { makeSamplePdf } from "../features/library/sample-pdf.js";
import type { AuthenticatedActor } from "../platform/access/actor.js";
import { recordAudit } from "../platform/audit/audit.js";
import type { AppContext } from "../platform/context.js";
import { uuidv7 } from "../platform/ids.js";
import { spoolToTempFile } from "../platform/storage/storage.js";
import { type DemoAsset, type DemoAssetContent, demoAssets, demoKits } from "./library-content.js";
import { demoUsage } from "./library-usage.js";
import { demoVendorUsers } from "./people.js";

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const filesDir = fileURLToPath(new URL("./files/", import.meta.url));

/** A file put into storage the way an upload is: spooled, hashed, its PDF text read, then adopted. */
interface StoredDemoFile {
  key: string;
  size: number;
  contentType: string;
  fileName: string;
  text: string;
  pageCount: number | null;
}

async function storeFile(ctx: AppContext, asset: DemoAsset, content: DemoAssetContent): Promise<StoredDemoFile | null> {
  if (content.kind === "page") return null;
  const bytes =
    content.kind === "video"
      ? await readFile(join(filesDir, content.file))
      : Buffer.from(await makeSamplePdf({ title: asset.title, pages: content.pages, lines: content.lines }));
  const spooled = await spoolToTempFile(Readable.from([bytes]), join(ctx.config.dataDir, "tmp"), bytes.length + 1);
  const text = content.kind === "pdf" ? await extractPdfText(spooled.path) : { text: "", pageCount: 0 };
  const stored = await ctx.storage.adopt(spooled);
  const slug = asset.key.replace(/[^a-z0-9]+/g, "-");
  return content.kind === "video"
    ? { ...stored, contentType: "video/mp4", fileName: content.file, text: "", pageCount: null }
    : { ...stored, contentType: "application/pdf", fileName: `${slug}.pdf`, text: text.text, pageCount: text.pageCount };
}

/** The new-version step of addFileVersion, for bytes already in storage (there is no upload request here). */
async function addStoredVersion(ctx: AppContext, actor: AuthenticatedActor, assetId: string, file: StoredDemoFile, note: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const asset = await trx.selectFrom("assets").select("current_version").where("id", "=", assetId).executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const version = asset.current_version + 1;
    const versionId = uuidv7();
    await insertVersion(trx, {
      id: versionId,
      asset_id: assetId,
      version,
      storage_key: file.key,
      file_name: file.fileName,
      content_type: file.contentType,
      size: file.size,
      body_markdown: null,
      extracted_text: file.text,
      page_count: file.pageCount,
      note,
      created_by: actor.kind === "user" ? actor.userId : null,
      created_at: now,
    });
    await updateAssetRow(trx, assetId, {
      current_version: version,
      current_version_id: versionId,
      content_type: file.contentType,
      size: file.size,
      content_updated_at: now,
      updated_at: now,
    });
    await reindexAsset(trx, assetId);
    await recordAudit(trx, actor, {
      action: "asset.version",
      entityType: "asset",
      entityId: assetId,
      partnerId: null,
      after: { version, contentType: file.contentType, size: file.size, fileName: file.fileName, note },
    });
  });
}

/**
 * The demo's sales library: about 30 assets over every type, three kits and 120 days of partner
 * use. Loaded once: when the library already has an asset, nothing changes. Assets go through the
 * library's services (so audit entries and the search index are right), then their dates are moved
 * back to tell a believable history.
 */
export async function loadDemoLibrary(ctx: AppContext): Promise<{ loaded: boolean }> {
  const db = ctx.db;
  const marketingEmail = demoVendorUsers.find((user) => user.role === "marketing")?.email ?? "";
  const marketing = await db.selectFrom("users").select(["id", "name", "email"]).where("email", "=", marketingEmail).executeTakeFirst();
  if (!marketing || (await db.selectFrom("assets").select("id").limit(1).executeTakeFirst())) return { loaded: false };
  const actor: AuthenticatedActor = {
    kind: "user",
    userId: marketing.id,
    role: "marketing",
    partnerId: null,
    name: marketing.name,
    email: marketing.email,
    sessionId: "demo-loader",
    csrfToken: "",
  };

  const [tiers, partners, products] = await Promise.all([
    db.selectFrom("tiers").select(["id", "name"]).execute(),
    db.selectFrom("partners").select(["id", "name", "tier_id", "region", "status"]).execute(),
    db.selectFrom("products").select(["id", "sku"]).execute(),
  ]);
  const tierId = new Map(tiers.map((tier) => [tier.name, tier.id]));
  const partnerId = new Map(partners.map((partner) => [partner.name, partner.id]));
  const productId = new Map(products.map((product) => [product.sku, product.id]));
  const idsOf = (names: string[] | undefined, lookup: Map<string, string>) =>
    (names ?? []).map((name) => {
      const id = lookup.get(name);
      if (!id) throw new Error(`demo library: unknown ${name}`);
      return id;
    });

  // Every file first, so a failure here leaves the database untouched.
  const files = new Map<string, { first: StoredDemoFile | null; update: StoredDemoFile | null }>();
  for (const asset of demoAssets) {
    files.set(asset.key, {
      first: await storeFile(ctx, asset, asset.content),
      update: asset.update ? await storeFile(ctx, asset, asset.update.content) : null,
    });
  }

  const assetIds = new Map<string, string>();
  for (const asset of demoAssets) {
    const audience = asset.audience?.partners ? "partners" : asset.audience?.regions ? "regions" : asset.audience?.tiers ? "tiers" : "all";
    const input = assetInput.parse({
      title: asset.title,
      summary: asset.summary,
      type: asset.type,
      format: asset.content.kind === "page" ? "page" : "file",
      productIds: idsOf(asset.skus, productId),
      markets: asset.markets,
      tags: asset.tags,
      audience,
      audienceTargets: {
        tierIds: idsOf(asset.audience?.tiers, tierId),
        regions: asset.audience?.regions ?? [],
        partnerIds: idsOf(asset.audience?.partners, partnerId),
      },
      reviewBy: asset.reviewInDays === undefined ? null : daysAgo(-asset.reviewInDays).slice(0, 10),
      coBrandable: asset.cobrand ?? false,
      cobrandBox: asset.cobrand ? { page: "first", x: 0.05, y: 0.86, width: 0.9, height: 0.1 } : null,
      bodyMarkdown: asset.content.kind === "page" ? asset.content.markdown : undefined,
    });
    const created = await createAsset(ctx, actor, input, uuidv7());
    assetIds.set(asset.key, created.id);
    const stored = files.get(asset.key);
    if (stored?.first) await addStoredVersion(ctx, actor, created.id, stored.first, "First edition");
    if (asset.update) {
      if (stored?.update) await addStoredVersion(ctx, actor, created.id, stored.update, asset.update.note);
      else if (asset.update.content.kind === "page")
        await addPageVersion(ctx, actor, created.id, { bodyMarkdown: asset.update.content.markdown, note: asset.update.note }, uuidv7());
    }
    await updateAsset(ctx, actor, created.id, { status: "published" }, uuidv7());
    await backdate(ctx, created.id, asset);
  }

  for (const kit of demoKits) {
    const created = await createKit(
      ctx,
      actor,
      { title: kit.title, description: kit.description, status: "published", assetIds: kit.assets.map((key) => assetIds.get(key) ?? "") },
      uuidv7(),
    );
    const newest = Math.min(...kit.assets.map((key) => demoAssets.find((asset) => asset.key === key)?.publishedDaysAgo ?? 0));
    await db
      .updateTable("kits")
      .set({ created_at: daysAgo(newest), updated_at: daysAgo(newest) })
      .where("id", "=", created.id)
      .execute();
  }

  await demoUsage(db, assetIds, partners);
  return { loaded: true };
}

/** Moves an asset's history back: first edition before publishing, the update on its own date. */
async function backdate(ctx: AppContext, assetId: string, asset: DemoAsset): Promise<void> {
  const published = daysAgo(asset.publishedDaysAgo);
  const drafted = daysAgo(asset.publishedDaysAgo + 3);
  const updated = asset.update ? daysAgo(asset.update.daysAgo) : published;
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable("asset_versions").set({ created_at: drafted }).where("asset_id", "=", assetId).where("version", "=", 1).execute();
    await trx.updateTable("asset_versions").set({ created_at: updated }).where("asset_id", "=", assetId).where("version", "=", 2).execute();
    await updateAssetRow(trx, assetId, { created_at: drafted, published_at: published, content_updated_at: updated, updated_at: updated });
  });
}
