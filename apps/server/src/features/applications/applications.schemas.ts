import { applicationStatuses, regions } from "@trellis/shared";
import { z } from "zod";
import { pageQuery, pageSchema } from "../../platform/http/pagination.js";
import { email } from "../auth/auth.schemas.js";

const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => text(max).min(1);
const region = z.enum(regions, { error: `must be one of: ${regions.join(", ")}` });
/** What the applicant sells or installs: short labels such as "IP cameras" or "Retail". */
const labels = z.array(required(80)).max(30).default([]);

const person = { name: required(200), email, phone: text(40).default("") };

export const money = z
  .object({
    amountMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe("Minor units (cents)"),
    currency: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{3}$/, { message: "must be a 3-letter currency code" })
      .transform((c) => c.toUpperCase()),
  })
  .strict();

export const applicationInput = z
  .object({
    companyName: required(200),
    legalName: required(200),
    website: z.union([z.literal(""), z.url({ protocol: /^https?$/, message: "must be an http(s) URL or empty" }).max(300)]).default(""),
    country: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2}$/, { message: "must be a 2-letter country code" })
      .transform((c) => c.toUpperCase()),
    region,
    city: text(120).default(""),
    principal: z.object(person).strict(),
    contacts: z
      .array(z.object({ ...person, role: text(80).default("") }).strict())
      .max(10)
      .default([]),
    regions: z.array(region).min(1, { message: "name at least one region you serve" }).max(regions.length),
    sells: labels,
    installs: labels,
    expectedAnnualVolume: money,
    message: text(5000).default(""),
  })
  .strict();

export const contact = z.object({ name: z.string(), email: z.string(), phone: z.string(), role: z.string() });

export const application = z.object({
  id: z.string(),
  companyName: z.string(),
  legalName: z.string(),
  website: z.string(),
  country: z.string(),
  region: z.string(),
  city: z.string(),
  principal: z.object({ name: z.string(), email: z.string(), phone: z.string() }),
  contacts: z.array(contact),
  regions: z.array(z.string()),
  sells: z.array(z.string()),
  installs: z.array(z.string()),
  expectedAnnualVolume: z.object({ amountMinor: z.number().int(), currency: z.string() }),
  message: z.string(),
  status: z.enum(applicationStatuses),
  decidedBy: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  overrideReason: z.string().nullable(),
  partnerId: z.string().nullable(),
  createdAt: z.string(),
});

export const submitted = z.object({ id: z.string(), status: z.enum(applicationStatuses) });

export const applicationQuery = z.object({
  ...pageQuery,
  status: z.enum(applicationStatuses).optional(),
  q: z.string().trim().max(200).optional().describe("Matches company, legal name, principal name or email"),
});

export const applicationPage = pageSchema(application);

export const approveBody = z
  .object({
    tierId: z.string().min(1).max(64).optional(),
    channelManagerId: z.string().min(1).max(64).optional(),
    overrideReason: z
      .string()
      .trim()
      .min(10, { message: "give a reason of at least 10 characters" })
      .max(1000)
      .optional()
      .describe("Vendor admin only: approve although the supported partner capacity is reached"),
  })
  .strict();

export const approved = z.object({ application, partnerId: z.string() });

export const declineBody = z.object({ reason: z.string().trim().min(5, { message: "must be at least 5 characters" }).max(2000) }).strict();

export type ApplicationInput = z.infer<typeof applicationInput>;
export type Application = z.infer<typeof application>;
export type ApplicationQuery = z.infer<typeof applicationQuery>;
export type ApproveBody = z.infer<typeof approveBody>;
export type DeclineBody = z.infer<typeof declineBody>;
