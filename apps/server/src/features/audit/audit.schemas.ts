import { z } from "zod";
import { pageQuery, pageSchema } from "../../platform/http/pagination.js";

export const auditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorLabel: z.string(),
  actorUserId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  partnerId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
});

export const auditQuery = z.object({
  ...pageQuery,
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  partnerId: z.string().max(64).optional(),
  actorUserId: z.string().max(64).optional(),
  action: z.string().max(64).optional().describe("Exact action, or a prefix ending in '.' such as 'partner.'"),
  // Normalised to the stored form (milliseconds, Z), so text comparison on SQLite is exact.
  from: z.iso.datetime({ offset: true }).transform(toStoredIso).optional(),
  to: z.iso.datetime({ offset: true }).transform(toStoredIso).optional(),
});

function toStoredIso(value: string): string {
  return new Date(value).toISOString();
}

export const auditPage = pageSchema(auditEntry);
export type AuditEntry = z.infer<typeof auditEntry>;
export type AuditQuery = z.infer<typeof auditQuery>;
