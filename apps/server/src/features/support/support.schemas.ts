import { slaStates, ticketCategories, ticketSeverities, ticketStatuses } from "@trellis/shared";
import { z } from "zod";
import { pageQuery, pageSchema } from "../../platform/http/pagination.js";

const id = z.string().min(1).max(64);
const iso = z.string().describe("ISO-8601 UTC timestamp");
const serial = z.string().trim().min(1).max(64);
const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (value === undefined || Array.isArray(value) ? value : [value]), z.array(item).max(20).optional());

export const ticketProductInput = z
  .object({
    productId: id,
    serials: z.array(serial).max(50).default([]).describe("Serial numbers of the affected units, each checked against the product's pattern"),
  })
  .strict();

export const ticketInput = z
  .object({
    subject: z.string().trim().min(3).max(200),
    description: z.string().trim().min(1).max(50_000).describe("Markdown"),
    category: z.enum(ticketCategories),
    severity: z.enum(ticketSeverities),
    products: z.array(ticketProductInput).max(20).default([]),
    firmwareVersion: z.string().trim().max(80).default(""),
    siteName: z.string().trim().max(200).default("").describe("The end customer's site"),
  })
  .strict();

export const ticketPatch = z
  .object({
    subject: ticketInput.shape.subject,
    category: ticketInput.shape.category,
    severity: ticketInput.shape.severity,
    assigneeId: id.nullable().describe("A support agent or vendor admin; null unassigns"),
    knownProblemId: id.nullable(),
    firmwareVersion: z.string().trim().max(80),
    siteName: z.string().trim().max(200),
  })
  .partial()
  .strict();

export const statusChange = z
  .object({
    status: z.enum(ticketStatuses),
    note: z.string().trim().max(5000).optional().describe("Shown on the timeline; partners see it"),
  })
  .strict();

export const replyInput = z
  .object({
    body: z.string().trim().min(1).max(50_000).describe("Markdown"),
    internal: z.boolean().default(false).describe("An internal note: never shown to the partner (agents only)"),
    minutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .default(0)
      .describe("Time spent, logged against the partner (agents only)"),
    status: z.enum(ticketStatuses).optional().describe("Change the status with the reply (e.g. waiting on partner)"),
  })
  .strict();

export const mergeInput = z.object({ intoTicketId: id.describe("The ticket that stays open") }).strict();

export const queueSorts = ["sla", "newest", "updated"] as const;
export const ticketQuery = z
  .object({
    status: oneOrMany(z.enum(ticketStatuses)).describe("Default: every active status (not resolved or closed)"),
    severity: oneOrMany(z.enum(ticketSeverities)),
    partnerId: id.optional(),
    tierId: id.optional(),
    productId: id.optional(),
    assigneeId: z.union([id, z.literal("me"), z.literal("none")]).optional(),
    slaState: z.enum(slaStates).optional(),
    q: z.string().trim().max(200).optional().describe("Ticket number, subject or serial"),
    sort: z.enum(queueSorts).default("sla"),
    ...pageQuery,
  })
  .strict();

export const slaClock = z.object({
  state: z.enum(slaStates).nullable().describe("null when no SLA policy applies"),
  firstResponseTarget: z.number().int().nullable().describe("Business minutes"),
  resolutionTarget: z.number().int().nullable(),
  firstResponseDueAt: iso.nullable(),
  resolutionDueAt: iso.nullable().describe("null while paused"),
  firstResponseAt: iso.nullable(),
  elapsedMinutes: z.number().int().describe("Business minutes counted so far"),
  remainingMinutes: z.number().int().nullable().describe("Business minutes to the next target; negative when overdue"),
  paused: z.boolean(),
  firstResponseBreached: z.boolean(),
  resolutionBreached: z.boolean(),
});

const personRef = z.object({ id, name: z.string() });

export const ticketSummary = z.object({
  id,
  number: z.number().int(),
  subject: z.string(),
  category: z.enum(ticketCategories),
  severity: z.enum(ticketSeverities),
  status: z.enum(ticketStatuses),
  partner: z.object({ id, name: z.string(), tierName: z.string().nullable() }),
  requester: personRef,
  assignee: personRef.nullable(),
  sla: slaClock,
  minutesLogged: z.number().int(),
  replyCount: z.number().int(),
  lastActivityAt: iso,
  createdAt: iso,
});
export const ticketPage = pageSchema(ticketSummary);

export const ticketProduct = z.object({ productId: id, name: z.string(), sku: z.string(), serials: z.array(z.string()) });

export const reply = z.object({
  id,
  author: personRef.extend({ side: z.enum(["vendor", "partner"]) }),
  internal: z.boolean(),
  body: z.string().describe("Markdown as written"),
  html: z.string().describe("Rendered safely"),
  minutes: z.number().int().nullable().describe("null for partner viewers"),
  createdAt: iso,
});

