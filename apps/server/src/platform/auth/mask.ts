/** Hides invitation and reset tokens in URLs and texts kept for people to read (logs, sent mail). */
export function maskTokens(text: string): string {
  return text.replace(/(\/invitations\/)[^/?#\s]+/g, "$1[token]").replace(/([?&]token=)[^&#\s"'<]+/g, "$1[token]");
}
