import { expect } from "vitest";
import type { as, TestApp } from "./harness.js";

/** Helpers shared by the support-desk api tests: tickets opened and worked through the HTTP API. */
export type Client = ReturnType<typeof as>;

export interface SlaJson {
  state: string | null;
  firstResponseTarget: number | null;
  resolutionTarget: number | null;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  firstResponseAt: string | null;
  elapsedMinutes: number;
  remainingMinutes: number | null;
  paused: boolean;
  firstResponseBreached: boolean;
  resolutionBreached: boolean;
}

export interface TicketJson {
  id: string;
  number: number;
  subject: string;
  status: string;
  severity: string;
  partner: { id: string; name: string; tierName: string | null };
  requester: { id: string; name: string };
  assignee: { id: string; name: string } | null;
  sla: SlaJson;
  minutesLogged: number;
  replyCount: number;
  createdAt: string;
  replies: { id: string; internal: boolean; body: string; minutes: number | null; author: { id: string; side: string } }[];
  attachments: { id: string; internal: boolean; fileName: string; contentType: string; url: string }[];
  events: { kind: string; detail: Record<string, unknown> }[];
  products: { productId: string; serials: string[] }[];
  knownProblem: { id: string; title: string } | null;
  mergedInto: { id: string; number: number } | null;
  merged: { id: string; number: number; subject: string }[];
  resolvedAt: string | null;
  closedAt: string | null;
  reopenableUntil: string | null;
  allowedStatuses: string[];
  [key: string]: unknown;
}

const allDay = [{ start: "00:00", end: "24:00" }];
/** Every minute is a business minute: due times are creation + target, whatever day the tests run. */
export const alwaysOpenCalendar = {
  timeZone: "UTC",
  week: { 1: allDay, 2: allDay, 3: allDay, 4: allDay, 5: allDay, 6: allDay, 7: allDay },
  holidays: [],
};

export async function putSupportSettings(admin: Client, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const saved = await admin.put("/api/v1/support/settings", input);
  expect(saved.statusCode, saved.body).toBe(200);
  return saved.json();
}

export async function openTicket(client: Client, input: Record<string, unknown> = {}): Promise<TicketJson> {
  const created = await client.post("/api/v1/support/tickets", {
    subject: "Camera drops off the network",
    description: "It stops answering after an hour.",
    category: "configuration",
    severity: "P3",
    ...input,
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json();
}

export async function getTicket(client: Client, id: string): Promise<TicketJson> {
  const detail = await client.get(`/api/v1/support/tickets/${id}`);
  expect(detail.statusCode, detail.body).toBe(200);
  return detail.json();
}

export async function replyTo(client: Client, id: string, input: Record<string, unknown>): Promise<TicketJson> {
  const replied = await client.post(`/api/v1/support/tickets/${id}/replies`, input);
  expect(replied.statusCode, replied.body).toBe(201);
  return replied.json();
}

export async function setStatus(client: Client, id: string, status: string, note?: string): Promise<TicketJson> {
  const changed = await client.post(`/api/v1/support/tickets/${id}/status`, note === undefined ? { status } : { status, note });
  expect(changed.statusCode, changed.body).toBe(200);
  return changed.json();
}

/** The ids of one page of the queue for this query string (no leading `?`). */
export async function queueIds(client: Client, query = ""): Promise<string[]> {
  const listed = await client.get(`/api/v1/support/tickets?limit=200${query ? `&${query}` : ""}`);
  expect(listed.statusCode, listed.body).toBe(200);
  return (listed.json() as { items: { id: string }[] }).items.map((item) => item.id);
}

export function mailsTo(app: TestApp, to: string) {
  return app.ctx.db.selectFrom("mail_messages").selectAll().where("to_address", "=", to).orderBy("id").execute();
}

export async function mailCount(app: TestApp): Promise<number> {
  const row = await app.ctx.db
    .selectFrom("mail_messages")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