export const attachment = z.object({
  id,
  replyId: id.nullable(),
  internal: z.boolean(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedBy: personRef,
  createdAt: iso,
  url: z.string(),
});

export const ticketEvent = z.object({
  id,
  kind: z.string(),
  actor: personRef.nullable(),
  detail: z.record(z.string(), z.unknown()),
  createdAt: iso,
});

export const ticketDetail = ticketSummary.extend({
  description: z.string(),
  descriptionHtml: z.string(),
  products: z.array(ticketProduct),
  firmwareVersion: z.string(),
  siteName: z.string(),
  replies: z.array(reply),
  attachments: z.array(attachment),
  events: z.array(ticketEvent),
  knownProblem: z.object({ id, title: z.string(), workaround: z.string(), fixVersion: z.string().nullable() }).nullable(),
  mergedInto: z.object({ id, number: z.number().int() }).nullable(),
  merged: z.array(z.object({ id, number: z.number().int(), subject: z.string() })),
  rmas: z.array(z.object({ id, number: z.number().int(), serial: z.string(), status: z.string() })),
  resolvedAt: iso.nullable(),
  closedAt: iso.nullable(),
  reopenableUntil: iso.nullable().describe("A resolved ticket can be reopened until then"),
  allowedStatuses: z.array(z.enum(ticketStatuses)).describe("The statuses this viewer may move the ticket to"),
});

export const savedViewInput = z
  .object({
    name: z.string().trim().min(1).max(80),
    filters: ticketQuery.omit({ cursor: true, limit: true }).partial(),
  })
  .strict();
export const savedView = z.object({ id, name: z.string(), filters: z.record(z.string(), z.unknown()), createdAt: iso });

export const articleFromTicketInput = z
  .object({
    title: z.string().trim().min(3).max(200).optional().describe("Default: the ticket's subject"),
  })
  .strict();

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "must be a time as HH:MM");
export const workingPeriod = z.object({ start: hhmm, end: hhmm }).strict();
export const calendarInput = z
  .object({
    timeZone: z.string().min(1).max(64).describe("IANA time zone, e.g. Europe/Berlin"),
    week: z
      .object({
        1: z.array(workingPeriod).max(6).default([]),
        2: z.array(workingPeriod).max(6).default([]),
        3: z.array(workingPeriod).max(6).default([]),
        4: z.array(workingPeriod).max(6).default([]),
        5: z.array(workingPeriod).max(6).default([]),
        6: z.array(workingPeriod).max(6).default([]),
        7: z.array(workingPeriod).max(6).default([]),
      })
      .strict()
      .describe("Working periods per ISO weekday (1 = Monday), local time"),
    holidays: z
      .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD"))
      .max(400)
      .default([]),
  })
  .strict();

export const supportSettingsInput = z
  .object({
    costPerHourMinor: z.number().int().min(0).max(100_000_000).describe("Cost of one support hour, in minor units"),
    currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR"),
    capacityHoursPerMonth: z.number().int().min(0).max(1_000_000),
    reopenWindowDays: z.number().int().min(0).max(365),
    warnBeforeMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .describe("Warn the assignee and team lead this many business minutes before a breach"),
    teamLeadId: id.nullable(),
    autoAssign: z.boolean().describe("Assign new tickets round-robin among the agents covering the product family"),
    calendar: calendarInput,
  })
  .partial()
  .strict();

export const supportSettings = z.object({
  costPerHourMinor: z.number().int(),
  currency: z.string(),
  capacityHoursPerMonth: z.number().int(),
  reopenWindowDays: z.number().int(),
  warnBeforeMinutes: z.number().int(),
  teamLeadId: id.nullable(),
  autoAssign: z.boolean(),
  calendar: calendarInput,
  updatedAt: iso,
});

export const slaPolicyRow = z
  .object({
    tierId: id.nullable().describe("null: the default for tiers without their own policy"),
    severity: z.enum(ticketSeverities),
    firstResponseMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 60),
    resolutionMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 60),
  })
  .strict();
export const slaPoliciesInput = z.object({ policies: z.array(slaPolicyRow).max(400) }).strict();
export const slaPolicies = z.object({ policies: z.array(slaPolicyRow) });

export const allowanceInput = z
  .object({ allowances: z.array(z.object({ tierId: id, hoursPerMonth: z.number().int().min(0).max(100_000).nullable() }).strict()).max(100) })
  .strict();

export const allowances = z.object({
  allowances: z.array(z.object({ tierId: id, tierName: z.string(), hoursPerMonth: z.number().int().nullable() })),
});

export const agentCoverage = z.object({
  userId: id,
  name: z.string(),
  email: z.string(),
  role: z.string(),
  familyIds: z.array(id),
  openTickets: z.number().int(),
});
export const coverageInput = z.object({ familyIds: z.array(id).max(100) }).strict();

export const monthQuery = z
  .object({
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month as YYYY-MM")
      .optional()
      .describe("Default: this month"),
  })
  .strict();

export const partnerConsumption = z.object({
  partnerId: id,
  partnerName: z.string(),
  tierName: z.string().nullable(),
  minutes: z.number().int(),
  hours: z.number(),
  costMinor: z.number().int(),
  allowanceHours: z.number().int().nullable(),
  overAllowance: z.boolean(),
  ticketsOpened: z.number().int(),
});
export const consumption = z.object({
  month: z.string(),
  currency: z.string(),
  costPerHourMinor: z.number().int(),
  capacityHours: z.number().int(),
  usedHours: z.number(),
  usedShare: z.number().describe("usedHours / capacityHours; 0 when no capacity is set"),
  costMinor: z.number().int(),
  partnersOverAllowance: z.number().int(),
  partners: z.array(partnerConsumption),
});

export const idParams = z.object({ id });
export const attachmentParams = z.object({ id, attachmentId: id });
