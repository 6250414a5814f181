import { createHmac } from "node:crypto";
import { safeEqual } from "../../platform/auth/secrets.js";

/**
 * One-click unsubscribe tokens: the user id and an HMAC-SHA256 of it under the server secret
 * (SESSION_SECRET, or the secret generated into DATA_DIR on first run). Nothing is stored; a
 * token cannot be forged or moved to another user without the secret. Rotating the secret
 * voids the links in mails already sent (they then answer 404).
 */
const purpose = "trellis/news-digest-unsubscribe/v1";

function mac(secret: string, userId: string): string {
  return createHmac("sha256", secret).update(`${purpose}:${userId}`).digest("base64url");
}

export function unsubscribeToken(secret: string, userId: string): string {
  return `${userId}.${mac(secret, userId)}`;
}

/** The user a token was made for, or null when it is malformed or its HMAC does not match. */
export function userOfUnsubscribeToken(secret: string, token: string): string | null {
  const dot = token.lastIndexOf(".");
  if (dot <= 0) return null;
  const userId = token.slice(0, dot);
  if (!/^[0-9A-Za-z-]{1,64}$/.test(userId)) return null;
  return safeEqual(token.slice(dot + 1), mac(secret, userId)) ? userId : null;
}

/** "p***@reseller.example": enough for the reader to recognise the address, not to harvest it. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "***";
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}
