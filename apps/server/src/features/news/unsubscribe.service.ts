import type { AppContext } from "../../platform/context.js";
import { notFound } from "../../platform/http/problem.js";
import { findPreferences, findRecipient } from "./preferences.repository.js";
import { defaultDigest, turnDigestsOff } from "./preferences.service.js";
import type { UnsubscribeState } from "./unsubscribe.schemas.js";
import { maskEmail, userOfUnsubscribeToken } from "./unsubscribe-token.js";

/** The user behind a one-click token; an unknown, tampered or foreign token is 404 like any unknown record. */
async function recipientOf(ctx: AppContext, token: string) {
  const userId = userOfUnsubscribeToken(ctx.config.sessionSecret, token);
  const recipient = userId ? await findRecipient(ctx.db, userId) : undefined;
  if (!recipient) throw notFound("Subscription");
  return recipient;
}

/** What the unsubscribe page shows before the click: whose address (masked) and how often it gets digests. */
export async function getUnsubscribeState(ctx: AppContext, token: string): Promise<UnsubscribeState> {
  const recipient = await recipientOf(ctx, token);
  const preferences = await findPreferences(ctx.db, recipient.id);
  return { email: maskEmail(recipient.email), digestFrequency: preferences?.digest_frequency ?? defaultDigest.frequency };
}

/** RFC 8058 one-click: digests off, no session needed; doing it twice is the same as once. */
export async function unsubscribeByToken(ctx: AppContext, token: string, requestId: string): Promise<UnsubscribeState> {
  const recipient = await recipientOf(ctx, token);
  await turnDigestsOff(ctx, { id: recipient.id, partnerId: recipient.partner_id }, requestId);
  return { email: maskEmail(recipient.email), digestFrequency: "off" };
}
