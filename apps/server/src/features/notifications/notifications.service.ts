import type { NotificationKind } from "@trellis/shared";
import { nowIso } from "../../db/dialect.js";
import type { AppContext } from "../../platform/context.js";
import { uuidv7 } from "../../platform/ids.js";

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

/**
 * Records an event in each user's notification centre and mails those who chose (or by default
 * get) mail for its kind. Call after the transaction commits: it writes and may send mail.
 * A failed mail is logged by the mailer and never undoes the caller's change.
 */
export async function notify(ctx: AppContext, input: NotificationInput): Promise<void> {
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return;
  const createdAt = nowIso();
  for (let start = 0; start < userIds.length; start += 500) {
    const chunk = userIds.slice(start, start + 500);
    await ctx.db
      .insertInto("notifications")
      .values(
        chunk.map((userId) => ({
          id: uuidv7(),
          user_id: userId,
          kind: input.kind,
          title: input.title,
          body: input.body ?? "",
          link: input.link,
          source_type: input.sourceType ?? null,
          source_id: input.sourceId ?? null,
          created_at: createdAt,
          read_at: null,
        })),
      )
      .execute();
  }
  // TODO(helper C): mail per notification_preferences and kind defaults.
}
