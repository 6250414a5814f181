import { partnerRoles, roles, userStatuses, vendorRoles } from "@trellis/shared";
import { z } from "zod";
import { email, newPassword } from "../auth/auth.schemas.js";

export const user = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  partnerId: z.string().nullable(),
  status: z.enum(userStatuses),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  invitationExpiresAt: z.string().nullable().describe("Expiry of the latest open invitation while the user is invited, else null"),
});

const name = z.string().trim().min(1).max(200);

export const vendorUserInput = z
  .object({ email, name, role: z.enum(vendorRoles, { error: `must be a vendor role: ${vendorRoles.join(", ")}` }) })
  .strict();
export const vendorUserPatch = vendorUserInput.omit({ email: true }).partial().strict();

export const staffInput = z
  .object({ email, name, role: z.enum(partnerRoles, { error: `must be a partner role: ${partnerRoles.join(", ")}` }) })
  .strict();
export const staffPatch = staffInput.omit({ email: true }).partial().strict();

export const vendorUserQuery = z.object({
  q: z.string().trim().max(200).optional().describe("Matches name or email"),
  role: z.enum(vendorRoles).optional(),
  status: z.enum(userStatuses).optional(),
});

export const userList = z.object({ items: z.array(user) });

export const invitationInfo = z.object({
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  partnerName: z.string().nullable(),
  expiresAt: z.string(),
});

export const invitationToken = z.string().min(10).max(200);
export const acceptInvitationBody = z.object({ token: invitationToken, password: newPassword, name: name.optional() }).strict();

export type User = z.infer<typeof user>;
export type VendorUserInput = z.infer<typeof vendorUserInput>;
export type VendorUserPatch = z.infer<typeof vendorUserPatch>;
export type StaffInput = z.infer<typeof staffInput>;
export type StaffPatch = z.infer<typeof staffPatch>;
export type VendorUserQuery = z.infer<typeof vendorUserQuery>;
export type InvitationInfo = z.infer<typeof invitationInfo>;
export type AcceptInvitationBody = z.infer<typeof acceptInvitationBody>;
