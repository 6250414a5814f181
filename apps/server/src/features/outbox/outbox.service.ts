import type { MailMessageTable } from "../../db/types.js";
import type { AppContext } from "../../platform/context.js";
import { decodeCursor, toPage } from "../../platform/http/pagination.js";
import { notFound } from "../../platform/http/problem.js";
import { findMailRow, findMailRows } from "./outbox.repository.js";

const summarise = (r: MailMessageTable) => ({
  id: r.id,
  to: r.to_address,
  subject: r.subject,
  transport: r.transport,
  status: r.status,
  error: r.error,
  createdAt: r.created_at,
});

export async function listMailMessages(ctx: AppContext, query: { cursor?: string; limit: number; to?: string }) {
  const before = decodeCursor(query.cursor, 1)?.[0];
  const rows = await findMailRows(ctx.db, query, typeof before === "string" ? before : undefined);
  const page = toPage(rows, query.limit, (r) => [r.id]);
  return { items: page.items.map(summarise), nextCursor: page.nextCursor };
}

export async function getMailMessage(ctx: AppContext, id: string) {
  const row = await findMailRow(ctx.db, id);
  if (!row) throw notFound("Message");
  return { ...summarise(row), textBody: row.text_body, htmlBody: row.html_body };
}
