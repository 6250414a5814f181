import type { ProductLifecycle } from "@trellis/shared";
import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { Database } from "../../db/types.js";
import { type ProductSerialRef, productSerialRefsByIds, serialMatches } from "../products/products.service.js";
import { findClaimedSerials, findLifecycleChangesAfter } from "./claims.repository.js";
import { endOfDay } from "./scoring.js";

// The checks every claim passes before it is stored, by hand or by CSV. Each problem names where
// it is (lines.0.serials.1) so the API can answer with body paths and the import with rows.

export interface ClaimDraft {
  invoiceNumber: string;
  /** The sale date, YYYY-MM-DD. */
  invoiceDate: string;
  endCustomer: string;
  lines: { productId: string; quantity: number; unitNetMinor: number; currency: string; serials: string[] }[];
}

/** input: the request is wrong (400); business: a program rule refuses it (422); claimed: a serial is taken (409). */
export type IssueKind = "input" | "business" | "claimed";

export interface ClaimIssue {
  /** Which draft of the batch. */
  claim: number;
  path: (string | number)[];
  message: string;
  kind: IssueKind;
}

export interface CheckedClaims {
  issues: ClaimIssue[];
  products: Map<string, ProductSerialRef>;
}

/** YYYY-MM-DD, `days` before the given date (UTC calendar arithmetic). */
export function daysBefore(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00.000Z`);
  at.setUTCDate(at.getUTCDate() - days);
  return at.toISOString().slice(0, 10);
}

/**
 * The catalogue keeps only a product's current lifecycle; its audit trail keeps every change. The
 * lifecycle at the end of the sale date is the "before" of the first change after it, or the current
 * one when nothing changed since.
 */
async function lifecyclesOn(db: Kysely<Database>, products: Map<string, ProductSerialRef>, date: string): Promise<Map<string, ProductLifecycle>> {
  const result = new Map([...products].map(([id, product]) => [id, product.lifecycle]));
  const seen = new Set<string>();
  for (const change of await findLifecycleChangesAfter(db, [...products.keys()], endOfDay(date))) {
    if (seen.has(change.entity_id)) continue;
    const before = JSON.parse(change.before_json ?? "{}") as { lifecycle?: ProductLifecycle };
    const after = JSON.parse(change.after_json ?? "{}") as { lifecycle?: ProductLifecycle };
    if (!before.lifecycle || before.lifecycle === after.lifecycle) continue;
    seen.add(change.entity_id);
    result.set(change.entity_id, before.lifecycle);
  }
  return result;
}

/**
 * Checks a batch of drafts (one for the API, many for an import): products exist and were active on
 * the sale date, the date is in the claim window and not in the future, one serial per unit, each
 * serial matches its product's pattern, appears once in the batch and is not held by another claim.
 */
export async function checkClaims(
  db: Kysely<Database>,
  drafts: ClaimDraft[],
  windowDays: number,
  today = nowIso().slice(0, 10),
): Promise<CheckedClaims> {
  const issues: ClaimIssue[] = [];
  const products = await productSerialRefsByIds(
    db,
    drafts.flatMap((d) => d.lines.map((l) => l.productId)),
  );
  const earliest = daysBefore(today, windowDays);
  const seen = new Map<string, string>();
  const pairs: { productId: string; serial: string; claim: number; path: (string | number)[] }[] = [];
  const lifecycleByDate = new Map<string, Map<string, ProductLifecycle>>();

  for (const [claim, draft] of drafts.entries()) {
    const issue = (path: (string | number)[], message: string, kind: IssueKind = "input") => issues.push({ claim, path, message, kind });
    if (draft.invoiceDate > today) issue(["invoiceDate"], "is in the future");
    else if (draft.invoiceDate < earliest) {
      issue(["invoiceDate"], `is more than ${windowDays} days ago: sales can be claimed until ${windowDays} days after the invoice`, "business");
    }
    const onDate = products.size > 0 ? (lifecycleByDate.get(draft.invoiceDate) ?? (await lifecyclesOn(db, products, draft.invoiceDate))) : new Map();
    lifecycleByDate.set(draft.invoiceDate, onDate);

    for (const [i, line] of draft.lines.entries()) {
      const product = products.get(line.productId);
      if (!product) {
        issue(["lines", i, "productId"], "no such product");
        continue;
      }
      const lifecycle = onDate.get(product.id) ?? product.lifecycle;
      if (lifecycle !== "active")
        issue(["lines", i, "productId"], `${product.name} was not on sale on ${draft.invoiceDate} (${lifecycle.replaceAll("_", " ")})`, "business");
      if (line.quantity !== line.serials.length) {
        issue(["lines", i, "quantity"], `is ${line.quantity} but ${line.serials.length} serial number(s) are given: one per unit`);
      }
      for (const [j, serial] of line.serials.entries()) {
        const path = ["lines", i, "serials", j];
        if (!serialMatches(product.serialPattern, serial)) {
          issue(path, `${serial} does not match the serial number pattern of ${product.sku} (${product.serialPattern})`);
          continue;
        }
        const key = `${product.id}|${serial}`;
        const first = seen.get(key);
        if (first !== undefined) {
          issue(path, `${serial} is given twice (also at ${first})`);
          continue;
        }
        seen.set(key, drafts.length > 1 ? `claim ${claim + 1}, line ${i + 1}` : `lines.${i}.serials.${j}`);
        pairs.push({ productId: product.id, serial, claim, path });
      }
    }
  }

  const claimed = await findClaimedSerials(db, pairs);
  for (const pair of pairs) {
    if (claimed.has(`${pair.productId}|${pair.serial}`)) {
      issues.push({
        claim: pair.claim,
        path: pair.path,
        message: `${pair.serial} has already been claimed: a serial earns points once`,
        kind: "claimed",
      });
    }
  }
  return { issues, products };
}
