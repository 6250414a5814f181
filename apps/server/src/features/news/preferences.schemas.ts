import { digestFrequencies } from "@trellis/shared";
import { z } from "zod";

export const digestPreferences = z.object({
  digestFrequency: z.enum(digestFrequencies),
  digestHour: z.number().int().describe("0-23 on the clock of timeZone"),
  digestWeekday: z.number().int().describe("ISO weekday of weekly digests: 1 Monday - 7 Sunday"),
  timeZone: z.string().describe("IANA time zone, e.g. Europe/Berlin"),
  nextDigestAt: z.string().nullable().describe("When the next digest is due (UTC); null when digests are off"),
});

export const digestPreferencesInput = z
  .object({
    digestFrequency: z.enum(digestFrequencies),
    digestHour: z.number().int().min(0).max(23),
    digestWeekday: z.number().int().min(1).max(7),
    timeZone: z.string().trim().min(1).max(64),
  })
  .partial()
  .strict();

export type DigestPreferences = z.infer<typeof digestPreferences>;
export type DigestPreferencesInput = z.infer<typeof digestPreferencesInput>;
