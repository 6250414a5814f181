import { partnerRoles } from "@trellis/shared";
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import type { AssetRow } from "./library.repository.js";

/**
 * The partner users an asset is meant for (the same audience rule as visibleTo: everyone, or a
 * named partner, tier or region), not deactivated, of partners that are not archived. One page
 * by user id; reads users and partners read-only.
 */
export async function findAudienceUserIds(
  db: Kysely<Database>,
  asset: Pick<AssetRow, "id" | "audience">,
  afterUserId: string | undefined,
  limit: number,
): Promise<string[]> {
  let query = db
    .selectFrom("users")
    .innerJoin("partners", "partners.id", "users.partner_id")
    .select("users.id")
    .where("users.role", "in", partnerRoles)
    .where("users.status", "!=", "deactivated")
    .where("partners.archived_at", "is", null);
  if (asset.audience !== "all") {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("asset_audience")
          .select("asset_audience.asset_id")
          .where("asset_audience.asset_id", "=", asset.id)
          .where((inner) =>
            inner.or([
              inner.and([inner("asset_audience.kind", "=", "partner"), inner("asset_audience.value", "=", inner.ref("partners.id"))]),
              inner.and([inner("asset_audience.kind", "=", "tier"), inner("asset_audience.value", "=", inner.ref("partners.tier_id"))]),
              inner.and([inner("asset_audience.kind", "=", "region"), inner("asset_audience.value", "=", inner.ref("partners.region"))]),
            ]),
          ),
      ),
    );
  }
  if (afterUserId) query = query.where("users.id", ">", afterUserId);
  const rows = await query.orderBy("users.id").limit(limit).execute();
  return rows.map((row) => row.id);
}
