import type { ProblemCode, ProblemField } from "@trellis/shared";

/** Any error a service throws to answer with a problem+json (RFC 9457). */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly title: string,
    readonly detail?: string,
    readonly extra: { fields?: ProblemField[]; rows?: { row: number; column: string; message: string }[] } = {},
  ) {
    super(detail ?? title);
  }
}

export const notFound = (what: string) => new ProblemError(404, "not_found", "Not found", `${what} was not found`);
export const conflict = (detail: string, code: ProblemCode = "conflict") => new ProblemError(409, code, "Conflict", detail);
export const badRequest = (detail: string, fields?: ProblemField[]) =>
  new ProblemError(400, "validation_failed", "Invalid request", detail, { fields });
export const businessRule = (detail: string, code: ProblemCode = "business_rule") =>
  new ProblemError(422, code, "Not allowed by a business rule", detail);
export const forbidden = (detail = "You do not have permission to do this") => new ProblemError(403, "forbidden", "Forbidden", detail);
export const unauthenticated = (detail = "Sign in first") => new ProblemError(401, "unauthenticated", "Unauthenticated", detail);
