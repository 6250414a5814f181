import { type NotificationKind, notificationKindLabels } from "@trellis/shared";
import { nowIso } from "../../db/dialect.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { decodeCursor, toPage } from "../../platform/http/pagination.js";
import { badRequest, notFound } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { canReceive, notificationEmailDefaults, notificationKindsByRole } from "./notification-kinds.js";
import {
  countUnread,
  findNotification,
  findNotificationPage,
  findPreferences,
  findRecipients,
  insertNotifications,
  markAllRead,
  markRead,
  upsertPreferences,
} from "./notifications.repository.js";
import type { Notification, NotificationPreferences, NotificationPreferencesInput, NotificationQuery } from "./notifications.schemas.js";

/** What a feature tells the notification centre about one event. */
export interface NotificationInput {
  userIds: readonly string[];
  kind: NotificationKind;
  title: string;
  body?: string;
  /** An app path, e.g. /portal/support/<id>; mails turn it into a full URL. */
  link: string;
  /** The mail's subject and text when the user also wants it by mail; defaults to title and body. */
  mail?: { subject: string; text: string };
  sourceType?: string;
  sourceId?: string;
}

/** Users per query and insert: bounded statements however large the audience. */
const chunkSize = 500;
const titleMax = 200;
const bodyMax = 1000;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Every notification mail carries the full link; a feature's own text that already names it is sent as written. */
function mailFor(ctx: AppContext, input: NotificationInput): { subject: string; text: string } {
  const url = `${ctx.config.publicUrl}${input.link}`;
  const subject = input.mail?.subject ?? input.title;
  const text = input.mail?.text ?? input.body ?? "";
  if (text.includes(url)) return { subject, text };
  const lead = text.trimEnd();
  return { subject, text: `${lead}${lead ? "\n\n" : ""}Open it: ${url}\n` };
}

function wantsMail(kind: NotificationKind, preference: number | null): boolean {
  return preference === null ? notificationEmailDefaults[kind] : preference === 1;
}

/**
 * Records an event in each user's notification centre and mails those who chose (or by default
 * get) mail for its kind. Deactivated users are skipped; invited users see it once they sign in
 * but are not mailed. Call after the transaction commits: it writes and may send mail. Users go
 * in chunks, each chunk's rows are stored in one statement before its mail is sent, and no
 * transaction is held while mailing. A failure is logged and never undoes the caller's change.
 */
export async function notify(ctx: AppContext, input: NotificationInput): Promise<void> {
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return;
  const createdAt = nowIso();
  const title = clip(input.title, titleMax);
  const body = clip(input.body ?? "", bodyMax);
  const mail = mailFor(ctx, input);
  for (let start = 0; start < userIds.length; start += chunkSize) {
    const chunk = userIds.slice(start, start + chunkSize);
    try {
      const recipients = await findRecipients(ctx.db, chunk, input.kind);
      await insertNotifications(
        ctx.db,
        recipients.map((recipient) => ({
          id: uuidv7(),
          user_id: recipient.id,
          kind: input.kind,
          title,
          body,
          link: input.link,
          source_type: input.sourceType ?? null,
          source_id: input.sourceId ?? null,
          created_at: createdAt,
          read_at: null,
        })),
      );
      for (const recipient of recipients) {
        if (recipient.status !== "active" || !wantsMail(input.kind, recipient.email_pref)) continue;
        await sendOne(ctx, recipient.email, mail, input.kind);
      }
    } catch (error) {
      ctx.log.error({ err: error, kind: input.kind, users: chunk.length }, "notification fan-out failed");
    }
  }
}

async function sendOne(ctx: AppContext, to: string, mail: { subject: string; text: string }, kind: NotificationKind): Promise<void> {
  try {
    await ctx.mailer.send({ to, subject: mail.subject, text: mail.text });
  } catch (error) {
    ctx.log.error({ err: error, kind, subject: mail.subject }, "notification mail failed");
  }
}

/** API tokens act for systems, not people: they have no notification centre. */
const userIdOf = (actor: AuthenticatedActor): string | null => (actor.kind === "user" ? actor.userId : null);

function toNotification(row: {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string;
  created_at: string;
  read_at: string | null;
}): Notification {
  return { id: row.id, kind: row.kind, title: row.title, body: row.body, link: row.link, createdAt: row.created_at, readAt: row.read_at };
}

