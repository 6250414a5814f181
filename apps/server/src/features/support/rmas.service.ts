import type { RmaStatus } from "@trellis/shared";
import { nowIso } from "../../db/dialect.js";
import type { RmaTable } from "../../db/types.js";
import { type AuthenticatedActor, can } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { decodeCursor, type Page, toPage } from "../../platform/http/pagination.js";
import { badRequest, businessRule, conflict, notFound, ProblemError } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import type { Product } from "../products/products.schemas.js";
import { getProduct, serialMatches } from "../products/products.service.js";
import {
  findOpenRmaForSerial,
  findRmaRow,
  findTicketForRma,
  insertRma,
  listRmaRows,
  nextSupportNumber,
  type RmaRow,
  rmaRowsForTicket,
  ticketNamesProduct,
  updateRmaRow,
} from "./rmas.repository.js";
import type { Rma, RmaInput, RmaPatch, RmaQuery } from "./rmas.schemas.js";

/** authorised → received → replaced → closed; an authorised return may be cancelled before the unit arrives. */
const transitions: Record<RmaStatus, readonly RmaStatus[]> = {
  authorised: ["received", "cancelled"],
  received: ["replaced"],
  replaced: ["closed"],
  closed: [],
  cancelled: [],
};

const statusWords: Record<RmaStatus, string> = {
  authorised: "authorised",
  received: "received: we have the unit",
  replaced: "replaced: a replacement unit is on its way",
  closed: "closed",
  cancelled: "cancelled",
};

function toRma(row: RmaRow, actor: AuthenticatedActor): Rma {
  return {
    id: row.id,
    number: Number(row.number),
    status: row.status,
    serial: row.serial,
    reason: row.reason,
    replacementSerial: row.replacement_serial,
    product: { id: row.product_id, sku: row.product_sku, name: row.product_name },
    partner: { id: row.partner_id, name: row.partner_name },
    ticket: { id: row.ticket_id, number: Number(row.ticket_number), subject: row.ticket_subject },
    authorisedBy: { id: row.authorised_by, name: row.authorised_by_name },
    receivedAt: row.received_at,
    replacedAt: row.replaced_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    allowedStatuses: can(actor, "support:work") ? [...transitions[row.status]] : [],
  };
}

/** For the ticket detail: the ticket's RMAs the actor may see. */
export async function rmasForTicket(
  ctx: AppContext,
  actor: AuthenticatedActor,
  ticketId: string,
): Promise<{ id: string; number: number; serial: string; status: RmaStatus }[]> {
  const rows = await rmaRowsForTicket(ctx.db, actor, ticketId);
  return rows.map((r) => ({ id: r.id, number: Number(r.number), serial: r.serial, status: r.status }));
}

export async function getRma(ctx: AppContext, actor: AuthenticatedActor, id: string): Promise<Rma> {
  const row = await findRmaRow(ctx.db, actor, id);
  if (!row) throw notFound("RMA");
  return toRma(row, actor);
}

export async function listRmas(ctx: AppContext, actor: AuthenticatedActor, query: RmaQuery): Promise<Page<Rma>> {
  const cursor = decodeCursor(query.cursor, 2);
  if (cursor && (typeof cursor[0] !== "string" || typeof cursor[1] !== "string")) {
    throw badRequest("cursor is not valid", [{ path: "cursor", message: "not a cursor this list issued" }]);
  }
  const after = cursor ? ([cursor[0], cursor[1]] as [string, string]) : undefined;
  const rows = await listRmaRows(ctx.db, actor, query, { after, limit: query.limit });
  const page = toPage(rows, query.limit, (r) => [r.created_at, r.id]);
  return { items: page.items.map((r) => toRma(r, actor)), nextCursor: page.nextCursor };
}

/** The product named in the body, or 400 naming the field (an unknown id is bad input, not a missing page). */
async function productFor(ctx: AppContext, actor: AuthenticatedActor, productId: string): Promise<Product> {
  try {
    return await getProduct(ctx.db, actor, productId);
  } catch (error) {
    if (error instanceof ProblemError && error.status === 404) {
      throw badRequest("productId does not name a product", [{ path: "body.productId", message: "no such product" }]);
    }
    throw error;
  }
}

function assertSerial(product: Product, serial: string, field: string): void {
  if (!serialMatches(product.serialPattern, serial)) {
    throw badRequest(`${field} does not match the serial pattern of ${product.name}`, [
      { path: `body.${field}`, message: `must match ${product.serialPattern}` },
    ]);
  }
}

interface RmaMail {
  to: string;
  name: string;
  number: number;
  serial: string;
  productName: string;
  ticketId: string;
  ticketNumber: number;
  status: RmaStatus;
  replacementSerial: string | null;
}

