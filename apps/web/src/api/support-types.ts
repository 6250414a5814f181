import type { SlaState, TicketCategory, TicketSeverity, TicketStatus } from "@trellis/shared";

/* Technical support desk: hand-written to match apps/server/src/features/support/support.schemas.ts. */

export type QueueSort = "sla" | "newest" | "updated";

export interface PersonRef {
  id: string;
  name: string;
}

export interface SlaClock {
  /** null when no SLA policy applies. */
  state: SlaState | null;
  /** Business minutes. */
  firstResponseTarget: number | null;
  resolutionTarget: number | null;
  firstResponseDueAt: string | null;
  /** null while paused. */
  resolutionDueAt: string | null;
  firstResponseAt: string | null;
  /** Business minutes counted so far. */
  elapsedMinutes: number;
  /** Business minutes to the next target; negative when overdue. */
  remainingMinutes: number | null;
  paused: boolean;
  firstResponseBreached: boolean;
  resolutionBreached: boolean;
}

export interface TicketSummary {
  id: string;
  number: number;
  subject: string;
  category: TicketCategory;
  severity: TicketSeverity;
  status: TicketStatus;
  partner: { id: string; name: string; tierName: string | null };
  requester: PersonRef;
  assignee: PersonRef | null;
  sla: SlaClock;
  minutesLogged: number;
  replyCount: number;
  lastActivityAt: string;
  createdAt: string;
}

export interface TicketProduct {
  productId: string;
  name: string;
  sku: string;
  serials: string[];
}

export interface TicketReply {
  id: string;
  author: PersonRef & { side: "vendor" | "partner" };
  internal: boolean;
  /** Markdown as written. */
  body: string;
  /** Rendered by the server with raw HTML escaped. */
  html: string;
  /** null for partner viewers. */
  minutes: number | null;
  createdAt: string;
}

export interface TicketAttachment {
  id: string;
  replyId: string | null;
  internal: boolean;
  fileName: string;
  contentType: string;
  size: number;
  uploadedBy: PersonRef;
  createdAt: string;
  url: string;
}

export interface TicketEvent {
  id: string;
  kind: string;
  actor: PersonRef | null;
  detail: Record<string, unknown>;
  createdAt: string;
}

export interface TicketDetail extends TicketSummary {
  description: string;
  descriptionHtml: string;
  products: TicketProduct[];
  firmwareVersion: string;
  siteName: string;
  replies: TicketReply[];
  attachments: TicketAttachment[];
  events: TicketEvent[];
  knownProblem: { id: string; title: string; workaround: string; fixVersion: string | null } | null;
  mergedInto: { id: string; number: number } | null;
  merged: { id: string; number: number; subject: string }[];
  rmas: { id: string; number: number; serial: string; status: string }[];
  resolvedAt: string | null;
  closedAt: string | null;
  /** A resolved ticket can be reopened until then. */
  reopenableUntil: string | null;
  /** The statuses this viewer may move the ticket to. */
  allowedStatuses: TicketStatus[];
}

export interface TicketInput {
  subject: string;
  description: string;
  category: TicketCategory;
  severity: TicketSeverity;
  products: { productId: string; serials: string[] }[];
  firmwareVersion: string;
  siteName: string;
}

export interface TicketPatch {
  subject?: string;
  category?: TicketCategory;
  severity?: TicketSeverity;
  /** null unassigns. */
  assigneeId?: string | null;
  knownProblemId?: string | null;
  firmwareVersion?: string;
  siteName?: string;
}

export interface StatusChange {
  status: TicketStatus;
  note?: string;
}

export interface ReplyInput {
  body: string;
  /** Agents only: never shown to the partner. */
  internal?: boolean;
  /** Agents only: time spent, logged against the partner. */
  minutes?: number;
  status?: TicketStatus;
}

/** The queue's filters as the API and saved views take them. */
export interface TicketFilters {
  status?: TicketStatus[];
  severity?: TicketSeverity[];
  partnerId?: string;
  tierId?: string;
  productId?: string;
  /** An agent's id, "me" or "none". */
  assigneeId?: string;
  slaState?: SlaState;
  q?: string;
  sort?: QueueSort;
}

export interface SavedView {
  id: string;
  name: string;
  filters: Record<string, unknown>;
  createdAt: string;
}

export interface SavedViewInput {
  name: string;
  filters: TicketFilters;
}

// SlaPolicyRow and AgentCoverage (GET /support/sla-policies, /support/agents) live in support-admin-types.ts.
