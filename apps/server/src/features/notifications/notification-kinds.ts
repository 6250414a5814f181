import type { NotificationKind, Role } from "@trellis/shared";

/**
 * Which kinds each role can receive: the preferences page offers exactly these. Support
 * workers (agents, and vendor admins who take tickets or lead the team) hear about tickets;
 * reviewers about applications; partner staff about their tickets, sales tools and news.
 * Only support agents hear of every new P1: that is the desk's "all hands" call.
 */
const partnerKinds: readonly NotificationKind[] = ["ticket_reply", "ticket_status", "asset_published", "news_must_read", "news_answer"];

export const notificationKindsByRole: Record<Role, readonly NotificationKind[]> = {
  // Channel managers hear the same day when one of their partners is flagged, and when a
  // fix/watch/cut review comes due (docs/relationships.md); vendor admins for partners without one.
  vendor_admin: ["ticket_assigned", "ticket_reply", "ticket_sla", "application_submitted", "partner_flagged", "partner_review_due"],
  channel_manager: ["application_submitted", "partner_flagged", "partner_review_due"],
  support_agent: ["ticket_new_p1", "ticket_assigned", "ticket_reply", "ticket_sla"],
  marketing: [],
  finance: [],
  // Those who earn points (docs/incentives.md) hear before theirs expire.
  partner_admin: [...partnerKinds, "points_expiring"],
  sales_rep: [...partnerKinds, "points_expiring"],
  technician: partnerKinds,
};

/**
 * Whether a kind mails the user when it has no preference row. Work that waits on the user is
 * mailed; announcements many people get at once (new sales tools, must-read news) are in-app
 * only unless the user asks, because the news digest already carries them.
 */
export const notificationEmailDefaults: Record<NotificationKind, boolean> = {
  ticket_new_p1: true,
  ticket_assigned: true,
  ticket_reply: true,
  ticket_status: true,
  ticket_sla: true,
  application_submitted: true,
  news_answer: true,
  points_expiring: true,
  partner_flagged: true,
  partner_review_due: true,
  asset_published: false,
  news_must_read: false,
};

export function canReceive(role: Role, kind: NotificationKind): boolean {
  return notificationKindsByRole[role].includes(kind);
}
