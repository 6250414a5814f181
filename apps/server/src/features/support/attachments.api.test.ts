import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { tinyPng } from "../../testing/library.js";
import { type MultipartFile, multipartBody } from "../../testing/multipart.js";
import { type Client, getTicket, openTicket, replyTo, setStatus } from "../../testing/tickets.js";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function attach(client: Client, ticketId: string, file: MultipartFile, fields: Record<string, string> = {}) {
  const { body, headers } = multipartBody(fields, file);
  return client.post(`/api/v1/support/tickets/${ticketId}/attachments`, body, headers);
}

describe.each(testEngines)("support attachments on %s", (engine) => {
  let app: TestApp;
  let agent: Client;
  let tech: Client;

  beforeAll(async () => {
    app = await createTestApp(engine);
    agent = (await signedIn(app, "support_agent")).client;
    tech = (await signedIn(app, "technician", (await createPartner(app)).id)).client;
  });
  afterAll(async () => app.close());

  it("takes a plain UTF-8 log as text/plain and always downloads it as an attachment", async () => {
    const ticket = await openTicket(tech);
    const log = Buffer.from("2031-05-02 02:00:01 Gerät startet neu ✓\n2031-05-02 02:00:07 RTSP session 3 closed (timeout)\n");
    const uploaded = await attach(tech, ticket.id, { bytes: log, fileName: "../../var/log/boot.log", contentType: "application/octet-stream" });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(uploaded.json()).toMatchObject({ contentType: "text/plain", size: log.length, internal: false, replyId: null, fileName: "boot.log" });

    const download = await agent.get(uploaded.json().url);
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toContain("text/plain");
    expect(String(download.headers["content-disposition"])).toMatch(/^attachment;/);
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
    expect(download.rawPayload.equals(log)).toBe(true);
    expect((await getTicket(tech, ticket.id)).attachments).toEqual([expect.objectContaining({ id: uploaded.json().id, fileName: "boot.log" })]);
  });

  it("shows an image inline, on a reply of the ticket", async () => {
    const ticket = await openTicket(tech);
    const replied = await replyTo(agent, ticket.id, { body: "Send a screenshot please" });
    const replyId = replied.replies[0]?.id as string;
    const uploaded = await attach(tech, ticket.id, { bytes: tinyPng, fileName: "screen.png", contentType: "image/png" }, { replyId });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(uploaded.json()).toMatchObject({ contentType: "image/png", replyId });
    const download = await tech.get(uploaded.json().url);
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toBe("image/png");
    expect(String(download.headers["content-disposition"])).toMatch(/^inline;/);
    expect(download.rawPayload.equals(tinyPng)).toBe(true);

    // A partner cannot hang a file on an internal note, nor on another ticket's reply; its 'internal' flag is ignored.
    const note = await replyTo(agent, ticket.id, { body: "internal", internal: true });
    const noteId = note.replies.find((reply) => reply.internal)?.id as string;
    const onNote = await attach(tech, ticket.id, { bytes: Buffer.from("x\n"), fileName: "a.txt" }, { replyId: noteId });
    expect(onNote.statusCode).toBe(400);
    // Refused before the bytes are stored.
    expect(await app.ctx.storage.exists(sha256(Buffer.from("x\n")))).toBe(false);
    const elsewhere = await openTicket(tech);
    const onOther = await attach(tech, elsewhere.id, { bytes: Buffer.from("y\n"), fileName: "b.txt" }, { replyId });
    expect(onOther.statusCode).toBe(400);
    const flagged = await attach(tech, ticket.id, { bytes: Buffer.from("z\n"), fileName: "c.txt" }, { internal: "true" });
    expect(flagged.json().internal).toBe(false);
  });

  it("refuses executables and HTML with 415, and stores nothing", async () => {
    const ticket = await openTicket(tech);
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0x90), Buffer.from("This program cannot be run in DOS mode")]);
    const html = Buffer.from("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>");
    for (const [bytes, fileName] of [
      [exe, "update.log"],
      [html, "report.txt"],
    ] as const) {
      const refused = await attach(tech, ticket.id, { bytes, fileName, contentType: "text/plain" });
      expect(refused.statusCode, fileName).toBe(415);
      expect(refused.headers["content-type"]).toContain("application/problem+json");
      expect(await app.ctx.storage.exists(sha256(bytes))).toBe(false);
    }
    expect((await getTicket(agent, ticket.id)).attachments).toEqual([]);
    expect(await readdir(join(app.ctx.config.dataDir, "tmp"))).toEqual([]);
  });

  it("refuses a file on a closed ticket", async () => {
    const ticket = await openTicket(tech);
    await setStatus(agent, ticket.id, "closed");
    const late = await attach(tech, ticket.id, { bytes: Buffer.from("too late\n"), fileName: "late.log" });
    expect(late.statusCode).toBe(422);
    expect(late.json().code).toBe("ticket_closed");
  });

  it("answers 413 over SUPPORT_MAX_FILE_BYTES and stores nothing", async () => {
    const limited = await createTestApp(engine, { SUPPORT_MAX_FILE_BYTES: "1000" });
    try {
      const technician = (await signedIn(limited, "technician", (await createPartner(limited)).id)).client;
      const ticket = await openTicket(technician);
      const small = await attach(technician, ticket.id, { bytes: Buffer.from("short log\n".repeat(50)), fileName: "small.log" });
      expect(small.statusCode, small.body).toBe(201);
      const big = Buffer.from("a long log line\n".repeat(200));
      const tooBig = await attach(technician, ticket.id, { bytes: big, fileName: "big.log" });
      expect(tooBig.statusCode).toBe(413);
      expect(tooBig.json().code).toBe("payload_too_large");
      expect(await limited.ctx.storage.exists(sha256(big))).toBe(false);
      expect((await getTicket(technician, ticket.id)).attachments.map((file) => file.fileName)).toEqual(["small.log"]);
      expect(await readdir(join(limited.ctx.config.dataDir, "tmp"))).toEqual([]);
    } finally {
      await limited.close();
    }
  });
});
