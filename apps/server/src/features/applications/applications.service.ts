import type { Kysely } from "kysely";
import { nowIso } from "../../db/dialect.js";
import type { ApplicationTable, Database } from "../../db/types.js";
import type { AuthenticatedActor } from "../../platform/access/actor.js";
import { recordAudit } from "../../platform/audit/audit.js";
import type { AppContext } from "../../platform/context.js";
import { decodeCursor, type Page, toPage } from "../../platform/http/pagination.js";
import { conflict, notFound } from "../../platform/http/problem.js";
import { uuidv7 } from "../../platform/ids.js";
import { notify } from "../notifications/notifications.service.js";
import { createPartnerRecord } from "../partners/partners.service.js";
import { getVendorSettings } from "../settings/settings.service.js";
import { inviteUser, sendInvitationEmail } from "../users/users.service.js";
import {
  findApplicationPage,
  findApplicationRow,
  findReviewerIds,
  insertApplication,
  lockApplicationRow,
  pendingApplicationFor,
  updateApplicationRow,
} from "./applications.repository.js";
import type { Application, ApplicationInput, ApplicationQuery, ApproveBody, DeclineBody } from "./applications.schemas.js";

const parseList = <T>(json: string): T[] => JSON.parse(json) as T[];

function toApplication(row: ApplicationTable & { decided_by_name?: string | null }): Application {
  return {
    id: row.id,
    companyName: row.company_name,
    legalName: row.legal_name,
    website: row.website,
    country: row.country,
    region: row.region,
    city: row.city,
    principal: { name: row.principal_name, email: row.principal_email, phone: row.principal_phone },
    contacts: parseList(row.contacts),
    regions: parseList(row.regions),
    sells: parseList(row.sells),
    installs: parseList(row.installs),
    expectedAnnualVolume: { amountMinor: Number(row.expected_annual_volume_minor), currency: row.currency },
    message: row.message,
    status: row.status,
    decidedBy: row.decided_by,
    decidedByName: row.decided_by_name ?? null,
    decidedAt: row.decided_at,
    decisionReason: row.decision_reason,
    overrideReason: row.override_reason,
    partnerId: row.partner_id,
    createdAt: row.created_at,
  };
}

const duplicateEmail = (email: string) => conflict(`${email} already has a pending application; we will answer it soon`, "duplicate_email");

/** The public form: stores the application (audited as "public") and mails the principal a receipt. */
export async function submitApplication(ctx: AppContext, input: ApplicationInput, requestId: string): Promise<{ id: string; status: "pending" }> {
  const row: ApplicationTable = {
    id: uuidv7(),
    company_name: input.companyName,
    legal_name: input.legalName,
    website: input.website,
    country: input.country,
    region: input.region,
    city: input.city,
    principal_name: input.principal.name,
    principal_email: input.principal.email,
    principal_phone: input.principal.phone,
    contacts: JSON.stringify(input.contacts),
    regions: JSON.stringify(input.regions),
    sells: JSON.stringify(input.sells),
    installs: JSON.stringify(input.installs),
    expected_annual_volume_minor: input.expectedAnnualVolume.amountMinor,
    currency: input.expectedAnnualVolume.currency,
    message: input.message,
    status: "pending",
    decided_by: null,
    decided_at: null,
    decision_reason: null,
    override_reason: null,
    partner_id: null,
    created_at: nowIso(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    // A pending duplicate is refused; an email that already has an account is NOT (the public
    // form must not tell who has an account): approval refuses it, and the reviewer sees why.
    if (await pendingApplicationFor(trx, row.principal_email)) throw duplicateEmail(row.principal_email);
    await insertApplication(trx, row);
    await recordAudit(
      trx,
      null,
      { action: "application.submit", entityType: "application", entityId: row.id, partnerId: null, after: toApplication(row) },
      requestId,
    );
  });
  const { vendorName } = await getVendorSettings(ctx.db);
  await ctx.mailer.send({
    to: row.principal_email,
    subject: `We received your partner application to ${vendorName}`,
    text: `Hello ${row.principal_name},\n\nThank you for applying to become a ${vendorName} partner. We received the application for ${row.company_name} and our channel team will review it. We will write to you at this address once we have decided.\n\nReference: ${row.id}\n`,
  });
  await notify(ctx, {
    userIds: await findReviewerIds(ctx.db),
    kind: "application_submitted",
    title: `New partner application: ${row.company_name}`,
    body: `${row.principal_name} applied for ${row.company_name} (${row.city}, ${row.country}).`,
    link: `/applications/${row.id}`,
    sourceType: "application",
    sourceId: row.id,
  });
  return { id: row.id, status: "pending" };
}

