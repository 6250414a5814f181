import { join } from "node:path";
import { isPartnerRole } from "@trellis/shared";
import type { FastifyRequest } from "fastify";
import type { z } from "zod";
import { isUniqueViolation } from "../../db/dialect.js";
import { type AuthenticatedActor, can } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { badRequest, businessRule, conflict, forbidden, notFound } from "../../platform/http/problem.js";
import type { FileToSend } from "../../platform/http/send-file.js";
import { uuidv7 } from "../../platform/ids.js";
import { receiveLibraryFile } from "../../platform/storage/file-upload.js";
import { createArticle } from "../knowledge/knowledge.service.js";
import { findPdfActiveContent } from "../library/pdf.js";
import { deskClock, monthOf } from "./desk-clock.js";
import { addMinutesToHotspots } from "./hotspots-rollup.js";
import type { articleFromTicketInput, attachment, mergeInput, replyInput, savedView, savedViewInput } from "./support.schemas.js";
import { deleteSavedView, findSavedViews, insertSavedView } from "./support-directory.repository.js";
import { notifyAssigneeOfReply, notifyPartnerOfReply, notifyPartnerOfStatus } from "./support-mail.js";
import { addMonthlyTime, findAttachments, findReply, insertAttachment, insertEvent, insertReply } from "./ticket-activity.repository.js";
import { applyStatus } from "./ticket-changes.service.js";
import { getTicketDetail, type TicketDetail, userIdOf } from "./ticket-detail.service.js";
import { afterFirstResponse, afterStatusChange } from "./ticket-sla.js";
import { findTicket, findTicketProducts, lockTicket, type TicketRow, updateTicketRow } from "./tickets.repository.js";

type ReplyInput = z.infer<typeof replyInput>;

/**
 * A public reply or internal note, with time logged. The vendor's first public reply is the first
 * response; a partner's reply to a ticket waiting on it restarts the clock.
 */
export async function addReply(
  ctx: AppContext,
  actor: AuthenticatedActor,
  ticketId: string,
  input: ReplyInput,
  requestId: string,
): Promise<TicketDetail> {
  const partnerSide = isPartnerRole(actor.role);
  if (partnerSide && input.internal) throw forbidden("Internal notes are for the vendor's support team");
  if (partnerSide && input.minutes > 0) {
    throw badRequest("Only support agents log time", [{ path: "body.minutes", message: "only support agents log time" }]);
  }
  if (!partnerSide && !can(actor, "support:work")) throw forbidden();
  const authorId = userIdOf(actor);
  const clock = await deskClock(ctx);
  const at = clock.now;

  const result = await ctx.db.transaction().execute(async (trx) => {
    const ticket = await lockTicket(trx, actor, ticketId, ctx.engine);
    if (!ticket) throw notFound("Ticket");
    if (ticket.status === "closed" || ticket.merged_into_id) throw businessRule("This ticket is closed; open a new ticket", "ticket_closed");
    let current: TicketRow = ticket;
    const replyId = uuidv7();
    await insertReply(trx, {
      id: replyId,
      ticket_id: ticketId,
      partner_id: ticket.partner_id,
      author_id: authorId,
      internal: input.internal ? 1 : 0,
      body: input.body,
      minutes: input.minutes,
      created_at: at,
    });
    const changes: Partial<TicketRow> = {
      reply_count: Number(ticket.reply_count) + 1,
      minutes_logged: Number(ticket.minutes_logged) + input.minutes,
      last_activity_at: at,
      updated_at: at,
    };
    if (!partnerSide && !input.internal && ticket.first_response_at === null) {
      Object.assign(changes, afterFirstResponse(clock.calendar, ticket, at));
      if (ticket.status === "new" && !input.status) Object.assign(changes, { status: "open" });
    }
    await updateTicketRow(trx, ticketId, changes);
    current = { ...ticket, ...changes } as TicketRow;
    if (input.minutes > 0) await addMonthlyTime(trx, ticket.partner_id, monthOf(at), input.minutes, 0);
    // Hot-spots count the minutes under the month the ticket was opened, not the reply's.
    await addMinutesToHotspots(trx, ticket, input.minutes);

    // A status chosen with the reply, or the partner answering a question: the clock follows.
    const wantedStatus = input.status ?? (partnerSide && ticket.status === "waiting_on_partner" ? "open" : undefined);
    let statusChanged: TicketRow | null = null;
    if (wantedStatus && wantedStatus !== current.status) {
      statusChanged = await applyStatus(trx, actor, current, wantedStatus, clock);
    } else if (changes.status === "open" && ticket.status === "new") {
      await updateTicketRow(trx, ticketId, afterStatusChange(clock.calendar, current, at));
    }
    await recordAudit(
      trx,
      actor,
      {
        action: input.internal ? "ticket.note" : "ticket.reply",
        entityType: "ticket",
        entityId: ticketId,
        partnerId: ticket.partner_id,
        after: { replyId, minutes: input.minutes },
      },
      requestId,
    );
    return { ticket, statusChanged, status: wantedStatus };
  });

  const author = { id: authorId, name: actor.name };
  if (!input.internal) {
    if (partnerSide) await notifyAssigneeOfReply(ctx, result.ticket, author, input.body);
    else await notifyPartnerOfReply(ctx, result.ticket, author, input.body);
  }
  if (result.statusChanged && result.status && !partnerSide) await notifyPartnerOfStatus(ctx, result.ticket, result.status, author);
  return getTicketDetail(ctx, actor, ticketId);
}

