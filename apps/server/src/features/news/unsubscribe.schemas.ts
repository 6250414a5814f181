import { digestFrequencies } from "@trellis/shared";
import { z } from "zod";

export const unsubscribeParams = z.object({ token: z.string().min(1).max(200) });

export const unsubscribeState = z.object({
  email: z.string().describe("The address, masked: p***@reseller.example"),
  digestFrequency: z.enum(digestFrequencies),
});

export type UnsubscribeState = z.infer<typeof unsubscribeState>;
