import { notificationKinds } from "@trellis/shared";
import { z } from "zod";
import { pageQuery } from "../../platform/http/pagination.js";

export const notification = z.object({
  id: z.string(),
  kind: z.enum(notificationKinds),
  title: z.string(),
  body: z.string(),
  link: z.string().describe("An app path, e.g. /portal/support/<id>"),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const notificationQuery = z.object({
  ...pageQuery,
  unread: z
    .enum(["true", "false"])
    .optional()
    .transform((value) => value === "true")
    .describe("true: only the unread ones"),
});

export const notificationPage = z.object({
  items: z.array(notification),
  nextCursor: z.string().nullable(),
  unreadCount: z.number().int(),
});

export const unreadCount = z.object({ unreadCount: z.number().int() });

export const readAllResult = z.object({ marked: z.number().int().describe("How many were unread"), unreadCount: z.number().int() });

export const notificationPreferences = z.object({
  kinds: z.array(z.object({ kind: z.enum(notificationKinds), label: z.string(), email: z.boolean().describe("Also send it by mail") })),
});

export const notificationPreferencesInput = z
  .object({
    kinds: z
      .array(z.object({ kind: z.enum(notificationKinds), email: z.boolean() }).strict())
      .max(notificationKinds.length)
      .describe("The kinds to change; kinds left out keep their setting"),
  })
  .strict();

export type Notification = z.infer<typeof notification>;
export type NotificationQuery = z.infer<typeof notificationQuery>;
export type NotificationPreferences = z.infer<typeof notificationPreferences>;
export type NotificationPreferencesInput = z.infer<typeof notificationPreferencesInput>;
