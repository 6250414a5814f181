import { z } from "zod";
import { actorOf } from "../../platform/access/access.plugin.js";
import { isPartnerActor } from "../../platform/access/actor.js";
import { policy } from "../../platform/access/policy.js";
import { sendStoredFile } from "../../platform/http/send-file.js";
import type { RouteRegistrar } from "../../platform/http/typed-app.js";
import {
  addReply,
  articleFromTicket,
  attachmentFile,
  listSavedViews,
  mergeTicket,
  removeView,
  saveView,
  uploadAttachment,
} from "./replies.service.js";
import {
  agentCoverage,
  allowanceInput,
  allowances,
  articleFromTicketInput,
  attachment,
  attachmentParams,
  consumption,
  coverageInput,
  idParams,
  mergeInput,
  monthQuery,
  replyInput,
  savedView,
  savedViewInput,
  slaPolicies,
  slaPoliciesInput,
  statusChange,
  supportSettings,
  supportSettingsInput,
  ticketDetail,
  ticketInput,
  ticketPage,
  ticketPatch,
  ticketQuery,
} from "./support.schemas.js";
import { currentMonth, supportConsumption } from "./support-cost.service.js";
import {
  findPartnerTierFor,
  getSupportSettings,
  listAgentCoverage,
  listSlaPolicies,
  listTierAllowances,
  replaceSlaPolicyTable,
  setAgentCoverage,
  setTierAllowances,
  updateSupportSettings,
} from "./support-settings.service.js";
import { changeStatus, updateTicket } from "./ticket-changes.service.js";
import { getTicketDetail } from "./ticket-detail.service.js";
import { createTicket, listTickets } from "./tickets.service.js";

const tags = ["support"];
const read = { policy: policy.permission("support:read") };
const open = { policy: policy.permission("support:open") };
const work = { policy: policy.permission("support:work") };
const configure = { policy: policy.permission("support:configure") };
const analytics = { policy: policy.permission("support:analytics") };
const userParams = z.object({ userId: z.string().min(1).max(64) });
const fileResponse = "The file's bytes; 206 for a Range request, 416 for an unsatisfiable one";

