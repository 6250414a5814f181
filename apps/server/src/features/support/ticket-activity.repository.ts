import type { Kysely } from "kysely";
import type { Database, TicketAttachmentTable, TicketEventTable, TicketReplyTable } from "../../db/types.js";

// A ticket's replies, notes, events and attachments, and the monthly support-time rollup they feed.

export async function insertReply(db: Kysely<Database>, row: TicketReplyTable): Promise<void> {
  await db.insertInto("ticket_replies").values(row).execute();
}

export async function findReplies(db: Kysely<Database>, ticketId: string, includeInternal: boolean) {
  let query = db
    .selectFrom("ticket_replies")
    .innerJoin("users", "users.id", "ticket_replies.author_id")
    .select([
      "ticket_replies.id",
      "ticket_replies.author_id",
      "users.name as author_name",
      "users.partner_id as author_partner_id",
      "ticket_replies.internal",
      "ticket_replies.body",
      "ticket_replies.minutes",
      "ticket_replies.created_at",
    ])
    .where("ticket_replies.ticket_id", "=", ticketId);
  if (!includeInternal) query = query.where("ticket_replies.internal", "=", 0);
  return query.orderBy("ticket_replies.created_at").orderBy("ticket_replies.id").execute();
}

export async function findReply(db: Kysely<Database>, ticketId: string, replyId: string) {
  return db.selectFrom("ticket_replies").select(["id", "internal"]).where("ticket_id", "=", ticketId).where("id", "=", replyId).executeTakeFirst();
}

/** Adds minutes to the partner's month in the rollup that the cost figures read. */
export async function addMonthlyTime(db: Kysely<Database>, partnerId: string, month: string, minutes: number, ticketsOpened: number): Promise<void> {
  await db
    .insertInto("support_time_monthly")
    .values({ partner_id: partnerId, month, minutes, tickets_opened: ticketsOpened })
    .onConflict((oc) =>
      oc.columns(["month", "partner_id"]).doUpdateSet((eb) => ({
        minutes: eb("support_time_monthly.minutes", "+", minutes),
        tickets_opened: eb("support_time_monthly.tickets_opened", "+", ticketsOpened),
      })),
    )
    .execute();
}

export async function insertEvent(db: Kysely<Database>, row: TicketEventTable): Promise<void> {
  await db.insertInto("ticket_events").values(row).execute();
}

export async function findEvents(db: Kysely<Database>, ticketId: string) {
  return db
    .selectFrom("ticket_events")
    .leftJoin("users", "users.id", "ticket_events.actor_id")
    .select([
      "ticket_events.id",
      "ticket_events.kind",
      "ticket_events.actor_id",
      "users.name as actor_name",
      "ticket_events.detail",
      "ticket_events.created_at",
    ])
    .where("ticket_events.ticket_id", "=", ticketId)
    .orderBy("ticket_events.created_at")
    .orderBy("ticket_events.id")
    .execute();
}

export async function insertAttachment(db: Kysely<Database>, row: TicketAttachmentTable): Promise<void> {
  await db.insertInto("ticket_attachments").values(row).execute();
}

export async function findAttachments(db: Kysely<Database>, ticketId: string, includeInternal: boolean) {
  let query = db
    .selectFrom("ticket_attachments")
    .innerJoin("users", "users.id", "ticket_attachments.uploaded_by")
    .select([
      "ticket_attachments.id",
      "ticket_attachments.reply_id",
      "ticket_attachments.internal",
      "ticket_attachments.storage_key",
      "ticket_attachments.file_name",
      "ticket_attachments.content_type",
      "ticket_attachments.size",
      "ticket_attachments.uploaded_by",
      "users.name as uploader_name",
      "ticket_attachments.created_at",
    ])
    .where("ticket_attachments.ticket_id", "=", ticketId);
  if (!includeInternal) query = query.where("ticket_attachments.internal", "=", 0);
  return query.orderBy("ticket_attachments.created_at").execute();
}

export async function findMergedInto(db: Kysely<Database>, ticketIds: readonly string[]) {
  if (ticketIds.length === 0) return [];
  return db.selectFrom("tickets").select(["id", "number", "subject"]).where("id", "in", ticketIds).execute();
}

export async function findMergedTickets(db: Kysely<Database>, ticketId: string) {
  return db.selectFrom("tickets").select(["id", "number", "subject"]).where("merged_into_id", "=", ticketId).orderBy("number").execute();
}

export async function findKnownProblemRef(db: Kysely<Database>, id: string) {
  return db.selectFrom("known_problems").select(["id", "title", "workaround", "fix_version"]).where("id", "=", id).executeTakeFirst();
}

export async function findMonthlyTime(db: Kysely<Database>, month: string, partnerIds: readonly string[] | null) {
  let query = db.selectFrom("support_time_monthly").select(["partner_id", "minutes", "tickets_opened"]).where("month", "=", month);
  if (partnerIds) {
    if (partnerIds.length === 0) return [];
    query = query.where("partner_id", "in", partnerIds);
  }
  return query.execute();
}

export async function findMonthlyTimeRange(db: Kysely<Database>, fromMonth: string, toMonth: string, partnerIds: readonly string[] | null) {
  let query = db
    .selectFrom("support_time_monthly")
    .select(["partner_id", "month", "minutes", "tickets_opened"])
    .where("month", ">=", fromMonth)
    .where("month", "<=", toMonth);
  if (partnerIds) {
    if (partnerIds.length === 0) return [];
    query = query.where("partner_id", "in", partnerIds);
  }
  return query.execute();
}
