import type { Kysely } from "kysely";
import type { Database, FlagRule } from "../../db/types.js";
import { listFlags } from "./evaluation.repository.js";
import { findPartnerDirectory } from "./figures.repository.js";

export interface FlagView {
  id: string;
  partnerId: string;
  partnerName: string;
  rule: FlagRule;
  status: string;
  raisedOn: string;
  figures: Record<string, unknown>;
  notifiedAt: string | null;
  clearedAt: string | null;
}

/** Open (or cleared) flags, newest first, with the partner's name. */
export async function flagsList(db: Kysely<Database>, status: "open" | "cleared"): Promise<{ items: FlagView[] }> {
  const flags = await listFlags(db, status);
  const names = new Map((await findPartnerDirectory(db, [...new Set(flags.map((flag) => flag.partner_id))])).map((p) => [p.id, p.name]));
  return {
    items: flags.map((flag) => ({
      id: flag.id,
      partnerId: flag.partner_id,
      partnerName: names.get(flag.partner_id) ?? "",
      rule: flag.rule,
      status: flag.status,
      raisedOn: flag.raised_on,
      figures: JSON.parse(flag.figures) as Record<string, unknown>,
      notifiedAt: flag.notified_at,
      clearedAt: flag.cleared_at,
    })),
  };
}
