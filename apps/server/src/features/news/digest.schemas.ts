import { digestStatuses } from "@trellis/shared";
import { z } from "zod";
import { pageQuery, pageSchema } from "../../platform/http/pagination.js";

export const digestListQuery = z.object({ status: z.enum(digestStatuses).optional(), ...pageQuery }).strict();

export const digestListItem = z.object({
  id: z.string(),
  userId: z.string(),
  userName: z.string(),
  email: z.string(),
  partnerId: z.string().nullable(),
  partnerName: z.string().nullable(),
  dueAt: z.string(),
  postCount: z.number().int(),
  status: z.enum(digestStatuses),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable().describe("When a pending digest is (re)tried"),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});

export const digestPage = pageSchema(digestListItem);

export const digestRun = z.object({
  preferencesCreated: z.number().int(),
  batches: z.number().int(),
  claimed: z.number().int(),
  stored: z.number().int(),
  empty: z.number().int(),
  lost: z.number().int(),
  attempted: z.number().int(),
  sent: z.number().int(),
  retrying: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  recovered: z.number().int(),
});

export type DigestListItem = z.infer<typeof digestListItem>;
export type DigestRun = z.infer<typeof digestRun>;