/** Closes a duplicate into the ticket that stays open; both must belong to the same partner. */
export async function mergeTicket(
  ctx: AppContext,
  actor: AuthenticatedActor,
  id: string,
  input: z.infer<typeof mergeInput>,
  requestId: string,
): Promise<TicketDetail> {
  if (id === input.intoTicketId)
    throw badRequest("A ticket cannot be merged into itself", [{ path: "body.intoTicketId", message: "must be another ticket" }]);
  const clock = await deskClock(ctx);
  const actorId = actor.kind === "user" ? actor.userId : null;
  const duplicate = await ctx.db.transaction().execute(async (trx) => {
    const source = await lockTicket(trx, actor, id, ctx.engine);
    if (!source) throw notFound("Ticket");
    const target = await lockTicket(trx, actor, input.intoTicketId, ctx.engine);
    if (!target) throw badRequest("intoTicketId is not a ticket", [{ path: "body.intoTicketId", message: "is not a ticket" }]);
    if (source.partner_id !== target.partner_id) throw businessRule("Only tickets of the same partner can be merged", "merge_not_allowed");
    if (source.merged_into_id) throw businessRule(`This ticket is already merged into another`, "merge_not_allowed");
    if (target.merged_into_id || target.status === "closed") throw businessRule("Merge into a ticket that is still open", "merge_not_allowed");
    const next = { ...source, status: "closed" as const, active: 0 };
    await updateTicketRow(trx, id, {
      status: "closed",
      active: 0,
      merged_into_id: target.id,
      closed_at: clock.now,
      resolved_at: source.resolved_at ?? clock.now,
      ...afterStatusChange(clock.calendar, next, clock.now),
      updated_at: clock.now,
      last_activity_at: clock.now,
    });
    await updateTicketRow(trx, target.id, { last_activity_at: clock.now, updated_at: clock.now });
    await insertEvent(trx, {
      id: uuidv7(),
      ticket_id: id,
      actor_id: actorId,
      kind: "merged_into",
      detail: JSON.stringify({ ticketId: target.id, number: target.number }),
      created_at: clock.now,
    });
    await insertEvent(trx, {
      id: uuidv7(),
      ticket_id: target.id,
      actor_id: actorId,
      kind: "merged",
      detail: JSON.stringify({ ticketId: id, number: source.number }),
      created_at: clock.now,
    });
    await recordAudit(
      trx,
      actor,
      { action: "ticket.merge", entityType: "ticket", entityId: id, partnerId: source.partner_id, after: { intoTicketId: target.id } },
      requestId,
    );
    return { source, target };
  });
  await notifyPartnerOfStatus(
    ctx,
    duplicate.source,
    "closed",
    { id: actorId, name: actor.name },
    `Merged into ticket T-${duplicate.target.number}, where the conversation continues.`,
  );
  return getTicketDetail(ctx, actor, input.intoTicketId);
}

