import { Readable } from "node:stream";
import { nowIso } from "../../db/dialect.js";
import { type AuthenticatedActor, isPartnerActor } from "../../platform/access/actor.js";
import type { AppContext } from "../../platform/context.js";
import { businessRule, notFound } from "../../platform/http/problem.js";
import type { FileStorage } from "../../platform/storage/storage.js";
import { partnerLogoIfAny } from "../partners/partner-logos.service.js";
import { findPartnerForSystem } from "../partners/partners.service.js";
import { downloadNameOf, recordUsage, type StoredContent } from "./content.service.js";
import { type AssetRow, findCobrandCopy, findVersion, saveCobrandCopy } from "./library.repository.js";
import type { CobrandBoxInput } from "./library.schemas.js";
import { defaultCobrandBox, requireAsset, viewerOf } from "./library.service.js";
import { CobrandError, type CobrandStamp, cobrandFingerprint, stampPdf } from "./pdf.js";

/** Vendor users preview the stamp with this made-up reseller; nothing is cached for them. */
export const sampleStamp: CobrandStamp = {
  partnerName: "Sample Reseller Ltd",
  phone: "+1 555 0100",
  website: "https://reseller.example",
  repName: "Alex Example",
  repEmail: "alex@reseller.example",
};

export async function readStored(storage: FileStorage, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.get(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function stampFor(ctx: AppContext, actor: AuthenticatedActor & { partnerId: string }): Promise<CobrandStamp> {
  const partner = await findPartnerForSystem(ctx.db, actor.partnerId);
  if (!partner) throw notFound("Partner");
  const logo = await partnerLogoIfAny(ctx, actor.partnerId);
  return {
    partnerName: partner.name,
    phone: partner.phone,
    website: partner.website,
    repName: actor.name,
    repEmail: actor.kind === "user" ? actor.email : "",
    logo: logo ? { bytes: await readStored(ctx.storage, logo.key), contentType: logo.contentType } : undefined,
  };
}

async function stamp(ctx: AppContext, sourceKey: string, box: CobrandBoxInput, stampInput: CobrandStamp): Promise<Uint8Array> {
  try {
    return await stampPdf(await readStored(ctx.storage, sourceKey), box, stampInput);
  } catch (error) {
    if (error instanceof CobrandError) throw businessRule(`This PDF cannot be co-branded: ${error.message}`);
    throw error;
  }
}

/**
 * The current version stamped with the caller's partner and the caller, cached per partner, user,
 * version and stamp inputs (a changed phone number or logo makes a new copy). Vendor users get a
 * preview stamped with a sample reseller.
 */
export async function cobrandedCopy(
  ctx: AppContext,
  actor: AuthenticatedActor,
  id: string,
  options: { countUse: boolean } = { countUse: true },
): Promise<{ asset: AssetRow; content: StoredContent; cached: boolean }> {
  const viewer = await viewerOf(ctx.db, actor);
  const asset = await requireAsset(ctx.db, viewer, id);
  if (asset.co_brandable !== 1 || asset.content_type !== "application/pdf") throw notFound("Co-branded copy");
  const version = await findVersion(ctx.db, id, asset.current_version);
  if (!version?.storage_key) throw notFound("Co-branded copy");
  const box = asset.cobrand_box ? (JSON.parse(asset.cobrand_box) as CobrandBoxInput) : defaultCobrandBox;
  const downloadName = downloadNameOf(asset.title, "application/pdf");

  if (!isPartnerActor(actor) || actor.kind !== "user") {
    const bytes = await stamp(ctx, version.storage_key, box, sampleStamp);
    const stored = await ctx.storage.put(Readable.from(Buffer.from(bytes)), { maxBytes: ctx.config.library.maxFileBytes * 2 });
    return { asset, cached: false, content: { key: stored.key, size: stored.size, contentType: "application/pdf", downloadName } };
  }

  const stampInput = await stampFor(ctx, actor);
  const cacheKey = { version_id: version.id, partner_id: actor.partnerId, user_id: actor.userId, fingerprint: cobrandFingerprint(stampInput, box) };
  const hit = await findCobrandCopy(ctx.db, cacheKey);
  if (hit && (await ctx.storage.exists(hit.storage_key))) {
    if (options.countUse) await recordUsage(ctx, actor, asset, "cobrand_download");
    return { asset, cached: true, content: { key: hit.storage_key, size: Number(hit.size), contentType: "application/pdf", downloadName } };
  }
  const bytes = await stamp(ctx, version.storage_key, box, stampInput);
  const stored = await ctx.storage.put(Readable.from(Buffer.from(bytes)), { maxBytes: ctx.config.library.maxFileBytes * 2 });
  await saveCobrandCopy(ctx.db, { ...cacheKey, storage_key: stored.key, size: stored.size, created_at: nowIso() });
  if (options.countUse) await recordUsage(ctx, actor, asset, "cobrand_download");
  return { asset, cached: false, content: { key: stored.key, size: stored.size, contentType: "application/pdf", downloadName } };
}
