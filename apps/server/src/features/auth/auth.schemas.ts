import { roles } from "@trellis/shared";
import { z } from "zod";

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "must be an email address" }).max(254));
export const newPassword = z.string().min(10, { message: "must be at least 10 characters" }).max(200);

export const loginBody = z.object({ email, password: z.string().min(1).max(200) }).strict();

export const me = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  partnerId: z.string().nullable(),
  partnerName: z.string().nullable(),
});

export const signedInResponse = z.object({ user: me, csrfToken: z.string() });
export const meResponse = z.object({ user: me.nullable(), csrfToken: z.string().nullable() });

export const sessionInfo = z.object({
  id: z.string(),
  userAgent: z.string(),
  ip: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  current: z.boolean(),
});

export const resetRequestBody = z.object({ email }).strict();
export const resetConfirmBody = z.object({ token: z.string().min(10).max(200), password: newPassword }).strict();

export type Me = z.infer<typeof me>;