/** A log, screenshot or short video on the ticket (or one of its replies); refused files store nothing. */
export async function uploadAttachment(
  ctx: AppContext,
  actor: AuthenticatedActor,
  ticketId: string,
  request: FastifyRequest,
): Promise<z.infer<typeof attachment>> {
  const uploaderId = userIdOf(actor);
  const ticket = await findTicket(ctx.db, actor, ticketId); // 404 before reading any bytes
  if (!ticket) throw notFound("Ticket");
  if (ticket.status === "closed") throw businessRule("This ticket is closed; open a new ticket", "ticket_closed");
  const partnerSide = isPartnerRole(actor.role);
  const received = await receiveLibraryFile(
    request,
    ctx.storage,
    { videoMaxBytes: ctx.config.support.maxVideoBytes, otherMaxBytes: ctx.config.support.maxFileBytes },
    join(ctx.config.dataDir, "tmp"),
    {
      acceptLogs: true,
      inspectPdf: findPdfActiveContent,
      // Checked before the bytes are stored, so a refused upload leaves nothing behind.
      checkFields: async (fields) => {
        if (!fields.replyId) return null;
        const reply = await findReply(ctx.db, ticketId, fields.replyId);
        if (reply && !(partnerSide && reply.internal === 1)) return null;
        return badRequest("replyId is not a reply on this ticket", [{ path: "replyId", message: "is not a reply on this ticket" }]);
      },
    },
  );
  const internal = !partnerSide && received.fields.internal === "true";
  const replyId = received.fields.replyId || null;
  const id = uuidv7();
  const at = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await insertAttachment(trx, {
      id,
      ticket_id: ticketId,
      reply_id: replyId,
      internal: internal ? 1 : 0,
      storage_key: received.key,
      file_name: received.originalName,
      content_type: received.contentType,
      size: received.size,
      uploaded_by: uploaderId,
      created_at: at,
    });
    await updateTicketRow(trx, ticketId, { last_activity_at: at, updated_at: at });
    await recordAudit(trx, actor, {
      action: "ticket.attach",
      entityType: "ticket",
      entityId: ticketId,
      partnerId: ticket.partner_id,
      after: { attachmentId: id, fileName: received.originalName, size: received.size },
    });
  });
  return {
    id,
    replyId,
    internal,
    fileName: received.originalName,
    contentType: received.contentType,
    size: received.size,
    uploadedBy: { id: uploaderId, name: actor.name },
    createdAt: at,
    url: `/api/v1/support/tickets/${ticketId}/attachments/${id}`,
  };
}

/** The stored file, when the viewer may see it: partners never get internal attachments. */
export async function attachmentFile(ctx: AppContext, actor: AuthenticatedActor, ticketId: string, attachmentId: string): Promise<FileToSend> {
  const ticket = await findTicket(ctx.db, actor, ticketId);
  if (!ticket) throw notFound("Attachment");
  const files = await findAttachments(ctx.db, ticketId, !isPartnerRole(actor.role));
  const file = files.find((row) => row.id === attachmentId);
  if (!file) throw notFound("Attachment");
  const showsInline = file.content_type.startsWith("image/") || file.content_type.startsWith("video/") || file.content_type === "application/pdf";
  return {
    key: file.storage_key,
    size: Number(file.size),
    contentType: file.content_type,
    downloadName: file.file_name,
    disposition: showsInline ? "inline" : "attachment",
  };
}

export async function listSavedViews(ctx: AppContext, actor: AuthenticatedActor): Promise<z.infer<typeof savedView>[]> {
  const rows = await findSavedViews(ctx.db, userIdOf(actor));
  return rows.map((row) => ({ id: row.id, name: row.name, filters: JSON.parse(row.filters) as Record<string, unknown>, createdAt: row.created_at }));
}

export async function saveView(
  ctx: AppContext,
  actor: AuthenticatedActor,
  input: z.infer<typeof savedViewInput>,
): Promise<z.infer<typeof savedView>> {
  const row = {
    id: uuidv7(),
    user_id: userIdOf(actor),
    name: input.name,
    filters: JSON.stringify(input.filters),
    created_at: new Date().toISOString(),
  };
  try {
    await insertSavedView(ctx.db, row);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`You already have a view named "${input.name}"`);
    throw error;
  }
  return { id: row.id, name: row.name, filters: input.filters, createdAt: row.created_at };
}

export async function removeView(ctx: AppContext, actor: AuthenticatedActor, id: string): Promise<void> {
  if ((await deleteSavedView(ctx.db, userIdOf(actor), id)) === 0) throw notFound("Saved view");
}

/** One step from a solved ticket to a draft article: its subject, problem, public answers and products. */
export async function articleFromTicket(
  ctx: AppContext,
  actor: AuthenticatedActor,
  ticketId: string,
  input: z.infer<typeof articleFromTicketInput>,
  requestId: string,
): Promise<{ id: string }> {
  const detail = await getTicketDetail(ctx, actor, ticketId);
  const products = await findTicketProducts(ctx.db, ticketId);
  const answers = detail.replies.filter((reply) => !reply.internal && reply.author.side === "vendor").map((reply) => reply.body);
  const body = [
    "## Problem",
    "",
    detail.description,
    "",
    "## Solution",
    "",
    answers.length > 0 ? answers.join("\n\n") : "_Describe the solution._",
    ...(detail.knownProblem?.workaround ? ["", "## Workaround", "", detail.knownProblem.workaround] : []),
  ].join("\n");
  const article = await createArticle(
    ctx,
    actor,
    {
      title: input.title ?? detail.subject,
      summary: `From ticket T-${detail.number}`,
      bodyMarkdown: body,
      productIds: [...new Set(products.map((product) => product.product_id))],
      sourceTicketId: ticketId,
    },
    requestId,
  );
  return { id: article.id };
}
