import { isPartnerRole } from "@trellis/shared";
import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { Database } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { notFound } from "../../platform/http/problem.js";
import { findPartnerForSystem } from "../partners/partners.service.js";
import { viewerKeys } from "./audience.js";
import { findPost, type NewsViewer, type PostRow } from "./news.repository.js";

/**
 * The viewer every news read takes: vendor users (and API tokens) see every post; a partner user
 * what its partner's tier, region and name and its own role let it see, resolved now, so a partner
 * that moved tier sees its new tier's posts at once.
 */
export async function viewerOf(db: Kysely<Database>, actor: AuthenticatedActor): Promise<NewsViewer> {
  const userId = actor.kind === "user" ? actor.userId : null;
  if (!isPartnerRole(actor.role) || actor.partnerId === null) return { kind: "vendor", userId };
  const partner = await findPartnerForSystem(db, actor.partnerId);
  if (!partner || partner.archivedAt) throw notFound("Partner");
  return {
    kind: "partner",
    userId: userId ?? "",
    partnerId: partner.id,
    tierId: partner.tierId,
    region: partner.region,
    role: actor.role,
    keys: viewerKeys({ partnerId: partner.id, tierId: partner.tierId, region: partner.region }),
  };
}

/** The post when the viewer may see it; another audience's (or a draft, for partners) is 404. */
export async function requirePost(db: Kysely<Database>, viewer: NewsViewer, id: string, now = nowIso()): Promise<PostRow> {
  const row = await findPost(db, viewer, id, now);
  if (!row) throw notFound("Post");
  return row;
}
