import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { Database, KnownProblemTable } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { decodeCursor, type Page, toPage } from "../../platform/http/pagination.js";
import { badRequest, notFound } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { renderPageMarkdown } from "../library/library.markdown.js";
import { productRefsByIds } from "../products/products.service.js";
import {
  findKnownProblemCreator,
  findKnownProblemRow,
  insertKnownProblem,
  type KnownProblemRow,
  linkedTicketRows,
  listKnownProblemRows,
  productIdsByKnownProblem,
  replaceKnownProblemProducts,
  ticketCountsByKnownProblem,
  updateKnownProblemRow,
} from "./known-problems.repository.js";
import type { KnownProblemDetail, KnownProblemInput, KnownProblemPatch, KnownProblemQuery, KnownProblemSummary } from "./known-problems.schemas.js";

const linkedTicketLimit = 200;

/** For the ticket service (linking a ticket): whether the known problem exists. Pass a transaction as `{ db: trx }`. */
export async function knownProblemExists(ctx: { db: Kysely<Database> }, id: string): Promise<boolean> {
  return (await findKnownProblemRow(ctx.db, id)) !== undefined;
}

/** For the ticket detail: what a partner may see of the problem a ticket is linked to, or null. */
export async function knownProblemSummary(
  ctx: { db: Kysely<Database> },
  id: string,
): Promise<{ id: string; title: string; workaround: string; fixVersion: string | null } | null> {
  const row = await findKnownProblemRow(ctx.db, id);
  return row ? { id: row.id, title: row.title, workaround: row.workaround, fixVersion: row.fix_version } : null;
}

async function summaries(db: Kysely<Database>, rows: KnownProblemRow[]): Promise<KnownProblemSummary[]> {
  const ids = rows.map((r) => r.id);
  const [counts, productIds] = await Promise.all([ticketCountsByKnownProblem(db, ids), productIdsByKnownProblem(db, ids)]);
  const products = new Map((await productRefsByIds(db, [...productIds.values()].flat())).map((p) => [p.id, p]));
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    kind: row.kind,
    status: row.status,
    affectedVersions: row.affected_versions,
    fixVersion: row.fix_version,
    products: (productIds.get(row.id) ?? [])
      .flatMap((productId) => {
        const product = products.get(productId);
        return product ? [{ id: product.id, sku: product.sku, name: product.name }] : [];
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
    ticketCount: counts.get(row.id)?.tickets ?? 0,
    partnersAffected: counts.get(row.id)?.partners ?? 0,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

export async function listKnownProblems(ctx: AppContext, query: KnownProblemQuery): Promise<Page<KnownProblemSummary>> {
  const cursor = decodeCursor(query.cursor, 2);
  if (cursor && (typeof cursor[0] !== "string" || typeof cursor[1] !== "string")) {
    throw badRequest("cursor is not valid", [{ path: "cursor", message: "not a cursor this list issued" }]);
  }
  const after = cursor ? ([cursor[0], cursor[1]] as [string, string]) : undefined;
  const rows = await listKnownProblemRows(ctx.db, query, { after, limit: query.limit });
  const page = toPage(rows, query.limit, (r) => [r.updated_at, r.id]);
  return { items: await summaries(ctx.db, page.items), nextCursor: page.nextCursor };
}

export async function getKnownProblem(ctx: AppContext, id: string): Promise<KnownProblemDetail> {
  const row = await findKnownProblemRow(ctx.db, id);
  if (!row) throw notFound("Known problem");
  const [[summary], tickets, creator] = await Promise.all([
    summaries(ctx.db, [row]),
    linkedTicketRows(ctx.db, id, linkedTicketLimit),
    row.created_by ? findKnownProblemCreator(ctx.db, row.created_by) : undefined,
  ]);
  if (!summary) throw notFound("Known problem");
  return {
    ...summary,
    description: row.description,
    descriptionHtml: renderPageMarkdown(row.description),
    workaround: row.workaround,
    workaroundHtml: renderPageMarkdown(row.workaround),
    createdBy: creator ? { id: creator.id, name: creator.name } : null,
    tickets: tickets.map((t) => ({
      id: t.id,
      number: Number(t.number),
      subject: t.subject,
      status: t.status,
      partner: { id: t.partner_id, name: t.partner_name },
      createdAt: t.created_at,
    })),
  };
}

/** 400 naming the field when a product id does not exist (any lifecycle may be linked). */
async function assertProducts(db: Kysely<Database>, productIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(productIds)];
  const found = new Set((await productRefsByIds(db, unique)).map((p) => p.id));
  const missing = unique.filter((productId) => !found.has(productId));
  if (missing.length > 0) {
    throw badRequest(
      `productIds names products that do not exist: ${missing.join(", ")}`,
      missing.map((productId) => ({ path: `body.productIds.${productIds.indexOf(productId)}`, message: "no such product" })),
    );
  }
  return unique;
}

function auditView(row: KnownProblemTable | KnownProblemRow, productIds: readonly string[]) {
  return { ...row, product_ids: [...productIds] };
}

export async function createKnownProblem(
  ctx: AppContext,
  actor: AuthenticatedActor,
  input: KnownProblemInput,
  requestId: string | null,
): Promise<KnownProblemDetail> {
  const now = nowIso();
  const row: KnownProblemTable = {
    id: uuidv7(),
    title: input.title,
    kind: input.kind,
    status: input.status,
    description: input.description,
    workaround: input.workaround,
    affected_versions: input.affectedVersions,
    fix_version: input.fixVersion,
    created_by: actor.kind === "user" ? actor.userId : null,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const productIds = await assertProducts(trx, input.productIds);
    await insertKnownProblem(trx, row);
    await replaceKnownProblemProducts(trx, row.id, productIds);
    await recordAudit(
      trx,
      actor,
      { action: "known_problem.create", entityType: "known_problem", entityId: row.id, partnerId: null, after: auditView(row, productIds) },
      requestId,
    );
  });
  return getKnownProblem(ctx, row.id);
}

export async function updateKnownProblem(
  ctx: AppContext,
  actor: AuthenticatedActor,
  id: string,
  patch: KnownProblemPatch,
  requestId: string | null,
): Promise<KnownProblemDetail> {
  const values: Partial<KnownProblemTable> = { updated_at: nowIso() };
  if (patch.title !== undefined) values.title = patch.title;
  if (patch.kind !== undefined) values.kind = patch.kind;
  if (patch.status !== undefined) values.status = patch.status;
  if (patch.description !== undefined) values.description = patch.description;
  if (patch.workaround !== undefined) values.workaround = patch.workaround;
  if (patch.affectedVersions !== undefined) values.affected_versions = patch.affectedVersions;
  if (patch.fixVersion !== undefined) values.fix_version = patch.fixVersion;
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findKnownProblemRow(trx, id);
    if (!before) throw notFound("Known problem");
    const beforeProducts = (await productIdsByKnownProblem(trx, [id])).get(id) ?? [];
    const afterProducts = patch.productIds === undefined ? beforeProducts : await assertProducts(trx, patch.productIds);
    await updateKnownProblemRow(trx, id, values);
    if (patch.productIds !== undefined) await replaceKnownProblemProducts(trx, id, afterProducts);
    await recordAudit(
      trx,
      actor,
      {
        action: "known_problem.update",
        entityType: "known_problem",
        entityId: id,
        partnerId: null,
        before: auditView(before, beforeProducts),
        after: auditView({ ...before, ...values }, afterProducts),
      },
      requestId,
    );
  });
  return getKnownProblem(ctx, id);
}
