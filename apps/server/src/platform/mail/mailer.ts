import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import nodemailer from "nodemailer";
import type { Logger } from "pino";
import type { Db } from "../../db/database.js";
import { nowIso } from "../../db/dialect.js";
import { maskTokens } from "../auth/mask.js";
import { uuidv7 } from "../ids.js";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra header lines, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
  /** "<id@host>": a message re-sent after a crash keeps its Message-ID, so it can be recognised. */
  messageId?: string;
}

/**
 * sent: SMTP accepted it; written: it went to the outbox folder; failed: SMTP refused or was
 * unreachable (the error is logged and kept with the message in mail_messages).
 */
export type MailOutcome = "sent" | "written" | "failed";

export interface Mailer {
  send(message: MailMessage): Promise<MailOutcome>;
  transport: "smtp" | "outbox";
}

const from = "Trellis <no-reply@trellis.local>";

/**
 * SMTP when SMTP_URL is set; otherwise each message becomes an .eml file in DATA_DIR/outbox.
 * Either way it is recorded in mail_messages and listed under Admin > Outbox: nothing is
 * silently dropped. Never call inside a database transaction (it does network or disk I/O).
 *
 * With SMTP the stored copy has its link tokens masked: the recipient got the real link, and an
 * admin reading the outbox must not be able to use someone else's invitation or reset. Without
 * SMTP the outbox IS the delivery (a newcomer's set-up), so the links stay usable there.
 */
export function createMailer(options: { db: Db; smtpUrl: string | undefined; dataDir: string; log: Logger }): Mailer {
  const outboxDir = join(options.dataDir, "outbox");
  const smtp = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  const renderer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });

  async function record(
    message: MailMessage,
    fields: { transport: "smtp" | "outbox"; status: "sent" | "written" | "failed"; error?: string; fileName?: string },
  ) {
    await options.db
      .insertInto("mail_messages")
      .values({
        id: uuidv7(),
        to_address: message.to,
        subject: message.subject,
        text_body: fields.transport === "smtp" ? maskTokens(message.text) : message.text,
        html_body: message.html === undefined ? null : fields.transport === "smtp" ? maskTokens(message.html) : message.html,
        transport: fields.transport,
        status: fields.status,
        error: fields.error ?? null,
        file_name: fields.fileName ?? null,
        message_id: message.messageId ?? null,
        created_at: nowIso(),
      })
      .execute();
  }

  return {
    transport: smtp ? "smtp" : "outbox",
    async send(message) {
      const envelope = {
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: message.headers,
        messageId: message.messageId,
      };
      if (smtp) {
        try {
          await smtp.sendMail(envelope);
        } catch (error) {
          options.log.error({ err: error, to: message.to, subject: message.subject }, "mail send failed");
          await record(message, { transport: "smtp", status: "failed", error: String(error) });
          return "failed";
        }
        await record(message, { transport: "smtp", status: "sent" });
        return "sent";
      }
      const info = await renderer.sendMail(envelope);
      mkdirSync(outboxDir, { recursive: true });
      const fileName = `${new Date().toISOString().replace(/[:.]/g, "-")}-${uuidv7()}.eml`;
      writeFileSync(join(outboxDir, fileName), info.message as Buffer);
      await record(message, { transport: "outbox", status: "written", fileName });
      return "written";
    },
  };
}