export async function listApplications(db: Kysely<Database>, query: ApplicationQuery): Promise<Page<Application>> {
  const cursor = decodeCursor(query.cursor, 2);
  const after = cursor ? { createdAt: String(cursor[0]), id: String(cursor[1]) } : undefined;
  const rows = await findApplicationPage(db, query, query.limit, after);
  const page = toPage(rows, query.limit, (r) => [r.created_at, r.id]);
  return { items: page.items.map(toApplication), nextCursor: page.nextCursor };
}

export async function getApplication(db: Kysely<Database>, id: string): Promise<Application> {
  const row = await findApplicationRow(db, id);
  if (!row) throw notFound("Application");
  return toApplication(row);
}

/** The pending application, locked for the decision; anything else is 404 or 409. */
async function pendingForDecision(db: Kysely<Database>, id: string): Promise<ApplicationTable> {
  const row = await lockApplicationRow(db, id);
  if (!row) throw notFound("Application");
  if (row.status !== "pending") throw conflict(`This application was already ${row.status}`, "invalid_state");
  return row;
}

const decidedBy = (actor: AuthenticatedActor) => (actor.kind === "user" ? actor.userId : null);

/**
 * One transaction: the partner (active; its capacity check may refuse with 422 and undo
 * everything), the principal invited as partner admin, the decision. The invitation mail
 * goes out only after the commit.
 */
export async function approveApplication(
  ctx: AppContext,
  actor: AuthenticatedActor,
  id: string,
  input: ApproveBody,
  requestId: string,
): Promise<{ application: Application; partnerId: string }> {
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const before = await pendingForDecision(trx, id);
    const partner = await createPartnerRecord(
      trx,
      actor,
      {
        name: before.company_name,
        legalName: before.legal_name,
        addressLine1: "",
        addressLine2: "",
        city: before.city,
        postalCode: "",
        country: before.country,
        region: before.region,
        territory: "",
        website: before.website,
        phone: before.principal_phone,
        status: "active",
        tierId: input.tierId,
        channelManagerId: input.channelManagerId,
        overrideReason: input.overrideReason,
      },
      requestId,
    );
    const invited = await inviteUser(
      trx,
      actor,
      { email: before.principal_email, name: before.principal_name, role: "partner_admin", partnerId: partner.id },
      requestId,
      ctx.config.invitationDays,
    );
    const decision = {
      status: "approved" as const,
      decided_by: decidedBy(actor),
      decided_at: nowIso(),
      partner_id: partner.id,
      override_reason: input.overrideReason ?? null,
    };
    await updateApplicationRow(trx, id, decision);
    await recordAudit(
      trx,
      actor,
      {
        action: "application.approve",
        entityType: "application",
        entityId: id,
        partnerId: partner.id,
        before: { status: before.status },
        after: decision,
      },
      requestId,
    );
    return { row: { ...before, ...decision }, token: invited.token };
  });
  const row = outcome.row;
  await sendInvitationEmail(ctx, {
    email: row.principal_email,
    name: row.principal_name,
    partnerName: row.company_name,
    role: "partner_admin",
    token: outcome.token,
    invitedBy: actor.name,
  });
  return { application: toApplication({ ...row, decided_by_name: actor.name }), partnerId: outcome.row.partner_id };
}

/** Declines with a reason that the principal receives by mail, after the commit. */
export async function declineApplication(
  ctx: AppContext,
  actor: AuthenticatedActor,
  id: string,
  input: DeclineBody,
  requestId: string,
): Promise<Application> {
  const row = await ctx.db.transaction().execute(async (trx) => {
    const before = await pendingForDecision(trx, id);
    const decision = { status: "declined" as const, decided_by: decidedBy(actor), decided_at: nowIso(), decision_reason: input.reason };
    await updateApplicationRow(trx, id, decision);
    await recordAudit(
      trx,
      actor,
      { action: "application.decline", entityType: "application", entityId: id, partnerId: null, before: { status: before.status }, after: decision },
      requestId,
    );
    return { ...before, ...decision };
  });
  const { vendorName } = await getVendorSettings(ctx.db);
  await ctx.mailer.send({
    to: row.principal_email,
    subject: `Your partner application to ${vendorName}`,
    text: `Hello ${row.principal_name},\n\nThank you for your interest in becoming a ${vendorName} partner and for the time you took to apply on behalf of ${row.company_name}. After careful review we are not able to accept the application at this time.\n\nThe reason: ${row.decision_reason}\n\nCircumstances change, and you are welcome to apply again in the future.\n\nKind regards,\nThe ${vendorName} channel team\n`,
  });
  return toApplication({ ...row, decided_by_name: actor.name });
}
