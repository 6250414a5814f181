import { z } from "zod";

export const feedTokenState = z.object({
  active: z.boolean(),
  prefix: z.string().nullable().describe("The first characters of the secret URL's token, to recognise it"),
  createdAt: z.string().nullable(),
});

export const createdFeedToken = z.object({ url: z.string().describe("The secret Atom feed URL; shown only in this response") });

export const atomParams = z.object({ token: z.string().min(1).max(200) });

export type FeedTokenState = z.infer<typeof feedTokenState>;
