import type { AddressInfo } from "node:net";
import pino from "pino";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../../db/migrate.js";
import { createTestDatabase, testEngines } from "../../testing/harness.js";
import { createMailer } from "./mailer.js";

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP peer on loopback, so the SMTP path is tested end to end. */
async function startSmtp(received: Received[]) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.each(testEngines)("mailer on %s", (engine) => {
  const received: Received[] = [];
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    smtp = await startSmtp(received);
    database = await createTestDatabase(engine);
    await migrateToLatest(database.handle.db);
  });
  afterAll(async () => {
    await smtp.close();
    await database.handle.close();
    await database.drop();
  });

  it("sends through SMTP when SMTP_URL is set and records the message", async () => {
    const mailer = createMailer({
      db: database.handle.db,
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      dataDir: database.dataDir,
      log: pino({ level: "silent" }),
    });
    const outcome = await mailer.send({
      to: "principal@reseller.example",
      subject: "Welcome to the programme",
      text: "Hello, open https://prm.example/invitation?token=s3cr3t-t0ken now",
    });
    expect(outcome).toBe("sent");
    expect(received).toHaveLength(1);
    expect(received[0]?.to).toEqual(["principal@reseller.example"]);
    expect(received[0]?.raw).toContain("Subject: Welcome to the programme");
    const row = await database.handle.db.selectFrom("mail_messages").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ transport: "smtp", status: "sent", to_address: "principal@reseller.example" });
    // The recipient got the real link; the stored copy cannot be used by whoever reads the outbox.
    expect(received[0]?.raw).toContain("s3cr3t-t0ken");
    expect(row.text_body).not.toContain("s3cr3t-t0ken");
    expect(row.text_body).toContain("token=[token]");
  });

  it("records a failed send instead of losing it", async () => {
    const mailer = createMailer({ db: database.handle.db, smtpUrl: "smtp://127.0.0.1:1", dataDir: database.dataDir, log: pino({ level: "silent" }) });
    const outcome = await mailer.send({ to: "someone@reseller.example", subject: "Will fail", text: "x" });
    expect(outcome).toBe("failed");
    const row = await database.handle.db.selectFrom("mail_messages").selectAll().where("subject", "=", "Will fail").executeTakeFirstOrThrow();
    expect(row.status).toBe("failed");
    expect(row.error).toBeTruthy();
  });

  it("sends extra headers and the caller's Message-ID, and keeps the Message-ID with the record", async () => {
    const mailer = createMailer({
      db: database.handle.db,
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      dataDir: database.dataDir,
      log: pino({ level: "silent" }),
    });
    const outcome = await mailer.send({
      to: "rep@reseller.example",
      subject: "With headers",
      text: "x",
      headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
      messageId: "<0190-digest@prm.example>",
    });
    expect(outcome).toBe("sent");
    const raw = received.find((message) => message.to.includes("rep@reseller.example"))?.raw ?? "";
    expect(raw).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(raw).toContain("Message-ID: <0190-digest@prm.example>");
    const row = await database.handle.db.selectFrom("mail_messages").selectAll().where("subject", "=", "With headers").executeTakeFirstOrThrow();
    expect(row.message_id).toBe("<0190-digest@prm.example>");
  });

  it("says the message went to the outbox folder when there is no SMTP", async () => {
    const mailer = createMailer({ db: database.handle.db, smtpUrl: undefined, dataDir: database.dataDir, log: pino({ level: "silent" }) });
    expect(await mailer.send({ to: "tech@reseller.example", subject: "To the outbox", text: "x" })).toBe("written");
  });
});
