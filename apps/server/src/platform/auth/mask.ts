/**
 * Hides invitation, reset, unsubscribe and Atom feed tokens in URLs and texts kept for people to
 * read (logs, sent mail): whoever reads the outbox must not be able to act as the recipient.
 */
export function maskTokens(text: string): string {
  return text.replace(/(\/(?:invitations|unsubscribe|news\/atom)\/)[^/?#\s"'<>]+/g, "$1[token]").replace(/([?&]token=)[^&#\s"'<]+/g, "$1[token]");
}
