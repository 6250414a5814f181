import type { FastifyReply } from "fastify";
import type { Config } from "../../config.js";
import { sessionCookie } from "../access/access.plugin.js";

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(sessionCookie, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: config.secureCookies,
    path: "/",
    signed: true,
    maxAge: config.sessionAbsoluteMinutes * 60,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(sessionCookie, { path: "/", httpOnly: true, sameSite: "lax", secure: config.secureCookies });
}
