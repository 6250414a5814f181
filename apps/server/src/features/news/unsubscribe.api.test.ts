import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nowIso } from "../../db/dialect.js";
import { createPartner, createTestApp, signedIn, type TestApp, testEngines } from "../../testing/harness.js";
import { insertPost } from "./digest-fixtures.js";
import { unsubscribeToken } from "./unsubscribe-token.js";

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP peer on loopback: the digest goes through nodemailer and arrives as bytes. */
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

/** The message's headers, unfolded, by lower-case name. */
function headersOf(raw: string): Map<string, string> {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? "";
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testEngines)("one-click unsubscribe on %s", (engine) => {
  const received: Received[] = [];
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let app: TestApp;
  let rep: Awaited<ReturnType<typeof signedIn>>;
  let admin: Awaited<ReturnType<typeof signedIn>>;
  let partnerId: string;
  let token = "";

  beforeAll(async () => {
    smtp = await startSmtp(received);
    app = await createTestApp(engine, { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    partnerId = (await createPartner(app)).id;
    rep = await signedIn(app, "sales_rep", partnerId);
    admin = await signedIn(app, "vendor_admin");
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  const preferencesOf = (userId: string) => app.ctx.db.selectFrom("news_preferences").selectAll().where("user_id", "=", userId).executeTakeFirst();
  const post = async (url: string, headers: Record<string, string> = {}, payload = "List-Unsubscribe=One-Click") =>
    app.app.inject({ method: "POST", url, headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, payload });

  it("mails the digest through SMTP with List-Unsubscribe, one-click and the digest's Message-ID", async () => {
    const chosen = await rep.client.put("/api/v1/news/preferences", { digestFrequency: "immediate" });
    expect(chosen.statusCode, chosen.body).toBe(200);
    await pause(5);
    await insertPost(app.ctx.db, { title: "Firmware 4.2 is out", publishAt: nowIso(), mustRead: true });
    await pause(5);
    const run = await admin.client.post("/api/v1/news/digests/run-now");
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({ stored: 1, sent: 1, failed: 0 });

    const message = received.find((m) => m.to.includes(rep.user.email));
    expect(message).toBeDefined();
    const headers = headersOf(message?.raw ?? "");
    const listUnsubscribe = headers.get("list-unsubscribe") ?? "";
    expect(listUnsubscribe).toMatch(/^<http:\/\/localhost:3000\/api\/v1\/news\/unsubscribe\/[^>]+>$/);
    expect(headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const digest = await app.ctx.db.selectFrom("news_digests").selectAll().where("user_id", "=", rep.user.id).executeTakeFirstOrThrow();
    expect(headers.get("message-id")).toBe(`<${digest.id}.digest@localhost>`);
    expect(digest.status).toBe("sent");
    expect(headers.get("subject")).toContain("1 new post, 1 must-read");
    expect(message?.raw).toContain("text/html");
    expect(message?.raw).toContain("text/plain");
    token = listUnsubscribe.slice(listUnsubscribe.lastIndexOf("/") + 1, -1);
    expect(token).toBe(unsubscribeToken(app.ctx.config.sessionSecret, rep.user.id));
  });

  it("shows the masked address and the frequency for the web page, and sends a browser to it", async () => {
    const response = await app.app.inject({ method: "GET", url: `/api/v1/news/unsubscribe/${token}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ email: `s***@${rep.user.email.split("@")[1]}`, digestFrequency: "immediate" });
    const browser = await app.app.inject({ method: "GET", url: `/api/v1/news/unsubscribe/${token}`, headers: { accept: "text/html,*/*" } });
    expect(browser.statusCode).toBe(303);
    expect(browser.headers.location).toBe(`http://localhost:3000/unsubscribe/${token}`);
  });

  it("answers a tampered or foreign token with 404 and changes nothing", async () => {
    const before = await preferencesOf(rep.user.id);
    const tampered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    const otherUser = `${admin.user.id}.${token.split(".")[1]}`;
    for (const bad of [tampered, otherUser, "not-a-token", `${rep.user.id}.`]) {
      expect((await post(`/api/v1/news/unsubscribe/${encodeURIComponent(bad)}`)).statusCode, bad).toBe(404);
      expect((await app.app.inject({ method: "GET", url: `/api/v1/news/unsubscribe/${encodeURIComponent(bad)}` })).statusCode).toBe(404);
    }
    expect(await preferencesOf(rep.user.id)).toEqual(before);
  });

  it("turns digests off on a one-click POST without a session, even one marked cross-site, and only once", async () => {
    const response = await post(`/api/v1/news/unsubscribe/${token}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ digestFrequency: "off" });
    expect(await preferencesOf(rep.user.id)).toMatchObject({ digest_frequency: "off", next_digest_at: null });
    // A webmail posting from the browser is cross-site; a JSON body is fine too.
    const again = await app.app.inject({
      method: "POST",
      url: `/api/v1/news/unsubscribe/${token}`,
      headers: { "sec-fetch-site": "cross-site" },
      payload: {},
    });
    expect(again.statusCode, again.body).toBe(200);
    // Signed in in the same browser without the CSRF header, or posted as multipart: still the token that counts.
    const withCookie = await app.app.inject({ method: "POST", url: `/api/v1/news/unsubscribe/${token}`, headers: { cookie: rep.session.cookie } });
    expect(withCookie.statusCode, withCookie.body).toBe(200);
    const multipart = await post(
      `/api/v1/news/unsubscribe/${token}`,
      { "content-type": "multipart/form-data; boundary=x" },
      '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
    );
    expect(multipart.statusCode, multipart.body).toBe(200);
    const audits = await app.ctx.db.selectFrom("audit_log").selectAll().where("action", "=", "news_preferences.unsubscribe").execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ entity_id: rep.user.id, actor_label: "public", partner_id: partnerId });
    expect((await rep.client.get("/api/v1/news/preferences")).json()).toMatchObject({ digestFrequency: "off", nextDigestAt: null });

    // Nothing more is sent to it.
    await insertPost(app.ctx.db, { title: "After the unsubscribe", publishAt: nowIso() });
    await pause(5);
    const mailsBefore = received.filter((m) => m.to.includes(rep.user.email)).length;
    expect((await admin.client.post("/api/v1/news/digests/run-now")).json()).toMatchObject({ stored: 0, sent: 0 });
    expect(received.filter((m) => m.to.includes(rep.user.email))).toHaveLength(mailsBefore);
  });
});