export async function listNotifications(
  ctx: AppContext,
  actor: AuthenticatedActor,
  query: NotificationQuery,
): Promise<{ items: Notification[]; nextCursor: string | null; unreadCount: number }> {
  const cursor = decodeCursor(query.cursor, 2);
  const userId = userIdOf(actor);
  if (!userId) return { items: [], nextCursor: null, unreadCount: 0 };
  const after = cursor ? { createdAt: String(cursor[0]), id: String(cursor[1]) } : undefined;
  const rows = await findNotificationPage(ctx.db, userId, { unread: query.unread }, query.limit, after);
  const page = toPage(rows, query.limit, (row) => [row.created_at, row.id]);
  return { items: page.items.map(toNotification), nextCursor: page.nextCursor, unreadCount: await countUnread(ctx.db, userId) };
}

export async function unreadCountFor(ctx: AppContext, actor: AuthenticatedActor): Promise<number> {
  const userId = userIdOf(actor);
  return userId ? countUnread(ctx.db, userId) : 0;
}

/** Marks one of the caller's notifications read (idempotent); another user's is 404. */
export async function markNotificationRead(ctx: AppContext, actor: AuthenticatedActor, id: string): Promise<Notification> {
  const userId = userIdOf(actor);
  const row = userId ? await findNotification(ctx.db, userId, id) : undefined;
  if (!userId || !row) throw notFound("Notification");
  if (row.read_at) return toNotification(row);
  const at = nowIso();
  await markRead(ctx.db, userId, id, at);
  return toNotification((await findNotification(ctx.db, userId, id)) ?? { ...row, read_at: at });
}

export async function markAllNotificationsRead(ctx: AppContext, actor: AuthenticatedActor): Promise<{ marked: number; unreadCount: number }> {
  const userId = userIdOf(actor);
  if (!userId) return { marked: 0, unreadCount: 0 };
  const marked = await markAllRead(ctx.db, userId, nowIso());
  return { marked, unreadCount: await countUnread(ctx.db, userId) };
}

/** The kinds the caller's role can receive, each with its mail setting (the kind's default without a row). */
export async function getNotificationPreferences(ctx: AppContext, actor: AuthenticatedActor): Promise<NotificationPreferences> {
  const userId = userIdOf(actor);
  if (!userId) return { kinds: [] };
  const stored = new Map((await findPreferences(ctx.db, userId)).map((row) => [row.kind, row.email]));
  return {
    kinds: notificationKindsByRole[actor.role].map((kind) => ({
      kind,
      label: notificationKindLabels[kind],
      email: wantsMail(kind, stored.get(kind) ?? null),
    })),
  };
}

export async function updateNotificationPreferences(
  ctx: AppContext,
  actor: AuthenticatedActor,
  input: NotificationPreferencesInput,
  requestId: string,
): Promise<NotificationPreferences> {
  const userId = userIdOf(actor);
  const seen = new Set<NotificationKind>();
  input.kinds.forEach((choice, index) => {
    if (!userId || !canReceive(actor.role, choice.kind)) {
      throw badRequest(`kinds[${index}] is not a notification your role receives`, [
        { path: `body.kinds.${index}.kind`, message: `${choice.kind} is not a notification your role receives` },
      ]);
    }
    if (seen.has(choice.kind))
      throw badRequest(`kinds[${index}] repeats ${choice.kind}`, [{ path: `body.kinds.${index}`, message: "repeats a kind" }]);
    seen.add(choice.kind);
  });
  if (!userId) return { kinds: [] };
  const before = await getNotificationPreferences(ctx, actor);
  if (input.kinds.length === 0) return before;
  await ctx.db.transaction().execute(async (trx) => {
    await upsertPreferences(trx, userId, input.kinds, nowIso());
    await recordAudit(
      trx,
      actor,
      {
        action: "notification_preferences.update",
        entityType: "user",
        entityId: userId,
        partnerId: actor.partnerId,
        before: { kinds: before.kinds.map(({ kind, email }) => ({ kind, email })) },
        after: { kinds: input.kinds },
      },
      requestId,
    );
  });
  return getNotificationPreferences(ctx, actor);
}