export const supportRoutes: RouteRegistrar = (app, ctx) => {
  app.get(
    "/api/v1/support/tickets",
    {
      config: read,
      schema: {
        tags,
        summary: "The agent queue, or a partner's own tickets",
        description: "Default: active tickets (not resolved or closed), ordered by the next SLA due time.",
        querystring: ticketQuery,
        response: { 200: ticketPage },
      },
    },
    async (request) => listTickets(ctx, actorOf(request), request.query),
  );
  app.post(
    "/api/v1/support/tickets",
    { config: open, schema: { tags, summary: "Open a ticket (partner staff)", body: ticketInput, response: { 201: ticketDetail } } },
    async (request, reply) => reply.status(201).send(await createTicket(ctx, actorOf(request), request.body, request.id)),
  );
  app.get(
    "/api/v1/support/tickets/:id",
    { config: read, schema: { tags, summary: "One ticket; partners never see internal notes", params: idParams, response: { 200: ticketDetail } } },
    async (request) => getTicketDetail(ctx, actorOf(request), request.params.id),
  );
  app.patch(
    "/api/v1/support/tickets/:id",
    {
      config: work,
      schema: {
        tags,
        summary: "Change severity, category, assignee or the known-problem link",
        params: idParams,
        body: ticketPatch,
        response: { 200: ticketDetail },
      },
    },
    async (request) => updateTicket(ctx, actorOf(request), request.params.id, request.body, request.id),
  );
  app.post(
    "/api/v1/support/tickets/:id/status",
    {
      config: read,
      schema: {
        tags,
        summary: "Change the status (partners: resolve, or reopen within the window)",
        params: idParams,
        body: statusChange,
        response: { 200: ticketDetail },
      },
    },
    async (request) => changeStatus(ctx, actorOf(request), request.params.id, request.body, request.id),
  );
  app.post(
    "/api/v1/support/tickets/:id/replies",
    {
      config: read,
      schema: {
        tags,
        summary: "Reply publicly, or (agents) add an internal note; agents log minutes",
        params: idParams,
        body: replyInput,
        response: { 201: ticketDetail },
      },
    },
    async (request, reply) => reply.status(201).send(await addReply(ctx, actorOf(request), request.params.id, request.body, request.id)),
  );
  app.post(
    "/api/v1/support/tickets/:id/merge",
    {
      config: work,
      schema: {
        tags,
        summary: "Close this duplicate into another ticket of the same partner",
        params: idParams,
        body: mergeInput,
        response: { 200: ticketDetail },
      },
    },
    async (request) => mergeTicket(ctx, actorOf(request), request.params.id, request.body, request.id),
  );
  app.post(
    "/api/v1/support/tickets/:id/attachments",
    {
      config: read,
      schema: {
        tags,
        summary: "Attach a file (multipart field 'file'; optional 'replyId', and 'internal'='true' for agents)",
        description:
          "Logs (plain text or zip/gzip/7z/tar/xz), images, PDFs, office documents and short videos. Executables, HTML and SVG: 415. Over the limit: 413.",
        consumes: ["multipart/form-data"],
        params: idParams,
        response: { 201: attachment },
      },
    },
    async (request, reply) => reply.status(201).send(await uploadAttachment(ctx, actorOf(request), request.params.id, request)),
  );
  app.get(
    "/api/v1/support/tickets/:id/attachments/:attachmentId",
    { config: read, schema: { tags, summary: "Download an attachment", description: fileResponse, params: attachmentParams } },
    async (request, reply) => {
      const file = await attachmentFile(ctx, actorOf(request), request.params.id, request.params.attachmentId);
      return sendStoredFile(request, reply, ctx.storage, file);
    },
  );
  app.post(
    "/api/v1/support/tickets/:id/article",
    {
      config: work,
      schema: {
        tags,
        summary: "Create a draft knowledge-base article from this ticket",
        params: idParams,
        body: articleFromTicketInput,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await articleFromTicket(ctx, actorOf(request), request.params.id, request.body, request.id)),
  );

  app.get(
    "/api/v1/support/views",
    { config: work, schema: { tags, summary: "My saved queue views", response: { 200: z.array(savedView) } } },
    async (request) => listSavedViews(ctx, actorOf(request)),
  );
  app.post(
    "/api/v1/support/views",
    { config: work, schema: { tags, summary: "Save the queue's filters under a name", body: savedViewInput, response: { 201: savedView } } },
    async (request, reply) => reply.status(201).send(await saveView(ctx, actorOf(request), request.body)),
  );
  app.delete(
    "/api/v1/support/views/:id",
    { config: work, schema: { tags, summary: "Delete one of my saved views", params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await removeView(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/v1/support/settings",
    { config: work, schema: { tags, summary: "Cost per hour, capacity, reopen window, business calendar", response: { 200: supportSettings } } },
    async () => getSupportSettings(ctx.db),
  );
  app.put(
    "/api/v1/support/settings",
    {
      config: configure,
      schema: { tags, summary: "Change the desk's settings (only the fields sent)", body: supportSettingsInput, response: { 200: supportSettings } },
    },
    async (request) => updateSupportSettings(ctx, actorOf(request), request.body, request.id),
  );
  app.get(
    "/api/v1/support/sla-policies",
    { config: read, schema: { tags, summary: "SLA targets by tier and severity (partners: their tier's)", response: { 200: slaPolicies } } },
    async (request) => {
      const actor = actorOf(request);
      if (!isPartnerActor(actor)) return { policies: await listSlaPolicies(ctx.db) };
      return { policies: await listSlaPolicies(ctx.db, await findPartnerTierFor(ctx.db, actor.partnerId)) };
    },
  );
  app.put(
    "/api/v1/support/sla-policies",
    { config: configure, schema: { tags, summary: "Replace the SLA policy table", body: slaPoliciesInput, response: { 200: slaPolicies } } },
    async (request) => ({ policies: await replaceSlaPolicyTable(ctx, actorOf(request), request.body, request.id) }),
  );
  app.get(
    "/api/v1/support/allowances",
    { config: work, schema: { tags, summary: "Each tier's monthly support allowance (hours; null: none)", response: { 200: allowances } } },
    async () => listTierAllowances(ctx.db),
  );
  app.put(
    "/api/v1/support/allowances",
    {
      config: configure,
      schema: { tags, summary: "Set tiers' monthly support allowances (hours; null: none)", body: allowanceInput, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await setTierAllowances(ctx, actorOf(request), request.body, request.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    "/api/v1/support/agents",
    { config: work, schema: { tags, summary: "Support agents with the product families they cover", response: { 200: z.array(agentCoverage) } } },
    async () => listAgentCoverage(ctx.db),
  );
  app.put(
    "/api/v1/support/agents/:userId/coverage",
    {
      config: configure,
      schema: {
        tags,
        summary: "Set the product families an agent covers",
        params: userParams,
        body: coverageInput,
        response: { 200: agentCoverage },
      },
    },
    async (request) => setAgentCoverage(ctx, actorOf(request), request.params.userId, request.body.familyIds, request.id),
  );
  app.get(
    "/api/v1/support/consumption",
    {
      config: analytics,
      schema: {
        tags,
        summary: "Support hours and cost this month: capacity used, partners against their allowance",
        querystring: monthQuery,
        response: { 200: consumption },
      },
    },
    async (request) => supportConsumption(ctx, request.query.month ?? currentMonth()),
  );
};
