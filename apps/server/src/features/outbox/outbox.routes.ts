import { z } from "zod";
import { policy } from "../../platform/access/policy.js";
import { pageQuery, pageSchema } from "../../platform/http/pagination.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import { getMailMessage, listMailMessages } from "./outbox.service.js";

const tags = ["admin"];
const summaryShape = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  transport: z.enum(["smtp", "outbox"]),
  status: z.enum(["sent", "written", "failed"]),
  error: z.string().nullable(),
  createdAt: z.string(),
});
const read = { policy: policy.permission("outbox:read") };

export const outboxRoutes: RouteRegistrar = (app, ctx) => {
  app.get(
    "/api/v1/admin/outbox",
    {
      config: read,
      schema: {
        tags,
        summary: "Every message the system sent or wrote to the outbox, newest first",
        querystring: z.object({ ...pageQuery, to: z.string().max(254).optional() }),
        response: { 200: pageSchema(summaryShape) },
      },
    },
    async (request) => listMailMessages(ctx, request.query),
  );
  app.get(
    "/api/v1/admin/outbox/:id",
    {
      config: read,
      schema: {
        tags,
        summary: "One message with its body",
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: summaryShape.extend({ textBody: z.string(), htmlBody: z.string().nullable() }) },
      },
    },
    async (request) => getMailMessage(ctx, request.params.id),
  );
};
