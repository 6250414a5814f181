import type { NotificationKind } from "@trellis/shared";

/* The notification centre: hand-written to match apps/server/src/features/notifications/*.schemas.ts (docs/news.md). */

export interface AppNotification {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** An app path, e.g. /portal/news/<id>. */
  link: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: AppNotification[];
  nextCursor: string | null;
  unreadCount: number;
}

export interface NotificationKindPreference {
  kind: NotificationKind;
  label: string;
  email: boolean;
}

export interface NotificationPreferences {
  kinds: NotificationKindPreference[];
}