/** Tells the ticket's requester. Called after the transaction commits; a failed send is logged, the change stands. */
async function mailRequester(ctx: AppContext, mail: RmaMail): Promise<void> {
  const link = `${ctx.config.publicUrl}/portal/support/${mail.ticketId}`;
  const replacement = mail.replacementSerial ? `\nReplacement unit: ${mail.replacementSerial}` : "";
  const opening =
    mail.status === "authorised"
      ? `We authorised the return of ${mail.productName} serial ${mail.serial} (RMA ${mail.number}) on ticket #${mail.ticketNumber}. Please send the unit back quoting RMA ${mail.number}.`
      : `RMA ${mail.number} for ${mail.productName} serial ${mail.serial} (ticket #${mail.ticketNumber}) is now ${statusWords[mail.status]}.`;
  try {
    await ctx.mailer.send({
      to: mail.to,
      subject: `RMA ${mail.number}: ${mail.status === "authorised" ? "return authorised" : statusWords[mail.status]}`,
      text: `Hello ${mail.name},\n\n${opening}${replacement}\n\nThe ticket: ${link}\n`,
    });
  } catch (error) {
    ctx.log.error({ err: error, rma: mail.number }, "RMA mail failed");
  }
}

export async function createRma(
  ctx: AppContext,
  actor: AuthenticatedActor,
  ticketId: string,
  input: RmaInput,
  requestId: string | null,
): Promise<Rma> {
  // authorised_by names a person: an API token has none to name.
  if (actor.kind !== "user") throw businessRule("An RMA is authorised by a signed-in support agent, not an API token");
  const authorisedBy = actor.userId;
  const product = await productFor(ctx, actor, input.productId);
  assertSerial(product, input.serial, "serial");
  const now = nowIso();
  const id = uuidv7();
  const { ticket, rmaNumber } = await ctx.db.transaction().execute(async (trx) => {
    const found = await findTicketForRma(trx, ticketId);
    if (!found) throw notFound("Ticket");
    if (product.lifecycle !== "active" && !(await ticketNamesProduct(trx, ticketId, product.id))) {
      throw businessRule(`${product.name} is ${product.lifecycle.replace(/_/g, " ")} and not named on ticket #${found.number}`);
    }
    // Taken first: on PostgreSQL the counter row's lock makes the open-RMA check below race-free.
    const number = await nextSupportNumber(trx, "rma");
    const open = await findOpenRmaForSerial(trx, product.id, input.serial);
    if (open) throw conflict(`Serial ${input.serial} already has an open RMA (RMA ${open.number}, ${open.status})`);
    const row: RmaTable = {
      id,
      number,
      partner_id: found.partner_id,
      ticket_id: ticketId,
      product_id: product.id,
      serial: input.serial,
      reason: input.reason,
      status: "authorised",
      replacement_serial: null,
      authorised_by: authorisedBy,
      received_at: null,
      replaced_at: null,
      created_at: now,
      updated_at: now,
    };
    await insertRma(trx, row);
    await recordAudit(trx, actor, { action: "rma.authorise", entityType: "rma", entityId: id, partnerId: found.partner_id, after: row }, requestId);
    return { ticket: found, rmaNumber: number };
  });
  if (ticket.requester_status === "active") {
    await mailRequester(ctx, {
      to: ticket.requester_email,
      name: ticket.requester_name,
      number: rmaNumber,
      serial: input.serial,
      productName: product.name,
      ticketId,
      ticketNumber: Number(ticket.number),
      status: "authorised",
      replacementSerial: null,
    });
  }
  return getRma(ctx, actor, id);
}

export async function updateRma(ctx: AppContext, actor: AuthenticatedActor, id: string, patch: RmaPatch, requestId: string | null): Promise<Rma> {
  const existing = await findRmaRow(ctx.db, actor, id);
  if (!existing) throw notFound("RMA");
  if (patch.replacementSerial !== undefined && patch.status !== "replaced") {
    throw badRequest("replacementSerial is set only when the status becomes replaced", [
      { path: "body.replacementSerial", message: "only with status replaced" },
    ]);
  }
  if (!transitions[existing.status].includes(patch.status)) {
    throw businessRule(`An RMA that is ${existing.status} cannot become ${patch.status}`, "invalid_state");
  }
  const now = nowIso();
  const values: Partial<RmaTable> = { status: patch.status, updated_at: now };
  if (patch.status === "received") values.received_at = now;
  if (patch.status === "replaced") {
    if (!patch.replacementSerial) {
      throw badRequest("replacementSerial is required to mark an RMA replaced", [{ path: "body.replacementSerial", message: "required" }]);
    }
    assertSerial(await getProduct(ctx.db, actor, existing.product_id), patch.replacementSerial, "replacementSerial");
    values.replacement_serial = patch.replacementSerial;
    values.replaced_at = now;
  }
  await ctx.db.transaction().execute(async (trx) => {
    // Only from the status the rules were checked against: a concurrent change makes this one a conflict.
    const result = await updateRmaRow(trx, id, existing.status, values);
    if (result === 0) throw conflict("The RMA changed meanwhile; reload it and try again");
    const before = { status: existing.status, replacement_serial: existing.replacement_serial };
    await recordAudit(
      trx,
      actor,
      { action: "rma.update", entityType: "rma", entityId: id, partnerId: existing.partner_id, before, after: values },
      requestId,
    );
  });
  const ticket = await findTicketForRma(ctx.db, existing.ticket_id);
  if (ticket && ticket.requester_status === "active") {
    await mailRequester(ctx, {
      to: ticket.requester_email,
      name: ticket.requester_name,
      number: Number(existing.number),
      serial: existing.serial,
      productName: existing.product_name,
      ticketId: existing.ticket_id,
      ticketNumber: Number(ticket.number),
      status: patch.status,
      replacementSerial: values.replacement_serial ?? null,
    });
  }
  return getRma(ctx, actor, id);
}
