import type { KnownProblemKind, KnownProblemStatus, RmaStatus, TicketSeverity, TicketStatus } from "@trellis/shared";

/*
 * Support desk administration and analytics: hand-written to match apps/server/src/features/support/
 * support.schemas.ts, known-problems.schemas.ts, rmas.schemas.ts and hotspots.schemas.ts.
 */

/** Local time "HH:MM" (24:00 allowed as an end). */
export interface WorkingPeriod {
  start: string;
  end: string;
}

/** ISO weekday: 1 is Monday, 7 is Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface BusinessCalendar {
  /** IANA time zone, e.g. Europe/Berlin. */
  timeZone: string;
  week: Record<IsoWeekday, WorkingPeriod[]>;
  /** YYYY-MM-DD, local to the calendar's time zone. */
  holidays: string[];
}

export interface SupportSettings {
  costPerHourMinor: number;
  currency: string;
  capacityHoursPerMonth: number;
  reopenWindowDays: number;
  /** Business minutes before a breach when the assignee and team lead are warned. */
  warnBeforeMinutes: number;
  teamLeadId: string | null;
  autoAssign: boolean;
  calendar: BusinessCalendar;
  updatedAt: string;
}

export type SupportSettingsInput = Partial<Omit<SupportSettings, "updatedAt">>;

export interface SlaPolicyRow {
  /** null: the default for tiers without their own policy. */
  tierId: string | null;
  severity: TicketSeverity;
  /** Business minutes. */
  firstResponseMinutes: number;
  resolutionMinutes: number;
}

export interface TierAllowance {
  tierId: string;
  /** null: no allowance for this tier. */
  hoursPerMonth: number | null;
}

export interface AgentCoverage {
  userId: string;
  name: string;
  email: string;
  role: string;
  familyIds: string[];
  openTickets: number;
}

export interface PartnerConsumption {
  partnerId: string;
  partnerName: string;
  tierName: string | null;
  minutes: number;
  hours: number;
  costMinor: number;
  allowanceHours: number | null;
  overAllowance: boolean;
  ticketsOpened: number;
}

export interface SupportConsumption {
  /** YYYY-MM */
  month: string;
  currency: string;
  costPerHourMinor: number;
  capacityHours: number;
  usedHours: number;
  /** usedHours / capacityHours; 0 when no capacity is set. */
  usedShare: number;
  costMinor: number;
  partnersOverAllowance: number;
  partners: PartnerConsumption[];
}

export interface SupportProductRef {
  id: string;
  sku: string;
  name: string;
}

export interface KnownProblemSummary {
  id: string;
  title: string;
  kind: KnownProblemKind;
  status: KnownProblemStatus;
  /** Free text, e.g. "firmware 2.1.0 to 2.3.4". */
  affectedVersions: string;
  fixVersion: string | null;
  products: SupportProductRef[];
  ticketCount: number;
  /** Distinct partners with a linked ticket. */
  partnersAffected: number;
  createdAt: string;
  updatedAt: string;
}

export interface KnownProblemTicket {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  partner: { id: string; name: string };
  createdAt: string;
}

export interface KnownProblemDetail extends KnownProblemSummary {
  description: string;
  /** The markdown rendered by the server, raw HTML escaped. */
  descriptionHtml: string;
  workaround: string;
  workaroundHtml: string;
  createdBy: { id: string; name: string } | null;
  /** The newest linked tickets, at most 200 (ticketCount has the total). */
  tickets: KnownProblemTicket[];
}

export interface KnownProblemInput {
  title: string;
  kind: KnownProblemKind;
  status: KnownProblemStatus;
  description: string;
  workaround: string;
  affectedVersions: string;
  fixVersion: string | null;
  productIds: string[];
}

export interface Rma {
  id: string;
  number: number;
  status: RmaStatus;
  serial: string;
  reason: string;
  replacementSerial: string | null;
  product: SupportProductRef;
  partner: { id: string; name: string };
  ticket: { id: string; number: number; subject: string };
  authorisedBy: { id: string; name: string };
  receivedAt: string | null;
  replacedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The statuses this viewer may move the RMA to. */
  allowedStatuses: RmaStatus[];
}

export interface RmaPatch {
  status: RmaStatus;
  /** Required when the status becomes replaced. */
  replacementSerial?: string;
}

export type HotspotDimension = "product" | "firmware" | "known_problem";

export interface HotspotPoint {
  month: string;
  tickets: number;
  hours: number;
}

export interface Hotspot {
  /** The product id, "productId|firmware", or the known problem id. */
  key: string;
  label: string;
  productId: string | null;
  /** Firmware dimension only; "" when the ticket gave none. */
  firmwareVersion: string | null;
  knownProblemId: string | null;
  tickets: number;
  hours: number;
  partners: number;
  /** One entry per month of the range, oldest first, zeros included. */
  series: HotspotPoint[];
}

export interface HotspotReport {
  from: string;
  to: string;
  dimension: HotspotDimension;
  months: string[];
  /** The top 20 by tickets, then hours. */
  items: Hotspot[];
}
