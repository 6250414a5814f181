import { nowIso } from "../../db/dialect.js";
import { recordAudit } from "../../platform/audit/audit.js";
import { hashPassword, hashToken } from "../../platform/auth/secrets.js";
import type { AppContext } from "../../platform/context.js";
import { notFound, ProblemError } from "../../platform/http/problem.js";
import { type ClientInfo, startSession } from "../auth/auth.service.js";
import { activateInvitedUser, expireOpenInvitations, findInvitationByHash, markInvitationAccepted } from "./users.repository.js";
import type { AcceptInvitationBody, InvitationInfo } from "./users.schemas.js";

type InvitationRow = NonNullable<Awaited<ReturnType<typeof findInvitationByHash>>>;

const expired = () =>
  new ProblemError(
    410,
    "invalid_token",
    "Invitation expired",
    "This invitation has expired. Ask the person who invited you to send a new invitation.",
  );
const unusable = () => new ProblemError(400, "invalid_token", "Invalid invitation", "This invitation link is not valid or was already used.");

/** An invitation that can still be accepted: open, for a user still waiting, not expired. */
function isOpen(row: InvitationRow | undefined): row is InvitationRow {
  return row !== undefined && row.accepted_at === null && row.status === "invited";
}

const hasExpired = (row: InvitationRow) => Date.parse(row.expires_at) <= Date.now();

/** What the invitation page shows before the invitee chooses a password. */
export async function getInvitationInfo(ctx: AppContext, token: string): Promise<InvitationInfo> {
  const row = await findInvitationByHash(ctx.db, hashToken(token));
  if (!isOpen(row)) throw notFound("Invitation");
  if (hasExpired(row)) throw expired();
  return { email: row.email, name: row.name, role: row.role, partnerName: row.partner_name ?? null, expiresAt: row.expires_at };
}

/** Sets the password, activates the user and signs them in (a new session). */
export async function acceptInvitation(ctx: AppContext, input: AcceptInvitationBody, client: ClientInfo, requestId: string) {
  const tokenHash = hashToken(input.token);
  const check = (row: InvitationRow | undefined): InvitationRow => {
    if (!isOpen(row)) throw unusable();
    if (hasExpired(row)) throw expired();
    return row;
  };
  // Checked before the (deliberately slow) hash so a bad link costs nothing; checked again inside.
  check(await findInvitationByHash(ctx.db, tokenHash));
  const passwordHash = await hashPassword(input.password);
  const userId = await ctx.db.transaction().execute(async (trx) => {
    const invitation = check(await findInvitationByHash(trx, tokenHash));
    const name = input.name ?? invitation.name;
    // The user's row first, conditionally, in the same lock order as a deactivation (users,
    // then invitations): a deactivation that committed meanwhile leaves the user not invited,
    // so nothing changes; one that comes later waits for this transaction and wins.
    const activated = await activateInvitedUser(trx, invitation.user_id, { password_hash: passwordHash, name, updated_at: nowIso() });
    if (!activated) throw unusable();
    // Under the lock: an invitation accepted, expired or replaced meanwhile rolls the activation back.
    const current = await findInvitationByHash(trx, tokenHash);
    if (current === undefined || current.accepted_at !== null) throw unusable();
    if (hasExpired(current)) throw expired();
    if (!(await markInvitationAccepted(trx, invitation.id))) throw unusable();
    await expireOpenInvitations(trx, invitation.user_id);
    await recordAudit(
      trx,
      null,
      {
        action: "user.accept_invitation",
        entityType: "user",
        entityId: invitation.user_id,
        partnerId: invitation.partner_id,
        before: { status: "invited", name: invitation.name },
        after: { status: "active", name },
      },
      requestId,
    );
    return invitation.user_id;
  });
  return startSession(ctx, userId, client);
}
